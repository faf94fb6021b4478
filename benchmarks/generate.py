"""A synthetic chipdb database: the seeds plus ~100,000 devices, ~2,000,000 statements and
systems made of parts, written straight into the tables (seeded random, a few minutes)."""

from __future__ import annotations

import random
import time
from pathlib import Path

from sqlalchemy import func, insert, select

from chipdb.store import tables as T
from chipdb.store.db import make_engine, write
from chipdb.store.migrate import upgrade
from chipdb.package.seed import load_seeds

PRECISIONS = ("fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "fp4", "int8")
CHUNK = 50_000


def _batches(rows, size=CHUNK):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def generate(path: Path, devices: int = 100_000, statements: int = 2_000_000, seed: int = 7) -> dict:
    """Create the database at ``path``; returns what it holds and how long it took."""
    start = time.perf_counter()
    rng = random.Random(seed)
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    write(engine, load_seeds)
    with engine.begin() as conn:
        ids = {k: v for k, v in conn.execute(select(T.metrics.c.key, T.metrics.c.id))}
        conn.execute(insert(T.vendors), [{"key": f"vendor{i}", "name": f"Vendor {i}", "url": ""} for i in range(20)])
        vendor_ids = list(conn.scalars(select(T.vendors.c.id)))
        conn.execute(insert(T.sources), [
            {"key": f"synth-source-{i}", "title": f"Synthetic source {i}", "publisher": "bench",
             "url": f"https://example.com/{i}", "published": "2025-01-01", "retrieved": "2026-01-01",
             "kind": rng.choice(("vendor_page", "analysis", "press")), "note": ""} for i in range(1000)])
        source_ids = list(conn.scalars(select(T.sources.c.id).where(T.sources.c.key.like("synth-%"))))
        existing = conn.scalar(select(func.count()).select_from(T.devices))
        systems, cpus = devices // 50, devices // 50
        accelerators = devices - existing - systems - cpus
        kinds = [("acc", "accelerator", accelerators), ("cpu", "cpu", cpus), ("sys", "system", systems)]
        for prefix, kind, n in kinds:
            for batch in _batches({"slug": f"synth-{prefix}-{i}", "name": f"Synth {prefix.upper()} {i}",
                                   "name_key": f"synth{prefix}{i}", "vendor_id": rng.choice(vendor_ids), "kind": kind,
                                   "family": "", "released": "2025", "note": ""} for i in range(n)):
                conn.execute(insert(T.devices), batch)
        dev = {kind: list(conn.scalars(select(T.devices.c.id).where(T.devices.c.slug.like(f"synth-{prefix}-%"))
                                       .order_by(T.devices.c.id)))
               for prefix, kind, _ in kinds}
        conn.execute(insert(T.components), [
            row for system in dev["system"] for row in (
                {"system_id": system, "part_id": rng.choice(dev["accelerator"]), "count": 8,
                 "source_id": rng.choice(source_ids), "locator": "synthetic", "note": ""},
                {"system_id": system, "part_id": rng.choice(dev["cpu"]), "count": 2,
                 "source_id": rng.choice(source_ids), "locator": "synthetic", "note": ""})])
        missing = statements - conn.scalar(select(func.count()).select_from(T.statements))
        per_device = max(1, -(-missing // len(dev["accelerator"])))  # rounded up

        def rows():
            for device in dev["accelerator"]:
                sources = rng.sample(source_ids, 2)
                made = 0
                for k, source in enumerate(sources):
                    rank = "preferred" if k == 0 else "normal"
                    for precision in PRECISIONS:
                        for sparsity in ("dense", "sparse"):
                            if made >= per_device:
                                break
                            tflops = rng.randint(10, 5000) * (2 if sparsity == "sparse" else 1)
                            yield {"device_id": device, "metric_id": ids["compute"], "precision": precision,
                                   "sparsity": sparsity, "engine": "matrix", "direction": "", "value": tflops * 1e12,
                                   "value_printed": str(tflops), "unit_printed": "TFLOPS", "status": "published",
                                   "source_id": source, "locator": "synthetic table", "rank": rank, "reason": "",
                                   "note": "", "import_id": None}
                            made += 1
                    for metric, value, unit, scale in (("memory_capacity", rng.randint(16, 288), "GB", 1e9),
                                                       ("memory_bandwidth", rng.randint(1, 16), "TB/s", 1e12),
                                                       ("power", rng.randint(100, 1500), "W", 1.0)):
                        if made >= per_device:
                            break
                        yield {"device_id": device, "metric_id": ids[metric], "precision": "", "sparsity": "",
                               "engine": "", "direction": "", "value": value * scale, "value_printed": str(value),
                               "unit_printed": unit, "status": "published", "source_id": source,
                               "locator": "synthetic table", "rank": rank, "reason": "", "note": "", "import_id": None}
                        made += 1

        for batch in _batches(rows()):
            conn.execute(insert(T.statements), batch)
        counts = {t: conn.scalar(select(func.count()).select_from(getattr(T, t)))
                  for t in ("devices", "statements", "components", "sources")}
    engine.dispose()
    return {**counts, "seconds": time.perf_counter() - start}
