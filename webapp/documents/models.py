"""A document kept for a participant; the file itself lives in DOCUMENTS_DIR under a random key."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..timeutil import UTCDateTime, utcnow


class DocumentKind(LabelledEnum):
    CV = "cv"
    CERTIFICATE = "certificate"
    MEDICAL = "medical"  # seen only by the participant and their responsible coach
    SIGNED_FORM = "signed_form"


LABELS = labels(
    {
        # NOTE: a kind of document a participant uploads: curriculum vitae
        DocumentKind.CV: _l("CV"),
        DocumentKind.CERTIFICATE: _l("Certificate or grades"),
        # NOTE: a kind of document a participant uploads (only the coach sees it)
        DocumentKind.MEDICAL: _l("Medical certificate"),
        # NOTE: a kind of document a participant uploads
        DocumentKind.SIGNED_FORM: _l("Signed form"),
    }
)


class Document(db.Model):
    __table_args__ = (Index("ix_document_participant_uploaded_at", "participant_id", "uploaded_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), index=True)
    kind: Mapped[DocumentKind] = mapped_column(enum_column_type(DocumentKind, "document_kind"))
    # The name the file had on the uploader's device: shown and offered when downloading.
    file_name: Mapped[str] = mapped_column(String(200))
    # The file's name in DOCUMENTS_DIR: random, never derived from anything the user sent.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    # What the content's first bytes say it is (application/pdf, image/jpeg, image/png).
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    uploaded_by: Mapped[User | None] = relationship(foreign_keys=[uploaded_by_id])
