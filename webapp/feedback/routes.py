"""Feedback: supervisors give it on a phone, participants read and answer it, coaches follow
it over time, programme admins keep the templates."""

import json

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..accounts.services import programme_id_of
from ..fields import parse_day
from ..htmx import redirect_to, render, render_form
from ..input import whole_number
from ..participants import services as participants
from ..timeutil import local_today
from . import definition as spec
from . import services
from .forms import CommentForm, NewTemplateForm, TemplateForm
from .home import newest_first
from .models import FeedbackPoint

bp = Blueprint("feedback", __name__, url_prefix="/feedback")


def _language() -> str:
    return str(get_locale())


@bp.app_context_processor
def feedback_spec():
    """Reading a template's definition (labels, levels) in any page; it queries nothing."""
    return {"feedback_spec": spec}


# --- Supervisors ---------------------------------------------------------------------------


@bp.get("/due")
@allow(Role.SUPERVISOR)
def due():
    """Every feedback this supervisor has yet to give, newest first (the home shows a few)."""
    items, running = services.supervisor_overview(current_user, local_today())
    return render(
        "feedback/due.html",
        "feedback/due.html",
        feedback_overview=(newest_first(items), running),
        feedback_due_total=len(items),
    )


@bp.post("/start/<int:placement_id>")
@allow(Role.SUPERVISOR)
def start(placement_id):
    """Open the feedback at a due point (or a new one, asked for now); a double tap opens the same."""
    try:
        point = FeedbackPoint(request.form.get("point", ""))
    except ValueError:
        abort(404)
    due_on = parse_day(request.form.get("due_on")) if request.form.get("due_on") else local_today()
    if due_on is None:
        abort(404)
    feedback = services.start_feedback(current_user, placement_id, point, due_on, local_today())
    return redirect_to(url_for("feedback.give", feedback_id=feedback.id))


def _give_context(feedback, outcome=None, posted=None):
    outcome = outcome or services.Outcome()
    return {
        "feedback": feedback,
        "definition": feedback.template.definition,
        "errors": outcome.errors,
        "missing": outcome.missing,
        "posted": posted or {},
        "language": _language(),
    }


@bp.get("/<int:feedback_id>/give")
@allow(Role.SUPERVISOR)
def give(feedback_id):
    """The feedback form on one page (or, once sent, the feedback as given)."""
    feedback = services.feedback_for_supervisor(current_user, feedback_id)
    fragment = "feedback/_feedback.html" if feedback.is_submitted else "feedback/_form.html"
    return render("feedback/give.html", fragment, **_give_context(feedback))


@bp.post("/<int:feedback_id>/give")
@allow(Role.SUPERVISOR)
def submit(feedback_id):
    """Send the feedback when every item has an answer; otherwise say which have none."""
    feedback = services.feedback_for_supervisor(current_user, feedback_id)
    outcome = services.submit(feedback, current_user, request.form, _language())
    if outcome.submitted:
        flash(_("Thank you! The feedback is sent."), "success")
        return redirect_to(url_for("feedback.give", feedback_id=feedback.id))
    if outcome.missing:
        flash(_("Some items have no answer yet. Everything you chose is saved."), "error")
    return render(
        "feedback/give.html", "feedback/_form.html", status=422, **_give_context(feedback, outcome, request.form)
    )


@bp.post("/<int:feedback_id>/draft")
@allow(Role.SUPERVISOR)
def draft(feedback_id):
    """Every change is saved on the server as a draft (htmx posts the whole form)."""
    feedback = services.feedback_for_supervisor(current_user, feedback_id)
    outcome = services.save_draft(feedback, current_user, request.form, _language())
    return render(
        "feedback/give.html",
        "feedback/_draft_saved.html",
        status=200 if outcome.ok else 422,
        **_give_context(feedback, outcome, request.form),
    )


# --- Participants -------------------------------------------------------------------------


@bp.get("/mine")
@allow(Role.PARTICIPANT)
def mine():
    """Feedback about me from my workplaces, newest first."""
    return render(
        "feedback/mine.html", "feedback/mine.html", feedbacks=services.submitted_for_participant(current_user)
    )


def _read_context(feedback, form=None):
    return {
        "feedback": feedback,
        "definition": feedback.template.definition,
        "language": _language(),
        "form": form or CommentForm(formdata=None, comment=feedback.participant_comment),
    }


@bp.get("/<int:feedback_id>")
@allow(Role.PARTICIPANT)
def read(feedback_id):
    """One feedback about me, in my language, with my answer."""
    feedback = services.feedback_for_participant(current_user, feedback_id)
    return render("feedback/read.html", "feedback/_comment.html", **_read_context(feedback))


@bp.post("/<int:feedback_id>/comment")
@allow(Role.PARTICIPANT)
def comment(feedback_id):
    """The participant answers the feedback."""
    feedback = services.feedback_for_participant(current_user, feedback_id)
    form = CommentForm()
    if form.validate_on_submit():
        services.comment(feedback, form.comment.data)
        flash(_("Your answer is saved. Your supervisor and your coach can read it."), "success")
        return render("feedback/read.html", "feedback/_comment.html", **_read_context(feedback))
    return render("feedback/read.html", "feedback/_comment.html", status=422, **_read_context(feedback, form))


# --- Coaches -------------------------------------------------------------------------------


@bp.get("/participants/<int:participant_id>")
@allow(Role.COACH)
def participant(participant_id):
    """Every feedback on a participant, and each item's level over time."""
    person = participants.participant_for(current_user, participant_id)
    feedbacks, rows = services.history(person, _language())
    return render(
        "feedback/participant.html",
        "feedback/_history.html",
        participant=person,
        feedbacks=feedbacks,
        rows=rows,
        placements=services.placements_for_coach(person),
        language=_language(),
        templates=services.current_templates(programme_id_of(person)),
    )


@bp.post("/participants/<int:participant_id>/ask")
@allow(Role.COACH)
def ask(participant_id):
    """Ask the supervisor of a placement for feedback now."""
    person = participants.participant_for(current_user, participant_id)
    placement_id = whole_number(request.form.get("placement_id"))
    if placement_id is None:
        abort(404)
    services.ask_for_feedback(current_user, person, placement_id, local_today(), request.form.get("template"))
    flash(_("The supervisor is asked for feedback. It shows on their page."), "success")
    return redirect_to(url_for("feedback.participant", participant_id=person.id))


# --- Programme admins: the templates -------------------------------------------------------


@bp.get("/templates")
@allow(Role.PROGRAMME_ADMIN)
def templates():
    """The feedback templates, newest versions."""
    return render(
        "feedback/templates.html",
        "feedback/templates.html",
        templates=services.current_templates(_programme_id()),
        language=_language(),
    )


def _programme_id() -> int:
    """The programme whose templates this admin keeps."""
    return programme_id_of(current_user, Role.PROGRAMME_ADMIN)


def _pretty(definition: dict) -> str:
    return json.dumps(definition, ensure_ascii=False, indent=2)


@bp.route("/templates/<key>", methods=["GET", "POST"])
@allow(Role.PROGRAMME_ADMIN)
def edit_template(key):
    """Edit a template as JSON; a version already used gets a new version instead."""
    template = services.current_template(_programme_id(), key)
    if template is None:
        abort(404)
    form = TemplateForm(data={"definition": _pretty(template.definition)})
    problems = []
    if form.validate_on_submit():
        definition, problems = services.parse_definition(form.definition.data)
        if definition is not None:
            saved = services.save_template(_programme_id(), key, definition, current_user)
            flash(_("The template is saved as version %(num)d.", num=saved.version), "success")
            return redirect_to(url_for("feedback.templates"))
    return render_form(
        "feedback/edit_template.html",
        "feedback/_template_form.html",
        form,
        template=template,
        problems=problems,
        used=services.is_used(template),
    )


@bp.route("/templates/new", methods=["GET", "POST"])
@allow(Role.PROGRAMME_ADMIN)
def new_template():
    """A new template, starting from a copy of the default one."""
    form = NewTemplateForm(data={"definition": _pretty(services.ensure_default_template(_programme_id()).definition)})
    problems = []
    if form.validate_on_submit():
        if services.template_exists(_programme_id(), form.key.data):
            form.key.errors.append(_("A template with this key exists already. Choose another key."))
        else:
            definition, problems = services.parse_definition(form.definition.data)
            if definition is not None:
                services.save_template(_programme_id(), form.key.data, definition, current_user, new=True)
                flash(_("The template is saved as version %(num)d.", num=1), "success")
                return redirect_to(url_for("feedback.templates"))
    return render_form(
        "feedback/edit_template.html",
        "feedback/_template_form.html",
        form,
        template=None,
        problems=problems,
        used=False,
    )
