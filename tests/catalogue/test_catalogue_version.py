"""The catalogue's version (catalogue/cache.py) counts every change, even the first changes of
a new database made by several people at the same moment: none of them fails."""

from sqlalchemy import delete, select

from webapp.catalogue.models import Activity, CatalogueState
from webapp.extensions import db

from ..factories import make_activity
from ..racing import at_once

TIMES = 4


def test_the_first_changes_at_the_same_moment_all_count(shared_app):
    with shared_app.app_context():
        ids = iter([make_activity(is_public=True).id for _ in range(TIMES)])
        db.session.execute(delete(CatalogueState))  # a database whose catalogue never changed
        db.session.commit()

    def rename():
        activity = db.session.get(Activity, next(ids))
        activity.title = "Språkcafé"
        db.session.flush()

    assert at_once(shared_app, rename, TIMES) == [None] * TIMES
    with shared_app.app_context():
        assert db.session.scalar(select(CatalogueState.version)) == TIMES
        db.session.remove()
