"""Messages that said the wrong thing (issue 22, item 15), on every engine."""

from __future__ import annotations


import pytest
from sqlalchemy import insert, select, text

from chipdb.domain.errors import ValidationFailed, ValidationProblem


def test_a_latin1_epoch_file_is_only_not_utf8(cli, tmp_path):
    path = tmp_path / "ml_hardware.csv"
    path.write_bytes("Hardware name,Manufacturer,Last modified\nAcme Puce électronique,Acme,2025-06-01\n"
                     .encode("latin-1"))
    result = cli("import", str(path), "--from", "epoch")
    assert result.exit_code == 1
    assert "not UTF-8" in result.stderr
    assert "no 'Hardware name' column" not in result.stderr


@pytest.mark.parametrize("name,header", [("ml_hardware.csv", "Hardware name,Manufacturer,Last modified\n"),
                                         ("devices.csv", "slug,name,vendor,kind,family,released,note\n")])
def test_a_cell_over_the_csv_limit_says_so(cli, tmp_path, name, header):
    path = tmp_path / name
    path.write_text(header + "x," + "y" * 140_000 + ",z\n", encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "a cell longer than 131,072 characters" in result.stderr


def test_the_grouped_summary_keeps_words_with_digits():
    problems = [ValidationProblem("statements.csv", n, "precision", f"'x{n}' is not bf16 at line {n}")
                for n in range(1, 80)]
    message = str(ValidationFailed(problems))
    assert "is not bf16 at line N" in message
    assert "bfN" not in message


def test_compare_of_descriptive_metrics_only_is_a_table(cli):
    result = cli("compare", "H100", "A100", "-m", "released", "-m", "memory_type")
    assert result.exit_code == 0, result.output
    assert "memory_type" in result.stdout and "HBM3" in result.stdout


def test_list_orders_aliases_by_code_point_under_an_icu_collation(postgres, seeded_templates):
    if postgres is None:
        pytest.skip("needs CHIPDB_TEST_POSTGRES_URL")
    from chipdb.store.db import make_engine
    from chipdb.store import tables as T
    from ..conftest import Cli

    url = postgres.database(template=seeded_templates("postgresql"))
    engine = make_engine(url)
    with engine.begin() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_collation WHERE collname = 'en-US-x-icu'")).first():
            pytest.skip("this PostgreSQL has no ICU collations")
        conn.execute(text('ALTER TABLE aliases ALTER COLUMN alias SET DATA TYPE varchar COLLATE "en-US-x-icu"'))
    with engine.begin() as conn:
        dev = conn.execute(select(T.devices.c.id).where(T.devices.c.slug == "h20")).scalar_one()
        for alias in ("zz-h20", "ZZH20 B", "zz h20 a"):
            key = "".join(ch for ch in alias.casefold() if ch.isalnum())
            conn.execute(insert(T.aliases).values(device_id=dev, alias=alias, alias_key=key))
    engine.dispose()
    listed = Cli(url).json("list", "--format", "json")
    aliases = next(d["aliases"] for d in listed if d["slug"] == "h20").split(", ")
    assert aliases == sorted(aliases)
