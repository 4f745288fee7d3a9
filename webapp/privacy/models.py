"""The read log, privacy events (reviews, exports, erasures), consents and each programme's
privacy settings (retention decision, notice details, whether staff names are shown)."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..timeutil import UTCDateTime, utcnow


class ReadLog(db.Model):
    """One row per request per participant whose personal data someone else was shown.

    Append-only: no route changes or deletes a row, and on PostgreSQL a trigger refuses
    UPDATE and DELETE (migration 0012). The ids are plain integers, not foreign keys, so the
    log outlives an anonymised or erased person and nothing cascades into it."""

    __tablename__ = "read_log"
    __table_args__ = (
        Index("ix_read_log_participant_read_at", "participant_id", "read_at"),
        Index("ix_read_log_reader_read_at", "reader_id", "read_at"),
        Index("ix_read_log_programme_read_at", "programme_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # None: nobody signed in (the calendar feed, read with its secret link).
    reader_id: Mapped[int | None] = mapped_column(Integer)
    reader_role: Mapped[str | None] = mapped_column(String(32))
    organisation_id: Mapped[int | None] = mapped_column(Integer)
    programme_id: Mapped[int | None] = mapped_column(Integer)
    participant_id: Mapped[int] = mapped_column(Integer)
    # The endpoint that showed the data (e.g. "participants.detail"), or a short kind.
    what: Mapped[str] = mapped_column(String(120))


class EventKind(enum.Enum):
    LOG_REVIEW = "log_review"
    LOG_EXPORT = "log_export"
    ERASURE = "erasure"
    RETENTION = "retention"
    RETENTION_DECISION = "retention_decision"


class PrivacyEvent(db.Model):
    """What programme admins do with the log and with people's data: itself a log."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    programme_id: Mapped[int | None] = mapped_column(Integer, index=True)
    kind: Mapped[EventKind] = mapped_column(enum_column_type(EventKind, "privacy_event_kind"))
    # What was looked at or done, e.g. "sample of 50", "participant 17"; never a name.
    detail: Mapped[str] = mapped_column(String(300), default="")


class Anonymisation(db.Model):
    """A person whose information was anonymised: at the end of the retention period or on request."""

    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(String(20))  # "retention" or "erasure"
    by_id: Mapped[int | None] = mapped_column(Integer)


class PrivacySetting(db.Model):
    """A programme's own privacy details: retention decision, notice details, name policy."""

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True)
    show_staff_names: Mapped[bool] = mapped_column(default=False)
    retention_months: Mapped[int | None] = mapped_column(Integer)
    retention_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retention_decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    controller: Mapped[str] = mapped_column(String(300), default="")
    controller_contact: Mapped[str] = mapped_column(String(300), default="")
    dpo_contact: Mapped[str] = mapped_column(String(300), default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    accessibility_contact: Mapped[str] = mapped_column(String(300), default="")
    accessibility_gaps: Mapped[str] = mapped_column(Text, default="")
    accessibility_assessed_on: Mapped[str] = mapped_column(String(40), default="")

    retention_decided_by: Mapped[User | None] = relationship()


class Purpose(LabelledEnum):
    TAKING_PART = "taking_part"
    EMPLOYER = "employer"
    OTHER_ORGANISATIONS = "other_organisations"
    FUNDER_REPORTING = "funder_reporting"
    SENSITIVE_ESF = "sensitive_esf"

    @property
    def basis(self):
        return BASIS_LABELS.get(self, CONSENT_BASIS)

    @property
    def rests_on_consent(self) -> bool:
        """Taking part is the municipality's public task (GDPR art. 6.1 e) and the funder's
        reporting a legal obligation (art. 6.1 c): neither can be withdrawn as a consent."""
        return self not in (Purpose.TAKING_PART, Purpose.FUNDER_REPORTING)


PURPOSE_LABELS = labels(
    {
        Purpose.TAKING_PART: _l("Taking part in the programme"),
        Purpose.EMPLOYER: _l("Sharing with the employer of your placement"),
        Purpose.OTHER_ORGANISATIONS: _l("Sharing with other organisations in your team"),
        Purpose.FUNDER_REPORTING: _l("Reporting to the funder (ESF)"),
        Purpose.SENSITIVE_ESF: _l("Optional sensitive answers for the funder"),
    }
)


# On what each purpose rests (GDPR art. 6 and 9), in the participant's words.
BASIS_LABELS = {
    Purpose.TAKING_PART: _l(
        "This rests on the municipality's task in the public interest (GDPR article 6.1 e). "
        "Taking part is voluntary: if you want to stop, talk to your coach."
    ),
    Purpose.FUNDER_REPORTING: _l(
        "This rests on a legal obligation: the programme must report figures to the funder (GDPR article 6.1 c)."
    ),
}
CONSENT_BASIS = _l("This rests on your consent. You can withdraw it at any time, and it stops at once.")


class ConsentMethod(LabelledEnum):
    PAPER = "paper"
    IN_APP = "in_app"
    SPOKEN = "spoken"


METHOD_LABELS = labels(
    {
        # NOTE: how a consent was given: the label of ConsentMethod.PAPER
        ConsentMethod.PAPER: _l("On paper"),
        # NOTE: how a consent was given: the label of ConsentMethod.IN_APP
        ConsentMethod.IN_APP: _l("In Vägen"),
        ConsentMethod.SPOKEN: _l("Said to the coach"),
    }
)


class Consent(db.Model):
    """One purpose for one participant: when and how it was given, by whom it was recorded,
    and when it was withdrawn. The latest row per purpose is the one that counts."""

    __table_args__ = (Index("ix_consent_participant_purpose", "participant_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    purpose: Mapped[Purpose] = mapped_column(enum_column_type(Purpose, "consent_purpose"))
    given_on: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    method: Mapped[ConsentMethod] = mapped_column(enum_column_type(ConsentMethod, "consent_method"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    # E.g. the purpose text of the paper form the coach recorded at enrolment.
    note: Mapped[str] = mapped_column(String(500), default="")

    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None
