"""The public catalogue as Open Referral HSDS 3.0 JSON, so other regions and tools can read it.

Field names follow the Human Services Data Specification 3.0 schema files
(github.com/openreferral/specification, branch 3.0: schema/organization.json,
schema/service.json, schema/location.json, schema/service_at_location.json,
schema/schedule.json, schema/language.json). Required there: organization id, name,
description; service id, name, status; location id, location_type; schedule, language and
service_at_location id. Identifiers are UUIDs derived from our ids (uuid5), so they stay the
same from one export to the next. Weekly times are iCal-style: freq WEEKLY, byday MO..SU,
opens_at/closes_at as HH:MM with `timezone` the UTC offset in hours of Europe/Stockholm.
No person appears in it: only public activities, their providers and places.
"""
import uuid
from datetime import datetime, time

from babel import Locale
from flask_babel import force_locale
from sqlalchemy import select

from ..extensions import db
from ..timeutil import STOCKHOLM, local_today
from .models import Activity
from .services import with_details

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://vagen.example.se/hsds")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ENGLISH = Locale("en")


def _id(kind: str, number: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}/{number}"))


def _organization(organisation) -> dict:
    return {"id": _id("organization", organisation.id), "name": organisation.name,
            "description": str(organisation.kind.label)}


def _location(activity) -> dict:
    return {"id": _id("location", activity.id), "location_type": "physical",
            "organization_id": _id("organization", activity.organisation_id),
            "name": activity.place, "description": activity.municipality.name}


def _schedules(activity, base_url: str) -> list[dict]:
    reference = activity.starts_on or local_today()
    offset = datetime.combine(reference, time(12), STOCKHOLM).utcoffset().total_seconds() / 3600
    return [{
        "id": _id("schedule", t.id), "service_id": _id("service", activity.id),
        "valid_from": activity.starts_on.isoformat() if activity.starts_on else None,
        "valid_to": activity.ends_on.isoformat() if activity.ends_on else None,
        "dtstart": activity.starts_on.isoformat() if activity.starts_on else None,
        "freq": "WEEKLY", "interval": 1, "byday": BYDAY[t.weekday], "wkst": "MON",
        "opens_at": t.starts_at.strftime("%H:%M"), "closes_at": t.ends_at.strftime("%H:%M"), "timezone": offset,
        "description": "continuous intake" if activity.continuous_intake else "",
        "schedule_link": f"{base_url}/activities/{activity.id}",
    } for t in activity.times]


def _service(activity, base_url: str) -> dict:
    location = _location(activity)
    return {
        "id": _id("service", activity.id), "organization_id": _id("organization", activity.organisation_id),
        "name": activity.title, "description": activity.description, "status": "active",
        "url": f"{base_url}/activities/{activity.id}", "email": activity.contact if "@" in activity.contact else None,
        "eligibility_description": activity.adaptations or None, "alert": None,
        "languages": [{"id": _id("language", activity.id * 1000 + i), "service_id": _id("service", activity.id),
                       "name": ENGLISH.languages.get(code, code), "code": code}
                      for i, code in enumerate(activity.languages)],
        "schedules": _schedules(activity, base_url),
        "service_at_locations": [{"id": _id("service_at_location", activity.id), "service_id": _id("service", activity.id),
                                  "location_id": location["id"], "location": location}],
    }


def _without_empty(value):
    """HSDS fields are typed (a string is a string): leave out what we do not know instead of null."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


def export(base_url: str) -> dict:
    """Every public activity as HSDS organizations, services and locations."""
    activities = list(db.session.scalars(with_details(select(Activity)).where(Activity.is_public)
                                         .order_by(Activity.id)).unique())
    organisations = {a.organisation_id: a.organisation for a in activities}
    with force_locale("en"):  # one language for machines: the spec's own
        return _without_empty({
            "organizations": [_organization(o) for o in organisations.values()],
            "services": [_service(a, base_url) for a in activities],
            "locations": [_location(a) for a in activities],
        })
