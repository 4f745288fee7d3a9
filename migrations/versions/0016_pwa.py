"""pwa: idempotency keys of taps sent again from a phone that was offline (replay_key).

Revision ID: 0016_pwa
Revises: 0015_thread

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016_pwa"
down_revision = "0015_thread"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "replay_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=500), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_replay_key_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replay_key")),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_replay_key_user_id_key")),
    )
    with op.batch_alter_table("replay_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_replay_key_at"), ["at"], unique=False)


def downgrade():
    with op.batch_alter_table("replay_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_replay_key_at"))
    op.drop_table("replay_key")
