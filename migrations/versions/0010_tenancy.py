"""tenancy: the outbox as a queue per programme, feedback templates per programme

Revision ID: 0010_tenancy
Revises: 0008

"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0010_tenancy"
down_revision = "0009_sessions"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("programme_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=False, server_default="sv"))
        batch_op.add_column(sa.Column("html_body", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("delivery", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("next_attempt_at", sa.DateTime(), nullable=False, server_default=sa.func.current_timestamp())
        )
        batch_op.alter_column("error", new_column_name="last_error", existing_type=sa.String(length=500))
        batch_op.create_index(batch_op.f("ix_outbox_message_programme_id"), ["programme_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_message_next_attempt_at"), ["next_attempt_at"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_message_programme_id_programme"),
            "programme",
            ["programme_id"],
            ["id"],
            ondelete="SET NULL",
        )
    # Mail kept before this revision may hold live links, and was sent at once or never:
    # its bodies are dropped, and what was never sent is not sent now, days late.
    op.execute("UPDATE outbox_message SET body = ''")
    op.execute("UPDATE outbox_message SET attempts = 1000 WHERE sent_at IS NULL")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.alter_column("language", server_default=None)
        batch_op.alter_column("attempts", server_default=None)
        batch_op.alter_column("next_attempt_at", server_default=None)

    _feedback_templates_per_programme()


def _feedback_templates_per_programme():
    """Templates were shared: each programme gets its own copy of every version, and
    feedback keeps its version, now the copy of its placement's programme."""
    with op.batch_alter_table("feedback_template", schema=None) as batch_op:
        batch_op.add_column(sa.Column("programme_id", sa.Integer(), nullable=True))
        batch_op.drop_constraint("uq_feedback_template_key_version", type_="unique")
    connection = op.get_bind()
    programmes = [row[0] for row in connection.execute(sa.text("SELECT id FROM programme ORDER BY id"))]
    templates = (
        connection.execute(
            sa.text("SELECT id, key, version, definition, created_at, created_by_id FROM feedback_template")
        )
        .mappings()
        .all()
    )
    template_table = sa.table(
        "feedback_template",
        sa.column("id", sa.Integer),
        sa.column("programme_id", sa.Integer),
        sa.column("key", sa.String),
        sa.column("version", sa.Integer),
        sa.column("definition", sa.JSON),
        sa.column("created_at"),
        sa.column("created_by_id", sa.Integer),
    )
    for template in templates:
        for n, programme_id in enumerate(programmes):
            if n == 0:
                connection.execute(
                    sa.text("UPDATE feedback_template SET programme_id = :p WHERE id = :t"),
                    {"p": programme_id, "t": template["id"]},
                )
                continue
            values = {k: template[k] for k in ("key", "version", "definition", "created_at", "created_by_id")}
            if isinstance(values["definition"], str):
                values["definition"] = json.loads(values["definition"])
            copy_id = connection.execute(
                sa.insert(template_table).values(programme_id=programme_id, **values).returning(template_table.c.id)
            ).scalar_one()
            connection.execute(
                sa.text(
                    "UPDATE feedback SET template_id = :copy WHERE template_id = :original AND placement_id IN "
                    "(SELECT placement.id FROM placement"
                    " JOIN organisation ON organisation.id = placement.organisation_id"
                    " WHERE organisation.programme_id = :p)"
                ),
                {"copy": copy_id, "original": template["id"], "p": programme_id},
            )
    connection.execute(
        sa.text(
            "DELETE FROM feedback_template WHERE programme_id IS NULL AND id NOT IN (SELECT template_id FROM feedback)"
        )
    )
    with op.batch_alter_table("feedback_template", schema=None) as batch_op:
        batch_op.alter_column("programme_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_feedback_template_programme_id_key_version"), ["programme_id", "key", "version"]
        )
        batch_op.create_index(batch_op.f("ix_feedback_template_programme_id"), ["programme_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_feedback_template_programme_id_programme"), "programme", ["programme_id"], ["id"]
        )


def downgrade():
    # Back to shared templates: the first programme's version of each key serves everyone.
    op.execute(
        "UPDATE feedback SET template_id = (SELECT MIN(same.id) FROM feedback_template AS own "
        "JOIN feedback_template AS same ON same.key = own.key AND same.version = own.version "
        "WHERE own.id = feedback.template_id)"
    )
    op.execute(
        "DELETE FROM feedback_template WHERE id NOT IN (SELECT MIN(id) FROM feedback_template GROUP BY key, version)"
    )
    with op.batch_alter_table("feedback_template", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_feedback_template_programme_id_programme"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_feedback_template_programme_id"))
        batch_op.drop_constraint(batch_op.f("uq_feedback_template_programme_id_key_version"), type_="unique")
        batch_op.create_unique_constraint("uq_feedback_template_key_version", ["key", "version"])
        batch_op.drop_column("programme_id")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_outbox_message_programme_id_programme"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_outbox_message_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_outbox_message_programme_id"))
        batch_op.alter_column("last_error", new_column_name="error", existing_type=sa.String(length=500))
        for column in ("next_attempt_at", "attempts", "delivery", "html_body", "language", "programme_id"):
            batch_op.drop_column(column)
