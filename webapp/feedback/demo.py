"""Demo feedback: participant 10000001 (Arabic) at Kvarnen Återbruk with supervisor
maria.johansson@example.org: an earlier work trial with feedback given at its end, and a
running work training whose two-week feedback is due. Safe to run twice; it makes its own
placements and does not depend on anyone else's demo data."""

from datetime import time, timedelta

from sqlalchemy import select

from ..accounts.models import Membership, Role, User
from ..accounts.services import programme_id_of
from ..extensions import db
from ..placements.demo import demo_placement
from ..placements.models import Placement, PlacementKind
from ..timeutil import local_today, utcnow
from . import services
from .models import Feedback, FeedbackPoint

SUPERVISOR = "maria.johansson@example.org"
PARTICIPANT = "10000001"
EARLIER = "Sortering av textilier"
RUNNING = "Butik och kassa"
EARLIER_LEVELS = {
    "on_time": 2,
    "gives_notice": 2,
    "follows_instructions": 3,
    "pace": 2,
    "quality": 3,
    "safety": 3,
    "independence": 1,
    "cooperation": 3,
    "asks_for_help": 2,
    "communication": 2,
    "spoken_instructions": 1,
    "speaks_swedish": 1,
}


def _placement(participant, supervisor, title, kind, starts_on, ends_on) -> Placement:
    schedule = [(weekday, time(8), time(12)) for weekday in range(4)]
    placement, _made = demo_placement(
        participant, supervisor, title, kind, "Kvarnen, Östra Göinge", starts_on, ends_on, schedule
    )
    return placement


def seed() -> None:
    supervisor = db.session.scalar(select(User).where(User.sign_in_name == SUPERVISOR))
    participant = db.session.scalar(select(User).where(User.sign_in_name == PARTICIPANT))
    if (
        supervisor is None
        or participant is None
        or not any(
            m.role is Role.SUPERVISOR
            for m in db.session.scalars(select(Membership).where(Membership.user_id == supervisor.id))
        )
    ):
        return
    template = services.ensure_default_template(programme_id_of(supervisor, Role.SUPERVISOR))
    today = local_today()
    earlier = _placement(
        participant,
        supervisor,
        EARLIER,
        PlacementKind.WORK_TRIAL,
        today - timedelta(days=120),
        today - timedelta(days=40),
    )
    _placement(
        participant,
        supervisor,
        RUNNING,
        PlacementKind.WORK_TRAINING,
        today - timedelta(days=20),
        today + timedelta(days=70),
    )
    if db.session.scalar(select(Feedback.id).where(Feedback.placement_id == earlier.id)) is None:
        db.session.add(
            Feedback(
                placement_id=earlier.id,
                template_id=template.id,
                point=FeedbackPoint.END,
                due_on=earlier.ends_on,
                answers=EARLIER_LEVELS,
                text_language="sv",
                given_by_id=supervisor.id,
                texts={
                    "went_well": "Amina är noggrann med sorteringen och trevlig mot alla.",
                    "next_step": "Öva på att fråga när något är oklart.",
                },
                updated_at=utcnow(),
                submitted_at=utcnow() - timedelta(days=39),
            )
        )
    db.session.flush()
