"""What the results need beyond the enrolment: the programme's targets, the participant's own
ESF answers, exit results and the six-month follow-up, certified months, surveys, the
monthly participant file and the export log."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..enrolment.models import Enrolment
from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..placements.models import Placement
from ..timeutil import utcnow
from ..week import monday_of


class TargetCode(LabelledEnum):
    """The targets a programme may set, in the order the results page shows them."""

    PARTICIPANTS = "participants"
    WOMEN = "women"
    MEN = "men"
    MOVED_ON_FROM_HEALTH = "moved_on_from_health"
    ORIENTATION_THEN_PLACEMENT = "orientation_then_placement"
    WORK_OR_STUDIES = "work_or_studies"
    WORK = "work"
    STUDIES = "studies"
    CLOSER_TO_WORK = "closer_to_work"
    EMPLOYERS = "employers"
    EMPLOYERS_SIGNED = "employers_signed"
    SOCIAL_ENTERPRISES = "social_enterprises"
    PLACEMENTS = "placements"


class Answer(LabelledEnum):
    """A sensitive ESF question, answered by the participant alone; nothing said is the default."""

    PREFER_NOT_TO_SAY = "prefer_not_to_say"
    YES = "yes"
    NO = "no"


class Closer(LabelledEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class Support(LabelledEnum):
    GOOD = "good"
    AVERAGE = "average"
    POOR = "poor"


class Occasion(LabelledEnum):
    QUARTER = "quarter"
    EXIT = "exit"


labels(
    {
        # NOTE: the programme's target figure: the label of TargetCode.PARTICIPANTS
        TargetCode.PARTICIPANTS: _l("Participants"),
        # NOTE: the programme's target figure: the label of TargetCode.WOMEN
        TargetCode.WOMEN: _l("Participants: women"),
        # NOTE: the programme's target figure: the label of TargetCode.MEN
        TargetCode.MEN: _l("Participants: men"),
        TargetCode.MOVED_ON_FROM_HEALTH: _l("Moved on from health activities to another activity"),
        TargetCode.ORIENTATION_THEN_PLACEMENT: _l(
            "Orientation training followed by a work trial, work training or internship"
        ),
        TargetCode.WORK_OR_STUDIES: _l("Went on to work or studies"),
        TargetCode.WORK: _l("Went on to work"),
        TargetCode.STUDIES: _l("Went on to studies"),
        TargetCode.CLOSER_TO_WORK: _l("Feel they came closer to work or studies"),
        # NOTE: the programme's target figure: the label of TargetCode.EMPLOYERS
        TargetCode.EMPLOYERS: _l("Employers involved"),
        TargetCode.EMPLOYERS_SIGNED: _l("Employers with a signed collaboration"),
        TargetCode.SOCIAL_ENTERPRISES: _l("Social enterprises and associations collaborating"),
        # NOTE: the programme's target figure: the label of TargetCode.PLACEMENTS
        TargetCode.PLACEMENTS: _l("Placements"),
        Answer.PREFER_NOT_TO_SAY: _l("I prefer not to say"),
        # NOTE: answer to a survey question: the label of Answer.YES
        Answer.YES: _l("Yes"),
        # NOTE: answer to a survey question: the label of Answer.NO
        Answer.NO: _l("No"),
        # NOTE: answer to 'Do you feel closer to work or studies?': the label of Closer.YES
        Closer.YES: _l("Yes"),
        # NOTE: answer to 'Do you feel closer to work or studies?': the label of Closer.PARTLY
        Closer.PARTLY: _l("Partly"),
        # NOTE: answer to 'Do you feel closer to work or studies?': the label of Closer.NO
        Closer.NO: _l("No"),
        # NOTE: answer about the programme's support: the label of Support.GOOD
        Support.GOOD: _l("Good"),
        Support.AVERAGE: _l("Neither good nor bad"),
        # NOTE: answer about the programme's support: the label of Support.POOR
        Support.POOR: _l("Poor"),
        Occasion.QUARTER: _l("Every three months"),
        # NOTE: when the survey is answered: the label of Occasion.EXIT
        Occasion.EXIT: _l("At exit"),
    }
)


class Target(db.Model):
    """One target of one programme: a whole number, or none when it is followed without one."""

    __table_args__ = (
        UniqueConstraint("programme_id", "code"),
        CheckConstraint("value IS NULL OR value >= 0", name="target_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), index=True)
    code: Mapped[TargetCode] = mapped_column(enum_column_type(TargetCode, "target_code"))
    value: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))


class SensitiveAnswers(db.Model):
    """The participant's own answers to ESF's sensitive questions, given with consent for that
    purpose only. Every answer starts as "prefer not to say"."""

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), unique=True)
    disability: Mapped[Answer] = mapped_column(
        enum_column_type(Answer, "answer_disability"), default=Answer.PREFER_NOT_TO_SAY
    )
    third_country: Mapped[Answer] = mapped_column(
        enum_column_type(Answer, "answer_third_country"), default=Answer.PREFER_NOT_TO_SAY
    )
    foreign_background: Mapped[Answer] = mapped_column(
        enum_column_type(Answer, "answer_foreign_background"), default=Answer.PREFER_NOT_TO_SAY
    )
    minority: Mapped[Answer] = mapped_column(
        enum_column_type(Answer, "answer_minority"), default=Answer.PREFER_NOT_TO_SAY
    )
    homeless: Mapped[Answer] = mapped_column(
        enum_column_type(Answer, "answer_homeless"), default=Answer.PREFER_NOT_TO_SAY
    )
    consented_at: Mapped[datetime | None]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ExitResult(db.Model):
    """ESF's exit indicators, recorded by the coach when the participant leaves."""

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), unique=True)
    job_searching: Mapped[bool] = mapped_column(default=False)
    in_education: Mapped[bool] = mapped_column(default=False)
    qualification: Mapped[bool] = mapped_column(default=False)
    employed: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class FollowUp(db.Model):
    """Six months after exit: the coach asks and records where the participant stands."""

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), unique=True)
    employed: Mapped[bool] = mapped_column(default=False)
    improved: Mapped[bool] = mapped_column(default=False)
    recorded_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))


class FollowUpReminder(db.Model):
    """One reminder per enrolment whose follow-up is due: sending twice sends it once."""

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), unique=True)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class MonthCertificate(db.Model):
    """The participant certified a month's time. One per participant and month: a double tap finds the first."""

    __table_args__ = (UniqueConstraint("participant_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    month: Mapped[date]  # its first day
    minutes: Mapped[int]  # what the participant saw and certified
    certified_at: Mapped[datetime] = mapped_column(default=utcnow)


class DayDispute(db.Model):
    """The participant says a day's confirmed time is wrong; the coach and the supervisor see why."""

    __table_args__ = (UniqueConstraint("placement_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[User] = relationship()
    placement: Mapped[Placement] = relationship()

    @property
    def monday(self) -> date:
        return monday_of(self.day)


class SurveyAnswer(db.Model):
    """The participant's own voice: closer to work or studies, how the support works, in their words."""

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), index=True)
    occasion: Mapped[Occasion] = mapped_column(enum_column_type(Occasion, "survey_occasion"))
    closer: Mapped[Closer] = mapped_column(enum_column_type(Closer, "survey_closer"))
    support: Mapped[Support] = mapped_column(enum_column_type(Support, "survey_support"))
    text: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date] = mapped_column(index=True)


class ParticipantIdentity(db.Model):
    """How SCB's file names a participant: the personal identity number when one is recorded,
    otherwise birth date and the agreed reserve code (protected identity)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"), unique=True)
    personal_number: Mapped[str | None] = mapped_column(String(12))
    birth_date: Mapped[date | None]
    reserve_code: Mapped[str | None] = mapped_column(String(20))

    enrolment: Mapped[Enrolment] = relationship()


class FileMonth(db.Model):
    """A month of the participant file: when it was sent, and whether a correction means sending it again."""

    __table_args__ = (UniqueConstraint("programme_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), index=True)
    month: Mapped[date]
    sent_at: Mapped[datetime | None]
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    resend: Mapped[bool] = mapped_column(default=False)


class ExportLog(db.Model):
    """Who exported what, and when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(200), default="")
    exported_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()
