"""Sign in and out, invitations and password resets."""

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, logout_user

from ..access import allow, public
from ..accounts.models import User
from ..extensions import db
from ..htmx import form_status, redirect_to
from ..i18n import LANGUAGE_COOKIE, is_supported
from ..safety import client_address, safe_next
from ..same_page import same_for_every_visitor
from ..timeutil import utcnow
from . import devices, second_factor, services, throttle
from .forms import ChoosePasswordForm, CodeForm, ForgotPasswordForm, SignInForm
from .models import TokenPurpose

bp = Blueprint("auth", __name__)


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@same_for_every_visitor
def sign_in():
    """The sign-in form; a wrong password or too many tries is said on the form."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = services.sign_in(form.sign_in_name.data, form.password.data, client_address())
        except services.SignInRefused as refusal:
            if refusal.throttled:
                form.form_errors.append(
                    ngettext(
                        "Too many wrong tries. Wait %(num)d minute and try again.",
                        "Too many wrong tries. Wait %(num)d minutes and try again.",
                        refusal.minutes,
                    )
                )
                status = 429
            else:
                form.form_errors.append(_("The sign-in name or the password is wrong."))
                status = 422
        else:
            target = safe_next(request.args.get("next"), url_for("home.index"))
            if second_factor.enrolled(user):
                # The password was right; the session starts only after the code (see code()).
                session.clear()
                session[PENDING] = {
                    "user": user.id,
                    "remember": bool(form.remember.data),
                    "next": target,
                    "at": int(utcnow().timestamp()),
                }
                return redirect_to(url_for("auth.code"))
            devices.open_session(user, remember=form.remember.data)
            remember_chosen_language(user)
            return redirect_to(target)
    elif form.is_submitted():
        status = 422
    return render_template("auth/sign_in.html", form=form), status


def remember_chosen_language(user) -> None:
    """A language picked on the sign-in page is the person's latest choice: keep it."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if is_supported(chosen) and chosen != user.preferred_language:
        user.preferred_language = chosen


PENDING = "second_factor_pending"
PENDING_SECONDS = 300


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
def code():
    """The second step of signing in for staff with an authenticator app."""
    pending = session.get(PENDING)
    user = db.session.get(User, pending["user"]) if isinstance(pending, dict) else None
    if user is None or not user.is_active or utcnow().timestamp() - pending["at"] > PENDING_SECONDS:
        session.pop(PENDING, None)
        flash(_("Please sign in again."), "info")
        return redirect_to(url_for("auth.sign_in"))
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            accepted = second_factor.check(user, form.code.data)
        except throttle.Throttled as refusal:
            form.form_errors.append(refusal.message())
            return render_template("auth/code.html", form=form), 429
        if accepted:
            session.pop(PENDING, None)
            devices.open_session(user, remember=pending["remember"])
            remember_chosen_language(user)
            return redirect_to(safe_next(pending["next"], url_for("home.index")))
        form.code.errors.append(_("That code is not right. Use the newest code in your app, or a recovery code."))
        status = 422
    elif form.is_submitted():
        status = 422
    return render_template("auth/code.html", form=form), status


@bp.post("/sign-out")
@allow()
def sign_out():
    """Sign out: every session of the person ends, on every phone and computer (issue 10: a
    phone left signed in somewhere is not safe either). A POST, so that another site cannot
    sign someone out."""
    if current_user.is_authenticated:
        devices.end_all_sessions(current_user)
    devices.end_current_session()
    logout_user()
    flash(_("You are signed out."), "success")
    return redirect_to(url_for("home.index"))


LINK_PROBLEM_STATUS = {"unknown": 404, "expired": 410, "used": 410}


def _token_problem(reason: str, ask_coach: bool):
    return render_template("auth/link_problem.html", reason=reason, ask_coach=ask_coach), LINK_PROBLEM_STATUS[reason]


def _choose_password(token: str, purpose: TokenPurpose, template: str):
    """Shared by invitations and resets: show the form, save the password once, sign in."""
    try:
        access = services.usable_token(token, purpose)
    except services.TokenUnusable as problem:
        return _token_problem(problem.reason, ask_coach=purpose is TokenPurpose.INVITATION)
    # Until the person picks a language, the page speaks the one their coach noted for them.
    g.language_hint = access.user.preferred_language
    form = ChoosePasswordForm()
    if form.validate_on_submit():
        try:
            throttle.hit("link-address", (client_address(),), throttle.limit("LINK_LIMIT_PER_ADDRESS"))
            throttle.hit("link-account", (str(access.user_id),), throttle.limit("LINK_LIMIT_PER_ACCOUNT"))
        except throttle.Throttled as refusal:
            form.form_errors.append(refusal.message())
            return render_template(template, form=form, person=access.user), 429
        try:
            user = services.redeem_token(token, purpose, form.password.data)
        except services.TokenUnusable as problem:
            return _token_problem(problem.reason, ask_coach=purpose is TokenPurpose.INVITATION)
        # A new password ends every other session; a long one here only if the person asks.
        devices.end_all_sessions(user)
        devices.open_session(user, remember=form.remember.data)
        flash(_("Your password is saved. You are signed in."), "success")
        return redirect_to(url_for("home.index"))
    return render_template(template, form=form, person=access.user), form_status(form)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token):
    """A new user opens their invitation and chooses a password on their own phone."""
    return _choose_password(token, TokenPurpose.INVITATION, "auth/accept_invitation.html")


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
def forgot_password():
    """Staff ask for a reset link by email; the answer never tells whether the address exists."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        try:
            throttle.hit("forgot-address", (client_address(),), throttle.limit("PASSWORD_FORGOT_LIMIT_PER_ADDRESS"))
        except throttle.Throttled as refusal:
            form.form_errors.append(refusal.message())
            return render_template("auth/forgot_password.html", form=form), 429
        try:
            # Per email, silently: the same answer either way, so the limit tells nothing about the address.
            throttle.hit(
                "forgot-email",
                (services.normalise_sign_in_name(form.email.data),),
                throttle.limit("PASSWORD_FORGOT_LIMIT_PER_EMAIL"),
            )
        except throttle.Throttled:
            pass
        else:
            services.request_password_reset(form.email.data)
        flash(_("If the address is in Vägen, we have sent a link to it. Look in your email."), "success")
        return redirect_to(url_for("auth.sign_in"))
    return render_template("auth/forgot_password.html", form=form), form_status(form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token):
    """Choose a new password from an emailed link."""
    return _choose_password(token, TokenPurpose.PASSWORD_RESET, "auth/reset_password.html")
