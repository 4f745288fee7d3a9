"""The action plan, for the participant (/plan) and their coach (/participants/<id>/plan).

Goals and steps have one set of URLs for both: the services decide who may see what
(the participant their own plan, a coach through participants.services.participant_for)."""

from flask import Blueprint, Response, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import events
from ..access import allow, public
from ..accounts.models import Role
from ..auth.services import absolute_url
from ..catalogue.services import activities_of
from ..htmx import redirect_to, render, render_form, wants_fragment
from ..input import whole_number
from ..participants.services import coaches, participant_for
from ..placements.services import placements_of
from ..pwa.pages import readable_offline
from ..pwa.replay import idempotent
from ..ratings import services as ratings
from ..team import home as team_home
from ..team import services as team
from ..timeutil import STOCKHOLM, local_today
from ..wording import isolated
from . import appointments, calendar, services
from .forms import AppointmentForm, DoneForm, GoalForm, ReflectionForm, StepForm
from .models import Doer, Status

bp = Blueprint("plans", __name__)
# Staff with a supervisor role reach plans too when they are in a participant's team (issue 18).
EITHER = (Role.PARTICIPANT, Role.COACH, Role.SUPERVISOR)
STAFF = (Role.COACH, Role.SUPERVISOR)


def _plan_url(participant, anchor: str | None = None) -> str:
    if participant.id == current_user.id:
        return url_for("plans.mine", _anchor=anchor)
    return url_for("plans.coach_view", participant_id=participant.id, _anchor=anchor)


def _plan_context(participant) -> dict:
    own = participant.id == current_user.id
    trend = ratings.trend_of(participant)
    return {
        "participant": participant,
        "own": own,
        "goals": services.goals_of(participant),
        "history": services.history_of(participant),
        "trend": trend,
        "lines": ratings.chart_lines(trend),
        "may_edit": services.edit_rule(current_user, participant.id),
        **(team_home.for_participant(participant) if own else {"team": [], "team_coach": None}),
        "plan_url": _plan_url(participant),
        "placements": placements_of(participant),
        "activities": activities_of(participant),
        "today": local_today(),
    }


def _editable(thing):
    """The goal or step, if this person may change it; 403 if they may only read it (may_edit)."""
    if not services.may_edit(current_user, thing):
        abort(403)
    return thing


def _version(form) -> int:
    return whole_number(form.version.data, default=-1)


@bp.get("/plan")
@allow(Role.PARTICIPANT)
@readable_offline()
def mine():
    """The participant's own plan."""
    return render("plans/index.html", "plans/_plan.html", **_plan_context(current_user))


@bp.get("/participants/<int:participant_id>/plan")
@allow(*STAFF)
def coach_view(participant_id):
    """A participant's plan, self-ratings and appointments, as their coach (or a team member) sees them."""
    participant = services.plan_owner(current_user, participant_id)
    context = _plan_context(participant)
    if coaches(current_user, participant.id):
        context["appointment_form"] = AppointmentForm()
        context["appointments"] = appointments.upcoming_appointments(participant)
    return render("plans/coach.html", "plans/_plan.html", **context)


@bp.route("/plans/<int:participant_id>/goals/new", methods=["GET", "POST"])
@allow(*EITHER)
def new_goal(participant_id):
    """Add a goal to the plan."""
    participant = services.plan_owner(current_user, participant_id, write=True)
    form = GoalForm()
    if form.validate_on_submit():
        goal = services.add_goal(participant, current_user, form.title.data, form.description.data)
        flash(_("The goal is added."), "success")
        return redirect_to(_plan_url(participant, f"plans-goal-{goal.id}"))
    return render_form(
        "plans/goal_new.html",
        "plans/_goal_new.html",
        form,
        participant=participant,
        plan_url=_plan_url(participant),
    )


@bp.route("/plans/goals/<int:goal_id>/edit", methods=["GET", "POST"])
@allow(*EITHER)
def edit_goal(goal_id):
    """Change a goal in place. A save based on an older version is refused and the newer one shown."""
    goal = _editable(services.goal_for(current_user, goal_id, write=True))
    context = {"goal": goal, "plan_url": _plan_url(goal.participant), "conflict": None}
    if request.method == "GET":
        form = GoalForm(obj=goal, version=str(goal.version))
        return render("plans/goal_edit.html", "plans/_goal_form.html", form=form, **context)
    form = GoalForm()
    if not form.validate_on_submit():
        return render("plans/goal_edit.html", "plans/_goal_form.html", 422, form=form, **context)
    try:
        services.update_goal(goal, current_user, _version(form), form.title.data, form.description.data)
    except services.Conflict:
        # Show the newer version in the fields, and what this person wrote beside it.
        context["conflict"] = {"title": form.title.data, "description": form.description.data}
        form = GoalForm(formdata=None, obj=goal, version=str(goal.version))
        return render("plans/goal_edit.html", "plans/_goal_form.html", 409, form=form, **context)
    if not wants_fragment():
        flash(_("The goal is saved."), "success")
        return redirect_to(_plan_url(goal.participant, f"plans-goal-{goal.id}"))
    return render("plans/goal_edit.html", "plans/_goal.html", goal=goal, **_goal_view_context(goal.participant_id))


@bp.get("/plans/goals/<int:goal_id>")
@allow(*EITHER)
def goal(goal_id):
    """One goal with its steps (what "Cancel" on the inline form brings back)."""
    goal = services.goal_for(current_user, goal_id)
    return render(
        "plans/goal.html",
        "plans/_goal.html",
        goal=goal,
        plan_url=_plan_url(goal.participant),
        **_goal_view_context(goal.participant_id),
    )


def _goal_view_context(participant_id: int) -> dict:
    """What a goal or step shows beside itself; who may change what is worked out here, once,
    not by the template for each goal and step."""
    return {"may_edit": services.edit_rule(current_user, participant_id), "today": local_today()}


@bp.route("/plans/goals/<int:goal_id>/steps/new", methods=["GET", "POST"])
@allow(*EITHER)
def new_step(goal_id):
    """Add a step to a goal."""
    goal = services.goal_for(current_user, goal_id, write=True)
    form = StepForm().set_team(team.assignable(goal.participant_id))
    if form.validate_on_submit():
        values = form.values()
        if current_user.id == goal.participant_id:
            # The participant's own step: they do it, and it starts as planned.
            values.update(status=Status.PLANNED, doer=Doer.PARTICIPANT, doer_name=None, assignee_id=None)
        step = services.add_step(goal, current_user, **values)
        _tell_assignee(step, None)
        flash(_("The step is added."), "success")
        return redirect_to(_plan_url(goal.participant, f"plans-step-{step.id}"))
    return render_form(
        "plans/step_new.html",
        "plans/_step_new.html",
        form,
        goal=goal,
        own=current_user.id == goal.participant_id,
        plan_url=_plan_url(goal.participant),
    )


def _tell_assignee(step, before: int | None) -> None:
    """The team member a step was just given to hears of it (not when they gave it to themself)."""
    if step.assignee_id and step.assignee_id != before and step.assignee_id != current_user.id:
        events.step_assigned.send(step, recipients=[step.assignee], url=url_for("team.my_steps"))


def _step_form(step, formdata=True) -> StepForm:
    """The step's form, with the team members it can be given to (and an older step's free text)."""
    form = StepForm(formdata=None, data=_step_data(step)) if not formdata else StepForm()
    return form.set_team(team.assignable(step.participant_id), step.doer_name if not step.assignee_id else None)


def _step_page(step, fragment: str, status: int = 200, **context):
    return render(
        "plans/step.html",
        fragment,
        status=status,
        step=step,
        plan_url=_plan_url(step.goal.participant),
        own=current_user.id == step.participant_id,
        step_fragment=fragment,
        **_goal_view_context(step.participant_id),
        **context,
    )


def _step_data(step) -> dict:
    """The step as the form shows it."""
    return {
        "title": step.title,
        "description": step.description,
        "category": step.category,
        "due_on": step.due_on,
        "status": step.status,
        "doer": step.doer,
        "assignee": str(step.assignee_id) if step.assignee_id else "",
        "version": str(step.version),
    }


@bp.get("/plans/steps/<int:step_id>")
@allow(*EITHER)
def step(step_id):
    """One step (what "Cancel" on an inline form brings back)."""
    return _step_page(services.step_for(current_user, step_id), "plans/_step.html")


@bp.route("/plans/steps/<int:step_id>/edit", methods=["GET", "POST"])
@allow(*EITHER)
def edit_step(step_id):
    """Change a step in place, with the same care for two people saving at once as goals."""
    step = _editable(services.step_for(current_user, step_id, write=True))
    if request.method == "GET":
        return _step_page(step, "plans/_step_form.html", form=_step_form(step, formdata=False), conflict=None)
    form = _step_form(step)
    if not form.validate_on_submit():
        return _step_page(step, "plans/_step_form.html", 422, form=form, conflict=None)
    before = step.assignee_id
    try:
        services.update_step(step, current_user, _version(form), **form.values())
    except services.Conflict:
        mine = {"title": form.title.data, "description": form.description.data}
        form = _step_form(step, formdata=False)
        return _step_page(step, "plans/_step_form.html", 409, form=form, conflict=mine)
    _tell_assignee(step, before)
    if not wants_fragment():
        flash(_("The step is saved."), "success")
        return redirect_to(_plan_url(step.goal.participant, f"plans-step-{step.id}"))
    return _step_page(step, "plans/_step.html")


@bp.post("/plans/steps/<int:step_id>/done")
@allow(*EITHER)
@idempotent
def done(step_id):
    """The one big tap: done (or, from a done step, not done after all)."""
    step = services.step_for(current_user, step_id, write=True)
    form = DoneForm()
    services.set_done(step, current_user, done=form.done.data != "0")
    if not wants_fragment():
        return redirect_to(_plan_url(step.goal.participant, f"plans-step-{step.id}"))
    return _step_page(step, "plans/_step.html", just_done=step.done)


@bp.route("/plans/steps/<int:step_id>/reflection", methods=["GET", "POST"])
@allow(*EITHER)
def reflection(step_id):
    """A few words on how the step went. The text is kept on the phone until it is saved."""
    step = services.step_for(current_user, step_id, write=True)
    form = ReflectionForm(obj=step if request.method == "GET" else None)
    if request.method == "POST":
        if not form.validate_on_submit():
            return _step_page(step, "plans/_reflection_form.html", 422, form=form)
        services.write_reflection(step, current_user, form.reflection.data)
        if not wants_fragment():
            flash(_("Your reflection is saved."), "success")
            return redirect_to(_plan_url(step.goal.participant, f"plans-step-{step.id}"))
        return _step_page(step, "plans/_step.html", saved_draft=f"reflection-{step.id}")
    return _step_page(step, "plans/_reflection_form.html", form=form)


@bp.route("/participants/<int:participant_id>/appointments", methods=["POST"])
@allow(Role.COACH)
def book(participant_id):
    """The coach books a meeting; it shows in the participant's week and calendar."""
    participant = participant_for(current_user, participant_id)
    form = AppointmentForm()
    if form.validate_on_submit():
        appointments.book_appointment(
            participant, current_user, form.title.data, form.day.data, form.starts.data, form.ends.data, form.place.data
        )
        flash(_("The meeting is booked."), "success")
        return _meetings_anew(participant)
    context = _plan_context(participant)
    context.update(appointment_form=form, appointments=appointments.upcoming_appointments(participant))
    return render("plans/coach.html", "plans/_appointments.html", status=422, **context)


@bp.route("/participants/<int:participant_id>/appointments/<int:appointment_id>/change", methods=["GET", "POST"])
@allow(Role.COACH)
def change(participant_id, appointment_id):
    """The coach moves or renames a coming meeting; the participant is told of the change."""
    participant = participant_for(current_user, participant_id)
    appointment = appointments.coming_appointment(participant, appointment_id)
    if appointment is None:
        flash(_("That meeting is already cancelled or over."), "info")
        return redirect_to(_plan_url(participant, "plans-appointments"))
    if request.method == "GET":
        starts, ends = appointment.starts_at.astimezone(STOCKHOLM), appointment.ends_at.astimezone(STOCKHOLM)
        form = AppointmentForm(
            formdata=None,
            title=appointment.title,
            day=starts.date(),
            starts=starts.time(),
            ends=ends.time(),
            place=appointment.place,
        )
    else:
        form = AppointmentForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render_form(
            "plans/appointment_change.html",
            "plans/_appointment_form.html",
            form,
            participant=participant,
            changing=appointment,
            appointment_form=form,
        )
    data = form.data
    if appointments.change_appointment(
        participant, appointment, current_user, data["title"], data["day"], data["starts"], data["ends"], data["place"]
    ):
        flash(_("The meeting is changed. %(name)s is told.", name=isolated(participant.called)), "success")
    return _meetings_anew(participant)


@bp.post("/participants/<int:participant_id>/appointments/<int:appointment_id>/cancel")
@allow(Role.COACH)
def cancel(participant_id, appointment_id):
    """The coach cancels a coming meeting; the participant is told, and it leaves their week."""
    participant = participant_for(current_user, participant_id)
    if appointments.cancel_appointment(participant, current_user, appointment_id):
        flash(_("The meeting is cancelled. %(name)s is told.", name=isolated(participant.called)), "success")
    else:
        flash(_("That meeting is already cancelled or over."), "info")
    return _meetings_anew(participant)


def _meetings_anew(participant):
    """After booking or cancelling: back to the plan's meetings, or for htmx the section anew
    (the meetings as they are now, an empty form) and the message, without a reload."""
    if not wants_fragment():
        return redirect_to(_plan_url(participant, "plans-appointments"))
    return render(
        "plans/coach.html",
        "plans/_appointments.html",
        participant=participant,
        appointment_form=AppointmentForm(formdata=None),
        appointments=appointments.upcoming_appointments(participant),
    )


@bp.route("/plan/calendar", methods=["GET", "POST"])
@allow(Role.PARTICIPANT)
def calendar_link():
    """The private calendar address: made (or made anew) on request, shown once."""
    link = subscribe = None
    if request.method == "POST":
        token = calendar.new_feed_token(current_user)
        link = absolute_url("plans.feed", token=token)
        subscribe = calendar.subscribe_url(link)
    return render(
        "plans/calendar.html",
        "plans/_calendar.html",
        feed=calendar.feed_of(current_user),
        link=link,
        subscribe=subscribe,
    )


@bp.get("/calendar/<token>.ics")
@public
def feed(token):
    """The schedule as iCalendar, for the phone's calendar app. Unknown or reset secrets: 404."""
    participant = calendar.participant_by_token(token)
    body = calendar.calendar_for(participant)
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="vagen.ics"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
