"""Feedback: templates and their versions, due points, drafts, submission, reading.

Each programme keeps its own templates. Its default work-performance template
(definition.DEFAULT_DEFINITION) is not put in place by the migration:
`ensure_default_template(programme_id)` makes it on first use (any page or service that
needs a template) and from `flask seed-demo`. It is idempotent, and safe when two requests
race (the unique programme+key+version decides). Scheduled points use the default template; a coach
asking for feedback may choose another one."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import and_, func, inspect, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.exceptions import NotFound

from .. import events
from ..accounts.models import User
from ..database import insert_once
from ..enrolment.lookup import tell_responsible_coach
from ..enrolment.models import Enrolment
from ..extensions import db
from ..participants.services import visibility_clause
from ..placements.models import Placement
from ..placements.services import placement_for_supervisor, placements_of, supervised_by
from ..privacy.readlog import log_read
from ..timeutil import utcnow
from . import definition as spec
from .form_templates import (  # noqa: F401  - moved there, still imported from here
    current_template,
    current_templates,
    ensure_default_template,
    is_used,
    parse_definition,
    save_template,
    template_exists,
)
from .models import Feedback, FeedbackPoint, FeedbackTemplate

MAX_TEXT = 2000  # a free-text answer or a participant's comment
TWO_WEEKS = timedelta(days=14)
# A placement that ended longer ago than this no longer shows its open points.
SHOW_AFTER_END = timedelta(days=30)


# --- When feedback is due ----------------------------------------------------------------


def points_of(placement: Placement) -> list[tuple[FeedbackPoint, date]]:
    """The fixed points: two weeks in, half-way and at the end (the last two need an end date)."""
    points = []
    two_weeks = placement.starts_on + TWO_WEEKS
    if placement.ends_on is None or two_weeks < placement.ends_on:
        points.append((FeedbackPoint.TWO_WEEKS, two_weeks))
    if placement.ends_on is not None:
        half_way = placement.starts_on + (placement.ends_on - placement.starts_on) // 2
        if half_way > two_weeks:
            points.append((FeedbackPoint.HALF_WAY, half_way))
        points.append((FeedbackPoint.END, placement.ends_on))
    return points


@dataclass
class DueFeedback:
    placement: Placement
    point: FeedbackPoint
    due_on: date
    feedback: Feedback | None = None


def _feedback_by_point(placement_ids: list[int]) -> dict[tuple, Feedback]:
    if not placement_ids:
        return {}
    rows = db.session.scalars(
        select(Feedback).where(Feedback.placement_id.in_(placement_ids)).options(selectinload(Feedback.template))
    )
    return {(f.placement_id, f.point, f.due_on): f for f in rows}


def open_points(placements: list[Placement], today: date, since: date | None = None) -> list[DueFeedback]:
    rows = _feedback_by_point([p.id for p in placements])
    due = []
    for placement in placements:
        for point, due_on in points_of(placement):
            if due_on <= today and (since is None or due_on >= since):
                due.append(DueFeedback(placement, point, due_on, rows.get((placement.id, point, due_on))))
    by_id = {p.id: p for p in placements}
    for row in rows.values():
        if row.point is FeedbackPoint.ASKED and (since is None or row.due_on >= since):
            due.append(DueFeedback(by_id[row.placement_id], row.point, row.due_on, row))
    return sorted(
        (d for d in due if not (d.feedback and d.feedback.is_submitted)), key=lambda d: (d.due_on, d.placement.id)
    )


def _with_people(placements: list[Placement]) -> list[Placement]:
    """Load the participants and workplaces of these placements in one query each, so that
    showing them does not cost a query per placement."""
    from ..accounts.models import Organisation

    for name, model, column in (
        ("participant", User, "participant_id"),
        ("organisation", Organisation, "organisation_id"),
    ):
        missing = [p for p in placements if name in inspect(p).unloaded]  # not loaded with them already
        ids = {getattr(p, column) for p in missing}
        if not ids:
            continue
        loaded = {row.id: row for row in db.session.scalars(select(model).where(model.id.in_(ids)))}
        for placement in missing:
            set_committed_value(placement, name, loaded[getattr(placement, column)])
    return placements


def due_for_supervisor(supervisor: User, today: date) -> list[DueFeedback]:
    """Feedback the supervisor has yet to give: due points not submitted."""
    return supervisor_overview(supervisor, today)[0]


def supervisor_overview(supervisor: User, today: date) -> tuple[list[DueFeedback], list[Placement]]:
    """For the supervisor's home page: the feedback due, and the placements running today
    (feedback can be given on them any time)."""
    placements = _with_people(
        [p for p in supervised_by(supervisor) if p.ends_on is None or p.ends_on + SHOW_AFTER_END >= today]
    )
    log_read(p.participant_id for p in placements)
    return open_points(placements, today), [p for p in placements if p.is_on(today)]


def placements_for_coach(participant: User) -> list[Placement]:
    """A participant's placements with a supervisor, to ask for feedback on."""
    return [p for p in _with_people(placements_of(participant)) if p.supervisor_id is not None]


def start_feedback(supervisor: User, placement_id: int, point: FeedbackPoint, due_on: date, today: date) -> Feedback:
    """The feedback at this point (made now if it is new): idempotent, so a double tap makes one."""
    placement = placement_for_supervisor(supervisor, placement_id)
    if point is FeedbackPoint.ASKED:
        due_on = today
    elif (point, due_on) not in points_of(placement):
        raise NotFound()
    return get_or_create(placement, point, due_on, asked_by=supervisor if point is FeedbackPoint.ASKED else None)


def ask_for_feedback(
    coach: User, participant: User, placement_id: int, today: date, template_key: str | None = None
) -> Feedback:
    """A coach asks the supervisor for feedback now, on the default template or another one
    (the participant was checked by the caller). Asked twice a day, it is the same request."""
    placement = db.session.get(Placement, placement_id)
    if placement is None or placement.participant_id != participant.id or placement.supervisor_id is None:
        raise NotFound()
    template = current_template(placement.organisation.programme_id, template_key or spec.DEFAULT_KEY)
    if template is None:
        raise NotFound()
    return get_or_create(placement, FeedbackPoint.ASKED, today, asked_by=coach, template=template)


def get_or_create(
    placement: Placement,
    point: FeedbackPoint,
    due_on: date,
    asked_by: User | None = None,
    template: FeedbackTemplate | None = None,
) -> Feedback:
    def find():
        return db.session.scalar(
            select(Feedback).where(
                Feedback.placement_id == placement.id, Feedback.point == point, Feedback.due_on == due_on
            )
        )

    found = find()
    if found is not None:
        return found
    template = template or ensure_default_template(placement.organisation.programme_id)
    feedback = Feedback(
        placement_id=placement.id,
        template_id=template.id,
        point=point,
        due_on=due_on,
        asked_by_id=asked_by.id if asked_by else None,
        answers={},
        texts={},
    )
    if not insert_once(feedback):  # asked at the same moment by another request
        return find()
    return feedback


# --- Giving it ---------------------------------------------------------------------------


# One feedback with what its page names: the workplace, the participant and the form it follows.
_AS_SHOWN = (
    joinedload(Feedback.placement).options(joinedload(Placement.organisation), joinedload(Placement.participant)),
    joinedload(Feedback.template),
)


def feedback_for_supervisor(supervisor: User, feedback_id: int) -> Feedback:
    """Feedback on one of this supervisor's placements; 404 for anyone else's."""
    feedback = db.session.get(Feedback, feedback_id, options=_AS_SHOWN)
    if feedback is None or feedback.placement.supervisor_id != supervisor.id:
        raise NotFound()
    return feedback


@dataclass
class Outcome:
    """What happened to a save: messages per item or question key, and for the whole form."""

    errors: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    submitted: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.missing


def _apply(feedback: Feedback, form, outcome: Outcome) -> None:
    """Take every valid answer from the form; keep the stored one where the form has none."""
    definition = feedback.template.definition
    allowed = {str(v): v for v in spec.level_values(definition)}
    answers = dict(feedback.answers or {})
    for key in spec.item_keys(definition):
        raw = form.get(f"item-{key}")
        if raw is None or raw == "":
            continue
        if raw not in allowed:
            outcome.errors[key] = _("This answer is not one of the levels. Choose one of them.")
            continue
        answers[key] = allowed[raw]
    texts = dict(feedback.texts or {})
    for key in spec.question_keys(definition):
        raw = form.get(f"text-{key}")
        if raw is None:
            continue
        if len(raw) > MAX_TEXT:
            outcome.errors[key] = ngettext(
                "You wrote %(num)d character. Please write at most %(most)d.",
                "You wrote %(num)d characters. Please write at most %(most)d.",
                len(raw),
                most=MAX_TEXT,
            )
            continue
        if raw.strip():
            texts[key] = raw.strip()
        else:
            texts.pop(key, None)
    feedback.answers, feedback.texts = answers, texts


def save_draft(feedback: Feedback, supervisor: User, form, language: str) -> Outcome:
    """Keep what the supervisor has chosen so far, on the server (another device can go on)."""
    outcome = Outcome()
    if feedback.is_submitted:
        outcome.errors["_form"] = _("This feedback is already sent and can no longer be changed.")
        return outcome
    _apply(feedback, form, outcome)
    feedback.updated_at = utcnow()
    feedback.given_by_id = supervisor.id
    feedback.text_language = language
    db.session.flush()
    return outcome


def submit(feedback: Feedback, supervisor: User, form, language: str) -> Outcome:
    """Save, then send if every item is answered; otherwise say which are missing."""
    outcome = save_draft(feedback, supervisor, form, language)
    if feedback.is_submitted or outcome.errors:
        return outcome
    outcome.missing = [key for key in spec.item_keys(feedback.template.definition) if key not in feedback.answers]
    if outcome.missing:
        return outcome
    feedback.submitted_at = utcnow()
    db.session.flush()
    outcome.submitted = True
    _tell_feedback(feedback)
    return outcome


def _tell_feedback(feedback: Feedback) -> None:
    """The participant reads it; their responsible coach hears of it too."""
    participant = feedback.placement.participant
    about = events.about_participant(participant)
    events.feedback_given.send(
        feedback, recipients=[participant], url=events.path_to("feedback.read", feedback_id=feedback.id), **about
    )
    url = events.path_to("feedback.participant", participant_id=participant.id)
    tell_responsible_coach(events.feedback_given, feedback, participant, url, **about)


# --- Reading it --------------------------------------------------------------------------


def _submitted():
    return (
        select(Feedback)
        .where(Feedback.submitted_at.is_not(None))
        .options(
            selectinload(Feedback.placement).joinedload(Placement.organisation),
            selectinload(Feedback.given_by),
            selectinload(Feedback.template),
        )
    )


def submitted_for_participant(participant: User) -> list[Feedback]:
    query = (
        _submitted()
        .join(Placement, Feedback.placement_id == Placement.id)
        .where(Placement.participant_id == participant.id)
    )
    return list(db.session.scalars(query.order_by(Feedback.submitted_at.desc())))


def feedback_for_participant(participant: User, feedback_id: int) -> Feedback:
    """Submitted feedback about this participant; 404 for drafts and for anyone else's."""
    feedback = db.session.get(Feedback, feedback_id, options=_AS_SHOWN)
    if feedback is None or not feedback.is_submitted or feedback.placement.participant_id != participant.id:
        raise NotFound()
    return feedback


def comment(feedback: Feedback, text: str) -> None:
    """The participant's answer to the feedback (written again, it replaces the last one)."""
    feedback.participant_comment = text.strip()
    feedback.commented_at = utcnow()
    db.session.flush()


@dataclass
class Cell:
    value: int | None
    label: str = ""
    change: int = 0  # against the feedback before it that answered the item


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]

    @property
    def last_change(self) -> int:
        return self.cells[-1].change if self.cells else 0


def history(participant: User, language: str) -> tuple[list[Feedback], list[Row]]:
    """Every submitted feedback on the participant, oldest first, and each item's level over
    time across placements and template versions (items are matched by key)."""
    feedbacks = list(reversed(submitted_for_participant(participant)))
    labels: dict[str, str] = {}
    order: list[str] = []
    for feedback in feedbacks:
        for item in spec.items(feedback.template.definition):
            if item["key"] not in labels:
                order.append(item["key"])
            labels[item["key"]] = spec.text(item["label"], language)  # the newest wording wins
    rows = []
    for key in order:
        cells, previous = [], None
        for feedback in feedbacks:
            value = (feedback.answers or {}).get(key)
            cell = Cell(value, spec.level_label(feedback.template.definition, value, language) if value else "")
            if value is not None:
                cell.change = 0 if previous is None else value - previous
                previous = value
            cells.append(cell)
        rows.append(Row(key, labels[key], cells))
    return feedbacks, rows


def people_with_placements(coach: User, most: int) -> tuple[list, bool]:
    """For a coach's home page: up to `most` of their participants who have a placement, with
    how many submitted feedbacks each has, the newest feedback first; and whether there are
    more. One query, whatever the caseload (no user objects, so none of their memberships)."""
    newest = func.max(Feedback.submitted_at)
    query = (
        select(User.id, User.full_name, func.count(Feedback.id).label("feedbacks"))
        .join(Placement, Placement.participant_id == User.id)
        .outerjoin(Feedback, and_(Feedback.placement_id == Placement.id, Feedback.submitted_at.is_not(None)))
        .where(User.id.in_(select(Enrolment.participant_id).where(visibility_clause(coach))))
        .group_by(User.id, User.full_name)
        .order_by(newest.is_(None), newest.desc(), User.full_name, User.id)
        .limit(most + 1)
    )
    people = db.session.execute(query).all()
    log_read(person.id for person in people[:most])
    return people[:most], len(people) > most
