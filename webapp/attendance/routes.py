"""Attendance pages: the supervisor's weeks, the participant's own days, the coach's calendar,
the monthly report (page and CSV). Thin views: parse, one service call, render."""

from datetime import date

from flask import (
    Blueprint,
    flash,
    make_response,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from ..access import allow
from ..accounts.models import Role
from ..errors import render_error
from ..extensions import db
from ..fields import parse_day
from ..htmx import redirect_to, render, wants_fragment
from ..participants.services import coaches
from ..pwa.replay import idempotent
from ..security import no_store
from ..timeutil import local_today
from ..week import monday_of
from ..wording import localized
from . import changing, reading, reports
from .days import format_hours, week_days
from .forms import CheckInForm, ConfirmForm, DayForm, ReportForm
from .models import Status
from .reading import AttendanceError

bp = Blueprint("attendance", __name__)


def _day(text: str) -> date:
    """A date in an address; 404 for anything else."""
    day = parse_day(text)
    if day is None or not date.min.year < day.year < date.max.year:  # its week or month would run off the calendar
        raise NotFound()
    return day


@bp.app_template_global("attendance_statuses")
def statuses():
    return list(Status)


@bp.app_template_global("attendance_hours")
def hours_text(minutes: int) -> str:
    """ "7,5 timmar" in the reader's language, plural and number format (CLDR units)."""
    return format_hours(minutes)


@bp.app_template_filter("attendance_day")
def day_text(day: date, skeleton: str = "MMMEEEEd") -> str:
    """A date with its weekday name, in the reader's language and order."""
    return localized(day, skeleton)


@bp.app_template_global("attendance_text")
def words() -> dict[str, str]:
    """The words the week fragment repeats for every day, translated once per week shown.
    (Plain gettext: a per-process cache of these and of the status labels saved nothing
    measurable once the templates say `status.label` instead of looking each label up in a
    fresh table: the weeks page with 8 weeks, 20.6 ms CPU and 82.9k Python calls plain,
    19.8 ms and 81.4k cached; the old table lookups cost 28.0 ms and 118.8k plain.)"""
    return {
        # NOTE: label on the attendance week page
        "other_hours": _("Other hours"),
        "hours_label": _("Hours, if not as scheduled"),
        "save_hours": _("Save the hours"),
        "correct": _("Correct this day"),
        # NOTE: label on the attendance week page
        "status": _("Status"),
        "why": _("Why the change"),
        "save_correction": _("Save the correction"),
        "status_on": _("Status on %(day)s"),
    }


@bp.app_template_global("attendance_local_today")
def today_for_template():
    return local_today()


def _week_response(view, status=200, error=None, form=None):
    return no_store(
        render("attendance/week.html", "attendance/_week.html", status=status, w=view, error=error, form=form)
    )


@bp.get("/attendance/weeks")
@allow(Role.SUPERVISOR)
def weeks():
    """Every week still to confirm, newest first and paged, then the latest confirmed weeks."""
    backlog = reading.supervisor_backlog(current_user, local_today(), request.args.get("page", 1, type=int))
    # The pager swaps the list of weeks to confirm only: the confirmed weeks are on the whole page.
    confirmed = [] if wants_fragment() else reading.recent_confirmed_weeks(current_user)
    return no_store(render("attendance/weeks.html", "attendance/_backlog.html", backlog=backlog, confirmed=confirmed))


@bp.get("/attendance/weeks/<int:placement_id>/<monday>")
@allow(Role.SUPERVISOR)
def week(placement_id, monday):
    """One participant's week, as the supervisor confirms it (the reminder links here)."""
    view = reading.week_for_supervisor(current_user, placement_id, _day(monday))
    return _week_response(view)


@bp.post("/attendance/weeks/<int:placement_id>/<monday>/confirm")
@allow(Role.SUPERVISOR)
@idempotent
def confirm(placement_id, monday):
    """Confirm the whole week in one tap; sending it twice confirms it once."""
    form = ConfirmForm()
    monday = _day(monday)
    if not form.validate_on_submit():
        return _week_response(reading.week_for_supervisor(current_user, placement_id, monday), 422)
    try:
        outcome = changing.confirm_week(current_user, placement_id, monday, local_today(), form.seen_version)
    except AttendanceError as error:
        db.session.rollback()  # a refusal keeps nothing of what the verb began
        view = reading.week_for_supervisor(current_user, placement_id, monday)
        return _week_response(view, 422, error=error)
    if not outcome.changed:
        flash(
            _("This week was already confirmed.")
            if outcome.week.confirmed
            else _("The days so far were already confirmed."),
            "success",
        )
    return _week_response(outcome.week)


@bp.post("/attendance/days/<int:placement_id>/<day>")
@allow(Role.SUPERVISOR)
def change(placement_id, day):
    """One tap on a day's status (and hours where they differ); after confirmation, a correction."""
    form = DayForm()
    day = _day(day)
    placement = reading.placement_of_supervisor(current_user, placement_id)
    if form.validate_on_submit():
        try:
            outcome = changing.change_day(
                current_user, placement, day, form.status.data, form.minutes, form.reason.data or ""
            )
            return _week_response(outcome.week)
        except AttendanceError as problem:
            db.session.rollback()  # a refusal keeps nothing of what the verb began
            message = problem.message
    else:
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    monday = monday_of(day)
    if not any(placement.is_on(d) for d in week_days(monday)):
        return render_error(422, title=message, advice=_("Go back and check the form."))
    view = reading.build_weeks([(placement, monday)])[0]
    return _week_response(view, 422, error={"message": message, "day": day}, form=form)


@bp.get("/attendance/mine")
@allow(Role.PARTICIPANT)
def mine():
    """The participant's own attendance: recent weeks, this week and the next."""
    today = local_today()
    days = reading.own_days(current_user, today)
    return no_store(
        render(
            "attendance/mine.html",
            "attendance/_mine.html",
            today=today,
            form=ReportForm().offer(days["coming"]),
            **days,
        )
    )


@bp.post("/attendance/mine/check-in")
@allow(Role.PARTICIPANT)
@idempotent
def check_in():
    """ "I am here": a proposal the supervisor confirms."""
    form = CheckInForm()
    if form.validate_on_submit():
        try:
            changing.check_in(current_user, local_today())
            flash(_("Thank you. Your supervisor sees that you are here."), "success")
        except AttendanceError as error:
            db.session.rollback()  # a refusal keeps nothing of what the verb began
            flash(error.message, "error")
    return redirect_to(url_for("attendance.mine"))


@bp.post("/attendance/mine/report")
@allow(Role.PARTICIPANT)
@idempotent
def report():
    """Report sick or away on a day, with a reason, before the day."""
    form = ReportForm()
    today = local_today()
    if form.validate_on_submit():
        try:
            changing.report_absence(current_user, form.day.data, form.status.data, form.reason.data, today)
            flash(_("Thank you. Your supervisor sees your message."), "success")
            return redirect_to(url_for("attendance.mine"))
        except AttendanceError as error:
            db.session.rollback()  # a refusal keeps nothing of what the verb began
            if error.field:
                getattr(form, error.field).errors = [error.message]
            else:
                form.form_errors.append(error.message)
    days = reading.own_days(current_user, today)
    return no_store(
        render(
            "attendance/mine.html",
            "attendance/_report_form.html",
            status=422,
            today=today,
            form=form.offer(days["coming"]),
            **days,
        )
    )


@bp.get("/participants/<int:participant_id>/attendance")
@allow(Role.COACH, Role.SUPERVISOR)
def calendar(participant_id):
    """A participant's attendance calendar by month, for their coach (or, to read, a team member)."""
    month = reports.parse_month(request.args.get("month"), local_today())
    participant, months = reports.participant_calendar(current_user, participant_id, month)
    return no_store(
        render(
            "attendance/calendar.html",
            "attendance/_calendar.html",
            participant=participant,
            months=months,
            month=month,
            today=local_today(),
            form=None,
            team_view=not coaches(current_user, participant.id),
            error=None,
        )
    )


@bp.post("/participants/<int:participant_id>/attendance/<int:placement_id>/<day>")
@allow(Role.COACH)
def correct(participant_id, placement_id, day):
    """The coach corrects a confirmed day, with a reason."""
    form = DayForm()
    day = _day(day)
    month = reports.Month(day.replace(day=1))
    error = None
    if form.validate_on_submit():
        try:
            changing.correct_day_as_coach(
                current_user, placement_id, day, form.status.data, form.minutes, form.reason.data or ""
            )
            flash(_("The correction is saved."), "success")
        except AttendanceError as problem:
            db.session.rollback()  # a refusal keeps nothing of what the verb began
            error = {"message": problem.message, "day": day}
    else:
        error = {"message": " ".join(str(e) for errors in form.errors.values() for e in errors), "day": day}
    participant, months = reports.participant_calendar(current_user, participant_id, month)
    if all(m.placement.id != placement_id for m in months):
        raise NotFound()
    return no_store(
        render(
            "attendance/calendar.html",
            "attendance/_calendar.html",
            status=422 if error else 200,
            participant=participant,
            months=months,
            month=month,
            today=local_today(),
            form=form,
            error=error,
        )
    )


@bp.get("/attendance/reports/<int:placement_id>/<month>")
@allow(Role.COACH, Role.SUPERVISOR)
def monthly(placement_id, month):
    """The month on paper: each day, totals, the confirmations, and room to sign."""
    report = reports.monthly_report(current_user, placement_id, reports.parse_month(month, local_today()))
    # The supervisor sees only the name the participant goes by; the coach the full name.
    full_name = report.placement.supervisor_id != current_user.id
    return no_store(
        make_response(render_template("attendance/report.html", report=report, Status=Status, full_name=full_name))
    )


@bp.get("/attendance/reports/<int:placement_id>/<month>.csv")
@allow(Role.COACH, Role.SUPERVISOR)
def monthly_csv(placement_id, month):
    """The same month as CSV: one row per day, then the totals."""
    report = reports.monthly_report(current_user, placement_id, reports.parse_month(month, local_today()))
    return no_store(reports.monthly_csv(report))
