"""Activities and referrals: who may publish, see, refer, answer and record completion.

Object-level rules live here and raise NotFound (404) for what the viewer may not see,
so a provider cannot even learn that another provider's activity or referral exists."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.exceptions import NotFound

from .. import events
from ..accounts.models import Organisation, OrganisationKind, Role, User
from ..database import guarded_update, insert_once, lock_row
from ..extensions import db
from ..input import optional_text
from ..participants.services import participant_for
from ..request_memo import kept_for_the_request
from ..timeutil import utcnow
from ..week import WeekItem, weekly_items
from .models import COMPLETED, Activity, ActivityLanguage, ActivityTime, Category, Referral, ReferralStatus, Referrers

TAKING_PART = (ReferralStatus.ACCEPTED, ReferralStatus.DONE, ReferralStatus.DROPPED_OUT)


class Full(Exception):
    """No free place is left: the referral can go on the waiting list instead."""


class NotAllowed(Exception):
    """The coach may not refer to this activity (the provider takes only its own coaches' referrals)."""


# --- who is who ---------------------------------------------------------------------------


def provider_organisations(user: User) -> list[Organisation]:
    """Where the user may publish: organisations they administer, and a labour-market unit
    where they are a coach."""
    found = {o.id: o for o in user.organisations_where(Role.ORGANISATION_ADMIN)}
    for organisation in user.organisations_where(Role.COACH):
        if organisation.kind is OrganisationKind.LABOUR_MARKET_UNIT:
            found.setdefault(organisation.id, organisation)
    return sorted(found.values(), key=lambda o: o.name)


def staff_programme_ids(user) -> set[int]:
    """The programmes where the user works (any staff role): they see all of their activities."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    staff = (Role.COACH, Role.SUPERVISOR, Role.ORGANISATION_ADMIN, Role.PROGRAMME_ADMIN)
    return {m.organisation.programme_id for m in user.memberships if m.role in staff}


def visible_condition(user):
    """Public activities for everyone; every activity of their programmes for staff."""
    programme_ids = staff_programme_ids(user)
    if programme_ids:
        return Activity.is_public | Activity.programme_id.in_(programme_ids)
    return Activity.is_public


def with_details(query):
    return query.options(
        joinedload(Activity.organisation),
        joinedload(Activity.municipality),
        selectinload(Activity.times),
        selectinload(Activity.language_rows),
    )


def activity_for_viewer(user, activity_id: int) -> Activity:
    """The activity, if it is public or the viewer works in its programme; 404 otherwise."""
    activity = db.session.scalar(
        with_details(select(Activity)).where(Activity.id == activity_id, visible_condition(user))
    )
    if activity is None:
        raise NotFound()
    return activity


def activity_for_provider(user: User, activity_id: int) -> Activity:
    """The activity, if the user publishes for its organisation; 404 otherwise."""
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.organisation_id not in {o.id for o in provider_organisations(user)}:
        raise NotFound()
    return activity


def may_refer(coach: User, activity: Activity) -> bool:
    coached = coach.organisations_where(Role.COACH)
    if activity.referrers is Referrers.OWN_COACHES:
        return any(o.id == activity.organisation_id for o in coached)
    return any(o.programme_id == activity.programme_id for o in coached)


def municipalities_for(organisation: Organisation):
    return organisation.programme.municipalities


# --- publishing -----------------------------------------------------------------------------


@dataclass
class ActivityData:
    """What a provider writes about an activity (already checked by the form)."""

    organisation_id: int
    title: str
    category: Category
    phase: object
    description: str
    municipality_id: int
    place: str
    starts_on: date | None
    ends_on: date | None
    continuous_intake: bool
    weekdays: list[int]
    starts_at: object
    ends_at: object
    languages: list[str]
    written_in: str
    adaptations: str
    places: int
    places_free: int
    contact: str
    referrers: Referrers
    is_public: bool


def save_activity(user: User, data: ActivityData, activity: Activity | None = None) -> Activity:
    """Create (or update) an activity for one of the user's provider organisations."""
    organisation = next((o for o in provider_organisations(user) if o.id == data.organisation_id), None)
    if organisation is None:
        raise NotFound()
    if activity is None:
        activity = Activity(programme_id=organisation.programme_id)
        db.session.add(activity)
    activity.organisation_id = organisation.id
    for name in (
        "title",
        "category",
        "phase",
        "description",
        "municipality_id",
        "place",
        "starts_on",
        "ends_on",
        "continuous_intake",
        "written_in",
        "adaptations",
        "places",
        "places_free",
        "contact",
        "referrers",
        "is_public",
    ):
        value = getattr(data, name)
        setattr(activity, name, value.strip() if isinstance(value, str) else value)
    # A flush puts new rows in before it deletes old ones: the old rows go first, on their own,
    # or keeping a weekday (or a language) would meet its own old row.
    activity.times, activity.language_rows = [], []
    db.session.flush()
    activity.times = (
        [ActivityTime(weekday=d, starts_at=data.starts_at, ends_at=data.ends_at) for d in sorted(set(data.weekdays))]
        if data.starts_at and data.ends_at
        else []
    )
    activity.language_rows = [ActivityLanguage(code=code) for code in sorted(set(data.languages))]
    db.session.flush()
    return activity


def activities_of_provider(user: User) -> list[Activity]:
    ids = [o.id for o in provider_organisations(user)]
    query = (
        with_details(select(Activity)).where(Activity.organisation_id.in_(ids)).order_by(Activity.title, Activity.id)
    )
    return list(db.session.scalars(query))


# --- referring ------------------------------------------------------------------------------


def refer(
    coach: User, activity: Activity, participant_id: int, note: str, contact: str | None, waiting_list: bool = False
) -> Referral:
    """Refer one of the coach's participants. A full activity takes the referral only onto its
    waiting list, and only when the coach asks for it. Sending it twice finds the first."""
    participant = participant_for(coach, participant_id)
    if not may_refer(coach, activity):
        raise NotAllowed()
    existing = db.session.scalar(
        select(Referral).where(Referral.activity_id == activity.id, Referral.participant_id == participant.id)
    )
    if existing is not None and existing.status is not ReferralStatus.DECLINED:
        return existing
    if activity.places_free <= 0 and not waiting_list:
        raise Full()
    referral = existing or Referral(activity_id=activity.id, participant_id=participant.id)
    referral.coach_id = coach.id
    referral.note = (note or "").strip()
    referral.contact = optional_text(contact)
    referral.status = ReferralStatus.WAITLISTED if activity.places_free <= 0 else ReferralStatus.REFERRED
    referral.answered_at = None
    # Sent at the same moment from another tab: the first one made stands.
    if existing is None and not insert_once(referral):
        referral = db.session.scalar(
            select(Referral).where(Referral.activity_id == activity.id, Referral.participant_id == participant.id)
        )
    db.session.flush()
    return referral


def _referral_query():
    return select(Referral).options(
        joinedload(Referral.activity).joinedload(Activity.municipality),
        joinedload(Referral.participant),
        joinedload(Referral.coach),
    )


def referral_for_provider(user: User, referral_id: int) -> Referral:
    """The referral, if it is to one of the user's organisations' activities; 404 otherwise."""
    ids = [o.id for o in provider_organisations(user)]
    referral = db.session.scalar(
        _referral_query().join(Referral.activity).where(Referral.id == referral_id, Activity.organisation_id.in_(ids))
    )
    if referral is None:
        raise NotFound()
    return referral


def referral_for_follow_up(user: User, referral_id: int) -> Referral:
    """The provider, or a coach who may see the participant, may record completion; 404 otherwise."""
    try:
        return referral_for_provider(user, referral_id)
    except NotFound:
        pass
    referral = db.session.scalar(_referral_query().where(Referral.id == referral_id))
    if referral is None or not user.has_any_role(Role.COACH):
        raise NotFound()
    participant_for(user, referral.participant_id)
    return referral


def referrals_to_provider(user: User) -> list[Referral]:
    """The referrals to the user's organisations' activities, open ones first."""
    ids = [o.id for o in provider_organisations(user)]
    query = (
        _referral_query()
        .join(Referral.activity)
        .where(Activity.organisation_id.in_(ids))
        .order_by(Referral.status != ReferralStatus.REFERRED, Referral.created_at.desc(), Referral.id.desc())
    )
    return list(db.session.scalars(query))


def _take_place(activity_id: int) -> bool:
    # One statement that checks and takes: two acceptances cannot both take the last place.
    return guarded_update(
        Activity, Activity.id == activity_id, Activity.places_free > 0, places_free=Activity.places_free - 1
    )


def _give_back_place(activity_id: int) -> None:
    guarded_update(
        Activity,
        Activity.id == activity_id,
        Activity.places_free < Activity.places,
        places_free=Activity.places_free + 1,
    )


def decide(referral: Referral, decision: ReferralStatus) -> Referral:
    """The provider accepts, waitlists or declines. Accepting takes a free place (or raises Full);
    taking back an acceptance gives the place back."""
    if decision not in (ReferralStatus.ACCEPTED, ReferralStatus.WAITLISTED, ReferralStatus.DECLINED):
        raise ValueError(decision)
    referral = lock_row(Referral, id=referral.id)
    was, now = referral.status, utcnow()
    if decision is ReferralStatus.ACCEPTED:
        if was is decision:
            return referral  # a double tap: once is enough
        if not _take_place(referral.activity_id):
            raise Full()
        referral.accepted_at = now
    else:
        referral.accepted_at = None
        if was is ReferralStatus.ACCEPTED:
            _give_back_place(referral.activity_id)
    referral.status, referral.answered_at = decision, now
    db.session.flush()
    db.session.refresh(referral.activity)
    if was is not decision:
        _tell_decision(referral)
    return referral


def _tell_decision(referral: Referral) -> None:
    """The provider's answer, for the participant and the coach who referred them."""
    about = dict(
        status=referral.status,
        activity=referral.activity.title,
        **events.about_participant(referral.participant),
    )
    events.referral_decided.send(
        referral, recipients=[referral.participant], url=events.path_to("catalogue.mine"), **about
    )
    events.referral_decided.send(
        referral,
        recipients=[referral.coach],
        url=events.path_to("catalogue.participant", participant_id=referral.participant_id),
        **about,
    )


def complete(referral: Referral, outcome: ReferralStatus, on: date) -> Referral:
    """Done or dropped out, on a day; the place is free again for someone else."""
    if outcome not in COMPLETED:
        raise ValueError(outcome)
    referral = lock_row(Referral, id=referral.id)
    if referral.status not in TAKING_PART:
        raise NotAccepted()
    if referral.status is ReferralStatus.ACCEPTED:
        _give_back_place(referral.activity_id)
    referral.status, referral.completed_on = outcome, on
    db.session.flush()
    db.session.refresh(referral.activity)
    return referral


class NotAccepted(Exception):
    """Only an accepted referral can be done or dropped out."""


# --- the participant's side -----------------------------------------------------------------


@kept_for_the_request
def activities_of(participant: User) -> list[Referral]:
    """The activities a participant takes or took part in (accepted, done, dropped out), with
    the activity, its times and provider loaded: for the action plan and participant pages
    (the participant's home asks twice: its week and its activities)."""
    query = (
        select(Referral)
        .options(
            joinedload(Referral.activity).options(
                joinedload(Activity.municipality),
                joinedload(Activity.organisation),
                selectinload(Activity.times),
                selectinload(Activity.language_rows),
            )
        )
        .where(Referral.participant_id == participant.id, Referral.status.in_(TAKING_PART))
        .order_by(Referral.status != ReferralStatus.ACCEPTED, Referral.accepted_at.desc(), Referral.id)
    )
    return list(db.session.scalars(query).unique())


def referrals_of(participant: User) -> list[Referral]:
    """Every referral of the participant, for their coach."""
    query = _referral_query().where(Referral.participant_id == participant.id).order_by(Referral.created_at.desc())
    return list(db.session.scalars(query))


def activity_days(participant: User, first_day: date, last_day: date) -> list[WeekItem]:
    """The weekly times of accepted activities (not yet done or dropped out) in the period."""
    items = []
    for referral in activities_of(participant):
        if referral.status is ReferralStatus.ACCEPTED:
            activity = referral.activity
            # Services build no URLs with url_for: there is no request here.
            items += weekly_items(
                activity, activity.times, first_day, last_day, "activity", f"/activities/{activity.id}"
            )
    return items
