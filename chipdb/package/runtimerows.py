"""Checks of ``device_strings.csv`` across rows and against the database.

A runtime string is looked up before names and aliases (it says what a runtime reports, which
may be a part of a chip), so it must not read as another device's slug, name or alias unless that
device is one of the string's own; a part of a chip (``per_chip`` above 1) names the source and
place that say how many such parts a chip has.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from chipdb.domain import vocab
from chipdb.package.csvformat import Package
from chipdb.store import tables as T


def check_device_strings(conn: Connection, pkg: Package) -> None:
    rows = pkg.rows.get("device_strings", [])
    if not rows:
        return
    devices_of: dict[str, set[str]] = {}
    for row in rows:
        c = row.cells
        key = vocab.normalize_name(c.get("string", ""))
        if not key:
            pkg.problem(row.file, row.line, "string", "a runtime string needs at least one letter or digit")
            continue
        devices_of.setdefault(key, set()).add(c.get("device", ""))
        if int(c.get("per_chip") or 1) > 1 and not (c.get("source") and c.get("locator")):
            pkg.problem(row.file, row.line, "per_chip", "a runtime device that is part of a chip needs the "
                        "source and locator that say how many there are per chip")
        elif int(c.get("per_chip") or 1) == 1 and c.get("source") and not c.get("locator"):
            pkg.problem(row.file, row.line, "locator", "a source needs a locator: where in it")
    d, a = T.devices.c, T.aliases.c
    keys = sorted(devices_of)
    named: dict[str, set[str]] = {}
    in_package = {vocab.normalize_name(r.cells.get(col, "")): r.cells["slug"]
                  for r in pkg.rows.get("devices", []) for col in ("slug", "name")}
    in_package |= {vocab.normalize_name(r.cells.get("alias", "")): r.cells.get("device", "")
                   for r in pkg.rows.get("aliases", [])}
    for key in keys:
        if key in in_package:
            named.setdefault(key, set()).add(in_package[key])
    queries = (select(d.name_key, d.slug).where(d.name_key.in_(keys)),
               select(func.replace(d.slug, "-", ""), d.slug).where(func.replace(d.slug, "-", "").in_(keys)),
               select(a.alias_key, d.slug).select_from(T.aliases).join(T.devices, a.device_id == d.id)
               .where(a.alias_key.in_(keys)))
    for query in queries:
        for key, slug in conn.execute(query):
            named.setdefault(key, set()).add(slug)
    for row in rows:
        key = vocab.normalize_name(row.cells.get("string", ""))
        others = named.get(key, set()) - devices_of.get(key, set())
        if others:
            pkg.problem(row.file, row.line, "string", f"{row.cells['string']!r} already names device "
                        f"{', '.join(sorted(others))} (slug, name or alias); a runtime string is looked up first, "
                        "so list that device for it too, or remove the alias")
