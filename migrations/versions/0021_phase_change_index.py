"""phase_change: drop ix_phase_change_enrolment_id, which ix_phase_change_stay (enrolment_id,
changed_on, id) already serves: any lookup by enrolment_id (a participant's moves, the
cascade when an enrolment is deleted) reads the longer index's first column, and each move
written no longer updates two indexes.

Revision ID: 0021_phase_change_index
Revises: 0020_results

"""

from alembic import op

revision = "0021_phase_change_index"
down_revision = "0020_results"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_phase_change_enrolment_id", table_name="phase_change")


def downgrade():
    op.create_index("ix_phase_change_enrolment_id", "phase_change", ["enrolment_id"], unique=False)
