"""Enrolment in the programme: who the participant is for the funder (ESF entry and exit
data), where they stand on the way, who coaches them and which colleagues may see them."""

from datetime import date, datetime

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from ..accounts.models import Municipality, Organisation, User
from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..timeutil import utcnow


class Phase(LabelledEnum):
    """The seven phases of the participant's way, in order."""

    TRUST = "trust"
    MAPPING = "mapping"
    STRATEGY = "strategy"
    HEALTH = "health"
    COMPETENCE = "competence"
    WORKPLACE = "workplace"
    FOLLOW_UP = "follow_up"

    @property
    def number(self) -> int:
        return PHASES.index(self) + 1

    @property
    def numbered(self) -> str:
        """The phase with its number, as the lists show it ("3. Strategy")."""
        # NOTE: a phase of the programme with its number in the order of the seven phases.
        return gettext("%(number)d. %(phase)s", number=self.number, phase=self.label)

    @property
    def next(self) -> "Phase | None":
        return PHASES[self.number] if self.number < len(PHASES) else None


PHASES = list(Phase)


class Gender(LabelledEnum):
    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"
    NOT_STATED = "not_stated"


class Education(LabelledEnum):
    """ESF education bands (ISCED 2011)."""

    ISCED_0_2 = "isced_0_2"
    ISCED_3_4 = "isced_3_4"
    ISCED_5_8 = "isced_5_8"


class LabourStatus(LabelledEnum):
    """Labour-market status at entry, as ESF asks for it."""

    UNEMPLOYED_LONG = "unemployed_long"
    UNEMPLOYED_SHORT = "unemployed_short"
    OUTSIDE_LABOUR_FORCE = "outside_labour_force"
    SICK_LEAVE = "sick_leave"
    IN_EDUCATION = "in_education"
    EMPLOYED = "employed"


class ExitOutcome(LabelledEnum):
    WORK = "work"
    STUDIES = "studies"
    JOB_SEEKING = "job_seeking"
    OTHER = "other"


LABELS = labels(
    {
        Phase.TRUST: _l("Getting to know each other"),
        Phase.MAPPING: _l("Mapping your situation"),
        Phase.STRATEGY: _l("Strategy and action plan"),
        # NOTE: phase of the way: the label of Phase.HEALTH
        Phase.HEALTH: _l("Health activities"),
        Phase.COMPETENCE: _l("Skills and orientation"),
        Phase.WORKPLACE: _l("At a workplace"),
        # NOTE: phase of the way: the label of Phase.FOLLOW_UP
        Phase.FOLLOW_UP: _l("Follow-up"),
        # NOTE: gender: the label of Gender.WOMAN
        Gender.WOMAN: _l("Female"),
        # NOTE: gender: the label of Gender.MAN
        Gender.MAN: _l("Male"),
        # NOTE: gender: the label of Gender.NON_BINARY
        Gender.NON_BINARY: _l("Non-binary"),
        Gender.NOT_STATED: _l("Does not want to say"),
        Education.ISCED_0_2: _l("Compulsory school or less (ISCED 0-2)"),
        Education.ISCED_3_4: _l("Upper secondary school (ISCED 3-4)"),
        Education.ISCED_5_8: _l("University or college (ISCED 5-8)"),
        LabourStatus.UNEMPLOYED_LONG: _l("Unemployed 12 months or more"),
        LabourStatus.UNEMPLOYED_SHORT: _l("Unemployed less than 12 months"),
        LabourStatus.OUTSIDE_LABOUR_FORCE: _l("Outside the labour force, not studying"),
        LabourStatus.SICK_LEAVE: _l("On sick leave or activity compensation"),
        LabourStatus.IN_EDUCATION: _l("In education or training"),
        LabourStatus.EMPLOYED: _l("Employed, also part-time"),
        # NOTE: what the participant went on to: the label of ExitOutcome.WORK
        ExitOutcome.WORK: _l("Work"),
        # NOTE: what the participant went on to: the label of ExitOutcome.STUDIES
        ExitOutcome.STUDIES: _l("Studies"),
        ExitOutcome.JOB_SEEKING: _l("Looking for work"),
        # NOTE: what the participant went on to: the label of ExitOutcome.OTHER
        ExitOutcome.OTHER: _l("Other"),
    }
)


class Enrolment(db.Model):
    """One participant's place in the programme. No personal identity number: a person with
    protected identity is enrolled with a name and nothing that points to them elsewhere."""

    __table_args__ = (
        CheckConstraint("birth_year BETWEEN 1900 AND 2200", name="birth_year_range"),
        CheckConstraint("exited_on IS NULL OR exited_on >= starts_on", name="exit_after_start"),
        CheckConstraint("(exited_on IS NULL) = (exit_outcome IS NULL)", name="exit_complete"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    responsible_coach_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    # Contact: both optional (many participants share a phone or have no email).
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    gender: Mapped[Gender] = mapped_column(enum_column_type(Gender, "gender"))
    birth_year: Mapped[int] = mapped_column(SmallInteger)
    education: Mapped[Education] = mapped_column(enum_column_type(Education, "education_level"))
    labour_status: Mapped[LabourStatus] = mapped_column(enum_column_type(LabourStatus, "labour_status"))
    newly_arrived: Mapped[bool] = mapped_column(default=False)
    # Indexed for the results (a period's starters and leavers, the monthly participant file).
    starts_on: Mapped[date] = mapped_column(index=True)
    consent_on: Mapped[date]
    consent_purpose: Mapped[str] = mapped_column(String(500))
    phase: Mapped[Phase] = mapped_column(enum_column_type(Phase, "phase"), index=True)
    # Last time the coach met or spoke with the participant: set at enrolment and by "log a contact".
    last_contact_on: Mapped[date | None] = mapped_column(index=True)
    exited_on: Mapped[date | None] = mapped_column(index=True)
    exit_outcome: Mapped[ExitOutcome | None] = mapped_column(enum_column_type(ExitOutcome, "exit_outcome"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # `user.enrolment` (None if not enrolled) is kept on the person for the session: the
    # participant's home asks it from several features (enrolment.lookup.enrolment_of). The
    # database deletes an enrolment with its person (ON DELETE CASCADE), so the ORM leaves it.
    participant: Mapped[User] = relationship(
        foreign_keys=[participant_id], backref=backref("enrolment", uselist=False, passive_deletes="all")
    )
    responsible_coach: Mapped[User] = relationship(foreign_keys=[responsible_coach_id])
    organisation: Mapped[Organisation] = relationship()
    municipality: Mapped[Municipality] = relationship()
    phase_changes: Mapped[list["PhaseChange"]] = relationship(
        back_populates="enrolment", cascade="all, delete-orphan", order_by="PhaseChange.id"
    )
    colleagues: Mapped[list["SharedAccess"]] = relationship(
        back_populates="enrolment", cascade="all, delete-orphan", order_by="SharedAccess.id"
    )


class PhaseChange(db.Model):
    """Every move along the way, with its day and who made it; the first row is the start."""

    # A participant's moves in order: the results' funnel reads each stay to the next move
    # from this index without sorting every move of the programme. It starts with
    # enrolment_id, so it serves every lookup by enrolment too: no index of its own.
    __table_args__ = (Index("ix_phase_change_stay", "enrolment_id", "changed_on", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"))
    from_phase: Mapped[Phase | None] = mapped_column(enum_column_type(Phase, "from_phase"))
    to_phase: Mapped[Phase] = mapped_column(enum_column_type(Phase, "to_phase"))
    changed_on: Mapped[date]
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))

    enrolment: Mapped[Enrolment] = relationship(back_populates="phase_changes")
    changed_by: Mapped[User | None] = relationship()


class SharedAccess(db.Model):
    """A colleague in the same organisation whom the responsible coach lets see the participant."""

    __table_args__ = (UniqueConstraint("enrolment_id", "coach_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # No index of its own: the unique constraint's (enrolment_id, coach_id) serves it (0022).
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id", ondelete="CASCADE"))
    coach_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    enrolment: Mapped[Enrolment] = relationship(back_populates="colleagues")
    coach: Mapped[User] = relationship(foreign_keys=[coach_id])
