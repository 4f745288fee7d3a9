"""The HSDS export, checked by the reader's own rules: the official Open Referral HSDS 3.0 JSON
schemas (tests/hsds/schema, copied from github.com/openreferral/specification, branch 3.0, with
its LICENSE), validated with jsonschema (Draft 2020-12, formats checked). The official schemas
allow any extra field; the strict copy made here does not, so a misspelt field fails too."""

import copy
import json
import uuid
from datetime import time
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from webapp.accounts.models import Role
from webapp.catalogue import hsds
from webapp.catalogue.models import ReferralStatus

from ..conftest import counting
from ..factories import make_activity, make_referral, make_user

SCHEMAS = Path(__file__).parent.parent / "hsds" / "schema"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = json.loads((SCHEMAS / "openapi.json").read_text())


def _strict(schema):
    """The same schema with no properties beyond those it names."""
    if isinstance(schema, dict):
        schema = {k: _strict(v) for k, v in schema.items()}
        if schema.get("type") == "object" and "properties" in schema:
            schema["additionalProperties"] = False
    elif isinstance(schema, list):
        schema = [_strict(v) for v in schema]
    return schema


def _registry(strict: bool) -> Registry:
    resources = []
    for path in SCHEMAS.rglob("*.json"):
        contents = json.loads(path.read_text())
        resources.append(
            (
                BASE + path.relative_to(SCHEMAS).as_posix(),
                Resource(_strict(contents) if strict else contents, specification=DRAFT202012),
            )
        )
    return Registry().with_resources(resources)


def validate(document, schema: dict) -> list[str]:
    """Every problem the official schema finds, then every field it does not define."""
    found = []
    for strict in (False, True):
        validator = Draft202012Validator(
            schema, registry=_registry(strict), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        found += [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    return found


def ref(name: str) -> dict:
    return {"$ref": BASE + name}


def page_schema() -> dict:
    page = copy.deepcopy(OPENAPI["components"]["schemas"]["Page"])
    page["properties"]["contents"] = {"type": "array", "items": ref("service.json")}  # ?full=true: nested
    page["required"] = ["total_items", "total_pages", "page_number", "size", "contents"]
    return page


@pytest.fixture
def activity():
    made = make_activity(
        title="Samhällsorientering på tigrinja",
        languages=("ti", "sv"),
        times=[(1, time(9), time(12))],
        place="Mötesplatsen, Stationsgatan 3, 283 31 Osby",
        contact="Amanuel Tesfay, 010-123 45 67, amanuel@example.org",
    )
    make_activity(organisation=made.organisation, title="Intern", is_public=False)
    return made


def test_the_services_validate_against_the_official_hsds_schemas(client, activity):
    response = client.get("/activities/hsds/services")
    assert response.status_code == 200 and response.is_json
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    data = response.get_json()
    assert validate(data, page_schema()) == []
    assert (data["total_items"], data["total_pages"], data["page_number"], data["size"]) == (1, 1, 1, 1)
    [service] = data["contents"]
    assert service["name"] == "Samhällsorientering på tigrinja"
    assert {lang["code"] for lang in service["languages"]} == {"ti", "sv"}
    [schedule] = service["schedules"]
    assert schedule["byday"] == "TU" and schedule["wkst"] == "MO"
    assert schedule["opens_at"] in ("09:00+01:00", "09:00+02:00") and schedule["closes_at"].startswith("12:00+0")
    location = service["service_at_locations"][0]["location"]
    assert location["name"] == "Mötesplatsen", "the street is not inside the name"
    [address] = location["addresses"]
    assert (address["address_1"], address["postal_code"], address["city"], address["country"]) == (
        "Stationsgatan 3",
        "283 31",
        "Osby",
        "SE",
    )
    assert service["email"] == "amanuel@example.org" and service["phones"][0]["number"] == "010-123 45 67"
    assert service["contacts"][0]["name"] == "Amanuel Tesfay"
    assert service["organization"]["id"] == service["organization_id"]
    assert client.get("/activities/hsds/services").get_json() == data, "identifiers are stable"
    assert "null" not in response.text, "unknown values are left out, not null"

    one = client.get(f"/activities/hsds/services/{service['id']}")
    assert one.status_code == 200 and validate(one.get_json(), ref("service.json")) == []
    assert one.get_json() == service


def test_the_root_document_and_paging(client, activity):
    root = client.get("/activities/hsds/").get_json()
    assert (
        validate(root, OPENAPI["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]) == []
    )
    assert root["version"] == "3.0" and root["openapi_url"].endswith("/schema/openapi.json")
    for n in range(4):
        make_activity(organisation=activity.organisation, title=f"Kurs {n}")
    first = client.get("/activities/hsds/services?per_page=2").get_json()
    last = client.get("/activities/hsds/services?per_page=2&page=3").get_json()
    assert validate(last, page_schema()) == []
    assert (first["total_items"], first["total_pages"], first["size"], first["first_page"], first["last_page"]) == (
        5,
        3,
        2,
        True,
        False,
    )
    assert (last["page_number"], last["size"], last["last_page"]) == (3, 1, True)
    past = client.get("/activities/hsds/services?per_page=2&page=9").get_json()
    assert validate(past, page_schema()) == []
    assert (past["page_number"], past["size"], past["empty"], past["last_page"]) == (9, 0, True, True)
    names = [
        s["name"]
        for p in (1, 2, 3)
        for s in client.get(f"/activities/hsds/services?per_page=2&page={p}").get_json()["contents"]
    ]
    assert len(set(names)) == 5


def test_each_page_makes_as_many_queries_with_many_services_as_with_few(app, activity):
    def queries():
        with counting() as statements, app.test_request_context():
            hsds.services_page("http://x", 1, 50)
        return len(statements)

    few = queries()
    for n in range(10):
        make_activity(title=f"Kurs {n}", times=[(n % 5, time(9), time(10))], languages=("sv", "ar"))
    assert queries() == few


def test_the_old_address_and_the_catalogue_page_lead_to_the_services(client, sign_in, activity):
    old = client.get("/activities/export.json")
    assert old.status_code == 301 and old.headers["Location"].endswith("/activities/hsds/services")
    sign_in(make_user(Role.COACH))
    page = client.get("/activities/").get_data(as_text=True)
    assert '<link rel="alternate" type="application/json" href="/activities/hsds/services"' in page


def test_an_unknown_or_internal_service_is_not_found(client, activity):
    internal = next(a for a in [activity] if a.is_public)
    assert client.get("/activities/hsds/services/not-a-uuid").status_code == 404
    hidden = make_activity(title="Dold", is_public=False)
    assert client.get(f"/activities/hsds/services/{hidden.hsds_id}").status_code == 404
    assert client.get(f"/activities/hsds/services/{uuid.uuid4()}").status_code == 404
    found = client.get(f"/activities/hsds/services/{internal.hsds_id.upper()}")
    assert found.status_code == 200 and found.get_json()["id"] == internal.hsds_id


def test_the_strict_check_catches_a_wrong_field_and_a_wrong_week_start():
    found = validate(
        {
            "id": "4f5b1d2e-3c6a-4b7e-9a8d-1e2f3a4b5c6d",
            "name": "x",
            "status": "active",
            "title": "x",
            "schedules": [{"id": "4f5b1d2e-3c6a-4b7e-9a8d-1e2f3a4b5c6d", "wkst": "MON"}],
        },
        ref("service.json"),
    )
    assert any("'MON' is not one of" in p for p in found) and any("'title' was unexpected" in p for p in found)


def test_the_export_names_no_person(client):
    referral = make_referral(status=ReferralStatus.ACCEPTED, note="Behöver tolk.")
    text = client.get("/activities/hsds/services").text
    assert referral.participant.full_name not in text and "Behöver tolk." not in text
    assert referral.coach.full_name not in text


@pytest.mark.parametrize(
    ("place", "parts"),
    [
        (
            "Hässleholms simhall, Frykholmsgatan 5, 281 39 Hässleholm",
            ("Hässleholms simhall", "Frykholmsgatan 5", "281 39", "Hässleholm"),
        ),
        ("Västra Storgatan 12 B, 291 31 Kristianstad", (None, "Västra Storgatan 12 B", "291 31", "Kristianstad")),
        ("Kvarnen, Broby", ("Kvarnen, Broby", None, None, None)),
    ],
)
def test_a_place_is_read_as_name_street_postcode_and_town(place, parts):
    assert hsds.split_place(place) == parts
