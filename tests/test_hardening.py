"""What an adversarial user or data package tried, on every engine: first use by many clients, a
database from a newer chipdb, bad packages refused alike on SQLite and PostgreSQL, control
characters never reaching the terminal, backups that restore (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from chipdb.store.db import make_engine

from .conftest import Cli, table_checksums

HEADER = "device,metric,precision,sparsity,engine,direction,value,unit,status,source,locator,rank,reason,note\n"


def write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (directory / name).write_text(body, encoding="utf-8")
    return directory


def device(slug: str, name: str) -> dict[str, str]:
    return {"devices.csv": f"slug,name,vendor,kind,family,released,note\n{slug},{name},nvidia,accelerator,,,\n"}


def test_four_clients_on_a_new_database_all_succeed(empty_url):
    env = {**os.environ, "CHIPDB_DATABASE_URL": empty_url}
    runs = [subprocess.Popen([sys.executable, "-m", "chipdb", "list"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(*run.communicate(timeout=180), run.returncode) for run in runs]
    for out, err, code in results:
        assert code == 0, err[-1500:]
        assert "h100-sxm5-80gb" in out
    assert sum("creating it and loading the seeds" in err for _, err, _ in results) == 1


def test_a_database_from_a_newer_chipdb_is_refused_cleanly(db_url):
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    cli = Cli(db_url)
    for args in (["list"], ["show", "H100"], ["db", "upgrade"], ["import", str(Path(__file__))]):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.output)
        assert "9999_future, newer than this chipdb knows" in result.stderr and "Traceback" not in result.output


def test_db_upgrade_to_an_unknown_revision_is_a_clean_error(empty_url):
    result = Cli(empty_url)("db", "upgrade", "nonsense")
    assert result.exit_code == 1 and "no schema revision 'nonsense'" in result.stderr


BAD_PACKAGES = {
    "long-name": device("long", "X" * 201),
    "nul-in-name": device("nul", "Bad\x00Chip"),
    "escape-in-name": device("esc", "\x1b[2J\x1b[31mX\x1b[0m"),
    "title-with-osc": {"sources.csv": "key,title,publisher,url,published,retrieved,kind,note\n"
                                      "osc,\x1b]0;title\x07,x,https://example.com,2025,2026,press,\n"},
    "slug-grammar": device("H_100", "Fine Name"),
    "slug-reads-as-h100": device("h-100", "Another Chip"),
    "name-reads-as-h100": device("x-1", "H100SXM5 80GB"),
    "bad-date": {"sources.csv": "key,title,publisher,url,published,retrieved,kind,note\n"
                                "d,T,x,https://example.com,2025-02-30,2026,press,\n"},
    "bad-month": {"sources.csv": "key,title,publisher,url,published,retrieved,kind,note\n"
                                 "d,T,x,https://example.com,2025-99,2026,press,\n"},
    "decimal-comma": {"statements.csv": HEADER + "h20,memory_bandwidth,,,,,\"3,35\",TB/s,published,"
                                        "h100-page-via-notes,p. 1,normal,,\n"},
    "overflow": {"statements.csv": HEADER + "h20,power,,,,,1e400,W,published,h100-page-via-notes,p. 1,normal,,\n"},
    "underflow": {"statements.csv": HEADER + "h20,power,,,,,1e-400,W,published,h100-page-via-notes,p. 1,normal,,\n"},
    "zero-power": {"statements.csv": HEADER + "h20,power,,,,,0,W,published,h100-page-via-notes,p. 1,normal,,\n"},
    "memory-in-bits": {"statements.csv": HEADER + "h20,memory_capacity,,,,,96,Gb,published,h100-page-via-notes,"
                                         "p. 1,normal,,\n"},
}
EXPECTED = {
    "long-name": "at most 200", "nul-in-name": "\\x00", "escape-in-name": "\\x1b", "title-with-osc": "\\x1b",
    "slug-grammar": "is not a slug", "slug-reads-as-h100": "names device h100-sxm5-80gb",
    "name-reads-as-h100": "names device h100-sxm5-80gb", "bad-date": "not a calendar date",
    "bad-month": "not a calendar date", "decimal-comma": "groups of three", "overflow": "too large",
    "underflow": "too small", "zero-power": "above 0", "memory-in-bits": "is bits",
}


def test_bad_packages_are_refused_and_change_nothing(db_url, tmp_path):
    cli = Cli(db_url)
    before = table_checksums(db_url)
    seen = {}
    for name, files in BAD_PACKAGES.items():
        result = cli("import", str(write(tmp_path / name, files)))
        assert result.exit_code == 1, (name, result.output)
        assert EXPECTED[name] in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.output
        seen[name] = result.stderr.replace(str(tmp_path), "PKG")
    assert table_checksums(db_url) == before
    assert not any("database error" in v for v in seen.values())


def test_the_same_bad_packages_give_the_same_problems_on_both_engines(tmp_path, postgres, seeded_templates):
    import pytest

    if postgres is None:
        pytest.skip("needs CHIPDB_TEST_POSTGRES_URL to compare with PostgreSQL; .ci/run sets it")
    import shutil

    lite = tmp_path / "lite.sqlite"
    shutil.copy(seeded_templates("sqlite"), lite)
    urls = {"sqlite": f"sqlite:///{lite}", "postgresql": postgres.database(template=seeded_templates("postgresql"))}
    outputs = {}
    for engine_name, url in urls.items():
        cli = Cli(url)
        outputs[engine_name] = {name: cli("import", str(write(tmp_path / engine_name / name, files))).stderr
                                .replace(str(tmp_path / engine_name), "PKG")
                                for name, files in BAD_PACKAGES.items()}
    assert outputs["sqlite"] == outputs["postgresql"]


def test_control_characters_in_the_database_never_reach_the_terminal(db_url):
    """A shared database may hold what import refuses (written by another tool): table and
    Markdown output show the characters escaped; JSON carries them escaped; CSV carries the data."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE devices SET name = :n WHERE slug = 'h20'"), {"n": "\x1b[2J\x1b[31mX\x1b[0m"})
        conn.execute(text("UPDATE sources SET title = :t WHERE key = 'h100-page-via-notes'"), {"t": "\x1b]0;t\x07"})
    engine.dispose()
    cli = Cli(db_url)
    for args in (["list"], ["show", "h20"], ["trace", "h20", "memory_capacity"], ["sources"],
                 ["show", "h20", "-f", "markdown"], ["compare", "h20", "H100", "-m", "power"]):
        out = cli(*args)
        assert out.exit_code == 0, (args, out.output)
        assert "\x1b" not in out.stdout and "\x07" not in out.stdout, args
    assert "\\x1b[2J" in cli.out("show", "h20")
    assert "\\u001b" in cli.out("show", "h20", "-f", "json")
