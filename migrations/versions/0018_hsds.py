"""hsds: the open-data id of each activity is kept on its row (found by index, not by
deriving the id of every public activity). Existing activities keep the id they were
published with (uuid5 of their number), so a reader's links stay good.

Revision ID: 0018_hsds
Revises: 0017_perf

"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0018_hsds"
down_revision = "0017_perf"
branch_labels = None
depends_on = None

# webapp/catalogue/hsds.py's namespace, written out: the migration must not change with the app.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://vagen.example.se/hsds")


def upgrade():
    bind = op.get_bind()
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hsds_id", sa.String(length=36), nullable=True))
    activity = sa.table("activity", sa.column("id", sa.Integer), sa.column("hsds_id", sa.String))
    ids = bind.execute(sa.select(activity.c.id)).scalars().all()
    if ids:
        bind.execute(
            activity.update().where(activity.c.id == sa.bindparam("row_id")).values(hsds_id=sa.bindparam("kept")),
            [{"row_id": i, "kept": str(uuid.uuid5(NAMESPACE, f"service/{i}"))} for i in ids],
        )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.alter_column("hsds_id", existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_activity_hsds_id"), ["hsds_id"])


def downgrade():
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_activity_hsds_id"), type_="unique")
        batch_op.drop_column("hsds_id")
