"""The employer's side: the profile, openings, and deciding on the proposals participants said yes to."""

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..extensions import db
from ..fields import saved
from ..htmx import form_status, redirect_to, render, render_form
from ..input import optional_text
from . import matching, openings
from .forms import AcceptForm, EmptyForm, OpeningForm, ProfileForm, schedule_from, weekday_names
from .models import Collaboration, OpeningStatus, PlacementKind
from .routes import EMPLOYER_STAFF, bp, municipalities_of


@bp.get("/employers/")
@allow(*EMPLOYER_STAFF)
def employer():
    """The employer's openings, proposals to answer and placements."""
    return render(
        "placements/employer.html", "placements/_employer_openings.html", **matching.employer_overview(current_user)
    )


@bp.route("/employers/<int:organisation_id>/profile", methods=["GET", "POST"])
@allow(Role.ORGANISATION_ADMIN)
def profile(organisation_id):
    """The employer's profile, kept by its organisation admins."""
    organisation = openings.employer_for(current_user, organisation_id, Role.ORGANISATION_ADMIN)
    kept = openings.profile_of(organisation) or openings.new_profile(organisation)
    form = ProfileForm(obj=saved(kept, municipality=str(kept.municipality_id or "")))
    # NOTE: the empty first choice of a drop-down list: the user has not chosen yet
    form.municipality.choices = [("", _("Choose"))] + [
        (str(m.id), m.name) for m in municipalities_of(organisation.programme_id)
    ]
    if form.validate_on_submit():
        signed = form.collaboration.data is Collaboration.AGREEMENT_SIGNED
        openings.save_profile(
            organisation,
            sector=form.sector.data,
            kind=optional_text(form.kind.data),
            municipality_id=int(form.municipality.data) if form.municipality.data else None,
            address=optional_text(form.address.data),
            contact_person=optional_text(form.contact_person.data),
            collaboration=form.collaboration.data,
            agreement_signed_on=form.agreement_signed_on.data if signed else None,
        )
        flash(_("The profile is saved."), "success")
        return redirect_to(url_for("placements.employer"))
    return render_form(
        "placements/profile.html",
        "placements/_profile_form.html",
        form,
        organisation=organisation,
        supervisors=openings.supervisors_of(organisation),
    )


def _opening_form_page(form, organisation, opening, status):
    return render(
        "placements/opening_edit.html",
        "placements/_opening_form.html",
        status=status,
        form=form,
        organisation=organisation,
        opening=opening,
        weekdays=weekday_names(),
    )


def _opening_data(form) -> openings.OpeningData:
    return openings.OpeningData(
        title=form.title.data,
        kind=form.kind.data,
        tasks=form.tasks.data,
        hours_per_week=form.hours_per_week.number,
        usual_days=form.usual_days.data or [],
        place=optional_text(form.place.data),
        municipality_id=int(form.municipality.data) if form.municipality.data else None,
        starts_on=form.starts_on.data,
        places=form.places.number,
        languages=form.languages.data or [],
        adaptations=form.adaptations.data or [],
        supervisor_id=int(form.supervisor.data) if form.supervisor.data else None,
        status=form.status.data,
        written_in=form.written_in.data,
    )


@bp.route("/openings/new", methods=["GET", "POST"])
@allow(*EMPLOYER_STAFF)
def new_opening():
    """Post an opening at one of the person's employers (?organisation=ID when they have several)."""
    employers = openings.employers_of(current_user)
    if not employers:
        abort(404)
    wanted = request.values.get("organisation", type=int) or employers[0].id
    organisation = openings.employer_for(current_user, wanted)
    supervisors = openings.supervisors_of(organisation)
    form = OpeningForm(
        data=None
        if request.method == "POST"
        else {
            "kind": PlacementKind.WORK_TRIAL,
            "places": "1",
            "status": OpeningStatus.OPEN,
            "written_in": current_user.preferred_language or "sv",
            "municipality": str(organisation.municipality_id or ""),
            "supervisor": str(current_user.id) if current_user in supervisors else "",
        }
    )
    form.fill_choices(municipalities_of(organisation.programme_id), supervisors)
    if form.validate_on_submit():
        opening = openings.save_opening(organisation, _opening_data(form))
        flash(_("The opening is posted."), "success")
        return redirect_to(url_for("placements.opening", opening_id=opening.id))
    return _opening_form_page(form, organisation, None, form_status(form))


@bp.route("/openings/<int:opening_id>/edit", methods=["GET", "POST"])
@allow(*EMPLOYER_STAFF)
def edit_opening(opening_id):
    """Change an opening of the person's own employer (404 for anyone else's)."""
    opening = openings.opening_for_employer(current_user, opening_id)
    organisation = opening.organisation
    form = OpeningForm(
        obj=saved(
            opening,
            usual_days=opening.weekdays,  # the model keeps a bitmask
            municipality=str(opening.municipality_id or ""),
            supervisor=str(opening.supervisor_id or ""),
        )
    )
    form.fill_choices(municipalities_of(organisation.programme_id), openings.supervisors_of(organisation))
    if form.validate_on_submit():
        openings.save_opening(organisation, _opening_data(form), opening)
        flash(_("The opening is saved."), "success")
        return redirect_to(url_for("placements.opening", opening_id=opening.id))
    return _opening_form_page(form, organisation, opening, form_status(form))


@bp.get("/employers/proposals/<int:proposal_id>")
@allow(*EMPLOYER_STAFF)
def decision(proposal_id):
    """A proposal the participant said yes to, as the employer sees it: only what a supervisor needs."""
    proposal = matching.proposal_for_employer(current_user, proposal_id)
    form = AcceptForm(data={"starts_on": max(proposal.opening.starts_on, _today())})
    typed = {d: ("08:00", "12:00") if d in proposal.opening.weekdays else ("", "") for d in range(7)}
    return _decision_page(proposal, form, typed, {}, 200)


def _today():
    from ..timeutil import local_today

    return local_today()


def _decision_page(proposal, form, typed, day_errors, status):
    return render(
        "placements/decision.html",
        "placements/_decision.html",
        status=status,
        proposal=proposal,
        person=matching.person_for_employer(proposal.participant),
        form=form,
        typed=typed,
        day_errors=day_errors,
        weekdays=weekday_names(),
        placement=proposal.placement,
    )


@bp.post("/employers/proposals/<int:proposal_id>/accept")
@allow(*EMPLOYER_STAFF)
def accept(proposal_id):
    """Accept: the participant gets a placement with this schedule (once, however often it is sent)."""
    proposal = matching.proposal_for_employer(current_user, proposal_id)
    form = AcceptForm()
    days, day_errors, typed = schedule_from(request.form)
    if form.validate_on_submit() and not day_errors:
        try:
            matching.accept(current_user, proposal.id, form.starts_on.data, form.ends_on.data, days)
        except matching.AlreadyDecided:
            flash(_("This proposal has already been answered. Nothing was changed."), "error")
            db.session.expire_all()
            return _decision_page(proposal, form, typed, {}, 409)
        except matching.OpeningFull:
            flash(
                _(
                    "Every place of this opening is already taken, so nothing was changed. "
                    "Add a place to the opening first if you want to take this person too."
                ),
                "error",
            )
            db.session.expire_all()
            return _decision_page(proposal, form, typed, {}, 409)
        flash(_("Accepted. The placement is made."), "success")
        return redirect_to(url_for("placements.decision", proposal_id=proposal.id))
    return _decision_page(proposal, form, typed, day_errors, 422)


@bp.post("/employers/proposals/<int:proposal_id>/decline")
@allow(*EMPLOYER_STAFF)
def decline(proposal_id):
    """Say no to a proposal."""
    proposal = matching.proposal_for_employer(current_user, proposal_id)
    if EmptyForm().validate_on_submit():
        try:
            matching.decline(current_user, proposal.id)
            flash(_("You said no. The coach and the participant can see it."), "success")
        except matching.AlreadyDecided:
            flash(_("This proposal has already been answered. Nothing was changed."), "error")
    return redirect_to(url_for("placements.decision", proposal_id=proposal.id))
