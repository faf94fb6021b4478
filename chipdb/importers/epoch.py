"""Epoch AI's "Data on Machine Learning Hardware" (ml_hardware.csv) as chipdb statements.

Columns are mapped by name (``COLUMNS``), older names through ``RENAMED``; a column in neither is
reported and skipped. Every non-empty spec cell becomes one statement citing the dataset release
(source key ``epoch-ml-hardware-<latest "Last modified" date>``), located by the row's hardware
name and the column, with the row's datasheet links and notes in its note. Epoch prints no
sparsity; its convention is dense, recorded as an assumption in each compute statement's note.
Epoch's derived columns are not stored: their values are kept for the import report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection

from chipdb.domain import dates, numbers
from chipdb.domain.numbers import NumberProblem, parse_decimal
from chipdb.domain.text import shorten
from chipdb.package.csvformat import Row, read_csv
from chipdb.importers import DatasetPackage, ImportOptions
from chipdb.importers.common import NEW, DeviceIndex, Vendors, assign_ranks, has_word, read_map, slugify, without_vendor

FAMILY = "epoch-ml-hardware-"
URL = "https://epoch.ai/data/machine-learning-hardware"
DENSE_NOTE = "sparsity: dense by Epoch's convention (assumed, not printed in the row)"
DEFAULT_MAP = Path(__file__).with_name("epoch_names.csv")
NOTE_LIMIT = 300


@dataclass(frozen=True)
class Col:
    """What a column of Epoch's CSV becomes: a statement of ``metric`` (role "value", "date",
    "text" or "process"), or nothing (roles "info", "derived", "ignored", with the reason)."""

    metric: str = ""
    precision: str = ""
    engine: str = ""
    unit: str = ""
    direction: str = ""
    role: str = "value"
    note: str = ""


def _rate(precision: str, engine: str, unit: str = "FLOP/s") -> Col:
    return Col("compute", precision, engine, unit)


_NO_METRIC = "no chipdb metric"
COLUMNS: dict[str, Col] = {
    "Hardware name": Col(role="info"),
    "Manufacturer": Col(role="info"),
    "Type": Col(role="info"),
    "Notes": Col(role="info"),
    "Link to datasheet": Col(role="info"),
    "Last modified": Col(role="info"),
    "Release date": Col("released", role="date"),
    # Epoch's "Tensor-FP16/BF16" column is recorded as bf16 on the matrix engine (chipdb keys fp16
    # and bf16 apart; the column names both, and bf16 is the format ML training uses).
    "Tensor-FP16/BF16 performance (FLOP/s)": _rate("bf16", "matrix"),
    "FP8 performance (FLOP/s)": _rate("fp8", "matrix"),
    "FP4 performance (FLOP/s)": _rate("fp4", "matrix"),
    "TF32 (TensorFloat-32) performance (FLOP/s)": _rate("tf32", "matrix"),
    "INT8 performance (OP/s)": _rate("int8", "matrix", "OP/s"),
    "INT4 performance (OP/s)": _rate("int4", "matrix", "OP/s"),
    "FP64 (double precision) performance (FLOP/s)": _rate("fp64", "vector"),
    "FP32 (single precision) performance (FLOP/s)": _rate("fp32", "vector"),
    "FP16 (half precision) performance (FLOP/s)": _rate("fp16", "vector"),
    "Memory (bytes)": Col("memory_capacity", unit="B"),
    "Memory bandwidth (byte/s)": Col("memory_bandwidth", unit="B/s"),
    "Intranode bandwidth (byte/s)": Col("scaleup_bandwidth", unit="B/s", direction="unstated"),
    "Internode bandwidth (bit/s)": Col("scaleout_bandwidth", unit="bit/s", direction="unstated"),
    "TDP (W)": Col("power", unit="W", note="power term: TDP (Epoch)"),
    "Die Size (mm^2)": Col("die_area", unit="mm^2"),
    "Transistors (millions)": Col("transistors", unit="million"),
    "Process size (nm)": Col("process_node", role="process"),
    "Foundry": Col("foundry", role="text"),
    "INT16 performance (OP/s)": Col(role="ignored", note="chipdb has no int16 precision"),
    "Release price (USD)": Col(role="ignored", note="prices are not facts chipdb keeps"),
    "Source for the price": Col(role="ignored", note="prices are not facts chipdb keeps"),
    "Base clock (MHz)": Col(role="ignored", note=_NO_METRIC),
    "Boost clock (MHz)": Col(role="ignored", note=_NO_METRIC),
    "Memory clock (MHz)": Col(role="ignored", note=_NO_METRIC),
    "Memory bus (bit)": Col(role="ignored", note=_NO_METRIC),
    "Tensor cores": Col(role="ignored", note=_NO_METRIC),
    "ML models": Col(role="ignored", note="not a hardware specification"),
    "Max performance": Col(role="derived"),
    "Energy efficiency": Col(role="derived"),
    "Total processing performance (bit-OP/s)": Col(role="derived"),
    "Price-performance": Col(role="derived"),
    "ML OP/s": Col(role="derived"),
}
# Names of earlier releases (and of copies of them) -> the current name. Matched ignoring case.
RENAMED = {
    "Name of the hardware": "Hardware name",
    "Memory size per board (Byte)": "Memory (bytes)",
    "Memory Bandwidth (Byte/s)": "Memory bandwidth (byte/s)",
    "FP16 Tensor Performance (FLOP/s)": "Tensor-FP16/BF16 performance (FLOP/s)",
    "Tensor-FP16/BF16 performance (FLOP/s)": "Tensor-FP16/BF16 performance (FLOP/s)",
    # some copies merge the two 4-bit columns; chipdb records the figure as int4 (OP/s)
    "INT4/FP4 performance (OP/s)": "INT4 performance (OP/s)",
    "Release year": "Release date",
}
_BY_FOLDED = {k.casefold(): k for k in COLUMNS} | {k.casefold(): v for k, v in RENAMED.items()}
TPP_COLUMN = "Total processing performance (bit-OP/s)"
_MISSING = {"", "inf", "infinity", "-inf", "-infinity", "nan"}


@lru_cache(maxsize=65536)  # a dataset repeats its values
def _cell(text: str) -> str:
    """A cell with blanks, inf and Infinity read as empty."""
    text = text.strip()
    return "" if text.casefold() in _MISSING else text


def _plain(number: str) -> str:
    """"7.0" -> "7": how a whole number in a text value reads."""
    value = _number(number)
    return str(int(value)) if value == value and value == int(value) else number


@lru_cache(maxsize=4096)  # a dataset repeats its datasheet links and notes
def _brief(text: str) -> str:
    """Epoch's text on one line, cut to NOTE_LIMIT columns."""
    return shorten(" ".join(text.split()), NOTE_LIMIT)


def _read(path: Path, pkg: DatasetPackage) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the records, each with the line it begins on, read as a data package is."""
    header, records = read_csv(pkg, path)
    return header or [], [(r.line, r.cells) for r in records]


def to_package(path: Path, conn: Connection, options: ImportOptions) -> DatasetPackage:
    pkg = DatasetPackage()
    file = str(path)
    header, records = _read(Path(path), pkg)
    if pkg.problems:  # not UTF-8, or not CSV: its header says nothing more
        return pkg
    columns: list[str | None] = []
    for name in header:
        known = _BY_FOLDED.get(name.casefold())
        columns.append(known)
        if known is None:
            pkg.notes.append(f"{file}:1: column {name!r} is not one chipdb knows in Epoch's data; skipped")
        elif known != name:
            pkg.notes.append(f"{file}:1: column {name!r} read as Epoch's {known!r}")
    if "Hardware name" not in columns:
        pkg.problem(file, 1, "Hardware name", "not Epoch's hardware CSV: it has no 'Hardware name' column")
        return pkg
    # the columns a row's cells are kept for (an ignored column's cells are never read), once
    kept = [(i, (col, raw)) for i, (col, raw) in enumerate(zip(columns, header)) if col and COLUMNS[col].role != "ignored"]
    first: dict[str, tuple[str, str]] = {}
    for _, key in kept:
        first.setdefault(key[0], key)
    keys, at = [key for _, key in kept], [i for i, _ in kept]
    rows = []
    for line, cells in records:
        if len(cells) != len(header):
            pkg.problem(file, line, None, f"{len(cells)} fields, but the header has {len(header)}")
            continue
        rows.append((line, Cells(zip(keys, map(_cell, map(cells.__getitem__, at))), first)))
    _build(pkg, conn, file, rows, options)
    return pkg


class Cells(dict):
    """A row's cells by (column, header as the file spells it), with ``first``: each column's first
    such key, the one its value is read from (shared by every row of the file)."""

    __slots__ = ("first",)

    def __init__(self, items, first: dict[str, tuple[str, str]]) -> None:
        super().__init__(items)
        self.first = first


def _get(cells: Cells, column: str) -> tuple[str, str]:
    """(value, the header as the file spells it) of a column, or ("", column)."""
    key = cells.first.get(column)
    return (cells[key], key[1]) if key else ("", column)


def _release(pkg: DatasetPackage, file: str, rows) -> str:
    days = [d for _, cells in rows if (d := _get(cells, "Last modified")[0][:10]) and not dates.problem(d)]
    if not days:
        pkg.problem(file, 1, "Last modified", "no 'Last modified' dates: the release cannot be told")
        return ""
    return max(days, key=lambda d: dates.parse(d).start)


def _build(pkg: DatasetPackage, conn: Connection, file: str, rows, options: ImportOptions) -> None:
    release = _release(pkg, file, rows)
    if not release:
        return
    key = pkg.source_key = FAMILY + release
    retrieved = options.retrieved or dates.file_date(Path(file)).isoformat()
    pkg.rows["sources"] = [Row("sources", file, None, {
        "key": key, "title": f"Data on Machine Learning Hardware (release of {release})", "publisher": "Epoch AI",
        "url": URL, "published": release, "retrieved": retrieved, "kind": "dataset",
        "note": f"Epoch AI's dataset, licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); credit "
                f"Epoch AI. Release dated by its latest 'Last modified' ({release}); copy retrieved {retrieved}. "
                "Figures are dense by Epoch's convention (not printed per value); one datasheet link per row."})]
    defaults = read_map(DEFAULT_MAP, pkg, "epoch_name")
    devices = _match(pkg, conn, file, rows, defaults, read_map(options.map_file, pkg, "epoch_name"))
    statements = pkg.rows.setdefault("statements", [])
    skipped = 0
    # the columns a statement or a derived value comes from, in the file's order (every row has the same)
    read = [(key, COLUMNS[key[0]]) for key in (rows[0][1] if rows else ())
            if COLUMNS[key[0]].metric or COLUMNS[key[0]].role == "derived"]
    for line, cells in rows:
        slug = devices.get(line)
        if slug is None:
            continue
        name = _get(cells, "Hardware name")[0]
        link, notes = _get(cells, "Link to datasheet")[0], _get(cells, "Notes")[0]
        context = _joined(f"datasheet: {_brief(link)}" if link else "", f"Epoch notes: {_brief(notes)}" if notes else "")
        noted: dict[str, str] = {}  # a column's note with the row's context: one string for the row's cells
        for (col, raw), spec in read:
            value = cells[(col, raw)]
            if spec.role == "derived" and value:
                number = _number(value)
                if number == number and math.isfinite(number):  # a number in the grammar
                    pkg.derived.append((slug, col, number))
                else:
                    pkg.notes.append(f"{file}:{line}: column {raw!r}: {value!r} is not a number; not compared")
            if not spec.metric or not value:
                continue
            cell = _statement(pkg, file, line, slug, name, spec, raw, value, cells)
            if cell is None:
                skipped += 1
                continue
            note = cell["note"]
            cell["note"] = noted.get(note) or noted.setdefault(note, _joined(note, context))
            statements.append(Row("statements", file, line, cell))
    if skipped:
        pkg.notes.append(f"{skipped} cell(s) skipped as unreadable (see the problems above)")
    assign_ranks(conn, pkg, FAMILY)


def _joined(first: str, second: str) -> str:
    """Two notes as one, "; " between them where both say something."""
    return f"{first}; {second}" if first and second else first or second


def _statement(pkg, file, line, slug, name, spec: Col, raw: str, value: str, cells) -> dict | None:
    c = {"device": slug, "metric": spec.metric, "status": "published", "source": pkg.source_key,
         "locator": f'row "{name}", column "{raw}"', "note": spec.note}
    if spec.role == "value":
        if problem := _number_problem(value):
            pkg.problem(file, line, raw, problem)
            return None
        c.update(value=value, unit=spec.unit, direction=spec.direction)
        if spec.metric == "compute":
            c.update(precision=spec.precision, engine=spec.engine, sparsity="dense", note=DENSE_NOTE)
            if spec.engine == "vector" and spec.precision == "fp16" and _tensor_like(cells, value):
                c.update(rank="deprecated", reason="Epoch's plain FP16 figure equals or exceeds its tensor figure "
                         "(or is over 4x its FP32): likely the tensor rate, so not used as the vector rate")
                pkg.notes.append(f"{file}:{line}: {name}: FP16 looks like the tensor rate; kept as deprecated")
        elif spec.metric == "die_area" and _number(value) > RETICLE_MM2:
            c.update(rank="deprecated", reason=f"{_plain(value)} mm² is over the reticle limit (about "
                     f"{RETICLE_MM2} mm²), so it is a package total, not one compute die: not used for die_area")
    elif spec.role == "date":
        text = _plain(value)[:10]
        if problem := dates.problem(text):
            pkg.problem(file, line, raw, problem)
            return None
        c["value"] = text
    elif spec.role == "process":
        c["value"] = f"{_plain(value)} nm"
    else:
        c["value"] = value
    return c


# The largest die a lithography reticle allows (26 mm x 33 mm); a bigger "die size" is a package.
RETICLE_MM2 = 858


@lru_cache(maxsize=65536)  # a dataset repeats its numbers (and its dates, read here as not numbers)
def _number(text: str) -> float:
    try:
        return parse_decimal(text)
    except NumberProblem:
        return float("nan")


_number_problem = lru_cache(maxsize=65536)(numbers.problem)


def _tensor_like(cells, fp16: str) -> bool:
    """Epoch's plain FP16 column holds the tensor rate on some rows (B200, H100 NVL)."""
    value = _number(fp16)
    tensor = _number(_get(cells, "Tensor-FP16/BF16 performance (FLOP/s)")[0] or "nan")
    fp32 = _number(_get(cells, "FP32 (single precision) performance (FLOP/s)")[0] or "nan")
    return value >= tensor or value > 4 * fp32


def _match(pkg: DatasetPackage, conn: Connection, file: str, rows, defaults: dict[str, str],
           mapping: dict[str, str]) -> dict[int, str]:
    """Row line -> device slug: a mapped or matching device, or one created (with rows in pkg).
    The shipped map (epoch_names.csv) applies where its device exists; the user's map wins."""
    names = {line: (_get(c, "Hardware name")[0], _get(c, "Manufacturer")[0]) for line, c in rows}
    index = DeviceIndex(conn, [n for pair in names.values() for n in (pair[0], without_vendor(*pair))]
                        + [s for s in (*mapping.values(), *defaults.values()) if s != NEW])
    mapping = {k: v for k, v in defaults.items() if v == NEW or v in index.devices} | mapping
    vendors = Vendors(conn, pkg, file)
    cells_of = dict(rows)
    created: set[str] = {r.cells["slug"] for r in pkg.rows.get("devices", [])}  # kept up to date by _create
    found: dict[int, str] = {}
    claimed: dict[str, list[int]] = {}
    for line, (name, maker) in names.items():
        if not name:
            pkg.problem(file, line, "Hardware name", "a row needs a hardware name")
            continue
        if not has_word(name):
            pkg.problem(file, line, "Hardware name", f"{name!r} has no letter or digit to name a device by; "
                        "rename the row, or map it with --map FILE (epoch_name,device_slug)")
            continue
        if name in mapping and mapping[name] != NEW:  # the map names a device: it must exist
            slug = mapping[name]
            if slug not in index.devices:
                pkg.problem(file, line, "Hardware name", f"the map names device {slug!r}, which does not exist")
                continue
            named, fix = f"the map names {slug}", "map the row to an accelerator, or to 'new'"
        else:  # matched by name, unless the map says 'new'
            candidates = set() if name in mapping else (index.find(name) or index.find(without_vendor(name, maker)))
            if len(candidates) > 1:
                pkg.problem(file, line, "Hardware name", f"{name!r} matches several devices: {', '.join(sorted(candidates))}; "
                            "settle it with --map FILE (CSV epoch_name,device_slug; device_slug 'new' creates one)")
                continue
            if not candidates:
                found[line] = _create(pkg, index, vendors, file, line, name, maker, cells_of[line], created)
                continue
            slug = candidates.pop()
            if index.devices[slug].kind == "system" and (part := index.accelerator_part(conn, slug)) is not None:
                pkg.notes.append(f"{file}:{line}: {name!r} matches {slug}, a system; its one accelerator part {part.slug} takes the "
                                 "row (Epoch's rows are chips)")
                slug = part.slug
            named, fix = f"{name!r} matches {slug}", "settle it with --map FILE (epoch_name,device_slug)"
        if (kind := index.devices[slug].kind) != "accelerator":  # Epoch's rows are chips, however found
            pkg.problem(file, line, "Hardware name", f"{named}, a {kind}, but Epoch's rows are chips; {fix}")
            continue
        found[line] = slug
        claimed.setdefault(slug, []).append(line)
    for slug, lines in claimed.items():
        if len(lines) > 1:
            for line in lines:
                pkg.problem(file, line, "Hardware name", f"{len(lines)} rows ({', '.join(names[n][0] for n in lines)}) "
                            f"match device {slug}; settle it with --map FILE (epoch_name,device_slug)")
    for line, slug in found.items():
        name = names[line][0]
        if slug in index.devices and not index.find(name) & {slug}:
            pkg.rows.setdefault("aliases", []).append(Row("aliases", file, line, {"device": slug, "alias": name}))
    pkg.notes.append(f"devices: {sum(1 for s in found.values() if s in index.devices)} matched, "
                     f"{len(pkg.rows.get('devices', []))} created")
    return found


def _create(pkg, index: DeviceIndex, vendors: Vendors, file, line, name, maker, cells, created: set[str]) -> str:
    short = without_vendor(name, maker)
    short = short if has_word(short) else name  # "Acme -- --" is not "-- --"
    if (earlier := index.created_before(short, name)) is not None:
        return earlier  # mapped "new" and created by an earlier import
    display = short if short != name and not index.taken(short) else name
    slug = slugify(display)
    if slug in created or slug in index.devices:
        display, slug = name, slugify(name)
    released = _plain(_get(cells, "Release date")[0])[:10]
    pkg.rows.setdefault("devices", []).append(Row("devices", file, line, {
        "slug": slug, "name": display, "vendor": vendors.key(maker, line), "kind": "accelerator", "family": "",
        "released": "" if dates.problem(released) else released,
        "note": f"Created from Epoch AI's Machine Learning Hardware row {name!r}."}))
    created.add(slug)
    if display != name:
        pkg.rows.setdefault("aliases", []).append(Row("aliases", file, line, {"device": slug, "alias": name}))
    return slug
