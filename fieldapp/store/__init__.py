"""The store: SQLModel tables, engine, migrations, unit of work and queries."""
