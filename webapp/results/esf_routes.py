"""The ESF pages: the participant's own answers, the coach's exit results and follow-up."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..htmx import form_status
from ..input import optional_text
from ..security import no_store
from . import esf as services
from . import participant_file
from .forms import ExitResultForm, FollowUpForm, IdentityForm, SensitiveForm
from .routes import bp


@bp.route("/results/my-answers", methods=["GET", "POST"])
@allow(Role.PARTICIPANT)
def my_answers():
    """ESF's sensitive questions, which only the participant answers, and only if they wish."""
    enrolment = services.own_enrolment(current_user)
    saved = services.sensitive_answers(enrolment)
    form = SensitiveForm(
        data=None
        if request.method == "POST"
        else {**{k: getattr(saved, k).value for k in services.SENSITIVE}, "consent": saved.consented_at is not None}
    )
    if request.method == "POST" and form.validate():
        services.save_sensitive_answers(enrolment, form.answers(), form.consent.data)
        flash(_("Thank you. Your answers are saved."), "success")
        return redirect(url_for("home.participant"), 303)
    return no_store(make_response(render_template("results/my_answers.html", form=form), form_status(form)))


@bp.route("/results/participants/<int:participant_id>/esf", methods=["GET", "POST"])
@allow(Role.COACH)
def esf(participant_id):
    """The participant's exit results and six-month follow-up, for their coach."""
    view = services.for_coach(current_user, participant_id)
    exit_form = ExitResultForm(prefix="exit", obj=view.exit_result)
    follow_form = FollowUpForm(prefix="follow", obj=view.follow_up)
    responsible = view.enrolment.responsible_coach_id == current_user.id
    identity_form = (
        IdentityForm(prefix="identity", obj=participant_file.identity_of(view.enrolment)) if responsible else None
    )
    status = 200
    if request.method == "POST" and request.form.get("part") == "identity":
        if identity_form is None:
            abort(404)
        if identity_form.validate():
            participant_file.save_identity(
                view.enrolment,
                identity_form.personal_number.number,
                identity_form.birth_date.data,
                optional_text(identity_form.reserve_code.data),
            )
            flash(_("The identity for the participant file is saved."), "success")
            return redirect(url_for("results.esf", participant_id=participant_id), 303)
        status = 422
    elif request.method == "POST" and view.enrolment.exited_on is not None:
        if request.form.get("part") == "exit" and exit_form.validate():
            services.record_exit_result(
                current_user,
                view,
                **{k: exit_form[k].data for k in ("job_searching", "in_education", "qualification", "employed")},
            )
            flash(_("The exit results are saved."), "success")
            return redirect(url_for("results.esf", participant_id=participant_id), 303)
        if request.form.get("part") == "follow" and follow_form.validate():
            services.record_follow_up(
                current_user, view, follow_form.employed.data, follow_form.improved.data, follow_form.recorded_on.data
            )
            flash(_("The follow-up is saved."), "success")
            return redirect(url_for("results.esf", participant_id=participant_id), 303)
        status = 422
    elif request.method == "POST":
        status = 422
    return no_store(
        make_response(
            render_template(
                "results/esf.html", view=view, exit_form=exit_form, follow_form=follow_form, identity_form=identity_form
            ),
            status,
        )
    )
