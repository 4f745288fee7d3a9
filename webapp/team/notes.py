"""Case notes: written by the coach or a team member, each with a visibility; a correction
adds a version, so the earlier text stays as history. Reads go through participant_for
(staff) or are the participant's own, so each read is logged (privacy.readlog)."""

from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from ..accounts.models import Role, User
from ..enrolment.lookup import enrolment_of
from ..extensions import db
from ..participants.services import participant_for
from ..timeutil import utcnow
from . import services as team
from .models import CaseNote, CaseNoteVersion, NoteVisibility, Part

NOTE_LENGTH = 4000


def participant_for_notes(viewer: User, participant_id: int, write: bool = False) -> User:
    """The participant, if the viewer coaches them or their team role lets them read (write) notes."""
    return participant_for(viewer, participant_id, part=Part.NOTES, write=write)


def notes_of(participant: User, for_participant: bool = False) -> list[CaseNote]:
    """Newest first. The participant reads only the notes written for them to read."""
    query = select(CaseNote).where(CaseNote.participant_id == participant.id)
    if for_participant:
        query = query.where(CaseNote.visibility == NoteVisibility.PARTICIPANT)
    return list(db.session.scalars(query.order_by(CaseNote.written_at.desc(), CaseNote.id.desc())))


def own_notes(participant: User) -> list[CaseNote]:
    """The participant's own reading: notes they may read."""
    if not participant.has_any_role(Role.PARTICIPANT):
        raise NotFound()
    return notes_of(participant, for_participant=True)


def note_for(viewer: User, note_id: int, write: bool = False) -> CaseNote:
    """A note, if the viewer may read it (write: correct it; only its author corrects); 404 otherwise."""
    note = db.session.get(CaseNote, note_id)
    if note is None:
        raise NotFound()
    participant_for_notes(viewer, note.participant_id, write=write)
    if write and note.author_id != viewer.id:
        raise NotFound()
    return note


def write_note(author: User, participant: User, text: str, visibility: NoteVisibility) -> CaseNote:
    now = utcnow()
    note = CaseNote(participant_id=participant.id, author_id=author.id, visibility=visibility, written_at=now)
    note.versions.append(CaseNoteVersion(number=1, text=text.strip(), written_by_id=author.id, written_at=now))
    db.session.add(note)
    db.session.flush()
    return note


def correct_note(editor: User, note: CaseNote, text: str, visibility: NoteVisibility | None = None) -> CaseNote:
    """A new version of the text; the earlier ones stay. Unchanged text adds nothing."""
    text = text.strip()
    if visibility is not None:
        note.visibility = visibility
    if text != note.text:
        latest = select(func.max(CaseNoteVersion.number)).where(CaseNoteVersion.note_id == note.id)
        number = (db.session.scalar(latest) or 0) + 1
        db.session.add(
            CaseNoteVersion(note_id=note.id, number=number, text=text, written_by_id=editor.id, written_at=utcnow())
        )
    db.session.flush()
    db.session.refresh(note)
    return note


def readers(note: CaseNote) -> list[User]:
    """Staff who are told of a note: the responsible coach and team members who read notes (not the author)."""
    enrolment = enrolment_of(note.participant_id)
    people = [enrolment.responsible_coach] if enrolment else []
    people += [row.member for row in team.members(note.participant_id) if team.allows(row.role, Part.NOTES)]
    seen, found = set(), []
    for person in people:
        if person.id != note.author_id and person.id not in seen:
            seen.add(person.id)
            found.append(person)
    return found
