"""Reports of the read commands over devices and sources: list, show, sources, sources show."""

from __future__ import annotations

from chipdb.output.registry import Report

DEVICE_COLUMNS = ["slug", "name", "kind", "vendor", "family", "released", "aliases"]
STATEMENT_COLUMNS = ["metric", "qualifiers", "value", "as printed", "status", "rank", "source", "locator"]
SOURCE_COLUMNS = ["key", "kind", "publisher", "published", "statements", "title", "url"]
SOURCE_FIELDS = ("key", "title", "publisher", "url", "published", "retrieved", "kind", "note")


def devices_report(devices) -> Report:
    rows = [[d.slug, d.name, d.kind, d.vendor_name, d.family, d.released, ", ".join(aliases)]
            for d, aliases in devices]
    return Report(DEVICE_COLUMNS, rows)


def device_report(dev, views, parts) -> Report:
    """Every statement about a device; CSV is one row per statement with every JSON field."""
    statements = [v.as_json() for v in views]
    data = {"device": dev.slug, "name": dev.name, "kind": dev.kind, "vendor": dev.vendor_key,
            "components": [vars(p) for p in parts], "statements": statements}
    fields = list(statements[0]) if statements else ["metric"]
    rows = [[v.metric, v.qualifiers, v.readable, v.printed, v.status, v.rank, v.source, v.locator] for v in views]
    return Report(STATEMENT_COLUMNS, rows, data=data, flat=(fields, [list(s.values()) for s in statements]),
                  title=f"{dev.name} ({dev.slug}, {dev.kind}, {dev.vendor_name})",
                  footer=[f"component: {p.count} x {p.part_name} ({p.part}), source {p.source}" for p in parts])


def sources_report(sources) -> Report:
    rows = [[src.key, src.kind, src.publisher, src.published, n, src.title, src.url] for src, n in sources]
    return Report(SOURCE_COLUMNS, rows)


def source_report(src, views) -> Report:
    info = {k: getattr(src, k) for k in SOURCE_FIELDS}
    title = "\n".join(f"{k}: {v}" for k, v in info.items() if v) + "\n"
    rows = [[v.device, v.metric, v.qualifiers, v.readable, v.printed, v.rank, v.locator] for v in views]
    return Report(["device", "metric", "qualifiers", "value", "as printed", "rank", "locator"], rows,
                  data={**info, "statements": [v.as_json() for v in views]}, title=title)
