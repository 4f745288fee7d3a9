"""Each person's notifications: the list (read and unread), opening one (it is then read, and
the person is taken to the thing), and "mark all as read". Only ever the person's own."""

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..htmx import redirect_to, render, render_form
from . import services
from .channels import CHANNELS, QUIET_FROM, QUIET_UNTIL, chosen_channels, setting_of
from .forms import SettingsForm
from .push import push_enabled
from .texts import sentence

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@allow()
def index():
    """The signed-in person's notifications, newest first; the unread ones marked as such."""
    page = services.notifications_of(current_user, request.args.get("page", 1, type=int))
    items = [(n, sentence(n)) for n in page.items]
    return render("notifications/index.html", "notifications/_list.html", pages=page, items=items)


@bp.get("/<int:notification_id>")
@allow()
def open(notification_id):
    """Opening a notification reads it and goes to the thing it is about."""
    url = services.open_notification(current_user, notification_id)
    # Only a path inside Vägen is followed (the listener stores paths, never addresses).
    if not url.startswith("/") or url.startswith("//"):
        url = url_for("notifications.index")
    return redirect(url, 303)


@bp.post("/read")
@allow()
def read_all():
    """Every notification of the person is marked read."""
    services.mark_all_read(current_user)
    return redirect_to(url_for("notifications.index"))


@bp.route("/settings", methods=["GET", "POST"])
@allow()
def settings():
    """How the person is told beyond the app: texts, pushes, e-mail, and quiet hours."""
    setting = setting_of(current_user)
    form = SettingsForm()
    if form.validate_on_submit():
        services.save_settings(
            current_user,
            form.phone.data,
            form.sms.data,
            form.push.data,
            form.email.data,
            form.quiet_from.data,
            form.quiet_until.data,
        )
        flash(_("Your choices are saved."), "success")
        return redirect_to(url_for("notifications.settings"))
    if not form.is_submitted():
        chosen = chosen_channels(current_user, setting, has_push=True)
        form.phone.data = setting.phone
        for channel in CHANNELS:
            getattr(form, channel).data = channel in chosen
        form.quiet_from.data = setting.quiet_from or QUIET_FROM
        form.quiet_until.data = setting.quiet_until or QUIET_UNTIL
    return render_form(
        "notifications/settings.html",
        "notifications/_settings.html",
        form,
        vapid_key=current_app.config.get("VAPID_PUBLIC_KEY") if push_enabled() else None,
    )


@bp.post("/push-subscription")
@allow()
def push_subscription():
    """The installed app's push address and keys (sent by static/js/push.js)."""
    data = request.get_json(silent=True) or {}
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    try:
        services.add_push_subscription(
            current_user, str(data.get("endpoint", "")), str(keys.get("p256dh", "")), str(keys.get("auth", ""))
        )
    except ValueError:
        return {"saved": False}, 422
    return {"saved": True}, 201
