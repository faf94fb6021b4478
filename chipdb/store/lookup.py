"""Finding a device, metric or source by what a user types: indexed queries, helpful errors."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from sqlalchemy import Connection, Row, bindparam, or_, select

from chipdb.store import tables as T
from chipdb.domain.errors import Ambiguous, NotFound, UsageError
from chipdb.domain.records import DeviceInfo, SourceRef
from chipdb.domain.vocab import CONTROL_METRICS, DERIVED, normalize_name
from chipdb.store.rows import device_params
from chipdb.store.statements import statement_join

_SUGGESTION_POOL = 5000


def device_select():
    """Devices with their vendor, in the column order of ``device_from_row``."""
    d, v = T.devices, T.vendors
    return (select(d.c.slug, d.c.name, d.c.kind, d.c.family, d.c.released, d.c.note,
                   v.c.key.label("vendor_key"), v.c.name.label("vendor_name"), d.c.id)
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


@dataclass(frozen=True)
class Identified:
    """What a name or runtime string stands for: the device, and for a runtime string where it
    was seen and how many such runtime devices one chip has (``per_chip``, from ``source``)."""

    device: DeviceInfo
    string: str = ""  # the runtime string as recorded ("" when found by slug, name or alias)
    runtime: str = ""
    seen_at: str = ""
    per_chip: int = 1
    source: SourceRef | None = None
    locator: str = ""
    note: str = ""
    spelled: str = ""  # the string as given, when it matched by its reading rather than exactly


def find_device(conn: Connection, name: str) -> DeviceInfo:
    """The one device whose runtime string, slug, name or alias is ``name`` (case, spaces and
    dashes ignored)."""
    return identify(conn, name).device


def identify(conn: Connection, name: str) -> Identified:
    """A runtime string first (what torch, nvidia-smi, rocminfo, JAX or Neuron report), else a
    slug, name or alias. A string that names several devices raises Ambiguous with the facts
    that would decide it; nothing falls back to a similar device."""
    mig = _MIG.fullmatch(name.strip())
    if mig is not None:  # "NVIDIA A100-SXM4-40GB MIG 1g.5gb": a slice of the GPU the rest names
        whole = identify(conn, mig.group(1))
        note = (f"a MIG instance ({mig.group(2)}g.{mig.group(3)}gb): {mig.group(2)} of the GPU's compute slices and "
                f"{mig.group(3)} GB of its memory; the figures are the whole GPU's")
        return replace(whole, note="; ".join(n for n in (note, whole.note) if n), spelled=name)
    key = normalize_name(name)
    by_slug = conn.execute(device_select().where(T.devices.c.slug == name.strip().lower())).first()
    if by_slug is not None:  # a slug names one device, whatever a runtime reports
        return Identified(device_from_row(by_slug))
    rows = conn.execute(_strings_query().where(T.device_strings.c.string_key == key)).all()
    if len(rows) > 1:
        raise _ambiguous(conn, name, rows)
    if rows:
        return _identified(rows[0])
    return _find_named(conn, name, key)


_MIG = re.compile(r"(.+?)\s+MIG\s+(\d)g\.(\d+)gb", re.I)


def _strings_query():
    """Devices with the columns of their runtime strings and those strings' sources."""
    s, src = T.device_strings.c, T.sources.c
    return (device_select().add_columns(s.string, s.runtime, s.seen_at, s.per_chip, s.locator.label("ds_locator"),
                                        s.note.label("ds_note"), src.key.label("source_key"),
                                        src.title.label("source_title"), src.url.label("source_url"),
                                        src.published.label("source_published"), src.kind.label("source_kind"))
            .join(T.device_strings, s.device_id == T.devices.c.id).outerjoin(T.sources, s.source_id == src.id)
            .order_by(T.devices.c.slug))


def _identified(row, spelled: str = "") -> Identified:
    source = (SourceRef(row.source_key, row.source_title, row.source_url, row.source_published, row.source_kind)
              if row.source_key else None)
    return Identified(device_from_row(row[:9]), row.string, row.runtime, row.seen_at, row.per_chip, source,
                      row.ds_locator, row.ds_note, spelled)


def _ambiguous(conn: Connection, name: str, rows: list) -> Ambiguous:
    """The candidates, each with its preferred memory capacity and power (what a runtime can
    tell apart: total memory, power limit), and what the data notes about deciding."""
    from chipdb.domain.vocab import format_quantity

    st, m = T.statements.c, T.metrics.c
    facts: dict[int, list[str]] = {}
    for device_id, metric, dimension, value in conn.execute(
            statement_join(st.device_id, m.key, m.dimension, st.value, device=False)
            .where(st.device_id.in_([r.id for r in rows]), m.key.in_(("memory_capacity", "power")),
                   st.rank == "preferred", st.precision == "").order_by(m.key)):
        if value is not None:
            facts.setdefault(device_id, []).append(f"{metric.replace('_', ' ')} {format_quantity(value, dimension)}")
    listed = "; ".join(f"{r.name} ({r.slug}): {', '.join(facts.get(r.id, [])) or 'no memory or power recorded'}"
                       for r in rows)
    notes = sorted({r.ds_note for r in rows if r.ds_note})
    decide = f". How to decide: {notes[0]}" if notes else ""
    return Ambiguous(f"{name!r} is reported by more than one device: {listed}{decide}; "
                     "name one of them (slug or name)", tuple(r.slug for r in rows))


def _find_named(conn: Connection, name: str, key: str) -> Identified:
    found = {row.id: device_from_row(row) for row in conn.execute(device_query(), device_params(name))}
    if len(found) == 1:
        return Identified(next(iter(found.values())))
    if found:
        names = ", ".join(sorted(f"{dev.name} ({dev.slug})" for dev in found.values()))
        raise Ambiguous(f"{name!r} names more than one device: {names}; use a slug",
                        tuple(sorted(dev.slug for dev in found.values())))
    if (lookalike := _lookalike(conn, name)) is not None:
        return Identified(lookalike)
    from chipdb.store import spellings

    if (matched := spellings.match(conn, name)) is not None:
        if matched.string_id is not None:
            return _identified(conn.execute(_strings_query().where(T.device_strings.c.id == matched.string_id))
                               .one(), name)
        return Identified(device_from_row(conn.execute(device_select().where(T.devices.c.id == matched.device_id))
                                          .one()), spelled=name)
    raise NotFound(f"no device {name!r}{_did_you_mean(conn, key, name)} (see: chipdb list)")


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


def _did_you_mean(conn: Connection, key: str, name: str = "") -> str:
    """The closest names: first those whose model reads closest to the string's (so "NVIDIA RTX
    6000" suggests the RTX 6000 Ada Generation, not other NVIDIA names), then by the whole key."""
    from chipdb.domain.spelling import read

    model = read(name).model if name else ""
    suggested: list[str] = []
    if len(model) >= 2 and model != key:
        pool = _names_like(conn, f"%{model[:3]}%")
        models: dict[str, list[str]] = {}
        for shown in pool.values():
            models.setdefault(read(shown).model, []).append(shown)
        for close in difflib.get_close_matches(model, [m for m in models if m], n=4, cutoff=0.6):
            suggested.append(models[close][0])  # one spelling per model: a device's name comes first
    names = _names_like(conn, f"{key[:2]}%")
    if len(names) < 3:
        d = T.devices
        for k, n in conn.execute(select(d.c.name_key, d.c.name).limit(_SUGGESTION_POOL)):
            names.setdefault(k, n)
    suggested += [names[c] for c in difflib.get_close_matches(key, list(names), n=4, cutoff=0.4)
                  if names[c] not in suggested]
    return "; did you mean " + ", ".join(suggested[:4]) + "?" if suggested else ""


def _names_like(conn: Connection, pattern: str) -> dict[str, str]:
    """Key -> name of the device names, aliases and runtime strings whose key is like ``pattern``."""
    d, a, s = T.devices.c, T.aliases.c, T.device_strings.c
    names: dict[str, str] = {}
    for key_col, shown in ((d.name_key, d.name), (a.alias_key, a.alias), (s.string_key, s.string)):
        for k, n in conn.execute(select(key_col, shown).where(key_col.like(pattern)).limit(_SUGGESTION_POOL)):
            names.setdefault(k, n)
    return names


def find_metric(conn: Connection, key: str) -> Row:
    m = T.metrics
    metric = conn.execute(metric_query(), {"key": key}).first()
    if metric is None:
        known = list(conn.scalars(select(m.c.key).order_by(m.c.key)))
        raise NotFound(f"no metric {key!r}{did_you_mean(key, known)}; metrics are: {', '.join(known)}")
    return metric


def metrics_among(conn: Connection, names: list[str]) -> tuple[list[str], list[str]]:
    """``names`` split into devices and metrics, in their order: a metric's key (compute,
    memory_bandwidth, a derived metric, tpp) is a metric, every other name a device. A key that
    also names a device is refused rather than read one way."""
    keys = set(conn.scalars(select(T.metrics.c.key))) | set(DERIVED) | set(CONTROL_METRICS)
    devices, metrics = [], []
    for name in names:
        if name not in keys:
            devices.append(name)
            continue
        if conn.execute(device_query(), device_params(name)).first() is not None:
            raise UsageError(f"{name!r} names both a metric and a device: give the metric with --metric "
                             "and the device by another of its names", "metric")
        metrics.append(name)
    return devices, metrics


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
