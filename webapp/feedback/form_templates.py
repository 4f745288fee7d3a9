"""Feedback templates: each programme's forms, versioned once used; the default made once."""

import json

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.models import User
from ..database import insert_once
from ..extensions import db
from . import definition as spec
from .models import Feedback, FeedbackTemplate

# --- Templates ------------------------------------------------------------------------


def ensure_default_template(programme_id: int) -> FeedbackTemplate:
    """The programme's shipped work-performance template, made on first use (and by the demo seed)."""
    template = current_template(programme_id, spec.DEFAULT_KEY, ensure=False)
    if template is None:
        template = FeedbackTemplate(
            programme_id=programme_id, key=spec.DEFAULT_KEY, version=1, definition=spec.DEFAULT_DEFINITION
        )
        if not insert_once(template):  # made at the same moment by another request
            template = current_template(programme_id, spec.DEFAULT_KEY, ensure=False)
    return template


def current_template(programme_id: int, key: str, ensure: bool = True) -> FeedbackTemplate | None:
    """The newest version of one of the programme's templates."""
    if ensure and key == spec.DEFAULT_KEY:
        return ensure_default_template(programme_id)
    query = (
        select(FeedbackTemplate)
        .where(FeedbackTemplate.programme_id == programme_id, FeedbackTemplate.key == key)
        .order_by(FeedbackTemplate.version.desc())
    )
    return db.session.scalars(query.limit(1)).first()


def current_templates(programme_id: int) -> list[FeedbackTemplate]:
    """The newest version of every template of the programme, the default one first."""
    ensure_default_template(programme_id)
    newest = (
        select(FeedbackTemplate.key, func.max(FeedbackTemplate.version).label("version"))
        .where(FeedbackTemplate.programme_id == programme_id)
        .group_by(FeedbackTemplate.key)
        .subquery()
    )
    query = (
        select(FeedbackTemplate)
        .where(FeedbackTemplate.programme_id == programme_id)
        .join(newest, (FeedbackTemplate.key == newest.c.key) & (FeedbackTemplate.version == newest.c.version))
    )
    templates = list(db.session.scalars(query))
    return sorted(templates, key=lambda t: (t.key != spec.DEFAULT_KEY, t.key))


def is_used(template: FeedbackTemplate) -> bool:
    return db.session.scalar(select(Feedback.id).where(Feedback.template_id == template.id).limit(1)) is not None


def parse_definition(source: str) -> tuple[dict | None, list[str]]:
    """JSON text as an admin wrote it: the definition, or what is wrong with it."""
    try:
        definition = json.loads(source)
    except json.JSONDecodeError as error:
        return None, [
            _(
                "This is not valid JSON (line %(line)d, column %(column)d): check commas, quotes and brackets.",
                line=error.lineno,
                column=error.colno,
            )
        ]
    found = spec.problems(definition)
    return (None, found) if found else (definition, [])


def save_template(programme_id: int, key: str, definition: dict, admin: User, new: bool = False) -> FeedbackTemplate:
    """Store an edited template. A version with feedback on it is never changed: the edit
    becomes the next version, and feedback already started stays on its own version."""
    latest = current_template(programme_id, key, ensure=False)
    if new and latest is not None:
        raise ValueError("exists")
    if latest is not None and not is_used(latest):
        latest.definition = definition
        latest.created_by_id = admin.id
        db.session.flush()
        return latest
    template = FeedbackTemplate(
        programme_id=programme_id,
        key=key,
        version=(latest.version + 1 if latest else 1),
        definition=definition,
        created_by_id=admin.id,
    )
    db.session.add(template)
    db.session.flush()
    return template


def template_exists(programme_id: int, key: str) -> bool:
    return current_template(programme_id, key, ensure=False) is not None
