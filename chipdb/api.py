"""The front door for Python users: peak rates and ratios from the sourced data, in one call.

    >>> import chipdb
    >>> p = chipdb.peak("H100", "compute", precision="bf16")   # dense unless asked
    >>> p.value, p.unit, p.qualifiers["sparsity"], p.sources
    (989400000000000.0, 'FLOP/s', 'dense', ['h100-whitepaper-via-notes'])

Model-FLOPs-utilisation code can use ``peak(...).value`` instead of a hand-typed table, with
the dense/sparse basis explicit. Every call opens the default database (created and seeded on
first use) unless ``db`` names another (a SQLAlchemy URL).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Peak:
    device: str  # slug
    name: str
    metric: str
    value: float  # in SI units (FLOP/s, OP/s, B, B/s, W)
    unit: str
    qualifiers: dict[str, str]
    method: str  # stated | derived | rule
    sources: list[str]  # every source key the value rests on
    lineage: dict[str, Any]  # the full trace, as `chipdb trace --format json` prints it


@dataclass(frozen=True)
class Ratio:
    value: float
    metric: str
    qualifiers: dict[str, str]
    numerator: Peak
    denominator: Peak


def _given(precision, sparsity, engine, direction) -> dict[str, str]:
    return {"precision": precision or "", "sparsity": sparsity or "", "engine": engine or "",
            "direction": direction or ""}


def _peak(resolved) -> Peak:
    from chipdb.domain import lineage

    return Peak(resolved.device, resolved.device_name, resolved.metric, resolved.value, resolved.unit,
                resolved.quals.as_dict(), resolved.method, resolved.sources(), lineage.to_json(resolved))


def _engine(db: str | None):
    from chipdb.store.config import locate
    from chipdb.package.setup import open_ready

    return open_ready(locate(db))


def peak(device: str, metric: str = "compute", *, precision: str | None = None, sparsity: str = "dense",
         engine: str | None = None, direction: str | None = None, db: str | None = None) -> Peak:
    """The resolved value of ``metric`` for ``device`` (a name, slug or alias): dense unless
    ``sparsity="sparse"``, the matrix engine unless ``engine="vector"``. Raises chipdb.domain.errors
    types (NotFound, UsageError: e.g. compute needs a precision, Unresolvable) with the reason."""
    from chipdb.analysis import values as analysis

    eng = _engine(db)
    try:
        with eng.connect() as conn:
            return _peak(analysis.trace(conn, device, metric, _given(precision, sparsity, engine, direction)))
    finally:
        eng.dispose()


def ratio(a: str, b: str, metric: str = "compute", *, precision: str | None = None, sparsity: str = "dense",
          engine: str | None = None, direction: str | None = None, db: str | None = None) -> Ratio:
    """``a`` / ``b`` on the same qualifiers, with both sides' lineage."""
    from chipdb.analysis import values as analysis

    eng = _engine(db)
    try:
        with eng.connect() as conn:
            r = analysis.ratio(conn, a, b, metric, _given(precision, sparsity, engine, direction))
    finally:
        eng.dispose()
    return Ratio(r.value, r.metric, r.quals.as_dict(), _peak(r.numerator), _peak(r.denominator))
