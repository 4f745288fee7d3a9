"""shared_access: drop ix_shared_access_enrolment_id, which the unique constraint
uq_shared_access_enrolment_id_coach_id (enrolment_id, coach_id) already serves: its index
starts with enrolment_id, so every lookup by enrolment (an enrolment's colleagues, the privacy
review's, the cascade when an enrolment is deleted) reads it, and each colleague added no
longer updates a third index. ix_shared_access_coach_id stays: coach_id is only the unique
index's second column.

Revision ID: 0022_shared_access_index
Revises: 0021_phase_change_index

"""

from alembic import op

revision = "0022_shared_access_index"
down_revision = "0021_phase_change_index"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_shared_access_enrolment_id", table_name="shared_access")


def downgrade():
    op.create_index("ix_shared_access_enrolment_id", "shared_access", ["enrolment_id"], unique=False)
