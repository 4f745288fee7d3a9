"""What happened, for whoever must hear of it: the one list of events features raise.

A feature raises an event inside the request that made the change, so whatever listens
(notifications, issue 17) writes in the same transaction. The sender is the object the event
is about; the feature, which knows who is concerned, names them, and says where the thing is:

    events.message_sent.send(message, recipients=[user, ...], url=url_for("team.thread", ...))

`recipients` are User rows (never the person who acted); `url` is a path inside Vägen.

Listeners are connected in create_app's `register_hooks`, never by importing a module.
Add an event here before raising it, with one line on when it is raised.
"""

from blinker import Namespace
from flask import current_app, has_request_context, url_for

_events = Namespace()

# Placements and referrals.
proposal_made = _events.signal("proposal-made")  # a coach proposes an opening to a participant
proposal_decided = _events.signal("proposal-decided")  # the participant accepts or declines
referral_decided = _events.signal("referral-decided")  # an employer accepts or refuses a referral
# The plan.
meeting_booked = _events.signal("meeting-booked")
meeting_changed = _events.signal("meeting-changed")
meeting_cancelled = _events.signal("meeting-cancelled")
step_assigned = _events.signal("step-assigned")  # a step is given to a member of the team
# Attendance and feedback.
reported_sick = _events.signal("reported-sick")  # a participant reports sick or absent
feedback_given = _events.signal("feedback-given")
# The team around the participant (issue 18).
team_member_added = _events.signal("team-member-added")
message_sent = _events.signal("message-sent")
messages_allowed = _events.signal("messages-allowed")  # a participant lets a team member write to them
note_written = _events.signal("note-written")
document_added = _events.signal("document-added")
# Reminders (`flask send-reminders`, issue 17): raised once each, with a dedupe key.
meeting_tomorrow = _events.signal("meeting-tomorrow")  # a participant has a meeting tomorrow
step_due = _events.signal("step-due")  # a step of the participant's plan is due tomorrow
rating_due = _events.signal("rating-due")  # time for the participant's self-rating
proposal_unanswered = _events.signal("proposal-unanswered")  # the participant has not answered for days
absence_recorded = _events.signal("absence-recorded")  # a supervisor wrote down a day away not reported
week_unconfirmed = _events.signal("week-unconfirmed")  # a supervisor has a week to confirm for N days
feedback_due = _events.signal("feedback-due")  # a supervisor's feedback point is due
month_ready = _events.signal("month-ready")  # a month of the participant's time is ready to certify


def all_events() -> dict:
    """Every event by name (for the listener that turns them into notifications)."""
    return dict(_events)


def about_participant(participant) -> dict:
    """What an event about a participant carries: their name, as notifications show it, and their
    id, by which the participant's own notification says "you" (notifications.texts)."""
    return {"participant": participant.called, "participant_id": participant.id}


def path_to(endpoint: str, **values) -> str:
    """The path of a page, for an event's `url`: also outside a request (a reminder run from
    cron, a test calling a verb), where url_for would need a server name."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)
