"""The read log: who read which participant, in the request's own transaction, append-only."""

import pytest
from flask_migrate import upgrade
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from webapp import create_app
from webapp.accounts.models import Role
from webapp.config import TestConfig
from webapp.extensions import db
from webapp.plans.calendar import new_feed_token
from webapp.privacy.models import ReadLog

from ..conftest import HX, counting
from ..factories import make_enrolment, make_organisation, make_user
from ..test_migrations import fresh_database_url  # noqa: F401  (fixture)


def _rows():
    return list(db.session.scalars(select(ReadLog).order_by(ReadLog.id)))


def test_a_coach_reading_a_participant_page_writes_one_row(client, sign_in):
    enrolment = make_enrolment()
    coach, participant = enrolment.responsible_coach, enrolment.participant
    sign_in(coach)
    assert client.get(f"/participants/{participant.id}").status_code == 200
    assert client.get(f"/participants/{participant.id}/plan", headers=HX).status_code == 200
    rows = _rows()
    assert [(r.participant_id, r.reader_id, r.reader_role, r.organisation_id, r.what) for r in rows] == [
        (participant.id, coach.id, "coach", enrolment.organisation_id, "participants.detail"),
        (participant.id, coach.id, "coach", enrolment.organisation_id, "plans.coach_view"),
    ]
    assert rows[0].programme_id == enrolment.organisation.programme_id and rows[0].read_at is not None


def test_refused_reads_and_the_participants_own_pages_write_nothing(client, sign_in):
    enrolment = make_enrolment()
    stranger = make_user(Role.COACH, make_organisation())
    sign_in(stranger)
    assert client.get(f"/participants/{enrolment.participant_id}").status_code == 404
    sign_in(enrolment.participant)
    assert client.get("/plan").status_code == 200
    assert _rows() == []


def test_the_calendar_feed_logs_a_read_by_whoever_holds_the_link(client):
    participant = make_enrolment().participant
    token = new_feed_token(participant)
    db.session.commit()
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    [row] = _rows()
    assert (row.participant_id, row.reader_id, row.what) == (participant.id, None, "plans.feed")


def test_a_read_that_fails_is_not_logged(app, client, sign_in, monkeypatch):
    enrolment = make_enrolment()
    sign_in(enrolment.responsible_coach)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setattr("webapp.participants.routes.render", lambda *a, **k: 1 / 0)
    assert client.get(f"/participants/{enrolment.participant_id}").status_code == 500
    assert _rows() == []


def test_the_migrated_log_refuses_updates_and_deletes(fresh_database_url):  # noqa: F811
    class MigratedConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = fresh_database_url

    migrated = create_app(MigratedConfig)
    with migrated.app_context():
        upgrade()
        db.session.execute(
            text("INSERT INTO read_log (read_at, participant_id, what) VALUES (CURRENT_TIMESTAMP, 1, 'x')")
        )
        db.session.commit()
        for statement in ("UPDATE read_log SET participant_id = 2", "DELETE FROM read_log"):
            with pytest.raises(DBAPIError, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()
        assert db.session.scalar(text("SELECT count(*) FROM read_log")) == 1
        db.session.remove()
        db.engine.dispose()


def test_the_migration_turns_the_single_consent_tick_into_a_consent_to_take_part(fresh_database_url):  # noqa: F811
    class MigratedConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = fresh_database_url

    migrated = create_app(MigratedConfig)
    with migrated.app_context():
        upgrade(revision="0008")
        for statement in (
            "INSERT INTO programme (id, name) VALUES (1, 'P')",
            "INSERT INTO municipality (id, code, name) VALUES (1, '1293', 'Hässleholm')",
            "INSERT INTO organisation (id, programme_id, name, kind) VALUES (1, 1, 'AME', 'labour_market_unit')",
            "INSERT INTO app_user (id, full_name, sign_in_name, active, created_at) VALUES "
            "(1, 'Coach', 'c@example.org', true, CURRENT_TIMESTAMP), "
            "(2, 'Deltagare', '10000001', true, CURRENT_TIMESTAMP)",
            "INSERT INTO enrolment (participant_id, organisation_id, responsible_coach_id, municipality_id, gender, "
            "birth_year, education, labour_status, newly_arrived, starts_on, consent_on, consent_purpose, phase, "
            "created_at) VALUES (2, 1, 1, 1, 'woman', 1980, 'isced_0_2', 'unemployed_long', false, '2026-03-01', "
            "'2026-02-27', 'Planning and ESF reporting', 'trust', CURRENT_TIMESTAMP)",
        ):
            db.session.execute(text(statement))
        db.session.commit()
        upgrade()
        row = db.session.execute(
            text("SELECT participant_id, purpose, method, recorded_by_id, note, given_on FROM consent")
        ).one()
        assert tuple(row[:5]) == (2, "taking_part", "paper", 1, "Planning and ESF reporting")
        assert str(row[5]).startswith("2026-02-27")
        db.session.remove()
        db.engine.dispose()


def test_a_page_that_only_read_commits_its_log_without_waiting_for_the_disk(app, client, sign_in):
    """PostgreSQL: the log-only transaction sets synchronous_commit off for itself alone; a
    request that also changed something keeps the durable commit. SQLite: nothing per request."""
    enrolment = make_enrolment()
    coach, participant = enrolment.responsible_coach, enrolment.participant
    sign_in(coach)
    db.session.commit()
    postgres = db.engine.dialect.name == "postgresql"
    with counting() as sent:
        assert client.get(f"/participants/{participant.id}").status_code == 200
        relaxed = [s for s in sent if "synchronous_commit" in s]
        assert len(relaxed) == (1 if postgres else 0)
        # One round trip for the log: on PostgreSQL the setting rides in the INSERT itself.
        assert len([s for s in sent if "read_log" in s or "synchronous_commit" in s]) == 1
        sent.clear()
        with app.test_request_context(f"/participants/{participant.id}"):
            from flask import Response
            from flask_login import login_user

            from webapp.privacy.readlog import log_read, write_reads

            login_user(coach)
            coach.short_name = "Changed in the same request"
            log_read(participant.id)
            write_reads(Response("shown"))
            db.session.commit()
        assert not [s for s in sent if "synchronous_commit" in s]
        assert len([s for s in sent if "INSERT INTO read_log" in s]) == 1
    assert len(_rows()) == 2


def test_the_coach_home_logs_the_page_of_the_caseload_it_shows_not_the_whole_caseload(client, sign_in):
    from webapp.enrolment.caseload import PAGE_SIZE

    first = make_enrolment()
    coach = first.responsible_coach
    for _ in range(PAGE_SIZE + 4):
        make_enrolment(coach=coach)
    sign_in(coach)
    db.session.commit()
    assert client.get("/home/coach").status_code == 200
    assert len({r.participant_id for r in _rows()}) == PAGE_SIZE
    assert client.get("/home/coach?page=2").status_code == 200
    assert len({r.participant_id for r in _rows()}) == PAGE_SIZE + 5
