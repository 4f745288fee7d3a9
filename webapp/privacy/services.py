"""Reading the read log for the participant, and each programme's privacy settings."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.models import Organisation, Programme, Role, User
from ..enrolment.models import Enrolment
from ..extensions import db
from .models import PrivacySetting, ReadLog

# What a read was, as the participant understands it: by endpoint, else by feature.
WHAT_LABELS = {
    "plans.feed": _l("Your calendar link (whoever has the link)"),
    "participants": _l("Your record and your way through the programme"),
    "enrolment": _l("Your record and your way through the programme"),
    # NOTE: heading of the part 'plans' in the participant's own data (My data)
    "plans": _l("Your plan"),
    # NOTE: heading of the part 'attendance' in the participant's own data (My data)
    "attendance": _l("Your attendance"),
    "feedback": _l("Feedback from the workplace"),
    "placements": _l("Placements and proposals"),
    "catalogue": _l("Activities and referrals"),
    "home": _l("A list of participants"),
    "accounts": _l("The list of people in an organisation"),
    "privacy": _l("The review of this log"),
    # NOTE: a part of the participant's own data (My data page, read log)
    "messages": _l("Your messages"),
    # NOTE: a part of the participant's own data (My data page, read log)
    "documents": _l("Your documents"),
}


def what_label(what: str):
    return WHAT_LABELS.get(what) or WHAT_LABELS.get(what.split(".")[0]) or what


def role_label(value: str | None):
    return Role(value).label if value else None


@dataclass
class ReadRow:
    read_at: datetime
    organisation: str | None
    role: str | None
    reader: str | None
    what: str


def programme_of(participant: User) -> Programme | None:
    """The participant's programme: that of their enrolment, else of their first organisation."""
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.participant_id == participant.id))
    if enrolment is not None:
        return enrolment.organisation.programme
    return participant.memberships[0].organisation.programme if participant.memberships else None


def settings_of(programme: Programme | None) -> PrivacySetting:
    """The programme's settings (unsaved defaults when it has none yet)."""
    found = programme and db.session.get(PrivacySetting, programme.id)
    return found or PrivacySetting(
        programme_id=programme.id if programme else None,
        show_staff_names=False,
        controller="",
        controller_contact="",
        dpo_contact="",
        recipients="",
        accessibility_contact="",
        accessibility_gaps="",
        accessibility_assessed_on="",
    )


def settings_for_update(programme: Programme) -> PrivacySetting:
    found = db.session.get(PrivacySetting, programme.id)
    if found is None:
        found = settings_of(programme)
        db.session.add(found)
    return found


def reads_of(participant: User, limit: int = 200) -> tuple[list[ReadRow], bool]:
    """Who read the participant's record, newest first; names only if the programme shows them.
    Returns the rows and whether there are older ones."""
    show_names = settings_of(programme_of(participant)).show_staff_names
    query = (
        select(ReadLog, Organisation.name, User.full_name)
        .outerjoin(Organisation, Organisation.id == ReadLog.organisation_id)
        .outerjoin(User, User.id == ReadLog.reader_id)
        .where(ReadLog.participant_id == participant.id)
        .order_by(ReadLog.read_at.desc(), ReadLog.id.desc())
        .limit(limit + 1)
    )
    found = db.session.execute(query).all()
    rows = [
        ReadRow(
            read_at=log.read_at,
            organisation=organisation,
            role=role_label(log.reader_role),
            reader=name if show_names else None,
            what=what_label(log.what),
        )
        for log, organisation, name in found[:limit]
    ]
    return rows, len(found) > limit


SETTING_FIELDS = (
    "show_staff_names",
    "controller",
    "controller_contact",
    "dpo_contact",
    "recipients",
    "accessibility_contact",
    "accessibility_gaps",
    "accessibility_assessed_on",
)


def save_settings(admin: User, programme: Programme, data: dict) -> PrivacySetting:
    """Save the programme's privacy details; a changed retention period is a logged decision."""
    from ..timeutil import utcnow
    from .models import EventKind
    from .review import record_event

    setting = settings_for_update(programme)
    for name in SETTING_FIELDS:
        setattr(setting, name, data[name] if name == "show_staff_names" else (data[name] or "").strip())
    months = data.get("retention_months")
    if months is not None and months <= 0:
        raise ValueError("retention period must be positive")
    if months != setting.retention_months:
        setting.retention_months, setting.retention_decided_at, setting.retention_decided_by_id = (
            months,
            utcnow(),
            admin.id,
        )
        record_event(admin, EventKind.RETENTION_DECISION, f"{months} months", {programme.id})
    db.session.flush()
    return setting
