"""The landing page, each role's home page, and the language switcher.

A home page is composed here, in its view, from plain functions that each feature offers
(`<feature>/home.py: for_<role>(user, ...) -> dict`): what a page runs against the database
is what its view calls. The templates only show what they are given."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow, public
from ..accounts import services as accounts
from ..accounts.models import Role
from ..attendance import home as attendance
from ..catalogue import home as catalogue
from ..enrolment import home as enrolment
from ..enrolment.routes import caseload_page
from ..feedback import home as feedback
from ..i18n import LANGUAGE_COOKIE, is_supported
from ..placements import home as placements
from ..plans import home as plans
from ..pwa.pages import readable_offline
from ..results import home as results
from ..safety import safe_next
from ..same_page import same_for_every_visitor
from ..team import home as team
from ..timeutil import local_today

bp = Blueprint("home", __name__)

# The order in which a person holding several roles lands: the most everyday first.
ROLE_HOMES = {
    Role.PARTICIPANT: "home.participant",
    Role.COACH: "home.coach",
    Role.SUPERVISOR: "home.supervisor",
    Role.ORGANISATION_ADMIN: "home.organisation_admin",
    Role.PROGRAMME_ADMIN: "home.programme_admin",
}


def homes_of(user) -> list[tuple[Role, str]]:
    return [(role, endpoint) for role, endpoint in ROLE_HOMES.items() if role in user.roles]


@bp.app_context_processor
def role_navigation():
    if current_user.is_authenticated:
        return {"role_homes": homes_of(current_user)}
    return {"role_homes": []}


@bp.get("/")
@public
@same_for_every_visitor
def index():
    """Signed in: the home of the person's first role. Otherwise: what Vägen is, and sign in."""
    if current_user.is_authenticated:
        homes = homes_of(current_user)
        if homes:
            return redirect(url_for(homes[0][1]))
        return render_template("home/no_role.html")
    return render_template("home/index.html")


@bp.get("/home/participant")
@allow(Role.PARTICIPANT)
@readable_offline(start=True)
def participant():
    """The participant's own page: this week first, then what waits for an answer, then the longer view."""
    today = local_today()
    return render_template(
        "home/participant.html",
        organisations=accounts.organisations_of(current_user, Role.PARTICIPANT),
        **plans.for_participant(current_user, today),
        **placements.for_participant(current_user),
        **enrolment.for_participant(current_user),
        **catalogue.for_participant(current_user),
        **attendance.for_participant(current_user, today),
        **results.for_participant(current_user, today),
        **team.for_participant(current_user),
    )


@bp.get("/home/coach")
@allow(Role.COACH)
def coach():
    """The coach's caseload: search, filters, sorting and paging, all in the URL."""
    return caseload_page(home_parts=lambda: feedback.for_coach(current_user))


@bp.get("/home/supervisor")
@allow(Role.SUPERVISOR)
def supervisor():
    """The supervisor's workplace: the weeks to confirm first, then feedback that is due."""
    today = local_today()
    return render_template(
        "home/supervisor.html",
        organisations=accounts.organisations_of(current_user, Role.SUPERVISOR),
        **attendance.for_supervisor(current_user, today),
        **feedback.for_supervisor(current_user, today),
        **placements.for_supervisor(current_user),
        **results.for_supervisor(current_user),
    )


@bp.get("/home/organisation")
@allow(Role.ORGANISATION_ADMIN)
def organisation_admin():
    """The organisations this person administers."""
    return render_template(
        "home/organisation_admin.html",
        organisations=accounts.organisations_of(current_user, Role.ORGANISATION_ADMIN),
        **placements.for_organisation_admin(current_user),
    )


@bp.get("/home/programme")
@allow(Role.PROGRAMME_ADMIN)
def programme_admin():
    """The programme's organisations, for the programme admin."""
    return render_template(
        "home/programme_admin.html",
        organisations=accounts.organisations_visible_to(current_user),
        **placements.for_programme_admin(current_user),
    )


@bp.post("/language")
@public
def set_language():
    """Remember the chosen language (cookie, and the account when signed in), then go back."""
    code = request.form.get("language", "")
    back = safe_next(request.form.get("next"), url_for("home.index"))
    if not is_supported(code):
        flash(_("That language is not available. Choose one of the four in the list."), "error")
        return redirect(back, 303)
    if current_user.is_authenticated:
        current_user.preferred_language = code
    response = redirect(back, 303)
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response
