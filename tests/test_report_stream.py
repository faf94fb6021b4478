"""A report is one stream of records: the table, CSV and JSON are read from the same records by
the columns, so a record is written once (issue 18: one report, not three encodings)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from chipdb.output import registry as render
from chipdb.output.registry import Column, Report


@dataclass
class Rate:
    device: str
    value: float
    readable: str


RATES = [Rate("h100", 989.4e12, "989.4 TFLOP/s"), Rate("a100", 312e12, "312 TFLOP/s")]


def _render(report: Report, fmt: str) -> str:
    out = io.StringIO()
    render.RENDERERS[fmt].write(report, out)
    return out.getvalue()


def test_table_shows_the_display_and_csv_and_json_carry_the_value():
    report = Report([Column("device"), Column("value", show="readable")], RATES)
    assert report.rows == [["h100", "989.4 TFLOP/s"], ["a100", "312 TFLOP/s"]]
    assert _render(report, "csv") == "device,value\nh100,989400000000000\na100,312000000000000\n"
    assert json.loads(_render(report, "json")) == [{"device": "h100", "value": 989.4e12},
                                                  {"device": "a100", "value": 312e12}]
    assert "989.4 TFLOP/s" in _render(report, "table") and "989400000000000" not in _render(report, "table")


def test_csv_columns_json_objects_and_a_document_come_from_the_same_records():
    seen: list[str] = []

    def as_json(r: Rate) -> dict:
        seen.append(r.device)
        return {"slug": r.device}

    report = Report([Column("device")], RATES, csv=[Column("device"), Column("si", "value")], json=as_json,
                    document=lambda objects: {"rates": objects}, machine=lambda r: r.device != "a100")
    assert report.flat() == (["device", "si"], [["h100", 989.4e12]])
    assert report.json_data() == {"rates": [{"slug": "h100"}]} and seen == ["h100"]
    assert report.rows == [["h100"], ["a100"]]  # a record the machine views leave out is still shown


def test_columns_by_name_read_list_records_by_position():
    report = Report(["a", "b"], [[1, "x"], [2, "y"]])
    assert report.columns == ["a", "b"] and report.rows == [[1, "x"], [2, "y"]]
    assert report.json_data() == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]


def test_show_is_one_record_per_statement_in_every_format(cli):
    """The table's value is readable, CSV's and JSON's the same SI number, per statement."""
    table = cli("show", "H100", "compute", "-f", "json")
    csv_out = cli("show", "H100", "compute", "-f", "csv")
    assert table.exit_code == 0 and csv_out.exit_code == 0, table.output + csv_out.output
    statements = json.loads(table.stdout)["statements"]
    lines = csv_out.stdout.splitlines()
    assert lines[0].split(",") == list(statements[0])
    assert len(lines) == len(statements) + 1


def test_show_csv_has_the_same_header_with_no_statement(cli):
    """The CSV header is the columns', not the first record's: a metric with no statement gives the header alone."""
    empty = cli("show", "H100", "power_all_in", "-f", "csv")
    full = cli("show", "H100", "compute", "-f", "csv")
    assert empty.exit_code == 0 and full.exit_code == 0, empty.output + full.output
    assert empty.stdout.splitlines() == full.stdout.splitlines()[:1]


def test_a_float_with_binary_noise_is_shown_plain_in_every_format():
    noisy = 4.1 * 1e12 - 0.0005  # as a TB/s value converted to B/s can come out: 4099999999999.9995
    assert repr(noisy) != "4100000000000.0"
    report = Report([Column("device"), Column("value")], [Rate("h20", noisy, "")])
    for fmt in ("table", "markdown", "csv"):
        text = _render(report, fmt)
        assert "4100000000000" in text and "99999" not in text, (fmt, text)
