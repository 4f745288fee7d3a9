"""One way to cut a list into pages: Flask-SQLAlchemy's pagination (a count and one page),
with an adapter for selects of columns, and the page number kept within the pages there are.
Templates show it with the one pager macro, `_macros/pager.html`."""

from flask_sqlalchemy.pagination import SelectPagination

from .extensions import db


class RowPagination(SelectPagination):
    """For a select of several columns: the items are rows, not one model per row."""

    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).all())


def paginate(select, page: int, per_page: int, rows: bool = False) -> SelectPagination:
    """One page of `select` and the total; a page past the end gives the last page (an old
    link after the list shrank), so two more queries only then."""
    kind = RowPagination if rows else SelectPagination

    def cut(number: int) -> SelectPagination:
        return kind(
            select=select, session=db.session(), page=number, per_page=per_page, max_per_page=None, error_out=False
        )

    result = cut(max(1, page))
    if result.pages and result.page > result.pages:
        result = cut(result.pages)
    return result
