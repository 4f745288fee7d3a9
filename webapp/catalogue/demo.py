"""Demo activities in several municipalities of the reference programme. Safe to run twice."""

from datetime import date, time

from sqlalchemy import select

from ..accounts.models import Municipality, Organisation, OrganisationKind, Programme, Role, User
from ..demo.dates import shifted
from ..extensions import db
from .models import Activity, ActivityLanguage, ActivityTime, Category, Phase, Referrers

KRISTIANSTAD_UNIT = "Arbetsmarknadsenheten Kristianstad"
# A coach at Kristianstad's labour-market unit: publishes its activities and answers referrals.
PROVIDER_COACH = ("Selam Berhane", "selam.berhane@example.org", "ti")

# (title, written in, provider, municipality code, category, phase, languages, (weekdays, from, to),
#  starts, ends, continuous, places, free, public, referrers, place, adaptations, description)
ACTIVITIES = [
    (
        "Samhällsorientering på tigrinja",
        "sv",
        KRISTIANSTAD_UNIT,
        "1290",
        Category.COMMUNITY_ORIENTATION,
        Phase.COMPETENCE,
        ["ti", "sv"],
        ([1, 3], time(9), time(12)),
        date(2026, 8, 17),
        date(2027, 6, 11),
        False,
        12,
        5,
        True,
        Referrers.ANY_COACH,
        "Västra Storgatan 12, 291 31 Kristianstad",
        "Tolk finns. Lugnt tempo.",
        "Om livet i Sverige: arbete, hälsa, skola och rättigheter. Samtal i grupp på tigrinja med en "
        "samhällskommunikatör.",
    ),
    (
        "Hälsa i rörelse",
        "sv",
        "Arbetsmarknadsenheten Hässleholm",
        "1293",
        Category.HEALTH_ACTIVITY,
        Phase.HEALTH,
        ["sv", "ar"],
        ([0, 2], time(10), time(11, 30)),
        date(2026, 1, 12),
        None,
        True,
        15,
        8,
        True,
        Referrers.ANY_COACH,
        "Hässleholms simhall, Frykholmsgatan 5, 281 39 Hässleholm",
        "Kvinnogrupp på onsdagar. Ingen förkunskap behövs.",
        "Promenader, lätt träning och samtal om sömn, stress och mat. Du börjar när det passar dig.",
    ),
    (
        "التعريف بالمجتمع باللغة العربية",
        "ar",
        "Föreningen Mötesplats Osby",
        "1273",
        Category.COMMUNITY_ORIENTATION,
        Phase.TRUST,
        ["ar"],
        ([4], time(13), time(15)),
        date(2026, 9, 4),
        date(2026, 12, 18),
        False,
        20,
        11,
        True,
        Referrers.ANY_COACH,
        "Mötesplatsen, Stationsgatan 3, 283 31 Osby",
        "",
        "لقاءات أسبوعية عن الحياة في السويد: العمل والصحة والمدرسة.",
    ),
    (
        "Svenska med praktik på Kvarnen",
        "sv",
        "Kvarnen Återbruk ekonomisk förening",
        "1256",
        Category.SWEDISH_WITH_PRACTICE,
        Phase.COMPETENCE,
        ["sv", "ar", "ti"],
        ([0, 1, 2, 3], time(8, 30), time(12)),
        date(2026, 10, 5),
        date(2027, 3, 26),
        False,
        6,
        0,
        True,
        Referrers.ANY_COACH,
        "Kvarnen, Broby",
        "Handledare som talar arabiska.",
        "Sfi på förmiddagen kombinerat med praktik i butik och återbruk.",
    ),
    (
        "Jobbsökargruppen",
        "sv",
        "Arbetsförmedlingen Skåne Nordost",
        "1290",
        Category.JOB_SEARCH_GROUP,
        Phase.WORKPLACE,
        ["sv", "en"],
        ([2], time(13), time(15)),
        date(2026, 1, 7),
        None,
        True,
        10,
        4,
        False,
        Referrers.ANY_COACH,
        "Arbetsförmedlingen, Kristianstad",
        "",
        "CV, personligt brev och intervjuträning.",
    ),
    (
        "Prova på lager och logistik",
        "sv",
        "Arbetsmarknadsenheten Hässleholm",
        "1266",
        Category.ORIENTATION_COURSE,
        Phase.COMPETENCE,
        ["sv"],
        ([0, 1, 2, 3, 4], time(8), time(12)),
        date(2027, 1, 11),
        date(2027, 2, 5),
        False,
        8,
        8,
        True,
        Referrers.OWN_COACHES,
        "Industrigatan 4, 242 31 Hörby",
        "Truckkort ingår.",
        "Fyra veckor på ett lager: plock, packning och truckkort.",
    ),
]


def seed(programme: Programme) -> list[tuple[Role, User]]:
    """The Kristianstad labour-market unit and its coach, and the demo activities; returns the new sign-in."""
    from ..demo.seed import demo_people, get_or_create

    kristianstad = db.session.scalar(select(Municipality).where(Municipality.code == "1290"))
    get_or_create(
        Organisation,
        {"programme_id": programme.id, "name": KRISTIANSTAD_UNIT},
        kind=OrganisationKind.LABOUR_MARKET_UNIT,
        municipality_id=kristianstad.id,
    )
    organisations = {
        o.name: o for o in db.session.scalars(select(Organisation).where(Organisation.programme_id == programme.id))
    }
    full_name, email, language = PROVIDER_COACH
    [coach] = demo_people([(full_name, None, email, language, [(KRISTIANSTAD_UNIT, Role.COACH)])], organisations)
    municipalities = {m.code: m for m in db.session.scalars(select(Municipality))}
    for title, written_in, provider, code, category, phase, languages, (
        days,
        starts_at,
        ends_at,
    ), starts_on, ends_on, continuous, places, free, public, referrers, place, adaptations, description in ACTIVITIES:
        if db.session.scalar(select(Activity.id).where(Activity.programme_id == programme.id, Activity.title == title)):
            continue
        activity = Activity(
            programme_id=programme.id,
            organisation_id=organisations[provider].id,
            municipality_id=municipalities[code].id,
            title=title,
            written_in=written_in,
            category=category,
            phase=phase,
            starts_on=shifted(starts_on),
            ends_on=shifted(ends_on),
            continuous_intake=continuous,
            places=places,
            places_free=free,
            is_public=public,
            referrers=referrers,
            place=place,
            adaptations=adaptations,
            description=description,
            contact=f"{provider}, 010-123 45 67",
        )
        activity.times = [ActivityTime(weekday=d, starts_at=starts_at, ends_at=ends_at) for d in days]
        activity.language_rows = [ActivityLanguage(code=c) for c in languages]
        db.session.add(activity)
    db.session.flush()
    return [(Role.COACH, coach)]
