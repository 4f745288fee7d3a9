"""Attendance services: expected days, the supervisor's weeks, confirming, changing, correcting,
the participant's reports, the coach's flags and the monthly figures."""

import subprocess
import sys
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from webapp.accounts.models import Role
from webapp.attendance import services
from webapp.attendance.days import expected_days, holiday_name, parse_hours
from webapp.attendance.models import AttendanceCorrection, AttendanceDay, AttendanceWeek, Status
from webapp.extensions import db

from ..conftest import counting
from ..factories import make_coach_of, make_placement, make_user

MONDAY = date(2026, 11, 16)  # week 47
TODAY = date(2026, 11, 23)  # a Monday, week 48


def test_public_holidays_and_free_eves_are_not_expected_days(app):
    placement = make_placement(
        starts_on=date(2025, 6, 2), ends_on=date(2026, 12, 31), schedule=[(d, time(8), time(12)) for d in range(7)]
    )
    days = {day for day, _ in expected_days(placement, placement.starts_on, placement.ends_on)}
    assert date(2025, 6, 6) not in days  # Nationaldagen (a Friday)
    assert date(2026, 6, 19) not in days  # Midsommarafton
    assert date(2026, 12, 24) not in days  # Julafton
    assert date(2026, 12, 25) not in days  # Juldagen
    assert date(2026, 12, 23) in days
    assert date(2026, 11, 29) in days  # an ordinary Sunday is the schedule's business
    assert holiday_name(date(2026, 12, 25)) == "Juldagen"
    assert holiday_name(date(2026, 11, 29)) is None


def test_the_holidays_are_those_the_holidays_package_gives_for_sweden():
    """Sweden's module loaded alone (days._sweden, to spare the other countries' memory) gives
    the same days and names as the package's own lookup, the eves kept free included."""
    import holidays

    for year in range(2000, 2061):
        expected = holidays.country_holidays("SE", years=year, language="sv", categories=("public", "de_facto"))
        every_day = [date(year, 1, 1) + timedelta(days=n) for n in range(366)]
        every_day = [day for day in every_day if day.year == year]
        assert {day: holiday_name(day) for day in every_day} == {day: expected.get(day) for day in every_day}


def test_a_holiday_costs_no_other_country():
    """Asking for a Swedish holiday loads no other country's module (about 8 MB a worker, see days._sweden)."""
    check = (
        "import sys; from datetime import date; from webapp.attendance.days import holiday_name;"
        "assert holiday_name(date(2026, 12, 25)) == 'Juldagen';"
        "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))"
    )
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_hours_are_read_and_written_as_people_write_them():
    assert [parse_hours(t) for t in ("7.5", "7,5", "7:30", "0", "", "x", "7:75")] == [
        450,
        450,
        450,
        0,
        None,
        None,
        None,
    ]


def test_the_supervisor_sees_this_week_and_earlier_unconfirmed_weeks(app):
    placement = make_placement()  # from 2 November, Monday to Friday 08-12
    services.confirm_week(placement.supervisor, placement.id, date(2026, 11, 2), TODAY)
    weeks = services.supervisor_weeks(placement.supervisor, TODAY)
    assert [(w.monday, w.number) for w in weeks] == [(TODAY, 48), (MONDAY, 47), (date(2026, 11, 9), 46)]
    assert [d.minutes for d in weeks[1].days] == [240] * 5
    assert all(d.status is Status.PRESENT for d in weeks[1].days)
    assert services.supervisor_weeks(make_user(Role.SUPERVISOR), TODAY) == []


def test_confirm_as_scheduled_records_who_and_when_once(app):
    placement = make_placement()
    first = services.confirm_week(placement.supervisor, placement.id, MONDAY, TODAY, seen_version=0)
    assert first.changed and first.week.confirmed
    assert first.week.week.confirmed_by_id == placement.supervisor.id
    assert first.week.week.confirmed_at is not None
    again = services.confirm_week(placement.supervisor, placement.id, MONDAY, TODAY, seen_version=0)
    assert not again.changed and again.week.confirmed
    assert db.session.scalar(select(func.count(AttendanceWeek.id))) == 1
    days = db.session.scalars(select(AttendanceDay).order_by(AttendanceDay.day)).all()
    assert [(d.day.weekday(), d.status, d.minutes) for d in days] == [(n, Status.PRESENT, 240) for n in range(5)]


def test_a_week_changed_since_it_was_read_is_not_confirmed_unseen(app):
    placement = make_placement()
    seen = services.week_for_supervisor(placement.supervisor, placement.id, MONDAY).version
    services.change_day(placement.supervisor, placement, date(2026, 11, 17), Status.SICK, None)
    with pytest.raises(services.AttendanceError):
        services.confirm_week(placement.supervisor, placement.id, MONDAY, TODAY, seen_version=seen)
    outcome = services.confirm_week(placement.supervisor, placement.id, MONDAY, TODAY, seen_version=seen + 1)
    assert [d.status for d in outcome.week.days][1] is Status.SICK
    assert outcome.week.total_minutes == 4 * 240


def test_a_future_week_cannot_be_confirmed_and_someone_elses_is_not_found(app):
    placement = make_placement()
    with pytest.raises(services.AttendanceError):
        services.confirm_week(placement.supervisor, placement.id, date(2026, 11, 30), TODAY)
    with pytest.raises(NotFound):
        services.confirm_week(make_user(Role.SUPERVISOR), placement.id, MONDAY, TODAY)
    with pytest.raises(NotFound):
        services.confirm_week(placement.supervisor, placement.id, date(2026, 11, 17), TODAY)  # not a Monday
    with pytest.raises(NotFound):
        services.week_for_supervisor(placement.supervisor, placement.id, date(2025, 1, 6))  # outside


def test_hours_outside_a_day_and_days_outside_the_placement_are_refused(app):
    placement = make_placement()
    for minutes in (-60, 24 * 60 + 1):
        with pytest.raises(services.AttendanceError) as problem:
            services.change_day(placement.supervisor, placement, date(2026, 11, 17), Status.PRESENT, minutes)
        assert problem.value.field == "hours"
    with pytest.raises(services.AttendanceError):
        services.change_day(placement.supervisor, placement, date(2026, 11, 1), Status.PRESENT, 60)
    with pytest.raises(services.AttendanceError):  # a Saturday present needs its hours
        services.change_day(placement.supervisor, placement, date(2026, 11, 21), Status.PRESENT, None)
    services.change_day(placement.supervisor, placement, date(2026, 11, 21), Status.PRESENT, 150)
    view = services.week_for_supervisor(placement.supervisor, placement.id, MONDAY)
    assert view.total_minutes == 5 * 240 + 150


def test_a_confirmed_week_is_corrected_only_with_a_reason_and_the_old_value_is_kept(app):
    placement = make_placement()
    coach = make_coach_of(placement.participant)
    services.confirm_week(placement.supervisor, placement.id, MONDAY, TODAY)
    tuesday = date(2026, 11, 17)
    with pytest.raises(services.AttendanceError) as problem:
        services.change_day(placement.supervisor, placement, tuesday, Status.SICK, None)
    assert problem.value.field == "reason"
    services.change_day(placement.supervisor, placement, tuesday, Status.SICK, None, reason="Ringde in sjuk")
    services.change_day(placement.supervisor, placement, tuesday, Status.SICK, None, reason="Ringde in sjuk")  # resent
    services.correct_day_as_coach(coach, placement.id, tuesday, Status.SICK, 120, reason="Gick hem vid tio")
    corrections = db.session.scalars(select(AttendanceCorrection).order_by(AttendanceCorrection.id)).all()
    assert [(c.old_status, c.old_minutes, c.new_status, c.new_minutes, c.corrected_by_id) for c in corrections] == [
        (Status.PRESENT, 240, Status.SICK, 0, placement.supervisor.id),
        (Status.SICK, 0, Status.SICK, 120, coach.id),
    ]
    view = services.week_for_supervisor(placement.supervisor, placement.id, MONDAY)
    assert view.confirmed and view.days[1].minutes == 120 and len(view.days[1].corrections) == 2


def test_the_coach_corrects_only_confirmed_weeks_of_their_own_participants(app):
    placement = make_placement()
    coach = make_coach_of(placement.participant)
    with pytest.raises(services.AttendanceError):
        services.correct_day_as_coach(coach, placement.id, date(2026, 11, 17), Status.SICK, None, "x")
    with pytest.raises(NotFound):
        services.correct_day_as_coach(make_user(Role.COACH), placement.id, date(2026, 11, 17), Status.SICK, None, "x")


def test_the_participant_checks_in_and_reports_sick_as_proposals_the_supervisor_confirms(app):
    placement = make_placement()
    participant = placement.participant
    services.check_in(participant, TODAY)
    services.check_in(participant, TODAY)  # a double tap
    services.report_absence(participant, date(2026, 11, 25), Status.SICK, "Tandläkare", TODAY)
    week = services.week_for_supervisor(placement.supervisor, placement.id, TODAY)
    assert week.days[0].reported.reported_status is Status.PRESENT
    assert week.days[2].status is Status.SICK and week.days[2].reported.reported_reason == "Tandläkare"
    assert db.session.scalar(select(func.count(AttendanceDay.id))) == 2
    confirmed = services.confirm_week(placement.supervisor, placement.id, TODAY, date(2026, 11, 27)).week
    assert [d.status for d in confirmed.days] == [
        Status.PRESENT,
        Status.PRESENT,
        Status.SICK,
        Status.PRESENT,
        Status.PRESENT,
    ]
    with pytest.raises(services.AttendanceError):  # the week is confirmed now
        services.report_absence(participant, date(2026, 11, 27), Status.ABSENT, "Sjuk", date(2026, 11, 26))


def test_reports_need_a_coming_day_and_an_expected_day(app):
    placement = make_placement()
    participant = placement.participant
    cases = [
        (date(2026, 11, 20), Status.SICK, "Sjuk", "day"),
        (date(2026, 11, 28), Status.SICK, "Sjuk", "day"),
        (date(2026, 11, 25), Status.PRESENT, "x", "status"),
    ]
    for day, status, reason, field in cases:
        with pytest.raises(services.AttendanceError) as problem:
            services.report_absence(participant, day, status, reason, TODAY)
        assert problem.value.field == field
    with pytest.raises(services.AttendanceError):
        services.check_in(participant, date(2026, 11, 28))  # a Saturday


def _history(placement, weeks: int, absent_every: int = 0):
    monday = placement.starts_on
    for _ in range(weeks):
        services.confirm_week(placement.supervisor, placement.id, monday, monday + timedelta(days=6))
        monday += timedelta(days=7)


def test_caseload_flags_count_unconfirmed_weeks_and_absences_in_a_constant_number_of_queries(app):
    calm = make_placement()
    worrying = make_placement()
    _history(calm, 3)  # weeks 45, 46, 47 confirmed
    for day in (date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 17)):
        services.change_day(worrying.supervisor, worrying, day, Status.ABSENT, None)
    flags = services.caseload_flags([calm.participant_id, worrying.participant_id, 999], TODAY)
    assert flags[calm.participant_id] == services.Flags(unconfirmed_weeks=0, absences=0)
    assert flags[worrying.participant_id].unconfirmed_weeks == 3
    assert flags[worrying.participant_id].absences == 3 and flags[worrying.participant_id].absence_pattern
    assert flags[999] == services.Flags(0, 0)

    def queries(ids):
        with counting() as statements:
            services.caseload_flags(ids, TODAY)
        return len(statements)

    few = queries([calm.participant_id])
    more = [make_placement(starts_on=date(2026, 1, 5)) for _ in range(4)]
    for placement in more:
        _history(placement, 20)
    assert queries([calm.participant_id, worrying.participant_id] + [p.participant_id for p in more]) == few


def test_the_monthly_report_equals_what_was_confirmed_to_the_hour(app):
    placement = make_placement(schedule=[(0, time(8), time(15, 30)), (2, time(8), time(12, 15))])
    coach = make_coach_of(placement.participant)
    _history(placement, 4)  # 2, 9, 16, 23 November
    services.change_day(placement.supervisor, placement, date(2026, 11, 4), Status.SICK, None, reason="Feber")
    month = services.Month(date(2026, 11, 1))
    report = services.monthly_report(coach, placement.id, month)
    confirmed = db.session.scalar(select(func.sum(AttendanceDay.minutes)).where(AttendanceDay.status.is_not(None)))
    assert report.total_minutes == confirmed == 4 * 450 + 3 * 255
    assert report.count(Status.SICK) == 1 and not report.all_confirmed  # 30 November is not confirmed yet
    assert report.days[-1].day == date(2026, 11, 30) and not report.is_confirmed(date(2026, 11, 30))
    assert services.monthly_report(placement.supervisor, placement.id, month).total_minutes == confirmed
    with pytest.raises(NotFound):
        services.monthly_report(make_user(Role.SUPERVISOR), placement.id, month)
    with pytest.raises(NotFound):
        services.monthly_report(make_user(Role.COACH), placement.id, month)


def test_the_demo_history_is_seeded_once(app):
    from webapp.demo.seed import seed_demo

    seed_demo()
    counts = [db.session.scalar(select(func.count(model.id))) for model in (AttendanceDay, AttendanceWeek)]
    seed_demo()
    assert [db.session.scalar(select(func.count(model.id))) for model in (AttendanceDay, AttendanceWeek)] == counts
    assert counts[1] >= 50  # a year of confirmed weeks
