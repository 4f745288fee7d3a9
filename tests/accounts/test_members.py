"""An organisation's people: its admins and its programme's admins see them, no one else."""

from sqlalchemy import select

from webapp.accounts.models import Role, User
from webapp.extensions import db
from webapp.outbox.models import OutboxMessage

from ..conftest import HX
from ..factories import make_organisation, make_programme, make_user

NEW_MEMBER = {"full_name": "ሄለን ኣብርሃ", "email": "Helen@Example.org", "role": "supervisor", "language": "ti"}


def test_organisation_admin_sees_own_members(client, sign_in):
    admin = make_user(Role.ORGANISATION_ADMIN)
    organisation = admin.memberships[0].organisation
    colleague = make_user(Role.COACH, organisation)
    sign_in(admin)
    page = client.get(f"/organisations/{organisation.id}")
    assert page.status_code == 200
    assert colleague.full_name in page.text


def test_organisation_admin_cannot_see_another_organisations_people(client, sign_in):
    admin = make_user(Role.ORGANISATION_ADMIN)
    other = make_organisation(admin.memberships[0].organisation.programme)
    stranger = make_user(Role.COACH, other)
    sign_in(admin)
    for headers in ({}, HX):
        response = client.get(f"/organisations/{other.id}", headers=headers)
        assert response.status_code == 404
        assert stranger.full_name not in response.text
    response = client.post(f"/organisations/{other.id}/members", data=NEW_MEMBER, headers=HX)
    assert response.status_code == 404
    assert db.session.scalar(select(User).where(User.email == "helen@example.org")) is None


def test_programme_admin_sees_organisations_of_their_programme_only(client, sign_in):
    admin = make_user(Role.PROGRAMME_ADMIN)
    programme = admin.memberships[0].organisation.programme
    ours = make_organisation(programme, name="Kvarnen Återbruk")
    theirs = make_organisation(make_programme(), name="Annan kommun AB")
    sign_in(admin)
    home = client.get("/home/programme").text
    assert ours.name in home and theirs.name not in home
    assert client.get(f"/organisations/{ours.id}").status_code == 200
    assert client.get(f"/organisations/{theirs.id}").status_code == 404


def test_coach_cannot_open_organisation_pages(client, sign_in):
    coach = make_user(Role.COACH)
    sign_in(coach)
    assert client.get(f"/organisations/{coach.memberships[0].organisation.id}").status_code == 403


def test_adding_a_staff_member_by_htmx_updates_the_list_and_mails_an_invitation(client, sign_in):
    admin = make_user(Role.ORGANISATION_ADMIN)
    organisation = admin.memberships[0].organisation
    sign_in(admin)
    response = client.post(f"/organisations/{organisation.id}/members", data=NEW_MEMBER, headers=HX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="accounts-members">')
    assert "ሄለን ኣብርሃ" in response.text
    assert 'hx-swap-oob="true"' in response.text, "the confirmation reaches the message region"
    member = db.session.scalar(select(User).where(User.email == "helen@example.org"))
    assert member.roles == {Role.SUPERVISOR}
    mail = db.session.scalar(select(OutboxMessage))
    assert mail.to_address == "helen@example.org" and "/invitation/" in mail.delivery["text"]
    assert "/invitation/" not in mail.body + mail.html_body, "the kept copy holds no live link"


def test_adding_a_member_with_bad_input_keeps_what_was_typed(client, sign_in):
    admin = make_user(Role.ORGANISATION_ADMIN, preferred_language="en")
    organisation = admin.memberships[0].organisation
    sign_in(admin)
    response = client.post(
        f"/organisations/{organisation.id}/members",
        headers=HX,
        data={**NEW_MEMBER, "email": "not-an-email", "role": "programme_admin"},
    )
    assert response.status_code == 422
    assert "Please write a whole email address" in response.text
    assert "ሄለን ኣብርሃ" in response.text


def test_an_email_already_in_use_is_refused_with_a_message(client, sign_in):
    admin = make_user(Role.ORGANISATION_ADMIN, preferred_language="en")
    make_user(Role.COACH, email="helen@example.org", sign_in_name="helen@example.org")
    sign_in(admin)
    response = client.post(f"/organisations/{admin.memberships[0].organisation.id}/members", data=NEW_MEMBER)
    assert response.status_code == 422
    assert "Someone in Vägen already has this email." in response.text
