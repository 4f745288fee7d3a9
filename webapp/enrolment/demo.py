"""Demo enrolments: the demo participants, women and men, in Arabic, Tigrinya and Swedish, at
different places on the way, with Sara and Yusuf as responsible coaches. Safe to run twice."""

from datetime import timedelta

from sqlalchemy import select

from ..accounts.models import Municipality, User
from ..extensions import db
from ..timeutil import local_today
from .models import PHASES, Education, Enrolment, Gender, LabourStatus, Phase, PhaseChange, SharedAccess

SARA, YUSUF = "sara.lindqvist@example.org", "yusuf.haddad@example.org"
# sign-in name, coach, gender, birth year, education, status at entry, newly arrived, municipality code, phase
ENROLMENTS = [
    (
        "10000001",
        SARA,
        Gender.WOMAN,
        1984,
        Education.ISCED_0_2,
        LabourStatus.UNEMPLOYED_LONG,
        True,
        "1293",
        Phase.HEALTH,
    ),
    (
        "10000002",
        YUSUF,
        Gender.MAN,
        1979,
        Education.ISCED_3_4,
        LabourStatus.UNEMPLOYED_LONG,
        True,
        "1290",
        Phase.WORKPLACE,
    ),
    (
        "10000003",
        SARA,
        Gender.WOMAN,
        1995,
        Education.ISCED_0_2,
        LabourStatus.OUTSIDE_LABOUR_FORCE,
        True,
        "1293",
        Phase.MAPPING,
    ),
    (
        "10000004",
        YUSUF,
        Gender.MAN,
        1990,
        Education.ISCED_3_4,
        LabourStatus.UNEMPLOYED_SHORT,
        True,
        "1273",
        Phase.COMPETENCE,
    ),
    ("10000005", SARA, Gender.WOMAN, 1971, Education.ISCED_3_4, LabourStatus.SICK_LEAVE, False, "1256", Phase.STRATEGY),
    (
        "10000006",
        YUSUF,
        Gender.MAN,
        1988,
        Education.ISCED_5_8,
        LabourStatus.UNEMPLOYED_LONG,
        False,
        "1272",
        Phase.FOLLOW_UP,
    ),
]
PURPOSE = (
    "Att tillsammans planera och följa upp vägen till arbete eller studier, "
    "och att rapportera till Europeiska socialfonden (ESF) utan namn."
)


def seed() -> None:
    """Enrol each demo participant once, with a phase history that walks to their phase."""
    people = {
        u.sign_in_name: u
        for u in db.session.scalars(
            select(User).where(User.sign_in_name.in_([SARA, YUSUF] + [e[0] for e in ENROLMENTS]))
        )
    }
    places = {m.code: m for m in db.session.scalars(select(Municipality))}
    today = local_today()
    for n, (name, coach, gender, born, education, status, newly, place, phase) in enumerate(ENROLMENTS):
        participant = people.get(name)
        if participant is None or db.session.scalar(
            select(Enrolment.id).where(Enrolment.participant_id == participant.id)
        ):
            continue
        coach_user = people[coach]
        organisation = next(m.organisation for m in participant.memberships)
        starts = today - timedelta(weeks=4 * phase.number + n)
        enrolment = Enrolment(
            participant=participant,
            organisation=organisation,
            responsible_coach=coach_user,
            municipality=places[place],
            gender=gender,
            birth_year=born,
            education=education,
            labour_status=status,
            newly_arrived=newly,
            starts_on=starts,
            consent_on=starts,
            consent_purpose=PURPOSE,
            phase=phase,
            last_contact_on=today - timedelta(days=3 * n),
        )
        previous = None
        for step in PHASES[: phase.number]:
            enrolment.phase_changes.append(
                PhaseChange(
                    from_phase=previous,
                    to_phase=step,
                    changed_by=coach_user,
                    changed_on=starts + timedelta(weeks=4 * (step.number - 1)),
                )
            )
            previous = step
        db.session.add(enrolment)
    db.session.flush()
    # Colleagues stand in for each other: Sara shares Semhar with Yusuf, and Yusuf shares
    # Dawit (whose placement Sara follows up) with Sara.
    for sign_in_name, owner, colleague in (("10000003", SARA, YUSUF), ("10000004", YUSUF, SARA)):
        person = people.get(sign_in_name)
        if person is None or owner not in people or colleague not in people:
            continue
        enrolment = db.session.scalar(select(Enrolment).where(Enrolment.participant_id == person.id))
        if enrolment and not any(s.coach_id == people[colleague].id for s in enrolment.colleagues):
            enrolment.colleagues.append(SharedAccess(coach=people[colleague], granted_by_id=people[owner].id))
    db.session.flush()
