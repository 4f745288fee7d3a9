"""`flask send-reminders` runs every registered reminder and says how many each sent."""

from webapp import reminders


def test_send_reminders_runs_each_registered_reminder_once(app):
    calls = []

    def weekly_thing(today):
        calls.append(today)
        return 2

    reminders.register_reminders(app, weekly_thing)
    reminders.register_reminders(app, weekly_thing)
    try:
        result = app.test_cli_runner().invoke(args=["send-reminders"])
    finally:
        app.extensions["reminders"].remove(weekly_thing)
    assert result.exit_code == 0
    assert "weekly_thing\t2" in result.output
    assert len(calls) == 1


def test_the_hooks_between_features_are_the_ones_create_app_lists(app):
    """Registered in one visible place (register_hooks), whatever modules happen to be imported."""
    assert [f.__name__ for f in app.extensions["reminders"]] == [
        "unconfirmed_attendance_weeks",
        "feedback_due",
        "esf_follow_ups_due",
        "meetings_tomorrow",
        "steps_due_tomorrow",
        "ratings_due",
        "months_to_certify",
        "unanswered_proposals",
        "absences_recorded",
    ]
    assert [f.__name__ for f in app.extensions["week_sources"]] == ["placement_days", "activity_days", "appointments"]
