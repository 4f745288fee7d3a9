"""What the results offer other pages: the supervisor's home shows disputed days of their
participants' certified time."""

from . import certify as services


def for_supervisor(user) -> dict:
    return {"disputes": services.disputes_for_supervisor(user)}
