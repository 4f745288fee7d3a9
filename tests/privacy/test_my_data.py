"""My data: everything held about the participant, as a printable page and a JSON file."""

import json
import re

from sqlalchemy import Enum

from webapp.accounts.models import Role
from webapp.enumtype import LabelledEnum
from webapp.extensions import db
from webapp.plans.calendar import new_feed_token
from webapp.privacy import mydata_labels as labels
from webapp.privacy.models import ReadLog
from webapp.privacy.mydata import _target, secret, tables_about_a_person
from webapp.timeutil import utcnow

from ..conftest import HX
from ..factories import english, make_enrolment, make_goal, make_placement, make_user
from .test_retention import _participant_full_of_canaries


def test_the_participant_downloads_everything_held_about_them_and_no_secret(client, sign_in):
    enrolment = make_enrolment(phone="070-1234567")
    participant = english(enrolment.participant)
    make_goal(participant, title="Become a cook")
    make_placement(participant)
    new_feed_token(participant)
    other = make_enrolment(phone="070-9999999")
    db.session.commit()
    sign_in(participant)
    page = client.get("/privacy/my-data").get_data(as_text=True)
    assert "070-1234567" in page and "Become a cook" in page and "Your enrolment" in page
    assert "070-9999999" not in page and other.participant.full_name not in page
    response = client.get("/privacy/my-data.json")
    assert response.mimetype == "application/json" and "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    tables = {s["table"]: s for s in data["sections"]}
    assert {"app_user", "enrolment", "goal", "placement", "membership", "calendar_feed"} <= set(tables)
    assert tables["enrolment"]["title"] == "Your enrolment"
    assert "password_hash" not in json.dumps(data) and "token_hash" not in json.dumps(data)


def test_my_data_is_for_the_participant_only(client, sign_in):
    enrolment = make_enrolment()
    sign_in(enrolment.responsible_coach)
    assert client.get("/privacy/my-data").status_code == 403
    assert client.get("/privacy/my-data.json", headers=HX).status_code == 403


def test_every_field_that_can_reach_my_data_has_a_label_and_every_table_a_title(app):
    """From the metadata: a new table or column about a person fails here until it has a plain
    label in mydata_labels.py (or is declared hidden there)."""
    unlabelled, untitled, unlabelled_enums = [], [], []
    for table, _how, _through in tables_about_a_person():
        if table.name not in labels.TABLES:
            untitled.append(table.name)
        for column in table.c:
            if secret(column.name) or labels.hidden(table.name, column.name):
                continue
            if labels.label(table.name, column.name) is None:
                unlabelled.append(f"{table.name}.{column.name}")
            if column.name.endswith("_id") and _target(table, column) is None:
                unlabelled.append(f"{table.name}.{column.name} (an id shown as a number)")
            kind = column.type.enum_class if isinstance(column.type, Enum) else None
            if kind is not None and not issubclass(kind, LabelledEnum):
                unlabelled_enums.append(f"{table.name}.{column.name}")
    assert unlabelled == [] and untitled == [] and unlabelled_enums == []


def _page_of(client, sign_in, language: str) -> tuple[str, object]:
    participant = _participant_full_of_canaries(exited_on=None).participant
    participant.preferred_language = language
    db.session.commit()
    sign_in(participant)
    return client.get("/privacy/my-data").get_data(as_text=True), participant


def test_my_data_reads_in_the_participants_own_words_not_database_names(client, sign_in):
    page, participant = _page_of(client, sign_in, "sv")
    text = re.sub(r"<[^>]+>", " ", page)
    for table, _how, _through in tables_about_a_person():
        for column in table.c:
            if "_" in column.name:
                assert not re.search(rf"\b{column.name}\b", text), column.name
    assert "<code>" not in page
    # Headings a participant understands, in Swedish.
    for heading in ("Om dig", "Din plan", "Dina placeringar", "Meddelanden och dokument", "Notiser"):
        assert f">{heading}</h2>" in page, heading
    assert "Nyanländ till Sverige" in page and "Telefonnummer" in page
    # Values: dates in words, enums by their labels, yes and no, people by name.
    assert "2019-09-01" not in text and "1 sep. 2019" in text
    assert ">Sjuk<" in page  # the attendance status, not "sick"
    assert ">Nej<" in page or ">Ja<" in page
    assert ">Du<" in page  # the participant's own doings
    # The notification as the sentence it made, not its kind.
    assert "meeting-booked" not in text


def test_my_data_in_arabic_and_tigrinya(client, sign_in):
    page, participant = _page_of(client, sign_in, "ar")
    assert 'dir="rtl"' in page and ">خطتك</h2>" in page and "رقم الهاتف" in page
    participant.preferred_language = "ti"
    db.session.commit()
    page = client.get("/privacy/my-data").get_data(as_text=True)
    assert ">ትልምኹም</h2>" in page and "ቁጽሪ ተለፎን" in page


def test_the_reads_in_my_data_name_the_organisation_and_role_and_hide_staff_names_by_default(client, sign_in):
    enrolment = make_enrolment()
    coach, participant = enrolment.responsible_coach, english(enrolment.participant)
    membership = coach.memberships[0]
    db.session.add(
        ReadLog(
            read_at=utcnow(),
            reader_id=coach.id,
            reader_role=membership.role.value,
            organisation_id=membership.organisation_id,
            programme_id=membership.organisation.programme_id,
            participant_id=participant.id,
            what="participants.detail",
        )
    )
    db.session.commit()
    sign_in(participant)
    page = client.get("/privacy/my-data").get_data(as_text=True)
    reads = page[page.index('id="data-read_log"') :]
    assert membership.organisation.name in reads and "Coach" in reads
    assert coach.full_name not in reads  # the programme shows no staff names unless it decides to


def test_the_json_file_says_what_each_key_means_in_the_participants_language(client, sign_in):
    _, participant = _page_of(client, sign_in, "sv")
    data = json.loads(client.get("/privacy/my-data.json").get_data(as_text=True))
    assert data["about"] and data["sections"]
    for section in data["sections"]:
        assert section["part"] and section["title"]
        for row in section["rows"]:
            assert set(row) <= set(section["fields"]), section["table"]
    enrolment = next(s for s in data["sections"] if s["table"] == "enrolment")
    assert enrolment["fields"]["phone"] == "Telefonnummer" and enrolment["part"] == "Om dig"
    assert enrolment["rows"][0]["starts_on"] == "2019-09-01"  # machine values stay plain


def test_the_participant_sees_which_other_coaches_their_record_is_shared_with(client, sign_in):
    """Recipients are part of the right of access (GDPR art. 15.1 c)."""
    from webapp.enrolment.models import SharedAccess

    enrolment = make_enrolment()
    participant = english(enrolment.participant)
    other = make_user(Role.COACH, enrolment.organisation, full_name="Olle Other")
    db.session.add(
        SharedAccess(enrolment_id=enrolment.id, coach_id=other.id, granted_by_id=enrolment.responsible_coach_id)
    )
    db.session.commit()
    sign_in(participant)
    page = client.get("/privacy/my-data").get_data(as_text=True)
    shared = page[page.index('id="data-shared_access"') :]
    assert "Other coaches your record is shared with" in shared and "Olle Other" in shared
