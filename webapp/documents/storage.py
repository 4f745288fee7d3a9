"""Where document files live: DOCUMENTS_DIR (outside the web root), each under a random key.

Files follow the transaction: a file written for an upload is removed again if the request
rolls back, and a file of a deleted document is removed only once the deletion is committed,
so the database and the directory never disagree for long."""

import secrets
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db

# Bytes each accepted kind of file starts with; the type is never taken from the name or the browser.
MAGIC = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
_WRITTEN = "vagen_documents_written"
_TO_REMOVE = "vagen_documents_to_remove"


def media_type_of(head: bytes) -> str | None:
    """The media type the content's first bytes show, or None for anything else."""
    return next((kind for magic, kind, _ in MAGIC if head.startswith(magic)), None)


def extension_of(media_type: str) -> str:
    return next(ext for _, kind, ext in MAGIC if kind == media_type)


def directory() -> Path:
    path = Path(current_app.config["DOCUMENTS_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def path_of(key: str) -> Path:
    return directory() / key


def store(content: bytes) -> str:
    """Write the content under a new random key (removed again if the transaction rolls back)."""
    key = secrets.token_hex(16)
    path = path_of(key)
    path.write_bytes(content)
    db.session.info.setdefault(_WRITTEN, []).append(path)
    return key


def remove_after_commit(key: str) -> None:
    """The file goes once the transaction that deleted its row commits."""
    db.session.info.setdefault(_TO_REMOVE, []).append(path_of(key))


def _remove_deleted(session) -> None:
    session.info.pop(_WRITTEN, None)
    for path in session.info.pop(_TO_REMOVE, ()):
        path.unlink(missing_ok=True)


def _remove_written(session) -> None:
    session.info.pop(_TO_REMOVE, None)
    for path in session.info.pop(_WRITTEN, ()):
        path.unlink(missing_ok=True)


def init_storage(app: Flask) -> None:
    """Files follow the session's commits and rollbacks (paths are absolute: any app's session will do)."""
    Path(app.config["DOCUMENTS_DIR"]).mkdir(parents=True, exist_ok=True)
    if not event.contains(Session, "after_commit", _remove_deleted):
        event.listen(Session, "after_commit", _remove_deleted)
        event.listen(Session, "after_rollback", _remove_written)
