"""Device names that look like another device's (Unicode TR39 confusables), refused on import."""

from __future__ import annotations

import unicodedata

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.package.csvformat import Package


def check_lookalikes(conn: Connection, pkg: Package) -> None:
    """A name with letters from outside ASCII (after NFKC) may not look like another device's
    name, slug or alias: ``Н100 SXM5 80GB`` (Cyrillic Н) is refused beside H100 SXM5 80GB."""
    from chipdb.domain.confusables import is_plain, skeleton

    new = [(row, column, row.cells.get(column, ""), row.cells.get("slug" if column == "name" else "device", ""))
           for table, column in (("devices", "name"), ("aliases", "alias"))
           for row in pkg.rows.get(table, []) if not is_plain(row.cells.get(column, ""))]
    if not new:
        return
    d, a = T.devices.c, T.aliases.c
    names: dict[str, dict[str, str]] = {}  # skeleton -> device slug -> a name it has
    known = list(conn.execute(select(d.slug, d.name)))
    known += [(slug, slug) for slug, _ in known]
    known += list(conn.execute(select(d.slug, a.alias).select_from(T.aliases).join(T.devices, a.device_id == d.id)))
    known += [(r.cells.get("slug", ""), r.cells.get(c, "")) for r in pkg.rows.get("devices", []) for c in ("slug", "name")]
    known += [(r.cells.get("device", ""), r.cells.get("alias", "")) for r in pkg.rows.get("aliases", [])]
    for slug, name in known:
        if name:
            names.setdefault(skeleton(name), {}).setdefault(slug, name)
    for row, column, name, slug in new:
        others = {s: n for s, n in names.get(skeleton(name), {}).items() if s != slug}
        if others:
            what = ", ".join(f"{n!r} (device {s})" for s, n in sorted(others.items()))
            odd = ", ".join(f"{ch} U+{ord(ch):04X} {unicodedata.name(ch, '?')}" for ch in dict.fromkeys(name)
                            if not ch.isascii())
            pkg.problem(row.file, row.line, column, f"{name!r} looks like {what}: it has {odd}; "
                        "choose a name that cannot be mistaken for another")
