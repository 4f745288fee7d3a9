"""The request is the unit of work: an error half-way through a request, after a verb has
changed state (or in the middle of a verb), leaves the database exactly as it was. One test
per feature, through the real route, as a user would meet it: the page fails with 500.
Documents and messages have theirs beside their other tests (tests/documents, tests/messages)."""

from datetime import time, timedelta

import pytest
from sqlalchemy import select

from webapp.accounts.models import OrganisationKind, Role
from webapp.attendance import changing as attendance
from webapp.attendance.models import AttendanceDay, AttendanceWeek
from webapp.auth import services as auth
from webapp.extensions import db
from webapp.placements.models import ProposalState
from webapp.timeutil import local_today, utcnow
from webapp.transaction import unit_of_work
from webapp.week import monday_of

from .conftest import HX
from .factories import (
    make_activity,
    make_employer,
    make_feedback,
    make_opening,
    make_organisation,
    make_participant,
    make_placement,
    make_proposal,
    make_user,
)


class Broken(Exception):
    """What a step after the verb raises."""


# Throttle counters are written on their own connection on purpose: a failed try still counts.
OUTSIDE_THE_REQUEST = {"throttle_counter"}


def snapshot() -> dict:
    """Every row of every table, as the database holds it."""
    db.session.expire_all()
    return {
        table.name: sorted((tuple(row) for row in db.session.execute(table.select())), key=repr)
        for table in db.metadata.sorted_tables
        if table.name not in OUTSIDE_THE_REQUEST
    }


@pytest.fixture
def failing(app, monkeypatch):
    """failing("module.name"): that function raises from now on; a crash answers 500 as in production."""
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)

    def _break(target):
        def broken(*args, **kwargs):
            raise Broken(target)

        monkeypatch.setattr(target, broken)

    return _break


def _fails_and_keeps_nothing(send):
    before = snapshot()
    response = send()
    assert response.status_code == 500
    assert snapshot() == before


def test_enrolling_and_inviting_are_one_step(client, sign_in, failing):
    from .enrolment.test_enrolment import coach as a_coach
    from .enrolment.test_enrolment import entry

    coach = a_coach.__wrapped__()
    sign_in(coach)
    failing("webapp.participants.routes.issue_invitation")
    _fails_and_keeps_nothing(lambda: client.post("/participants/new", data=entry(coach)))


def test_a_goal_added_is_not_kept_when_the_page_fails(client, sign_in, failing):
    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    sign_in(participant)
    failing("webapp.plans.routes.flash")
    _fails_and_keeps_nothing(lambda: client.post(f"/plans/{participant.id}/goals/new", data={"title": "Ett jobb"}))


def test_an_accepted_proposal_makes_no_placement_when_the_page_fails(client, sign_in, failing):
    opening = make_opening(make_employer(OrganisationKind.SOCIAL_ENTERPRISE), places=1)
    admin = make_user(Role.ORGANISATION_ADMIN, opening.organisation)
    proposal = make_proposal(opening, state=ProposalState.INTERESTED)
    sign_in(admin)
    failing("webapp.placements.employer_routes.flash")
    schedule = {"starts_on": "2026-12-07", "ends_on": "2027-02-26", "day0_from": "08:00", "day0_to": "12:00"}
    _fails_and_keeps_nothing(lambda: client.post(f"/employers/proposals/{proposal.id}/accept", data=schedule))


def _two_placements():
    participant = make_user(Role.PARTICIPANT, preferred_language="en")
    every_day = [(d, time(8), time(12)) for d in range(7)]
    this_monday = monday_of(local_today())
    return [
        make_placement(
            participant=participant,
            schedule=every_day,
            starts_on=this_monday - timedelta(weeks=1),
            ends_on=this_monday + timedelta(weeks=4),
        )
        for _ in range(2)
    ]


def test_a_check_in_at_two_placements_is_saved_whole_or_not_at_all(client, sign_in, failing, monkeypatch):
    first, _second = _two_placements()
    report, calls = attendance._report, []

    def second_fails(*args):
        calls.append(args)
        if len(calls) == 2:
            raise Broken("the second placement")
        report(*args)

    monkeypatch.setattr(attendance, "_report", second_fails)
    sign_in(first.participant)
    _fails_and_keeps_nothing(lambda: client.post("/attendance/mine/check-in"))
    assert len(calls) == 2


def test_a_refused_report_at_the_second_placement_keeps_none(client, sign_in):
    """A refusal (not a crash) half-way: the participant is told, and nothing is half-saved."""
    first, second = _two_placements()
    db.session.add(
        AttendanceWeek(
            placement_id=second.id,
            monday=monday_of(local_today()),
            version=1,
            confirmed_at=utcnow(),
            confirmed_by_id=second.supervisor_id,
        )
    )
    db.session.commit()
    sign_in(first.participant)
    before = snapshot()
    assert client.post("/attendance/mine/check-in").status_code == 303
    assert "already confirmed" in client.get("/attendance/mine").text
    assert snapshot() == before
    assert db.session.scalar(select(AttendanceDay)) is None


def test_submitted_feedback_stays_a_draft_when_the_page_fails(client, sign_in, failing):
    from webapp.feedback import definition as spec

    feedback = make_feedback()
    sign_in(feedback.placement.supervisor)
    failing("webapp.feedback.routes.flash")
    answers = {f"item-{key}": "3" for key in spec.item_keys(spec.DEFAULT_DEFINITION)}
    _fails_and_keeps_nothing(lambda: client.post(f"/feedback/{feedback.id}/give", data=answers))


def test_a_referral_is_not_kept_when_the_page_fails(client, sign_in, failing):
    activity = make_activity(places=3, places_free=3)
    coach = make_user(Role.COACH, make_organisation(programme=activity.programme))
    participant = make_participant(coach)
    sign_in(coach)
    failing("webapp.catalogue.routes.flash")
    _fails_and_keeps_nothing(
        lambda: client.post(
            f"/activities/{activity.id}/referrals", data={"participant": participant.id, "note": "Hej"}, headers=HX
        )
    )


def test_a_rating_is_not_kept_when_the_page_fails(client, sign_in, failing):
    sign_in(make_user(Role.PARTICIPANT))
    failing("webapp.ratings.routes.flash")
    _fails_and_keeps_nothing(
        lambda: client.post("/rating/", data={"work": "4", "health": "7", "confidence": "5", "swedish": "3"})
    )


def test_an_invitation_link_is_not_spent_when_the_page_fails(client, failing):
    participant = make_user(Role.PARTICIPANT)
    token = auth.issue_invitation(participant)
    db.session.commit()
    failing("webapp.auth.routes.flash")
    _fails_and_keeps_nothing(
        lambda: client.post(
            f"/invitation/{token}", data={"password": "a long new password", "confirm": "a long new password"}
        )
    )


def test_a_staff_member_is_not_added_when_their_invitation_cannot_be_written(client, sign_in, failing):
    admin = make_user(Role.ORGANISATION_ADMIN)
    sign_in(admin)
    failing("webapp.auth.services.mail_user")
    member = {"full_name": "Helen Abraha", "email": "helen@example.org", "role": "supervisor", "language": "ti"}
    _fails_and_keeps_nothing(
        lambda: client.post(f"/organisations/{admin.memberships[0].organisation.id}/members", data=member)
    )


def test_a_cli_command_keeps_nothing_when_it_fails_half_way(app):
    from webapp.plans import services as plans

    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    before = snapshot()

    @unit_of_work
    def command():
        plans.add_goal(participant, coach, "Ett jobb")
        raise Broken("half-way")

    with pytest.raises(Broken):
        command()
    assert snapshot() == before


def test_a_certified_month_is_not_kept_when_the_page_fails(client, sign_in, failing):
    from .results.test_certify import _setup

    _coach, participant, _placement = _setup()
    sign_in(participant)
    failing("webapp.results.certify_routes.flash")
    _fails_and_keeps_nothing(lambda: client.post("/results/my-time/2026-10/certify"))


def test_a_disputed_day_is_not_kept_when_the_page_fails(client, sign_in, failing):
    from .results.test_certify import _setup

    _coach, participant, placement = _setup()
    sign_in(participant)
    failing("webapp.results.certify_routes.flash")
    dispute = {"day": "2026-10-05", "placement_id": placement.id, "reason": "I left at 10"}
    _fails_and_keeps_nothing(lambda: client.post("/results/my-time/2026-10/dispute", data=dispute))


def test_a_team_member_is_not_added_when_the_page_fails(client, sign_in, failing):
    """The member's row and the notification telling them go together, or not at all."""
    from .team.conftest import make_team, share_with_other_organisations

    people = make_team()
    share_with_other_organisations(people)
    sign_in(people.coach)
    failing("webapp.team.routes.flash")
    member = {"email": people.social.email, "role": "social_services"}
    _fails_and_keeps_nothing(lambda: client.post(f"/participants/{people.participant.id}/team", data=member))


def test_a_withdrawal_half_done_keeps_the_consent_and_the_sharing(client, sign_in, failing, monkeypatch):
    """Withdrawing stops what the consent allowed one thing after another; a crash after the
    first (the sharing with employers is deleted) keeps the consent and the sharing as they were."""
    from webapp.placements.matching import share_adaptations, shared_adaptations
    from webapp.privacy import consent
    from webapp.privacy.models import ConsentMethod, Purpose

    participant = make_participant(make_user(Role.COACH))
    consent.record(participant, Purpose.EMPLOYER, ConsentMethod.PAPER, participant)
    share_adaptations(participant, ["quiet_space"])
    db.session.commit()
    stops = []

    def next_stop_fails(person):
        stops.append(shared_adaptations(person))
        raise Broken("the next thing to stop")

    monkeypatch.setitem(
        consent.ON_WITHDRAW, Purpose.EMPLOYER, [*consent.ON_WITHDRAW[Purpose.EMPLOYER], next_stop_fails]
    )
    sign_in(participant)
    _fails_and_keeps_nothing(lambda: client.post("/privacy/consents/employer/withdraw"))
    assert stops == [[]], "the first stop had deleted the sharing"
    assert consent.has_consent(participant.id, Purpose.EMPLOYER)
    assert shared_adaptations(participant) == ["quiet_space"]


def test_notifications_half_queued_are_not_kept_when_the_page_fails(client, sign_in, failing):
    """A message tells the participant: the notification is written, then its deliveries are
    queued; a crash while queueing keeps neither, nor the message."""
    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    sign_in(coach)
    failing("webapp.notifications.channels.chosen_channels")
    _fails_and_keeps_nothing(
        lambda: client.post(f"/participants/{participant.id}/messages", data={"body": "Hej", "token": "t"})
    )
