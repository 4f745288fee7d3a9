"""make_<thing>(**overrides): the smallest valid record, saved."""

import itertools

from webapp.accounts.models import Membership, Municipality, Organisation, OrganisationKind, Programme, Role, User
from webapp.auth.passwords import hash_password
from webapp.extensions import db

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def make_programme(**overrides) -> Programme:
    n = next(_numbers)
    programme = Programme(**{"name": f"Programme {n}", "esf_project_number": f"2026/{n:05d}", **overrides})
    db.session.add(programme)
    db.session.commit()
    return programme


def make_municipality(**overrides) -> Municipality:
    n = next(_numbers)
    municipality = Municipality(**{"code": f"{n:04d}", "name": f"Kommun {n}", **overrides})
    db.session.add(municipality)
    db.session.commit()
    return municipality


def make_organisation(programme: Programme | None = None, **overrides) -> Organisation:
    n = next(_numbers)
    organisation = Organisation(
        **{
            "programme": programme or make_programme(),
            "name": f"Organisation {n}",
            "kind": OrganisationKind.LABOUR_MARKET_UNIT,
            **overrides,
        }
    )
    db.session.add(organisation)
    db.session.commit()
    return organisation


def make_user(role: Role | None = None, organisation: Organisation | None = None, **overrides) -> User:
    """A user with a password; with a role, a membership in the organisation (made if missing)."""
    n = next(_numbers)
    participant = role is Role.PARTICIPANT
    email = None if participant else f"person{n}@example.org"
    user = User(
        **{
            "full_name": f"Person {n}",
            "sign_in_name": f"{10_000_000 + n}" if participant else email,
            "email": email,
            "password_hash": hash_password(PASSWORD),
            "preferred_language": "sv",
            **overrides,
        }
    )
    if role is not None:
        user.memberships.append(Membership(organisation=organisation or make_organisation(), role=role))
    db.session.add(user)
    db.session.commit()
    return user


def make_placement(participant: User | None = None, supervisor: User | None = None, schedule=None, **overrides):
    """A work trial, Monday to Friday 08:00-12:00 unless told otherwise, supervised at the
    supervisor's organisation."""
    from datetime import date, time

    from webapp.accounts.models import OrganisationKind
    from webapp.placements.models import Placement, PlacementDay, PlacementKind

    supervisor = supervisor or make_user(Role.SUPERVISOR, make_organisation(kind=OrganisationKind.PRIVATE_COMPANY))
    participant = participant or make_user(Role.PARTICIPANT)
    placement = Placement(
        **{
            "participant": participant,
            "supervisor": supervisor,
            "organisation": supervisor.memberships[0].organisation,
            "kind": PlacementKind.WORK_TRIAL,
            "title": "Lager och butik",
            "place": "Storgatan 1, Hässleholm",
            "starts_on": date(2026, 11, 2),
            "ends_on": date(2027, 1, 29),
            **overrides,
        }
    )
    for weekday, starts_at, ends_at in schedule if schedule is not None else [(d, time(8), time(12)) for d in range(5)]:
        placement.schedule.append(PlacementDay(weekday=weekday, starts_at=starts_at, ends_at=ends_at))
    db.session.add(placement)
    db.session.commit()
    return placement


def make_goal(participant: User | None = None, created_by: User | None = None, **overrides):
    """A goal in the participant's plan (made by the participant unless told otherwise)."""
    from webapp.plans.models import Goal

    participant = participant or make_user(Role.PARTICIPANT)
    goal = Goal(
        **{
            "participant_id": participant.id,
            "title": "Arbeta i vården",
            "version": 1,
            "created_by_id": (created_by or participant).id,
            **overrides,
        }
    )
    db.session.add(goal)
    db.session.commit()
    return goal


def make_step(goal=None, **overrides):
    """A planned step the participant does, in the goal's plan."""
    from webapp.plans.models import Category, Doer, Status, Step

    goal = goal or make_goal()
    step = Step(
        **{
            "goal": goal,
            "participant_id": goal.participant_id,
            "title": "Skriva ett CV",
            "category": Category.WORK_PRACTICE,
            "status": Status.PLANNED,
            "doer": Doer.PARTICIPANT,
            "version": 1,
            "created_by_id": goal.created_by_id,
            **overrides,
        }
    )
    db.session.add(step)
    db.session.commit()
    return step


def make_rating(participant: User | None = None, days_ago: int = 0, **overrides):
    """A self-rating, given some days ago; all four numbers 5 unless told otherwise."""
    from datetime import timedelta

    from webapp.ratings.models import SelfRating
    from webapp.timeutil import utcnow

    participant = participant or make_user(Role.PARTICIPANT)
    rating = SelfRating(
        **{
            "participant_id": participant.id,
            "rated_at": utcnow() - timedelta(days=days_ago),
            "work": 5,
            "health": 5,
            "confidence": 5,
            "swedish": 5,
            **overrides,
        }
    )
    db.session.add(rating)
    db.session.commit()
    return rating


def make_activity(organisation: Organisation | None = None, times=None, languages=("sv",), **overrides):
    """A public health activity with free places, Monday and Wednesday 09:00-11:00, at a
    labour-market unit (made if missing) in its own municipality of the programme."""
    from datetime import date, time

    from webapp.catalogue.models import Activity, ActivityLanguage, ActivityTime, Category, Phase, Referrers

    organisation = organisation or make_organisation()
    municipality = overrides.pop("municipality", None) or make_municipality()
    activity = Activity(
        **{
            "programme_id": organisation.programme_id,
            "organisation_id": organisation.id,
            "municipality_id": municipality.id,
            "title": "Hälsa i rörelse",
            "category": Category.HEALTH_ACTIVITY,
            "phase": Phase.HEALTH,
            "description": "Promenader och samtal.",
            "place": "Simhallen",
            "starts_on": date(2026, 1, 5),
            "ends_on": None,
            "continuous_intake": True,
            "written_in": "sv",
            "adaptations": "",
            "places": 10,
            "places_free": 10,
            "contact": "010-123 45 67",
            "referrers": Referrers.ANY_COACH,
            "is_public": True,
            **overrides,
        }
    )
    activity.times = [
        ActivityTime(weekday=d, starts_at=s, ends_at=e)
        for d, s, e in (times if times is not None else [(0, time(9), time(11)), (2, time(9), time(11))])
    ]
    activity.language_rows = [ActivityLanguage(code=c) for c in languages]
    db.session.add(activity)
    db.session.commit()
    return activity


def make_referral(activity=None, participant: User | None = None, coach: User | None = None, **overrides):
    """A referral just sent by a coach of the participant's organisation."""
    from webapp.catalogue.models import Referral, ReferralStatus

    activity = activity or make_activity()
    coach = coach or make_user(
        Role.COACH, make_organisation(programme=db.session.get(Programme, activity.programme_id))
    )
    participant = participant or make_participant(coach)
    referral = Referral(
        **{
            "activity_id": activity.id,
            "participant_id": participant.id,
            "coach_id": coach.id,
            "note": "Behöver tolk.",
            "status": ReferralStatus.REFERRED,
            **overrides,
        }
    )
    db.session.add(referral)
    db.session.commit()
    return referral


# --- Placements: employers, openings, proposals (issue 4) ---------------------------------


def make_employer(kind=None, programme=None, **overrides):
    """An employer organisation (a private company unless told) with a profile."""
    from webapp.placements.models import EmployerProfile
    from webapp.placements.openings import DEFAULT_SECTOR

    kind = kind or OrganisationKind.PRIVATE_COMPANY
    organisation = make_organisation(programme, kind=kind, **overrides)
    db.session.add(
        EmployerProfile(
            organisation_id=organisation.id, sector=DEFAULT_SECTOR[kind], municipality_id=organisation.municipality_id
        )
    )
    db.session.commit()
    return organisation


def make_opening(organisation=None, languages=("sv",), adaptations=(), **overrides):
    """An open work trial at the employer (made if missing), 20 hours a week from 2026-12-01."""
    from datetime import date

    from webapp.placements.models import Opening, OpeningAdaptation, OpeningLanguage, OpeningStatus, PlacementKind

    organisation = organisation or make_employer()
    opening = Opening(
        **{
            "organisation_id": organisation.id,
            "programme_id": organisation.programme_id,
            "municipality_id": organisation.municipality_id,
            "kind": PlacementKind.WORK_TRIAL,
            "title": "Lager",
            "tasks": "Packa och sortera.",
            "hours_per_week": 20,
            "usual_days": 0b11111,
            "place": "Storgatan 1",
            "starts_on": date(2026, 12, 1),
            "places": 1,
            "status": OpeningStatus.OPEN,
            "written_in": "sv",
            **overrides,
        }
    )
    opening.language_rows = [OpeningLanguage(code=c) for c in languages]
    opening.adaptation_rows = [OpeningAdaptation(code=c) for c in adaptations]
    db.session.add(opening)
    db.session.commit()
    return opening


def make_proposal(opening=None, participant=None, coach=None, state=None, **overrides):
    """A proposal by a coach of the participant's organisation (both made if missing)."""
    from webapp.placements.models import Proposal, ProposalState

    opening = opening or make_opening()
    if participant is None:
        coach = coach or make_user(Role.COACH, make_organisation(opening.organisation.programme))
        participant = make_participant(coach)
    coach = coach or make_user(Role.COACH, participant.memberships[0].organisation)
    proposal = Proposal(
        opening=opening, participant=participant, coach=coach, state=state or ProposalState.PROPOSED, **overrides
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


def make_enrolment(coach: User | None = None, participant: User | None = None, **overrides):
    """A participant enrolled by the coach (who becomes responsible), in the coach's organisation.
    Without an enrolment no coach may see a participant (participants.services.visibility_clause)."""
    from datetime import date

    from webapp.enrolment.models import Education, Enrolment, Gender, LabourStatus, Phase, PhaseChange

    coach = coach or make_user(Role.COACH)
    organisation = coach.memberships[0].organisation
    participant = participant or make_user(Role.PARTICIPANT, organisation)
    municipality = organisation.municipality or make_municipality()
    enrolment = Enrolment(
        **{
            "participant": participant,
            "organisation": organisation,
            "responsible_coach": coach,
            "municipality": municipality,
            "gender": Gender.WOMAN,
            "birth_year": 1985,
            "education": Education.ISCED_0_2,
            "labour_status": LabourStatus.UNEMPLOYED_LONG,
            "newly_arrived": True,
            "starts_on": date(2026, 9, 1),
            "consent_on": date(2026, 9, 1),
            "consent_purpose": "Planning and ESF reporting",
            "phase": Phase.TRUST,
            "last_contact_on": date(2026, 9, 1),
            **overrides,
        }
    )
    enrolment.phase_changes.append(PhaseChange(to_phase=Phase.TRUST, changed_on=enrolment.starts_on, changed_by=coach))
    db.session.add(enrolment)
    db.session.commit()
    return enrolment


def english(user: User) -> User:
    """The user reads English (tests assert the msgids)."""
    user.preferred_language = "en"
    db.session.commit()
    return user


def make_participant(coach: User, **overrides) -> User:
    """A participant enrolled by the coach, and so one the coach may see."""
    participant = make_user(Role.PARTICIPANT, coach.memberships[0].organisation, **overrides)
    return make_enrolment(coach, participant).participant


def make_feedback(placement=None, point=None, due_on=None, answers=None, texts=None, submitted=False, **overrides):
    """Feedback on the default template at a point of a placement (submitted when told)."""
    from datetime import timedelta

    from webapp.feedback.models import Feedback, FeedbackPoint
    from webapp.feedback.services import ensure_default_template
    from webapp.timeutil import utcnow

    placement = placement or make_placement()
    point = point or FeedbackPoint.TWO_WEEKS
    feedback = Feedback(
        **{
            "placement_id": placement.id,
            "template_id": ensure_default_template(placement.organisation.programme_id).id,
            "point": point,
            "due_on": due_on or placement.starts_on + timedelta(days=14),
            "answers": answers or {},
            "texts": texts or {},
            "text_language": "sv",
            "given_by_id": placement.supervisor_id,
            "submitted_at": utcnow() if submitted else None,
            **overrides,
        }
    )
    db.session.add(feedback)
    db.session.commit()
    return feedback


def make_coach_of(participant: User, **overrides) -> User:
    """The coach who enrolled the participant, in the organisation where they take part."""
    coach = make_user(Role.COACH, participant.memberships[0].organisation, **overrides)
    make_enrolment(coach, participant)
    return coach
