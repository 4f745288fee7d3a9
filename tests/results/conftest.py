"""A programme with known events, and the figures they must give."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from webapp.accounts.models import Membership, OrganisationKind, Role
from webapp.catalogue.models import Category, ReferralStatus
from webapp.enrolment.models import ExitOutcome, Gender, Phase, PhaseChange
from webapp.extensions import db
from webapp.placements.models import Collaboration, EmployerProfile, PlacementKind
from webapp.results.models import Closer, Occasion, Support, SurveyAnswer

from ..factories import (
    make_activity,
    make_employer,
    make_enrolment,
    make_municipality,
    make_organisation,
    make_placement,
    make_programme,
    make_referral,
    make_user,
)

TODAY = date(2026, 11, 23)
# (key, gender, municipality, starts_on, [(phase, day) after the start], exit (day, outcome) or None)
PEOPLE = [
    (
        "w1",
        Gender.WOMAN,
        "a",
        date(2026, 2, 1),
        [
            (Phase.MAPPING, date(2026, 2, 11)),
            (Phase.STRATEGY, date(2026, 2, 21)),
            (Phase.HEALTH, date(2026, 3, 1)),
            (Phase.COMPETENCE, date(2026, 3, 31)),
        ],
        (date(2026, 6, 15), ExitOutcome.WORK),
    ),
    (
        "w2",
        Gender.WOMAN,
        "a",
        date(2026, 3, 1),
        [(Phase.HEALTH, date(2026, 3, 11)), (Phase.COMPETENCE, date(2026, 4, 10))],
        None,
    ),
    ("w3", Gender.WOMAN, "b", date(2026, 7, 1), [], (date(2026, 8, 31), ExitOutcome.STUDIES)),
    ("m1", Gender.MAN, "b", date(2026, 2, 15), [(Phase.HEALTH, date(2026, 2, 25))], None),
    ("m2", Gender.MAN, "a", date(2026, 9, 1), [], (date(2026, 10, 31), ExitOutcome.JOB_SEEKING)),
    ("nb", Gender.NON_BINARY, "b", date(2026, 4, 1), [], (date(2026, 5, 20), ExitOutcome.WORK)),
    ("ns", Gender.NOT_STATED, "a", date(2025, 12, 1), [], None),
]


def _enrol(coach, gender, municipality, starts_on, moves, exit):
    enrolment = make_enrolment(
        coach,
        gender=gender,
        municipality=municipality,
        starts_on=starts_on,
        consent_on=starts_on,
        last_contact_on=starts_on,
    )
    phase = Phase.TRUST
    for to_phase, day in moves:
        enrolment.phase_changes.append(PhaseChange(from_phase=phase, to_phase=to_phase, changed_on=day))
        phase = to_phase
    enrolment.phase = phase
    if exit:
        enrolment.exited_on, enrolment.exit_outcome = exit
    db.session.commit()
    return enrolment


@pytest.fixture
def known():
    """The known programme (and, beside it, another one whose data must never show)."""
    programme = make_programme()
    a, b = make_municipality(name="Ankeby"), make_municipality(name="Bstad")
    programme.municipalities.extend([a, b])
    unit = make_organisation(programme, municipality=a, kind=OrganisationKind.LABOUR_MARKET_UNIT)
    coach = make_user(Role.COACH, unit)
    admin = make_user(Role.PROGRAMME_ADMIN, unit)
    places = {"a": a, "b": b}
    people = {key: _enrol(coach, g, places[m], s, moves, exit) for key, g, m, s, moves, exit in PEOPLE}
    company = make_employer(programme=programme, municipality=a)
    profile = db.session.query(EmployerProfile).filter_by(organisation_id=company.id).one()
    profile.collaboration, profile.agreement_signed_on = Collaboration.AGREEMENT_SIGNED, date(2026, 2, 1)
    enterprise = make_employer(kind=OrganisationKind.SOCIAL_ENTERPRISE, programme=programme, municipality=b)
    supervisor = make_user(Role.SUPERVISOR, company)
    db.session.add(Membership(user=supervisor, organisation=enterprise, role=Role.SUPERVISOR))
    db.session.commit()
    orientation = make_activity(unit, category=Category.ORIENTATION_COURSE, municipality=a)
    make_referral(
        orientation,
        people["w1"].participant,
        coach,
        status=ReferralStatus.ACCEPTED,
        created_at=datetime(2026, 3, 15, 9, tzinfo=UTC),
    )
    make_referral(
        orientation,
        people["w2"].participant,
        coach,
        status=ReferralStatus.DONE,
        created_at=datetime(2026, 6, 1, 9, tzinfo=UTC),
    )  # after her internship: not "followed by"
    trial = make_placement(people["w1"].participant, supervisor, starts_on=date(2026, 4, 1), ends_on=date(2026, 5, 29))
    make_placement(
        people["w2"].participant,
        supervisor,
        kind=PlacementKind.INTERNSHIP,
        starts_on=date(2026, 5, 4),
        ends_on=date(2026, 6, 26),
    )
    make_placement(
        people["m1"].participant, supervisor, kind=PlacementKind.EMPLOYMENT, starts_on=date(2026, 6, 1), ends_on=None
    )
    for key, closer, day in (("w2", Closer.YES, date(2026, 6, 1)), ("m1", Closer.PARTLY, date(2026, 6, 2))):
        db.session.add(
            SurveyAnswer(
                participant_id=people[key].participant_id,
                programme_id=programme.id,
                occasion=Occasion.QUARTER,
                closer=closer,
                support=Support.GOOD,
                answered_on=day,
            )
        )
    # Another programme, with a participant, an exit to work and a placement: never counted above.
    other_unit = make_organisation(kind=OrganisationKind.LABOUR_MARKET_UNIT, municipality=a)
    other_coach = make_user(Role.COACH, other_unit)
    other = _enrol(
        other_coach,
        Gender.WOMAN,
        a,
        date(2026, 3, 3),
        [(Phase.HEALTH, date(2026, 3, 4)), (Phase.COMPETENCE, date(2026, 3, 5))],
        (date(2026, 4, 4), ExitOutcome.WORK),
    )
    make_placement(other.participant, starts_on=date(2026, 3, 9))
    make_employer(programme=other_unit.programme)
    db.session.commit()
    return SimpleNamespace(
        programme=programme,
        unit=unit,
        coach=coach,
        admin=admin,
        people=people,
        a=a,
        b=b,
        supervisor=supervisor,
        trial=trial,
        other=other,
        other_unit=other_unit,
    )
