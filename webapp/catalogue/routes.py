"""The catalogue ("Portalen"): find, publish, refer, answer, follow up. Thin views."""

from flask import Blueprint, flash, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow, public
from ..accounts.models import Role
from ..dates import weekday_name
from ..htmx import redirect_to, render, render_form, wants_fragment
from ..i18n import language_name
from ..input import whole_number
from ..participants import services as participants
from ..plans.home import two_weeks
from ..same_page import same_for_every_visitor
from ..timeutil import local_today
from ..validation import options
from . import search as finder
from . import services
from .cache import state_today
from .forms import ActivityForm, CompletionForm, ReferForm, SearchForm
from .models import ReferralStatus, Referrers

bp = Blueprint("catalogue", __name__, url_prefix="/activities")

PROVIDERS = (Role.ORGANISATION_ADMIN, Role.COACH)
DECISIONS = {
    "accept": ReferralStatus.ACCEPTED,
    "waitlist": ReferralStatus.WAITLISTED,
    "decline": ReferralStatus.DECLINED,
}


bp.add_app_template_global(weekday_name)


@bp.app_template_global()
def completion_form(referral, submitted=None) -> CompletionForm:
    """Each referral's completion form has its own field names, so ids stay unique on a list page."""
    if submitted is not None and submitted._prefix == f"r{referral.id}-":
        return submitted
    return CompletionForm(formdata=None, prefix=f"r{referral.id}", on=local_today())


@bp.context_processor
def catalogue_context():
    return {"coach_role": Role.COACH}


# --- finding --------------------------------------------------------------------------------


def _filters(form: SearchForm) -> finder.Filters:
    def valid(field):
        return field.data if field.data and not field.errors else None

    page = request.args.get("page", "1")
    return finder.Filters(
        text=(valid(form.q) or "")[:100],
        category=valid(form.category),
        municipality_id=int(valid(form.municipality)) if valid(form.municipality) else None,
        language=valid(form.language),
        phase=valid(form.phase),
        on=form.on.data if not form.on.errors else None,
        free_only=bool(form.free.data),
        page=whole_number(page, default=1),
    )


@bp.get("/")
@public
@same_for_every_visitor(version=state_today)
def index():
    """Find activities: public ones for everyone, all of the programme's for its staff."""
    form = SearchForm(request.args)
    form.set_choices(finder.municipalities_with_activities(current_user), language_name)
    ok = form.validate() if request.args else True
    results = finder.search(current_user, _filters(form))
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    is_provider_user = bool(current_user.is_authenticated and services.provider_organisations(current_user))
    return render(
        "catalogue/index.html",
        "catalogue/_results.html",
        status=200 if ok else 422,
        form=form,
        results=results,
        args=args,
        is_provider_user=is_provider_user,
    )


@bp.get("/<int:activity_id>")
@public
@same_for_every_visitor(version=state_today)
def detail(activity_id):
    """One activity; a coach who may refer finds the referral form here."""
    activity = services.activity_for_viewer(current_user, activity_id)
    return render("catalogue/detail.html", "catalogue/_refer.html", **_refer_context(activity, None))


def _activity_form(organisations, activity=None) -> ActivityForm:
    form = ActivityForm(obj=None)
    if activity is not None and not form.is_submitted():
        form = ActivityForm(
            data={
                **{name: getattr(activity, name) for name in _NAMED_ALIKE},
                "organisation": activity.organisation_id,
                "description": activity.description,
                "municipality": activity.municipality_id,
                "weekdays": [t.weekday for t in activity.times],
                "starts_at": activity.times[0].starts_at if activity.times else None,
                "ends_at": activity.times[0].ends_at if activity.times else None,
                "adaptations": activity.adaptations,
                "places": str(activity.places),
                "places_free": str(activity.places_free),
            }
        )
    elif activity is None and not form.is_submitted():
        form.written_in.data = str(get_locale())
        form.referrers.data = Referrers.ANY_COACH
        form.places.data, form.places_free.data = "10", "10"
    municipalities = organisations[0].programme.municipalities if organisations else []
    form.set_choices(organisations, municipalities, language_name, weekday_name)
    return form


def _data(form: ActivityForm) -> services.ActivityData:
    return services.ActivityData(
        **{name: form[name].data for name in _NAMED_ALIKE},
        organisation_id=form.organisation.data,
        description=form.description.data or "",
        municipality_id=form.municipality.data,
        weekdays=form.weekdays.data or [],
        starts_at=form.starts_at.data,
        ends_at=form.ends_at.data,
        adaptations=form.adaptations.data or "",
        places=form.places.parsed,
        places_free=form.places_free.parsed,
    )


# The activity's fields that have a form field of the same name and type, and go both ways as they are.
_NAMED_ALIKE = (
    "title",
    "category",
    "phase",
    "place",
    "continuous_intake",
    "starts_on",
    "ends_on",
    "languages",
    "written_in",
    "contact",
    "referrers",
    "is_public",
)


def _edit(activity=None):
    organisations = services.provider_organisations(current_user)
    if not organisations:
        flash(_("You publish activities when you are an admin of a provider organisation."), "error")
        return redirect_to(url_for("catalogue.index"))
    form = _activity_form(organisations, activity)
    if form.validate_on_submit():
        activity = services.save_activity(current_user, _data(form), activity)
        flash(_("The activity is saved."), "success")
        return redirect_to(url_for("catalogue.detail", activity_id=activity.id))
    return render_form("catalogue/edit.html", "catalogue/_form.html", form, activity=activity)


@bp.route("/new", methods=["GET", "POST"])
@allow(*PROVIDERS)
def new():
    """Publish a new activity for one of the user's provider organisations."""
    return _edit()


@bp.route("/<int:activity_id>/edit", methods=["GET", "POST"])
@allow(*PROVIDERS)
def edit(activity_id):
    """Change an activity of the user's own organisation (another provider's: 404)."""
    return _edit(services.activity_for_provider(current_user, activity_id))


@bp.get("/published")
@allow(*PROVIDERS)
def published():
    """The activities of the user's provider organisations."""
    return render(
        "catalogue/published.html", "catalogue/published.html", activities=services.activities_of_provider(current_user)
    )


# --- referring ------------------------------------------------------------------------------


def _refer_context(activity, form, full=False, referral=None) -> dict:
    user = current_user
    can_refer = user.is_authenticated and user.has_any_role(Role.COACH) and services.may_refer(user, activity)
    if can_refer and form is None:
        form = ReferForm()
    if form is not None:
        form.participant.choices = options(
            [(0, _("Choose a participant"))] + [(p.id, p.full_name) for p in participants.visible_to(user, shown=True)]
        )
    is_provider = user.is_authenticated and activity.organisation_id in {
        o.id for o in services.provider_organisations(user)
    }
    return {
        "activity": activity,
        "form": form,
        "can_refer": can_refer,
        "full": full,
        "referral": referral,
        "is_provider": is_provider,
    }


@bp.post("/<int:activity_id>/referrals")
@allow(Role.COACH)
def refer(activity_id):
    """Refer one of the coach's participants; a full activity offers its waiting list."""
    activity = services.activity_for_viewer(current_user, activity_id)
    form = ReferForm()
    context = _refer_context(activity, form)
    if not form.validate_on_submit() or not form.participant.data:
        if not form.participant.data and not form.participant.errors:
            form.participant.errors.append(_("Please choose one."))
        return render("catalogue/detail.html", "catalogue/_refer.html", status=422, **context)
    try:
        referral = services.refer(
            current_user,
            activity,
            form.participant.data,
            form.note.data,
            form.contact.data if form.contact_agreed.data else None,
            waiting_list=form.waiting_list.data == "1",
        )
    except services.Full:
        form.waiting_list.data = "1"
        return render("catalogue/detail.html", "catalogue/_refer.html", status=422, **{**context, "full": True})
    except services.NotAllowed:
        flash(_("This provider takes referrals only from its own coaches."), "error")
        return render("catalogue/detail.html", "catalogue/_refer.html", status=422, **context)
    flash(
        _("%(name)s is referred. Status: %(status)s.", name=referral.participant.called, status=referral.status.label),
        "success",
    )
    return render(
        "catalogue/detail.html",
        "catalogue/_refer.html",
        **_refer_context(activity, ReferForm(formdata=None), referral=referral),
    )


@bp.get("/referrals")
@allow(*PROVIDERS)
def inbox():
    """Referrals to the user's organisations' activities: only what the provider needs to know."""
    return render(
        "catalogue/inbox.html",
        "catalogue/inbox.html",
        referrals=services.referrals_to_provider(current_user),
        provider=True,
    )


def _referral_card(referral, provider, completion=None, status=200):
    if status == 200 and not wants_fragment():
        # Without JavaScript: back to the list the button was on.
        return redirect_to(
            url_for("catalogue.inbox")
            if provider
            else url_for("catalogue.participant", participant_id=referral.participant_id)
        )
    return render(
        "catalogue/referral.html",
        "catalogue/_referral.html",
        status=status,
        referral=referral,
        provider=provider,
        completion=completion,
    )


@bp.post("/referrals/<int:referral_id>/decision")
@allow(*PROVIDERS)
def decide(referral_id):
    """The provider accepts, waitlists or declines."""
    referral = services.referral_for_provider(current_user, referral_id)
    decision = DECISIONS.get(request.form.get("decision", ""))
    if decision is None:
        flash(_("Please choose one."), "error")
        return _referral_card(referral, True, status=422)
    try:
        referral = services.decide(referral, decision)
    except services.Full:
        flash(
            _("There is no free place left. Put the participant on the waiting list, or add places to the activity."),
            "error",
        )
        return _referral_card(referral, True, status=422)
    flash(_("%(name)s is now: %(status)s.", name=referral.participant.called, status=referral.status.label), "success")
    return _referral_card(referral, True)


@bp.post("/referrals/<int:referral_id>/completion")
@allow(*PROVIDERS)
def complete(referral_id):
    """The provider or the coach records that the participant is done or dropped out."""
    referral = services.referral_for_follow_up(current_user, referral_id)
    provider = referral.activity.organisation_id in {o.id for o in services.provider_organisations(current_user)}
    form = CompletionForm(prefix=f"r{referral.id}")
    if not form.validate_on_submit():
        return _referral_card(referral, provider, form, 422)
    try:
        referral = services.complete(referral, form.outcome.data, form.on.data)
    except services.NotAccepted:
        flash(_("Only an accepted referral can be marked as done or dropped out."), "error")
        return _referral_card(referral, provider, form, 422)
    flash(_("%(name)s is now: %(status)s.", name=referral.participant.called, status=referral.status.label), "success")
    return _referral_card(referral, provider)


@bp.get("/participants/<int:participant_id>")
@allow(Role.COACH)
def participant(participant_id):
    """A participant's referrals and activities, for their coach."""
    person = participants.participant_for(current_user, participant_id)
    return render(
        "catalogue/participant.html",
        "catalogue/participant.html",
        participant=person,
        referrals=services.referrals_of(person),
        provider=False,
    )


@bp.get("/mine")
@allow(Role.PARTICIPANT)
def mine():
    """The participant's own activities, with the days and times they are on."""
    return render(
        "catalogue/mine.html",
        "catalogue/_mine.html",
        referrals=services.activities_of(current_user),
        weeks=two_weeks(current_user, local_today()),
        today=local_today(),
    )


from . import hsds_routes  # noqa: E402,F401  (the open-data views join this blueprint)
