"""The results page and every export ask the database the same number of questions however
big and however shaped the programme is; and bench/results.py counts only the request's own."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from webapp.auth.models import UserSession
from webapp.catalogue.models import Category, ReferralStatus
from webapp.enrolment.models import Education, ExitOutcome, Gender, LabourStatus, Phase, PhaseChange
from webapp.extensions import db
from webapp.placements.models import PlacementKind
from webapp.results.models import (
    Answer,
    Closer,
    ExitResult,
    FollowUp,
    Occasion,
    ParticipantIdentity,
    SensitiveAnswers,
    Support,
    SurveyAnswer,
)
from webapp.timeutil import utcnow

from ..conftest import counting
from ..factories import make_activity, make_enrolment, make_municipality, make_placement, make_referral

URLS = (
    "/results",
    "/results?start=2026-03-01&end=2026-06-30",
    "/results/export.xlsx",
    "/results/export.csv?start=2026-05-01&end=2026-05-31",
    "/results/participant-file/2026-05",
    "/results/participant-file/2026-05.xlsx",
    "/results/participant-file/2026-05.csv",
)


def _counts(client) -> dict[str, int]:
    counts = {}
    for url in URLS:
        with counting() as statements:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(statements)
    return counts


def _grow(known, participants: int) -> None:
    """More people, and kinds of rows the known programme has none of: a third municipality,
    identities, own answers, exit results, follow-ups, free-text answers, referrals."""
    c = make_municipality(name="Cby")
    known.programme.municipalities.append(c)
    orientation = make_activity(known.unit, category=Category.ORIENTATION_COURSE, municipality=c)
    genders = list(Gender)
    for n in range(participants):
        starts = date(2026, 5, 1) + timedelta(days=n % 20)
        exited = n % 2 == 0
        enrolment = make_enrolment(
            known.coach,
            gender=genders[n % 4],
            municipality=(known.a, known.b, c)[n % 3],
            birth_year=1960 + n,
            education=list(Education)[n % 3],
            labour_status=list(LabourStatus)[n % 6],
            starts_on=starts,
            consent_on=starts,
            last_contact_on=starts,
            exited_on=starts + timedelta(days=5) if exited else None,
            exit_outcome=(ExitOutcome.WORK, ExitOutcome.STUDIES)[n % 4 // 2] if exited else None,
        )
        enrolment.phase_changes.append(
            PhaseChange(from_phase=Phase.TRUST, to_phase=Phase.HEALTH, changed_on=starts + timedelta(days=1))
        )
        enrolment.phase_changes.append(
            PhaseChange(from_phase=Phase.HEALTH, to_phase=Phase.WORKPLACE, changed_on=starts + timedelta(days=2))
        )
        enrolment.phase = Phase.WORKPLACE
        participant = enrolment.participant
        db.session.add(
            ParticipantIdentity(enrolment_id=enrolment.id, birth_date=date(1990, 1, 1), reserve_code=f"R{n}")
            if n % 2
            else ParticipantIdentity(enrolment_id=enrolment.id, personal_number="198112189876")
        )
        db.session.add(SensitiveAnswers(enrolment_id=enrolment.id, disability=Answer.YES, homeless=Answer.NO))
        if exited:
            db.session.add(ExitResult(enrolment_id=enrolment.id, employed=True, qualification=n % 3 == 0))
            db.session.add(FollowUp(enrolment_id=enrolment.id, employed=True, recorded_on=starts + timedelta(days=9)))
        make_referral(orientation, participant, known.coach, status=ReferralStatus.ACCEPTED)
        make_placement(
            participant,
            known.supervisor,
            kind=PlacementKind.WORK_TRAINING,
            starts_on=date(2026, 11, 2),
            ends_on=date(2026, 12, 18),
        )
        db.session.add(
            SurveyAnswer(
                participant_id=participant.id,
                programme_id=known.programme.id,
                occasion=Occasion.EXIT if exited else Occasion.QUARTER,
                closer=list(Closer)[n % 3],
                support=Support.GOOD,
                text=f"Bra stöd {n}",
                answered_on=starts + timedelta(days=5),
            )
        )
    db.session.commit()


def test_the_results_and_exports_ask_the_same_queries_at_two_sizes_and_shapes(known, sign_in):
    client = sign_in(known.admin)
    small = _counts(client)
    _grow(known, 24)
    large = _counts(client)
    assert large == small


@pytest.fixture
def bench(monkeypatch):
    # The bench scripts import their harness as a top-level module, as `python bench/x.py` does.
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "bench"))
    from bench import results

    monkeypatch.setattr(results, "RUNS", 2)
    requests = {"results page": "/results", "file": "/results/participant-file/2026-05.csv"}
    monkeypatch.setattr(results, "REQUESTS", requests)
    return results


def test_the_benchmark_counts_a_request_alike_when_a_minute_has_passed_since_the_last(app, known, bench, monkeypatch):
    """At 100,000 participants the requests took over a minute each, so the session's
    once-a-minute "last seen" write fell into the next request's count: one query more."""
    quick = bench.measure(app, known.admin.id)
    signed_in = bench.signed_in

    def signed_in_long_ago(app, user_id):
        client = signed_in(app, user_id)
        db.session.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=2)))
        db.session.commit()
        return client

    monkeypatch.setattr(bench, "signed_in", signed_in_long_ago)
    after_a_slow_request = bench.measure(app, known.admin.id)
    assert {k: v[0] for k, v in after_a_slow_request.items()} == {k: v[0] for k, v in quick.items()}
