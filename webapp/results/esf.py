"""ESF+ data beyond the entry form: the participant's own sensitive answers, the coach's exit
results and six-month follow-up, and the reminder when a follow-up is due."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import NotFound

from ..accounts.models import User
from ..auth.services import absolute_url
from ..database import insert_once
from ..enrolment.models import Enrolment
from ..extensions import db
from ..outbox.services import mail_user
from ..participants.services import participant_for
from ..timeutil import utcnow
from ..wording import localized
from .models import Answer, ExitResult, FollowUp, FollowUpReminder, SensitiveAnswers

FOLLOW_UP_AFTER = timedelta(days=182)  # six months
SENSITIVE = ("disability", "third_country", "foreign_background", "minority", "homeless")


def own_enrolment(participant: User) -> Enrolment:
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.participant_id == participant.id))
    if enrolment is None:
        raise NotFound()
    return enrolment


def sensitive_answers(enrolment: Enrolment) -> SensitiveAnswers:
    """The participant's answers, all "prefer not to say" until they say otherwise (not saved yet)."""
    found = db.session.scalar(select(SensitiveAnswers).where(SensitiveAnswers.enrolment_id == enrolment.id))
    return found or SensitiveAnswers(enrolment_id=enrolment.id, **{k: Answer.PREFER_NOT_TO_SAY for k in SENSITIVE})


def save_sensitive_answers(enrolment: Enrolment, answers: dict[str, Answer], consent: bool) -> SensitiveAnswers:
    """Keep the answers given with consent; without consent nothing but "prefer not to say" is kept."""
    row = sensitive_answers(enrolment)
    for key in SENSITIVE:
        setattr(row, key, answers[key] if consent else Answer.PREFER_NOT_TO_SAY)
    row.consented_at = utcnow() if consent else None
    db.session.add(row)
    db.session.flush()
    return row


@dataclass
class CoachView:
    participant: User
    enrolment: Enrolment
    exit_result: ExitResult | None
    follow_up: FollowUp | None

    @property
    def follow_up_due_on(self) -> date | None:
        return self.enrolment.exited_on + FOLLOW_UP_AFTER if self.enrolment.exited_on else None


def for_coach(coach: User, participant_id: int) -> CoachView:
    """A participant's ESF exit and follow-up, for a coach who may see them (404 otherwise)."""
    participant = participant_for(coach, participant_id)
    enrolment = own_enrolment(participant)
    return CoachView(
        participant,
        enrolment,
        db.session.scalar(select(ExitResult).where(ExitResult.enrolment_id == enrolment.id)),
        db.session.scalar(select(FollowUp).where(FollowUp.enrolment_id == enrolment.id)),
    )


def record_exit_result(coach: User, view: CoachView, **flags: bool) -> ExitResult:
    if view.enrolment.exited_on is None:
        raise ValueError("the participant has not left")
    row = view.exit_result or ExitResult(enrolment_id=view.enrolment.id)
    for key, value in flags.items():
        setattr(row, key, value)
    row.recorded_by_id = coach.id
    db.session.add(row)
    db.session.flush()
    return row


def record_follow_up(coach: User, view: CoachView, employed: bool, improved: bool, on: date) -> FollowUp:
    if view.enrolment.exited_on is None:
        raise ValueError("the participant has not left")
    row = view.follow_up or FollowUp(enrolment_id=view.enrolment.id)
    row.employed, row.improved, row.recorded_on, row.recorded_by_id = employed, improved, on, coach.id
    db.session.add(row)
    db.session.flush()
    return row


def follow_ups_due(today: date) -> list[Enrolment]:
    """Enrolments six months past their exit, with no follow-up and no reminder yet."""
    followed = select(FollowUp.enrolment_id)
    reminded = select(FollowUpReminder.enrolment_id)
    return list(
        db.session.scalars(
            select(Enrolment)
            # The coaches' memberships: each mail is kept under their programme (mail_user).
            .options(
                joinedload(Enrolment.responsible_coach).selectinload(User.memberships),
                joinedload(Enrolment.participant),
            )
            .where(
                Enrolment.exited_on.is_not(None),
                Enrolment.exited_on <= today - FOLLOW_UP_AFTER,
                Enrolment.id.not_in(followed),
                Enrolment.id.not_in(reminded),
            )
        )
    )


def esf_follow_ups_due(today: date) -> int:
    """Mail the responsible coach when a six-month follow-up is due; once per participant."""
    count = 0
    for enrolment in follow_ups_due(today):
        coach = enrolment.responsible_coach
        if not insert_once(FollowUpReminder(enrolment_id=enrolment.id)):
            continue  # another run got there first
        if coach.email and coach.is_active:
            with force_locale(coach.preferred_language or "sv"):
                left_on = localized(enrolment.exited_on, "yMMMMd")
            mail_user(
                coach,
                "follow_up_due",
                _l("Vägen: a six-month follow-up is due"),
                participant_name=enrolment.participant.called,
                left_on=left_on,
                link_to_record=absolute_url("results.esf", participant_id=enrolment.participant_id),
            )
            count += 1
    return count
