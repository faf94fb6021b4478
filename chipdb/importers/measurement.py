"""A matmul sweep (``importers.matmul``) as a data package: a source that is the run itself,
with the conditions that make it reproducible, and one ``measured`` statement, written through
the same loader and validation as any import. The CPU a numpy sweep ran on becomes a device of
kind cpu when the database has none by that name."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone

from sqlalchemy import Connection

from chipdb.importers.matmul import Sweep
from chipdb.package.csvformat import TABLES_BY_NAME, Package, Row, check_cells

_VENDORS = {"intel": ("intel", "Intel"), "amd": ("amd", "AMD"), "nvidia": ("nvidia", "NVIDIA"),
            "arm": ("arm", "Arm"), "apple": ("apple", "Apple")}


def conditions_text(sweep: Sweep) -> str:
    best = sweep.best
    lines = {"device string": sweep.device_string, "backend": sweep.backend, "dtype": sweep.precision,
             "best shape (MxNxK)": "x".join(map(str, best.shape)),
             "shapes swept": " ".join("x".join(map(str, r.shape)) for r in sweep.results),
             "warm-up iterations": str(sweep.warmup), "timed iterations": str(sweep.iterations),
             "aggregation": "best (fastest iteration) of the best shape; median of that shape "
                            f"{best.median / 1e9:.4g} GFLOP/s",
             "cache flush": "a buffer larger than the last-level cache written before each iteration",
             **sweep.conditions}
    return "; ".join(f"{k}: {v}" for k, v in lines.items() if v)


def measurement_package(conn: Connection, sweep: Sweep, device: str | None) -> tuple[Package, str, str]:
    """The package recording ``sweep`` for ``device`` (a name, slug or runtime string; default:
    the runtime's own device string, or for the CPU its model name). Returns it with the device
    slug and the source key."""
    from chipdb.domain.errors import NotFound
    from chipdb.store.lookup import identify

    pkg = Package()
    now = datetime.now(timezone.utc)
    name = device or sweep.device_string
    cpu = sweep.backend.endswith("cpu")
    try:
        slug = identify(conn, name).device.slug
    except NotFound:
        if not cpu or device:
            raise
        slug = _add_cpu(conn, pkg, name)
    best = sweep.best
    digest = hashlib.sha256(f"{now.isoformat()} {sweep.conditions.get('host', '')} {name}".encode()).hexdigest()[:8]
    key = f"measure-{now:%Y%m%d-%H%M%S}-{digest}"
    _row(pkg, "sources", {"key": key, "title": f"chipdb measure: {sweep.backend} matmul sweep on {name}"[:200],
                          "publisher": "chipdb measure", "published": now.date().isoformat(),
                          "retrieved": now.date().isoformat(), "kind": "measurement",
                          "note": conditions_text(sweep) + f"; date: {now.isoformat(timespec='seconds')}"})
    value, unit = (best.best / 1e9, "GFLOPS") if best.best < 1e12 else (best.best / 1e12, "TFLOPS")
    _row(pkg, "statements", {
        "device": slug, "metric": "compute", "precision": sweep.precision, "sparsity": "dense",
        "engine": "vector" if cpu else "matrix", "value": f"{value:.6g}", "unit": unit, "status": "measured",
        "source": key, "rank": "normal",
        "locator": f"best shape {'x'.join(map(str, best.shape))}, fastest of {sweep.iterations} timed iterations "
                   f"after {sweep.warmup} warm-up",
        "note": f"median of the best shape: {best.median / 1e12:.6g} TFLOP/s"})
    return pkg, slug, key


def _add_cpu(conn: Connection, pkg: Package, name: str) -> str:
    from sqlalchemy import select

    from chipdb.store import tables as T

    slug = "cpu-" + re.sub(r"[^a-z0-9]+", "-", re.sub(r"\((r|tm)\)", "", name.lower())).strip("-")
    slug = re.sub(r"-+", "-", slug)[:100].strip("-")
    word = name.lower().split()[0] if name.split() else ""
    vendor, vendor_name = _VENDORS.get(word, ("other", "Other"))
    if conn.scalar(select(T.vendors.c.id).where(T.vendors.c.key == vendor)) is None:
        _row(pkg, "vendors", {"key": vendor, "name": vendor_name})
    _row(pkg, "devices", {"slug": slug, "name": name[:200], "vendor": vendor, "kind": "cpu",
                          "note": "the CPU a chipdb measure run ran on (created by the run)"})
    return slug


def _row(pkg: Package, table: str, cells: dict[str, str]) -> None:
    row = Row(table, "chipdb measure", None, {k: v for k, v in cells.items()})
    check_cells(pkg, TABLES_BY_NAME[table], row)
    pkg.rows.setdefault(table, []).append(row)
