"""`flask send-reminders`: a coach hears of a proposal the participant has left unanswered
for a few days, once per proposal (the dedupe key)."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import events
from ..extensions import db
from ..reminders import remind
from ..timeutil import STOCKHOLM, utcnow
from .models import Proposal, ProposalState

UNANSWERED_AFTER = timedelta(days=3)


def unanswered_proposals(today: date) -> int:
    query = (
        select(Proposal)
        .options(joinedload(Proposal.opening), joinedload(Proposal.participant), joinedload(Proposal.coach))
        .where(
            Proposal.state == ProposalState.PROPOSED,
            Proposal.coach_id.is_not(None),
            Proposal.created_at <= utcnow() - UNANSWERED_AFTER,
        )
        .order_by(Proposal.id)
    )
    count = 0
    for proposal in db.session.scalars(query):
        days = (today - proposal.created_at.astimezone(STOCKHOLM).date()).days
        count += remind(
            events.proposal_unanswered,
            proposal,
            to=proposal.coach,
            url=events.path_to("placements.for_participant", participant_id=proposal.participant_id),
            once=proposal.id,
            **events.about_participant(proposal.participant),
            opening=proposal.opening.title,
            days=days,
        )
    return count
