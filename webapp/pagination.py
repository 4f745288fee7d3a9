"""One way to cut a list into pages: Flask-SQLAlchemy's pagination (a count and one page),
with adapters for selects of columns and for lists already made in Python, and the page
number kept within the pages there are. Templates show it with the one pager macro,
`_macros/pager.html`."""

from collections.abc import Callable, Sequence

from flask_sqlalchemy.pagination import Pagination, SelectPagination

from .extensions import db


class RowPagination(SelectPagination):
    """For a select of several columns: the items are rows, not one model per row."""

    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).all())


class ListPagination(Pagination):
    """For a list worked out in Python (it cannot be one select): `build` makes the items of
    the page from its slice, so only what is shown is read in full."""

    def _query_items(self) -> list:
        start = self._query_offset
        return list(self._query_args["build"](self._query_args["sequence"][start : start + self.per_page]))

    def _query_count(self) -> int:
        return len(self._query_args["sequence"])


def paginate(select, page: int, per_page: int, rows: bool = False, past_end: str = "last") -> SelectPagination:
    """One page of `select` and the total. A page past the end gives the last page (an old
    link after the list shrank), so two more queries only then; `past_end="empty"` gives the
    page asked for, empty (a machine walking the pages until `last_page`)."""
    kind = RowPagination if rows else SelectPagination

    def cut(number: int) -> SelectPagination:
        return kind(
            select=select, session=db.session(), page=number, per_page=per_page, max_per_page=None, error_out=False
        )

    result = cut(max(1, page))
    if past_end == "last" and result.pages and result.page > result.pages:
        result = cut(result.pages)
    return result


def paginate_list(sequence: Sequence, page: int, per_page: int, build: Callable[[Sequence], list] = list) -> Pagination:
    """One page of a list, the page number kept within the pages there are like `paginate`."""
    pages = max(1, -(-len(sequence) // per_page))
    page = min(max(1, page), pages)
    return ListPagination(
        sequence=sequence, build=build, page=page, per_page=per_page, max_per_page=None, error_out=False
    )
