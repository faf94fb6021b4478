"""Every migration this chipdb knows, oldest first; the last is the newest. A module of its own,
with no imports, so the fast read path checks a database's revision without SQLAlchemy.
tests/test_migrations.py checks them against Alembic's history."""

REVISIONS = ("0001_initial", "0002_claims", "0003_controls", "0004_runtime", "0005_metric_core_for")
HEAD_REVISION = REVISIONS[-1]
