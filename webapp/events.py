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
note_written = _events.signal("note-written")
document_added = _events.signal("document-added")
