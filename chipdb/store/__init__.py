"""The database: the schema (SQLAlchemy Core), engines and write transactions, Alembic, where the
database is, and the reads that turn rows into domain records."""
