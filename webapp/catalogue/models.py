"""The joint activity catalogue ("Portalen"): activities that provider organisations publish,
their weekly times and languages, and the referrals coaches make to them."""

import uuid
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Municipality, Organisation, Programme, User
from ..enrolment.models import Phase  # the same seven phases as the participant's way
from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..textfold import search_text
from ..timeutil import utcnow
from ..weekly import WeeklyTime, weekly_time_rules


class Category(LabelledEnum):
    HEALTH_ACTIVITY = "health_activity"
    ORIENTATION_COURSE = "orientation_course"
    SWEDISH_WITH_PRACTICE = "swedish_with_practice"
    COMMUNITY_ORIENTATION = "community_orientation"
    SUPPORTED_EDUCATION = "supported_education"
    JOB_SEARCH_GROUP = "job_search_group"
    LEISURE_AND_HEALTH = "leisure_and_health"
    OTHER = "other"


CATEGORY_LABELS = labels(
    {
        # NOTE: category: the label of Category.HEALTH_ACTIVITY
        Category.HEALTH_ACTIVITY: _l("Health activity"),
        # NOTE: category: the label of Category.ORIENTATION_COURSE
        Category.ORIENTATION_COURSE: _l("Orientation course"),
        Category.SWEDISH_WITH_PRACTICE: _l("Swedish combined with practice"),
        Category.COMMUNITY_ORIENTATION: _l("Community orientation in the home language"),
        # NOTE: category: the label of Category.SUPPORTED_EDUCATION
        Category.SUPPORTED_EDUCATION: _l("Supported education"),
        # NOTE: category: the label of Category.JOB_SEARCH_GROUP
        Category.JOB_SEARCH_GROUP: _l("Job-search group"),
        Category.LEISURE_AND_HEALTH: _l("Leisure and health track"),
        # NOTE: category: the label of Category.OTHER
        Category.OTHER: _l("Other activity"),
    }
)


class Referrers(LabelledEnum):
    ANY_COACH = "any_coach"
    OWN_COACHES = "own_coaches"


REFERRER_LABELS = labels(
    {
        Referrers.ANY_COACH: _l("Any coach in the programme"),
        Referrers.OWN_COACHES: _l("Only our own coaches"),
    }
)


class ReferralStatus(LabelledEnum):
    REFERRED = "referred"
    ACCEPTED = "accepted"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"
    DONE = "done"
    DROPPED_OUT = "dropped_out"


STATUS_LABELS = labels(
    {
        ReferralStatus.REFERRED: _l("Waiting for an answer"),
        ReferralStatus.ACCEPTED: lazy_pgettext("status of a referral: the provider took the participant", "Accepted"),
        ReferralStatus.WAITLISTED: _l("On the waiting list"),
        # NOTE: status of a referral: the label of ReferralStatus.DECLINED
        ReferralStatus.DECLINED: _l("Declined"),
        ReferralStatus.DONE: lazy_pgettext("status of a referral: the participant finished the activity", "Done"),
        # NOTE: status of a referral: the label of ReferralStatus.DROPPED_OUT
        ReferralStatus.DROPPED_OUT: _l("Dropped out"),
    }
)
COMPLETED = (ReferralStatus.DONE, ReferralStatus.DROPPED_OUT)


class Activity(db.Model):
    __table_args__ = (
        CheckConstraint("places >= 0", name="places_not_negative"),
        CheckConstraint("places_free >= 0 AND places_free <= places", name="free_within_places"),
        CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        # The search's usual shape: visible ones, by category or municipality, in title order.
        Index("ix_activity_programme_title", "programme_id", "title"),
        Index("ix_activity_public_title", "is_public", "title"),
        # Text search: SQLite gets a plain index it does not use for LIKE '%...%'; PostgreSQL
        # a trigram index (_trigram_index below), which answers it without reading the table.
        Index("ix_activity_search_text", "search_text").ddl_if(dialect="sqlite"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    # The provider: a labour-market unit, the employment service, a social enterprise, an association.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[Category] = mapped_column(enum_column_type(Category, "activity_category"), index=True)
    phase: Mapped[Phase] = mapped_column(enum_column_type(Phase, "activity_phase"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date | None] = mapped_column(index=True)
    ends_on: Mapped[date | None] = mapped_column(index=True)
    continuous_intake: Mapped[bool] = mapped_column(Boolean, default=False)
    # The language the title and description are written in (shown as written, marked with lang).
    written_in: Mapped[str] = mapped_column(String(8))
    adaptations: Mapped[str] = mapped_column(Text, default="")
    places: Mapped[int]
    places_free: Mapped[int] = mapped_column(index=True)
    contact: Mapped[str] = mapped_column(String(300))
    referrers: Mapped[Referrers] = mapped_column(enum_column_type(Referrers, "activity_referrers"))
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Title, description and place folded (webapp/textfold.py): what the text search reads.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The service's id in the open data (HSDS): kept, so a reader's request finds its row by
    # index. Activities published before it was kept have the id derived from their number.
    hsds_id: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))

    programme: Mapped[Programme] = relationship()
    organisation: Mapped[Organisation] = relationship()
    municipality: Mapped[Municipality] = relationship()
    times: Mapped[list["ActivityTime"]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="ActivityTime.weekday"
    )
    language_rows: Mapped[list["ActivityLanguage"]] = relationship(
        cascade="all, delete-orphan", order_by="ActivityLanguage.code"
    )

    @property
    def languages(self) -> list[str]:
        return [row.code for row in self.language_rows]

    def is_on(self, day: date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (self.ends_on is None or day <= self.ends_on)


def activity_search_text(activity: "Activity") -> str:
    return search_text(activity.title, activity.description, activity.place)


@event.listens_for(Activity, "before_insert")
@event.listens_for(Activity, "before_update")
def _fold_for_search(_mapper, _connection, activity: "Activity") -> None:
    activity.search_text = activity_search_text(activity)


# The trigram index when the tables are made from the models (tests; migration 0017 does the
# same for a real database). The extension lives in one schema per database: the operator
# class is named with it, so a table made in another schema (the race tests) finds it.
@event.listens_for(Activity.__table__, "after_create")
def _trigram_index(table, connection, **_kw) -> None:
    if connection.dialect.name != "postgresql":
        return
    connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    where = connection.scalar(
        text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = 'pg_trgm'"
        )
    )
    connection.execute(
        text(f'CREATE INDEX ix_activity_search_text ON {table.name} USING gin (search_text "{where}".gin_trgm_ops)')
    )


class CatalogueState(db.Model):
    """One row: the catalogue's version, counted up in the transaction of every change to an
    activity, its times or languages, or a provider (catalogue/cache.py). The public open-data
    answers are kept in memory per version and sent with an ETag made from it."""

    __tablename__ = "catalogue_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActivityLanguage(db.Model):
    """A language the activity is given in. Keyed by code first, so the language filter is an index scan."""

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ActivityTime(WeeklyTime, db.Model):
    """One weekly time of an activity."""

    __table_args__ = weekly_time_rules("activity_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)

    activity: Mapped[Activity] = relationship(back_populates="times")


class Referral(db.Model):
    """A coach refers a participant to an activity; the provider answers. One per participant and activity:
    sending the same referral twice (a double tap, a retried request) finds the first."""

    __table_args__ = (UniqueConstraint("activity_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # Only when the participant agreed that the provider may contact them directly.
    contact: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[ReferralStatus] = mapped_column(enum_column_type(ReferralStatus, "referral_status"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    completed_on: Mapped[date | None]

    activity: Mapped[Activity] = relationship()
    participant: Mapped[User] = relationship(foreign_keys=[participant_id])
    coach: Mapped[User | None] = relationship(foreign_keys=[coach_id])
