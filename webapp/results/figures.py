"""The results page's figures: each target against its current value, split by gender and
municipality, and the funnel of the way. Every figure is a SQL aggregate (GROUP BY); the
number of queries does not grow with the number of participants."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, select

from ..accounts.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    Programme,
    programme_municipality,
)
from ..catalogue.models import Activity, Category, Referral, ReferralStatus
from ..enrolment.models import (
    PHASES,
    Enrolment,
    ExitOutcome,
    Gender,
    Phase,
    PhaseChange,
)
from ..extensions import db
from ..placements.models import Collaboration, EmployerProfile, Placement, PlacementKind
from .models import Closer, SurveyAnswer, TargetCode
from .sql import counted, day_of, days_between
from .targets import targets_of

PLACEMENT_KINDS = (PlacementKind.WORK_TRIAL, PlacementKind.WORK_TRAINING, PlacementKind.INTERNSHIP)
GENDERS = list(Gender)

HOW = {
    TargetCode.PARTICIPANTS: _l("Participants whose enrolment started in the period."),
    TargetCode.WOMEN: _l("Participants whose enrolment started in the period and who are women."),
    TargetCode.MEN: _l("Participants whose enrolment started in the period and who are men."),
    TargetCode.MOVED_ON_FROM_HEALTH: _l(
        "Participants whom the coach moved from the health activities phase to a next phase in the period."
    ),
    TargetCode.ORIENTATION_THEN_PLACEMENT: _l(
        "Participants accepted to an orientation training whose work trial, work training or internship "
        "started in the period, on or after the referral."
    ),
    TargetCode.WORK_OR_STUDIES: _l("Participants who left in the period for work or studies."),
    TargetCode.WORK: _l("Participants who left in the period for work."),
    TargetCode.STUDIES: _l("Participants who left in the period for studies."),
    TargetCode.CLOSER_TO_WORK: _l(
        'Participants who answered "yes" to "Do you feel closer to work or studies?" in the period.'
    ),
    TargetCode.EMPLOYERS: _l("Employers in the programme with an employer profile, today. Not split by gender."),
    TargetCode.EMPLOYERS_SIGNED: _l("Employers whose collaboration agreement is signed, today. Not split by gender."),
    TargetCode.SOCIAL_ENTERPRISES: _l(
        "Social enterprises and associations that are organisations in the programme, today. Not split by gender."
    ),
    TargetCode.PLACEMENTS: _l(
        "Work trials, work trainings and internships that started in the period, counted once each."
    ),
}
# Figures about organisations, not people: shown for the whole programme only.
ORGANISATION_FIGURES = (TargetCode.EMPLOYERS, TargetCode.EMPLOYERS_SIGNED, TargetCode.SOCIAL_ENTERPRISES)


@dataclass(frozen=True)
class Scope:
    """Whose results: a whole programme, or one labour-market unit of it."""

    programme: Programme
    organisation: Organisation | None = None

    def enrolments(self):
        if self.organisation is not None:
            return Enrolment.organisation_id == self.organisation.id
        return Enrolment.organisation_id.in_(
            select(Organisation.id).where(Organisation.programme_id == self.programme.id)
        )


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date

    def holds(self, column):
        if self.start is None:
            return column <= self.end
        return column.between(self.start, self.end)


@dataclass
class Figure:
    code: TargetCode
    target: int | None
    total: int = 0
    by_gender: dict[Gender, int] | None = None
    by_municipality: dict[int | None, int] = field(default_factory=dict)

    @property
    def label(self):
        return self.code.label

    @property
    def how(self):
        return HOW[self.code]

    @property
    def percent(self) -> int | None:
        if not self.target:
            return None
        return round(100 * self.total / self.target)


@dataclass
class FunnelStep:
    phase: Phase
    reached: int
    median_days: float | None


def _add(figure: Figure, gender: Gender | None, municipality_id: int | None, count: int) -> None:
    figure.total += count
    if gender is not None:
        figure.by_gender[gender] = figure.by_gender.get(gender, 0) + count
    figure.by_municipality[municipality_id] = figure.by_municipality.get(municipality_id, 0) + count


def _participant_conditions(period: Period) -> dict[TargetCode, object]:
    """Each participant figure as a condition on an enrolment row. The conditions on other
    tables are IN (one uncorrelated subquery each, run once and hashed), not a correlated
    EXISTS run once per participant: at 100,000 participants PostgreSQL planned the three
    EXISTS as 300,000 index probes and spent two seconds compiling the plan (JIT)."""
    e = Enrolment
    started = period.holds(e.starts_on)
    left = and_(e.exited_on.is_not(None), period.holds(e.exited_on))
    moved_on = e.id.in_(
        select(PhaseChange.enrolment_id).where(
            PhaseChange.from_phase == Phase.HEALTH,
            PhaseChange.to_phase != Phase.HEALTH,
            period.holds(PhaseChange.changed_on),
        )
    )
    orientation = e.participant_id.in_(
        select(Referral.participant_id)
        .join(Activity, Activity.id == Referral.activity_id)
        .join(Placement, Placement.participant_id == Referral.participant_id)
        .where(
            Activity.category == Category.ORIENTATION_COURSE,
            Referral.status.in_((ReferralStatus.ACCEPTED, ReferralStatus.DONE)),
            Placement.kind.in_(PLACEMENT_KINDS),
            period.holds(Placement.starts_on),
            Placement.starts_on >= day_of(Referral.created_at),
        )
    )
    closer = e.participant_id.in_(
        select(SurveyAnswer.participant_id).where(
            SurveyAnswer.closer == Closer.YES,
            period.holds(SurveyAnswer.answered_on),
        )
    )
    return {
        TargetCode.PARTICIPANTS: started,
        TargetCode.WOMEN: and_(started, e.gender == Gender.WOMAN),
        TargetCode.MEN: and_(started, e.gender == Gender.MAN),
        TargetCode.MOVED_ON_FROM_HEALTH: moved_on,
        TargetCode.ORIENTATION_THEN_PLACEMENT: orientation,
        TargetCode.WORK_OR_STUDIES: and_(left, e.exit_outcome.in_((ExitOutcome.WORK, ExitOutcome.STUDIES))),
        TargetCode.WORK: and_(left, e.exit_outcome == ExitOutcome.WORK),
        TargetCode.STUDIES: and_(left, e.exit_outcome == ExitOutcome.STUDIES),
        TargetCode.CLOSER_TO_WORK: closer,
    }


def target_figures(scope: Scope, period: Period) -> list[Figure]:
    """Every target of the scope's programme with its value in the period (5 queries)."""
    targets = targets_of(scope.programme.id)
    shown = [c for c in TargetCode if scope.organisation is None or c not in ORGANISATION_FIGURES]
    figures = {
        c: Figure(code=c, target=targets[c], by_gender=None if c in ORGANISATION_FIGURES else {g: 0 for g in GENDERS})
        for c in shown
    }
    conditions = _participant_conditions(period)
    codes = list(conditions)
    rows = db.session.execute(
        select(Enrolment.gender, Enrolment.municipality_id, *(counted(conditions[c]) for c in codes))
        .where(scope.enrolments())
        .group_by(Enrolment.gender, Enrolment.municipality_id)
    )
    for gender, municipality_id, *counts in rows:
        for code, count in zip(codes, counts, strict=True):
            _add(figures[code], gender, municipality_id, int(count))
    rows = db.session.execute(
        select(Enrolment.gender, Enrolment.municipality_id, func.count(Placement.id))
        .join(Enrolment, Enrolment.participant_id == Placement.participant_id)
        .where(scope.enrolments(), Placement.kind.in_(PLACEMENT_KINDS), period.holds(Placement.starts_on))
        .group_by(Enrolment.gender, Enrolment.municipality_id)
    )
    for gender, municipality_id, count in rows:
        _add(figures[TargetCode.PLACEMENTS], gender, municipality_id, count)
    if scope.organisation is None:
        in_programme = Organisation.programme_id == scope.programme.id
        rows = db.session.execute(
            select(
                EmployerProfile.municipality_id,
                func.count(EmployerProfile.id),
                counted(EmployerProfile.collaboration == Collaboration.AGREEMENT_SIGNED),
            )
            .join(Organisation, Organisation.id == EmployerProfile.organisation_id)
            .where(in_programme)
            .group_by(EmployerProfile.municipality_id)
        )
        for municipality_id, involved, signed in rows:
            _add(figures[TargetCode.EMPLOYERS], None, municipality_id, involved)
            _add(figures[TargetCode.EMPLOYERS_SIGNED], None, municipality_id, int(signed))
        rows = db.session.execute(
            select(Organisation.municipality_id, func.count(Organisation.id))
            .where(
                in_programme, Organisation.kind.in_((OrganisationKind.SOCIAL_ENTERPRISE, OrganisationKind.ASSOCIATION))
            )
            .group_by(Organisation.municipality_id)
        )
        for municipality_id, count in rows:
            _add(figures[TargetCode.SOCIAL_ENTERPRISES], None, municipality_id, count)
    return list(figures.values())


def municipality_names(scope: Scope, figures: list[Figure]) -> dict[int | None, str]:
    """Names of the programme's municipalities and any a figure counts in (one query)."""
    ids = {m for f in figures for m in f.by_municipality if m is not None}
    of_programme = select(programme_municipality.c.municipality_id).where(
        programme_municipality.c.programme_id == scope.programme.id
    )
    query = select(Municipality.id, Municipality.name).where(
        Municipality.id.in_(ids) | Municipality.id.in_(of_programme)
    )
    return dict(db.session.execute(query.order_by(Municipality.name)).all())


def funnel(scope: Scope, period: Period, today: date) -> list[FunnelStep]:
    """For participants who started in the period: how many reached each phase, and the
    median days they stayed in it (to the next move, the exit, or today). Two queries; the
    median comes from a histogram of days, so no row per participant leaves the database."""
    started = and_(scope.enrolments(), period.holds(Enrolment.starts_on))
    reached = dict(
        db.session.execute(
            select(PhaseChange.to_phase, func.count(func.distinct(PhaseChange.enrolment_id)))
            .join(Enrolment, Enrolment.id == PhaseChange.enrolment_id)
            .where(started)
            .group_by(PhaseChange.to_phase)
        ).all()
    )
    following = func.lead(PhaseChange.changed_on).over(
        partition_by=PhaseChange.enrolment_id, order_by=(PhaseChange.changed_on, PhaseChange.id)
    )
    stays = (
        select(
            PhaseChange.to_phase.label("phase"),
            PhaseChange.changed_on.label("began"),
            func.coalesce(following, Enrolment.exited_on, today).label("ended"),
        )
        .join(Enrolment, Enrolment.id == PhaseChange.enrolment_id)
        .where(started)
        .subquery()
    )
    days = days_between(stays.c.began, stays.c.ended)
    histogram = defaultdict(list)
    for phase, length, count in db.session.execute(
        select(stays.c.phase, days, func.count()).group_by(stays.c.phase, days).order_by(stays.c.phase, days)
    ):
        histogram[phase].append((length, count))
    return [FunnelStep(phase=p, reached=reached.get(p, 0), median_days=_median(histogram.get(p, []))) for p in PHASES]


def _median(counted_values: list[tuple[int, int]]) -> float | None:
    """The median of values given as (value, how many), sorted by value."""
    total = sum(c for _, c in counted_values)
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value, count in counted_values:
        for position in middle:
            if seen <= position < seen + count:
                found.append(value)
        seen += count
    return sum(found) / 2
