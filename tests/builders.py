"""Shared builders of plain records for the pure-core tests (resolver, claims): no database."""

from __future__ import annotations

from chipdb.domain.records import DeviceInfo, Knowledge, MetricInfo, Part, Quals, RuleFact, SourceRef, Statement

VENDOR = SourceRef("vendor", "Datasheet", "https://example.com/ds", "2024-01-01", "vendor_datasheet")
PRESS = SourceRef("press", "News", "https://example.com/news", "2025-05-01", "press")
LATE = SourceRef("late", "Later analysis", "https://example.com/late", "2026-01-01", "analysis")
BF16 = Quals("bf16", "dense", "matrix")
BF16_SPARSE = Quals("bf16", "sparse", "matrix")


DIMENSIONS = {"compute": "compute", "memory_capacity": "bytes", "power": "power"}  # as ``kb``'s metrics


def fact(device, metric, quals, value, source=VENDOR, rank="normal", status="published", printed=None,
         locator="table 1"):
    """A statement as the database would give it, ``printed`` (default: the value) with no unit."""
    return Statement(device, metric, DIMENSIONS[metric], quals.precision, quals.sparsity, quals.engine, quals.direction,
                     value, f"{value}" if printed is None else printed, "", status, source, locator, rank)


def kb(facts, parts=(), rules=()):
    k = Knowledge()
    for slug, kind in (("gpu", "accelerator"), ("cpu", "cpu"), ("rack", "system"), ("old", "accelerator")):
        k.devices[slug] = DeviceInfo(slug, slug.upper(), kind)
    k.metrics = {
        "compute": MetricInfo("compute", "Compute", ("precision", "sparsity", "engine"), "compute", True),
        "memory_capacity": MetricInfo("memory_capacity", "HBM", (), "bytes", True),
        "power": MetricInfo("power", "Power", (), "power", False),
    }
    for f in facts:
        k.facts.setdefault((f.device, f.metric), []).append(f)
    for p in parts:
        k.parts.setdefault(p.system, []).append(p)
    for r in rules:
        k.rules.setdefault(r.metric, []).append(r)
    return k


def rack_parts():
    return [Part("rack", "gpu", 72, VENDOR, "72 GPUs"), Part("rack", "cpu", 36, VENDOR, "36 CPUs")]


HALVE = RuleFact("2to4", "dense = sparse / 2", "compute", "sparsity", "sparse", "dense", 0.5, VENDOR, "footnote",
                 frozenset({"gpu"}))
DOUBLE = RuleFact("2to4-up", "sparse = 2 x dense", "compute", "sparsity", "dense", "sparse", 2.0, VENDOR, "footnote",
                  frozenset({"gpu"}))
