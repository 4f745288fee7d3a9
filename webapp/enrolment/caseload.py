"""The coach's caseload: one query for the page and one count, however many participants.

caseload_rows() returns CaseloadRow objects. Other features add their facts to a page of
rows with one query each (keyed by participant_id), e.g. the action plan's next step due,
overdue steps and last self-rating:

    rows = caseload_rows(coach, filters)
    for row, facts in zip(rows.items, plan_facts([r.participant_id for r in rows.items])):
        row.extra["next_step"] = (_("Next step due"), facts.next_due)   # (label, value)

templates/enrolment/_caseload.html shows each row.extra entry as a labelled fact in the row.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from sqlalchemy import case, func, or_, select

from ..accounts.models import Municipality, Role, User
from ..attendance.reports import caseload_flags
from ..pagination import RowPagination, paginate
from ..participants.services import visibility_clause
from ..placements.services import running_placements
from ..plans.caseload import caseload_facts
from ..privacy.readlog import log_read
from ..timeutil import local_today
from ..wording import bdi, localized, sentence, spoken_list
from .models import Enrolment, ExitOutcome, Phase

PAGE_SIZE = 25
SORTS = ("name", "phase", "contact", "start")
SHOWS = ("active", "exited", "all")


@dataclass
class Filters:
    q: str = ""
    phase: Phase | None = None
    municipality_id: int | None = None
    language: str | None = None
    show: str = "active"
    sort: str = "name"
    page: int = 1


@dataclass
class CaseloadRow:
    participant_id: int
    full_name: str
    short_name: str | None
    language: str | None
    phase: Phase
    municipality: str
    last_contact_on: date | None
    starts_on: date
    exited_on: date | None
    exit_outcome: ExitOutcome | None
    responsible: bool
    # Facts from other features (the action plan's next step, overdue steps, self-rating).
    extra: dict = field(default_factory=dict)


def _filtered(coach: User, filters: Filters):
    query = select(Enrolment).join(User, User.id == Enrolment.participant_id).where(visibility_clause(coach))
    if filters.q.strip():
        like = f"%{filters.q.strip().lower()}%"
        query = query.where(or_(func.lower(User.full_name).like(like), func.lower(User.short_name).like(like)))
    if filters.phase is not None:
        query = query.where(Enrolment.phase == filters.phase)
    if filters.municipality_id is not None:
        query = query.where(Enrolment.municipality_id == filters.municipality_id)
    if filters.language:
        query = query.where(User.preferred_language == filters.language)
    if filters.show == "active":
        query = query.where(Enrolment.exited_on.is_(None))
    elif filters.show == "exited":
        query = query.where(Enrolment.exited_on.is_not(None))
    return query


def _order(sort: str):
    # Phase is stored as text: order by its place on the way (furthest first), not the alphabet.
    by_phase = case({p.value: p.number for p in Phase}, value=Enrolment.phase)
    return {
        "name": (func.lower(User.full_name), User.id),
        "phase": (by_phase.desc(), func.lower(User.full_name), User.id),
        # Longest without contact first: those are the people to call.
        "contact": (Enrolment.last_contact_on.is_(None).desc(), Enrolment.last_contact_on, User.id),
        "start": (Enrolment.starts_on.desc(), User.id),
    }[sort]


def caseload_rows(coach: User, filters: Filters) -> RowPagination:
    """A page of the coach's caseload: one query for the rows, one for the count."""
    query = (
        _filtered(coach, filters)
        .with_only_columns(
            User.id,
            User.full_name,
            User.short_name,
            User.preferred_language,
            Enrolment.phase,
            Municipality.name,
            Enrolment.last_contact_on,
            Enrolment.starts_on,
            Enrolment.exited_on,
            Enrolment.exit_outcome,
            Enrolment.responsible_coach_id,
        )
        .join(Municipality, Municipality.id == Enrolment.municipality_id)
        .order_by(*_order(filters.sort))
    )
    page = paginate(query, filters.page, PAGE_SIZE, rows=True)
    page.items = [
        CaseloadRow(
            participant_id=r[0],
            full_name=r[1],
            short_name=r[2],
            language=r[3],
            phase=r[4],
            municipality=r[5],
            last_contact_on=r[6],
            starts_on=r[7],
            exited_on=r[8],
            exit_outcome=r[9],
            responsible=r[10] == coach.id,
        )
        for r in page.items
    ]
    log_read(item.participant_id for item in page.items)
    return page


def municipality_choices(coach: User) -> list[tuple[int, str]]:
    """The municipalities of the programmes this coach works in (for the filter)."""
    seen = {}
    for organisation in coach.organisations_where(Role.COACH):
        for m in organisation.programme.municipalities:
            seen[m.id] = m.name
    return sorted(seen.items(), key=lambda pair: pair[1])


def add_plan_facts(rows: list[CaseloadRow]) -> None:
    """The action plan's facts on each row: next step due, late steps, last self-rating
    and its change. A constant number of queries (plans.caseload.caseload_facts)."""
    facts = caseload_facts([row.participant_id for row in rows])
    for row in rows:
        found = facts.get(row.participant_id)
        if found is None:
            continue
        if found.next_due is not None:
            row.extra["next_step"] = (
                _("Next step due"),
                sentence(
                    _("%(step)s, to do by %(date)s"), step=found.next_step, date=localized(found.next_due, "yMMMd")
                ),
            )
        if found.overdue:
            row.extra["overdue"] = (
                # NOTE: a fact shown beside a participant's name in the coach's caseload
                _("Late steps"),
                ngettext("%(num)d step is late", "%(num)d steps are late", found.overdue),
            )
        if found.last_rating is not None:
            average = format_decimal(found.last_rating.average, "0.0")
            if found.rating_change is None:
                value = bdi(average, "ltr")
            else:
                # The signed change reads left to right in Arabic too: "(+0.8)", never "(0.8+)".
                change = bdi(format_decimal(found.rating_change, "+0.0;-0.0"), "ltr")
                value = sentence(
                    _("%(average)s (%(change)s since the one before)"), average=bdi(average, "ltr"), change=change
                )
            # NOTE: heading of a caseload row's self-rating fact
            row.extra["rating"] = (_("Last self-rating"), value)


def add_attendance_flags(rows: list[CaseloadRow]) -> None:
    """Attendance on each row: past weeks the workplace has not confirmed, and an absence
    pattern (three or more absences in four weeks). A constant number of queries."""
    flags = caseload_flags([row.participant_id for row in rows], local_today())
    for row in rows:
        found = flags.get(row.participant_id)
        if found is None:
            continue
        if found.unconfirmed_weeks:
            row.extra["unconfirmed"] = (
                # NOTE: a fact shown beside a participant's name in the coach's caseload
                _("Attendance"),
                ngettext("%(num)d week not confirmed", "%(num)d weeks not confirmed", found.unconfirmed_weeks),
            )
        if found.absence_pattern:
            row.extra["absences"] = (
                # NOTE: a fact shown beside a participant's name in the coach's caseload
                _("Absences"),
                ngettext("%(num)d absence in four weeks", "%(num)d absences in four weeks", found.absences),
            )


def add_placements(rows: list[CaseloadRow]) -> None:
    """The placements each participant is in today, with the workplace. One query."""
    running = running_placements([row.participant_id for row in rows], local_today())
    for row in rows:
        placements = running.get(row.participant_id)
        if placements:
            row.extra["placement"] = (
                # NOTE: a fact shown beside a participant's name in the coach's caseload
                _("Placement"),
                spoken_list(
                    sentence(
                        _("%(title)s (%(kind)s) at %(organisation)s"),
                        title=p.title,
                        kind=p.kind.label,
                        organisation=p.organisation.name,
                    )
                    for p in placements
                ),
            )
