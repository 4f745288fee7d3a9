"""The HSDS export: only public activities, no person, and the field names it claims.

The check below is written from the Open Referral HSDS 3.0 schema files
(github.com/openreferral/specification, branch 3.0, schema/*.json): each object's
"required" fields and its property names. No network at run time."""
from datetime import time

from webapp.catalogue.models import ReferralStatus

from ..factories import make_activity, make_referral

# object: (required, every property name the specification defines that we may use)
HSDS = {
    "organization": ({"id", "name", "description"},
                     {"id", "name", "alternate_name", "description", "email", "website", "year_incorporated",
                      "legal_status", "logo", "uri", "parent_organization_id", "organization_identifiers", "programs",
                      "contacts", "locations", "fundings", "phones", "attributes", "metadata"}),
    "service": ({"id", "name", "status"},
                {"id", "organization_id", "program_id", "name", "alternate_name", "description", "url", "email",
                 "status", "interpretation_services", "application_process", "fees_description", "accreditations",
                 "eligibility_description", "minimum_age", "maximum_age", "assured_date", "assurer_email", "alert",
                 "schedules", "languages", "program", "fundings", "required_documents", "service_at_locations",
                 "phones", "organization", "contacts", "cost_options", "service_areas", "attributes", "metadata"}),
    "location": ({"id", "location_type"},
                 {"id", "location_type", "url", "organization_id", "name", "alternate_name", "description",
                  "transportation", "latitude", "longitude", "external_identifier", "external_identifier_type",
                  "phones", "accessibilitys", "contacts", "schedules", "languages", "addresss", "attributes",
                  "metadata"}),
    "service_at_location": ({"id"}, {"id", "service_id", "location_id", "description", "phones", "location",
                                     "contacts", "schedules", "attributes", "metadata"}),
    "schedule": ({"id"}, {"id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to",
                          "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday", "byweekno",
                          "bymonthday", "byyearday", "description", "opens_at", "closes_at", "schedule_link",
                          "attending_type", "notes", "attributes", "metadata"}),
    "language": ({"id"}, {"id", "service_id", "location_id", "phone_id", "name", "code", "note", "attributes",
                          "metadata"}),
}
ENUMS = {("service", "status"): {"active", "inactive", "defunct", "temporarily closed"},
         ("location", "location_type"): {"physical", "postal", "virtual"},
         ("schedule", "freq"): {"WEEKLY", "MONTHLY"},
         ("schedule", "wkst"): {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}}
NESTED = {("service", "schedules"): "schedule", ("service", "languages"): "language",
          ("service", "service_at_locations"): "service_at_location", ("service_at_location", "location"): "location"}


def problems(kind: str, record: dict) -> list[str]:
    required, allowed = HSDS[kind]
    found = [f"{kind} lacks {name}" for name in required if record.get(name) in (None, "")]
    found += [f"{kind} has {name}, not an HSDS field" for name in record if name not in allowed]
    for (enum_kind, name), values in ENUMS.items():
        if enum_kind == kind and record.get(name) is not None and record[name] not in values:
            found.append(f"{kind}.{name} = {record[name]!r}")
    for (parent, name), child in NESTED.items():
        if parent == kind and name in record:
            for item in record[name] if isinstance(record[name], list) else [record[name]]:
                found += problems(child, item)
    return found


def test_the_export_validates_against_the_hsds_field_names(client):
    activity = make_activity(title="Samhällsorientering på tigrinja", languages=("ti", "sv"),
                             times=[(1, time(9), time(12))])
    make_activity(organisation=activity.organisation, title="Intern", is_public=False)
    response = client.get("/activities/export.json")
    assert response.status_code == 200 and response.is_json
    data = response.get_json()
    assert set(data) == {"organizations", "services", "locations"}
    found = [p for o in data["organizations"] for p in problems("organization", o)]
    found += [p for s in data["services"] for p in problems("service", s)]
    found += [p for loc in data["locations"] for p in problems("location", loc)]
    assert found == []
    [service] = data["services"]
    assert service["name"] == "Samhällsorientering på tigrinja"
    assert {lang["code"] for lang in service["languages"]} == {"ti", "sv"}
    assert service["schedules"][0]["byday"] == "TU" and service["schedules"][0]["opens_at"] == "09:00"
    assert service["organization_id"] == data["organizations"][0]["id"]
    assert client.get("/activities/export.json").get_json() == data, "identifiers are stable"
    assert "null" not in response.text, "unknown values are left out, not null"


def test_the_check_catches_a_wrong_field_name():
    assert problems("service", {"id": "1", "name": "x", "status": "open", "title": "x"}) == [
        "service has title, not an HSDS field", "service.status = 'open'"]


def test_the_export_names_no_person(client):
    referral = make_referral(status=ReferralStatus.ACCEPTED, note="Behöver tolk.")
    text = client.get("/activities/export.json").text
    assert referral.participant.full_name not in text and "Behöver tolk." not in text
    assert referral.coach.full_name not in text
