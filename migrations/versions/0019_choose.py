"""choose (issue 18, item 4): the participant chooses which team members may write to them
(team_member.may_message, off by default, and when they last chose).

Revision ID: 0019_choose
Revises: 0018_hsds

"""

import sqlalchemy as sa
from alembic import op

revision = "0019_choose"
down_revision = "0018_hsds"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("may_message", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("message_choice_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.drop_column("message_choice_at")
        batch_op.drop_column("may_message")
