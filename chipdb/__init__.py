"""chipdb: AI accelerator and rack-system specifications, every number traced to its source.

    >>> import chipdb
    >>> chipdb.peak("NVIDIA H100 80GB HBM3", precision="bf16").value   # dense unless asked
    989400000000000.0

``chipdb.Database(url_or_path)`` is a handle on one database; the functions here call
``Database.default()``. Importing chipdb is cheap: SQLAlchemy is imported on the first call.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from chipdb.api.records import (Basis, ClaimVerdict, Comparison, CompareRow, ControlStatus, Device, Direction,
                                Engine, Identity, Lineage, Peak, Precision, Qualifiers, Ratio, RuntimeString, Source,
                                Sparsity)
from chipdb.api.database import Database, FirstUseWarning
from chipdb.domain.errors import (Ambiguous, ChipDBError, NotFound, SchemaError, Unresolvable, UsageError,
                                  ValidationFailed)

__version__ = "0.2.0"  # the one place the version is written (pyproject.toml reads it)

__all__ = [
    "Database", "FirstUseWarning", "peak", "trace", "ratio", "compare", "check", "controls", "devices", "identify",
    "Peak", "Ratio", "Qualifiers", "Source", "Lineage", "Comparison", "CompareRow", "ClaimVerdict", "ControlStatus",
    "Device", "Identity", "RuntimeString", "Precision", "Sparsity", "Engine", "Direction", "Basis",
    "ChipDBError", "NotFound", "Ambiguous", "UsageError", "Unresolvable", "SchemaError", "ValidationFailed",
    "__version__",
]


def _db() -> Database:
    return Database.default()


def peak(device: str, metric: str = "compute", *, precision: Precision | None = None, sparsity: Sparsity | None = None,
         engine: Engine | None = None, direction: Direction | None = None, basis: Basis = "published",
         sources: Sequence[str] = (), as_of: str | None = None) -> Peak:
    """See ``Database.peak``: on the default database."""
    return _db().peak(device, metric, precision=precision, sparsity=sparsity, engine=engine, direction=direction,
                      basis=basis, sources=sources, as_of=as_of)


trace = peak


def ratio(a: str, b: str, metric: str = "compute", *, precision: Precision | None = None,
          sparsity: Sparsity | None = None, engine: Engine | None = None, direction: Direction | None = None,
          basis: Basis = "published", sources: Sequence[str] = (), as_of: str | None = None) -> Ratio:
    """See ``Database.ratio``: on the default database."""
    return _db().ratio(a, b, metric, precision=precision, sparsity=sparsity, engine=engine, direction=direction,
                       basis=basis, sources=sources, as_of=as_of)


def compare(devices: Iterable[str], metrics: Iterable[str] = (), precisions: Iterable[Precision] = (), *,
            baseline: str | None = None, sparsity: Sparsity = "dense") -> Comparison:
    """See ``Database.compare``: on the default database."""
    return _db().compare(devices, metrics, precisions, baseline=baseline, sparsity=sparsity)


def check(text: str, *, precision: Precision | None = None,
          sparsity: Sparsity | None = None) -> tuple[ClaimVerdict, ...]:
    """See ``Database.check``: on the default database."""
    return _db().check(text, precision=precision, sparsity=sparsity)


def controls(devices: Iterable[str], *, as_of: str | None = None) -> tuple[ControlStatus, ...]:
    """See ``Database.controls``: on the default database."""
    return _db().controls(devices, as_of=as_of)


def devices() -> tuple[Device, ...]:
    """See ``Database.devices``: on the default database."""
    return _db().devices()


def identify(string: str) -> Identity:
    """See ``Database.identify``: on the default database."""
    return _db().identify(string)
