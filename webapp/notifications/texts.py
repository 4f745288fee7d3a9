"""A notification's sentence, made when it is read, in the reader's language.

Each kind has one function from the notification's params to a whole sentence (named
placeholders, no joined fragments). Where the participant and the people around them read
different sentences, the participant's own notification says "you"."""

from flask_babel import gettext as _
from flask_babel import ngettext

from ..dates import format_date, format_datetime, stored_day, stored_moment
from ..timeutil import STOCKHOLM
from .models import Notification


def _day(text: str | None) -> str:
    return format_date(stored_day(text), "EEEE d MMMM") if text else ""


def _moment(text: str | None) -> str:
    if not text:
        return ""
    return format_datetime(stored_moment(text).astimezone(STOCKHOLM), "EEEE d MMMM HH:mm")


def _own(n: Notification) -> bool:
    """The participant the event is about is the reader."""
    return n.params.get("participant_id") == n.recipient_id


def _proposal_made(n, p):
    return _("Your coach suggests a placement for you: %(opening)s.", opening=p.get("opening", ""))


def _proposal_decided(n, p):
    state, opening, name = p.get("state"), p.get("opening", ""), p.get("participant", "")
    if state == "interested":
        return _("%(name)s is interested in the placement %(opening)s.", name=name, opening=opening)
    if state == "not_interested":
        return _("%(name)s is not interested in the placement %(opening)s.", name=name, opening=opening)
    if state == "accepted":
        if _own(n):
            return _("The workplace said yes: you have the placement %(opening)s.", opening=opening)
        return _("The workplace said yes to %(name)s for the placement %(opening)s.", name=name, opening=opening)
    if _own(n):
        return _("The workplace said no to the placement %(opening)s.", opening=opening)
    return _("The workplace said no to %(name)s for the placement %(opening)s.", name=name, opening=opening)


def _referral_decided(n, p):
    status, activity, name = p.get("status"), p.get("activity", ""), p.get("participant", "")
    if status == "accepted":
        if _own(n):
            return _("You have a place at %(activity)s.", activity=activity)
        return _("%(name)s has a place at %(activity)s.", name=name, activity=activity)
    if status == "waitlisted":
        if _own(n):
            return _("You are on the waiting list for %(activity)s.", activity=activity)
        return _("%(name)s is on the waiting list for %(activity)s.", name=name, activity=activity)
    if _own(n):
        return _("%(activity)s has no place for you.", activity=activity)
    return _("%(activity)s has no place for %(name)s.", name=name, activity=activity)


def _meeting(p) -> dict:
    """What every sentence about a meeting names: its title and when it starts."""
    return {"title": p.get("title", ""), "when": _moment(p.get("starts_at"))}


def _meeting_booked(n, p):
    return _("A meeting is booked: %(title)s, %(when)s.", **_meeting(p))


def _meeting_changed(n, p):
    return _("A meeting has changed: %(title)s, %(when)s.", **_meeting(p))


def _meeting_cancelled(n, p):
    return _("A meeting is cancelled: %(title)s, %(when)s.", **_meeting(p))


def _meeting_tomorrow(n, p):
    return _("You have a meeting tomorrow: %(title)s, %(when)s.", **_meeting(p))


def _step_assigned(n, p):
    return _("A step was given to you: %(title)s.", title=p.get("title", ""))


def _step_due(n, p):
    return _("A step in your plan is due tomorrow: %(title)s.", title=p.get("title", ""))


def _rating_due(n, p):
    return _("It is time to rate how things are going for you.")


def _reported_sick(n, p):
    name, day = p.get("participant", ""), _day(p.get("day"))
    if p.get("status") == "sick":
        return _("%(name)s is sick on %(day)s.", name=name, day=day)
    return _("%(name)s will be away on %(day)s.", name=name, day=day)


def _absence_recorded(n, p):
    return _("%(name)s was away on %(day)s without telling.", name=p.get("participant", ""), day=_day(p.get("day")))


def _feedback_given(n, p):
    if _own(n):
        return _("Your supervisor has given you feedback.")
    return _("%(name)s has been given feedback from the workplace.", name=p.get("participant", ""))


def _feedback_due(n, p):
    return _("Feedback for %(name)s is due.", name=p.get("participant", ""))


def _proposal_unanswered(n, p):
    days = int(p.get("days", 0))
    return ngettext(
        "%(name)s has not answered the proposal for %(opening)s for %(num)d day.",
        "%(name)s has not answered the proposal for %(opening)s for %(num)d days.",
        days,
        name=p.get("participant", ""),
        opening=p.get("opening", ""),
    )


def _week_unconfirmed(n, p):
    days = int(p.get("days", 0))
    return ngettext(
        "The attendance of %(name)s for the week of %(day)s has waited %(num)d day for your confirmation.",
        "The attendance of %(name)s for the week of %(day)s has waited %(num)d days for your confirmation.",
        days,
        name=p.get("participant", ""),
        day=_day(p.get("monday")),
    )


def _month_ready(n, p):
    month = format_date(stored_day(p["month"]), "LLLL yyyy") if p.get("month") else ""
    return _("Your time for %(month)s is ready to be certified.", month=month)


def _team_member_added(n, p):
    return _("You were added to the team around a participant.")


def _message_sent(n, p):
    return _("You have a new message.")


def _messages_allowed(n, p):
    return _("%(name)s lets you write to them in Vägen now.", name=p.get("participant", ""))


def _note_written(n, p):
    return _("A new note was written.")


def _document_added(n, p):
    return _("A new document was added.")


SENTENCES = {
    "proposal-made": _proposal_made,
    "proposal-decided": _proposal_decided,
    "referral-decided": _referral_decided,
    "meeting-booked": _meeting_booked,
    "meeting-changed": _meeting_changed,
    "meeting-cancelled": _meeting_cancelled,
    "meeting-tomorrow": _meeting_tomorrow,
    "step-assigned": _step_assigned,
    "step-due": _step_due,
    "rating-due": _rating_due,
    "reported-sick": _reported_sick,
    "absence-recorded": _absence_recorded,
    "feedback-given": _feedback_given,
    "feedback-due": _feedback_due,
    "proposal-unanswered": _proposal_unanswered,
    "week-unconfirmed": _week_unconfirmed,
    "month-ready": _month_ready,
    "team-member-added": _team_member_added,
    "message-sent": _message_sent,
    "messages-allowed": _messages_allowed,
    "note-written": _note_written,
    "document-added": _document_added,
}


def sentence(notification: Notification) -> str:
    """The notification in the current (the reader's) language."""
    make = SENTENCES.get(notification.kind)
    if make is None:
        return _("Something new is waiting for you in Vägen.")
    return make(notification, notification.params or {})


def message_for_channel() -> str:
    """What a text message, a push or an e-mail says: nothing personal, only that there is news."""
    return _("You have a new message in Vägen.")
