"""The participant sees who read their information; a programme admin reviews the log."""

import csv

from sqlalchemy import select

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.privacy.models import EventKind, PrivacyEvent, PrivacySetting, ReadLog

from ..conftest import HX
from ..factories import english, make_enrolment, make_organisation, make_user


def _read(client, sign_in, enrolment):
    sign_in(enrolment.responsible_coach)
    assert client.get(f"/participants/{enrolment.participant_id}").status_code == 200


def test_the_participant_sees_which_organisation_and_role_read_their_record(client, sign_in):
    enrolment = make_enrolment()
    _read(client, sign_in, enrolment)
    sign_in(english(enrolment.participant))
    page = client.get("/privacy/reads").get_data(as_text=True)
    assert enrolment.organisation.name in page and "Coach" in page
    assert "Your record and your way through the programme" in page
    assert enrolment.responsible_coach.full_name not in page
    db.session.add(PrivacySetting(programme_id=enrolment.organisation.programme_id, show_staff_names=True))
    db.session.commit()
    assert enrolment.responsible_coach.full_name in client.get("/privacy/reads", headers=HX).get_data(as_text=True)


def test_a_participant_sees_only_their_own_reads(client, sign_in):
    enrolment, other = make_enrolment(), make_enrolment()
    _read(client, sign_in, enrolment)
    sign_in(english(other.participant))
    assert "Nobody else has read your information yet." in client.get("/privacy/reads").get_data(as_text=True)
    sign_in(enrolment.responsible_coach)
    assert client.get("/privacy/reads").status_code == 403


def _table(response) -> str:
    """The review's rows, without the form's list of staff."""
    page = response.get_data(as_text=True)
    return page[page.find("<tbody>") : page.find("</tbody>")] if "<tbody>" in page else ""


def _admin_of(enrolment):
    admin = make_user(Role.PROGRAMME_ADMIN, make_organisation(programme=enrolment.organisation.programme))
    return english(admin)


def test_the_review_flags_a_read_without_a_relation_and_is_itself_logged(client, sign_in):
    enrolment = make_enrolment()
    _read(client, sign_in, enrolment)
    stranger = make_user(Role.COACH, enrolment.organisation, full_name="Curious Colleague")
    db.session.add(
        ReadLog(
            reader_id=stranger.id,
            reader_role="coach",
            organisation_id=enrolment.organisation_id,
            programme_id=enrolment.organisation.programme_id,
            participant_id=enrolment.participant_id,
            what="participants.detail",
        )
    )
    db.session.commit()
    admin = _admin_of(enrolment)
    sign_in(admin)
    flagged = _table(client.get("/privacy/review?mode=flagged"))
    assert "Curious Colleague" in flagged and enrolment.responsible_coach.full_name not in flagged
    sample = _table(client.get("/privacy/review?mode=sample&size=10"))
    assert "Curious Colleague" in sample and enrolment.responsible_coach.full_name in sample
    by_staff = _table(client.get(f"/privacy/review?mode=staff&staff={stranger.id}"))
    assert "Curious Colleague" in by_staff and enrolment.responsible_coach.full_name not in by_staff
    by_participant = client.get(f"/privacy/review?mode=participant&participant={enrolment.participant.sign_in_name}")
    assert by_participant.status_code == 200
    assert {"Curious Colleague", enrolment.responsible_coach.full_name, admin.full_name} <= {
        name
        for name in ("Curious Colleague", enrolment.responsible_coach.full_name, admin.full_name)
        if name in _table(by_participant)
    }
    events = list(db.session.scalars(select(PrivacyEvent).where(PrivacyEvent.actor_id == admin.id)))
    assert [e.kind for e in events] == [EventKind.LOG_REVIEW] * 4
    # The review shows a participant's name: that read is logged as well.
    assert db.session.scalars(select(ReadLog).where(ReadLog.reader_id == admin.id)).first() is not None


def test_a_review_that_says_too_little_answers_in_place(client, sign_in):
    admin = _admin_of(make_enrolment())
    sign_in(admin)
    response = client.get("/privacy/review?mode=participant&participant=99999999")
    assert response.status_code == 422 and "No participant has that sign-in number." in response.get_data(as_text=True)
    assert client.get("/privacy/review?mode=staff").status_code == 422


def test_the_review_stays_within_the_admins_programme(client, sign_in):
    ours, theirs = make_enrolment(), make_enrolment()
    _read(client, sign_in, theirs)
    sign_in(_admin_of(ours))
    assert "0 reads" in client.get("/privacy/review?mode=sample").get_data(as_text=True)


def test_the_export_opens_in_swedish_excel_and_runs_no_formula(client, sign_in):
    enrolment = make_enrolment()
    enrolment.participant.full_name = '=HYPERLINK("http://evil")'
    db.session.commit()
    _read(client, sign_in, enrolment)
    admin = _admin_of(enrolment)
    sign_in(admin)
    response = client.get("/privacy/review.csv?mode=sample")
    body = response.get_data()
    assert response.mimetype == "text/csv" and body.startswith("\ufeff".encode())
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[0] == "When" and len(lines) == 2
    assert next(csv.reader(lines[1:], delimiter=";"))[4] == '\'=HYPERLINK("http://evil")'
    kinds = set(db.session.scalars(select(PrivacyEvent.kind).where(PrivacyEvent.actor_id == admin.id)))
    assert kinds == {EventKind.LOG_REVIEW, EventKind.LOG_EXPORT}


def test_staff_other_than_programme_admins_cannot_review(client, sign_in):
    enrolment = make_enrolment()
    sign_in(enrolment.responsible_coach)
    assert client.get("/privacy/review").status_code == 403
    assert client.get("/privacy/review.csv").status_code == 403


def test_a_retention_period_of_zero_is_refused_with_a_clear_message(client, sign_in):
    admin = _admin_of(make_enrolment())
    sign_in(admin)
    response = client.post("/privacy/settings", data={"retention_months": "0", "controller": "Hässleholms kommun"})
    assert response.status_code == 422
    assert "The period must be at least 1 month. Nothing was changed." in response.get_data(as_text=True)
    assert db.session.scalar(select(PrivacySetting)) is None
    response = client.post("/privacy/settings", data={"retention_months": "abc"})
    assert response.status_code == 422 and "Please write a whole number of months." in response.get_data(as_text=True)
    assert (
        client.post(
            "/privacy/settings", data={"retention_months": "24", "controller": "Hässleholms kommun"}
        ).status_code
        == 303
    )
    setting = db.session.scalar(select(PrivacySetting))
    assert (setting.retention_months, setting.controller, setting.retention_decided_by_id) == (
        24,
        "Hässleholms kommun",
        admin.id,
    )
    assert db.session.scalar(select(PrivacyEvent.kind)) == EventKind.RETENTION_DECISION


def test_a_sample_size_that_is_not_a_number_of_rows_shows_the_usual_sample(client, sign_in):
    """Anything but a positive number of rows gives the usual sample, never an error."""
    enrolment = make_enrolment()
    _read(client, sign_in, enrolment)
    sign_in(_admin_of(enrolment))
    for size in ("-5", "0", "many"):
        response = client.get(f"/privacy/review?mode=sample&size={size}")
        assert response.status_code == 200
        assert enrolment.responsible_coach.full_name in _table(response)
