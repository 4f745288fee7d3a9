"""Demo employers' profiles and openings, and one running placement (Karin, 10000005, with
Eva Holm at Kristianstad's elderly care). Deterministic and safe to run twice."""

from datetime import date, time

from sqlalchemy import select

from ..accounts.models import Organisation, Role, User
from ..demo.dates import shifted
from ..extensions import db
from ..timeutil import utcnow
from .models import (
    Collaboration,
    EmployerProfile,
    Opening,
    OpeningAdaptation,
    OpeningLanguage,
    OpeningStatus,
    Placement,
    PlacementDay,
    PlacementKind,
    Proposal,
    ProposalState,
    Sector,
)

CARE = "Kristianstads kommun, Vård och omsorg"
BUILD = "Nordost Bygg & Fastighet AB"
REUSE = "Kvarnen Återbruk ekonomisk förening"
ASSOC = "Föreningen Mötesplats Osby"

# organisation: (sector, kind, address, contact, collaboration, agreement date)
PROFILES = {
    CARE: (
        Sector.PUBLIC,
        "Äldreomsorg",
        "Västra Boulevarden 5, Kristianstad",
        "Eva Holm",
        Collaboration.AGREEMENT_SIGNED,
        date(2026, 3, 1),
    ),
    BUILD: (
        Sector.PRIVATE,
        "Bygg och fastighetsskötsel",
        "Industrigatan 12, Hässleholm",
        "Nils Åberg",
        Collaboration.INTERESTED,
        None,
    ),
    REUSE: (
        Sector.SOCIAL_ECONOMY,
        "Socialt företag: second hand och cykelverkstad",
        "Kvarngatan 3, Knislinge",
        "Maria Johansson",
        Collaboration.AGREEMENT_SIGNED,
        date(2025, 9, 15),
    ),
    ASSOC: (
        Sector.SOCIAL_ECONOMY,
        "Förening: mötesplats och café",
        "Stationsgatan 8, Osby",
        "Ahmed Saleh",
        Collaboration.INTERESTED,
        None,
    ),
}
# (organisation, title, kind, tasks, hours, days, place, starts, places, languages, adaptations, supervisor, written in)
OPENINGS = [
    (
        CARE,
        "Kök och servering på äldreboende",
        PlacementKind.WORK_TRIAL,
        "Duka, servera lunch och prata med de boende. Diska och hålla ordning i köket.",
        16,
        [0, 1, 2, 3],
        "Solgårdens äldreboende, Kristianstad",
        date(2026, 11, 2),
        2,
        ["sv", "ti", "ar"],
        ["step_free", "picture_instructions"],
        "eva.holm@example.org",
        "sv",
    ),
    (
        BUILD,
        "Fastighetsskötsel",
        PlacementKind.WORK_TRAINING,
        "Skotta, kratta, byta glödlampor och hjälpa fastighetsskötaren med enklare reparationer.",
        20,
        [0, 1, 2, 3, 4],
        "Industrigatan 12, Hässleholm",
        date(2026, 12, 7),
        1,
        ["sv", "pl"],
        ["flexible_hours"],
        "nils.aberg@example.org",
        "sv",
    ),
    (
        REUSE,
        "Butik och sortering",
        PlacementKind.INTERNSHIP,
        "Sortera skänkta saker, prismärka och hjälpa kunder i butiken.",
        15,
        [1, 2, 3],
        "Kvarngatan 3, Knislinge",
        date(2026, 12, 1),
        3,
        ["sv", "ar", "ti"],
        ["quiet_space", "flexible_hours", "short_days"],
        "maria.johansson@example.org",
        "sv",
    ),
    (
        REUSE,
        "Bicycle workshop",
        PlacementKind.WORK_TRAINING,
        "Repair donated bicycles with our mechanic: tyres, brakes, chains. No experience needed.",
        12,
        [0, 2],
        "Kvarngatan 3, Knislinge",
        date(2027, 1, 11),
        2,
        ["sv", "en"],
        ["short_days", "picture_instructions"],
        "maria.johansson@example.org",
        "en",
    ),
    (
        ASSOC,
        "مساعد في المقهى",
        PlacementKind.WORK_TRAINING,
        "تحضير القهوة والشاي، استقبال الزوار، وترتيب المكان.",
        10,
        [3, 4],
        "Stationsgatan 8, Osby",
        date(2026, 12, 3),
        1,
        ["ar", "sv"],
        ["own_language_colleague", "quiet_space"],
        None,
        "ar",
    ),
]
PLACEMENT = (
    "10000005",
    CARE,
    "Kök och servering på äldreboende",
    "sara.lindqvist@example.org",
    "eva.holm@example.org",
    date(2026, 11, 2),
    date(2027, 1, 29),
    [(0, time(8), time(12)), (1, time(8), time(12)), (2, time(8), time(12)), (3, time(8), time(12))],
)


def _user(sign_in_name: str) -> User | None:
    return db.session.scalar(select(User).where(User.sign_in_name == sign_in_name))


def seed() -> None:
    organisations = {o.name: o for o in db.session.scalars(select(Organisation).where(Organisation.name.in_(PROFILES)))}
    for name, (sector, kind, address, contact, collaboration, signed) in PROFILES.items():
        organisation = organisations.get(name)
        if organisation is None:
            continue
        if db.session.scalar(select(EmployerProfile).where(EmployerProfile.organisation_id == organisation.id)) is None:
            db.session.add(
                EmployerProfile(
                    organisation_id=organisation.id,
                    sector=sector,
                    kind=kind,
                    municipality_id=organisation.municipality_id,
                    address=address,
                    contact_person=contact,
                    collaboration=collaboration,
                    agreement_signed_on=shifted(signed),
                )
            )
    for (
        name,
        title,
        kind,
        tasks,
        hours,
        days,
        place,
        starts,
        places,
        languages,
        adaptations,
        supervisor,
        written_in,
    ) in OPENINGS:
        organisation = organisations.get(name)
        if (
            organisation is None
            or db.session.scalar(
                select(Opening.id).where(Opening.organisation_id == organisation.id, Opening.title == title)
            )
            is not None
        ):
            continue
        boss = _user(supervisor) if supervisor else None
        db.session.add(
            Opening(
                organisation_id=organisation.id,
                programme_id=organisation.programme_id,
                municipality_id=organisation.municipality_id,
                supervisor_id=boss.id if boss else None,
                kind=kind,
                title=title,
                tasks=tasks,
                hours_per_week=hours,
                usual_days=sum(1 << d for d in days),
                place=place,
                starts_on=shifted(starts),
                places=places,
                status=OpeningStatus.OPEN,
                written_in=written_in,
                language_rows=[OpeningLanguage(code=c) for c in languages],
                adaptation_rows=[OpeningAdaptation(code=c) for c in adaptations],
            )
        )
    db.session.flush()
    _seed_placement()
    db.session.flush()


def demo_placement(participant, supervisor, title, kind, place, starts_on, ends_on, schedule) -> tuple[Placement, bool]:
    """The participant's placement with this supervisor and title, made with its weekly schedule
    (weekday, starts_at, ends_at) at the supervisor's organisation if missing; True when made now."""
    found = db.session.scalar(
        select(Placement).where(
            Placement.participant_id == participant.id,
            Placement.supervisor_id == supervisor.id,
            Placement.title == title,
        )
    )
    if found is not None:
        return found, False
    placement = Placement(
        participant=participant,
        supervisor=supervisor,
        organisation=supervisor.organisations_where(Role.SUPERVISOR)[0],
        kind=kind,
        title=title,
        place=place,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    placement.schedule = [PlacementDay(weekday=d, starts_at=s, ends_at=e) for d, s, e in schedule]
    db.session.add(placement)
    db.session.flush()
    return placement, True


def _seed_placement() -> None:
    participant_name, organisation_name, title, coach_name, supervisor_name, starts, ends, schedule = PLACEMENT
    participant, coach, supervisor = _user(participant_name), _user(coach_name), _user(supervisor_name)
    opening = db.session.scalar(
        select(Opening).join(Opening.organisation).where(Organisation.name == organisation_name, Opening.title == title)
    )
    if None in (participant, coach, supervisor, opening):
        return
    proposal = db.session.scalar(
        select(Proposal).where(Proposal.opening_id == opening.id, Proposal.participant_id == participant.id)
    )
    if proposal is None:
        now = utcnow()
        proposal = Proposal(
            opening=opening,
            participant=participant,
            coach=coach,
            state=ProposalState.ACCEPTED,
            note="Karin vill gärna arbeta med människor.",
            answered_at=now,
            decided_at=now,
            decided_by_id=supervisor.id,
        )
        db.session.add(proposal)
        db.session.flush()
    if db.session.scalar(select(Placement.id).where(Placement.proposal_id == proposal.id)) is None:
        placement = Placement(
            participant_id=participant.id,
            organisation_id=opening.organisation_id,
            supervisor_id=supervisor.id,
            kind=opening.kind,
            title=opening.title,
            place=opening.place,
            starts_on=shifted(starts),
            ends_on=shifted(ends),
            opening_id=opening.id,
            proposal_id=proposal.id,
        )
        placement.schedule = [PlacementDay(weekday=d, starts_at=s, ends_at=e) for d, s, e in schedule]
        db.session.add(placement)
