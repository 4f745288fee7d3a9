"""What the participant's home page shows first: this week, the next steps, the self-rating."""
from datetime import date, timedelta

from ..accounts.models import User
from ..ratings import services as ratings
from ..week import items_for, monday_of
from . import services


def for_participant(participant: User, today: date) -> dict:
    """The context for templates/plans/_this_week.html and templates/ratings/_home.html."""
    monday = monday_of(today)
    days = [monday + timedelta(days=n) for n in range(7)]
    items = items_for(participant, monday, days[-1])
    trend = ratings.trend_of(participant)
    return {
        "week_number": monday.isocalendar().week,
        "today": today,
        "week_days": [(day, [item for item in items if item.day == day]) for day in days],
        "week_is_empty": not items,
        "next_steps": services.next_steps(participant),
        "rating_trend": trend,
        "rating_lines": ratings.chart_lines(trend),
        "rating_invitation": ratings.invitation_due(trend),
    }
