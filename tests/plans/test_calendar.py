"""The private calendar feed: RFC 5545 as icalendar and vobject read it, a secret address that
can be reset, no placement or activity on a day that is not a working day."""

import re
import warnings
from datetime import date, time, timedelta

import icalendar
import vobject

from webapp.accounts.models import Role
from webapp.catalogue.models import ReferralStatus
from webapp.extensions import db
from webapp.plans import appointments, calendar
from webapp.timeutil import local_today
from webapp.week import monday_of

from ..conftest import HX
from ..factories import make_activity, make_goal, make_placement, make_referral, make_step, make_user

NOT_WORKING = {
    date(2026, 12, 24): "Julafton",
    date(2026, 12, 25): "Juldagen",
    date(2026, 12, 26): "Annandag jul",
    date(2026, 12, 31): "Nyårsafton",
    date(2027, 1, 1): "Nyårsdagen",
    date(2027, 1, 6): "Trettondedag jul",
}


def _link(client):
    page = client.post("/plan/calendar", headers=HX)
    assert page.status_code == 200 and page.text.lstrip().startswith('<section id="plans-calendar"')
    url = re.search(r'href="http://localhost(/calendar/[^"]+\.ics)"', page.text).group(1)
    assert f'href="webcal://localhost{url}"' in page.text, "a tap subscribes in the calendar app"
    return url


def read_strictly(body: bytes) -> list[tuple[str, date]]:
    """(uid, day) of each event, as both libraries read the feed; any warning fails."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parsed = icalendar.Calendar.from_ical(body)
        assert not parsed.errors and all(not c.errors for c in parsed.walk())
        read_by_vobject = vobject.readOne(body.decode())
        read_by_vobject.validate()
    events = [(str(e["uid"]), e.decoded("dtstart")) for e in parsed.walk("VEVENT")]
    assert sorted(e.uid.value for e in getattr(read_by_vobject, "vevent_list", [])) == sorted(u for u, _ in events)
    return [(uid, start if not hasattr(start, "date") else start.date()) for uid, start in events]


def test_the_feed_holds_meetings_and_steps_and_a_reset_kills_the_old_address(client, sign_in):
    participant = make_user(Role.PARTICIPANT, preferred_language="en")
    coach = make_user(Role.COACH)
    monday = monday_of(local_today())
    appointments.book_appointment(
        participant,
        coach,
        "Möte, med coach; rum 2",
        monday + timedelta(days=9),
        time(10),
        time(11),
        "Stortorget 1, Hässleholm",
    )
    make_step(make_goal(participant, title="Arbete"), title="Skriva CV", due_on=local_today() + timedelta(days=3))
    sign_in(participant)
    assert "Make a calendar link" in client.get("/plan/calendar").text
    url = _link(client)

    client.post("/sign-out")
    feed = client.get(url)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    read_strictly(feed.data)
    body = feed.get_data(as_text=True)
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "VERSION:2.0\r\n" in body and body.endswith("END:VCALENDAR\r\n")
    assert "localhost" not in body and re.search(r"UID:meeting-[0-9a-f]+@vagen\r\n", body), "no host in the UIDs"
    assert "\n" not in body.replace("\r\n", "")
    assert re.search(r"DTSTAMP:\d{8}T\d{6}Z\r\n", body)
    day = monday + timedelta(days=9)
    utc_hour = 9 if day.month in (11, 12, 1, 2) else 8
    assert f"DTSTART:{day:%Y%m%d}T{utc_hour:02d}0000Z" in body
    assert "SUMMARY:Möte\\, med coach\\; rum 2" in body and "LOCATION:Stortorget 1\\, Hässleholm" in body
    due = local_today() + timedelta(days=3)
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in body and "SUMMARY:Skriva CV" in body
    assert body.count("BEGIN:VEVENT") == body.count("END:VEVENT") == 2

    sign_in(participant)
    assert "The old link stops working." in client.get("/plan/calendar").text
    new_url = _link(client)
    assert new_url != url
    assert client.get(url).status_code == 404
    assert client.get(new_url).status_code == 200
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_only_a_participant_makes_a_calendar_link(client, sign_in):
    sign_in(make_user(Role.COACH))
    assert client.post("/plan/calendar").status_code == 403


def test_no_placement_or_activity_day_falls_on_a_day_that_is_not_a_working_day():
    participant = make_user(Role.PARTICIPANT)
    make_placement(participant, title="Lager, jul och nyår", starts_on=date(2026, 12, 14), ends_on=date(2027, 1, 15))
    activity = make_activity(
        title="Svenska", times=[(d, time(13), time(15)) for d in range(7)], starts_on=date(2026, 12, 1), ends_on=None
    )
    make_referral(activity, participant, status=ReferralStatus.ACCEPTED)
    db.session.commit()
    days = [day for _, day in read_strictly(calendar.calendar_for(participant, today=date(2026, 12, 21)))]
    assert date(2026, 12, 23) in days and date(2027, 1, 7) in days, "ordinary days are there"
    assert [(day, NOT_WORKING[day]) for day in days if day in NOT_WORKING] == []
