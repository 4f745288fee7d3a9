"""Finding activities: filters, paging, and a constant number of queries however many there are."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select

from ..accounts.models import Municipality
from ..extensions import db
from ..pagination import SelectPagination, paginate
from ..textfold import fold
from .models import Activity, ActivityLanguage, Category, Phase
from .services import visible_condition, with_details

PER_PAGE = 20


@dataclass
class Filters:
    text: str = ""
    category: Category | None = None
    municipality_id: int | None = None
    language: str | None = None
    phase: Phase | None = None
    on: date | None = None
    free_only: bool = False
    page: int = 1


def _conditions(viewer, filters: Filters) -> list:
    conditions = [visible_condition(viewer)]
    folded = fold(filters.text.strip()) if filters.text else ""
    if folded:
        # The folded column (textfold.py): accents, Arabic vowel marks and letter variants,
        # Ge'ez letters of one sound and case do not matter; a trigram index on PostgreSQL.
        conditions.append(Activity.search_text.contains(folded, autoescape=True))
    if filters.category is not None:
        conditions.append(Activity.category == filters.category)
    if filters.municipality_id is not None:
        conditions.append(Activity.municipality_id == filters.municipality_id)
    if filters.phase is not None:
        conditions.append(Activity.phase == filters.phase)
    if filters.language:
        conditions.append(
            exists().where(ActivityLanguage.code == filters.language, ActivityLanguage.activity_id == Activity.id)
        )
    if filters.on is not None:
        # Running on that day: continuous intake or dated, started and not yet ended.
        conditions.append((Activity.starts_on.is_(None)) | (Activity.starts_on <= filters.on))
        conditions.append((Activity.ends_on.is_(None)) | (Activity.ends_on >= filters.on))
    if filters.free_only:
        conditions.append(Activity.places_free > 0)
    return conditions


def search(viewer, filters: Filters, per_page: int = PER_PAGE) -> SelectPagination:
    """One page of the activities the viewer may see that match the filters, in title order.
    Four queries: the count, the page, its weekly times and its languages. The page is sorted
    by its ids and titles alone, and only its own activities are read whole."""
    in_order = (Activity.title, Activity.id)

    def rows_of(keys):
        return with_details(select(Activity)).join(keys, keys.c.id == Activity.id).order_by(*in_order)

    keys = select(Activity.id).where(*_conditions(viewer, filters)).order_by(*in_order)
    return paginate(keys, filters.page, per_page, rows_of=rows_of)


def municipalities_with_activities(viewer) -> list[Municipality]:
    """The municipalities to filter by: those with an activity the viewer may see."""
    query = (
        select(Municipality)
        .where(exists().where(Activity.municipality_id == Municipality.id, visible_condition(viewer)))
        .order_by(Municipality.name)
    )
    return list(db.session.scalars(query))
