"""Demo plans, self-ratings and meetings for the demo participants. Safe to run twice:
a participant who already has goals, ratings or meetings gets none added."""

from datetime import time, timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from ..ratings.models import SelfRating
from ..timeutil import local_today, utcnow
from ..week import monday_of
from . import appointments, services
from .models import Appointment, Category, Doer, Goal, Status

COACH = "sara.lindqvist@example.org"
OFFICE = "Arbetsmarknadsenheten, Stortorget 1, Hässleholm"
# sign-in name: [(goal, [(step, category, days until due or None, status, doer, other person)])]
PLANS = {
    "10000001": [
        (
            "Arbeta i vården",
            [
                ("Gå på sfi måndag till torsdag", Category.LANGUAGE, 14, Status.IN_PROGRESS, Doer.PARTICIPANT, None),
                ("Boka studiebesök på ett äldreboende", Category.WORK_PRACTICE, 5, Status.PLANNED, Doer.COACH, None),
                (
                    "Läkarbesök för ryggen",
                    Category.HEALTH,
                    -2,
                    Status.PLANNED,
                    Doer.OTHER,
                    "Distriktssköterska Anna Ek",
                ),
            ],
        )
    ],
    "10000002": [
        (
            "Körkort och jobb på lager",
            [
                ("Läsa teoriboken, kapitel 1-3", Category.EDUCATION, 10, Status.PLANNED, Doer.PARTICIPANT, None),
                ("Prova-på: lager och logistik", Category.WORK_PRACTICE, 21, Status.PLANNED, Doer.COACH, None),
            ],
        )
    ],
    "10000003": [
        (
            "ስራሕ ኣብ ቤት መግቢ",
            [
                (
                    "Skriva ett CV tillsammans med coachen",
                    Category.WORK_PRACTICE,
                    2,
                    Status.PLANNED,
                    Doer.PARTICIPANT,
                    None,
                ),
                ("ምዝገባ ኣብ Arbetsförmedlingen", Category.EVERYDAY_LIFE, 6, Status.PLANNED, Doer.PARTICIPANT, None),
                ("Promenad tre gånger i veckan", Category.HEALTH, None, Status.DONE, Doer.PARTICIPANT, None),
            ],
        )
    ],
    "10000004": [
        (
            "ምምሃር ቋንቋ ሽወደን",
            [
                ("Sfi kurs B", Category.LANGUAGE, 30, Status.IN_PROGRESS, Doer.PARTICIPANT, None),
            ],
        )
    ],
    "10000005": [
        (
            "Må bättre och orka mer",
            [
                ("Träffa hälsocoach", Category.HEALTH, 4, Status.PLANNED, Doer.OTHER, "Hälsocoach Per Lund"),
                ("Simma en gång i veckan", Category.HEALTH, None, Status.IN_PROGRESS, Doer.PARTICIPANT, None),
            ],
        )
    ],
    "10000006": [
        (
            "Praktik inom bygg",
            [
                ("Ta ID06-kort", Category.WORK_PRACTICE, -5, Status.PLANNED, Doer.PARTICIPANT, None),
                ("Arbetsprövning hos Nordost Bygg", Category.WORK_PRACTICE, 12, Status.PAUSED, Doer.COACH, None),
            ],
        )
    ],
}
# sign-in name: [(days ago, work, health, confidence, swedish)]; Semhar's last is over four weeks old.
RATINGS = {
    "10000001": [(60, 3, 5, 4, 3), (30, 4, 5, 5, 4), (3, 5, 6, 6, 5)],
    "10000002": [(20, 5, 7, 6, 4)],
    "10000003": [(65, 2, 6, 3, 2), (35, 3, 6, 4, 3)],
    "10000005": [(40, 4, 3, 4, 9), (10, 5, 4, 5, 9)],
}


def seed() -> None:
    coach = db.session.scalar(select(User).where(User.sign_in_name == COACH))
    today = local_today()
    for number in PLANS.keys() | RATINGS.keys():
        participant = db.session.scalar(select(User).where(User.sign_in_name == number))
        if participant is None or coach is None:
            continue
        if db.session.scalar(select(Goal.id).where(Goal.participant_id == participant.id).limit(1)) is None:
            for goal_title, steps in PLANS.get(number, []):
                goal = services.add_goal(participant, coach, goal_title)
                for title, category, days, status, doer, other in steps:
                    due = today + timedelta(days=days) if days is not None else None
                    services.add_step(
                        goal,
                        coach,
                        title=title,
                        category=category,
                        due_on=due,
                        status=status,
                        doer=doer,
                        doer_name=other,
                    )
        if db.session.scalar(select(SelfRating.id).where(SelfRating.participant_id == participant.id).limit(1)) is None:
            for days_ago, work, health, confidence, swedish in RATINGS.get(number, []):
                db.session.add(
                    SelfRating(
                        participant_id=participant.id,
                        rated_at=utcnow() - timedelta(days=days_ago),
                        work=work,
                        health=health,
                        confidence=confidence,
                        swedish=swedish,
                    )
                )
        if (
            db.session.scalar(select(Appointment.id).where(Appointment.participant_id == participant.id).limit(1))
            is None
        ):
            wednesday = monday_of(today) + timedelta(days=2)
            appointments.book_appointment(
                participant, coach, "Möte med jobbcoach", wednesday, time(10), time(11), OFFICE
            )
            appointments.book_appointment(
                participant,
                coach,
                "Uppföljning av planen",
                wednesday + timedelta(days=7),
                time(13, 30),
                time(14, 15),
                OFFICE,
            )
    db.session.flush()
