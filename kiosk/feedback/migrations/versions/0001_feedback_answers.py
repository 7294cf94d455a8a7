"""The answers to "Was this useful?".

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_answers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("card", sa.String(100), nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("answer", sa.String(3), nullable=False),
        sa.Column("reasons", sa.String(200), nullable=False, server_default=""),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("needs_review", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("answered_at", sa.DateTime, nullable=False),
        sa.Column("outlet", sa.String(60), nullable=False),
        sa.Column("sent_at", sa.DateTime, nullable=True),
    )
    op.create_index("feedback_answers_card_language", "feedback_answers", ["card", "language"])
    op.create_index("feedback_answers_unsent", "feedback_answers", ["sent_at"])


def downgrade() -> None:
    op.drop_table("feedback_answers")
