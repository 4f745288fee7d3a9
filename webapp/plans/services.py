"""Verbs on action plans: who may see a plan, add and change goals and steps (with their
history and optimistic concurrency), and the steps of a week; meetings are in appointments.py."""

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import NotFound

from ..accounts.models import Role, User
from ..database import guarded_update
from ..extensions import db
from ..input import optional_text
from ..participants.services import coaches, participant_for
from ..team.models import Part
from ..timeutil import utcnow
from .models import ChangeKind, Doer, Goal, PlanChange, Status, Step

HISTORY_LENGTH = 30


class Conflict(Exception):
    """Someone saved the goal or step after this person opened it: their save is not applied."""

    def __init__(self, current):
        super().__init__("stale version")
        self.current = current


# --- who may see whose plan -------------------------------------------------------------


def plan_owner(viewer: User, participant_id: int, write: bool = False) -> User:
    """The participant whose plan this is: the viewer themself, one they coach, or one in whose
    team they are with a role that lets them read (or, with write, change) the plan; 404 otherwise."""
    if viewer.id == participant_id and viewer.has_any_role(Role.PARTICIPANT):
        return viewer
    return participant_for(viewer, participant_id, part=Part.PLAN, write=write)


def goal_for(viewer: User, goal_id: int, write: bool = False) -> Goal:
    goal = db.session.get(Goal, goal_id)
    if goal is None:
        raise NotFound()
    plan_owner(viewer, goal.participant_id, write)
    return goal


def step_for(viewer: User, step_id: int, write: bool = False) -> Step:
    """The step, if the viewer may see it; with write, if they may change it. A team member
    always updates the steps given to them, even when their role only reads the plan."""
    step = db.session.get(Step, step_id)
    if step is None:
        raise NotFound()
    plan_owner(viewer, step.participant_id, write and step.assignee_id != viewer.id)
    return step


def edit_rule(viewer: User, participant_id: int):
    """What the viewer may change in this plan, as a test on a goal or step (worked out once):
    coaches everything; a participant what they wrote; a team member what they wrote or were given."""
    if viewer.id == participant_id:
        return lambda thing: thing.created_by_id == viewer.id
    if coaches(viewer, participant_id):
        return lambda thing: True
    return lambda thing: thing.created_by_id == viewer.id or getattr(thing, "assignee_id", None) == viewer.id


def may_edit(viewer: User, thing: Goal | Step) -> bool:
    """See edit_rule."""
    return edit_rule(viewer, thing.participant_id)(thing)


# --- reading a plan ---------------------------------------------------------------------


def goals_of(participant: User) -> list[Goal]:
    query = select(Goal).where(Goal.participant_id == participant.id).order_by(Goal.created_at, Goal.id)
    return list(db.session.scalars(query))


def history_of(participant: User, limit: int = HISTORY_LENGTH) -> list[PlanChange]:
    query = (
        select(PlanChange)
        .where(PlanChange.participant_id == participant.id)
        .order_by(PlanChange.at.desc(), PlanChange.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def next_steps(participant: User, limit: int = 3) -> list[Step]:
    """Steps not done yet, the soonest due first (those without a date last)."""
    query = (
        select(Step)
        .options(selectinload(Step.goal))
        .where(Step.participant_id == participant.id, Step.status.in_((Status.PLANNED, Status.IN_PROGRESS)))
        .order_by(Step.due_on.is_(None), Step.due_on, Step.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


# --- changing a plan --------------------------------------------------------------------


def _record(participant_id: int, actor: User, kind: ChangeKind, subject: str, detail: str | None = None) -> None:
    db.session.add(
        PlanChange(
            participant_id=participant_id, actor_id=actor.id, kind=kind, subject=subject, detail=detail, at=utcnow()
        )
    )


def _differences(thing, values: dict) -> str | None:
    """What changed, as JSON [[field, old, new], ...] with stored values (shown translated)."""

    def stored(value):
        return getattr(value, "value", value.isoformat() if isinstance(value, date) else value) or None

    def shown(name, value):
        # A team member is kept in the history by name, as the plan showed them then.
        if name == "assignee_id" and value:
            person = db.session.get(User, value)
            return person.full_name if person else None
        return stored(value)

    changed = [
        [name, shown(name, getattr(thing, name)), shown(name, new)]
        for name, new in values.items()
        if stored(getattr(thing, name)) != stored(new)
    ]
    return json.dumps(changed, ensure_ascii=False) if changed else None


def add_goal(participant: User, actor: User, title: str, description: str | None = None) -> Goal:
    return _add_versioned(
        Goal,
        actor,
        ChangeKind.GOAL_ADDED,
        participant_id=participant.id,
        title=title.strip(),
        description=optional_text(description),
    )


def _add_versioned(model, actor: User, kind: ChangeKind, **values):
    """A new goal or step at version 1, written in the plan's history."""
    now = utcnow()
    thing = model(**values, created_by_id=actor.id, created_at=now, updated_at=now, version=1)
    db.session.add(thing)
    _record(thing.participant_id, actor, kind, thing.title)
    db.session.flush()
    return thing


def _save_versioned(model, thing, actor: User, version: int, values: dict, kind: ChangeKind):
    """One UPDATE that applies only if nobody saved since `version` was read; else Conflict."""
    detail = _differences(thing, values)
    if not guarded_update(
        model, model.id == thing.id, model.version == version, **values, version=model.version + 1, updated_at=utcnow()
    ):
        db.session.refresh(thing)
        raise Conflict(thing)
    if detail:
        _record(thing.participant_id, actor, kind, values.get("title") or thing.title, detail)
    db.session.flush()
    db.session.refresh(thing)
    return thing


def update_goal(goal: Goal, actor: User, version: int, title: str, description: str | None) -> Goal:
    return _save_versioned(
        Goal,
        goal,
        actor,
        version,
        {"title": title.strip(), "description": optional_text(description)},
        ChangeKind.GOAL_CHANGED,
    )


def add_step(
    goal: Goal,
    actor: User,
    *,
    title: str,
    category,
    due_on: date | None = None,
    status: Status = Status.PLANNED,
    doer: Doer = Doer.PARTICIPANT,
    doer_name: str | None = None,
    assignee_id: int | None = None,
    description: str | None = None,
) -> Step:
    return _add_versioned(
        Step,
        actor,
        ChangeKind.STEP_ADDED,
        goal=goal,
        participant_id=goal.participant_id,
        title=title.strip(),
        description=optional_text(description),
        category=category,
        due_on=due_on,
        status=status,
        doer=doer,
        doer_name=optional_text(doer_name) if doer is Doer.OTHER and not assignee_id else None,
        assignee_id=assignee_id if doer is Doer.OTHER else None,
    )


def update_step(step: Step, actor: User, version: int, **values) -> Step:
    values["title"] = values["title"].strip()
    values["description"] = optional_text(values.get("description"))
    other = values.get("doer") is Doer.OTHER
    values["assignee_id"] = values.get("assignee_id") if other else None
    # The old free text stays only on an older step that still names no team member.
    values["doer_name"] = optional_text(values.get("doer_name")) if other and not values["assignee_id"] else None
    return _save_versioned(Step, step, actor, version, values, ChangeKind.STEP_CHANGED)


def set_done(step: Step, actor: User, done: bool = True) -> Step:
    """Mark a step done (or not done). Idempotent: tapping twice changes nothing twice."""
    target = Status.DONE if done else Status.PLANNED
    if step.status is target or (not done and step.status is not Status.DONE):
        return step
    guarded_update(Step, Step.id == step.id, status=target, version=Step.version + 1, updated_at=utcnow())
    _record(step.participant_id, actor, ChangeKind.STEP_DONE if done else ChangeKind.STEP_REOPENED, step.title)
    db.session.flush()
    db.session.refresh(step)
    return step


def write_reflection(step: Step, actor: User, text: str) -> Step:
    text = optional_text(text)
    if text == step.reflection:
        return step
    guarded_update(Step, Step.id == step.id, reflection=text, version=Step.version + 1, updated_at=utcnow())
    _record(step.participant_id, actor, ChangeKind.REFLECTION, step.title)
    db.session.flush()
    db.session.refresh(step)
    return step


def steps_due_between(participant: User, first_day: date, last_day: date) -> list[Step]:
    query = (
        select(Step)
        .options(selectinload(Step.goal))
        .where(
            Step.participant_id == participant.id,
            Step.due_on >= first_day,
            Step.due_on <= last_day,
            Step.status != Status.DONE,
        )
        .order_by(Step.due_on, Step.id)
    )
    return list(db.session.scalars(query))


def steps_given_to(member: User, participants: list[User]) -> list[Step]:
    """A team member's own steps, not done first and the soonest due first, for "my steps".
    Only steps of `participants`: those in whose team they are now (team.participants_of,
    the access rule checked now)."""
    ids = [p.id for p in participants]
    if not ids:
        return []
    query = (
        select(Step)
        .options(selectinload(Step.goal))
        .where(Step.assignee_id == member.id, Step.participant_id.in_(ids))
        .order_by(Step.status == Status.DONE, Step.due_on.is_(None), Step.due_on, Step.id)
    )
    return list(db.session.scalars(query))
