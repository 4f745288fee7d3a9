"""The caseload's figures from the action plans and self-ratings: a participant's next step,
overdue steps and the change of their self-rating, for a whole page of the caseload at once."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..extensions import db
from ..ratings.models import SelfRating
from ..timeutil import local_today
from .models import Status, Step


@dataclass(frozen=True)
class Facts:
    next_step: str | None = None  # its title, as written
    next_due: date | None = None
    overdue: int = 0
    last_rating: SelfRating | None = None
    previous_rating: SelfRating | None = None

    @property
    def rating_change(self) -> float | None:
        """Change of the average of the four numbers since the rating before (None if only one)."""
        if self.last_rating is None or self.previous_rating is None:
            return None
        return round(self.last_rating.average - self.previous_rating.average, 1)


def caseload_facts(participant_ids, today: date | None = None) -> dict[int, Facts]:
    """For each participant: next step due, overdue steps, last self-rating and its change.
    Three queries, however many participants."""
    ids = list(set(participant_ids))
    if not ids:
        return {}
    today = today or local_today()
    open_step = Step.status.in_((Status.PLANNED, Status.IN_PROGRESS))

    ranked = (
        select(
            Step.participant_id,
            Step.title,
            Step.due_on,
            func.row_number().over(partition_by=Step.participant_id, order_by=(Step.due_on, Step.id)).label("n"),
        )
        .where(Step.participant_id.in_(ids), open_step, Step.due_on >= today)
        .subquery()
    )
    next_due = {row.participant_id: row for row in db.session.execute(select(ranked).where(ranked.c.n == 1))}

    overdue = dict(
        db.session.execute(
            select(Step.participant_id, func.count(Step.id))
            .where(Step.participant_id.in_(ids), open_step, Step.due_on < today)
            .group_by(Step.participant_id)
        ).all()
    )

    latest = (
        select(
            SelfRating.id,
            func.row_number()
            .over(partition_by=SelfRating.participant_id, order_by=(SelfRating.rated_at.desc(), SelfRating.id.desc()))
            .label("n"),
        )
        .where(SelfRating.participant_id.in_(ids))
        .subquery()
    )
    ratings: dict[int, list[SelfRating]] = {}
    for rating in db.session.scalars(
        select(SelfRating)
        .join(latest, latest.c.id == SelfRating.id)
        .where(latest.c.n <= 2)
        .order_by(SelfRating.rated_at.desc(), SelfRating.id.desc())
    ):
        ratings.setdefault(rating.participant_id, []).append(rating)

    facts = {}
    for pid in ids:
        step = next_due.get(pid)
        rated = ratings.get(pid, [])
        facts[pid] = Facts(
            next_step=step.title if step else None,
            next_due=step.due_on if step else None,
            overdue=overdue.get(pid, 0),
            last_rating=rated[0] if rated else None,
            previous_rating=rated[1] if len(rated) > 1 else None,
        )
    return facts
