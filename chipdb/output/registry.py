"""The presentation layer: a command builds one ``Report``; a renderer registered here writes it.

Every output format, the built-in ones too, is one entry of ``RENDERERS``: its name, help, the
file extensions that select it, whether it writes bytes, and a test of whether it can render a
given report (JSON-LD needs claim reviews, an image needs a chart). The CLI's ``--format``
choices, their help and their validation all come from this table, so adding a format is one
function and one ``register`` call. A renderer may live in another module, named by its dotted
path, so that a heavy one (matplotlib) is imported only when it is used.

Nothing but the result goes to stdout (or ``--output``, written to a temporary file and renamed
into place, so a full disk never leaves half a file).
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, Callable, Iterable, TextIO

from chipdb.domain.errors import UsageError
from chipdb.domain.text import shorten

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# An empty CSV cell reads as NaN in pandas; "none" marks a cell that does not apply (and is not in
# pandas' default NA strings).
CSV_EMPTY = "none"
TABLE_CELL_WIDTH = 72  # the table format shortens longer cells; csv, json and markdown keep them whole
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Column:
    """One column of a report: its name (the table's header; the CSV header and JSON key), how a
    record gives its value (a function, an attribute or key name, or a position; default: the
    column's name, or its position when records are lists) and, when the table and Markdown show
    something other than the value (180 PFLOP/s for 1.8e17), how they show it."""

    name: str
    value: Callable[[Any], Any] | str | int | None = None
    show: Callable[[Any], Any] | str | int | None = None

    def get(self, record: Any) -> Any:
        return _pick(record, self.name if self.value is None else self.value)

    def display(self, record: Any) -> Any:
        return self.get(record) if self.show is None else _pick(record, self.show)


def _pick(record: Any, how: Callable[[Any], Any] | str | int) -> Any:
    if callable(how):
        return how(record)
    if isinstance(how, int) or isinstance(record, dict):
        return record[how]
    return getattr(record, how)


def _columns(columns: Iterable[str | Column]) -> list[Column]:
    """Columns given by name alone take a list record's cell at their position, else the key or attribute."""
    return [c if isinstance(c, Column) else Column(c, lambda r, i=i, n=c: r[i] if isinstance(r, (list, tuple))
                                                  else _pick(r, n)) for i, c in enumerate(columns)]


class Report:
    """What a command shows: one stream of records, and the columns every renderer reads them by.

    ``rows`` are the records (a list per record, a mapping or an object). ``columns`` make the
    human table (table, markdown, html): each column's ``display`` of each record. ``csv`` makes
    the machine table (default: the same columns, their values). The JSON document is each
    record's ``json`` object (default: the CSV columns by name), wrapped by ``document`` (default:
    the list), unless ``data`` gives a document that is not a list of the records (a lineage
    tree). ``text`` replaces the table format's table (a tree, a claim in full); ``jsonld`` a
    schema.org document; ``chart`` a chart specification for image renderers; ``page`` a page
    of its own for html."""

    def __init__(self, columns: Iterable[str | Column], rows: Iterable[Any] = (), data: Any = None,
                 title: str = "", footer: list[str] | None = None, text: str = "", csv: Iterable[Column] | None = None,
                 jsonld: Any = None, chart: Any = None, page: Any = None, *,
                 json: Callable[[Any], Any] | None = None, document: Callable[[list[Any]], Any] | None = None,
                 machine: Callable[[Any], bool] | None = None):
        self.table_columns = _columns(columns)
        self.records = list(rows)
        self.data = data
        self.title = title  # shown above the table format only
        self.footer = footer if footer is not None else []  # shown below table and markdown formats
        self.text = text
        self.csv_columns = list(csv) if csv is not None else None
        self.jsonld = jsonld
        self.chart = chart
        self.page = page  # (template, context): a page of its own for the html format
        self.json_record = json
        self.document = document
        self.machine = machine  # which records CSV and JSON hold (default: all); the others are for reading only

    @property
    def columns(self) -> list[str]:
        return [c.name for c in self.table_columns]

    @property
    def rows(self) -> list[list[Any]]:
        """The human table's cells, record by record."""
        return [[c.display(r) for c in self.table_columns] for r in self.records]

    def flat(self) -> tuple[list[str], list[list[Any]]]:
        """The machine table: the CSV columns' names and values."""
        columns = self.csv_columns if self.csv_columns is not None else self.table_columns
        records = self.records if self.machine is None else [r for r in self.records if self.machine(r)]
        return [c.name for c in columns], [[c.get(r) for c in columns] for r in records]

    def json_data(self) -> Any:
        if self.data is not None:
            return self.data
        if self.json_record is not None:
            objects = [self.json_record(r) for r in self.records if self.machine is None or self.machine(r)]
        else:
            names, values = self.flat()
            objects = [dict(zip(names, row)) for row in values]
        return self.document(objects) if self.document is not None else objects


Writer = Callable[[Report, Any], None]


@dataclass(frozen=True)
class Renderer:
    name: str
    help: str
    writer: Writer | str  # a function, or "module:function" imported when first used
    extensions: tuple[str, ...] = ()
    binary: bool = False
    can_render: Callable[[Report], bool] = lambda report: True
    needs: str = ""  # the Report field this renderer writes from ("jsonld", "chart"); "" for any report

    def write(self, report: Report, stream: Any) -> None:
        writer = self.writer
        if isinstance(writer, str):
            module, _, name = writer.partition(":")
            writer = getattr(import_module(module), name)
        writer(report, stream)


RENDERERS: dict[str, Renderer] = {}
_discovered = False


def register(name: str, writer: Writer | str, help: str, extensions: tuple[str, ...] = (), binary: bool = False,
             can_render: Callable[[Report], bool] | None = None, needs: str = "") -> Renderer:
    """Add (or replace) the renderer for ``--format name``. ``needs`` names the Report field the
    renderer writes from (a report without it cannot be shown in this format)."""
    if can_render is None:
        can_render = (lambda report: getattr(report, needs) is not None) if needs else (lambda report: True)
    renderer = Renderer(name, help, writer, extensions, binary, can_render, needs)
    RENDERERS[name] = renderer
    return renderer


def renderers() -> dict[str, Renderer]:
    """Every registered renderer: the built-in ones above, and those the subpackages of
    ``chipdb.output`` register when imported (charts, site), found here on first use, so the
    registry names none of them. Each registers a heavy writer as "module:function"."""
    global _discovered
    if not _discovered:
        _discovered = True
        import pkgutil

        package = __name__.rsplit(".", 1)[0]
        for module in pkgutil.iter_modules(sys.modules[package].__path__):
            if module.ispkg:
                import_module(f"{package}.{module.name}")
    return RENDERERS


def formats_for(*provides: str) -> list[str]:
    """The formats a report with the fields ``provides`` (e.g. "chart", "jsonld") can be shown in."""
    return [r.name for r in renderers().values() if not r.needs or r.needs in provides]


def unregister(name: str) -> None:
    RENDERERS.pop(name, None)


def suffix_of(path: Path) -> str:
    """A file name's extension, lower case; a name that is only an extension (``.csv``) counts."""
    path = Path(path)
    if path.suffix:
        return path.suffix.lower()
    return path.name.lower() if path.name.startswith(".") and path.name.count(".") == 1 else ""


def choose(fmt: str | None, output: Path | None, report: Report | None = None) -> Renderer:
    """The renderer for ``--format`` (or, without one, for the output file's extension, else the
    table), refusing a format this report cannot be shown in and a format the file's extension
    contradicts."""
    renderers()
    by_ext, suffix = None, suffix_of(output) if output is not None else ""
    if suffix:
        by_ext = next((r for r in RENDERERS.values() if suffix in r.extensions), None)
    if fmt is None:
        if suffix and by_ext is None:
            known = sorted({e for r in RENDERERS.values() for e in r.extensions})
            raise UsageError(f"no format writes *{suffix} files; name the file with one of "
                             f"{', '.join(known)}, or give --format")
        renderer = by_ext or RENDERERS["table"]
    elif fmt not in RENDERERS:
        raise UsageError(f"no format {fmt!r}; formats are: {', '.join(RENDERERS)}")
    else:
        renderer = RENDERERS[fmt]
        if by_ext is not None and by_ext.name != renderer.name and renderer.extensions:
            raise UsageError(f"--format {fmt} but the output file {output.name} says {by_ext.name}; "
                             f"name it *{renderer.extensions[0]} or drop --format")
    if report is not None and not renderer.can_render(report):
        able = [r.name for r in RENDERERS.values() if r.can_render(report)]
        raise UsageError(f"this command cannot be shown as {renderer.name}; choose one of: {', '.join(able)}")
    return renderer


def write_report(report: Report, fmt: str | None, output: Path | None = None) -> None:
    """Write ``report`` to stdout (no ``output``, or ``-``) or to the file ``output`` (see
    ``chipdb.store.files.write_file``: a device, a FIFO or a symlink's target is written into)."""
    to_stdout = output is None or str(output) == "-"
    renderer = choose(fmt, None if to_stdout else Path(output), report)
    if to_stdout:
        if renderer.binary:
            if output is None:
                raise UsageError(f"format {renderer.name} writes a file: give --output FILE (or - for stdout)")
            sys.stdout.flush()
            renderer.write(report, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        renderer.write(report, sys.stdout)
        return
    from chipdb.store.files import write_file

    write_file(Path(output), lambda stream: renderer.write(report, stream), binary=renderer.binary)


# Cell-level safety -----------------------------------------------------------------------------

def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula. Numbers are never touched."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def visible(value: Any, keep_newlines: bool = False) -> Any:
    """Control characters shown as escapes (``\\x1b``), so data can never drive the terminal."""
    if not isinstance(value, str):
        return value
    pattern = _CONTROL if keep_newlines else _CONTROL_OR_NEWLINE
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def plain_number(value: Any) -> Any:
    """A float without binary noise: 66.9e12 stays 66900000000000, never 66900000000000.01."""
    if isinstance(value, float) and math.isfinite(value):
        value = float(f"{value:.12g}")
    return value


def _csv_cell(value: Any) -> Any:
    if value is None or value == "":
        return CSV_EMPTY
    value = plain_number(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e24:
        return f"{value:.0f}"  # 3.6e17 FLOP/s as 360000000000000000: a plain number, never 3.6e+17
    return value


def _denoise(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _denoise(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_denoise(v) for v in data]
    return plain_number(data)


# The built-in renderers ------------------------------------------------------------------------

def render_table(report: Report, out: TextIO) -> None:
    from chipdb.output.plaintable import simple_table

    if report.text:
        out.write(visible(report.text, keep_newlines=True) + "\n")
    else:
        if report.title:
            out.write(visible(report.title, keep_newlines=True) + "\n")
        rows = [[shorten(visible("" if v is None else plain_number(v)), TABLE_CELL_WIDTH) for v in row] for row in report.rows]
        if report.columns:
            headers = [visible(c) for c in report.columns]
            table = simple_table(rows, headers)
            if table is None:  # cells whose layout only tabulate (with wcwidth) decides
                from tabulate import tabulate

                table = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)
            out.write(table + "\n")
    for line in report.footer:
        out.write(visible(line) + "\n")


def render_markdown(report: Report, out: TextIO) -> None:
    from tabulate import tabulate

    def cell(v: Any) -> str:
        return str(visible("" if v is None else plain_number(v))).replace("|", "\\|")

    rows = [[cell(v) for v in row] for row in report.rows]
    if report.title:
        out.write(visible(report.title.strip(), keep_newlines=True).replace("\n", "  \n") + "\n\n")
    out.write(tabulate(rows, headers=[cell(c) for c in report.columns], tablefmt="github",
                       disable_numparse=True) + "\n")
    for line in report.footer:
        out.write("\n" + visible(line) + "\n")


def render_csv(report: Report, out: TextIO) -> None:
    columns, rows = report.flat()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(c) for c in columns])
    for row in rows:
        writer.writerow([safe_cell(_csv_cell(v)) for v in row])


def render_json(report: Report, out: TextIO) -> None:
    json.dump(_denoise(report.json_data()), out, indent=2, ensure_ascii=False, default=str)
    out.write("\n")


def render_jsonld(report: Report, out: TextIO) -> None:
    json.dump(report.jsonld, out, indent=2, ensure_ascii=False, default=str)
    out.write("\n")


register("table", render_table, "aligned columns for the terminal", (".txt",))
register("csv", render_csv, "one header row, no empty cells", (".csv",))
register("json", render_json, "the full result, SI units", (".json",))
register("markdown", render_markdown, "a GitHub table", (".md",))
register("jsonld", render_jsonld, "schema.org ClaimReview (claims only)", (".jsonld",), needs="jsonld")
