"""`flask send-reminders` runs every registered reminder and says how many each sent."""
from webapp import reminders


def test_send_reminders_runs_each_registered_reminder_once(app):
    calls = []

    def weekly_thing(today):
        calls.append(today)
        return 2

    reminders.reminder(weekly_thing)
    reminders.reminder(weekly_thing)
    try:
        result = app.test_cli_runner().invoke(args=["send-reminders"])
    finally:
        reminders._REMINDERS.remove(weekly_thing)
    assert result.exit_code == 0
    assert "weekly_thing\t2" in result.output
    assert len(calls) == 1
