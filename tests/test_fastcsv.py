"""A statements file of 4 MiB or more is read by pandas' parser only where the csv module would read it the
same (chipdb/package/fastcsv.py): the same cells, the same lines, and any other file left to the
csv module."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from chipdb.package import fastcsv
from chipdb.package.csvformat import Package, read_csv


def by_csv_module(path, width):
    header, records = read_csv(Package(), path)
    rows = list(records)
    return [r.end for r in rows], [[r.cells[i] for r in rows] for i in range(width)]


def by_pandas(path, width):
    count = fastcsv.regular_records(path, width)
    if count is None:
        return None
    lines, columns = [], [[] for _ in range(width)]
    for batch_lines, batch in fastcsv.column_batches(path, width, 3, count):
        lines += batch_lines
        for column, cells in zip(columns, batch):
            column += cells
    return lines, columns


@pytest.fixture(autouse=True)
def any_size(monkeypatch):
    monkeypatch.setattr(fastcsv, "FAST_BYTES", 0)


cell = st.text(alphabet=st.sampled_from(list('ab1 ,"\'ü中\t;-.') + ["\n", "\r"]), max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.sampled_from(["h100", "a1", "x"]), cell, cell), min_size=1, max_size=8),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]), final_newline=st.booleans(),
       ends=st.sampled_from(["\n", "\r\n"]))
def test_pandas_reads_what_the_csv_module_reads(tmp_path, rows, quoting, final_newline, ends):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ends, quoting=quoting)
    writer.writerow(["device", "value", "note"])
    writer.writerows(rows)
    text = out.getvalue() if final_newline else out.getvalue()[:-len(ends)]
    path = tmp_path / "statements.csv"
    path.write_text(text, encoding="utf-8", newline="")
    fast = by_pandas(path, 3)
    if fast is not None:
        assert fast == by_csv_module(path, 3)
    if quoting == csv.QUOTE_MINIMAL and not any('"' in c or "\n" in c or "\r" in c for r in rows for c in r):
        assert fast is not None  # a plain file is read fast


@pytest.mark.parametrize("body", [
    'h100,1\n\nh100,2\n',  # a blank line: the csv module skips it
    'h100,1\n   \nh100,2\n',  # so a line of spaces
    ',\nh100,2\n',  # and a record of empty cells
    ' h100,1\n',  # a first cell beginning with a space
    'h100,1,2\n',  # a field too many
    'h100\n',  # one too few
    'h100,"ab"c\n',  # a quote closed inside a cell: the csv module refuses it
    'h100,a"b\n',  # a quote inside an unquoted cell
    'h100,"a\nb"\n',  # a line break inside a cell: a record is not its line
    'h100,1\rh100,2\n',  # a carriage return alone
    'h100,1\r\r\nh100,2\n',  # or before another
    'h100,a\x00b\n',  # NUL
    'h100,"open\n',  # a quote never closed
])
def test_an_irregular_file_is_left_to_the_csv_module(tmp_path, body):
    path = tmp_path / "statements.csv"
    path.write_text("device,value\n" + body, encoding="utf-8", newline="")
    assert fastcsv.regular_records(path, 2) is None


def test_a_regular_file_is_read_fast(tmp_path):
    path = tmp_path / "statements.csv"
    path.write_text('\ufeffdevice,value\nh100,"1,234"\nh200,"say ""hi"""\nh300,\n', encoding="utf-8")
    assert by_pandas(path, 2) == by_csv_module(path, 2) == ([2, 3, 4], [["h100", "h200", "h300"],
                                                                        ["1,234", 'say "hi"', ""]])


def test_a_file_with_crlf_line_ends_is_read_fast(tmp_path):
    path = tmp_path / "statements.csv"
    path.write_bytes(b'device,value\r\nh100,"1,234"\r\nh200,x\nh300,\r\n')
    assert by_pandas(path, 2) == by_csv_module(path, 2) == ([2, 3, 4], [["h100", "h200", "h300"], ["1,234", "x", ""]])


def test_a_small_file_is_left_to_the_csv_module(tmp_path, monkeypatch):
    monkeypatch.setattr(fastcsv, "FAST_BYTES", 1 << 20)
    path = tmp_path / "statements.csv"
    path.write_text("device,value\nh100,1\n", encoding="utf-8")
    assert fastcsv.regular_records(path, 2) is None
