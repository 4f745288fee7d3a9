"""Exports read back (openpyxl, csv), the monthly participant file, identity numbers, resending."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from webapp.accounts.models import Role
from webapp.enrolment import services as enrolment_services
from webapp.enrolment.models import ExitOutcome
from webapp.extensions import db
from webapp.results.exports import to_csv, to_xlsx
from webapp.results.identity import normalise_personal_number
from webapp.results.models import ExportLog, FileMonth

from ..factories import english, make_user


def _csv(response):
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def _xlsx(response):
    return [list(r) for r in load_workbook(io.BytesIO(response.get_data())).active.iter_rows(values_only=True)]


def test_formulas_are_neutralised_and_decimals_use_a_comma():
    rows = [["=1+1", "+46", "-3", "@x", 2.5, "plain"]]
    text = to_csv(["a", "b", "c", "d", "e", "f"], rows).decode("utf-8-sig")
    assert text.splitlines()[1] == "'=1+1;'+46;'-3;'@x;2,5;plain"
    sheet = load_workbook(io.BytesIO(to_xlsx("t", ["a"] * 6, rows))).active
    assert [c.value for c in sheet[2]] == ["'=1+1", "'+46", "'-3", "'@x", 2.5, "plain"]
    assert all(c.data_type != "f" for c in sheet[2])


def test_the_results_export_reads_back_as_xlsx_and_csv_and_is_logged(known, sign_in):
    client = sign_in(english(known.admin))
    xlsx = _xlsx(client.get(f"/results/export.xlsx?programme={known.programme.id}"))
    assert xlsx[0] == ["Figure", "Target", "Total", "Female", "Male", "Non-binary", "Does not want to say"]
    participants = next(r for r in xlsx if r[0] == "Participants")
    assert participants[2:] == [7, 3, 2, 1, 1]
    rows = _csv(client.get(f"/results/export.csv?programme={known.programme.id}&start=2026-03-01&end=2026-06-30"))
    assert next(r for r in rows if r[0] == "Participants")[2:] == ["2", "1", "0", "1", "0"]
    log = list(db.session.scalars(select(ExportLog).order_by(ExportLog.id)))
    assert [(e.user_id, e.what) for e in log] == [
        (known.admin.id, "indicators.xlsx"),
        (known.admin.id, "indicators.csv"),
    ]
    assert log[1].detail.startswith("2026-03-01..2026-06-30")


def test_the_participant_file_holds_exactly_the_months_starters_and_leavers(known, sign_in):
    client = sign_in(english(known.admin))
    # February: w1 and m1 started. March: w2 started. April: nb started. May: nb left. June: w1 left.
    names = {key: e.participant.full_name for key, e in known.people.items()}
    for month, expected in (
        ("2026-02", {"w1", "m1"}),
        ("2026-03", {"w2"}),
        ("2026-04", {"nb"}),
        ("2026-05", {"nb"}),
        ("2026-06", {"w1"}),
        ("2026-11", set()),
    ):
        rows = _xlsx(client.get(f"/results/participant-file/{month}.xlsx"))
        wanted = {names[k] for k in expected}
        assert {r[3] for r in rows[1:]} == wanted, month
        assert len(rows) - 1 == len(wanted)
    csv_rows = _csv(client.get("/results/participant-file/2026-05.csv"))
    assert csv_rows[1][3] == names["nb"] and csv_rows[1][8] == "2026-05-20"
    assert known.other.participant.full_name not in str(_xlsx(client.get("/results/participant-file/2026-03.xlsx")))


def test_a_month_in_the_future_is_a_clear_message(known, sign_in):
    client = sign_in(english(known.admin))
    page = client.get("/results/participant-file/2027-02")
    assert page.status_code == 422 and "This month has not begun yet" in page.get_data(as_text=True)
    assert client.get("/results/participant-file/2027-02.csv").status_code == 422


@pytest.mark.parametrize("role", [Role.COACH, Role.SUPERVISOR, Role.PARTICIPANT, Role.ORGANISATION_ADMIN])
def test_only_the_programme_admin_gets_the_participant_file(known, sign_in, role):
    assert sign_in(make_user(role, known.unit)).get("/results/participant-file/2026-05.csv").status_code == 403


def test_personal_identity_numbers_are_checksum_validated():
    assert normalise_personal_number("19811218-9876") == "198112189876"
    assert normalise_personal_number("811218-9876", date(2026, 1, 1)) == "198112189876"
    assert normalise_personal_number("19811218-9875") is None  # checksum
    assert normalise_personal_number("19811318-9876") is None  # no 13th month
    assert normalise_personal_number("abc") is None


def test_the_responsible_coach_records_the_identity_and_only_the_programme_admin_sees_it(known, sign_in):
    enrolment = known.people["nb"]
    client = sign_in(english(known.coach))
    url = f"/results/participants/{enrolment.participant_id}/esf"
    bad = client.post(url, data={"part": "identity", "identity-personal_number": "19811218-9875"})
    assert bad.status_code == 422 and "not a valid personal identity number" in bad.get_data(as_text=True)
    assert 'value="19811218-9875"' in bad.get_data(as_text=True)
    assert client.post(url, data={"part": "identity", "identity-personal_number": "19811218-9876"}).status_code == 303
    rows = _xlsx(sign_in(known.admin).get("/results/participant-file/2026-05.xlsx"))
    assert rows[1][0] == "198112189876"
    colleague = make_user(Role.COACH, known.unit)
    assert sign_in(colleague).post(url, data={"part": "identity"}).status_code == 404


def test_a_correction_to_a_sent_month_marks_it_and_every_later_sent_month(known, sign_in):
    client = sign_in(english(known.admin))
    for month in ("2026-04", "2026-05", "2026-06", "2026-07"):
        assert client.post(f"/results/participant-file/{month}/sent").status_code == 303
    enrolment_services.record_exit(known.people["nb"], date(2026, 5, 27), ExitOutcome.WORK)  # was 20 May
    db.session.commit()
    marked = {f.month.isoformat(): f.resend for f in db.session.scalars(select(FileMonth))}
    assert marked == {"2026-04-01": False, "2026-05-01": True, "2026-06-01": True, "2026-07-01": True}
    page = client.get("/results/participant-file/2026-08").get_data(as_text=True)
    assert "send them again" in page
