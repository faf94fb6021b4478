"""One rendering path for every command: table (tabulate), CSV, JSON and Markdown.

A command builds a ``Report``: column names and rows for the tabular formats, and a JSON-ready
object for ``json``. Nothing but the result goes to stdout (or ``--output``).
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, TextIO

FORMATS = ("table", "csv", "json", "markdown")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# An empty CSV cell reads as NaN in pandas; "none" marks a cell that does not apply (and is not in
# pandas' default NA strings).
CSV_EMPTY = "none"
TABLE_CELL_WIDTH = 72  # the table format shortens longer cells; csv, json and markdown keep them whole


@dataclass
class Report:
    columns: list[str]
    rows: Iterable[list[Any]]
    data: Any = None  # the JSON document; when None, JSON is the rows as objects
    title: str = ""  # shown above the table format only
    footer: list[str] = field(default_factory=list)  # shown below table and markdown formats
    text: str = ""  # when set, the table format is this text (a tree, a claim in full) instead of a table


def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula. Numbers are never touched."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if value is None or value == "":
        return CSV_EMPTY
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e24:
        return f"{value:.0f}"  # 3.6e17 FLOP/s as 360000000000000000: a plain number, never 3.6e+17
    return value


def write_report(report: Report, fmt: str, output: Path | None = None) -> None:
    if output is None:
        _write(report, fmt, sys.stdout)
        return
    with open(output, "w", encoding="utf-8", newline="") as stream:
        _write(report, fmt, stream)


def _write(report: Report, fmt: str, out: TextIO) -> None:
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(report.columns)
        for row in report.rows:
            writer.writerow([safe_cell(_plain(v)) for v in row])
    elif fmt == "json":
        data = report.data
        if data is None:
            data = [dict(zip(report.columns, row)) for row in report.rows]
        json.dump(data, out, indent=2, ensure_ascii=False, default=str)
        out.write("\n")
    else:
        from tabulate import tabulate

        rows = [["" if v is None else v for v in row] for row in report.rows]
        if fmt == "markdown":
            rows = [[str(v).replace("|", "\\|").replace("\n", " ") for v in row] for row in rows]
            out.write(tabulate(rows, headers=report.columns, tablefmt="github", disable_numparse=True) + "\n")
        elif report.text:
            out.write(report.text + "\n")
        else:
            if report.title:
                out.write(report.title + "\n")
            rows = [[_short(v) for v in row] for row in rows]
            if report.columns:
                out.write(tabulate(rows, headers=report.columns, tablefmt="simple", disable_numparse=True) + "\n")
        for line in report.footer:
            out.write(("\n" if fmt == "markdown" else "") + line + "\n")


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > TABLE_CELL_WIDTH:
        return value[: TABLE_CELL_WIDTH - 1] + "…"
    return value
