"""The private calendar feed: RFC 5545 lines, a secret address that can be reset."""
import re
from datetime import time, timedelta

from webapp.accounts.models import Role
from webapp.plans import services
from webapp.plans.calendar import escape, fold
from webapp.timeutil import local_today
from webapp.week import monday_of

from ..conftest import HX
from ..factories import make_goal, make_step, make_user


def test_lines_are_folded_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "ሰላም " * 40
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
    assert fold("SHORT:x") == "SHORT:x"


def test_text_is_escaped():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def _link(client):
    page = client.post("/plan/calendar", headers=HX)
    assert page.status_code == 200 and page.text.lstrip().startswith('<section id="plans-calendar"')
    return re.search(r'href="http://localhost(/calendar/[^"]+\.ics)"', page.text).group(1)


def test_the_feed_holds_meetings_and_steps_and_a_reset_kills_the_old_address(client, sign_in):
    participant = make_user(Role.PARTICIPANT, preferred_language="en")
    coach = make_user(Role.COACH)
    monday = monday_of(local_today())
    services.book_appointment(participant, coach, "Möte, med coach; rum 2", monday + timedelta(days=9), time(10),
                              time(11), "Stortorget 1, Hässleholm")
    make_step(make_goal(participant, title="Arbete"), title="Skriva CV", due_on=local_today() + timedelta(days=3))
    sign_in(participant)
    assert "Make a calendar link" in client.get("/plan/calendar").text
    url = _link(client)

    client.post("/sign-out")
    feed = client.get(url)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    body = feed.get_data(as_text=True)
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith("END:VCALENDAR\r\n")
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
