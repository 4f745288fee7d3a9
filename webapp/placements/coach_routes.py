"""Browsing openings, one opening, and the coach's side: proposing, a participant's placements, the setting."""

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..dates import weekday_names
from ..htmx import redirect_to, render
from ..i18n import SPOKEN_LANGUAGES
from ..participants.services import visible_to
from . import matching, openings
from .forms import ProposeForm, SettingForm
from .models import ADAPTATIONS, PlacementKind, Sector
from .routes import EMPLOYER_STAFF, READERS, bp, municipalities_of


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
    municipalities = sorted({m for pid in programmes for m in municipalities_of(pid)}, key=lambda m: m.name)
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
    found = openings.opening_with_summary(opening_id)
    own = found is not None and found.organisation_id in {o.id for o in openings.employers_of(current_user)}
    shown = found if own else openings.opening_for_reader(current_user, opening_id)
    return _opening_page(shown, own, ProposeForm(), 200)


def _opening_page(shown, own, form, status):
    coach = current_user.has_any_role(Role.COACH) and not own
    if coach:
        # NOTE: the empty first choice of a drop-down list: the user has not chosen yet
        form.participant.choices = [("", _("Choose"))] + [
            (str(p.id), p.full_name) for p in visible_to(current_user, shown=True)
        ]
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
    # NOTE: the empty first choice of a drop-down list: the user has not chosen yet
    form.participant.choices = [("", _("Choose"))] + [
        (str(p.id), p.full_name) for p in visible_to(current_user, shown=True)
    ]
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
