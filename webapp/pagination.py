"""One way to cut a list into pages: Flask-SQLAlchemy's pagination (a count and one page),
with adapters for selects of columns, for long lists of wide rows (sorted by their keys,
then read whole) and for lists already made in Python, and the page number kept within the
pages there are. Templates show it with the one pager macro, `_macros/pager.html`."""

from collections.abc import Callable, Sequence

from flask_sqlalchemy.pagination import Pagination, SelectPagination
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.orm import lazyload

from .extensions import db


class RowPagination(SelectPagination):
    """For a select of several columns: the items are rows, not one model per row."""

    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).all())


class KeyPagination(SelectPagination):
    """For a long list of wide rows: the select names only the keys (the id, sorted), so the
    sort and the offset read narrow rows; `rows_of(keys)` joins the page's whole rows to the
    page of keys, in the same query (a deep page of the catalogue sorted every activity's
    whole row, descriptions and search text, to skip them)."""

    def _query_items(self) -> list:
        keys = self._query_args["select"].limit(self.per_page).offset(self._query_offset).subquery()
        return list(self._query_args["session"].scalars(self._query_args["rows_of"](keys)).unique())


class ListPagination(Pagination):
    """For a list worked out in Python (it cannot be one select): `build` makes the items of
    the page from its slice, so only what is shown is read in full."""

    def _query_items(self) -> list:
        start = self._query_offset
        return list(self._query_args["build"](self._query_args["sequence"][start : start + self.per_page]))

    def _query_count(self) -> int:
        return len(self._query_args["sequence"])


def paginate(
    select,
    page: int,
    per_page: int,
    rows: bool = False,
    past_end: str = "last",
    rows_of: Callable | None = None,
) -> SelectPagination:
    """One page of `select` and the total. A page past the end gives the last page (an old
    link after the list shrank); `past_end="empty"` gives the page asked for, empty (a
    machine walking the pages until `last_page`). Two queries either way. `rows=True`: the
    items are rows of columns; `rows_of`: `select` names the keys (KeyPagination)."""
    kind = KeyPagination if rows_of else RowPagination if rows else SelectPagination
    extra = {"rows_of": rows_of} if rows_of else {}

    def cut(number: int, count: bool = True) -> SelectPagination:
        return kind(
            select=select,
            session=db.session(),
            page=number,
            per_page=per_page,
            max_per_page=None,
            error_out=False,
            count=count,
            **extra,
        )

    page = max(1, page)
    if past_end == "empty" or page == 1:
        return cut(page)  # the page, then the count
    # Counted first, so a page past the end (page=9999 typed into the address) is read once,
    # as the last page: read empty and then again, a public list sorted all its rows twice.
    total = _count(select)
    result = cut(min(page, max(1, -(-total // per_page))), count=False)
    result.total = total
    return result


def _count(select) -> int:
    """The rows of `select`, counted as Flask-SQLAlchemy's pagination counts them."""
    rows = select.options(lazyload("*")).order_by(None).subquery()
    return db.session.scalar(sa_select(func.count()).select_from(rows))


def paginate_list(sequence: Sequence, page: int, per_page: int, build: Callable[[Sequence], list] = list) -> Pagination:
    """One page of a list, the page number kept within the pages there are like `paginate`."""
    pages = max(1, -(-len(sequence) // per_page))
    page = min(max(1, page), pages)
    return ListPagination(
        sequence=sequence, build=build, page=page, per_page=per_page, max_per_page=None, error_out=False
    )
