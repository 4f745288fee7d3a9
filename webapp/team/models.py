"""The team around a participant, what each team role may read or write, and case notes."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, Integer, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Organisation, User
from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..timeutil import UTCDateTime, utcnow


class TeamRole(LabelledEnum):
    EMPLOYMENT_OFFICER = "employment_officer"
    SOCIAL_SERVICES = "social_services"
    HEALTH = "health"
    SCHOOL = "school"
    STUDY_SUPERVISOR = "study_supervisor"


# NOTE: the roles a professional can have in a participant's team (the team page, the invitation form)
TEAM_ROLE_LABELS = labels(
    {
        TeamRole.EMPLOYMENT_OFFICER: _l("Case officer at the Public Employment Service"),
        # NOTE: a role in a participant's team: an officer of the social services
        TeamRole.SOCIAL_SERVICES: _l("Social services"),
        TeamRole.HEALTH: _l("Health care or rehabilitation"),
        # NOTE: a role in a participant's team: someone at a school
        TeamRole.SCHOOL: _l("School"),
        # NOTE: a role in a participant's team: supervises studies (supported education)
        TeamRole.STUDY_SUPERVISOR: _l("Study supervisor"),
    }
)


class Part(LabelledEnum):
    """The parts of a participant's record a team member may be let into."""

    PLAN = "plan"
    ATTENDANCE = "attendance"
    NOTES = "notes"
    DOCUMENTS = "documents"
    MESSAGES = "messages"


# NOTE: the parts of a participant's record a team member may read or write (column heads on the team page)
PART_LABELS = labels(
    {
        Part.PLAN: _l("Plan"),
        Part.ATTENDANCE: _l("Attendance"),
        Part.NOTES: _l("Notes"),
        # NOTE: a part of the record a team member may see: uploaded documents
        Part.DOCUMENTS: _l("Documents"),
        # NOTE: a part of the record a team member may see: messages with the participant
        Part.MESSAGES: _l("Messages"),
    }
)


class Access(enum.IntEnum):
    READ = 1
    WRITE = 2


R, W = Access.READ, Access.WRITE

# Least privilege, declared once: what each team role may read (R) or read and write (W).
# A part a role does not name is closed to it. The responsible coach and the colleagues they
# share the participant with are not team members: they see the whole record as before.
ACCESS: dict[TeamRole, dict[Part, Access]] = {
    TeamRole.EMPLOYMENT_OFFICER: {Part.PLAN: W, Part.ATTENDANCE: R, Part.NOTES: W, Part.DOCUMENTS: R, Part.MESSAGES: W},
    TeamRole.SOCIAL_SERVICES: {Part.PLAN: W, Part.ATTENDANCE: R, Part.NOTES: W, Part.DOCUMENTS: W, Part.MESSAGES: W},
    TeamRole.HEALTH: {Part.PLAN: W, Part.NOTES: W, Part.DOCUMENTS: W, Part.MESSAGES: W},
    TeamRole.SCHOOL: {Part.PLAN: W, Part.ATTENDANCE: R, Part.NOTES: W, Part.DOCUMENTS: R, Part.MESSAGES: W},
    TeamRole.STUDY_SUPERVISOR: {Part.PLAN: R, Part.ATTENDANCE: R, Part.NOTES: W, Part.MESSAGES: W},
}


def allows(role: TeamRole | None, part: Part, write: bool = False) -> bool:
    """Does the role let its holder read (or, with write, change) this part?"""
    if role is None:
        return False
    granted = ACCESS[role].get(part)
    return granted is not None and granted >= (Access.WRITE if write else Access.READ)


class TeamMember(db.Model):
    """A professional in a participant's team. Leaving sets `left_at`: the row stays as history,
    and the same person added again gets the row back with the new role."""

    __table_args__ = (UniqueConstraint("participant_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    # The organisation the member works for in the team (they may belong to several).
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    role: Mapped[TeamRole] = mapped_column(enum_column_type(TeamRole, "team_role"))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The participant's own choice (issue 18, item 4): may this member write to them? Off
    # until the participant turns it on; a new place in the team starts off again. Only
    # messages follow it: the other parts follow the role alone.
    may_message: Mapped[bool] = mapped_column(default=False, server_default=false())
    # When the participant last turned it on or off (None: never chosen), shown to the coach.
    message_choice_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    member: Mapped[User] = relationship(foreign_keys=[member_id], lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")

    @property
    def may_be_chosen(self) -> bool:
        """Could the participant let this member write to them: does the role include writing messages?"""
        return allows(self.role, Part.MESSAGES, write=True)


class NoteVisibility(LabelledEnum):
    PARTICIPANT = "participant"
    TEAM = "team"


NOTE_VISIBILITY_LABELS = labels(
    {
        NoteVisibility.PARTICIPANT: _l("The participant can read it"),
        NoteVisibility.TEAM: _l("Only the team"),
    }
)


class CaseNote(db.Model):
    """A note on a participant by their coach or a team member. Its text lives in versions:
    a correction adds a version, so the earlier text stays readable as history."""

    __table_args__ = (Index("ix_case_note_participant_written", "participant_id", "written_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    visibility: Mapped[NoteVisibility] = mapped_column(enum_column_type(NoteVisibility, "note_visibility"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")
    versions: Mapped[list["CaseNoteVersion"]] = relationship(
        back_populates="note",
        cascade="all, delete-orphan",
        order_by="CaseNoteVersion.number.desc()",
        lazy="selectin",
    )

    @property
    def text(self) -> str:
        return self.versions[0].text if self.versions else ""

    @property
    def earlier(self) -> list["CaseNoteVersion"]:
        return self.versions[1:]


class CaseNoteVersion(db.Model):
    __table_args__ = (UniqueConstraint("note_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("case_note.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    note: Mapped[CaseNote] = relationship(back_populates="versions")
    written_by: Mapped[User | None] = relationship(lazy="joined")
