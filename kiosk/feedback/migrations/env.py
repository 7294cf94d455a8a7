"""Alembic's environment for the feedback database: always run from kiosk.feedback.store, on its connection."""

from alembic import context

from kiosk.feedback.store import metadata

context.configure(connection=context.config.attributes["connection"], target_metadata=metadata,
                  render_as_batch=True)  # SQLite alters tables by copying them
with context.begin_transaction():
    context.run_migrations()
