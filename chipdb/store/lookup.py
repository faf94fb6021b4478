"""Finding a device, metric or source by what a user types: indexed queries, helpful errors."""

from __future__ import annotations

import difflib
from sqlalchemy import Connection, Row, bindparam, or_, select

from chipdb.store import tables as T
from chipdb.domain.errors import Ambiguous, NotFound
from chipdb.domain.records import DeviceInfo
from chipdb.domain.vocab import normalize_name
from chipdb.store.rows import device_params

_SUGGESTION_POOL = 5000


def device_select():
    """Devices with their vendor, in the column order of ``device_from_row``."""
    d, v = T.devices, T.vendors
    return (select(d.c.slug, d.c.name, d.c.kind, d.c.id, d.c.family, d.c.released, d.c.note,
                   v.c.key.label("vendor_key"), v.c.name.label("vendor_name"))
            .join(v, d.c.vendor_id == v.c.id))


def device_from_row(row) -> DeviceInfo:
    return DeviceInfo(*row)


def device_query():
    """The devices whose slug, name or alias is the one given (binds: ``slug``, ``key``)."""
    d, a = T.devices, T.aliases
    by_alias = select(a.c.device_id).where(a.c.alias_key == bindparam("key")).scalar_subquery()
    return device_select().where(or_(d.c.slug == bindparam("slug"), d.c.name_key == bindparam("key"),
                                     d.c.id == by_alias))


def metric_query():
    """The metric with the given key (bind: ``key``)."""
    return select(T.metrics).where(T.metrics.c.key == bindparam("key"))


def find_device(conn: Connection, name: str) -> DeviceInfo:
    """The one device whose slug, name or alias is ``name`` (case, spaces and dashes ignored)."""
    key = normalize_name(name)
    found = {row.id: device_from_row(row) for row in conn.execute(device_query(), device_params(name))}
    if len(found) == 1:
        return next(iter(found.values()))
    if found:
        names = ", ".join(sorted(f"{dev.name} ({dev.slug})" for dev in found.values()))
        raise Ambiguous(f"{name!r} names more than one device: {names}; use a slug")
    raise NotFound(f"no device {name!r}{_did_you_mean(conn, key)} (see: chipdb list)")


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
    metric = conn.execute(metric_query(), {"key": key}).first()
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
