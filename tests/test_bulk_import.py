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
from chipdb.package import columns, fastcsv

from .cli.test_package import STATEMENT_HEADER, write
from .conftest import table_checksums

SOURCE = "key,title,publisher,url,published,retrieved,kind,note\nbulk-src,Bulk,bulk,https://example.com/b,2025-01-01,2026-01-01,measurement,\n"
DEVICES = 60
PER_DEVICE = 40  # 2,400 statements: 5 chunks of 500, over the 1,000 rows kept for the second pass
PRECISIONS = ("fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "fp6", "fp4", "int8", "int4")


@pytest.fixture(params=["csv module", "pandas"])
def small_chunks(request, monkeypatch):
    """Chunks of 500 rows, the file read by the csv module or (as a large file is) by pandas."""
    monkeypatch.setattr(columns, "CHUNK_ROWS", 500)
    monkeypatch.setattr(columns, "CACHE_ROWS", 1_000)
    if request.param == "pandas":
        monkeypatch.setattr(fastcsv, "FAST_BYTES", 0)


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


def test_values_written_from_a_file_read_twice_are_those_of_each_row(cli, small_chunks, tmp_path):
    """The values judged on the first read are kept for the second (the file is larger than what
    is kept between them), padded cells and rows with no value included: each stored value is its
    row's printed value and unit in canonical units."""
    from sqlalchemy import text

    from chipdb.domain.units import to_canonical
    from chipdb.store.db import make_engine

    rows = _statements()
    for i in range(700, len(rows), 300):  # later chunks: a padded value, a statement with no value
        rows[i] = rows[i].replace(",TFLOPS,", ", TFLOPS ,").replace(",TOPS,", ",TOPS  ,")
        rows[i + 1] = ",".join(rows[i + 1].split(",")[:6] + ["", "", "not_published", "bulk-src", "table 1", "", "", ""])
    result = cli("import", str(_package(tmp_path, rows)))
    assert result.exit_code == 0, result.output
    engine = make_engine(cli.url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT value_printed, unit_printed, status, value FROM statements s JOIN devices d "
                                   "ON d.id = s.device_id WHERE d.slug LIKE 'bulk-%' ORDER BY s.id")).fetchall()
    engine.dispose()
    assert len(stored) == len(rows) and sum(status == "not_published" for _, _, status, _ in stored) > 4
    for printed, unit, status, value in stored:
        assert value == (to_canonical(printed, unit, "compute") if status == "published" else None)


def test_a_chunk_s_problems_are_those_of_its_rows_judged_one_by_one():
    """The statements' rules judged a column at a time (values by distinct number and unit) say
    what judging each row on its own says, in the same order."""
    from chipdb.package.columns import rows_chunk
    from chipdb.package.statementrows import _RULED, STATEMENTS, Judge, _rules, value_problems
    from chipdb.package.validate import _MetricInfo

    metrics = {"compute": _MetricInfo("compute", ("precision", "sparsity", "engine")),
               "memory_capacity": _MetricInfo("bytes", ()), "cpu_cores": _MetricInfo("count", ()),
               "process_node": _MetricInfo("text", ()), "announced": _MetricInfo("date", ())}
    values = ("1,979", "3,35", "0", "12", "1e400", "1e-400", "abc", "", "7 200", "²", "2025-03", "-3", "TSMC N4")
    units = ("TFLOPS", "TOPS", "GB", "Gb", "", "W", "furlongs", "cores")
    statuses = ("published", "estimate", "not_applicable", "measured")
    cells = [{"device": "d", "metric": metric, "precision": "bf16" if k % 3 else "", "sparsity": "dense",
              "engine": "matrix" if k % 5 else "", "value": value, "unit": unit, "status": status,
              "rank": "preferred" if k % 4 == 0 else "normal"}
             for k, (metric, value, unit, status) in enumerate(
                 (m, v, u, s) for m in (*metrics, "unknown") for v in values for u in units for s in statuses)]
    chunk = rows_chunk(STATEMENTS, "statements.csv", list(range(2, len(cells) + 2)), cells)
    judge = Judge(metrics)
    found = list(judge.problems(chunk))
    expected, values_expected = [], []
    for i in range(len(chunk)):
        row = {name: column[i] for name, column in chunk.columns.items()}
        info = metrics.get(row["metric"])
        problems, value = value_problems(row, info) if info else ([], None)
        ruled = _rules(tuple(row[k] for k in _RULED), metrics)
        expected += [(i, column, message) for column, message in (*ruled, *problems)]
        values_expected.append(value)
    assert found == expected and len(found) > 1000
    assert judge.values(chunk) == values_expected


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


def test_a_large_regular_file_is_read_by_pandas_and_written_as_the_csv_module_reads_it(cli, tmp_path, monkeypatch):
    read = []
    batches = fastcsv.column_batches
    monkeypatch.setattr(fastcsv, "FAST_BYTES", 0)
    monkeypatch.setattr(fastcsv, "column_batches", lambda *a: read.append(a) or batches(*a))
    rows = _statements(devices=3)
    result = cli("import", str(_package(tmp_path, rows)))
    assert result.exit_code == 0 and f"statements: {len(rows)} new" in result.stderr
    assert read and read[0][3] == len(rows)
