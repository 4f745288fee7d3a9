"""Retention and erasure: every canary string of the participant is gone from every table,
and every count the funder's figures are made of is the same before and after."""

import itertools
from datetime import date

from sqlalchemy import JSON, String, Text, func, select

from webapp.accounts.models import Role
from webapp.auth.models import UserSession
from webapp.enrolment.models import Enrolment, ExitOutcome
from webapp.extensions import db
from webapp.outbox.models import OutboxMessage
from webapp.plans.models import Appointment
from webapp.privacy.consent import record_taking_part
from webapp.privacy.models import Anonymisation, EventKind, PrivacyEvent, PrivacySetting
from webapp.privacy.retention import add_months, apply_retention
from webapp.timeutil import utcnow

from ..factories import (
    english,
    make_enrolment,
    make_feedback,
    make_goal,
    make_organisation,
    make_placement,
    make_proposal,
    make_referral,
    make_step,
    make_user,
)

CANARY = "Kanarie7f3"
_numbers = itertools.count()


def _participant_full_of_canaries(programme=None, exited_on=date(2025, 1, 10)):
    """A participant with a canary in every free text Vägen holds about people."""
    coach = make_user(Role.COACH, make_organisation(programme=programme) if programme else None)
    email = f"{CANARY}{next(_numbers)}@example.org"
    participant = make_user(
        Role.PARTICIPANT,
        coach.memberships[0].organisation,
        full_name=f"{CANARY} Namn",
        short_name=f"{CANARY}kort",
        email=email,
    )
    enrolment = make_enrolment(
        coach,
        participant,
        phone=f"070 {CANARY}",
        email=email,
        consent_purpose=f"{CANARY} purpose",
        exited_on=exited_on,
        exit_outcome=ExitOutcome.WORK if exited_on else None,
        starts_on=date(2019, 9, 1),
        consent_on=date(2019, 9, 1),
    )
    record_taking_part(participant, coach, date(2026, 1, 1), f"{CANARY} note")
    goal = make_goal(participant, title=f"{CANARY} goal", description=f"{CANARY} why")
    make_step(
        goal,
        title=f"{CANARY} step",
        description=f"{CANARY} how",
        reflection=f"{CANARY} felt",
        doer_name=f"{CANARY} friend",
    )
    placement = make_placement(participant, title=f"{CANARY} job", place=f"{CANARY} street")
    make_feedback(
        placement,
        texts={"strengths": f"{CANARY} strong"},
        participant_comment=f"{CANARY} comment",
        answers={"punctual": 3},
    )
    make_referral(participant=participant, coach=coach, note=f"{CANARY} referral", contact=f"{CANARY} contact")
    make_proposal(participant=participant, coach=coach, note=f"{CANARY} proposal")
    db.session.add_all(
        [
            Appointment(
                participant_id=participant.id,
                title=f"{CANARY} meeting",
                place=f"{CANARY} room",
                starts_at=utcnow(),
                ends_at=utcnow(),
                created_by_id=coach.id,
            ),
            OutboxMessage(to_address=email, subject="Inbjudan", body=f"Hej {CANARY} Namn"),
            UserSession(
                user_id=participant.id,
                token_hash=f"{participant.id:064d}",
                created_at=utcnow(),
                last_seen_at=utcnow(),
                user_agent=f"{CANARY} phone",
            ),
        ]
    )
    db.session.commit()
    return enrolment


def _canaries() -> list[str]:
    """Every place in every table where a canary is still written."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.c:
            if isinstance(column.type, (String, Text, JSON)):
                for value in db.session.scalars(select(column)):
                    if value is not None and CANARY in str(value):
                        found.append(f"{table.name}.{column.name}")
    return found


def _figures() -> dict:
    """The counts the funder's figures are made of: rows of every table, enrolments by every ESF field."""
    counts = {
        t.name: db.session.scalar(select(func.count()).select_from(t))
        for t in db.metadata.sorted_tables
        if t.name not in ("user_session", "anonymisation", "privacy_event")
    }
    grouped = select(
        Enrolment.gender,
        Enrolment.birth_year,
        Enrolment.education,
        Enrolment.labour_status,
        Enrolment.newly_arrived,
        Enrolment.phase,
        Enrolment.exit_outcome,
        Enrolment.exited_on,
        Enrolment.starts_on,
        Enrolment.organisation_id,
        Enrolment.municipality_id,
        func.count(),
    )
    counts["enrolments"] = sorted(
        map(tuple, db.session.execute(grouped.group_by(*grouped.selected_columns[:-1]))), key=str
    )
    return counts


def test_retention_anonymises_ended_participants_past_the_period_and_keeps_the_figures(app):
    ended = _participant_full_of_canaries()
    programme_id = ended.organisation.programme_id
    db.session.add(PrivacySetting(programme_id=programme_id, retention_months=12))
    still_here = make_enrolment(
        make_user(Role.COACH, make_organisation(programme=ended.organisation.programme)), phone="070 still-here"
    )
    db.session.commit()
    figures = _figures()
    assert _canaries()

    dry = app.test_cli_runner().invoke(args=["apply-retention", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"would anonymise\tparticipant {ended.participant_id}" in dry.output and "1 participant(s) due" in dry.output
    assert _canaries() and db.session.scalar(select(Anonymisation)) is None

    result = app.test_cli_runner().invoke(args=["apply-retention"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert _canaries() == []
    assert _figures() == figures
    assert db.session.get(Enrolment, still_here.id).phone == "070 still-here"
    assert db.session.scalar(select(PrivacyEvent.kind)) == EventKind.RETENTION
    # Run again: nothing more to do.
    assert "0 participant(s) anonymised" in app.test_cli_runner().invoke(args=["apply-retention"]).output


def test_nobody_is_anonymised_before_the_period_ends_or_without_a_decision():
    recent = _participant_full_of_canaries(exited_on=date(2026, 6, 1))
    _participant_full_of_canaries(exited_on=None)
    _participant_full_of_canaries(exited_on=date(2020, 1, 1))  # a programme with no retention decision
    db.session.add(PrivacySetting(programme_id=recent.organisation.programme_id, retention_months=12))
    db.session.commit()
    assert apply_retention(date(2026, 11, 23)) == []
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)


def test_erasure_on_request_by_a_programme_admin_once_the_participant_has_left(client, sign_in):
    taking_part = _participant_full_of_canaries(exited_on=None)
    admin = english(make_user(Role.PROGRAMME_ADMIN, make_organisation(programme=taking_part.organisation.programme)))
    sign_in(admin)
    number = taking_part.participant.sign_in_name
    response = client.post("/privacy/erasure", data={"participant": number, "confirm": "y"})
    assert response.status_code == 422 and "still takes part" in response.get_data(as_text=True)
    assert CANARY in db.session.get(Enrolment, taking_part.id).phone
    taking_part.exited_on, taking_part.exit_outcome = date(2026, 11, 1), ExitOutcome.STUDIES
    db.session.commit()
    figures = _figures()
    assert client.post("/privacy/erasure", data={"participant": number}).status_code == 422  # not confirmed
    assert client.post("/privacy/erasure", data={"participant": number, "confirm": "y"}).status_code == 303
    db.session.expire_all()
    assert _canaries() == [] and _figures() == figures
    event = db.session.scalar(select(PrivacyEvent).where(PrivacyEvent.kind == EventKind.ERASURE))
    assert event.actor_id == admin.id and str(taking_part.participant_id) in event.detail


def test_an_admin_of_another_programme_cannot_erase(client, sign_in):
    ended = _participant_full_of_canaries()
    sign_in(make_user(Role.PROGRAMME_ADMIN, make_organisation()))
    response = client.post("/privacy/erasure", data={"participant": ended.participant.sign_in_name, "confirm": "y"})
    assert response.status_code == 422
    assert _canaries()
