"""The landing page, each role's home page, and the language switcher."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow, public
from ..accounts import services as accounts
from ..accounts.models import Role
from ..extensions import db
from ..i18n import LANGUAGE_COOKIE, is_supported
from ..enrolment.routes import caseload_page
from ..plans.home import this_week
from ..safety import safe_next

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
def participant():
    """The participant's own page."""
    return render_template("home/participant.html",
                           organisations=current_user.organisations_where(Role.PARTICIPANT),
                           **this_week(current_user))


@bp.get("/home/coach")
@allow(Role.COACH)
def coach():
    """The coach's caseload: search, filters, sorting and paging, all in the URL."""
    return caseload_page()


@bp.get("/home/supervisor")
@allow(Role.SUPERVISOR)
def supervisor():
    """The supervisor's workplace."""
    return render_template("home/supervisor.html",
                           organisations=current_user.organisations_where(Role.SUPERVISOR))


@bp.get("/home/organisation")
@allow(Role.ORGANISATION_ADMIN)
def organisation_admin():
    """The organisations this person administers."""
    return render_template("home/organisation_admin.html",
                           organisations=current_user.organisations_where(Role.ORGANISATION_ADMIN))


@bp.get("/home/programme")
@allow(Role.PROGRAMME_ADMIN)
def programme_admin():
    """The programme's organisations, for the programme admin."""
    return render_template("home/programme_admin.html", organisations=accounts.organisations_visible_to(current_user))


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
        db.session.commit()
    response = redirect(back, 303)
    response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
