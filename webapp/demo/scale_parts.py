"""The national-scale demo's attendance and catalogue, written in bulk."""

from datetime import datetime, time, timedelta

from ..attendance.models import AttendanceDay, AttendanceWeek
from ..attendance.models import Status as Attendance
from ..catalogue.cache import changed
from ..catalogue.models import Activity, ActivityLanguage, ActivityTime, Category, Referrers
from ..enrolment.models import Phase
from ..extensions import db
from ..placements.models import (
    Opening,
    OpeningStatus,
    PlacementKind,
    opening_language,
)
from ..textfold import search_text
from ..timeutil import STOCKHOLM
from .dates import SCHEDULE
from .scale_data import (
    ACTIVITY_WORDS,
    LANGUAGES,
    bulk_insert,
    next_id,
)


def write_attendance(placements: list[dict], this_monday, now) -> tuple[int, int]:
    """Every week from the start: confirmed up to three weeks ago; the last two weeks
    reported by the participant and waiting for the supervisor; this week open."""

    def week_rows():
        for r in placements:
            monday = r["starts_on"]
            while monday < this_monday:
                confirmed = monday < this_monday - timedelta(weeks=2)
                yield {
                    "placement_id": r["id"],
                    "monday": monday,
                    "version": 1,
                    "confirmed_at": now if confirmed else None,
                    "confirmed_by_id": r["supervisor_id"] if confirmed else None,
                }
                monday += timedelta(weeks=1)

    def day_rows():
        n = 0
        for r in placements:
            monday = r["starts_on"]
            while monday < this_monday:
                confirmed = monday < this_monday - timedelta(weeks=2)
                for weekday, starts_at, ends_at in SCHEDULE:
                    n += 1
                    status = Attendance.SICK if n % 17 == 0 else Attendance.PRESENT
                    minutes = (ends_at.hour - starts_at.hour) * 60 if status is Attendance.PRESENT else 0
                    day = monday + timedelta(days=weekday)
                    set_at = datetime.combine(day, time(17), tzinfo=STOCKHOLM)
                    if confirmed:
                        yield {
                            "placement_id": r["id"],
                            "day": day,
                            "status": status,
                            "minutes": minutes,
                            "set_by_id": r["supervisor_id"],
                            "set_at": set_at,
                            "reported_status": None,
                            "reported_reason": None,
                            "reported_at": None,
                        }
                    else:
                        yield {
                            "placement_id": r["id"],
                            "day": day,
                            "status": None,
                            "minutes": None,
                            "set_by_id": None,
                            "set_at": None,
                            "reported_status": status,
                            "reported_reason": None,
                            "reported_at": set_at,
                        }
                monday += timedelta(weeks=1)

    return bulk_insert(AttendanceWeek, week_rows()), bulk_insert(AttendanceDay, day_rows())


def write_catalogue(programme, unit_ids, employer_ids, municipality_ids, coach_ids, participants, today, now) -> None:
    """Activities (one per 50 participants) from the units, openings (one per employer)."""
    first_activity = next_id(Activity)
    count = max(20, participants // 50)
    categories, phases = list(Category), list(Phase)
    activities = [
        {
            "id": first_activity + n,
            "programme_id": programme.id,
            "organisation_id": unit_ids[n % len(unit_ids)],
            "municipality_id": municipality_ids[n % 30],
            "title": f"{ACTIVITY_WORDS[n % len(ACTIVITY_WORDS)]} {n}",
            "category": categories[n % len(categories)],
            "phase": phases[n % len(phases)],
            "description": "Beskrivning av aktiviteten, vem den passar och hur den går till.",
            "place": "Storgatan 1",
            "starts_on": today - timedelta(days=n % 200),
            "ends_on": None if n % 3 else today + timedelta(days=200),
            "continuous_intake": n % 3 == 1,
            "written_in": "sv",
            "adaptations": "",
            "places": 12,
            "places_free": n % 5,
            "contact": "010-123 45 67",
            "referrers": Referrers.ANY_COACH,
            "is_public": n % 10 != 0,
        }
        for n in range(count)
    ]
    for row in activities:
        row["search_text"] = search_text(row["title"], row["description"], row["place"])
    bulk_insert(Activity, activities)
    changed()  # bulk rows pass no flush: the open-data cache must still see the new catalogue
    bulk_insert(
        ActivityTime,
        (
            {"activity_id": a["id"], "weekday": d, "starts_at": time(9), "ends_at": time(12)}
            for a in activities
            for d in {a["id"] % 5, 4}
        ),
    )
    bulk_insert(
        ActivityLanguage,
        ({"activity_id": a["id"], "code": code} for a in activities for code in {"sv", LANGUAGES[a["id"] % 4]}),
    )
    first_opening = next_id(Opening)
    statuses = [OpeningStatus.OPEN] * 4 + [OpeningStatus.CLOSED]
    openings = [
        {
            "id": first_opening + n,
            "organisation_id": o,
            "programme_id": programme.id,
            "municipality_id": municipality_ids[o % 30],
            "kind": list(PlacementKind)[n % len(PlacementKind)],
            "title": f"Praktik {n}",
            "tasks": "Arbetsuppgifter i lager och kundtjänst. " * 4,
            "hours_per_week": 20,
            "usual_days": 31,
            "place": "Gatan 1",
            "starts_on": today + timedelta(days=n % 90),
            "places": 1,
            "status": statuses[n % 5],
            "written_in": "sv",
            "created_at": now,
            "updated_at": now,
        }
        for n, o in enumerate(employer_ids)
    ]
    bulk_insert(Opening, openings)
    db.session.execute(
        opening_language.insert(), [{"opening_id": o["id"], "code": LANGUAGES[o["id"] % 4]} for o in openings]
    )
