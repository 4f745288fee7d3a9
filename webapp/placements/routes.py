"""Employers' profiles and openings, browsing openings, and the match, as thin views."""

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Municipality, Role
from ..extensions import db
from ..htmx import redirect_to, render
from ..i18n import SPOKEN_LANGUAGES, language_name
from ..participants.services import visible_to
from . import matching, openings
from .forms import (
    AcceptForm,
    EmptyForm,
    OpeningForm,
    ProfileForm,
    ProposeForm,
    SettingForm,
    SharingForm,
    schedule_from,
    weekday_names,
)
from .models import ADAPTATIONS, Collaboration, Opening, OpeningStatus, PlacementKind, Sector

bp = Blueprint("placements", __name__)

EMPLOYER_STAFF = (Role.SUPERVISOR, Role.ORGANISATION_ADMIN)
READERS = (Role.COACH, Role.PROGRAMME_ADMIN, Role.PARTICIPANT)


def _municipalities(programme_id: int) -> list[Municipality]:
    from ..accounts.models import Programme

    return db.session.get(Programme, programme_id).municipalities


# --- The employer's side -------------------------------------------------------------------


@bp.get("/employers/")
@allow(*EMPLOYER_STAFF)
def employer():
    """The employer's openings, proposals to answer and placements."""
    employers = openings.employers_of(current_user)
    if not employers:
        abort(404)
    administered = {o.id for o in openings.employers_of(current_user, Role.ORGANISATION_ADMIN)}
    return render(
        "placements/employer.html",
        "placements/_employer_openings.html",
        employers=employers,
        administered=administered,
        openings=openings.openings_of(employers),
        proposals=matching.proposals_for_employer(current_user),
    )


@bp.route("/employers/<int:organisation_id>/profile", methods=["GET", "POST"])
@allow(Role.ORGANISATION_ADMIN)
def profile(organisation_id):
    """The employer's profile, kept by its organisation admins."""
    organisation = openings.employer_for(current_user, organisation_id, Role.ORGANISATION_ADMIN)
    saved = openings.profile_of(organisation) or openings.new_profile(organisation)
    form = ProfileForm(
        data=None
        if request.method == "POST"
        else {
            "sector": saved.sector.value,
            "kind": saved.kind,
            "municipality": str(saved.municipality_id or ""),
            "address": saved.address,
            "contact_person": saved.contact_person,
            "collaboration": saved.collaboration.value if saved.collaboration else Collaboration.INTERESTED.value,
            "agreement_signed_on": saved.agreement_signed_on,
        }
    )
    form.municipality.choices = [("", _("Choose"))] + [
        (str(m.id), m.name) for m in _municipalities(organisation.programme_id)
    ]
    if form.validate_on_submit():
        signed = Collaboration(form.collaboration.data) is Collaboration.AGREEMENT_SIGNED
        openings.save_profile(
            organisation,
            sector=Sector(form.sector.data),
            kind=(form.kind.data or "").strip() or None,
            municipality_id=int(form.municipality.data) if form.municipality.data else None,
            address=(form.address.data or "").strip() or None,
            contact_person=(form.contact_person.data or "").strip() or None,
            collaboration=Collaboration(form.collaboration.data),
            agreement_signed_on=form.agreement_signed_on.data if signed else None,
        )
        flash(_("The profile is saved."), "success")
        return redirect_to(url_for("placements.employer"))
    status = 422 if form.is_submitted() else 200
    return render(
        "placements/profile.html",
        "placements/_profile_form.html",
        status=status,
        form=form,
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
        kind=PlacementKind(form.kind.data),
        tasks=form.tasks.data,
        hours_per_week=form.hours_per_week.number,
        usual_days=form.usual_days.data or [],
        place=(form.place.data or "").strip() or None,
        municipality_id=int(form.municipality.data) if form.municipality.data else None,
        starts_on=form.starts_on.data,
        places=form.places.number,
        languages=form.languages.data or [],
        adaptations=form.adaptations.data or [],
        supervisor_id=int(form.supervisor.data) if form.supervisor.data else None,
        status=OpeningStatus(form.status.data),
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
            "kind": PlacementKind.WORK_TRIAL.value,
            "places": "1",
            "status": OpeningStatus.OPEN.value,
            "written_in": current_user.preferred_language or "sv",
            "municipality": str(organisation.municipality_id or ""),
            "supervisor": str(current_user.id) if current_user in supervisors else "",
        }
    )
    form.fill_choices(_municipalities(organisation.programme_id), supervisors)
    if form.validate_on_submit():
        opening = openings.save_opening(organisation, _opening_data(form))
        flash(_("The opening is posted."), "success")
        return redirect_to(url_for("placements.opening", opening_id=opening.id))
    return _opening_form_page(form, organisation, None, 422 if form.is_submitted() else 200)


@bp.route("/openings/<int:opening_id>/edit", methods=["GET", "POST"])
@allow(*EMPLOYER_STAFF)
def edit_opening(opening_id):
    """Change an opening of the person's own employer (404 for anyone else's)."""
    opening = openings.opening_for_employer(current_user, opening_id)
    organisation = opening.organisation
    form = OpeningForm(
        data=None
        if request.method == "POST"
        else {
            "title": opening.title,
            "kind": opening.kind.value,
            "tasks": opening.tasks,
            "hours_per_week": str(opening.hours_per_week),
            "usual_days": opening.weekdays,
            "place": opening.place,
            "municipality": str(opening.municipality_id or ""),
            "starts_on": opening.starts_on,
            "places": str(opening.places),
            "languages": opening.languages,
            "adaptations": opening.adaptations,
            "supervisor": str(opening.supervisor_id or ""),
            "status": opening.status.value,
            "written_in": opening.written_in,
        }
    )
    form.fill_choices(_municipalities(organisation.programme_id), openings.supervisors_of(organisation))
    if form.validate_on_submit():
        openings.save_opening(organisation, _opening_data(form), opening)
        flash(_("The opening is saved."), "success")
        return redirect_to(url_for("placements.opening", opening_id=opening.id))
    return _opening_form_page(form, organisation, opening, 422 if form.is_submitted() else 200)


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


# --- Browsing and the coach's side -------------------------------------------------------


def _filters() -> openings.Filters:
    args = request.args

    def enum_or_none(enum, value):
        try:
            return enum(value) if value else None
        except ValueError:
            return None

    municipality = args.get("municipality", type=int)
    return openings.Filters(
        # An id no column can hold (a hand-typed address) is no filter, not a database error.
        municipality=municipality if municipality and 0 < municipality < 2**31 else None,
        sector=enum_or_none(Sector, args.get("sector")),
        kind=enum_or_none(PlacementKind, args.get("kind")),
        language=args.get("language") if args.get("language") in SPOKEN_LANGUAGES else None,
        adaptation=args.get("adaptation") if args.get("adaptation") in ADAPTATIONS else None,
        page=max(1, args.get("page", 1, type=int) or 1),
    )


@bp.get("/openings/")
@allow(*READERS)
def browse():
    """Open openings, filtered live; the URL carries the filters, so it can be shared."""
    filters = _filters()
    page = openings.browse(current_user, filters)
    programmes = openings.browsing_programmes(current_user)
    municipalities = sorted({m for pid in programmes for m in _municipalities(pid)}, key=lambda m: m.name)
    return render(
        "placements/browse.html",
        "placements/_results.html",
        results=page,
        filters=filters,
        municipalities=municipalities,
        sectors=list(Sector),
        kinds=list(PlacementKind),
        workplace_languages=SPOKEN_LANGUAGES,
        adaptations=ADAPTATIONS,
    )


@bp.get("/openings/<int:opening_id>")
@allow(*READERS, *EMPLOYER_STAFF)
def opening(opening_id):
    """One opening: the employer sees its own (with a link to change it); a coach can propose someone."""
    found = db.session.get(Opening, opening_id)
    own = found is not None and found.organisation_id in {o.id for o in openings.employers_of(current_user)}
    shown = found if own else openings.opening_for_reader(current_user, opening_id)
    return _opening_page(shown, own, ProposeForm(), 200)


def _opening_page(shown, own, form, status):
    coach = current_user.has_any_role(Role.COACH) and not own
    if coach:
        form.participant.choices = [("", _("Choose"))] + [(str(p.id), p.full_name) for p in visible_to(current_user)]
    return render(
        "placements/opening.html",
        "placements/_propose.html",
        status=status,
        opening=shown,
        own=own,
        coach=coach,
        form=form,
        weekdays=weekday_names(),
        proposals=matching.proposals_at_opening(current_user, shown) if coach else [],
    )


@bp.post("/openings/<int:opening_id>/proposals")
@allow(Role.COACH)
def propose(opening_id):
    """Propose a participant for the opening, with a short note."""
    shown = openings.opening_for_reader(current_user, opening_id)
    form = ProposeForm()
    form.participant.choices = [("", _("Choose"))] + [(str(p.id), p.full_name) for p in visible_to(current_user)]
    if form.validate_on_submit():
        try:
            matching.propose(current_user, int(form.participant.data), shown.id, form.note.data)
        except matching.AlreadyProposed:
            form.participant.errors.append(_("This participant is already proposed for this opening."))
            return _opening_page(shown, False, form, 422)
        except matching.NotOpen:
            form.participant.errors.append(_("This opening is not open for proposals now."))
            return _opening_page(shown, False, form, 422)
        flash(_("Proposed. The participant can now answer on their phone."), "success")
        return _opening_page(shown, False, ProposeForm(formdata=None), 200)
    return _opening_page(shown, False, form, 422)


@bp.get("/participants/<int:participant_id>/placements")
@allow(Role.COACH)
def for_participant(participant_id):
    """A participant's proposals and placements, for their coach."""
    participant, proposals, placements = matching.proposals_for_coach(current_user, participant_id)
    return render(
        "placements/participant.html",
        "placements/_participant.html",
        participant=participant,
        proposals=proposals,
        placements=placements,
        weekdays=weekday_names(),
    )


@bp.route("/openings/settings", methods=["GET", "POST"])
@allow(Role.PROGRAMME_ADMIN)
def settings():
    """Whether participants of the programme may browse openings themselves (off by default)."""
    programme_id = current_user.organisations_where(Role.PROGRAMME_ADMIN)[0].programme_id
    form = SettingForm(
        data=None
        if request.method == "POST"
        else {"participants_may_browse": openings.participants_may_browse(programme_id)}
    )
    if form.validate_on_submit():
        openings.set_participants_may_browse(programme_id, form.participants_may_browse.data)
        flash(_("The setting is saved."), "success")
        return redirect_to(url_for("placements.settings"))
    return render("placements/settings.html", "placements/_settings.html", form=form)


# --- The participant's side ----------------------------------------------------------------


def _mine_page(status=200, sharing=None):
    shared = matching.shared_adaptations(current_user)
    sharing = sharing or SharingForm(data={"adaptations": shared})
    return render(
        "placements/mine.html",
        "placements/_mine.html",
        status=status,
        proposals=matching.proposals_for_participant(current_user),
        placements=matching.placements_for_participant(current_user),
        weekdays=weekday_names(),
        sharing=sharing,
        may_browse=bool(openings.browsing_programmes(current_user)),
    )


@bp.get("/placements/mine")
@allow(Role.PARTICIPANT)
def mine():
    """The participant's proposals (to answer), placements, and what they share with employers."""
    return _mine_page()


@bp.post("/proposals/<int:proposal_id>/answer")
@allow(Role.PARTICIPANT)
def answer(proposal_id):
    """The participant says yes (interested) or no, and saves the needs ticked on the same page."""
    sharing = SharingForm()
    if sharing.validate_on_submit() and request.form.get("answer") in ("yes", "no"):
        try:
            matching.answer(current_user, proposal_id, request.form["answer"] == "yes")
            flash(_("Thank you. Your coach can see your answer."), "success")
        except matching.AlreadyDecided:
            flash(_("The employer has already answered. Your answer cannot be changed now."), "error")
        if request.form.get("sharing"):
            matching.share_adaptations(current_user, sharing.adaptations.data or [])
    else:
        matching.proposal_for_participant(current_user, proposal_id)
        flash(_("Please choose one."), "error")
    return _mine_page()


@bp.post("/placements/sharing")
@allow(Role.PARTICIPANT)
def sharing():
    """Choose which needs employers may know about."""
    form = SharingForm()
    if form.validate_on_submit():
        matching.share_adaptations(current_user, form.adaptations.data or [])
        flash(_("Saved. Employers see only what you chose."), "success")
        return _mine_page()
    return _mine_page(422, sharing=form)


# --- Template helpers (formatting only; home page parts are in placements/home.py) ---------


@bp.app_context_processor
def placement_helpers():
    return {"language_name": language_name, "adaptation_labels": ADAPTATIONS, "called_name": matching.called_name}
