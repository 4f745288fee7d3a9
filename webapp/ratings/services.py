"""Recording self-ratings, reading the trend, and when to invite the next one."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow
from .models import HIGHEST, LOWEST, QUESTIONS, SelfRating

INVITE_AFTER = timedelta(days=28)
TREND_LENGTH = 12


def rate(participant: User, values: dict[str, int]) -> SelfRating:
    for name, _, _ in QUESTIONS:
        if not LOWEST <= int(values[name]) <= HIGHEST:
            raise ValueError(f"{name} out of range")
    rating = SelfRating(
        participant_id=participant.id, rated_at=utcnow(), **{name: int(values[name]) for name, _, _ in QUESTIONS}
    )
    db.session.add(rating)
    db.session.flush()
    return rating


def trend_of(participant: User, limit: int = TREND_LENGTH) -> list[SelfRating]:
    """The latest ratings, oldest first."""
    query = (
        select(SelfRating)
        .where(SelfRating.participant_id == participant.id)
        .order_by(SelfRating.rated_at.desc(), SelfRating.id.desc())
        .limit(limit)
    )
    return list(reversed(db.session.scalars(query).all()))


def invitation_due(ratings: list[SelfRating]) -> str | None:
    """ "first" when never rated, "again" when the last rating is four weeks old or more."""
    if not ratings:
        return "first"
    if utcnow() - ratings[-1].rated_at >= INVITE_AFTER:
        return "again"
    return None


@dataclass(frozen=True)
class Line:
    name: str
    label: object  # a lazy string: translated when shown
    points: str  # "x,y x,y" for <polyline points>
    dots: list[tuple[int, int, int]]  # (x, y, value)


WIDTH, HEIGHT, PAD = 300, 70, 10


def chart_lines(ratings: list[SelfRating]) -> list[Line]:
    """One line per question, scaled into a WIDTH x HEIGHT box (y grows downwards in SVG)."""
    if not ratings:
        return []
    step = (WIDTH - 2 * PAD) / max(len(ratings) - 1, 1)
    lines = []
    for name, label, _ in QUESTIONS:
        dots = []
        for i, rating in enumerate(ratings):
            value = rating.value(name)
            x = round(PAD + i * step)
            y = round(HEIGHT - PAD - (value - LOWEST) * (HEIGHT - 2 * PAD) / (HIGHEST - LOWEST))
            dots.append((x, y, value))
        lines.append(Line(name, label, " ".join(f"{x},{y}" for x, y, _ in dots), dots))
    return lines
