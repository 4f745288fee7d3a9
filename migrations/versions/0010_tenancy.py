"""tenancy: the outbox as a queue per programme, feedback templates per programme

Revision ID: 0010_tenancy
Revises: 0008

"""
from alembic import op
import sqlalchemy as sa


revision = '0010_tenancy'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('programme_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=False, server_default='sv'))
        batch_op.add_column(sa.Column('html_body', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('delivery', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(), nullable=False,
                                      server_default=sa.func.current_timestamp()))
        batch_op.alter_column('error', new_column_name='last_error', existing_type=sa.String(length=500))
        batch_op.create_index(batch_op.f('ix_outbox_message_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_message_next_attempt_at'), ['next_attempt_at'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outbox_message_programme_id_programme'), 'programme',
                                    ['programme_id'], ['id'], ondelete='SET NULL')
    # Mail kept before this revision may hold live links, and was sent at once or never:
    # its bodies are dropped, and what was never sent is not sent now, days late.
    op.execute("UPDATE outbox_message SET body = ''")
    op.execute("UPDATE outbox_message SET attempts = 1000 WHERE sent_at IS NULL")
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.alter_column('language', server_default=None)
        batch_op.alter_column('attempts', server_default=None)
        batch_op.alter_column('next_attempt_at', server_default=None)


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_message_programme_id_programme'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outbox_message_next_attempt_at'))
        batch_op.drop_index(batch_op.f('ix_outbox_message_programme_id'))
        batch_op.alter_column('last_error', new_column_name='error', existing_type=sa.String(length=500))
        for column in ('next_attempt_at', 'attempts', 'delivery', 'html_body', 'language', 'programme_id'):
            batch_op.drop_column(column)
