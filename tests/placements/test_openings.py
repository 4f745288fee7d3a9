"""Employers keep a profile and post openings; coaches browse them, filtered, fast."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from webapp.accounts.models import OrganisationKind, Role
from webapp.extensions import db
from webapp.placements import openings
from webapp.placements.models import Collaboration, EmployerProfile, Opening, OpeningStatus, PlacementKind, Sector

from ..conftest import HX, counting
from ..factories import make_employer, make_municipality, make_opening, make_organisation, make_user

OPENING_FORM = {
    "title": "Café och kassa",
    "kind": "internship",
    "tasks": "Baka, servera, ta betalt.",
    "written_in": "sv",
    "hours_per_week": "15",
    "usual_days": ["0", "2"],
    "place": "Torget 2",
    "municipality": "",
    "starts_on": "2026-12-07",
    "places": "2",
    "languages": ["sv", "ar"],
    "adaptations": ["quiet_space"],
    "supervisor": "",
    "status": "open",
}


def count_openings():
    return db.session.scalar(select(func.count(Opening.id)))


def test_a_supervisor_posts_an_opening_from_a_phone_form(client, sign_in):
    employer = make_employer(OrganisationKind.SOCIAL_ENTERPRISE)
    supervisor = make_user(Role.SUPERVISOR, employer)
    sign_in(supervisor)
    assert client.get("/openings/new").status_code == 200
    response = client.post("/openings/new", data={**OPENING_FORM, "supervisor": str(supervisor.id)})
    assert response.status_code == 303
    opening = db.session.scalar(select(Opening))
    assert (opening.title, opening.places, opening.weekdays, opening.languages, opening.adaptations) == (
        "Café och kassa",
        2,
        [0, 2],
        ["ar", "sv"],
        ["quiet_space"],
    )
    assert opening.supervisor_id == supervisor.id and opening.programme_id == employer.programme_id
    page = client.get(f"/openings/{opening.id}").get_data(as_text=True)
    assert "Skrivet på Svenska" in page or "Written in" in page


@pytest.mark.parametrize("places, message", [("0", "från 1 till 100"), ("-3", "från 1 till 100"), ("två", "heltal")])
def test_zero_or_negative_places_are_refused_in_place(client, sign_in, places, message):
    sign_in(make_user(Role.SUPERVISOR, make_employer()))
    response = client.post("/openings/new", data={**OPENING_FORM, "places": places}, headers=HX)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'id="placements-opening-form"' in body and message in body
    assert "Café och kassa" in body  # nothing typed is lost
    assert count_openings() == 0


def test_the_service_refuses_zero_places_too(app):
    employer = make_employer()
    data = openings.OpeningData(
        title="x",
        kind=PlacementKind.OTHER,
        tasks="y",
        hours_per_week=10,
        usual_days=[],
        place=None,
        municipality_id=None,
        starts_on=date(2026, 12, 1),
        places=0,
        languages=[],
        adaptations=[],
        supervisor_id=None,
        status=OpeningStatus.OPEN,
        written_in="sv",
    )
    with pytest.raises(openings.InvalidOpening):
        openings.save_opening(employer, data)
    assert count_openings() == 0


def test_an_employer_edits_its_own_opening(client, sign_in):
    opening = make_opening()
    sign_in(make_user(Role.ORGANISATION_ADMIN, opening.organisation))
    response = client.post(f"/openings/{opening.id}/edit", data={**OPENING_FORM, "status": "paused"})
    assert response.status_code == 303
    db.session.refresh(opening)
    assert opening.status is OpeningStatus.PAUSED and opening.title == "Café och kassa"


def _employer_in_a_municipality():
    osby = make_municipality()
    employer = make_employer(municipality_id=osby.id)
    employer.programme.municipalities.append(osby)
    db.session.commit()
    return employer


def test_the_edit_form_shows_the_opening_as_saved_and_once_sent_only_what_was_sent(client, sign_in):
    employer = _employer_in_a_municipality()
    supervisor = make_user(Role.SUPERVISOR, employer)
    opening = make_opening(
        employer, languages=("ar",), adaptations=("quiet_space",), usual_days=0b101, supervisor_id=supervisor.id
    )
    sign_in(make_user(Role.ORGANISATION_ADMIN, employer))
    page = client.get(f"/openings/{opening.id}/edit").get_data(as_text=True)
    assert 'value="Lager"' in page and 'value="20"' in page and 'value="2026-12-01"' in page
    assert f'<option selected value="{supervisor.id}">' in page
    assert f'<option selected value="{employer.municipality_id}">' in page
    checked = re.findall(r'<input checked[^>]*name="(\w+)"[^>]*value="(\w+)"', page)
    assert sorted(checked) == [
        ("adaptations", "quiet_space"),
        ("languages", "ar"),
        ("usual_days", "0"),
        ("usual_days", "2"),
    ]
    without_title = {name: value for name, value in OPENING_FORM.items() if name != "title"}
    sent = client.post(f"/openings/{opening.id}/edit", data=without_title, headers=HX)
    body = sent.get_data(as_text=True)
    assert sent.status_code == 422 and 'value="Lager"' not in body and 'value="15"' in body  # not the saved 20
    db.session.refresh(opening)
    assert opening.title == "Lager" and opening.hours_per_week == 20


def test_the_profile_form_shows_the_saved_municipality_and_once_sent_only_what_was_sent(client, sign_in):
    employer = _employer_in_a_municipality()
    sign_in(make_user(Role.ORGANISATION_ADMIN, employer))
    page = client.get(f"/employers/{employer.id}/profile").get_data(as_text=True)
    assert f'<option selected value="{employer.municipality_id}">' in page
    sent = client.post(f"/employers/{employer.id}/profile", data={"kind": "Second hand"}, headers=HX)
    body = sent.get_data(as_text=True)
    assert sent.status_code == 422 and "Välj ett alternativ." in body  # no sector sent: not the saved one
    assert "<option selected" not in body  # nor the saved municipality


def test_an_opening_of_another_employer_is_not_found(client, sign_in):
    opening = make_opening()
    sign_in(make_user(Role.SUPERVISOR, make_employer()))
    assert client.get(f"/openings/{opening.id}/edit").status_code == 404
    assert client.post(f"/openings/{opening.id}/edit", data=OPENING_FORM).status_code == 404
    response = client.post(f"/openings/{opening.id}/edit", data=OPENING_FORM, headers=HX)
    assert response.status_code == 404 and response.headers["HX-Retarget"] == "#messages"
    db.session.refresh(opening)
    assert opening.title == "Lager"


def test_an_organisation_admin_keeps_the_employer_profile(client, sign_in):
    employer = make_employer(OrganisationKind.SOCIAL_ENTERPRISE)
    sign_in(make_user(Role.ORGANISATION_ADMIN, employer))
    form = {
        "sector": "social_economy",
        "kind": "Second hand",
        "municipality": "",
        "address": "Kvarngatan 3",
        "contact_person": "Maria",
        "collaboration": "agreement_signed",
        "agreement_signed_on": "",
    }
    missing = client.post(f"/employers/{employer.id}/profile", data=form, headers=HX)
    assert missing.status_code == 422 and "Skriv datumet" in missing.get_data(as_text=True)
    make_user(Role.SUPERVISOR, employer, full_name="Nils Åberg")
    assert "Nils Åberg" in client.get(f"/employers/{employer.id}/profile").get_data(as_text=True)
    saved = client.post(f"/employers/{employer.id}/profile", data={**form, "agreement_signed_on": "2026-03-01"})
    assert saved.status_code == 303
    profile = db.session.scalar(select(EmployerProfile))
    assert (profile.collaboration, profile.agreement_signed_on, profile.kind) == (
        Collaboration.AGREEMENT_SIGNED,
        date(2026, 3, 1),
        "Second hand",
    )


@pytest.mark.parametrize("field, value", [("kind", "holiday"), ("kind", ""), ("status", "archived"), ("status", "")])
def test_a_type_or_status_not_in_the_list_is_refused_in_place(client, sign_in, field, value):
    sign_in(make_user(Role.SUPERVISOR, make_employer()))
    response = client.post("/openings/new", data={**OPENING_FORM, field: value}, headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "Välj ett av alternativen i listan." in body
    assert "Café och kassa" in body and count_openings() == 0  # nothing typed is lost
    other = "status" if field == "kind" else "kind"
    assert f'<option selected value="{OPENING_FORM[other]}">' in body  # the other choice stays as chosen


def test_a_sector_or_collaboration_not_in_the_list_is_refused_in_place(client, sign_in):
    employer = make_employer()
    sign_in(make_user(Role.ORGANISATION_ADMIN, employer))
    form = {"sector": "private", "kind": "Second hand", "collaboration": "interested", "address": "Kvarngatan 3"}
    for field in ("sector", "collaboration"):
        response = client.post(f"/employers/{employer.id}/profile", data={**form, field: "maybe"}, headers=HX)
        body = response.get_data(as_text=True)
        assert response.status_code == 422 and "Välj ett alternativ." in body and "Kvarngatan 3" in body
    assert db.session.scalar(select(EmployerProfile.address)) is None  # the factory's profile, unchanged


def test_a_supervisor_may_not_change_the_profile_nor_another_admin(client, sign_in):
    employer = make_employer()
    sign_in(make_user(Role.SUPERVISOR, employer))
    assert client.get(f"/employers/{employer.id}/profile").status_code == 403
    sign_in(make_user(Role.ORGANISATION_ADMIN, make_employer()))
    assert client.get(f"/employers/{employer.id}/profile").status_code == 404


def _coach_of(programme):
    return make_user(Role.COACH, make_organisation(programme))


def test_browse_filters_by_municipality_sector_type_language_and_adaptation(app):
    osby, ystad = make_municipality(), make_municipality()
    public = make_employer(OrganisationKind.PUBLIC_EMPLOYER, municipality_id=osby.id)
    social = make_employer(OrganisationKind.SOCIAL_ENTERPRISE, programme=public.programme, municipality_id=ystad.id)
    a = make_opening(public, languages=("sv", "ti"), adaptations=("step_free",))
    b = make_opening(social, languages=("ar",), adaptations=("quiet_space",), kind=PlacementKind.INTERNSHIP)
    make_opening(social, status=OpeningStatus.CLOSED)
    make_opening(make_employer())  # another programme
    coach = _coach_of(public.programme)
    ids = lambda **f: [o.id for o in openings.browse(coach, openings.Filters(**f)).items]  # noqa: E731
    assert ids() == [a.id, b.id]
    assert ids(municipality=osby.id) == [a.id]
    assert ids(sector=Sector.SOCIAL_ECONOMY) == [b.id]
    assert ids(kind=PlacementKind.INTERNSHIP) == [b.id]
    assert ids(language="ti") == [a.id]
    assert ids(adaptation="quiet_space") == [b.id]
    assert ids(language="ti", adaptation="quiet_space") == []


def test_browse_page_and_fragment_share_one_url(client, sign_in):
    opening = make_opening(title="Trädgård")
    sign_in(_coach_of(opening.organisation.programme))
    page = client.get("/openings/?kind=work_trial")
    assert page.status_code == 200 and '<form method="get"' in page.get_data(as_text=True)
    fragment = client.get("/openings/?kind=work_trial", headers=HX).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="placements-results"') and "Trädgård" in fragment
    assert "Trädgård" not in client.get("/openings/?kind=internship", headers=HX).get_data(as_text=True)
    assert "HX-Request" in page.headers["Vary"]
    # Nonsense in the URL is ignored, not a 500.
    assert client.get("/openings/?kind=nonsense&page=-4&municipality=x&language=zz").status_code == 200


def test_browse_pages_through_many_openings(client, sign_in):
    employer = make_employer()
    for n in range(45):
        make_opening(employer, title=f"Opening {n:02d}", starts_on=date(2026, 12, 1 + n % 28))
    sign_in(_coach_of(employer.programme))
    third = client.get("/openings/?page=3", headers=HX).get_data(as_text=True)
    assert "45 lediga platser" in third and third.count('class="written-in') == 5
    assert "Sida 3 av 3" in third


def test_participants_browse_only_where_the_programme_allows(client, sign_in):
    opening = make_opening()
    participant = make_user(Role.PARTICIPANT, make_organisation(opening.organisation.programme))
    sign_in(participant)
    assert client.get("/openings/").status_code == 404
    assert client.get(f"/openings/{opening.id}").status_code == 404
    openings.set_participants_may_browse(opening.programme_id, True)
    db.session.commit()
    assert client.get("/openings/").status_code == 200
    assert client.get(f"/openings/{opening.id}").status_code == 200


def test_a_programme_admin_turns_participant_browsing_on(client, sign_in):
    admin = make_user(Role.PROGRAMME_ADMIN)
    sign_in(admin)
    assert client.post("/openings/settings", data={"participants_may_browse": "y"}).status_code == 303
    assert openings.participants_may_browse(admin.memberships[0].organisation.programme_id)


def test_the_search_makes_the_same_number_of_queries_for_many_openings(client, sign_in, app):
    employer = make_employer()
    coach = _coach_of(employer.programme)
    sign_in(coach)

    def queries_for_page():
        with counting() as statements:
            assert client.get("/openings/?language=sv").status_code == 200
        return len(statements)

    make_opening(employer, adaptations=("quiet_space",))
    few = queries_for_page()
    for _ in range(30):
        make_opening(make_employer(programme=employer.programme), languages=("sv", "ar"), adaptations=("step_free",))
    assert queries_for_page() == few


def test_a_form_with_fields_missing_is_answered_not_crashed(client, sign_in):
    employer = make_employer()
    sign_in(make_user(Role.ORGANISATION_ADMIN, employer))
    assert client.post("/openings/new", data={"title": "Bara rubrik"}, headers=HX).status_code == 422
    assert (
        client.post(
            f"/employers/{employer.id}/profile", data={"sector": "public", "collaboration": "paused"}
        ).status_code
        == 303
    )
    assert count_openings() == 0


def test_a_municipality_number_too_big_for_the_database_is_no_filter(client, sign_in):
    opening = make_opening(title="Trädgård")
    sign_in(_coach_of(opening.organisation.programme))
    for headers in ({}, HX):
        reply = client.get("/openings/?municipality=99999999999999999999", headers=headers)
        assert reply.status_code == 200 and "Trädgård" in reply.get_data(as_text=True)
