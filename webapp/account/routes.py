"""Your account: where you are signed in, signing out everywhere, a new password."""
from flask import Blueprint, flash, render_template
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..auth import devices, throttle
from ..auth.services import change_password
from ..htmx import redirect_to
from .forms import ChangePasswordForm

bp = Blueprint("account", __name__, url_prefix="/account")


def _page(password_form=None, status=200):
    return render_template("account/index.html", sessions=devices.open_sessions(current_user),
                           this_session=devices.current_session(),
                           password_form=password_form or ChangePasswordForm()), status


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
