"""Catalogue pages and htmx fragments: who sees what, bad input in place, never a 500."""

import pytest
from sqlalchemy import func, select

from webapp.accounts.models import OrganisationKind, Role
from webapp.catalogue.models import Activity, Category, Phase, Referral, ReferralStatus
from webapp.extensions import db

from ..conftest import HX, counting
from ..factories import make_activity, make_municipality, make_organisation, make_participant, make_referral, make_user

GOOD = {
    "title": "Samhällsorientering på tigrinja",
    "written_in": "sv",
    "category": "community_orientation",
    "phase": "competence",
    "description": "Om livet i Sverige.",
    "place": "Västra Storgatan 12",
    "starts_on": "2026-08-17",
    "ends_on": "2027-06-11",
    "weekdays": ["1", "3"],
    "starts_at": "09:00",
    "ends_at": "12:00",
    "languages": ["ti", "sv"],
    "places": "12",
    "places_free": "5",
    "contact": "Selam, 010-123 45 67",
    "referrers": "any_coach",
    "is_public": "y",
}


def _status(referral_id):
    return db.session.scalar(select(Referral.status).where(Referral.id == referral_id))


def _provider(kind=OrganisationKind.LABOUR_MARKET_UNIT):
    organisation = make_organisation(kind=kind)
    programme = organisation.programme
    kristianstad = make_municipality(name="Kristianstad")
    programme.municipalities.append(kristianstad)
    db.session.commit()
    return make_user(Role.ORGANISATION_ADMIN, organisation, preferred_language="en"), organisation


def test_the_public_page_lists_public_activities_and_no_person(client):
    referral = make_referral(make_activity(title="Öppen aktivitet"))
    make_activity(organisation=referral.activity.organisation, title="Intern aktivitet", is_public=False)
    page = client.get("/activities/")
    assert page.status_code == 200
    assert "Öppen aktivitet" in page.text and "Intern aktivitet" not in page.text
    assert referral.participant.full_name not in page.text and referral.note not in page.text
    detail = client.get(f"/activities/{referral.activity_id}")
    assert detail.status_code == 200 and referral.participant.full_name not in detail.text
    hidden = db.session.scalar(select(Activity.id).where(Activity.title == "Intern aktivitet"))
    assert client.get(f"/activities/{hidden}").status_code == 404


def test_filtering_by_htmx_returns_the_results_fragment_and_the_url_is_shareable(client):
    make_activity(title="Samhällsorientering", languages=("ti",))
    make_activity(title="Hälsa i rörelse")
    fragment = client.get("/activities/?language=ti", headers=HX)
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<section id="catalogue-results"')
    assert "Samhällsorientering" in fragment.text and "Hälsa i rörelse" not in fragment.text
    page = client.get("/activities/?language=ti")
    assert page.text.lstrip().startswith("<!doctype html>") and '<option selected value="ti">' in page.text
    assert "HX-Request" in page.headers["Vary"]


def test_a_bad_filter_is_said_in_place_and_the_rest_still_works(client):
    make_activity(title="Hälsa i rörelse")
    response = client.get("/activities/?on=next+week&category=nonsense", headers={**HX, "Accept-Language": "en"})
    assert response.status_code == 422
    assert (
        "Write a date like 2026-11-23, with a four-digit year." in response.text
        and "Please choose from the list." in response.text
    )
    assert "Hälsa i rörelse" in response.text


def test_filtering_by_kind_and_phase_keeps_them_chosen(client):
    make_activity(title="Samhällsorientering", category=Category.COMMUNITY_ORIENTATION, phase=Phase.COMPETENCE)
    make_activity(title="Hälsa i rörelse")
    page = client.get("/activities/?category=community_orientation&phase=competence")
    assert page.status_code == 200
    assert "Samhällsorientering" in page.text and "Hälsa i rörelse" not in page.text
    assert '<option selected value="community_orientation">' in page.text
    assert '<option selected value="competence">' in page.text
    every = client.get("/activities/?category=&phase=")
    assert every.status_code == 200 and "Hälsa i rörelse" in every.text and "Samhällsorientering" in every.text
    assert every.text.count('<option selected value="">') >= 2  # "All", for kind and phase


def test_paging(client):
    organisation = make_organisation()
    for n in range(25):
        make_activity(organisation=organisation, title=f"Aktivitet {n:02d}")
    first = client.get("/activities/", headers={"Accept-Language": "en"})
    assert "Aktivitet 19" in first.text and "Aktivitet 20" not in first.text and "page=2" in first.text
    second = client.get("/activities/?page=2", headers=HX)
    assert "Aktivitet 20" in second.text and "Aktivitet 19" not in second.text


def test_a_page_past_the_end_is_the_last_page_read_once(client):
    """page=9999 (an old link, a number typed into the address) shows the last page, and the
    public list is read as for any page: its count and its page, not an empty page first and
    then the last one (each a sort of every public activity)."""
    organisation = make_organisation()
    for n in range(25):
        make_activity(organisation=organisation, title=f"Aktivitet {n:02d}")
    second = client.get("/activities/?page=2", headers=HX)
    with counting() as asked:
        past = client.get("/activities/?page=9999", headers=HX)
    assert past.status_code == 200 and past.text == second.text
    assert "Aktivitet 24" in past.text and "Aktivitet 19" not in past.text
    sorted_reads = [sql for sql in asked if "FROM activity" in sql and "ORDER BY activity.title" in sql]
    assert len(sorted_reads) == 1, sorted_reads


def test_a_provider_publishes_an_activity(client, sign_in):
    admin, organisation = _provider()
    sign_in(admin)
    municipality = organisation.programme.municipalities[0]
    form = client.get("/activities/new")
    assert form.status_code == 200 and "Kristianstad" in form.text
    response = client.post(
        "/activities/new", data={**GOOD, "organisation": organisation.id, "municipality": municipality.id}
    )
    assert response.status_code == 303
    activity = db.session.scalar(select(Activity))
    assert activity.languages == ["sv", "ti"] and [t.weekday for t in activity.times] == [1, 3]
    page = client.get(response.headers["Location"])
    assert "Tigrinya" in page.text and "Swedish" in page.text  # given in, written in: named in the reader's language


def test_bad_activity_input_is_said_in_place_and_nothing_is_lost(client, sign_in):
    admin, organisation = _provider()
    sign_in(admin)
    bad = {
        **GOOD,
        "organisation": organisation.id,
        "municipality": organisation.programme.municipalities[0].id,
        "places_free": "-1",
        "ends_on": "2026-08-01",
    }
    response = client.post("/activities/new", data=bad, headers=HX)
    assert response.status_code == 422
    assert response.text.lstrip().startswith("<form")
    assert "Write a number that is 0 or more." in response.text
    assert 'value="Samhällsorientering på tigrinja"' in response.text
    response = client.post("/activities/new", data={**bad, "places_free": "20"}, headers=HX)
    assert "The activity cannot end before it starts." in response.text
    assert "There cannot be more free places than places." in response.text
    assert db.session.scalar(select(func.count(Activity.id))) == 0


def test_a_choice_not_in_the_list_is_refused_in_place(client, sign_in):
    admin, organisation = _provider()
    sign_in(admin)
    good = {**GOOD, "organisation": organisation.id, "municipality": organisation.programme.municipalities[0].id}

    def refused(field, value, message):
        data = {k: v for k, v in {**good, field: value}.items() if v is not None}
        response = client.post("/activities/new", data=data, headers=HX)
        assert response.status_code == 422 and message in response.text, (field, value)
        assert 'value="Samhällsorientering på tigrinja"' in response.text  # nothing typed is lost
        if field != "phase":
            assert '<option selected value="competence">' in response.text  # the other choices stay as chosen

    for field in ("category", "phase", "referrers"):
        refused(field, "nonsense", "Please choose from the list.")
    refused("category", "", "Please fill in this field.")
    refused("referrers", None, "Please choose one.")  # none chosen
    assert db.session.scalar(select(func.count(Activity.id))) == 0


def test_a_provider_cannot_edit_another_providers_activity(client, sign_in):
    admin, _ = _provider()
    other = make_activity()
    sign_in(admin)
    assert client.get(f"/activities/{other.id}/edit").status_code == 404
    response = client.post(f"/activities/{other.id}/edit", data=GOOD, headers=HX)
    assert response.status_code == 404 and response.headers["HX-Retarget"] == "#messages"
    assert db.session.scalar(select(Activity.title).where(Activity.id == other.id)) == "Hälsa i rörelse"


def test_a_coach_refers_and_a_full_activity_offers_the_waiting_list(client, sign_in):
    activity = make_activity(places=1, places_free=0)
    coach = make_user(Role.COACH, make_organisation(programme=activity.programme), preferred_language="en")
    participant = make_participant(coach)
    sign_in(coach)
    data = {"participant": participant.id, "note": "Behöver tolk."}
    response = client.post(f"/activities/{activity.id}/referrals", data=data, headers=HX)
    assert response.status_code == 422
    assert "This activity is full" in response.text and "Put on the waiting list" in response.text
    assert "Behöver tolk." in response.text
    response = client.post(f"/activities/{activity.id}/referrals", data={**data, "waiting_list": "1"}, headers=HX)
    assert response.status_code == 200
    assert db.session.scalar(select(Referral.status)) is ReferralStatus.WAITLISTED


def test_a_coach_cannot_refer_another_organisations_participant(client, sign_in):
    activity = make_activity()
    coach = make_user(Role.COACH, make_organisation(programme=activity.programme))
    stranger = make_user(Role.PARTICIPANT, make_organisation(programme=activity.programme))
    sign_in(coach)
    response = client.post(f"/activities/{activity.id}/referrals", data={"participant": stranger.id}, headers=HX)
    assert response.status_code == 422  # not in the coach's list: a choice they cannot make
    assert db.session.scalar(select(func.count(Referral.id))) == 0


def test_the_provider_sees_only_what_it_needs(client, sign_in):
    activity = make_activity()
    coach = make_user(Role.COACH, make_organisation(programme=activity.programme))
    participant = make_participant(
        coach, full_name="ሰምሃር ተስፋይ ገብረ", short_name="Semhar", preferred_language="ti", sign_in_name="10009999"
    )
    referral = make_referral(activity, participant=participant, coach=coach, contact="070-111 22 33")
    admin = make_user(Role.ORGANISATION_ADMIN, activity.organisation, preferred_language="en")
    sign_in(admin)
    page = client.get("/activities/referrals")
    assert "Semhar" in page.text and "Tigrinya" in page.text and "Behöver tolk." in page.text
    assert "070-111 22 33" in page.text
    assert "ሰምሃር ተስፋይ ገብረ" not in page.text and "10009999" not in page.text
    response = client.post(f"/activities/referrals/{referral.id}/decision", data={"decision": "accept"}, headers=HX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article id="catalogue-referral-{referral.id}"')
    assert "ሰምሃር ተስፋይ ገብረ" not in response.text
    assert _status(referral.id) is ReferralStatus.ACCEPTED


def test_another_provider_cannot_see_or_answer_a_referral(client, sign_in):
    referral = make_referral()
    admin, _ = _provider()
    sign_in(admin)
    assert referral.participant.called not in client.get("/activities/referrals").text
    response = client.post(f"/activities/referrals/{referral.id}/decision", data={"decision": "accept"}, headers=HX)
    assert response.status_code == 404
    assert client.post(f"/activities/referrals/{referral.id}/decision", data={"decision": "accept"}).status_code == 404
    response = client.post(
        f"/activities/referrals/{referral.id}/completion",
        headers=HX,
        data={f"r{referral.id}-outcome": "done", f"r{referral.id}-on": "2026-11-20"},
    )
    assert response.status_code == 404
    assert _status(referral.id) is ReferralStatus.REFERRED


def test_accepting_when_full_says_so_without_a_500(client, sign_in):
    activity = make_activity(places=1, places_free=0)
    referral = make_referral(activity)
    sign_in(make_user(Role.ORGANISATION_ADMIN, activity.organisation, preferred_language="en"))
    response = client.post(f"/activities/referrals/{referral.id}/decision", data={"decision": "accept"}, headers=HX)
    assert response.status_code == 422 and "There is no free place left" in response.text


def test_the_coach_records_completion_and_mistakes_are_said_in_place(client, sign_in):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    sign_in(referral.coach)
    page = client.get(f"/activities/participants/{referral.participant_id}")
    assert page.status_code == 200 and referral.activity.title in page.text
    url = f"/activities/referrals/{referral.id}/completion"
    bad = client.post(url, data={f"r{referral.id}-outcome": "done", f"r{referral.id}-on": "igår"}, headers=HX)
    assert bad.status_code == 422 and "2026-11-23" in bad.text
    good = client.post(
        url, data={f"r{referral.id}-outcome": "dropped_out", f"r{referral.id}-on": "2026-11-20"}, headers=HX
    )
    assert good.status_code == 200
    assert _status(referral.id) is ReferralStatus.DROPPED_OUT


def test_an_outcome_not_offered_is_refused_in_place(client, sign_in):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    sign_in(referral.coach)
    url = f"/activities/referrals/{referral.id}/completion"
    for outcome in ("nonsense", "accepted"):  # accepted is a status, but not an ending
        bad = client.post(
            url, data={f"r{referral.id}-outcome": outcome, f"r{referral.id}-on": "2026-11-20"}, headers=HX
        )
        assert bad.status_code == 422 and "Välj något i listan." in bad.text and 'value="2026-11-20"' in bad.text
    assert _status(referral.id) is ReferralStatus.ACCEPTED


def test_a_coach_cannot_see_another_organisations_participants_activities(client, sign_in):
    referral = make_referral()
    sign_in(make_user(Role.COACH))
    assert client.get(f"/activities/participants/{referral.participant_id}").status_code == 404
    assert client.get(f"/activities/participants/{referral.participant_id}", headers=HX).status_code == 404


def test_the_participant_sees_accepted_activities_on_their_pages(client, sign_in):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    hidden = make_referral(make_activity(title="Annan aktivitet"), participant=referral.participant)
    sign_in(referral.participant)
    mine = client.get("/activities/mine")
    assert mine.status_code == 200 and referral.activity.title in mine.text and "Annan aktivitet" not in mine.text
    fragment = client.get("/activities/mine", headers=HX)
    assert fragment.text.lstrip().startswith('<section id="catalogue-mine"')
    home = client.get("/home/participant")
    assert referral.activity.title in home.text and hidden.activity.title not in home.text


def test_a_participant_sees_no_one_elses_activities(client, sign_in):
    referral = make_referral(status=ReferralStatus.ACCEPTED, activity=make_activity(title="Någon annans"))
    sign_in(make_user(Role.PARTICIPANT, referral.participant.memberships[0].organisation))
    assert "Någon annans" not in client.get("/activities/mine").text
    assert "Någon annans" not in client.get("/home/participant").text


def test_the_catalogue_speaks_four_languages(client):
    make_activity(languages=("ti",))
    for code, word in (("sv", "tigrinja"), ("en", "Tigrinya"), ("ar", "التغرينية"), ("ti", "ትግርኛ")):
        client.set_cookie("lang", code)
        page = client.get("/activities/")
        assert f'lang="{code}"' in page.text and word in page.text


def test_a_provider_changes_its_own_activity(client, sign_in):
    admin, organisation = _provider()
    activity = make_activity(organisation=organisation, municipality=organisation.programme.municipalities[0])
    sign_in(admin)
    form = client.get(f"/activities/{activity.id}/edit")
    assert form.status_code == 200 and 'value="Hälsa i rörelse"' in form.text
    response = client.post(
        f"/activities/{activity.id}/edit",
        data={
            **GOOD,
            "organisation": organisation.id,
            "municipality": activity.municipality_id,
            "title": "Hälsa och rörelse",
        },
    )
    assert response.status_code == 303
    assert db.session.scalar(select(Activity.title).where(Activity.id == activity.id)) == "Hälsa och rörelse"
    assert db.session.scalar(select(func.count(Activity.id))) == 1


def test_an_activity_saved_again_with_the_same_days_and_languages_is_saved(client, sign_in):
    """Keeping Monday (and Swedish) used to meet its own old row: a unique violation, a 500."""
    admin, organisation = _provider()
    activity = make_activity(organisation=organisation, municipality=organisation.programme.municipalities[0])
    sign_in(admin)
    data = {
        **GOOD,
        "organisation": organisation.id,
        "municipality": activity.municipality_id,
        "weekdays": ["0", "2"],
        "languages": ["sv"],
    }
    assert client.post(f"/activities/{activity.id}/edit", data=data).status_code == 303
    assert client.post(f"/activities/{activity.id}/edit", data=data).status_code == 303
    db.session.expire_all()
    assert [t.weekday for t in activity.times] == [0, 2] and activity.languages == ["sv"]


def test_without_javascript_a_decision_goes_back_to_the_list(client, sign_in):
    referral = make_referral()
    sign_in(make_user(Role.ORGANISATION_ADMIN, referral.activity.organisation))
    response = client.post(f"/activities/referrals/{referral.id}/decision", data={"decision": "waitlist"})
    assert response.status_code == 303 and response.headers["Location"] == "/activities/referrals"
    assert _status(referral.id) is ReferralStatus.WAITLISTED
    bad = client.post(f"/activities/referrals/{referral.id}/decision", data={"decision": "maybe"}, headers=HX)
    assert bad.status_code == 422


def test_someone_without_a_provider_organisation_is_told_how_to_publish(client, sign_in):
    sign_in(make_user(Role.COACH, make_organisation(kind=OrganisationKind.ASSOCIATION), preferred_language="en"))
    response = client.get("/activities/new")
    assert response.status_code == 303
    assert "admin of a provider organisation" in client.get(response.headers["Location"]).text


@pytest.mark.parametrize("role", [Role.ORGANISATION_ADMIN, Role.COACH])
def test_the_referral_section_is_labelled_only_by_a_heading_that_is_there(client, sign_in, role):
    activity = make_activity()
    sign_in(make_user(role, make_organisation(programme=activity.programme)))
    page = client.get(f"/activities/{activity.id}").text
    if 'aria-labelledby="refer-heading"' in page:
        assert 'id="refer-heading"' in page
    assert 'id="catalogue-refer"' in page
