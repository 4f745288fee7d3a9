"""results: indexes for the results page and the exports at 100,000 participants: a
participant's moves in order (the funnel's stays) and the enrolments' start and exit days (a
period's starters and leavers, the monthly participant file).

Revision ID: 0020_results
Revises: 0019_choose

"""

from alembic import op

revision = "0020_results"
down_revision = "0019_choose"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_phase_change_stay", "phase_change", ["enrolment_id", "changed_on", "id"], unique=False)
    op.create_index("ix_enrolment_starts_on", "enrolment", ["starts_on"], unique=False)
    op.create_index("ix_enrolment_exited_on", "enrolment", ["exited_on"], unique=False)


def downgrade():
    op.drop_index("ix_enrolment_exited_on", table_name="enrolment")
    op.drop_index("ix_enrolment_starts_on", table_name="enrolment")
    op.drop_index("ix_phase_change_stay", table_name="phase_change")
