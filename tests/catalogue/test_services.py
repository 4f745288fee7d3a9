"""Catalogue services: who may see and publish, referring, answering, completion, reporting."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from werkzeug.exceptions import NotFound

from webapp.accounts.models import OrganisationKind, Role
from webapp.catalogue import reports, search, services
from webapp.catalogue.models import Category, ReferralStatus, Referrers
from webapp.extensions import db
from webapp.week import items_for

from ..conftest import counting
from ..factories import make_activity, make_organisation, make_participant, make_referral, make_user


def test_the_public_sees_public_activities_and_staff_their_programmes_too(app):
    public = make_activity(title="Öppen")
    hidden = make_activity(organisation=public.organisation, title="Intern", is_public=False)
    elsewhere = make_activity(title="Annat program", is_public=False)
    coach = make_user(Role.COACH, make_organisation(programme=public.programme))
    assert [a.title for a in search.search(None, search.Filters()).items] == ["Öppen"]
    assert {a.title for a in search.search(coach, search.Filters()).items} == {"Öppen", "Intern"}
    assert services.activity_for_viewer(coach, hidden.id) == hidden
    with pytest.raises(NotFound):
        services.activity_for_viewer(None, hidden.id)
    with pytest.raises(NotFound):
        services.activity_for_viewer(coach, elsewhere.id)


def test_filters_narrow_the_list(app):
    tigrinya = make_activity(
        title="Samhällsorientering", languages=("ti", "sv"), category=Category.COMMUNITY_ORIENTATION, places_free=0
    )
    make_activity(
        organisation=tigrinya.organisation, title="Hälsa", starts_on=date(2027, 1, 1), continuous_intake=False
    )
    everything = search.Filters()
    assert search.search(None, everything).total == 2
    assert [a.title for a in search.search(None, search.Filters(language="ti")).items] == ["Samhällsorientering"]
    assert search.search(None, search.Filters(category=Category.HEALTH_ACTIVITY)).total == 1
    assert search.search(None, search.Filters(municipality_id=tigrinya.municipality_id)).total == 1
    assert [a.title for a in search.search(None, search.Filters(free_only=True)).items] == ["Hälsa"]
    assert [a.title for a in search.search(None, search.Filters(on=date(2026, 11, 23))).items] == [
        "Samhällsorientering"
    ]
    assert search.search(None, search.Filters(text="ORIENT")).total == 1


def test_search_takes_the_same_number_of_queries_however_many_activities(app):
    def queries_for_a_page():
        with counting() as statements:
            page = search.search(None, search.Filters(), per_page=20)
            [(a.organisation.name, a.municipality.name, a.languages, a.times) for a in page.items]
        return len(statements)

    organisation = make_organisation()
    for n in range(3):
        make_activity(organisation=organisation, title=f"A{n}")
    few = queries_for_a_page()
    for n in range(30):
        make_activity(organisation=organisation, title=f"B{n}")
    assert queries_for_a_page() == few <= 4


def test_a_page_is_sorted_by_its_keys_and_only_its_own_activities_are_read_whole(app):
    """A deep page of a long catalogue sorts ids and titles, not every activity's whole row
    (descriptions, search text): the page of ids is cut first, and its activities joined."""
    organisation = make_organisation()
    for n in range(45):
        make_activity(organisation=organisation, title=f"Kurs {n:02d}")
    pages = []
    for number in (1, 2, 3):
        with counting() as statements:
            pages.append([a.title for a in search.search(None, search.Filters(page=number), per_page=20).items])
        sorted_page = next(sql for sql in statements if "OFFSET" in sql)
        assert re.search(r"\(SELECT activity\.id(?: AS id)?\s+FROM activity\b", sorted_page), sorted_page
    assert sum(pages, []) == [f"Kurs {n:02d}" for n in range(45)]


def test_providers_are_organisation_admins_and_coaches_of_a_labour_market_unit(app):
    unit = make_organisation(kind=OrganisationKind.LABOUR_MARKET_UNIT)
    association = make_organisation(kind=OrganisationKind.ASSOCIATION)
    assert services.provider_organisations(make_user(Role.COACH, unit)) == [unit]
    assert services.provider_organisations(make_user(Role.ORGANISATION_ADMIN, association)) == [association]
    assert services.provider_organisations(make_user(Role.COACH, association)) == []
    activity = make_activity(organisation=association)
    with pytest.raises(NotFound):
        services.activity_for_provider(make_user(Role.ORGANISATION_ADMIN, unit), activity.id)


def test_a_coach_refers_once_and_a_full_activity_offers_the_waiting_list(app):
    activity = make_activity(places=1, places_free=0)
    coach = make_user(Role.COACH, make_organisation(programme=activity.programme))
    participant = make_participant(coach)
    with pytest.raises(services.Full):
        services.refer(coach, activity, participant.id, "Behöver tolk", None)
    referral = services.refer(coach, activity, participant.id, "Behöver tolk", None, waiting_list=True)
    assert referral.status is ReferralStatus.WAITLISTED
    again = services.refer(coach, activity, participant.id, "Igen", None, waiting_list=True)
    assert again.id == referral.id and again.note == "Behöver tolk"


def test_a_coach_cannot_refer_someone_elses_participant(app):
    activity = make_activity()
    coach = make_user(Role.COACH, make_organisation(programme=activity.programme))
    stranger = make_user(Role.PARTICIPANT, make_organisation(programme=activity.programme))
    with pytest.raises(NotFound):
        services.refer(coach, activity, stranger.id, "", None)


def test_only_own_coaches_may_refer_when_the_provider_says_so(app):
    activity = make_activity(referrers=Referrers.OWN_COACHES)
    outside = make_user(Role.COACH, make_organisation(programme=activity.programme))
    inside = make_user(Role.COACH, activity.organisation)
    assert not services.may_refer(outside, activity)
    assert services.may_refer(inside, activity)
    with pytest.raises(services.NotAllowed):
        services.refer(outside, activity, make_participant(outside).id, "", None)


def test_accepting_takes_a_place_and_the_last_place_only_once(app):
    activity = make_activity(places=1, places_free=1)
    first, second = make_referral(activity), make_referral(activity)
    services.decide(first, ReferralStatus.ACCEPTED)
    services.decide(first, ReferralStatus.ACCEPTED)  # a double tap takes no second place
    db.session.refresh(activity)
    assert activity.places_free == 0
    with pytest.raises(services.Full):
        services.decide(second, ReferralStatus.ACCEPTED)
    db.session.refresh(activity)
    assert activity.places_free == 0 and db.session.get(type(second), second.id).status is ReferralStatus.REFERRED
    services.decide(first, ReferralStatus.DECLINED)  # taking it back gives the place back
    db.session.refresh(activity)
    assert activity.places_free == 1


def test_accepted_activities_show_in_the_week_until_completed(app):
    activity = make_activity(times=[(1, time(13), time(15))], starts_on=date(2026, 11, 1))
    referral = make_referral(activity)
    monday, sunday = date(2026, 11, 23), date(2026, 11, 29)
    assert items_for(referral.participant, monday, sunday) == []
    services.decide(referral, ReferralStatus.ACCEPTED)
    week = items_for(referral.participant, monday, sunday)
    assert [(i.day, i.starts_at, i.kind, i.title) for i in week] == [
        (date(2026, 11, 24), time(13), "activity", activity.title)
    ]
    assert [r.activity for r in services.activities_of(referral.participant)] == [activity]
    services.complete(referral, ReferralStatus.DONE, date(2026, 11, 20))
    assert items_for(referral.participant, monday, sunday) == []
    done = services.activities_of(referral.participant)[0]
    assert done.status is ReferralStatus.DONE and done.completed_on == date(2026, 11, 20)
    db.session.refresh(activity)
    assert activity.places_free == activity.places


def test_only_accepted_referrals_can_be_completed(app):
    referral = make_referral()
    with pytest.raises(services.NotAccepted):
        services.complete(referral, ReferralStatus.DROPPED_OUT, date(2026, 11, 20))


def test_follow_up_is_for_the_provider_and_the_participants_coach_only(app):
    referral = make_referral()
    provider = make_user(Role.ORGANISATION_ADMIN, referral.activity.organisation)
    assert services.referral_for_follow_up(provider, referral.id) == referral
    assert services.referral_for_follow_up(referral.coach, referral.id) == referral
    with pytest.raises(NotFound):
        services.referral_for_follow_up(make_user(Role.COACH), referral.id)
    with pytest.raises(NotFound):
        services.referral_for_provider(referral.coach, referral.id)


def test_moved_on_from_health_counts_participants_accepted_elsewhere_afterwards(app):
    health = make_activity()
    programme = health.programme
    course = make_activity(organisation=health.organisation, title="Prova på", category=Category.ORIENTATION_COURSE)
    other_health = make_activity(organisation=health.organisation, title="Yoga")
    t0 = datetime(2026, 9, 1, tzinfo=UTC)

    def took(activity, participant=None, days=0, status=ReferralStatus.ACCEPTED):
        return make_referral(activity, participant=participant, status=status, accepted_at=t0 + timedelta(days=days))

    moved = took(health, status=ReferralStatus.DONE).participant
    took(course, participant=moved, days=30)
    dropped = took(health, status=ReferralStatus.DROPPED_OUT).participant
    took(course, participant=dropped, days=10)
    backwards = took(course, days=0).participant  # the course came first: not moving on from health
    took(health, participant=backwards, days=5)
    only_health = took(health).participant
    took(other_health, participant=only_health, days=3)  # health to health is not moving on
    waiting = took(health).participant
    make_referral(course, participant=waiting, status=ReferralStatus.WAITLISTED)
    assert reports.moved_on_from_health(programme) == 2
    assert reports.moved_on_from_health(make_organisation().programme) == 0
