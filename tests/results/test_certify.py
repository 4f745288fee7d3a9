"""Participant-certified time: the month's confirmed hours, one tap (counted once), disputes
that the coach and the supervisor see, the certificate, and who may open what."""

from datetime import date, time

from sqlalchemy import func, select

from webapp.accounts.models import Role
from webapp.attendance.demo import add_history
from webapp.attendance.services import Month
from webapp.extensions import db
from webapp.results import certify
from webapp.results.models import MonthCertificate

from ..factories import english, make_enrolment, make_organisation, make_placement, make_user

OCTOBER = Month(date(2026, 10, 1))


def _setup():
    coach = make_user(Role.COACH)
    enrolment = make_enrolment(coach)
    participant = english(enrolment.participant)
    placement = make_placement(
        participant,
        schedule=[(d, time(8), time(12)) for d in range(5)],
        starts_on=date(2026, 9, 28),
        ends_on=date(2026, 12, 31),
    )
    # Weeks confirmed up to (not including) Monday 26 October: the last days of October are not.
    add_history(placement, placement.supervisor, date(2026, 9, 28), date(2026, 10, 26))
    db.session.commit()
    return coach, participant, placement


def test_the_month_shows_confirmed_hours_only(app):
    coach, participant, placement = _setup()
    hours = certify.month_hours(participant, OCTOBER)
    # 1-23 October: 17 weekdays, 4 hours each, less the pattern's sick (17th) and absent days.
    present = [r for r in hours.rows]
    assert all(r.minutes == 240 for r in present) and len(present) in (16, 17)
    assert hours.total_minutes == 240 * len(present)
    assert hours.unconfirmed_days == 5  # 26-30 October
    assert all(r.confirmed_by.id == placement.supervisor_id for r in present)


def test_one_tap_certifies_and_a_double_tap_counts_once(client, sign_in):
    coach, participant, placement = _setup()
    client = sign_in(participant)
    assert client.post("/results/my-time/2026-10/certify").status_code == 303
    assert client.post("/results/my-time/2026-10/certify").status_code == 303
    assert db.session.scalar(select(func.count(MonthCertificate.id))) == 1
    page = client.get("/results/my-time/2026-10").get_data(as_text=True)
    assert "You certified this month" in page and "Yes, these hours are right" not in page


def test_a_month_in_the_future_or_not_ended_is_a_clear_message(sign_in):
    coach, participant, placement = _setup()
    client = sign_in(participant)
    future = client.get("/results/my-time/2027-01")
    assert future.status_code == 422 and "This month has not begun yet" in future.get_data(as_text=True)
    assert client.post("/results/my-time/2027-01/certify").status_code == 422
    current = client.post("/results/my-time/2026-11/certify")
    assert current.status_code == 422 and "on its last day or later" in current.get_data(as_text=True)
    assert db.session.scalar(select(func.count(MonthCertificate.id))) == 0


def test_a_disputed_day_reaches_the_coach_and_the_supervisor(sign_in):
    coach, participant, placement = _setup()
    client = sign_in(participant)
    no_reason = client.post(
        "/results/my-time/2026-10/dispute", data={"day": "2026-10-05", "placement_id": placement.id, "reason": " "}
    )
    assert no_reason.status_code == 422 and "Please write what is wrong" in no_reason.get_data(as_text=True)
    assert (
        client.post(
            "/results/my-time/2026-10/dispute", data={"day": "2026-10-27", "placement_id": placement.id, "reason": "x"}
        ).status_code
        == 404
    )  # not confirmed
    assert (
        client.post(
            "/results/my-time/2026-10/dispute",
            data={"day": "2026-10-05", "placement_id": placement.id, "reason": "I left at 10"},
        ).status_code
        == 303
    )
    supervisor_home = sign_in(english(placement.supervisor)).get("/home/supervisor").get_data(as_text=True)
    assert "I left at 10" in supervisor_home
    overview = sign_in(english(coach)).get("/results/time/2026-10").get_data(as_text=True)
    assert participant.full_name in overview and "<td>1</td>" in overview
    certificate = sign_in(coach).get(f"/results/certificate/{participant.id}/2026-10").get_data(as_text=True)
    assert "I left at 10" in certificate


def test_a_dispute_without_a_day_or_a_placement_asks_for_the_day(sign_in):
    coach, participant, placement = _setup()
    client = sign_in(english(participant))
    for data in (
        {"day": "5 October", "placement_id": placement.id},
        {"day": "", "placement_id": placement.id},
        {"day": "2026-10-05", "placement_id": "first"},
        {"day": "2026-10-05"},
    ):
        reply = client.post("/results/my-time/2026-10/dispute", data={**data, "reason": "I left at 10"})
        assert reply.status_code == 422 and "Choose the day that is wrong" in reply.get_data(as_text=True)


def test_who_may_open_the_certificate(sign_in):
    coach, participant, placement = _setup()
    url = f"/results/certificate/{participant.id}/2026-10"
    organisation = coach.memberships[0].organisation
    assert sign_in(participant).get(url).status_code == 200
    assert sign_in(coach).get(url).status_code == 200
    assert sign_in(make_user(Role.PROGRAMME_ADMIN, organisation)).get(url).status_code == 200
    assert sign_in(make_user(Role.PROGRAMME_ADMIN, make_organisation())).get(url).status_code == 404
    assert sign_in(make_user(Role.COACH, organisation)).get(url).status_code == 404
    assert sign_in(make_user(Role.PARTICIPANT, organisation)).get(url).status_code == 404
    assert sign_in(placement.supervisor).get(url).status_code == 403


def test_the_programme_admin_sees_which_months_are_certified(sign_in):
    coach, participant, placement = _setup()
    certify.certify(participant, OCTOBER, date(2026, 11, 23))
    db.session.commit()
    admin = english(make_user(Role.PROGRAMME_ADMIN, coach.memberships[0].organisation))
    page = sign_in(admin).get("/results/time/2026-10").get_data(as_text=True)
    assert participant.full_name in page and "Not yet" not in page
    assert "Not yet" in sign_in(admin).get("/results/time/2026-09").get_data(as_text=True)
    assert participant.full_name not in sign_in(make_user(Role.PROGRAMME_ADMIN, make_organisation())).get(
        "/results/time/2026-10"
    ).get_data(as_text=True)


def test_the_months_attendance_across_placements_for_coaches_and_programme_admins(sign_in):
    coach, participant, placement = _setup()
    second = make_placement(
        participant,
        starts_on=date(2026, 10, 19),
        ends_on=date(2026, 10, 30),
        title="Kafé",
        schedule=[(0, time(9), time(11))],
    )
    add_history(second, second.supervisor, date(2026, 10, 19), date(2026, 10, 26))
    db.session.commit()
    page = sign_in(english(coach)).get("/results/attendance/2026-10")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and html.count(participant.full_name) == 2 and "Kafé" in html
    admin = english(make_user(Role.PROGRAMME_ADMIN, coach.memberships[0].organisation))
    assert "Kafé" in sign_in(admin).get("/results/attendance/2026-10").get_data(as_text=True)
    assert "Kafé" not in sign_in(make_user(Role.COACH, coach.memberships[0].organisation)).get(
        "/results/attendance/2026-10"
    ).get_data(as_text=True)
    assert sign_in(placement.supervisor).get("/results/attendance/2026-10").status_code == 403


def test_two_taps_at_the_same_moment_make_one_certificate(shared_app):
    from webapp.accounts.models import User

    from ..racing import at_once

    with shared_app.app_context():
        participant_id = _setup()[1].id

    def tap():
        return certify.certify(db.session.get(User, participant_id), OCTOBER, date(2026, 11, 23)).id

    first, second = at_once(shared_app, tap, 2)
    assert first == second
    with shared_app.app_context():
        assert db.session.scalar(select(func.count(MonthCertificate.id))) == 1
        db.session.remove()
