"""Attendance pages: the supervisor's weeks, the participant's own days, the coach's calendar,
the monthly report (page and CSV). Thin views: parse, one service call, render."""
import csv
import io
from datetime import date, timedelta

from flask import Blueprint, Response, flash, g, make_response, render_template, request, url_for
from flask_babel import format_date, format_datetime, format_decimal, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from ..access import allow
from ..errors import render_error
from ..accounts.models import Role
from ..htmx import add_vary, redirect_to, render
from ..timeutil import local_today
from . import services
from .days import format_hours
from .forms import CheckInForm, ConfirmForm, DayForm, ReportForm
from .models import Status
from .services import AttendanceError

bp = Blueprint("attendance", __name__)


def _day(text: str) -> date:
    """A date in an address; 404 for anything else."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise NotFound() from None
    if not date.min.year < day.year < date.max.year:  # its week or month would run off the calendar
        raise NotFound()
    return day


def _no_store(response: Response) -> Response:
    # Attendance is personal data: no copies in shared phones' caches.
    response.headers["Cache-Control"] = "no-store"
    return add_vary(response)


@bp.app_template_global("attendance_supervisor_home")
def supervisor_home_weeks(show_all: bool) -> tuple[list, int]:
    """For the supervisor's home page (templates/home/supervisor.html includes our fragment):
    the weeks newest first, this week and last week (what needs doing now), and how many
    older weeks wait behind a link (`?weeks=all` shows them too)."""
    today = local_today()
    weeks = sorted(services.supervisor_weeks(current_user, today), key=lambda w: w.monday, reverse=True)
    if show_all:
        return weeks, 0
    since = services.monday_of(today) - timedelta(weeks=1)
    recent = [w for w in weeks if w.monday >= since]
    return recent, len(weeks) - len(recent)


@bp.app_template_global("attendance_statuses")
def statuses():
    return list(Status)


def _per_request(name: str) -> dict:
    # A week page repeats the same few words and numbers hundreds of times; translating
    # each once per request keeps a 25-participant page fast.
    cache = g.setdefault("attendance_cache", {})
    return cache.setdefault(name, {})


@bp.app_template_global("attendance_labels")
def status_labels() -> dict[str, str]:
    """Each status's label in the reader's language, by value."""
    labels = _per_request("labels")
    if not labels:
        labels.update({s.value: str(s.label) for s in Status})
    return labels


@bp.app_template_global("attendance_hours")
def hours_text(minutes: int) -> str:
    """"7,5 hours" in the reader's language and number format."""
    cache = _per_request("hours")
    if minutes not in cache:
        whole = minutes % 60 == 0
        cache[minutes] = ngettext("%(hours)s hour", "%(hours)s hours", minutes // 60 if whole else 100,
                                  hours=format_decimal(minutes / 60, format="#,##0.##"))
    return cache[minutes]


@bp.app_template_filter("attendance_day")
def day_text(day: date, pattern: str = "EEEE d MMM") -> str:
    """A date with its weekday name, in the reader's language."""
    cache = _per_request("days")
    if (day, pattern) not in cache:
        cache[(day, pattern)] = format_date(day, pattern)
    return cache[(day, pattern)]


@bp.app_template_global("attendance_text")
def words() -> dict[str, str]:
    """The words the week fragment repeats for every day."""
    found = _per_request("words")
    if not found:
        found.update({
            "other_hours": _("Other hours"), "hours_label": _("Hours, if not as scheduled"),
            "save_hours": _("Save the hours"), "correct": _("Correct this day"), "status": _("Status"),
            "why": _("Why the change"), "save_correction": _("Save the correction"),
            "status_on": _("Status on %(day)s"),
        })
    return found


@bp.app_template_global("attendance_local_today")
def today_for_template():
    return local_today()


@bp.app_template_global("attendance_participant_today")
def participant_today_for_template():
    return services.participant_weeks(current_user, local_today(), weeks_back=0)


def _week_response(view, status=200, error=None, form=None):
    return _no_store(render("attendance/week.html", "attendance/_week.html", status=status,
                            w=view, error=error, form=form))


@bp.get("/attendance/weeks/<int:placement_id>/<monday>")
@allow(Role.SUPERVISOR)
def week(placement_id, monday):
    """One participant's week, as the supervisor confirms it (the reminder links here)."""
    view = services.week_for_supervisor(current_user, placement_id, _day(monday))
    return _week_response(view)


@bp.post("/attendance/weeks/<int:placement_id>/<monday>/confirm")
@allow(Role.SUPERVISOR)
def confirm(placement_id, monday):
    """Confirm the whole week in one tap; sending it twice confirms it once."""
    form = ConfirmForm()
    monday = _day(monday)
    if not form.validate_on_submit():
        return _week_response(services.week_for_supervisor(current_user, placement_id, monday), 422)
    try:
        outcome = services.confirm_week(current_user, placement_id, monday, local_today(), form.seen_version)
    except AttendanceError as error:
        view = services.week_for_supervisor(current_user, placement_id, monday)
        return _week_response(view, 422, error=error)
    if not outcome.changed:
        flash(_("This week was already confirmed."), "success")
    return _week_response(outcome.week)


@bp.post("/attendance/days/<int:placement_id>/<day>")
@allow(Role.SUPERVISOR)
def change(placement_id, day):
    """One tap on a day's status (and hours where they differ); after confirmation, a correction."""
    form = DayForm()
    day = _day(day)
    placement = services.placement_of_supervisor(current_user, placement_id)
    if form.validate_on_submit():
        try:
            outcome = services.change_day(current_user, placement, day, Status(form.status.data), form.minutes,
                                          form.reason.data or "")
            return _week_response(outcome.week)
        except AttendanceError as problem:
            message = problem.message
    else:
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    monday = services.monday_of(day)
    if not any(placement.is_on(d) for d in services.week_days(monday)):
        return render_error(422, title=message, advice=_("Go back and check the form."))
    view = services.build_weeks([(placement, monday)])[0]
    return _week_response(view, 422, error={"message": message, "day": day}, form=form)


@bp.get("/attendance/mine")
@allow(Role.PARTICIPANT)
def mine():
    """The participant's own attendance: recent weeks, this week and the next."""
    weeks = services.participant_weeks(current_user, local_today())
    return _no_store(render("attendance/mine.html", "attendance/_mine.html", weeks=weeks, today=local_today(),
                            form=ReportForm()))


@bp.post("/attendance/mine/check-in")
@allow(Role.PARTICIPANT)
def check_in():
    """"I am here": a proposal the supervisor confirms."""
    form = CheckInForm()
    if form.validate_on_submit():
        try:
            services.check_in(current_user, local_today())
            flash(_("Thank you. Your supervisor sees that you are here."), "success")
        except AttendanceError as error:
            flash(error.message, "error")
    return redirect_to(url_for("attendance.mine"))


@bp.post("/attendance/mine/report")
@allow(Role.PARTICIPANT)
def report():
    """Report sick or away on a day, with a reason, before the day."""
    form = ReportForm()
    today = local_today()
    if form.validate_on_submit():
        try:
            services.report_absence(current_user, date.fromisoformat(form.day.data.strip()),
                                    Status(form.status.data), form.reason.data, today)
            flash(_("Thank you. Your supervisor sees your message."), "success")
            return redirect_to(url_for("attendance.mine"))
        except AttendanceError as error:
            if error.field:
                getattr(form, error.field).errors = [error.message]
            else:
                form.form_errors.append(error.message)
    weeks = services.participant_weeks(current_user, today)
    return _no_store(render("attendance/mine.html", "attendance/_report_form.html", status=422,
                            weeks=weeks, today=today, form=form))


@bp.get("/participants/<int:participant_id>/attendance")
@allow(Role.COACH)
def calendar(participant_id):
    """A participant's attendance calendar by month, for their coach."""
    month = services.parse_month(request.args.get("month"), local_today())
    participant, months = services.participant_calendar(current_user, participant_id, month)
    return _no_store(render("attendance/calendar.html", "attendance/_calendar.html", participant=participant,
                            months=months, month=month, today=local_today(), form=None, error=None))


@bp.post("/participants/<int:participant_id>/attendance/<int:placement_id>/<day>")
@allow(Role.COACH)
def correct(participant_id, placement_id, day):
    """The coach corrects a confirmed day, with a reason."""
    form = DayForm()
    day = _day(day)
    month = services.Month(day.replace(day=1))
    error = None
    if form.validate_on_submit():
        try:
            services.correct_day_as_coach(current_user, placement_id, day, Status(form.status.data), form.minutes,
                                          form.reason.data or "")
            flash(_("The correction is saved."), "success")
        except AttendanceError as problem:
            error = {"message": problem.message, "day": day}
    else:
        error = {"message": " ".join(str(e) for errors in form.errors.values() for e in errors), "day": day}
    participant, months = services.participant_calendar(current_user, participant_id, month)
    if all(m.placement.id != placement_id for m in months):
        raise NotFound()
    return _no_store(render("attendance/calendar.html", "attendance/_calendar.html", status=422 if error else 200,
                            participant=participant, months=months, month=month, today=local_today(),
                            form=form, error=error))


@bp.get("/attendance/reports/<int:placement_id>/<month>")
@allow(Role.COACH, Role.SUPERVISOR)
def monthly(placement_id, month):
    """The month on paper: each day, totals, the confirmations, and room to sign."""
    report = services.monthly_report(current_user, placement_id, services.parse_month(month, local_today()))
    # The supervisor sees only the name the participant goes by; the coach the full name.
    full_name = report.placement.supervisor_id != current_user.id
    return _no_store(make_response(render_template("attendance/report.html", report=report, Status=Status,
                                                   full_name=full_name)))


@bp.get("/attendance/reports/<int:placement_id>/<month>.csv")
@allow(Role.COACH, Role.SUPERVISOR)
def monthly_csv(placement_id, month):
    """The same month as CSV: one row per day, then the totals."""
    report = services.monthly_report(current_user, placement_id, services.parse_month(month, local_today()))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Date"), _("Weekday"), _("Status"), _("Hours"), _("Scheduled hours"), _("Confirmed by"),
                     _("Confirmed at")])
    for shown in report.days:
        week = report.week_of(shown.day)
        confirmed = week is not None and week.confirmed_at is not None
        writer.writerow([shown.day.isoformat(), format_date(shown.day, "EEEE"), shown.status.label,
                         format_hours(shown.minutes), format_hours(shown.scheduled),
                         week.confirmed_by.called if confirmed and week.confirmed_by else "",
                         format_datetime(week.confirmed_at, "yyyy-MM-dd HH:mm") if confirmed else ""])
    writer.writerow([_("Total"), "", "", format_hours(report.total_minutes), format_hours(report.scheduled_minutes), "", ""])
    response = make_response("\ufeff" + out.getvalue())
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="attendance-{placement_id}-{report.month.key}.csv"'
    return _no_store(response)
