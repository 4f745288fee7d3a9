"""Attendance pages: who may see what (page and fragment), one-tap confirming, clear messages
for bad input, the participant's side, the coach's calendar and the monthly report."""

import csv
import io
import re
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from webapp.accounts.models import Role
from webapp.attendance import services
from webapp.attendance.models import AttendanceWeek, Status
from webapp.extensions import db
from webapp.week import monday_of

from ..conftest import HX, counting
from ..factories import make_coach_of, make_organisation, make_placement, make_user

TODAY = date(2026, 11, 23)  # a Monday in week 48, no holiday near


def local_today():
    return TODAY


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """The pages reason about "today": pin it, so the suite means the same on Christmas Day."""
    monkeypatch.setattr("webapp.attendance.routes.local_today", local_today)


def _placement(**overrides):
    """Mondays to Fridays 08-12, from three weeks ago: three past weeks and this one."""
    this_monday = monday_of(local_today())
    participant = make_user(Role.PARTICIPANT, full_name="Hanna Maria Lindström", short_name="Hanna")
    return make_placement(
        participant=participant,
        starts_on=this_monday - timedelta(weeks=3),
        ends_on=this_monday + timedelta(weeks=8),
        **overrides,
    )


def _week_url(placement, monday, suffix=""):
    return f"/attendance/weeks/{placement.id}/{monday.isoformat()}{suffix}"


def test_the_supervisors_home_shows_the_weeks_with_week_numbers_and_only_the_name_they_go_by(client, sign_in):
    placement = _placement()
    sign_in(placement.supervisor)
    page = client.get("/home/supervisor").get_data(as_text=True)
    last_week = monday_of(local_today()) - timedelta(weeks=1)
    assert f"Vecka {last_week.isocalendar().week}" in page
    assert "Hanna" in page and "Lindström" not in page
    assert "måndag" in page  # weekday names in the reader's language
    assert page.count("Bekräfta som schemalagt") == 2  # the newest three weeks; this one has days to come
    assert page.count("Bekräfta dagarna hittills") == 1


def test_confirm_in_one_tap_then_again_after_a_reconnect(client, sign_in):
    placement = _placement()
    monday = monday_of(local_today()) - timedelta(weeks=1)
    sign_in(placement.supervisor)
    reply = client.post(_week_url(placement, monday, "/confirm"), data={"version": "0"}, headers=HX)
    assert reply.status_code == 200
    body = reply.get_data(as_text=True)
    assert f'id="attendance-week-{placement.id}-{monday.isoformat()}"' in body and "<html" not in body
    assert f"Bekräftad av <bdi>{placement.supervisor.called}</bdi>" in body  # who, as soon as confirmed
    again = client.post(_week_url(placement, monday, "/confirm"), data={"version": "0"}, headers=HX)
    assert again.status_code == 200 and "redan bekräftad" in again.get_data(as_text=True)
    assert db.session.scalar(select(func.count(AttendanceWeek.id)).where(AttendanceWeek.confirmed_at.is_not(None))) == 1
    # Without JavaScript: the same form answers with the whole page.
    page = client.post(_week_url(placement, monday - timedelta(weeks=1), "/confirm"), data={"version": "0"})
    assert page.status_code == 200 and "<html" in page.get_data(as_text=True)


def test_someone_elses_week_is_not_found_for_page_and_fragment(client, sign_in):
    placement = _placement()
    monday = monday_of(local_today())
    sign_in(make_user(Role.SUPERVISOR))
    assert client.get(_week_url(placement, monday)).status_code == 404
    assert client.get(_week_url(placement, monday), headers=HX).status_code == 404
    assert client.post(_week_url(placement, monday, "/confirm"), headers=HX).status_code == 404
    assert (
        client.post(
            f"/attendance/days/{placement.id}/{monday.isoformat()}", data={"status": "sick"}, headers=HX
        ).status_code
        == 404
    )
    assert client.get(f"/attendance/reports/{placement.id}/{monday:%Y-%m}").status_code == 404
    assert client.get(f"/attendance/reports/{placement.id}/{monday:%Y-%m}.csv").status_code == 404


def test_bad_input_gets_a_clear_message_never_a_500(client, sign_in):
    placement = _placement()
    monday = monday_of(local_today())
    sign_in(placement.supervisor)
    day_url = f"/attendance/days/{placement.id}/{monday.isoformat()}"
    for hours in ("25", "-1", "many"):
        reply = client.post(day_url, data={"status": "present", "hours": hours}, headers=HX)
        assert reply.status_code == 422
        assert "från 0 till 24" in reply.get_data(as_text=True)
        assert f'value="{hours}"' in reply.get_data(as_text=True)  # what was typed is still there
    assert client.post(day_url, data={"status": "maybe"}, headers=HX).status_code == 422
    before = placement.starts_on - timedelta(days=2)  # the Saturday before: same week as nothing
    reply = client.post(f"/attendance/days/{placement.id}/{before.isoformat()}", data={"status": "sick"}, headers=HX)
    assert reply.status_code == 422 and "utanför" in reply.get_data(as_text=True)
    assert client.get(_week_url(placement, monday + timedelta(days=1))).status_code == 404
    assert client.get(f"/attendance/weeks/{placement.id}/not-a-date").status_code == 404
    future = client.post(_week_url(placement, monday + timedelta(weeks=1), "/confirm"), headers=HX)
    assert future.status_code == 422


def test_one_tap_changes_a_day_and_a_confirmed_day_needs_a_reason(client, sign_in):
    placement = _placement()
    monday = monday_of(local_today()) - timedelta(weeks=1)
    tuesday = monday + timedelta(days=1)
    sign_in(placement.supervisor)
    reply = client.post(f"/attendance/days/{placement.id}/{tuesday.isoformat()}", data={"status": "sick"}, headers=HX)
    assert reply.status_code == 200 and "Bekräfta veckan som den visas" in reply.get_data(as_text=True)
    client.post(_week_url(placement, monday, "/confirm"), headers=HX)
    reply = client.post(
        f"/attendance/days/{placement.id}/{tuesday.isoformat()}", data={"status": "present"}, headers=HX
    )
    assert reply.status_code == 422 and "Skriv varför" in reply.get_data(as_text=True)
    reply = client.post(
        f"/attendance/days/{placement.id}/{tuesday.isoformat()}",
        data={"status": "present", "hours": "2,5", "reason": "Kom efter lunch"},
        headers=HX,
    )
    body = reply.get_data(as_text=True)
    assert reply.status_code == 200 and "Kom efter lunch" in body and "2,5 timmar" in body


def test_the_participant_checks_in_reports_sick_and_sees_their_weeks(client, sign_in):
    placement = _placement(schedule=[(d, time(8), time(12)) for d in range(7)])
    participant = placement.participant
    sign_in(participant)
    home = client.get("/home/participant").get_data(as_text=True)
    assert "Jag är här" in home
    assert client.post("/attendance/mine/check-in").status_code == 303
    assert "Du har checkat in" in client.get("/attendance/mine").get_data(as_text=True)
    tomorrow = local_today() + timedelta(days=1)
    long = client.post(
        "/attendance/mine/report", data={"day": tomorrow.isoformat(), "status": "sick", "reason": "x" * 501}, headers=HX
    )
    assert long.status_code == 422 and 'id="attendance-report"' in long.get_data(as_text=True)
    bad = client.post("/attendance/mine/report", data={"day": "tomorrow", "status": "sick", "reason": "x"}, headers=HX)
    assert bad.status_code == 422 and "2026-11-23" in bad.get_data(as_text=True)
    ok = client.post(
        "/attendance/mine/report", data={"day": tomorrow.isoformat(), "status": "sick", "reason": "Feber"}, headers=HX
    )
    assert ok.status_code == 204 and ok.headers["HX-Redirect"] == "/attendance/mine"
    sign_in(placement.supervisor)
    week = client.get(_week_url(placement, monday_of(tomorrow))).get_data(as_text=True)
    assert "Frånvarande, anmält av deltagaren" in week and "Feber" not in week  # the reason is for the coach


def test_after_a_refused_report_the_day_the_participant_chose_is_still_chosen(client, sign_in):
    placement = _placement(schedule=[(d, time(8), time(12)) for d in range(7)])
    sign_in(placement.participant)
    chosen = local_today() + timedelta(days=3)
    data = {"day": chosen.isoformat(), "status": "sick", "reason": "x" * 501}
    for headers in ({}, HX):  # the whole page without JavaScript, the form's fragment with htmx
        reply = client.post("/attendance/mine/report", data=data, headers=headers)
        assert reply.status_code == 422
        selected = re.findall(r"<option[^>]*\bselected\b[^>]*>", reply.get_data(as_text=True))
        assert len(selected) == 1 and f'value="{chosen.isoformat()}"' in selected[0]


def test_the_coach_sees_the_calendar_and_corrects_with_a_reason(client, sign_in):
    placement = _placement()
    coach = make_coach_of(placement.participant)
    monday = monday_of(local_today()) - timedelta(weeks=1)
    services.change_day(placement.supervisor, placement, monday, Status.ABSENT, None)
    services.confirm_week(placement.supervisor, placement.id, monday, local_today())
    db.session.commit()
    url = f"/participants/{placement.participant_id}/attendance?month={monday:%Y-%m}"
    sign_in(make_user(Role.COACH))
    assert client.get(url).status_code == 404
    assert client.get(url, headers=HX).status_code == 404
    sign_in(coach)
    page = client.get(url).get_data(as_text=True)
    assert "Hanna Maria Lindström" in page and "is-absence" in page and "Frånvarande" in page
    correct = f"/participants/{placement.participant_id}/attendance/{placement.id}/{monday.isoformat()}"
    reply = client.post(correct, data={"status": "excused"}, headers=HX)
    assert reply.status_code == 422 and "Skriv varför" in reply.get_data(as_text=True)
    reply = client.post(correct, data={"status": "excused", "reason": "Läkarintyg kom"}, headers=HX)
    assert reply.status_code == 200 and "Läkarintyg kom" in reply.get_data(as_text=True)


def test_a_status_not_in_the_list_is_refused_in_words_and_what_was_typed_stays(client, sign_in):
    placement = _placement(schedule=[(d, time(8), time(12)) for d in range(7)])
    monday = monday_of(local_today())
    sign_in(placement.supervisor)
    reply = client.post(
        f"/attendance/days/{placement.id}/{monday.isoformat()}", data={"status": "maybe", "hours": "3"}, headers=HX
    )
    body = reply.get_data(as_text=True)
    assert reply.status_code == 422 and "Välj ett alternativ." in body and 'value="3"' in body
    sign_in(placement.participant)
    tomorrow = local_today() + timedelta(days=1)
    for status in ("maybe", "present"):  # present is a status, but not one the participant reports
        reply = client.post(
            "/attendance/mine/report", data={"day": tomorrow.isoformat(), "status": status, "reason": "Feber"}
        )
        body = reply.get_data(as_text=True)
        assert reply.status_code == 422 and "Välj ett alternativ." in body and "Feber" in body
        assert "checked" not in body.split('id="attendance-report"')[1].split("</fieldset>")[0]


def test_the_coach_s_correction_with_a_status_not_in_the_list_keeps_the_reason(client, sign_in):
    placement = _placement()
    coach = make_coach_of(placement.participant)
    monday = monday_of(local_today()) - timedelta(weeks=1)
    services.confirm_week(placement.supervisor, placement.id, monday, local_today())
    db.session.commit()
    sign_in(coach)
    correct = f"/participants/{placement.participant_id}/attendance/{placement.id}/{monday.isoformat()}"
    reply = client.post(correct, data={"status": "maybe", "hours": "3", "reason": "Läkarintyg kom"}, headers=HX)
    body = reply.get_data(as_text=True)
    assert reply.status_code == 422 and "Välj ett alternativ." in body
    assert "Läkarintyg kom" in body and 'value="3"' in body
    reply = client.post(correct, data={"status": "excused", "hours": "x", "reason": "Läkarintyg kom"}, headers=HX)
    assert reply.status_code == 422 and '<option value="excused" selected>' in reply.get_data(as_text=True)


def test_the_monthly_report_and_csv_show_what_was_confirmed(client, sign_in):
    placement = _placement()
    coach = make_coach_of(placement.participant)
    first = monday_of(local_today()) - timedelta(weeks=3)
    for n in range(3):
        services.confirm_week(placement.supervisor, placement.id, first + timedelta(weeks=n), local_today())
    db.session.commit()
    month = local_today().strftime("%Y-%m")
    expected = services.monthly_report(coach, placement.id, services.Month(local_today().replace(day=1)))
    sign_in(coach)
    page = client.get(f"/attendance/reports/{placement.id}/{month}").get_data(as_text=True)
    assert "Hanna Maria Lindström" in page and "Deltagarens underskrift" in page
    rows = _csv_rows(client.get(f"/attendance/reports/{placement.id}/{month}.csv"))
    assert rows[-1][0] == "Totalt" and float(rows[-1][3].replace(",", ".")) == expected.total_minutes / 60
    sign_in(placement.supervisor)
    page = client.get(f"/attendance/reports/{placement.id}/{month}").get_data(as_text=True)
    assert "Hanna" in page and "Lindström" not in page
    assert client.get(f"/attendance/reports/{placement.id}/2026-13").status_code == 404


def _csv_rows(reply) -> list[list[str]]:
    """The file as Swedish Excel reads it: UTF-8 with a byte order mark, cells split at ';'."""
    assert reply.status_code == 200 and reply.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert reply.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(reply.data.decode("utf-8-sig")), delimiter=";"))
    assert len({len(row) for row in rows}) == 1, "every row has the same columns"
    return rows


def test_the_csv_opens_in_columns_in_swedish_excel_and_a_formula_stays_text(client, sign_in):
    supervisor = make_user(Role.SUPERVISOR, make_organisation(), full_name='=HYPERLINK("http://x","y")')
    placement = _placement(supervisor=supervisor, schedule=[(d, time(8), time(15, 30)) for d in range(5)])
    first = monday_of(local_today()) - timedelta(weeks=3)
    services.confirm_week(supervisor, placement.id, first, local_today())
    db.session.commit()
    sign_in(make_coach_of(placement.participant))
    rows = _csv_rows(client.get(f"/attendance/reports/{placement.id}/{first:%Y-%m}.csv"))
    assert len(rows[0]) == 7 and rows[0][3] == "Timmar"
    day = next(row for row in rows if row[0] == first.isoformat())
    assert day[3] == "7,5" and day[4] == "7,5", "hours with a decimal comma"
    assert day[5] == '\'=HYPERLINK("http://x","y")', "a name that looks like a formula is text"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_a_participant_cannot_reach_the_supervisors_or_coachs_pages(client, sign_in):
    placement = _placement()
    sign_in(placement.participant)
    assert client.get(_week_url(placement, monday_of(local_today()))).status_code == 403
    assert client.get(f"/participants/{placement.participant_id}/attendance").status_code == 403


def test_the_supervisors_page_makes_as_many_queries_with_a_year_of_history_as_without(client, sign_in):
    from webapp.attendance.demo import add_history

    def queries(supervisor):
        sign_in(supervisor)
        with counting() as statements:
            assert client.get("/home/supervisor").status_code == 200
        return len(statements)

    # Both supervisors have confirmed every past week but the last: one for three weeks,
    # the other for a year (two placements).
    this_monday = monday_of(TODAY)
    fresh = make_placement(starts_on=this_monday - timedelta(weeks=3), ends_on=TODAY + timedelta(weeks=4))
    add_history(fresh, fresh.supervisor, fresh.starts_on, this_monday - timedelta(weeks=2))
    old = make_placement(starts_on=this_monday - timedelta(weeks=52), ends_on=TODAY + timedelta(weeks=4))
    add_history(old, old.supervisor, old.starts_on, this_monday - timedelta(weeks=2))
    db.session.commit()
    assert queries(old.supervisor) == queries(fresh.supervisor)


@pytest.mark.parametrize(
    "language, week, weekday",
    [
        ("sv", "Vecka 48", "måndag"),
        ("en", "Week 48", "Monday"),
        ("ar", "الأسبوع 48", "الاثنين"),
        ("ti", "ሰሙን 48", "ሰኑይ"),
    ],
)
def test_every_page_in_each_language_with_its_weekday_names(client, sign_in, language, week, weekday):
    placement = _placement()
    placement.supervisor.preferred_language = language
    placement.participant.preferred_language = language
    coach = make_coach_of(placement.participant)
    coach.preferred_language = language
    db.session.commit()
    monday = monday_of(TODAY) - timedelta(weeks=1)
    services.change_day(placement.supervisor, placement, monday + timedelta(days=1), Status.SICK, None)
    services.confirm_week(placement.supervisor, placement.id, monday, TODAY)
    services.change_day(placement.supervisor, placement, monday, Status.PRESENT, 90, reason="x")
    db.session.commit()
    sign_in(placement.supervisor)
    home = client.get("/home/supervisor").get_data(as_text=True)
    assert week in home and weekday in home
    assert client.get(f"/attendance/reports/{placement.id}/{monday:%Y-%m}").status_code == 200
    sign_in(placement.participant)
    mine = client.get("/attendance/mine").get_data(as_text=True)
    assert week in mine and weekday in mine
    sign_in(coach)
    calendar = client.get(f"/participants/{placement.participant_id}/attendance?month={monday:%Y-%m}")
    assert calendar.status_code == 200 and weekday in calendar.get_data(as_text=True)
    assert client.get(f"/attendance/reports/{placement.id}/{monday:%Y-%m}.csv").status_code == 200


def test_the_supervisor_finds_the_monthly_report_from_the_week(client, sign_in):
    placement = _placement()
    sign_in(placement.supervisor)
    page = client.get(_week_url(placement, monday_of(TODAY))).get_data(as_text=True)
    link = f"/attendance/reports/{placement.id}/{monday_of(TODAY):%Y-%m}"
    assert link in page and client.get(link).status_code == 200


def test_the_supervisors_monthly_report_asks_for_their_memberships_once(client, sign_in):
    """The memberships come with the sign-in; reading the weeks the supervisor confirmed must
    not reload them (the read log needs them at the end of the request)."""
    placement = _placement()
    first = monday_of(TODAY) - timedelta(weeks=3)
    services.confirm_week(placement.supervisor, placement.id, first, first + timedelta(days=6))
    db.session.commit()
    sign_in(placement.supervisor)
    with counting() as statements:
        page = client.get(f"/attendance/reports/{placement.id}/{TODAY:%Y-%m}")
    assert page.status_code == 200 and placement.supervisor.called in page.text
    # session with memberships, notifications, placement, its days, days, corrections, weeks, read log
    assert len(statements) == 8, statements
    assert len([s for s in statements if re.search(r"\b(FROM|JOIN) membership\b", s)]) == 1


@pytest.mark.parametrize("month", ["0001-01", "9999-12"])
def test_a_month_or_day_at_the_end_of_the_calendar_is_not_found_never_a_500(client, sign_in, month):
    placement = _placement()
    coach = make_coach_of(placement.participant)
    day = "0001-01-01" if month == "0001-01" else "9999-12-31"
    monday = "0001-01-01" if month == "0001-01" else "9999-12-27"
    sign_in(placement.supervisor)
    for headers in ({}, HX):
        assert client.get(f"/attendance/reports/{placement.id}/{month}", headers=headers).status_code == 404
        assert client.get(f"/attendance/reports/{placement.id}/{month}.csv", headers=headers).status_code == 404
        assert client.get(f"/attendance/weeks/{placement.id}/{monday}", headers=headers).status_code == 404
    assert client.post(f"/attendance/weeks/{placement.id}/{monday}/confirm", headers=HX).status_code == 404
    assert client.post(f"/attendance/days/{placement.id}/{day}", data={"status": "sick"}, headers=HX).status_code == 404
    sign_in(coach)
    for headers in ({}, HX):
        url = f"/participants/{placement.participant_id}/attendance"
        assert client.get(f"{url}?month={month}", headers=headers).status_code == 404
    assert (
        client.post(
            f"/participants/{placement.participant_id}/attendance/{placement.id}/{day}",
            data={"status": "excused", "reason": "x"},
            headers=HX,
        ).status_code
        == 404
    )
