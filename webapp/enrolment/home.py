"""What enrolment adds to the home pages: plain functions the home views call."""

from ..accounts.models import User
from . import services
from .lookup import enrolment_of


def for_participant(participant: User) -> dict:
    """templates/enrolment/_way.html: the seven phases as the participant sees them."""
    return {"way": services.way_of(enrolment_of(participant))}
