"""Reports of the read commands over devices and sources: list, show, sources, sources show."""

from __future__ import annotations

from chipdb.output.registry import Column, Report
from chipdb.domain.records import STATEMENT_FIELDS

DEVICE_COLUMNS = [Column("slug", lambda x: x[0].slug), Column("name", lambda x: x[0].name),
                  Column("kind", lambda x: x[0].kind), Column("vendor", lambda x: x[0].vendor_name),
                  Column("family", lambda x: x[0].family), Column("released", lambda x: x[0].released),
                  Column("aliases", lambda x: ", ".join(x[1]))]
# A statement for the terminal: the value readable (989.4 TFLOP/s), as printed beside it.
STATEMENT_COLUMNS = [Column("metric"), Column("qualifiers"), Column("value", "readable"), Column("as printed", "printed"),
                     Column("status"), Column("rank"), Column("source", lambda v: v.source.key), Column("locator")]
# A statement for machines: every field, the value in SI units.
STATEMENT_MACHINE = [Column(key, get) for key, get in STATEMENT_FIELDS]
SOURCE_COLUMNS = [Column("key", lambda x: x[0].key), Column("kind", lambda x: x[0].kind),
                  Column("publisher", lambda x: x[0].publisher), Column("published", lambda x: x[0].published),
                  Column("statements", 1), Column("title", lambda x: x[0].title), Column("url", lambda x: x[0].url)]
SOURCE_FIELDS = ("key", "title", "publisher", "url", "published", "retrieved", "kind", "note")
SOURCE_STATEMENT_COLUMNS = [Column("device")] + [c for c in STATEMENT_COLUMNS if c.name not in ("status", "source")]


def devices_report(devices) -> Report:
    return Report(DEVICE_COLUMNS, devices)


def device_report(dev, views, parts) -> Report:
    """Every statement about a device; CSV is one row per statement with every JSON field."""
    head = {"device": dev.slug, "name": dev.name, "kind": dev.kind, "vendor": dev.vendor_key,
            "components": [vars(p) for p in parts]}
    return Report(STATEMENT_COLUMNS, views, csv=STATEMENT_MACHINE, document=lambda statements: {**head, "statements": statements},
                  title=f"{dev.name} ({dev.slug}, {dev.kind}, {dev.vendor_name})",
                  footer=[f"component: {p.count} x {p.part_name} ({p.part}), source {p.source}" for p in parts])


def sources_report(sources) -> Report:
    return Report(SOURCE_COLUMNS, sources)


def source_report(src, views) -> Report:
    """CSV is the table's columns (the value readable); JSON the source and each statement's fields."""
    info = {k: getattr(src, k) for k in SOURCE_FIELDS}
    title = "\n".join(f"{k}: {v}" for k, v in info.items() if v) + "\n"
    return Report(SOURCE_STATEMENT_COLUMNS, views, json=lambda v: v.as_json(),
                  document=lambda statements: {**info, "statements": statements}, title=title)
