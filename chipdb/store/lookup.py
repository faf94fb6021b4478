"""Finding a device, metric or source by what a user types: indexed queries, helpful errors."""

from __future__ import annotations

import difflib
from sqlalchemy import Connection, Row, or_, select

from chipdb.store import tables as T
from chipdb.domain.errors import Ambiguous, NotFound
from chipdb.domain.records import DeviceInfo
from chipdb.domain.vocab import normalize_name

_SUGGESTION_POOL = 5000


def device_select():
    """Devices with their vendor, in the column order of ``device_from_row``."""
    d, v = T.devices, T.vendors
    return (select(d.c.slug, d.c.name, d.c.kind, d.c.id, d.c.family, d.c.released, d.c.note,
                   v.c.key.label("vendor_key"), v.c.name.label("vendor_name"))
            .join(v, d.c.vendor_id == v.c.id))


def device_from_row(row) -> DeviceInfo:
    return DeviceInfo(*row)


def find_device(conn: Connection, name: str) -> DeviceInfo:
    """The one device whose slug, name or alias is ``name`` (case, spaces and dashes ignored)."""
    key = normalize_name(name)
    d, a = T.devices, T.aliases
    by_alias = select(a.c.device_id).where(a.c.alias_key == key).scalar_subquery()
    stmt = device_select().where(or_(d.c.slug == name.strip().lower(), d.c.name_key == key, d.c.id == by_alias))
    found = {row.id: device_from_row(row) for row in conn.execute(stmt)}
    if len(found) == 1:
        return next(iter(found.values()))
    if found:
        names = ", ".join(sorted(f"{dev.name} ({dev.slug})" for dev in found.values()))
        raise Ambiguous(f"{name!r} names more than one device: {names}; use a slug")
    if (lookalike := _lookalike(conn, name)) is not None:
        return lookalike
    raise NotFound(f"no device {name!r}{_did_you_mean(conn, key)} (see: chipdb list)")


def _lookalike(conn: Connection, name: str) -> DeviceInfo | None:
    """For a name with characters outside ASCII: the one device whose name, slug or alias looks
    the same (TR39 skeleton: Cyrillic Н as H, ＨＸ as HX), else None. ASCII names never get here
    through an extra scan."""
    from chipdb.domain.confusables import is_plain, skeleton

    if is_plain(name) and name.isascii():
        return None
    d, a = T.devices, T.aliases
    wanted = skeleton(name)
    ids = {id_ for id_, slug, dev_name in conn.execute(select(d.c.id, d.c.slug, d.c.name))
           if wanted in (skeleton(slug), skeleton(dev_name))}
    ids |= {id_ for id_, alias in conn.execute(select(a.c.device_id, a.c.alias)) if skeleton(alias) == wanted}
    if len(ids) != 1:
        return None
    return device_from_row(conn.execute(device_select().where(d.c.id == ids.pop())).one())


def _did_you_mean(conn: Connection, key: str) -> str:
    d, a = T.devices, T.aliases
    prefix = key[:2]
    names: dict[str, str] = {}
    for k, n in conn.execute(select(d.c.name_key, d.c.name).where(d.c.name_key.like(f"{prefix}%"))
                                .limit(_SUGGESTION_POOL)):
        names[k] = n
    for k, n in conn.execute(select(a.c.alias_key, a.c.alias).where(a.c.alias_key.like(f"{prefix}%"))
                                .limit(_SUGGESTION_POOL)):
        names.setdefault(k, n)
    if len(names) < 3:
        for k, n in conn.execute(select(d.c.name_key, d.c.name).limit(_SUGGESTION_POOL)):
            names.setdefault(k, n)
    close = difflib.get_close_matches(key, list(names), n=4, cutoff=0.4)
    return "; did you mean " + ", ".join(names[c] for c in close) + "?" if close else ""


def find_metric(conn: Connection, key: str) -> Row:
    m = T.metrics
    metric = conn.execute(select(m).where(m.c.key == key)).first()
    if metric is None:
        known = list(conn.scalars(select(m.c.key).order_by(m.c.key)))
        raise NotFound(f"no metric {key!r}{did_you_mean(key, known)}; metrics are: {', '.join(known)}")
    return metric


def did_you_mean(word: str, known: list[str], cutoff: float = 0.6) -> str:
    """"; did you mean compute?" for the known words closest to a misspelt one, or ""."""
    close = difflib.get_close_matches(word.strip().lower(), known, n=3, cutoff=cutoff)
    return f"; did you mean {', '.join(close)}?" if close else ""


def find_source(conn: Connection, key: str) -> Row:
    s = T.sources
    source = conn.execute(select(s).where(s.c.key == key)).first()
    if source is None:
        hint = did_you_mean(key, list(conn.scalars(select(s.c.key))), cutoff=0.5)
        raise NotFound(f"no source {key!r}{hint} (see: chipdb sources)")
    return source
