"""`flask send-reminders`: one mail per supervisor with unconfirmed past weeks, in their
language, linking straight to each week; never twice for the same week."""

import re
from datetime import date, timedelta

from sqlalchemy import delete, select

from webapp import reminders
from webapp.accounts.models import Role
from webapp.attendance import services
from webapp.attendance.models import AttendanceReminder
from webapp.extensions import db
from webapp.outbox.models import OutboxMessage

from ..conftest import counting
from ..factories import make_placement, make_user

TODAY = date(2026, 11, 23)


def attendance_mails():
    """The attendance reminders in the outbox (other features remind about their own things)."""
    return [m for m in db.session.scalars(select(OutboxMessage)) if "/attendance/weeks/" in m.body]


def test_each_supervisor_gets_one_reminder_in_their_language_with_links_to_the_weeks(app):
    swedish = make_placement()  # from 2 November: weeks 45, 46, 47 are past
    services.confirm_week(swedish.supervisor, swedish.id, date(2026, 11, 2), TODAY)
    arabic_supervisor = make_user(Role.SUPERVISOR, preferred_language="ar")
    arabic = make_placement(supervisor=arabic_supervisor, starts_on=date(2026, 11, 16))
    make_placement(starts_on=date(2026, 11, 23))  # nothing past yet: no mail

    assert reminders.send_all(TODAY)["unconfirmed_attendance_weeks"] == 2
    mails = {m.to_address: m for m in attendance_mails()}
    assert set(mails) == {swedish.supervisor.email, arabic_supervisor.email}
    body = mails[swedish.supervisor.email].body
    assert "Vecka 46" in body and "Vecka 47" in body and "Vecka 45" not in body
    assert f"http://localhost/attendance/weeks/{swedish.id}/2026-11-09" in body
    assert mails[swedish.supervisor.email].subject == "Vägen: bekräfta närvaron"
    assert "الأسبوع 47" in mails[arabic_supervisor.email].body
    assert f"/attendance/weeks/{arabic.id}/2026-11-16" in mails[arabic_supervisor.email].body

    assert reminders.send_all(TODAY)["unconfirmed_attendance_weeks"] == 0
    assert len(attendance_mails()) == 2
    # A week later, only the newly past week is news.
    assert reminders.send_all(TODAY + timedelta(days=7))["unconfirmed_attendance_weeks"] == 3
    assert db.session.scalar(select(AttendanceReminder).where(AttendanceReminder.monday == date(2026, 11, 23)))


def test_the_command_runs_our_reminder(app):
    make_placement()
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0 and "unconfirmed_attendance_weeks\t" in result.output


def test_the_run_asks_for_the_supervisors_memberships_once_however_many_are_reminded(app):
    """Each mail is kept under its supervisor's programme and each notification goes by the
    channels their roles suggest, both read from their memberships: asked for all the
    supervisors at once, not once or twice per supervisor."""

    def membership_queries() -> int:
        db.session.expunge_all()  # a cron run starts with nobody loaded
        with counting() as statements:
            reminders.send_all(TODAY)
        db.session.commit()
        return sum(1 for s in statements if re.search(r"\bFROM membership\b", s))

    for _ in range(2):
        make_placement()
    few = membership_queries()
    for _ in range(4):
        make_placement()
    db.session.execute(delete(AttendanceReminder))  # so that all six are reminded again
    db.session.commit()
    assert membership_queries() == few
    assert len(attendance_mails()) == 8


def test_the_run_reads_a_few_supervisors_at_a_time_and_still_reminds_each_once(app, monkeypatch):
    """Nothing loads every placement or every reminder ever sent: supervisors are read in
    batches, and every supervisor of every batch gets their one mail."""
    from webapp.attendance import reminders as attendance_reminders

    monkeypatch.setattr(attendance_reminders, "SUPERVISORS_AT_ONCE", 2)
    placements = [make_placement() for _ in range(5)]
    with counting() as counted, app.test_request_context("/"):  # mail needs links, as in send_all
        assert attendance_reminders.unconfirmed_attendance_weeks(TODAY) == 5
    statements = [" ".join(s.split()) for s in counted]

    assert sorted(m.to_address for m in attendance_mails()) == sorted(p.supervisor.email for p in placements)
    table = re.compile(r"FROM (placement|attendance_reminder)\b")
    reads = [s for s in statements if s.startswith("SELECT") and table.search(s)]
    whole = [s for s in reads if "supervisor_id IN" not in s and "supervisor_id >" not in s]
    assert reads and not whole, whole
    with app.test_request_context("/"):
        assert attendance_reminders.unconfirmed_attendance_weeks(TODAY) == 0
