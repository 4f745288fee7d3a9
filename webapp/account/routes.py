"""Your account: where you are signed in, signing out everywhere, a new password, and for
coaches and admins an authenticator app (which a programme admin can make a must)."""

from flask import Blueprint, abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..auth import devices, throttle
from ..auth import second_factor as factor
from ..auth.forms import CodeForm
from ..auth.services import change_password, password_is_right
from ..extensions import db
from ..htmx import redirect_to
from .forms import ChangePasswordForm, PasswordCheckForm, ProgrammeSecondFactorForm

bp = Blueprint("account", __name__, url_prefix="/account")


def _administered_programmes(user):
    return sorted(
        {m.organisation.programme for m in user.memberships if m.role is Role.PROGRAMME_ADMIN},
        key=lambda programme: programme.name,
    )


def _page(password_form=None, status=200):
    programmes = [
        (programme, ProgrammeSecondFactorForm(formdata=None, require_second_factor=programme.require_second_factor))
        for programme in _administered_programmes(current_user)
    ]
    return render_template(
        "account/index.html",
        sessions=devices.open_sessions(current_user),
        this_session=devices.current_session(),
        password_form=password_form or ChangePasswordForm(),
        may_enrol=factor.may_enrol(current_user),
        enrolled=factor.enrolled(current_user),
        programmes=programmes,
    ), status


@bp.get("/")
@allow()
def index():
    """The signed-in person's own account page."""
    return _page()


@bp.post("/sign-out-everywhere")
@allow()
def sign_out_everywhere():
    """End every session of this person, this one included (a lost phone, a shared computer)."""
    devices.end_all_sessions(current_user)
    devices.end_current_session()
    flash(_("You are signed out on every phone and computer."), "success")
    return redirect_to("/")


@bp.post("/password")
@allow()
def password():
    """A new password; every other phone and computer is signed out."""
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        changed = change_password(current_user, form.current.data, form.password.data)
    except throttle.Throttled as refusal:
        form.form_errors.append(refusal.message())
        return _page(form, 429)
    if not changed:
        form.current.errors.append(_("That is not your password now."))
        return _page(form, 422)
    flash(_("Your new password is saved. Other phones and computers are signed out."), "success")
    return redirect_to("/account/")


# Pages a person who must enrol can still reach.
ENROLMENT_EXEMPT = {
    "static",
    "account.second_factor",
    "account.confirm_second_factor",
    "auth.sign_out",
    "home.language",
}


@bp.before_app_request
def send_staff_to_enrol():
    """Coaches and admins of a programme that requires a second factor enrol before anything else."""
    if request.endpoint in ENROLMENT_EXEMPT or request.endpoint is None or not current_user.is_authenticated:
        return None
    if factor.required_for(current_user) and not factor.enrolled(current_user):
        flash(_("Your programme asks you to sign in with an authenticator app. Set it up now."), "info")
        return redirect_to(url_for("account.second_factor"))
    return None


def _second_factor_page(form=None, codes=None, disable_form=None, status=200):
    context = {
        "enrolled": factor.enrolled(current_user),
        "codes": codes,
        "form": form or CodeForm(),
        "disable_form": disable_form or PasswordCheckForm(),
    }
    if context["enrolled"]:
        context["codes_left"] = factor.recovery_codes_left(current_user)
    else:
        secret = factor.pending_secret(current_user)
        context["secret"] = secret
        context["qr"] = factor.qr_svg(factor.provisioning_uri(current_user, secret))
    return render_template("account/second_factor.html", **context), status


@bp.get("/second-factor")
@allow(*factor.MAY_ENROL)
def second_factor():
    """Set up an authenticator app: a QR code (and the key to type), then a first code."""
    return _second_factor_page()


@bp.post("/second-factor")
@allow(*factor.MAY_ENROL)
def confirm_second_factor():
    """The first code from the app turns the second factor on; the recovery codes are shown once."""
    form = CodeForm()
    if not form.validate_on_submit():
        return _second_factor_page(form, status=422)
    try:
        codes = factor.confirm(current_user, form.code.data)
    except throttle.Throttled as refusal:
        form.form_errors.append(refusal.message())
        return _second_factor_page(form, status=429)
    if codes is None:
        form.code.errors.append(_("That code is not right. Use the newest code in your app."))
        return _second_factor_page(form, status=422)
    flash(_("Your authenticator app is set up. Keep your recovery codes somewhere safe."), "success")
    return _second_factor_page(codes=codes)


@bp.post("/second-factor/disable")
@allow(*factor.MAY_ENROL)
def disable_second_factor():
    """Turn the authenticator off, with the password; not where the programme requires it."""
    form = PasswordCheckForm()
    if factor.required_for(current_user):
        form.form_errors.append(_("Your programme requires an authenticator app, so it cannot be turned off."))
        return _second_factor_page(disable_form=form, status=422)
    if not form.validate_on_submit():
        return _second_factor_page(disable_form=form, status=422)
    try:
        right = password_is_right(current_user, form.password.data)
    except throttle.Throttled as refusal:
        form.form_errors.append(refusal.message())
        return _second_factor_page(disable_form=form, status=429)
    if not right:
        form.password.errors.append(_("That is not your password now."))
        return _second_factor_page(disable_form=form, status=422)
    factor.disable(current_user)
    flash(_("The authenticator app is turned off. You sign in with your password only."), "success")
    return redirect_to(url_for("account.index"))


@bp.post("/programme/<int:programme_id>/second-factor")
@allow(Role.PROGRAMME_ADMIN)
def programme_second_factor(programme_id):
    """A programme admin decides whether the programme's coaches and admins must use an app."""
    programme = next((p for p in _administered_programmes(current_user) if p.id == programme_id), None)
    if programme is None:
        abort(404)
    form = ProgrammeSecondFactorForm()
    if not form.validate_on_submit():
        return _page(status=422)
    programme.require_second_factor = form.require_second_factor.data
    db.session.flush()
    flash(
        _("Saved: coaches and admins of %(programme)s must use an authenticator app.", programme=programme.name)
        if programme.require_second_factor
        else _(
            "Saved: an authenticator app is a choice for coaches and admins of %(programme)s.", programme=programme.name
        ),
        "success",
    )
    return redirect_to(url_for("account.index"))
