"""The coach moves a participant along the way, logs contact, records the exit, shares access.
The participant's page (participants.detail) shows all of it; each part is a fragment."""

from flask import Blueprint, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from ..access import allow
from ..accounts.models import Role
from ..htmx import add_vary, redirect_to, render, render_form, wants_fragment
from ..participants.services import participant_for
from . import caseload, services
from .forms import CaseloadForm, ContactForm, EnrolmentForm, ExitForm, MoveForm, ShareForm, data_of, entry_of

bp = Blueprint("enrolment", __name__, url_prefix="/enrolment")


def record_context(coach, participant, **forms) -> dict:
    """Everything the enrolment part of the participant's page needs."""
    enrolment = services.enrolment_for(coach, participant)
    colleagues = services.colleagues_to_share_with(enrolment) if services.may_share(coach, enrolment) else []
    return {
        "enrolment": enrolment,
        "way": services.way_of(enrolment),
        "move_form": forms.get("move_form") or MoveForm(data={"phase": enrolment.phase.next or enrolment.phase}),
        "contact_form": forms.get("contact_form") or ContactForm(),
        "exit_form": forms.get("exit_form") or ExitForm(enrolment),
        "share_form": forms.get("share_form") or ShareForm(colleagues),
        "may_share": services.may_share(coach, enrolment),
        "colleagues": colleagues,
    }


def _reply(participant, fragment: str, status: int = 200, **forms):
    """A fragment for htmx, or the whole participant page (e.g. with a form's errors)."""
    from ..participants.routes import invitation_context

    context = {**invitation_context(participant), **record_context(current_user, participant, **forms)}
    return render("participants/detail.html", fragment, status=status, **context)


def _enrolled(participant_id: int):
    """The participant this coach may see, and their enrolment; 404 otherwise."""
    participant = participant_for(current_user, participant_id)
    return participant, services.enrolment_for(current_user, participant)


def _done(participant, fragment: str):
    if request.htmx:
        return _reply(participant, fragment)
    return redirect_to(url_for("participants.detail", participant_id=participant.id))


@bp.route("/<int:participant_id>/edit", methods=["GET", "POST"])
@allow(Role.COACH)
def edit(participant_id):
    """Correct what was written at enrolment."""
    participant, enrolment = _enrolled(participant_id)
    form = EnrolmentForm(
        services.municipalities_for(enrolment.organisation, enrolment.municipality),
        **({} if request.method == "POST" else {"data": data_of(enrolment)}),
    )
    if form.validate_on_submit():
        services.correct_entry(enrolment, entry_of(form))
        flash(_("The changes are saved."), "success")
        return redirect_to(url_for("participants.detail", participant_id=participant.id))
    return render_form(
        "enrolment/edit.html",
        "participants/_form.html",
        form,
        participant=participant,
        form_action=url_for("enrolment.edit", participant_id=participant.id),
        form_id="enrolment-edit",
        form_button=_("Save the changes"),
    )


@bp.post("/<int:participant_id>/phase")
@allow(Role.COACH)
def move(participant_id):
    """Move the participant to another phase of the way (usually the next)."""
    participant, enrolment = _enrolled(participant_id)
    form = MoveForm()
    if not form.validate_on_submit():
        return _reply(participant, "enrolment/_phase.html", 422, move_form=form)
    if services.move_to(current_user, enrolment, form.phase.data):
        flash(
            _(
                "%(name)s is now in phase %(num)d: %(phase)s.",
                name=participant.called,
                num=form.phase.data.number,
                phase=form.phase.data.label,
            ),
            "success",
        )
    return _done(participant, "enrolment/_phase.html")


@bp.post("/<int:participant_id>/contact")
@allow(Role.COACH)
def contact(participant_id):
    """Note the day the coach met or spoke with the participant."""
    participant, enrolment = _enrolled(participant_id)
    form = ContactForm()
    if not form.validate_on_submit():
        return _reply(participant, "enrolment/_contact.html", 422, contact_form=form)
    services.log_contact(enrolment, form.contacted_on.data)
    return _done(participant, "enrolment/_contact.html")


@bp.post("/<int:participant_id>/exit")
@allow(Role.COACH)
def record_exit(participant_id):
    """Record the last day in the programme and what the participant goes on to."""
    participant, enrolment = _enrolled(participant_id)
    form = ExitForm(enrolment)
    if not form.validate_on_submit():
        return _reply(participant, "enrolment/_exit.html", 422, exit_form=form)
    services.record_exit(enrolment, form.exited_on.data, form.outcome.data)
    return _done(participant, "enrolment/_exit.html")


@bp.post("/<int:participant_id>/exit/undo")
@allow(Role.COACH)
def undo_exit(participant_id):
    """Take back an exit recorded by mistake."""
    participant, enrolment = _enrolled(participant_id)
    services.undo_exit(enrolment)
    return _done(participant, "enrolment/_exit.html")


@bp.post("/<int:participant_id>/sharing")
@allow(Role.COACH)
def share(participant_id):
    """Let a colleague in the same organisation see this participant (responsible coach only)."""
    participant, enrolment = _enrolled(participant_id)
    if not services.may_share(current_user, enrolment):
        raise NotFound()
    if request.form.get("colleague") in {str(s.coach_id) for s in enrolment.colleagues}:
        return _done(participant, "enrolment/_sharing.html")  # a second tap: shared already
    form = ShareForm(services.colleagues_to_share_with(enrolment))
    if not form.validate_on_submit():
        return _reply(participant, "enrolment/_sharing.html", 422, share_form=form)
    services.share_with(current_user, enrolment, form.colleague.data)
    return _done(participant, "enrolment/_sharing.html")


@bp.post("/<int:participant_id>/sharing/<int:coach_id>/remove")
@allow(Role.COACH)
def stop_sharing(participant_id, coach_id):
    """The colleague no longer sees this participant."""
    participant, enrolment = _enrolled(participant_id)
    services.stop_sharing(current_user, enrolment, coach_id)
    return _done(participant, "enrolment/_sharing.html")


def caseload_page(home_parts=dict):
    """The coach's home: the caseload, filtered by the URL (called by home.coach, which adds the
    other features' parts through `home_parts`, called only for the whole page)."""
    form = CaseloadForm(caseload.municipality_choices(current_user), formdata=request.args)
    filters = form.filters()
    filters.page = request.args.get("page", type=int, default=1) or 1
    rows = caseload.caseload_rows(current_user, filters)
    caseload.add_plan_facts(rows.items)
    caseload.add_attendance_flags(rows.items)
    caseload.add_placements(rows.items)
    status = 422 if form.has_errors else 200
    parts = {} if wants_fragment() else home_parts()
    response = render(
        "home/coach.html",
        "enrolment/_caseload.html",
        status=status,
        form=form,
        rows=rows,
        args={k: v for k, v in request.args.items() if k != "page" and v},
        **parts,
    )
    response.headers["Cache-Control"] = "no-store"
    return add_vary(response)
