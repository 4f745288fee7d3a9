"""A participant's placement at a workplace, and the days and hours they are expected there."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, SmallInteger, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Municipality, Organisation, User
from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..timeutil import utcnow
from ..weekly import WeeklyTime, weekly_time_rules


class PlacementKind(LabelledEnum):
    WORK_TRIAL = "work_trial"
    WORK_TRAINING = "work_training"
    INTERNSHIP = "internship"
    EMPLOYMENT = "employment"
    OTHER = "other"
    # Supported education (JagKan): a course or school, with a study supervisor in the
    # supervisor's place, who confirms attendance and gives feedback as at a workplace.
    STUDY = "study"


PLACEMENT_KIND_LABELS = labels(
    {
        # NOTE: kind of placement: the label of PlacementKind.WORK_TRIAL
        PlacementKind.WORK_TRIAL: _l("Work trial"),
        # NOTE: kind of placement: the label of PlacementKind.WORK_TRAINING
        PlacementKind.WORK_TRAINING: _l("Work training"),
        # NOTE: kind of placement: the label of PlacementKind.INTERNSHIP
        PlacementKind.INTERNSHIP: _l("Internship"),
        # NOTE: kind of placement: the label of PlacementKind.EMPLOYMENT
        PlacementKind.EMPLOYMENT: _l("Employment"),
        # NOTE: kind of placement: the label of PlacementKind.OTHER
        PlacementKind.OTHER: _l("Other"),
        PlacementKind.STUDY: _l("Studies at a school or course"),
    }
)


class Placement(db.Model):
    __table_args__ = (CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    # The workplace: a public employer, a company, a social enterprise or an association.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    kind: Mapped[PlacementKind] = mapped_column(enum_column_type(PlacementKind, "placement_kind"))
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(300))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the placement came from an accepted proposal for an opening (issue 4).
    opening_id: Mapped[int | None] = mapped_column(ForeignKey("opening.id"), index=True)
    # Unique: a proposal accepted twice (two taps, two admins) still makes one placement.
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposal.id"), unique=True)

    participant: Mapped[User] = relationship(foreign_keys=[participant_id])
    supervisor: Mapped[User | None] = relationship(foreign_keys=[supervisor_id])
    organisation: Mapped[Organisation] = relationship()
    opening: Mapped["Opening | None"] = relationship()
    proposal: Mapped["Proposal | None"] = relationship(back_populates="placement")
    schedule: Mapped[list["PlacementDay"]] = relationship(
        back_populates="placement", cascade="all, delete-orphan", order_by="PlacementDay.weekday", lazy="selectin"
    )

    def is_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class PlacementDay(WeeklyTime, db.Model):
    """One weekday of the weekly schedule."""

    __table_args__ = weekly_time_rules("placement_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"), index=True)

    placement: Mapped[Placement] = relationship(back_populates="schedule")


# --- Employers, their openings, and the match (issue 4) -------------------------------


class Sector(LabelledEnum):
    PUBLIC = "public"
    PRIVATE = "private"
    SOCIAL_ECONOMY = "social_economy"


SECTOR_LABELS = labels(
    {
        # NOTE: sector of an employer: the label of Sector.PUBLIC
        Sector.PUBLIC: _l("Public sector"),
        # NOTE: sector of an employer: the label of Sector.PRIVATE
        Sector.PRIVATE: _l("Private company"),
        # NOTE: sector of an employer: the label of Sector.SOCIAL_ECONOMY
        Sector.SOCIAL_ECONOMY: _l("Social economy"),
    }
)


class Collaboration(LabelledEnum):
    INTERESTED = "interested"
    AGREEMENT_SIGNED = "agreement_signed"
    PAUSED = "paused"


COLLABORATION_LABELS = labels(
    {
        # NOTE: state of an employer's collaboration: the label of Collaboration.INTERESTED
        Collaboration.INTERESTED: _l("Interested"),
        # NOTE: state of an employer's collaboration: the label of Collaboration.AGREEMENT_SIGNED
        Collaboration.AGREEMENT_SIGNED: _l("Agreement signed"),
        # NOTE: state of an employer's collaboration: the label of Collaboration.PAUSED
        Collaboration.PAUSED: _l("Paused"),
    }
)


class OpeningStatus(LabelledEnum):
    OPEN = "open"
    PAUSED = "paused"
    FILLED = "filled"
    CLOSED = "closed"


OPENING_STATUS_LABELS = labels(
    {
        # NOTE: status of an opening: the label of OpeningStatus.OPEN
        OpeningStatus.OPEN: _l("Open"),
        # NOTE: status of an opening: the label of OpeningStatus.PAUSED
        OpeningStatus.PAUSED: _l("Paused"),
        # NOTE: status of an opening: the label of OpeningStatus.FILLED
        OpeningStatus.FILLED: _l("Filled"),
        # NOTE: status of an opening: the label of OpeningStatus.CLOSED
        OpeningStatus.CLOSED: _l("Closed"),
    }
)

# Adaptations a workplace offers, and that a participant may choose to tell employers they need.
ADAPTATIONS = {
    # NOTE: label of 'step_free'
    "step_free": _l("Step-free access"),
    # NOTE: label of 'flexible_hours'
    "flexible_hours": _l("Flexible hours"),
    # NOTE: label of 'quiet_space'
    "quiet_space": _l("Quiet space"),
    "short_days": _l("Short days to begin with"),
    "picture_instructions": _l("Instructions with pictures"),
    "own_language_colleague": _l("A colleague who speaks your language"),
}


class EmployerProfile(db.Model):
    """What the programme knows about an employer (one per organisation), kept by its admins."""

    __table_args__ = (
        CheckConstraint(
            "collaboration != 'agreement_signed' OR agreement_signed_on IS NOT NULL", name="agreement_has_date"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), unique=True)
    sector: Mapped[Sector] = mapped_column(enum_column_type(Sector, "employer_sector"), index=True)
    # In the employer's own words, e.g. "second-hand shop", "elderly care".
    kind: Mapped[str | None] = mapped_column(String(100))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"))
    address: Mapped[str | None] = mapped_column(String(300))
    contact_person: Mapped[str | None] = mapped_column(String(200))
    collaboration: Mapped[Collaboration] = mapped_column(
        enum_column_type(Collaboration, "collaboration_state"), default=Collaboration.INTERESTED
    )
    agreement_signed_on: Mapped[date | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    municipality: Mapped[Municipality | None] = relationship()


opening_language = Table(
    "opening_language",
    db.metadata,
    Column("opening_id", ForeignKey("opening.id", ondelete="CASCADE"), primary_key=True),
    Column("code", String(8), primary_key=True),
    Index("ix_opening_language_code", "code", "opening_id"),
)

opening_adaptation = Table(
    "opening_adaptation",
    db.metadata,
    Column("opening_id", ForeignKey("opening.id", ondelete="CASCADE"), primary_key=True),
    Column("code", String(32), primary_key=True),
    Index("ix_opening_adaptation_code", "code", "opening_id"),
)


class Opening(db.Model):
    """A place an employer offers: a work trial, work training, internship or job."""

    __table_args__ = (
        CheckConstraint("places > 0", name="places_positive"),
        CheckConstraint("hours_per_week > 0 AND hours_per_week <= 60", name="hours_range"),
        CheckConstraint("usual_days BETWEEN 0 AND 127", name="usual_days_range"),
        # The browse page: open openings of a programme, soonest first.
        Index("ix_opening_browse", "programme_id", "status", "starts_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    # Copied from the organisation so that browsing a programme needs no join.
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    kind: Mapped[PlacementKind] = mapped_column(enum_column_type(PlacementKind, "placement_kind"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    tasks: Mapped[str] = mapped_column(Text)
    hours_per_week: Mapped[int] = mapped_column(SmallInteger)
    usual_days: Mapped[int] = mapped_column(SmallInteger, default=0)  # bit 0 = Monday
    place: Mapped[str | None] = mapped_column(String(300))
    starts_on: Mapped[date]
    places: Mapped[int] = mapped_column(SmallInteger, default=1)
    status: Mapped[OpeningStatus] = mapped_column(
        enum_column_type(OpeningStatus, "opening_status"), default=OpeningStatus.OPEN
    )
    written_in: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    supervisor: Mapped[User | None] = relationship()
    # The employer's profile, if it has one (sector, collaboration): read-only, by organisation.
    employer: Mapped["EmployerProfile | None"] = relationship(
        primaryjoin="Opening.organisation_id == foreign(EmployerProfile.organisation_id)", viewonly=True, uselist=False
    )
    language_rows: Mapped[list["OpeningLanguage"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OpeningLanguage.code"
    )
    adaptation_rows: Mapped[list["OpeningAdaptation"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OpeningAdaptation.code"
    )

    @property
    def languages(self) -> list[str]:
        return [row.code for row in self.language_rows]

    @property
    def adaptations(self) -> list[str]:
        return [row.code for row in self.adaptation_rows]

    @property
    def weekdays(self) -> list[int]:
        return [d for d in range(7) if self.usual_days & (1 << d)]


class OpeningLanguage(db.Model):
    __table__ = opening_language


class OpeningAdaptation(db.Model):
    __table__ = opening_adaptation


class ProposalState(LabelledEnum):
    PROPOSED = "proposed"  # waiting for the participant
    NOT_INTERESTED = "not_interested"
    INTERESTED = "interested"  # waiting for the employer
    ACCEPTED = "accepted"
    DECLINED = "declined"


PROPOSAL_STATE_LABELS = labels(
    {
        ProposalState.PROPOSED: _l("Waiting for the participant's answer"),
        ProposalState.NOT_INTERESTED: _l("The participant is not interested"),
        ProposalState.INTERESTED: _l("Waiting for the employer's answer"),
        ProposalState.ACCEPTED: _l("Accepted: it is a placement"),
        ProposalState.DECLINED: _l("The employer said no"),
    }
)


class Proposal(db.Model):
    """A coach suggests a participant for an opening; the participant, then the employer, answer."""

    __table_args__ = (UniqueConstraint("opening_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("opening.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    note: Mapped[str | None] = mapped_column(String(500))
    state: Mapped[ProposalState] = mapped_column(
        enum_column_type(ProposalState, "proposal_state"), default=ProposalState.PROPOSED
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    opening: Mapped[Opening] = relationship()
    participant: Mapped[User] = relationship(foreign_keys=[participant_id])
    coach: Mapped[User | None] = relationship(foreign_keys=[coach_id])
    placement: Mapped["Placement | None"] = relationship(back_populates="proposal", uselist=False)


class SharedAdaptation(db.Model):
    """An adaptation the participant has chosen to let employers know they need."""

    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)


class OpeningSetting(db.Model):
    """Per programme: may participants browse openings themselves? Off unless a programme admin turns it on."""

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True)
    participants_may_browse: Mapped[bool] = mapped_column(default=False)
