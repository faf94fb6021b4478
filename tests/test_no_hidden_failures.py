"""No broad except hides a failure (issue 22, item 14): an unreachable database or a file that
is not one is an error, never "no schema"; the audit and the Epoch importer say what they skip."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError

from chipdb.store.db import make_engine


def test_an_unreachable_database_is_an_error_not_no_schema():
    pytest.importorskip("psycopg")
    from chipdb.store.migrate import current

    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/nothing?connect_timeout=2")
    with pytest.raises(DBAPIError):
        current(engine)


def test_a_file_that_is_not_a_database_is_an_error_not_no_schema(tmp_path):
    from chipdb.store.migrate import current

    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my notes, not a database" * 100)
    engine = make_engine(f"sqlite:///{path}")
    with pytest.raises(DBAPIError):
        current(engine)
    engine.dispose()


@pytest.mark.parametrize("printed", ["NaN", "Infinity", "~300"])
def test_audit_rounding_of_an_odd_printed_value_is_the_default(printed):
    from chipdb.analysis.audit import _rounding

    assert _rounding(printed) == 0.005


def test_an_unreadable_derived_epoch_value_is_noted(cli, tmp_path):
    path = tmp_path / "ml_hardware.csv"
    path.write_text("Hardware name,Manufacturer,Total processing performance (bit-OP/s),Last modified\n"
                    "NVIDIA H100 SXM5 80GB,NVIDIA,lots,2025-06-01 00:00:00+00:00\n", encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output
    assert f"{path}:2: column 'Total processing performance (bit-OP/s)': 'lots' is not a number" in result.stderr


def test_a_version_table_that_cannot_be_read_is_an_error_not_no_schema(tmp_path):
    from sqlalchemy import text

    from chipdb.store.migrate import current

    engine = make_engine(f"sqlite:///{tmp_path / 'odd.sqlite'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE other (x INTEGER)"))
        conn.execute(text("CREATE VIEW alembic_version AS SELECT version_num FROM gone"))
    with pytest.raises(DBAPIError, match="gone"):
        current(engine)
    engine.dispose()
