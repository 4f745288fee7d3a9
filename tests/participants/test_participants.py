"""Coaches add participants and give them invitations; only their own organisation's."""

from sqlalchemy import select

from webapp.accounts.models import Role, User
from webapp.extensions import db

from ..conftest import HX
from ..factories import make_enrolment, make_municipality, make_user

ENTRY = {
    "gender": "woman",
    "birth_year": "1990",
    "education": "isced_0_2",
    "labour_status": "unemployed_long",
    "starts_on": "2026-11-23",
    "consent": "y",
    "consent_on": "2026-11-23",
    "consent_purpose": "Planning",
}


def test_coach_adds_a_participant_and_sees_the_invitation_once(client, sign_in):
    coach = make_user(Role.COACH)
    sign_in(coach)
    municipality = make_municipality()
    coach.memberships[0].organisation.programme.municipalities.append(municipality)
    db.session.commit()
    response = client.post(
        "/participants/new",
        data={
            "full_name": "ሰምሃር ተስፋይ",
            "short_name": "Semhar",
            "language": "ti",
            "municipality": municipality.id,
            **ENTRY,
        },
    )
    assert response.status_code == 303
    participant = db.session.scalar(select(User).where(User.full_name == "ሰምሃር ተስፋይ"))
    assert participant.roles == {Role.PARTICIPANT}
    assert participant.memberships[0].organisation == coach.memberships[0].organisation
    assert participant.sign_in_name.isdigit() and len(participant.sign_in_name) == 8
    page = client.get(response.headers["Location"])
    assert "/invitation/" in page.text and "<svg" in page.text
    again = client.get(response.headers["Location"])
    assert "/invitation/" not in again.text, "the secret link is shown only right after it is made"


def test_the_new_participant_form_explains_mistakes_in_place(client, sign_in):
    sign_in(make_user(Role.COACH, preferred_language="en"))
    response = client.post(
        "/participants/new", data={"full_name": "", "short_name": "x" * 101, "language": "xx"}, headers=HX
    )
    assert response.status_code == 422
    assert response.text.lstrip().startswith("<form")
    assert "Please fill in this field." in response.text
    assert "Please write at most 100 characters." in response.text
    assert db.session.scalar(select(User).where(User.short_name.is_not(None))) is None


def test_coach_makes_a_new_invitation_by_htmx(client, sign_in):
    enrolment = make_enrolment()
    coach, participant = enrolment.responsible_coach, enrolment.participant
    sign_in(coach)
    response = client.post(f"/participants/{participant.id}/invitation", headers=HX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="participants-invitation"')
    assert "/invitation/" in response.text


def test_coach_cannot_see_or_invite_another_organisations_participant(client, sign_in):
    coach = make_user(Role.COACH)
    stranger = make_enrolment().participant
    sign_in(coach)
    assert client.get(f"/participants/{stranger.id}").status_code == 404
    response = client.post(f"/participants/{stranger.id}/invitation", headers=HX)
    assert response.status_code == 404
    assert response.headers["HX-Retarget"] == "#messages"
    assert stranger.full_name not in client.get("/home/coach").text


def test_a_supervisor_cannot_add_participants(client, sign_in):
    sign_in(make_user(Role.SUPERVISOR))
    assert client.post("/participants/new", data={"full_name": "X", "language": "sv"}).status_code == 403
    assert db.session.scalar(select(User).where(User.full_name == "X")) is None


def test_the_participant_page_links_to_every_part_of_their_record(client, sign_in):
    from ..factories import make_participant

    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    sign_in(coach)
    page = client.get(f"/participants/{participant.id}").text
    for path in (
        f"/participants/{participant.id}/plan",
        f"/participants/{participant.id}/placements",
        f"/activities/participants/{participant.id}",
        f"/feedback/participants/{participant.id}",
    ):
        assert f'href="{path}"' in page
        assert client.get(path).status_code == 200, path
