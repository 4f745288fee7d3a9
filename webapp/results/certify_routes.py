"""Certified time: the participant's month, one tap to certify or a day disputed; the certificate;
which months are certified, for coaches and programme admins."""

from datetime import date

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..attendance.services import Month, parse_month
from ..fields import parse_day
from ..input import whole_number
from ..security import no_store
from ..timeutil import local_today
from . import attendance_report
from . import certify as services
from .routes import bp


def _message(error: services.CertifyError) -> str:
    return {
        "future": _("This month has not begun yet. Choose a month up to this one."),
        "not_ended": _("You can certify this month on its last day or later."),
        "no_reason": _("Please write what is wrong with the day."),
        "too_long": ngettext(
            "Please write at most %(num)d character.",
            "Please write at most %(num)d characters.",
            services.REASON_LENGTH,
        ),
    }[str(error)]


def last_month(today: date) -> Month:
    """The month to certify: this one on its last day, else the one before."""
    month = Month(today.replace(day=1))
    return month if month.last == today else month.previous


def _personal(template: str, status: int = 200, **context):
    """Every page here is someone's hours: rendered, and kept in no cache."""
    return no_store(make_response(render_template(template, **context), status))


def _my_month(month: Month, error: str | None = None, status: int = 200):
    hours = services.month_hours(current_user, month)
    return _personal("results/my_time.html", status, hours=hours, error=error, today=local_today())


@bp.get("/results/my-time")
@allow(Role.PARTICIPANT)
def my_time_now():
    """The month there is to certify."""
    return redirect(url_for("results.my_time", month=last_month(local_today()).key))


@bp.get("/results/my-time/<month>")
@allow(Role.PARTICIPANT)
def my_time(month):
    """The participant's confirmed hours of a month, with one tap to certify them."""
    month = parse_month(month, local_today())
    try:
        services.check_month(month, local_today())
    except services.CertifyError as error:
        return _my_month(month, _message(error), 422)
    return _my_month(month)


@bp.post("/results/my-time/<month>/certify")
@allow(Role.PARTICIPANT)
def certify(month):
    """Certify the month as shown (a double tap counts once)."""
    month = parse_month(month, local_today())
    try:
        services.certify(current_user, month, local_today())
    except services.CertifyError as error:
        return _my_month(month, _message(error), 422)
    flash(_("Thank you. Your time for the month is certified."), "success")
    return redirect(url_for("results.my_time", month=month.key), 303)


@bp.post("/results/my-time/<month>/dispute")
@allow(Role.PARTICIPANT)
def dispute(month):
    """Say that a day is wrong, and why: the coach and the supervisor see it."""
    month = parse_month(month, local_today())
    day = parse_day(request.form.get("day"))
    placement_id = whole_number(request.form.get("placement_id"))
    if day is None or placement_id is None:
        return _my_month(month, _("Choose the day that is wrong."), 422)
    try:
        services.dispute(current_user, month, placement_id, day, request.form.get("reason", ""), local_today())
    except services.CertifyError as error:
        return _my_month(month, _message(error), 422)
    flash(_("Thank you. Your coach and your supervisor will see what you wrote."), "success")
    return redirect(url_for("results.my_time", month=month.key), 303)


@bp.get("/results/certificate/<int:participant_id>/<month>")
@allow(Role.PARTICIPANT, Role.COACH, Role.PROGRAMME_ADMIN)
def certificate(participant_id, month):
    """The month's certificate, to print: hours per day and activity type, who confirmed, when certified."""
    participant = services.participant_for_certificate(current_user, participant_id)
    hours = services.month_hours(participant, parse_month(month, local_today()))
    return _personal("results/certificate.html", hours=hours)


@bp.get("/results/time")
@allow(Role.COACH, Role.PROGRAMME_ADMIN)
def time_now():
    """Last month's certified time."""
    return redirect(url_for("results.time_overview", month=last_month(local_today()).key))


@bp.get("/results/time/<month>")
@allow(Role.COACH, Role.PROGRAMME_ADMIN)
def time_overview(month):
    """Which participants certified the month, and where a day is disputed."""
    month = parse_month(month, local_today())
    return _personal("results/time.html", month=month, statuses=services.month_overview(current_user, month))


@bp.get("/results/attendance/<month>")
@allow(Role.COACH, Role.PROGRAMME_ADMIN)
def attendance(month):
    """The month's attendance for all the person's participants, across placements."""
    month = parse_month(month, local_today())
    return _personal(
        "results/attendance.html",
        month=month,
        rows=attendance_report.month_attendance(current_user, month),
        statuses=attendance_report.STATUSES,
    )


@bp.app_template_global()
def local_month_key() -> str:
    """This month as the results' addresses write it (2026-11); formatting only, no query."""
    return local_today().strftime("%Y-%m")
