"""What users hit in the first weeks (issue 15, attendance): only days that have begun are
confirmed, the supervisor's backlog newest first with corrections in reach, days to come are
not "present", and a sick report needs no reason and tells the workplace only "absent"."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from webapp.attendance import reading, services
from webapp.attendance.models import AttendanceDay, Status
from webapp.extensions import db

from ..conftest import HX
from ..factories import make_coach_of, make_placement

MONDAY = date(2026, 11, 23)
TUESDAY = MONDAY + timedelta(days=1)


@pytest.fixture
def today(monkeypatch):
    """The pages' "today", a Tuesday unless a test moves it."""
    found = {"day": TUESDAY}
    monkeypatch.setattr("webapp.attendance.routes.local_today", lambda: found["day"])
    return found


def test_confirm_as_scheduled_on_a_tuesday_confirms_monday_and_tuesday_only(app):
    placement = make_placement()
    outcome = services.confirm_week(placement.supervisor, placement.id, MONDAY, TUESDAY, seen_version=0)
    assert outcome.changed and not outcome.week.confirmed
    recorded = db.session.scalars(select(AttendanceDay).order_by(AttendanceDay.day)).all()
    assert [(d.day, d.status) for d in recorded] == [(MONDAY, Status.PRESENT), (TUESDAY, Status.PRESENT)]
    assert not services.confirm_week(placement.supervisor, placement.id, MONDAY, TUESDAY).changed
    # Wednesday: the participant can still report sick for Thursday, then Friday the week is confirmed.
    services.report_absence(
        placement.participant, MONDAY + timedelta(days=3), Status.SICK, "", MONDAY + timedelta(days=2)
    )
    friday = MONDAY + timedelta(days=4)
    week = services.confirm_week(placement.supervisor, placement.id, MONDAY, friday).week
    assert week.confirmed
    assert [d.status for d in week.days] == [Status.PRESENT] * 3 + [Status.SICK, Status.PRESENT]


def test_after_a_tuesday_confirmation_the_participant_may_still_report_sick_for_the_coming_days(client, sign_in, today):
    placement = make_placement()
    sign_in(placement.supervisor)
    reply = client.post(
        f"/attendance/weeks/{placement.id}/{MONDAY.isoformat()}/confirm", data={"version": "0"}, headers=HX
    )
    assert reply.status_code == 200 and "Bekräfta dagarna hittills" in reply.get_data(as_text=True)
    sign_in(placement.participant)
    page = client.get("/attendance/mine").get_data(as_text=True)
    assert 'value="2026-11-25"' in page and 'value="2026-11-26"' in page  # Wednesday, Thursday offered
    assert "Dag som kommer" in page  # days to come are not shown as present
    today["day"] = MONDAY + timedelta(days=2)
    page = client.get("/attendance/mine").get_data(as_text=True)
    assert "Jag är här" in page  # Wednesday: check in


def test_a_sick_report_needs_no_reason_and_the_workplace_sees_only_absent(client, sign_in, today):
    placement = make_placement()
    sign_in(placement.participant)
    reply = client.post("/attendance/mine/report", data={"day": "2026-11-26", "status": "sick", "reason": ""})
    assert reply.status_code == 303
    sign_in(placement.participant)
    client.post("/attendance/mine/report", data={"day": "2026-11-27", "status": "sick", "reason": "Migrän"})
    sign_in(placement.supervisor)
    page = client.get(f"/attendance/weeks/{placement.id}/{MONDAY.isoformat()}").get_data(as_text=True)
    assert page.count("Frånvarande, anmält av deltagaren") == 2
    assert "Migrän" not in page and "Sjuk</span>" not in page
    coach = make_coach_of(placement.participant)
    sign_in(coach)
    assert "Migrän" in client.get(f"/participants/{placement.participant.id}/attendance?month=2026-11").get_data(
        as_text=True
    )


def test_the_workplaces_monthly_report_says_absent_where_the_participant_reported_sick(client, sign_in, today):
    placement = make_placement()
    sign_in(placement.participant)
    client.post("/attendance/mine/report", data={"day": "2026-11-26", "status": "sick", "reason": "Migrän"})
    sign_in(placement.supervisor)
    page = client.get(f"/attendance/reports/{placement.id}/2026-11").get_data(as_text=True)
    sheet = client.get(f"/attendance/reports/{placement.id}/2026-11.csv").get_data(as_text=True)
    assert "Frånvarande" in page and "Frånvarande" in sheet
    assert "Sjuk" not in page and "Sjuk" not in sheet and "Migrän" not in page + sheet
    sign_in(make_coach_of(placement.participant))
    assert "Sjuk" in client.get(f"/attendance/reports/{placement.id}/2026-11").get_data(as_text=True)


def test_the_coach_month_does_not_count_days_to_come_as_present(client, sign_in, today):
    placement = make_placement()
    sign_in(make_coach_of(placement.participant))
    page = client.get(f"/participants/{placement.participant.id}/attendance?month=2026-11").get_data(as_text=True)
    assert page.count("Dag som kommer") == 4  # 25-28 Nov... Wednesday to Friday, and 30 Nov
    assert "Närvarande" not in page.split("2026-11-25")[1].split("att-cal")[0]


def _supervisor_with_backlog(weeks: int):
    start = MONDAY - timedelta(weeks=weeks - 1)
    return make_placement(starts_on=start)


def test_the_backlog_is_newest_first_paged_and_the_home_shows_a_few_after_the_feedback(client, sign_in, today):
    placement = _supervisor_with_backlog(16)
    sign_in(placement.supervisor)
    home = client.get("/home/supervisor").get_data(as_text=True)
    assert home.index('id="feedback-due"') < home.index('id="attendance-weeks"')
    assert home.count('class="att-week') == 3
    assert "13 veckor till att bekräfta, äldre" in home
    assert home.index("Vecka 48") < home.index("Vecka 47") < home.index("Vecka 46")
    first = client.get("/attendance/weeks").get_data(as_text=True)
    assert first.count('class="att-week') == 8 and "Vecka 48" in first and "Vecka 33" not in first
    last = client.get("/attendance/weeks?page=2").get_data(as_text=True)
    assert "Vecka 33" in last and "Vecka 48" not in last
    assert client.get("/attendance/weeks?page=99").status_code == 200


def test_the_backlog_pages_like_every_other_list_a_whole_page_or_the_list_for_htmx(client, sign_in, today, monkeypatch):
    """The weeks page used its own pager (plain links, other words); now the one pager: real
    links that htmx swaps into the list, and the same ?page= in the address."""
    placement = _supervisor_with_backlog(16)
    sign_in(placement.supervisor)
    first = client.get("/attendance/weeks").get_data(as_text=True)
    pager = first.split('class="pager"')[1].split("</nav>")[0]
    assert 'hx-get="/attendance/weeks?page=2"' in pager and 'hx-target="#attendance-backlog"' in pager
    assert "Nästa sida" in pager and "Sida 1 av 2" in pager
    second = client.get("/attendance/weeks?page=2", headers=HX)
    body = second.get_data(as_text=True)
    assert second.status_code == 200 and "<html" not in body and body.lstrip().startswith("<section")
    assert 'id="attendance-backlog"' in body and "Vecka 33" in body and "Vecka 48" not in body
    assert 'hx-get="/attendance/weeks?page=1"' in body and "Föregående sida" in body
    assert 'id="attendance-confirmed"' not in body
    assert "Vecka 33" in client.get("/attendance/weeks?page=99", headers=HX).get_data(as_text=True)
    # The list alone reads no confirmed weeks: those are on the whole page only.
    asked = []
    monkeypatch.setattr(reading, "recent_confirmed_weeks", lambda *args: asked.append(args) or [])
    client.get("/attendance/weeks?page=2", headers=HX)
    assert asked == []
    client.get("/attendance/weeks?page=2")
    assert len(asked) == 1


def test_confirmed_weeks_stay_reachable_for_a_correction(client, sign_in, today):
    placement = _supervisor_with_backlog(3)
    services.confirm_week(placement.supervisor, placement.id, MONDAY - timedelta(weeks=1), TUESDAY)
    db.session.commit()
    sign_in(placement.supervisor)
    home = client.get("/home/supervisor").get_data(as_text=True)
    assert "/attendance/weeks#attendance-confirmed" in home
    page = client.get("/attendance/weeks").get_data(as_text=True)
    link = f"/attendance/weeks/{placement.id}/{(MONDAY - timedelta(weeks=1)).isoformat()}"
    assert page.split('id="attendance-confirmed"')[1].count(link) == 1
    assert "Rätta den här dagen" in client.get(link).get_data(as_text=True)
