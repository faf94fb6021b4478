"""``chipdb.Database``: a handle on one database that keeps its engine and the knowledge it has
loaded across calls, and answers in the typed records of ``chipdb.api.records``.

    >>> db = chipdb.Database("/path/to/chipdb.sqlite")        # a path or a SQLAlchemy URL
    >>> db.peak("NVIDIA H100 80GB HBM3", precision="bf16").value
    989400000000000.0

A handle reads a snapshot: what it has loaded stays until ``refresh()`` (``measure`` refreshes).
"""

from __future__ import annotations

import os
import threading
import warnings
from typing import TYPE_CHECKING, Iterable, Sequence

from chipdb.api import convert
from chipdb.api.records import (Basis, ClaimVerdict, Comparison, CompareRow, ControlStatus, Device, Direction,
                                Engine, Identity, Peak, Precision, Ratio, RuntimeString, Sparsity)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine as SAEngine

    from chipdb.domain.records import Knowledge
    from chipdb.domain.resolve import Options
    from chipdb.store.lookup import Identified


class FirstUseWarning(UserWarning):
    """A database was created and seeded because none existed where chipdb looked."""


_DEFAULT: Database | None = None
_DEFAULT_LOCK = threading.Lock()


class Database:
    """One database: ``Database(url_or_path)``, or ``Database.default()`` (``CHIPDB_DATABASE_URL``,
    else chipdb.sqlite in the user data directory, created and seeded on first use with a
    ``FirstUseWarning`` saying where)."""

    def __init__(self, url_or_path: str | os.PathLike[str] | None = None) -> None:
        from chipdb.store.config import locate

        self.location = locate(os.fspath(url_or_path) if url_or_path is not None else None)
        self._engine: SAEngine | None = None
        self._names: dict[str, Identified] = {}
        self._knowledge: dict[str, Knowledge] = {}
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> Database:
        """The shared default handle (one per process)."""
        global _DEFAULT
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = cls()
            return _DEFAULT

    @property
    def url(self) -> str:
        return self.location.url

    def __repr__(self) -> str:
        from chipdb.store.db import shown_url

        return f"chipdb.Database({shown_url(self.url)!r})"

    # -- the connection ----------------------------------------------------------------------

    def engine(self) -> SAEngine:
        with self._lock:
            if self._engine is None:
                from chipdb.package.setup import open_ready

                def report(message: str) -> None:
                    warnings.warn(f"{message} (pass a path or URL to chipdb.Database, or set CHIPDB_DATABASE_URL, "
                                  "to use another)", FirstUseWarning, stacklevel=4)

                self._engine = open_ready(self.location, report)
            return self._engine

    def _connect(self) -> Connection:
        return self.engine().connect()

    def refresh(self) -> None:
        """Forget what was loaded, so the next call reads the database again."""
        with self._lock:
            self._names.clear()
            self._knowledge.clear()

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
        self.refresh()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- lookups, cached -----------------------------------------------------------------------

    def _identified(self, name: str) -> Identified:
        found = self._names.get(name)
        if found is None:
            from chipdb.store.lookup import identify

            with self._connect() as conn:
                found = identify(conn, name)
            self._names[name] = found
        return found

    def _kb(self, slug: str) -> Knowledge:
        kb = self._knowledge.get(slug)
        if kb is None:
            from chipdb.store.knowledge import load_knowledge

            with self._connect() as conn:
                kb, _ = load_knowledge(conn, [slug], None)
            self._knowledge[slug] = kb
        return kb

    # -- values ----------------------------------------------------------------------------------

    def peak(self, device: str, metric: str = "compute", *, precision: Precision | None = None,
             sparsity: Sparsity | None = None, engine: Engine | None = None, direction: Direction | None = None,
             basis: Basis = "published", sources: Sequence[str] = (), as_of: str | None = None) -> Peak:
        """``metric`` of ``device`` (a slug, name, alias or runtime string such as
        ``torch.cuda.get_device_name()``), dense and on the matrix engine unless asked; a
        runtime device that is part of a chip gets its share. ``basis="measured"`` gives a
        measured throughput instead of the published peak. Raises NotFound, Ambiguous,
        UsageError (compute needs a precision) or Unresolvable, with the reason."""
        from chipdb.analysis.values import check_metric, per_runtime_device
        from chipdb.domain import vocab
        from chipdb.domain.errors import Unresolvable
        from chipdb.domain.resolve import complete_quals, resolve

        options = self._options(basis, sources, as_of)
        given = _given(precision, sparsity, engine, direction)
        if metric in vocab.CONTROL_METRICS:
            from chipdb.analysis.values import trace

            with self._connect() as conn:
                return convert.peak(trace(conn, device, metric, given, options), basis)
        ident = self._identified(device)
        slug = ident.device.slug
        kb = self._kb(slug)
        if metric not in kb.metrics and metric not in vocab.DERIVED:
            with self._connect() as conn:
                check_metric(kb, metric, conn)
        quals = complete_quals(kb, [slug], metric, given)
        try:
            resolved = per_runtime_device(kb, ident, resolve(kb, slug, metric, quals, options), options)
        except Unresolvable as exc:
            from chipdb.analysis.values import _with_related

            with self._connect() as conn:
                raise _with_related(conn, [slug], metric, exc) from None
        return convert.peak(resolved, basis)

    trace = peak  # the same answer: every Peak carries its lineage (``.lineage``, ``.trace``)

    def ratio(self, a: str, b: str, metric: str = "compute", *, precision: Precision | None = None,
              sparsity: Sparsity | None = None, engine: Engine | None = None, direction: Direction | None = None,
              basis: Basis = "published", sources: Sequence[str] = (), as_of: str | None = None) -> Ratio:
        """``a`` / ``b`` on the same qualifiers and basis, with both sides' lineage."""
        from chipdb.domain.errors import Unresolvable

        kw = dict(precision=precision, sparsity=sparsity, engine=engine, direction=direction, basis=basis,
                  sources=sources, as_of=as_of)
        num = self.peak(a, metric, **kw)  # type: ignore[arg-type]
        den = self.peak(b, metric, **kw)  # type: ignore[arg-type]
        if not den.value:
            raise Unresolvable(f"{den.name}'s {metric} is zero; the ratio is undefined")
        return Ratio(num.value / den.value, metric, num.qualifiers, num, den)

    def compare(self, devices: Iterable[str], metrics: Iterable[str] = (), precisions: Iterable[Precision] = (),
                *, baseline: str | None = None, sparsity: Sparsity = "dense", sources: Sequence[str] = (),
                as_of: str | None = None) -> Comparison:
        """One row per metric and qualifier set the devices share: the published value of each,
        the measured value beside it where one is recorded, and the ratio to the baseline."""
        from chipdb.analysis.values import compare

        names = list(devices)
        with self._connect() as conn:
            c = compare(conn, names, list(metrics), list(precisions), baseline, self._options("published", sources,
                                                                                                as_of), sparsity)
        rows = []
        for row in c.rows:
            published = tuple(convert.peak(row.values[s]) for s in c.devices)
            measured = tuple(convert.peak(row.measured[s], "measured") if s in row.measured else None
                             for s in c.devices)
            base = row.values[c.baseline].value
            rows.append(CompareRow(row.metric, convert.qualifiers(row.quals), published, measured,
                                   tuple(p.value / base if base else None for p in published)))
        return Comparison(tuple(c.devices), tuple(c.names[s] for s in c.devices), c.baseline, tuple(rows),
                          tuple(c.skipped))

    # -- claims, controls, devices -------------------------------------------------------------------

    def check(self, text: str, *, precision: Precision | None = None, sparsity: Sparsity | None = None,
              subject: str | None = None, baseline: str | None = None, date: str | None = None,
              sources: Sequence[str] = (), as_of: str | None = None) -> tuple[ClaimVerdict, ...]:
        """Every comparison in ``text`` (a sentence or a whole article, English or Chinese),
        checked on published values: one verdict per claim found. ``precision``/``sparsity`` fill
        what the text leaves open. A thin wrapper of ``chipdb.claims.text.check_text``."""
        from chipdb.claims import text as claimtext
        from chipdb.claims.results import Given

        given = Given(subject or "", baseline or "", date or "",
                      tuple(claimtext.given_qualifiers(precision=precision, sparsity=sparsity).items()))
        with self._connect() as conn:
            result = claimtext.check_text(conn, text, self._options("published", sources, as_of), given,
                                          whole_text=False)
        return tuple(convert.claim(found) for found in result.claims)

    def controls(self, devices: Iterable[str], *, as_of: str | None = None) -> tuple[ControlStatus, ...]:
        """TPP, PD and the ECCN 3A090 paragraph each device meets under the rules in force on
        ``as_of`` (default today). Not legal advice."""
        from chipdb.analysis.controls import book

        with self._connect() as conn:
            result = book.controls(conn, list(devices), as_of)
        return tuple(convert.control(d, result.as_of) for d in result.devices)

    def devices(self) -> tuple[Device, ...]:
        from chipdb.store.views import list_devices

        with self._connect() as conn:
            return tuple(Device(d.slug, d.name, d.kind, d.vendor_name, d.family, d.released, tuple(aliases))
                         for d, aliases in list_devices(conn))

    def identify(self, string: str) -> Identity:
        """What ``string`` names: a runtime string (with where it was seen) or a slug, name or
        alias. Ambiguous lists the candidates and what decides; NotFound the closest names."""
        ident = self._identified(string)
        runtime = None
        if ident.runtime:
            runtime = RuntimeString(ident.string, ident.runtime, ident.seen_at, ident.per_chip,
                                    convert.source(ident.source) if ident.source else None, ident.locator, ident.note)
        return Identity(string, ident.device.slug, ident.device.name, runtime)

    @staticmethod
    def _options(basis: str, sources: Sequence[str], as_of: str | None) -> Options:
        from chipdb.domain.resolve import Options

        return Options(sources=tuple(sources), as_of=as_of, basis=basis)


def _given(precision: str | None, sparsity: str | None, engine: str | None, direction: str | None) -> dict[str, str]:
    return {"precision": precision or "", "sparsity": sparsity or "", "engine": engine or "",
            "direction": direction or ""}
