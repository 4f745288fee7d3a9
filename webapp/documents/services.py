"""Documents: who may see which, uploading with the type checked by content, deleting."""

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import Forbidden, NotFound

from .. import events
from ..accounts.models import User
from ..enrolment.models import Enrolment
from ..extensions import db
from ..privacy.readlog import log_read
from ..team import services as team
from ..team.models import Part
from . import storage
from .models import Document, DocumentKind

NAME_LENGTH = 200


class UploadError(Exception):
    """The file cannot be kept; `reason` says why: "empty", "too_large" or "wrong_type"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def can_see_documents(user: User, participant_id: int) -> bool:
    """Who may open a participant's documents: team.may_reach for documents (may_see narrows it)."""
    return team.may_reach(user, participant_id, Part.DOCUMENTS)


def _responsible_coach_id(participant_id: int) -> int | None:
    query = select(Enrolment.responsible_coach_id).where(Enrolment.participant_id == participant_id)
    return db.session.scalar(query)


def may_see(user: User, document: Document) -> bool:
    """A document follows can_see_documents; a medical certificate only the participant, their
    responsible coach and whoever uploaded it."""
    if not can_see_documents(user, document.participant_id):
        return False
    if document.kind is DocumentKind.MEDICAL:
        return user.id in (
            document.participant_id,
            document.uploaded_by_id,
            _responsible_coach_id(document.participant_id),
        )
    return True


def owner_of_documents(viewer: User, participant_id: int) -> User:
    """The participant whose documents the viewer may see (a read when it is someone else); 404 otherwise."""
    participant = db.session.get(User, participant_id)
    if participant is None or not can_see_documents(viewer, participant_id):
        raise NotFound()
    log_read(participant.id)
    return participant


def documents_of(viewer: User, participant: User) -> list[Document]:
    """The participant's documents the viewer may see, newest first, with who added each."""
    query = (
        select(Document)
        .options(joinedload(Document.uploaded_by))
        .where(Document.participant_id == participant.id)
        .order_by(Document.uploaded_at.desc(), Document.id.desc())
    )
    return [d for d in db.session.scalars(query) if may_see(viewer, d)]


def document_for(viewer: User, document_id: int) -> Document:
    """One document the viewer may see (logged as a read of the participant's data); 404 otherwise."""
    document = db.session.get(Document, document_id)
    if document is None or not may_see(viewer, document):
        raise NotFound()
    log_read(document.participant_id)
    return document


def clean_name(name: str | None, media_type: str) -> str:
    """The uploader's file name without any folder or control characters, ending as its type does."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip(" .") or "document"
    extension = storage.extension_of(media_type)
    if not name.lower().endswith((extension, ".jpeg") if extension == ".jpg" else (extension,)):
        name += extension
    return name[-NAME_LENGTH:]


def check(content: bytes) -> str:
    """The content's media type, or UploadError: empty, too large, or not a PDF, JPEG or PNG."""
    if not content:
        raise UploadError("empty")
    if len(content) > current_app.config["DOCUMENT_MAX_BYTES"]:
        raise UploadError("too_large")
    media_type = storage.media_type_of(content[:16])
    if media_type is None:
        raise UploadError("wrong_type")
    return media_type


def _other_side(uploader: User, participant: User) -> list[User]:
    if uploader.id != participant.id:
        return [participant]
    coach = db.session.get(User, _responsible_coach_id(participant.id) or 0)
    return [coach] if coach is not None else []


def upload(uploader: User, participant: User, kind: DocumentKind, name: str | None, content: bytes, url: str):
    """Keep the file for the participant and tell the other side (url: their way to the documents)."""
    if not can_see_documents(uploader, participant.id):
        raise NotFound()
    media_type = check(content)
    document = Document(
        participant_id=participant.id,
        uploaded_by_id=uploader.id,
        kind=kind,
        file_name=clean_name(name, media_type),
        key=storage.store(content),
        media_type=media_type,
        size=len(content),
    )
    db.session.add(document)
    db.session.flush()
    events.document_added.send(document, recipients=_other_side(uploader, participant), url=url)
    return document


def remove(viewer: User, document: Document) -> None:
    """Only the person who uploaded a document deletes it; the file goes when the deletion is committed."""
    if document.uploaded_by_id != viewer.id:
        raise Forbidden()
    storage.remove_after_commit(document.key)
    db.session.delete(document)
    db.session.flush()


def remove_all_of(participant_id: int) -> int:
    """Retention and erasure: every document of the participant goes, rows and files."""
    keys = list(db.session.scalars(select(Document.key).where(Document.participant_id == participant_id)))
    for key in keys:
        storage.remove_after_commit(key)
    db.session.execute(delete(Document).where(Document.participant_id == participant_id))
    return len(keys)
