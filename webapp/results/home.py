"""What the results offer other pages: the supervisor's home shows disputed days of their
participants' certified time; the participant's home says when a survey is due."""

from . import certify as services
from . import survey


def for_supervisor(user) -> dict:
    return {"disputes": services.disputes_for_supervisor(user)}


def for_participant(user, today) -> dict:
    return {"survey_due": survey.due_survey(user, today)}
