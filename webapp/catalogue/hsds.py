"""The public catalogue as Open Referral HSDS 3.0, so other regions and tools can read it.

Field names and shapes follow the official HSDS 3.0 schemas (github.com/openreferral/specification,
branch 3.0, schema/*.json and schema/openapi.json), kept in tests/hsds/schema with their licence;
tests/catalogue/test_hsds.py validates what this module writes against them (JSON Schema 2020-12).

- The API's root document: `version`, `profile`, `openapi_url`.
- `/services`: a page (`total_items`, `total_pages`, `page_number`, `size`, `first_page`,
  `last_page`, `empty`, `contents`), asked for with `page` and `per_page`; `/services/{id}`: one
  service, fully nested. Each page runs the same few queries, however many services it holds.
- Identifiers are UUIDs derived from our ids (uuid5), the same from one export to the next.
- Weekly times are iCal-style (freq WEEKLY, byday and wkst MO..SU); opens_at/closes_at carry
  the UTC offset of Europe/Stockholm on the activity's first day ("09:00+01:00").
- A location's name is the place's name; its street, postcode and town go into an address,
  read from the place as providers write it ("Mötesplatsen, Stationsgatan 3, 283 31 Osby").
- The provider's contact text gives the service's e-mail and phone numbers.
No person appears in it: only public activities, their providers and places.
"""

import re
import uuid
from datetime import datetime, time

from babel import Locale
from flask_babel import force_locale
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from ..extensions import db
from ..pagination import paginate
from ..timeutil import STOCKHOLM, local_today
from .models import Activity
from .services import with_details

VERSION = "3.0"
PROFILE = "https://github.com/openreferral/specification/tree/3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://vagen.example.se/hsds")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ENGLISH = Locale("en")
PER_PAGE, MAX_PER_PAGE = 50, 200
# The county (län) is the first two digits of the municipality code (kommunkod).
COUNTIES = {
    "01": "Stockholms län",
    "03": "Uppsala län",
    "04": "Södermanlands län",
    "05": "Östergötlands län",
    "06": "Jönköpings län",
    "07": "Kronobergs län",
    "08": "Kalmar län",
    "09": "Gotlands län",
    "10": "Blekinge län",
    "12": "Skåne län",
    "13": "Hallands län",
    "14": "Västra Götalands län",
    "17": "Värmlands län",
    "18": "Örebro län",
    "19": "Västmanlands län",
    "20": "Dalarnas län",
    "21": "Gävleborgs län",
    "22": "Västernorrlands län",
    "23": "Jämtlands län",
    "24": "Västerbottens län",
    "25": "Norrbottens län",
}

POSTCODE_TOWN = re.compile(r"^(?:SE-?)?(\d{3}) ?(\d{2})\s+(\S.*)$")
STREET = re.compile(r"^\D+\s\d+\s?[A-Za-z]?$")  # "Frykholmsgatan 5", "Västra Storgatan 12 B"
EMAIL = re.compile(r"[^\s,;<>]+@[^\s,;<>]+\.[^\s,;<>]+")
PHONE = re.compile(r"(?:\+46|0)[\d\s-]{6,}\d")


def _id(kind: str, number: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}/{number}"))


def root() -> dict:
    """What this API is: HSDS 3.0, described by the specification's own OpenAPI file."""
    return {"version": VERSION, "profile": PROFILE, "openapi_url": OPENAPI_URL}


def _organization(organisation) -> dict:
    return {
        "id": _id("organization", organisation.id),
        "name": organisation.name,
        "description": str(organisation.kind.label),
    }


def split_place(place: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(name, street, postcode, town) from a place as written; what is not there is None."""
    parts = [p.strip() for p in place.split(",") if p.strip()]
    name = street = postcode = town = None
    if parts and (match := POSTCODE_TOWN.match(parts[-1])):
        postcode, town = f"{match[1]} {match[2]}", match[3]
        parts.pop()
    if parts and STREET.match(parts[-1]):
        street = parts.pop()
    name = ", ".join(parts) or None
    return name, street, postcode, town


def _location(activity) -> dict:
    name, street, postcode, town = split_place(activity.place)
    location_id = _id("location", activity.id)
    location = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": _id("organization", activity.organisation_id),
        "name": name or street or activity.place,
        "description": activity.municipality.name,
    }
    if street and postcode and town:
        location["addresses"] = [
            {
                "id": _id("address", activity.id),
                "location_id": location_id,
                "address_1": street,
                "city": town,
                "region": activity.municipality.name,
                "state_province": COUNTIES.get(activity.municipality.code[:2], activity.municipality.name),
                "postal_code": postcode,
                "country": "SE",
                "address_type": "physical",
            }
        ]
    return location


def _clock(at: time, offset: str) -> str:
    return at.strftime("%H:%M") + offset


def _schedules(activity, base_url: str) -> list[dict]:
    reference = activity.starts_on or local_today()
    moment = datetime.combine(reference, time(12), STOCKHOLM)
    offset, hours = moment.strftime("%z"), moment.utcoffset().total_seconds() / 3600
    offset = f"{offset[:3]}:{offset[3:]}"
    return [
        {
            "id": _id("schedule", t.id),
            "service_id": activity.hsds_id,
            "valid_from": activity.starts_on.isoformat() if activity.starts_on else None,
            "valid_to": activity.ends_on.isoformat() if activity.ends_on else None,
            "dtstart": activity.starts_on.isoformat() if activity.starts_on else None,
            "freq": "WEEKLY",
            "interval": 1,
            "byday": BYDAY[t.weekday],
            "wkst": "MO",
            "opens_at": _clock(t.starts_at, offset),
            "closes_at": _clock(t.ends_at, offset),
            "timezone": hours,
            "description": "continuous intake" if activity.continuous_intake else None,
            "schedule_link": f"{base_url}/activities/{activity.id}",
        }
        for t in activity.times
    ]


def _contact(activity) -> tuple[str | None, list[dict], list[dict]]:
    """(email, phones, contacts) read from the provider's contact text."""
    service_id = activity.hsds_id
    email = next(iter(EMAIL.findall(activity.contact)), None)
    numbers = PHONE.findall(activity.contact)
    phones = [
        {"id": _id("phone", activity.id * 100 + n), "service_id": service_id, "number": number.strip(), "type": "voice"}
        for n, number in enumerate(numbers)
    ]
    rest = activity.contact
    for found in [email, *numbers]:
        rest = rest.replace(found, "") if found else rest
    name = rest.strip(" ,;:-") or None
    contact = {
        "id": _id("contact", activity.id),
        "service_id": service_id,
        "name": name,
        "email": email,
        "phones": [dict(p, contact_id=_id("contact", activity.id)) for p in phones],
    }
    return email, phones, [contact] if name or email or phones else []


def _service(activity, base_url: str) -> dict:
    location = _location(activity)
    service_id = activity.hsds_id
    email, phones, contacts = _contact(activity)
    return {
        "id": service_id,
        "organization_id": _id("organization", activity.organisation_id),
        "name": activity.title,
        "description": activity.description,
        "status": "active",
        "url": f"{base_url}/activities/{activity.id}",
        "email": email,
        "phones": phones,
        "contacts": contacts,
        "eligibility_description": activity.adaptations or None,
        "languages": [
            {
                "id": _id("language", activity.id * 1000 + i),
                "service_id": service_id,
                "name": ENGLISH.languages.get(code, code),
                "code": code,
            }
            for i, code in enumerate(activity.languages)
        ],
        "schedules": _schedules(activity, base_url),
        "service_at_locations": [
            {
                "id": _id("service_at_location", activity.id),
                "service_id": service_id,
                "location_id": location["id"],
                "location": location,
            }
        ],
        "organization": _organization(activity.organisation),
    }


def _without_empty(value):
    """HSDS fields are typed (a string is a string): leave out what we do not know instead of null."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


def _public():
    return select(Activity).where(Activity.is_public)


def services_page(base_url: str, page: int = 1, per_page: int = PER_PAGE) -> dict:
    """One page of public activities as HSDS services (two queries for the rows and one count)."""
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    # A page past the end is answered as asked, empty, for a client that walks the pages.
    found = paginate(with_details(_public()).order_by(Activity.id), page, per_page, past_end="empty")
    with force_locale("en"):  # one language for machines: the specification's own
        contents = [_service(a, base_url) for a in found.items]
    return _without_empty(
        {
            "total_items": found.total,
            "total_pages": found.pages,
            "page_number": found.page,
            "size": len(contents),
            "first_page": found.page == 1,
            "last_page": found.page >= found.pages,
            "empty": not contents,
            "contents": contents,
        }
    )


def service(base_url: str, service_id: str) -> dict:
    """One public activity as a fully nested HSDS service; 404 for any other id."""
    try:
        kept = str(uuid.UUID(service_id))
    except ValueError:
        raise NotFound() from None
    found = with_details(select(Activity)).where(Activity.hsds_id == kept, Activity.is_public)
    activity = db.session.scalars(found).unique().one_or_none()
    if activity is None:
        raise NotFound()
    with force_locale("en"):
        return _without_empty(_service(activity, base_url))
