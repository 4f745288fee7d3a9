"""What the participant's home page shows first: this week, the next steps, the self-rating."""

from datetime import date, timedelta

from ..accounts.models import User
from ..ratings import services as ratings
from ..week import items_for, monday_of
from . import services


def two_weeks(participant: User, today) -> list[dict]:
    """This week and the next, each {number, days: [(day, items)], empty}: a placement or an
    activity that starts next week is on the page before its first day."""
    monday = monday_of(today)
    items = items_for(participant, monday, monday + timedelta(days=13))
    weeks = []
    for first in (monday, monday + timedelta(days=7)):
        days = [first + timedelta(days=n) for n in range(7)]
        shown = [(day, [item for item in items if item.day == day]) for day in days]
        weeks.append({"number": first.isocalendar().week, "days": shown, "empty": not any(i for _, i in shown)})
    return weeks


def for_participant(participant: User, today: date) -> dict:
    """The context for templates/plans/_this_week.html and templates/ratings/_home.html."""
    this, following = two_weeks(participant, today)
    trend = ratings.trend_of(participant)
    return {
        "week_number": this["number"],
        "today": today,
        "week_days": this["days"],
        "week_is_empty": this["empty"],
        "next_week": following,
        "next_steps": services.next_steps(participant),
        "rating_trend": trend,
        "rating_lines": ratings.chart_lines(trend),
        "rating_invitation": ratings.invitation_due(trend),
    }
