"""Who is on a participant's team, with which role, and what that lets them do.

`team_role(user, participant)` is THE access rule for team members, checked on every request
(nothing is cached): it answers a role only while the member has not left, still works as
staff in the organisation they joined for, that organisation is in the participant's
programme, and, for an organisation other than the one the participant is enrolled in, the
participant's consent to share with other organisations (privacy: Purpose.OTHER_ORGANISATIONS)
is in force. Withdrawing that consent or leaving ends access on the next request.
Other features ask `may(user, participant, part, write)` (plan, notes...), `may_reach` (documents)
and `may_message` (the thread, which also needs the participant's own choice)."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import NotFound

from ..accounts.models import Role, User
from ..enrolment.lookup import enrolment_of
from ..enrolment.models import Enrolment
from ..extensions import db
from ..privacy.consent import consenting, has_consent
from ..privacy.models import Purpose
from ..timeutil import utcnow
from .models import Part, TeamMember, TeamRole, allows  # noqa: F401  (allows: for other features)

# The roles a professional holds in their own organisation to be invited into a team.
TEAM_STAFF_ROLES = (Role.COACH, Role.SUPERVISOR)


class TeamError(Exception):
    """An invitation that cannot be made; `message` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__("team invitation refused")
        self.message = message


def _id(participant: User | int) -> int:
    return participant if isinstance(participant, int) else participant.id


def _grants(row: TeamMember, enrolment: Enrolment | None, sharing: set[int] | None = None) -> bool:
    """Does this (not left) membership give access right now? `sharing`: the participants
    known to share with other organisations now, when the caller looked many up at once."""
    if enrolment is None or row.organisation.programme_id != enrolment.organisation.programme_id:
        return False
    if not any(m.organisation_id == row.organisation_id and m.role in TEAM_STAFF_ROLES for m in row.member.memberships):
        return False
    if row.organisation_id != enrolment.organisation_id:
        if sharing is not None:
            return enrolment.participant_id in sharing
        return has_consent(enrolment.participant_id, Purpose.OTHER_ORGANISATIONS)
    return True


def membership(user: User, participant: User | int) -> TeamMember | None:
    """The user's current place in the participant's team, if it gives access now."""
    if user is None or not getattr(user, "is_authenticated", True):
        return None
    row = db.session.scalar(
        select(TeamMember).where(
            TeamMember.participant_id == _id(participant),
            TeamMember.member_id == user.id,
            TeamMember.left_at.is_(None),
        )
    )
    if row is None or not _grants(row, enrolment_of(participant)):
        return None
    return row


def team_role(user: User, participant: User | int) -> TeamRole | None:
    """The role the user holds in the participant's team now, or None (see the module's rule)."""
    row = membership(user, participant)
    return row.role if row else None


def may(user: User, participant: User | int, part: Part, write: bool = False) -> bool:
    """May this team member read (or write) this part of the participant's record now?"""
    return allows(team_role(user, participant), part, write)


def _coach_sees(user: User, participant_id: int) -> bool:
    """A coach who may see the participant: the responsible coach and the colleagues it is
    shared with (participants.services.visibility_clause)."""
    from ..participants.services import coaches  # that module imports this one

    return user.has_any_role(Role.COACH) and coaches(user, participant_id)


def may_reach(user: User, participant_id: int, part: Part) -> bool:
    """THE rule for documents (a part of the record with its own pages): the participant
    themself; a member of their team whose role includes the part; a coach who may see the
    participant. Messages have their own rule (may_message): the participant chooses."""
    if part is Part.MESSAGES:
        raise ValueError("messages follow team.may_message")
    if user.id == participant_id:
        return user.has_any_role(Role.PARTICIPANT)
    return may(user, participant_id, part) or _coach_sees(user, participant_id)


def chosen_to_message(row: TeamMember | None) -> bool:
    """Does this place in the team let its member into the thread: a role that includes
    messages, and the participant's choice to let them write?"""
    return row is not None and row.may_message and row.may_be_chosen


def may_message(user: User, participant_id: int) -> bool:
    """THE rule for the participant's thread, to read and to write (issue 18, item 4): the
    participant themself; a coach who may see them (always); a team member whose role includes
    messages AND whom the participant chose. Stopping someone ends it on their next request;
    what they wrote stays in the thread."""
    if user.id == participant_id:
        return user.has_any_role(Role.PARTICIPANT)
    return chosen_to_message(membership(user, participant_id)) or _coach_sees(user, participant_id)


def waits_for_choice(user: User, participant_id: int) -> bool:
    """A team member whose role includes messages but whom the participant has not chosen (or
    has stopped): they are told why they cannot write, instead of a bare refusal."""
    row = membership(user, participant_id)
    waiting = row is not None and row.may_be_chosen and not row.may_message
    return waiting and not _coach_sees(user, participant_id)  # a coach of theirs may write anyway


def _seats(participant: User | int) -> list[tuple[TeamMember, bool]]:
    """Everyone not gone from the team, and whether their access is in force now. A few
    queries however big the team: the members with their memberships, and the participant's
    consent to share with other organisations once (only when a member is of another one)."""
    rows = list(
        db.session.scalars(
            select(TeamMember)
            .options(joinedload(TeamMember.member).selectinload(User.memberships))
            .where(TeamMember.participant_id == _id(participant), TeamMember.left_at.is_(None))
            .order_by(TeamMember.added_at, TeamMember.id)
        )
    )
    enrolment = enrolment_of(participant)
    sharing = None
    if enrolment is not None and any(row.organisation_id != enrolment.organisation_id for row in rows):
        sharing = consenting([enrolment.participant_id], Purpose.OTHER_ORGANISATIONS)
    return [(row, _grants(row, enrolment, sharing)) for row in rows]


def members(participant: User | int) -> list[TeamMember]:
    """The team as it stands: members who have not left and whose access is in force now."""
    return [row for row, active in _seats(participant) if active]


@dataclass
class Seat:
    """A member as the team page shows them: paused when consent is missing."""

    row: TeamMember
    active: bool


def team_of(participant: User) -> list[Seat]:
    """Everyone not gone from the team, each marked whether their access is in force now."""
    return [Seat(row, active) for row, active in _seats(participant)]


def participants_of(member: User) -> list[User]:
    """The participants in whose team this person is, with access now, by name. Three
    queries however many teams: the places, the enrolments (with participant and
    organisation), and who shares with other organisations."""
    rows = list(
        db.session.scalars(select(TeamMember).where(TeamMember.member_id == member.id, TeamMember.left_at.is_(None)))
    )
    if not rows:
        return []
    enrolments = {
        enrolment.participant_id: enrolment
        for enrolment in db.session.scalars(
            select(Enrolment)
            .options(joinedload(Enrolment.participant), joinedload(Enrolment.organisation))
            .where(Enrolment.participant_id.in_({row.participant_id for row in rows}))
        )
    }
    shared = consenting(enrolments, Purpose.OTHER_ORGANISATIONS)
    found = [row for row in rows if _grants(row, enrolments.get(row.participant_id), shared)]
    return sorted((enrolments[row.participant_id].participant for row in found), key=lambda p: p.full_name)


# --- changing the team ------------------------------------------------------------------


def _staff_organisation(person: User, programme_id: int):
    return next(
        (
            m.organisation
            for m in person.memberships
            if m.role in TEAM_STAFF_ROLES and m.organisation.programme_id == programme_id
        ),
        None,
    )


def add_member(coach: User, participant: User, email: str, role: TeamRole) -> TeamMember:
    """The responsible coach adds a professional (found by their work e-mail) to the team."""
    enrolment = enrolment_of(participant)
    if enrolment is None or enrolment.responsible_coach_id != coach.id:
        raise NotFound()
    programme_id = enrolment.organisation.programme_id
    address = (email or "").strip().lower()
    person = db.session.scalar(select(User).where(User.email == address)) if address else None
    if person is None or not any(m.role in TEAM_STAFF_ROLES for m in person.memberships):
        raise TeamError(_l("No staff member has this e-mail address. Check the address and try again."))
    if person.id in (coach.id, participant.id):
        raise TeamError(_l("The responsible coach sees the whole record already and is not added to the team."))
    organisation = _staff_organisation(person, programme_id)
    if organisation is None:
        raise TeamError(
            _l(
                "%(name)s works in another programme. Only staff of this programme's organisations can join the team.",
                name=person.full_name,
            )
        )
    if organisation.id != enrolment.organisation_id and not has_consent(participant.id, Purpose.OTHER_ORGANISATIONS):
        raise TeamError(
            _l(
                "%(name)s has not agreed to share with other organisations. Record that consent first, "
                "on the participant's privacy page.",
                name=participant.full_name,
            )
        )
    row = db.session.scalar(
        select(TeamMember).where(TeamMember.participant_id == participant.id, TeamMember.member_id == person.id)
    )
    if row is not None and row.left_at is None:
        raise TeamError(_l("%(name)s is in the team already.", name=person.full_name))
    if row is None:
        row = TeamMember(participant_id=participant.id, member_id=person.id)
        db.session.add(row)
    row.organisation_id, row.role, row.added_by_id = organisation.id, role, coach.id
    row.added_at, row.left_at = utcnow(), None
    # A new place in the team: the participant chooses again whether this person may write.
    row.may_message, row.message_choice_at = False, None
    db.session.flush()
    db.session.refresh(row)
    return row


def remove_member(participant: User, member_id: int) -> TeamMember:
    """End someone's place in the team (the coach removes them, or they leave): access ends now."""
    row = db.session.scalar(
        select(TeamMember).where(
            TeamMember.participant_id == participant.id,
            TeamMember.member_id == member_id,
            TeamMember.left_at.is_(None),
        )
    )
    if row is None:
        raise NotFound()
    row.left_at = utcnow()
    db.session.flush()
    return row


def assignable(participant_id: int) -> list[tuple[int, str]]:
    """Who a step can be given to: the team members whose role lets them see the plan."""
    return [(row.member_id, row.member.full_name) for row in members(participant_id) if allows(row.role, Part.PLAN)]


# --- the participant's choice: who may write to them -----------------------------------


def choose_messages(participant: User, member_id: int, allowed: bool) -> tuple[TeamMember, bool]:
    """The participant lets a member of their team write to them, or stops them (and whether
    that changed anything: a second tap changes nothing). Stopping works for anyone still on the
    team; letting someone write only for a member whose access is in force now and whose role
    includes messages. The thread follows on the next request."""
    row = db.session.scalar(
        select(TeamMember).where(
            TeamMember.participant_id == participant.id,
            TeamMember.member_id == member_id,
            TeamMember.left_at.is_(None),
        )
    )
    if allowed and (row is None or not _grants(row, enrolment_of(participant)) or not row.may_be_chosen):
        raise TeamError(
            _l(
                "This person is not in your team, so you cannot let them write to you. "
                "Your coach can tell you who is in your team."
            )
        )
    if row is None:
        raise TeamError(_l("This person is not in your team any more. Nothing was changed."))
    if row.may_message == allowed:
        return row, False
    row.may_message, row.message_choice_at = allowed, utcnow()
    db.session.flush()
    return row, True
