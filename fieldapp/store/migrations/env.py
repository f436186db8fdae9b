"""Alembic environment: the connection is handed in by `fieldapp.store.migrate`."""

from alembic import context
from sqlmodel import SQLModel

import fieldapp.store.tables  # noqa: F401  (registers the tables on the metadata)
from fieldapp.store.migrate import declared_name

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through fieldapp.store.migrate")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        include_name=declared_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
