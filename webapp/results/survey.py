"""The participants' own voice: a short survey every three months from the start and once at
exit. One answer per occasion and period (a double tap or a resend counts once). Managers see
counts; programme admins also read the free text, never with a name; employers see nothing."""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from ..accounts.models import User
from ..database import lock_row
from ..enrolment.lookup import enrolment_of
from ..enrolment.models import Enrolment
from ..extensions import db
from .figures import Period, Scope
from .models import Closer, Occasion, Support, SurveyAnswer

QUARTER_MONTHS = 3
TEXT_LENGTH = 1000
TEXTS_SHOWN = 200


def add_months(day: date, months: int) -> date:
    """The same day some months later (the month's last day when it is shorter)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


@dataclass(frozen=True)
class Due:
    """The survey there is to answer: its occasion and the period it belongs to."""

    occasion: Occasion
    starts_on: date
    ends_on: date | None = None  # the next period's first day; None at exit


def _period(enrolment: Enrolment, today: date) -> Due | None:
    if enrolment.exited_on is not None and enrolment.exited_on <= today:
        return Due(Occasion.EXIT, enrolment.exited_on)
    quarters = 0
    while add_months(enrolment.starts_on, QUARTER_MONTHS * (quarters + 1)) <= today:
        quarters += 1
    if quarters == 0:
        return None
    return Due(
        Occasion.QUARTER,
        add_months(enrolment.starts_on, QUARTER_MONTHS * quarters),
        add_months(enrolment.starts_on, QUARTER_MONTHS * (quarters + 1)),
    )


def _answered(participant_id: int, due: Due) -> bool:
    query = select(SurveyAnswer.id).where(
        SurveyAnswer.participant_id == participant_id, SurveyAnswer.occasion == due.occasion
    )
    if due.occasion is Occasion.QUARTER:
        query = query.where(SurveyAnswer.answered_on >= due.starts_on, SurveyAnswer.answered_on < due.ends_on)
    return db.session.scalar(query.limit(1)) is not None


def due_survey(participant: User, today: date) -> Due | None:
    """The survey the participant may answer today, or None (not three months yet, or answered)."""
    enrolment = enrolment_of(participant)
    if enrolment is None:
        return None
    due = _period(enrolment, today)
    if due is None or _answered(participant.id, due):
        return None
    return due


def record_answer(participant: User, closer: Closer, support: Support, text: str, today: date) -> SurveyAnswer | None:
    """Save the answer to the survey that is due; None when there is none (already answered: a
    second tap or a resend counts once). The participant's enrolment is locked while checking."""
    enrolment = lock_row(Enrolment, participant_id=participant.id)
    if enrolment is None:
        raise NotFound()
    due = _period(enrolment, today)
    if due is None or _answered(participant.id, due):
        return None
    answer = SurveyAnswer(
        participant_id=participant.id,
        programme_id=enrolment.organisation.programme_id,
        occasion=due.occasion,
        closer=closer,
        support=support,
        text=(text or "").strip()[:TEXT_LENGTH],
        answered_on=today,
    )
    db.session.add(answer)
    db.session.flush()
    return answer


@dataclass
class OccasionCounts:
    occasion: Occasion
    closer: dict = field(default_factory=dict)
    support: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.closer.values())


@dataclass
class Aggregate:
    """Counts per answer and occasion; the free text (without name or date) only for a whole
    programme's admins."""

    occasions: list[OccasionCounts]
    texts: list[tuple[Occasion, str]] | None = None

    @property
    def total(self) -> int:
        return sum(o.total for o in self.occasions)


def _in_scope(scope: Scope):
    if scope.organisation is not None:
        return SurveyAnswer.participant_id.in_(
            select(Enrolment.participant_id).where(Enrolment.organisation_id == scope.organisation.id)
        )
    return SurveyAnswer.programme_id == scope.programme.id


def aggregate(scope: Scope, period: Period | None = None) -> Aggregate:
    """Three queries, whatever the number of answers."""
    where = [_in_scope(scope)]
    if period is not None:
        where.append(period.holds(SurveyAnswer.answered_on))
    occasions = {o: OccasionCounts(o, {c: 0 for c in Closer}, {s: 0 for s in Support}) for o in Occasion}
    for column, part in ((SurveyAnswer.closer, "closer"), (SurveyAnswer.support, "support")):
        rows = db.session.execute(
            select(SurveyAnswer.occasion, column, func.count()).where(*where).group_by(SurveyAnswer.occasion, column)
        )
        for occasion, value, count in rows:
            getattr(occasions[occasion], part)[value] = count
    texts = None
    if scope.organisation is None:
        texts = [
            (occasion, text)
            for occasion, text in db.session.execute(
                select(SurveyAnswer.occasion, SurveyAnswer.text)
                .where(*where, SurveyAnswer.text != "")
                .order_by(SurveyAnswer.answered_on.desc(), SurveyAnswer.id.desc())
                .limit(TEXTS_SHOWN)
            )
        ]
    return Aggregate(list(occasions.values()), texts)
