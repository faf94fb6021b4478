"""The package import in chunks (issue 23): a statements file larger than a chunk, and larger than
what is kept between validating and writing, is checked and written as one; problems across
chunks name their lines; a refused import writes nothing; the progress bar shows on a terminal
only. Run on both engines (SQLite executemany, PostgreSQL COPY)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from chipdb.cli._progress import ImportProgress
from chipdb.package import columns

from .cli.test_package import STATEMENT_HEADER, write
from .conftest import table_checksums

SOURCE = "key,title,publisher,url,published,retrieved,kind,note\nbulk-src,Bulk,bulk,https://example.com/b,2025-01-01,2026-01-01,measurement,\n"
DEVICES = 60
PER_DEVICE = 40  # 2,400 statements: 5 chunks of 500, over the 1,000 rows kept for the second pass
PRECISIONS = ("fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "fp6", "fp4", "int8", "int4")


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(columns, "CHUNK_ROWS", 500)
    monkeypatch.setattr(columns, "CACHE_ROWS", 1_000)


def _statements(devices: int = DEVICES) -> list[str]:
    rows = []
    for d in range(devices):
        for p in PRECISIONS:
            for s in ("dense", "sparse"):
                for e in ("matrix", "vector"):
                    value = f"{(d * 37 + len(rows)) % 9000 + 1:,}"
                    unit = "TOPS" if p.startswith("int") else "TFLOPS"
                    rows.append(f"bulk-{d},compute,{p},{s},{e},,\"{value}\",{unit},published,bulk-src,table 1,"
                                f"{'preferred' if e == 'matrix' else ''},,")
    return rows


def _package(tmp_path: Path, statements: list[str], name: str = "pkg") -> Path:
    devices = "slug,name,vendor,kind,family,released,note\n" + "".join(
        f"bulk-{d},Bulk chip {d},nvidia,accelerator,,2025,\n" for d in range(DEVICES))
    return write(tmp_path / name, {"sources.csv": SOURCE, "devices.csv": devices,
                                   "statements.csv": STATEMENT_HEADER + "\n".join(statements) + "\n"})


def test_a_package_larger_than_a_chunk_imports_round_trips_and_reimports_unchanged(cli, small_chunks, tmp_path):
    rows = _statements()
    assert len(rows) == DEVICES * PER_DEVICE > 2 * columns.CACHE_ROWS
    result = cli("import", str(_package(tmp_path, rows)))
    assert result.exit_code == 0, result.output
    assert f"statements: {len(rows)} new, 0 changed, 0 unchanged" in result.stderr
    assert cli("export", str(tmp_path / "out")).exit_code == 0
    exported = csv.reader((tmp_path / "out" / "statements.csv").read_text(encoding="utf-8").splitlines())
    ours = [cells for cells in exported if cells[0].startswith("bulk-")]
    expected = [cells[:11] + [cells[11] or "normal"] + cells[12:] for cells in csv.reader(rows)]
    assert sorted(ours) == sorted(expected)
    again = cli("import", str(_package(tmp_path, rows)))
    assert again.exit_code == 0 and f"statements: 0 new, 0 changed, {len(rows)} unchanged" in again.stderr
    changed = rows[:]
    changed[-1] = changed[-1].replace("table 1", "table 2")
    third = cli("import", str(_package(tmp_path, changed)))
    assert third.exit_code == 0 and f"statements: 0 new, 1 changed, {len(rows) - 1} unchanged" in third.stderr


def test_problems_across_chunks_name_their_lines_and_nothing_is_written(cli, small_chunks, tmp_path):
    rows = _statements()
    rows[-1] = rows[0]  # a duplicate key, 2,399 lines later (in another chunk)
    rows[1500] = rows[1500].replace(",published,", ",publshed,")
    rows.append(rows[2].replace(",fp64,sparse,matrix,", ",fp64,dense,matrix,").replace(",bulk-src,", ",bulk-src2,"))
    before = table_checksums(cli.url)
    result = cli("import", str(_package(tmp_path, rows)))
    assert result.exit_code == 1, result.output
    err = result.stderr
    assert "6 problem(s)" in err
    assert f"statements.csv:{len(rows) + 1}: column source: unknown source 'bulk-src2'" in err
    assert "statements.csv:1502: column status: 'publshed' is not one of" in err
    assert f"statements.csv:{len(rows)}: duplicate key device, metric, precision, sparsity, engine, direction, " \
           "source = bulk-0, compute, fp64, dense, matrix, , bulk-src: line 2 has it already" in err, err
    assert table_checksums(cli.url) == before


def test_a_second_preferred_statement_in_a_later_chunk_names_the_first(cli, small_chunks, tmp_path):
    rows = _statements()
    rows.append(rows[0].replace(",bulk-src,", ",bulk-src-2,"))
    source = SOURCE + "bulk-src-2,Bulk 2,bulk,https://example.com/b2,2025-01-01,2026-01-01,measurement,\n"
    package = _package(tmp_path, rows)
    (package / "sources.csv").write_text(source, encoding="utf-8")
    result = cli("import", str(package))
    assert result.exit_code == 1
    assert f"statements.csv:{len(rows) + 1}: column rank: line 2 is already preferred" in result.stderr


def test_a_bad_byte_past_the_first_block_is_found_on_its_line(cli, tmp_path):
    rows = _statements(devices=5) * 1  # 200 rows
    body = (STATEMENT_HEADER + "\n".join(rows) + "\n").encode()
    filler = b"".join(f"bulk-0,compute,fp64,dense,matrix,,1,TFLOPS,published,bulk-src,{'x' * 200},,,\n".encode()
                      for _ in range(6_000))
    package = _package(tmp_path, rows)
    (package / "statements.csv").write_bytes(body + filler + b"bulk-1,power,,,,,1,W,published,bulk-src,t\xe9st,,,\n")
    assert len(body + filler) > 1 << 20
    lines = (body + filler).count(b"\n") + 1
    result = cli("import", str(package))
    assert result.exit_code == 1 and f"statements.csv:{lines}: byte 0xe9 is not UTF-8" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_only():
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        with ImportProgress(stream) as progress:
            progress.DELAY_S = 0
            progress("writing statements", 10, 20)
            progress("writing statements", 20, 20)
    assert "writing statements" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_a_quick_import_shows_no_bar_even_on_a_terminal():
    terminal = _Terminal()
    with ImportProgress(terminal) as progress:
        progress("checking statements", 5, None)
    assert terminal.getvalue() == ""


def test_a_bulk_insert_rebuilds_the_statement_indexes_it_dropped(cli, small_chunks, monkeypatch, tmp_path):
    """On SQLite a large insert drops the statements' secondary indexes and builds them again after."""
    from sqlalchemy import inspect

    from chipdb.package import bulk
    from chipdb.store.db import make_engine

    monkeypatch.setattr(bulk, "_REBUILD_AT", 1_000)
    engine = make_engine(cli.url)
    with engine.connect() as conn:
        before = sorted(ix["name"] for ix in inspect(conn).get_indexes("statements"))
    rows = _statements()
    result = cli("import", str(_package(tmp_path, rows)))
    assert result.exit_code == 0, result.output
    with engine.connect() as conn:
        assert sorted(ix["name"] for ix in inspect(conn).get_indexes("statements")) == before
    engine.dispose()
    assert "bulk-7" in cli.out("show", "bulk-7", "-m", "compute").lower()
