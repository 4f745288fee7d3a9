"""perf: the catalogue's folded search text with a trigram index (PostgreSQL), and the
catalogue's version for the open-data cache.

Revision ID: 0017_perf
Revises: 0016_pwa

"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0017_perf"
down_revision = "0016_pwa"
branch_labels = None
depends_on = None


def upgrade():
    from webapp.textfold import search_text

    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    activity = sa.table(
        "activity",
        sa.column("id", sa.Integer),
        sa.column("title", sa.String),
        sa.column("description", sa.Text),
        sa.column("place", sa.String),
        sa.column("search_text", sa.Text),
    )
    rows = bind.execute(sa.select(activity.c.id, activity.c.title, activity.c.description, activity.c.place)).all()
    if rows:
        bind.execute(
            activity.update().where(activity.c.id == sa.bindparam("row_id")).values(search_text=sa.bindparam("text")),
            [{"row_id": r.id, "text": search_text(r.title, r.description, r.place)} for r in rows],
        )
    trigram_ops = "gin_trgm_ops"
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        # The extension lives in one schema per database (usually public); name it, so the
        # index can be made whatever the search_path is.
        where = bind.execute(
            sa.text(
                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                "WHERE e.extname = 'pg_trgm'"
            )
        ).scalar()
        trigram_ops = f'"{where}".gin_trgm_ops'
    op.create_index(
        "ix_activity_search_text",
        "activity",
        ["search_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_text": trigram_ops},
    )
    state = op.create_table(
        "catalogue_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_state")),
    )
    now = datetime.now(UTC).replace(tzinfo=None)  # stored as naive UTC, as timeutil.UTCDateTime does
    bind.execute(state.insert().values(id=1, version=1, changed_at=now))


def downgrade():
    op.drop_table("catalogue_state")
    op.drop_index("ix_activity_search_text", table_name="activity")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_column("search_text")
