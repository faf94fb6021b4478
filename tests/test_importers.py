"""The importer registry and Epoch's column table, without a database."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from chipdb.domain.errors import UsageError
from chipdb.importers import IMPORTERS, choose
from chipdb.importers.common import without_vendor
from chipdb.importers.epoch import _BY_FOLDED, COLUMNS, _cell

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_the_format_is_told_from_the_header():
    assert choose(DATA / "epoch_ml_hardware_excerpt.csv", None).name == "epoch"
    assert choose(DATA / "epoch_ml_hardware_old_columns.csv", None).name == "epoch"
    assert choose(SEEDS, None).name == "package"
    assert choose(SEEDS / "statements.csv", None).name == "package"
    assert choose(SEEDS, "package").name == "package"


def test_every_importer_is_listed_in_the_usage_error(tmp_path):
    other = tmp_path / "chips.csv"
    other.write_text("name,flops\nX1,1\n", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        choose(other, None)
    assert all(f"{name} (" in str(err.value) for name in IMPORTERS)


def test_what_is_not_a_csv_file_goes_to_the_package_reader_which_names_the_problem():
    assert choose(Path("/dev/null"), None).name == "package"
    assert choose(DATA / "EPOCH-ATTRIBUTION.md", None).name == "package"
    assert choose(DATA / "nowhere", None).name == "package"


def test_every_column_of_the_excerpt_is_known_and_mapped_by_name():
    with (DATA / "epoch_ml_hardware_excerpt.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert [h for h in header if h.casefold() not in _BY_FOLDED] == []
    assert COLUMNS["Tensor-FP16/BF16 performance (FLOP/s)"].precision == "bf16"
    assert COLUMNS["Tensor-FP16/BF16 performance (FLOP/s)"].engine == "matrix"
    assert COLUMNS["FP16 (half precision) performance (FLOP/s)"].engine == "vector"
    assert _BY_FOLDED["memory size per board (byte)"] == "Memory (bytes)"


@pytest.mark.parametrize("text", ["", " ", "inf", "Infinity", "-inf", "NaN"])
def test_blank_and_infinite_cells_are_empty(text):
    assert _cell(text) == ""


def test_a_vendor_word_is_dropped_for_matching():
    assert without_vendor("NVIDIA H100 SXM5 80GB", "NVIDIA") == "H100 SXM5 80GB"
    assert without_vendor("Amazon Trainium3", "Amazon AWS") == "Trainium3"
    assert without_vendor("MT-3000", "National University of Defense Technology") == "MT-3000"


def test_epoch_is_detected_by_current_and_earlier_header_names():
    from pathlib import Path

    from chipdb.importers import _is_epoch

    assert _is_epoch(Path("x.csv"), ["Hardware name", "Manufacturer"])
    assert _is_epoch(Path("x.csv"), ["Name of the hardware", "Release year", "Memory size per board (Byte)"])
    assert not _is_epoch(Path("x.csv"), ["device", "metric"])


def test_per_row_findings_are_capped_with_a_count():
    """A 20k-row import printed 20,003 "derived value differs" lines; now the first 20 and a count."""
    from chipdb.importers import ImportResult
    from chipdb.output.reports.data import IMPORT_LINES_SHOWN, import_lines

    derived = [f"dev-{i}: the dataset's TPP 1, chipdb's 2" for i in range(500)]
    lines = import_lines(ImportResult("epoch", None, ["devices: 1 matched"], [], derived))
    assert lines[1] == "500 derived value(s) of the dataset differ from chipdb's:"
    assert lines[2:-1] == [f"  {d}" for d in derived[:IMPORT_LINES_SHOWN]]
    assert lines[-1] == f"  ... and {500 - IMPORT_LINES_SHOWN} more (see: chipdb controls DEVICE)"
    assert import_lines(ImportResult("epoch", None, [], [], derived[:3]))[1:] == [f"  {d}" for d in derived[:3]]


def test_per_row_notes_are_capped_per_kind_with_a_count():
    """An importer's notes about single rows (file:line: ...) show IMPORT_LINES_SHOWN of each kind,
    then how many more; notes about the whole file are all shown."""
    from chipdb.importers import ImportResult
    from chipdb.output.reports.data import IMPORT_LINES_SHOWN, import_lines

    fp16 = [f"e.csv:{i}: Chip {i}: FP16 looks like the tensor rate; kept as deprecated" for i in range(2, 302)]
    system = [f"e.csv:{i}: 'Rack {i}' matches rack-{i}, a system; its one accelerator part gpu takes the row"
              for i in range(400, 405)]
    lines = import_lines(ImportResult("epoch", None, ["devices: 3 matched, 300 created", *fp16, *system], [], []))
    assert lines[0] == "note: devices: 3 matched, 300 created"
    assert lines[1:1 + IMPORT_LINES_SHOWN] == [f"note: {n}" for n in fp16[:IMPORT_LINES_SHOWN]]
    assert lines[1 + IMPORT_LINES_SHOWN:-1] == [f"note: {n}" for n in system]
    assert lines[-1] == f"note: e.csv: ... and {300 - IMPORT_LINES_SHOWN} more like: FP16 looks like the tensor rate; " \
                        "kept as deprecated"


def test_epoch_matching_is_linear_in_the_rows(tmp_path, seeded_templates):
    """Matching and TPP checks do not scan every device per row: queries per import stay flat as
    the file grows (counted, not timed)."""
    import shutil
    import sys

    from sqlalchemy import event

    from chipdb.importers import ImportOptions, run_import
    from chipdb.store.db import make_engine, write

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from epoch_scaled import scaled_epoch

    source = Path(__file__).parent / "data" / "epoch_ml_hardware_excerpt.csv"
    counts = []
    for rows in (60, 240):
        db = tmp_path / f"{rows}.sqlite"
        shutil.copy(seeded_templates("sqlite"), db)
        engine = make_engine(f"sqlite:///{db}")
        queries = []
        event.listen(engine, "before_cursor_execute", lambda *a: queries.append(1))
        path = scaled_epoch(source, rows, tmp_path / f"epoch{rows}.csv")
        write(engine, lambda c: run_import(c, path, IMPORTERS["epoch"], ImportOptions()))
        engine.dispose()
        counts.append(len(queries))
    assert counts[1] < counts[0] * 2, counts  # 4x the rows, not 4x the queries


def test_the_lint_reads_what_an_import_created_from_the_package_as_the_database_holds_it(db_url, tmp_path):
    """After an import, the TPP lint takes the statements of the devices the import created from
    the package it has just written (``package.written``), not from the database: the same
    Knowledge, statement for statement and in the same order, and the same differences."""
    import sys

    from chipdb.analysis.audit import compare_tpp
    from chipdb.importers import ImportOptions
    from chipdb.package.load import load_package
    from chipdb.package.written import written
    from chipdb.store.db import make_engine, write
    from chipdb.store.knowledge import load_knowledge

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from epoch_scaled import scaled_epoch

    path = scaled_epoch(DATA / "epoch_ml_hardware_excerpt.csv", 60, tmp_path / "epoch60.csv")

    def work(conn):
        pkg = IMPORTERS["epoch"].to_package(path, conn, ImportOptions())
        report = load_package(conn, pkg, origin=str(path))
        held = written(conn, pkg, report.new_devices)
        assert held is not None and len(report.new_devices) > 30
        slugs = sorted({slug for slug, _, _ in pkg.derived} | {"h100-sxm5-80gb"})
        for metrics in (["compute"], None):
            from_package, _ = load_knowledge(conn, slugs, metrics, held)
            read_back, _ = load_knowledge(conn, slugs, metrics)
            assert from_package.facts == read_back.facts
        assert compare_tpp(conn, pkg.derived, held) == compare_tpp(conn, pkg.derived)
        assert compare_tpp(conn, pkg.derived)  # the copies' TPP differs from the dataset's

    engine = make_engine(db_url)
    try:
        write(engine, work)
    finally:
        engine.dispose()
