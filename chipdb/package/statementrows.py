"""The statements of a package, checked a chunk at a time: the table that grows to millions of
rows. Cell rules run per distinct value (``columns.check_chunk``), references per distinct key,
each combination of metric, status, rank, qualifiers, value and unit is judged once, and keys are
kept as hashes (a collision is settled by a second pass that compares the keys themselves), so
memory stays flat in the number of rows.
"""

from __future__ import annotations

import math
from itertools import compress
from operator import mul
from typing import Iterator

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.store.statements import statement_join
from chipdb.domain import dates, vocab
from chipdb.package import columns
from chipdb.package.columns import Chunk, check_chunk, rows_chunk
from chipdb.package.csvformat import TABLES_BY_NAME, Package

STATEMENTS = TABLES_BY_NAME["statements"]
STATEMENT_KEY = STATEMENTS.key
_MEMO_LIMIT = 100_000  # judged combinations kept at once
_CELLS, _DUPLICATE, _REF, _STATEMENT, _PREFERRED = range(5)  # the order of a row's problems


def statement_chunks(pkg: Package, check: bool) -> Iterator[Chunk]:
    """The package's statements as chunks, cells stripped and rank defaulted to normal; the cell
    problems of an importer's rows are noted on ``pkg`` when ``check`` (on the first pass)."""
    stream = pkg.streams.get("statements")
    if stream is None:
        stream = pkg.streams["statements"] = _RowStream(pkg.rows.get("statements", []), check)
    for chunk in stream.chunks(pkg):
        ranks = chunk.columns["rank"]
        if "" in ranks:
            chunk.columns["rank"] = [r or "normal" for r in ranks]
        yield chunk


class _RowStream:
    """An importer's statements (Rows, already in memory) as chunks, made once and kept."""

    def __init__(self, rows: list, check: bool) -> None:
        self._rows, self.check, self.rows = rows, check, len(rows)
        self._cache: list[Chunk] | None = None

    def chunks(self, pkg: Package) -> Iterator[Chunk]:
        if self._cache is None:
            self._cache = list(self._make(pkg))
        return iter(self._cache)

    @property
    def kept(self) -> list[Chunk] | None:
        """The chunks, once made (they are kept in memory)."""
        return self._cache

    def _make(self, pkg: Package) -> Iterator[Chunk]:
        rows, quiet, start = self._rows, Package(), 0
        while start < len(rows):
            file = rows[start].file
            end = start
            while end < len(rows) and end - start < columns.CHUNK_ROWS and rows[end].file == file:
                end += 1
            part = rows[start:end]
            chunk = rows_chunk(STATEMENTS, file, [r.line for r in part], [r.cells for r in part])
            check_chunk(pkg if self.check else quiet, STATEMENTS, chunk)
            yield chunk
            start = end


def kept_chunks(pkg: Package) -> list[Chunk] | None:
    """The package's statements as the chunks kept in memory, each with its values (once written),
    or None where they are not kept (a file too large, read again to be written)."""
    stream = pkg.streams.get("statements")
    chunks = getattr(stream, "kept", None)
    if chunks is None or any(chunk.values is None for chunk in chunks):
        return None
    return chunks


def ref_problem(ref: str, value: str) -> str:
    hint = {"devices": " (chipdb list)", "sources": " (chipdb sources)"}.get(ref, "")
    return (f"unknown {ref[:-1].replace('_', ' ')} {value!r}; add it to {ref}.csv or use an existing "
            f"{TABLES_BY_NAME[ref].key[0]}{hint}")


def value_problems(c: dict, info) -> tuple[list[tuple[str, str]], float | None]:
    """A value and unit as printed, for a status that has one: its problems, and the value in
    canonical units."""
    from chipdb.domain.numbers import NumberProblem
    from chipdb.domain.units import to_canonical

    status = c.get("status")
    if status in vocab.STATUSES_WITH_VALUE and not vocab.is_quantity(info.dimension):
        return _descriptive_problems(c, info), None
    if status in vocab.STATUSES_WITH_VALUE:
        if not c.get("value") or (not c.get("unit") and info.dimension != "count"):
            return [("value" if not c.get("value") else "unit",
                     f"a {status} statement needs its value and unit as printed")], None
        try:
            value = to_canonical(c["value"], c.get("unit", ""), info.dimension)
        except NumberProblem as exc:
            return [(exc.column, str(exc))], None
        if value <= 0:
            return [("value", f"a {status} value must be above 0 (a format a device lacks is status "
                     "not_applicable, with no value)")], value
        return [], value
    if c.get("value") or c.get("unit"):
        return [("value", f"a {status} statement has no value; leave value and unit empty")], None
    return [], None


def _descriptive_problems(c: dict, info) -> list[tuple[str, str]]:
    """A text or date value is kept as printed, with no unit and no number."""
    value, metric = c.get("value", ""), c.get("metric", "")
    if not value:
        return [("value", f"a {c['status']} statement needs its value as printed")]
    if c.get("unit"):
        return [("unit", f"metric {metric} is {info.dimension}: leave the unit empty")]
    if info.dimension == "date" and (problem := dates.problem(value)):
        return [("value", problem)]
    if metric in vocab.TEXT_CHOICES and value not in vocab.TEXT_CHOICES[metric]:
        return [("value", f"{value!r} is not one of: {', '.join(vocab.TEXT_CHOICES[metric])}")]
    return []


_RULED = ("metric", "status", "rank", *vocab.QUALIFIERS)  # the cells the rules on a statement read
_VALUED = ("metric", "status", "value", "unit")  # and those its value is read from


def _rules(ruled: tuple, metrics: dict) -> tuple[tuple[str, str], ...]:
    """The problems of one combination of metric, status, rank and qualifiers."""
    metric, status, rank, *quals = ruled
    info = metrics.get(metric)
    if info is None:
        return ()
    out = []
    if status == vocab.MEASURED and rank == "preferred":
        out.append(("rank", "a measured value is kept apart from published ones and is never preferred; leave "
                    "its rank normal (or deprecated)"))
    valued = status in vocab.STATUSES_WITH_VALUE
    for q, cell in zip(vocab.QUALIFIERS, quals):
        if cell and q not in info.qualifiers:
            out.append((q, f"metric {metric} takes no {q}; leave it empty"))
        elif valued and not cell and q in info.qualifiers:
            out.append((q, f"metric {metric} needs {vocab.article(q)} {q}: " + ", ".join(vocab.QUALIFIER_VALUES[q])))
    return tuple(out)


class Judge:
    """The rules on statements, a chunk's columns at a time: the rules on metric, status, rank
    and qualifiers once per distinct combination of them; a value once per distinct printed
    number and its unit once per distinct (metric, status, unit), so pint never sees a row; only
    the rows these find wrong (or that take no number) are judged whole, once per distinct
    combination of the cells read (the combinations met most recently are remembered)."""

    def __init__(self, metrics: dict) -> None:
        self.metrics = metrics
        self.ruled: dict[tuple, tuple] = {}
        self.valued: dict[tuple, tuple] = {}
        self.factors: dict[tuple, float | None] = {}  # (metric, status, unit) -> canonical units per printed one
        self.numbers: dict[str, float | None] = {}  # a printed value -> its number (None: not a number)

    def problems(self, chunk: Chunk) -> Iterator[tuple[int, str, str]]:
        """(row, column, message) for each problem of the chunk's rows, row by row; the values
        in canonical units are kept on the chunk for writing (``Chunk.values``)."""
        ruled, columns = self.ruled, [chunk.columns[c] for c in _RULED]
        if len(ruled) >= _MEMO_LIMIT:
            ruled.clear()
        distinct = set(zip(*columns))
        for combination in distinct.difference(ruled):
            ruled[combination] = _rules(combination, self.metrics)
        chunk.values, slow = self._values(chunk)
        bad = {combination for combination in distinct if ruled[combination]}
        rows = sorted(set(slow).union(i for i, r in enumerate(zip(*columns)) if r in bad)) if bad else slow
        if not rows:
            return
        ruled_rows, cells = list(zip(*columns)), list(zip(*(chunk.columns[c] for c in _VALUED)))
        for i in rows:
            more, _ = self.valued.get(cells[i]) or self._value(cells[i])
            for column, message in ruled[ruled_rows[i]] + more:
                yield i, column, message

    def values(self, chunk: Chunk) -> list[float | None]:
        """The chunk's values in canonical units (judged already, or judged now: a chunk read again)."""
        if chunk.values is None:
            chunk.values = self._values(chunk)[0]
        return chunk.values

    def _values(self, chunk: Chunk) -> tuple[list[float | None], list[int]]:
        """The values, and the rows judged whole: those that are not a positive number times a
        unit's factor. Where every row is one, no row is looked at in Python."""
        c = chunk.columns
        factors, numbers, printed = self.factors, self.numbers, c["value"]
        units = set(zip(c["metric"], c["status"], c["unit"]))
        for key in units.difference(factors):
            factors[key] = self._factor(*key)
        if len(numbers) >= _MEMO_LIMIT:
            numbers.clear()
        texts = set(printed)
        for text in texts.difference(numbers):
            numbers[text] = _number(text)
        row_factors = map(factors.__getitem__, zip(c["metric"], c["status"], c["unit"]))
        if None not in {factors[u] for u in units} and None not in {numbers[t] for t in texts}:
            values = list(map(mul, row_factors, map(numbers.__getitem__, printed)))
            if not values or 0 < min(values) and max(values) < math.inf:
                return values, []
        else:
            values = [n * f if f is not None and n is not None else None
                      for f, n in zip(row_factors, map(numbers.__getitem__, printed))]
        slow = [i for i, v in enumerate(values) if not (v is not None and 0 < v < math.inf)]
        whole = list(zip(*(c[k] for k in _VALUED)))
        valued = self.valued
        for i in slow:
            values[i] = (valued.get(whole[i]) or self._value(whole[i]))[1]
        return values, slow

    def _factor(self, metric: str, status: str, unit: str) -> float | None:
        """Canonical units per printed ``unit`` where a number of it is the whole of a value's
        judgement (a quantity with a value); None where the row is judged whole."""
        from chipdb.domain.units import conversion_factor

        info = self.metrics.get(metric)
        if info is None or status not in vocab.STATUSES_WITH_VALUE or not vocab.is_quantity(info.dimension) \
                or (not unit and info.dimension != "count"):
            return None
        try:
            return conversion_factor(unit, info.dimension)
        except Exception:  # noqa: BLE001  not hidden: the rows are judged whole, which meets it again in rule order
            return None

    def _value(self, cells: tuple) -> tuple:
        if len(self.valued) >= _MEMO_LIMIT:
            self.valued.clear()
        info = self.metrics.get(cells[0])
        if info is None:
            found: tuple = ((), None)
        else:
            problems, value = value_problems(dict(zip(_VALUED, cells)), info)
            found = (tuple(problems), value)
        self.valued[cells] = found
        return found


def _number(text: str) -> float | None:
    """A printed value's number, or None where it is not one (the whole row then says why)."""
    from chipdb.domain.numbers import NumberProblem, parse_decimal

    try:
        return parse_decimal(text) if text else None
    except NumberProblem:
        return None


def check_statements(conn: Connection, pkg: Package, keys, judge: Judge, in_package: dict[str, set[str]],
                     history_keys: set[tuple], check_cells: bool, progress=None) -> set[tuple]:
    """Every rule on the package's statements; returns those of ``history_keys`` it holds."""
    found: list[tuple] = []  # (file, line, kind, column order, column, message)
    keys_seen, groups_seen = _Hashes(), _Hashes()
    on_db_preferred: dict[tuple, tuple[str, int | None]] = {}  # group -> the last preferred row (file, line)
    on_db_keys: set[tuple] = set()  # the keys of statements about devices the database holds
    held: set[tuple] = set()
    metrics, done = judge.metrics, 0
    refs = [(order, col) for order, col in enumerate(STATEMENTS.columns) if col.ref]
    for chunk in statement_chunks(pkg, check_cells):
        c, file, lines = chunk.columns, chunk.file, chunk.lines
        for order, col in refs:
            values = c[col.name]
            distinct = set(values)
            keys.fetch(col.ref, distinct)
            known, listed = keys.ids[col.ref], in_package[col.ref]
            unknown = {v for v in distinct if v and v not in known and v not in listed}
            if unknown:
                found += [(file, lines[i], _REF, order, col.name, ref_problem(col.ref, v))
                          for i, v in enumerate(values) if v in unknown]
        found += [(file, lines[i], _STATEMENT, 0, column, message) for i, column, message in judge.problems(chunk)]
        key_columns = [c[k] for k in STATEMENT_KEY]
        if history_keys:
            held |= history_keys.intersection(zip(*key_columns))
        keys_seen.add(map(hash, zip(*key_columns)), len(chunk))
        ranked = [rank == "preferred" for rank in c["rank"]]  # a preferred group: device, metric, qualifiers
        if not metrics.keys() >= set(c["metric"]):
            ranked = [r and m in metrics for r, m in zip(ranked, c["metric"])]
        groups_seen.add(map(hash, compress(zip(*key_columns[:6]), ranked)), sum(ranked))
        db_devices = keys.ids["devices"]
        if not db_devices.keys().isdisjoint(c["device"]):
            on_db_keys.update(k for k in zip(*key_columns) if k[0] in db_devices)
            on_db_preferred.update((g, (file, lines[i])) for i, g in enumerate(zip(*key_columns[:6]))
                                   if ranked[i] and g[0] in db_devices)
        done += len(chunk)
        if progress is not None:
            progress("checking statements", done, None)
    twice, preferred_twice = keys_seen.repeated(), groups_seen.repeated()
    if twice or preferred_twice:
        found += _repeats(pkg, metrics, twice, preferred_twice)
    found += _preferred_against_db(conn, keys, on_db_preferred, on_db_keys)
    found.sort(key=lambda f: (f[0], f[1] or 0, f[2], f[3]))
    for file, line, _, _, column, message in found:
        pkg.problem(file, line, column, message)
    return held


class _Hashes:
    """Hashes of keys, 8 bytes each (a Python set would take some 60), and which occur twice."""

    def __init__(self) -> None:
        self.parts: list = []

    def add(self, hashes, count: int) -> None:
        import numpy as np

        self.parts.append(np.fromiter(hashes, dtype=np.int64, count=count))

    def repeated(self) -> set[int]:
        import numpy as np

        if not self.parts:
            return set()
        ordered = np.sort(np.concatenate(self.parts))
        self.parts = []
        return set(np.unique(ordered[1:][ordered[1:] == ordered[:-1]]).tolist())


def _repeats(pkg: Package, metrics: dict, twice: set[int], preferred_twice: set[int]) -> list[tuple]:
    """The rows whose key, or preferred group, an earlier row has: the hashes say which may."""
    found: list[tuple] = []
    first: dict[tuple, int | None] = {}
    last: dict[tuple, int | None] = {}
    for chunk in statement_chunks(pkg, False):
        ranks = chunk.columns["rank"]
        for i, key in enumerate(zip(*(chunk.columns[k] for k in STATEMENT_KEY))):
            line = chunk.lines[i]
            if hash(key) in twice:
                if key in first:
                    found.append((chunk.file, line, _DUPLICATE, 0, None,
                                  f"duplicate key {', '.join(STATEMENT_KEY)} = {', '.join(key)}: line {first[key]} "
                                  "has it already; keep one"))
                else:
                    first[key] = line
            group = key[:6]
            if ranks[i] == "preferred" and key[1] in metrics and hash(group) in preferred_twice:
                if group in last:
                    found.append((chunk.file, line, _STATEMENT, 1, "rank",
                                  f"line {last[group]} is already preferred for this device, metric and "
                                  "qualifiers; mark one preferred and the other normal"))
                last[group] = line
    return found


def _preferred_against_db(conn: Connection, keys, preferred: dict[tuple, tuple], in_package: set[tuple]) -> list:
    """A preferred statement in the package may not meet another preferred one in the database,
    unless the package also holds that one (and so may demote it)."""
    from chipdb.store.db import chunks

    found: list[tuple] = []
    device_ids = sorted({keys.ids["devices"][g[0]] for g in preferred})
    s, d, m, src = T.statements.c, T.devices.c, T.metrics.c, T.sources.c
    for part in chunks(device_ids):
        stmt = (statement_join(d.slug, m.key, s.precision, s.sparsity, s.engine, s.direction, src.key)
                .where(s.device_id.in_(part), s.rank == "preferred"))
        for slug, metric, *quals, source in conn.execute(stmt):
            group = (slug, metric, *quals)
            where = preferred.get(group)
            if where is not None and (*group, source) not in in_package:
                found.append((*where, _PREFERRED, 0, "rank",
                              f"the database already prefers the statement from source {source} for this device, "
                              "metric and qualifiers; include that statement with rank normal to change which is "
                              "preferred"))
    return found
