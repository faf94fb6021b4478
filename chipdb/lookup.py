"""Finding a device, metric or source by what a user types: indexed queries, helpful errors."""

from __future__ import annotations

import difflib

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from . import models
from .errors import Ambiguous, NotFound
from .vocab import normalize_name

_SUGGESTION_POOL = 5000


def find_device(session: Session, name: str) -> models.Device:
    """The one device whose slug, name or alias is ``name`` (case, spaces and dashes ignored)."""
    key = normalize_name(name)
    d, a = models.Device, models.Alias
    found = {dev.id: dev for dev in session.scalars(
        select(d).where(or_(d.slug == name.strip().lower(), d.name_key == key)))}
    for dev in session.scalars(select(d).join(a, a.device_id == d.id).where(a.alias_key == key)):
        found[dev.id] = dev
    if len(found) == 1:
        return next(iter(found.values()))
    if found:
        names = ", ".join(sorted(f"{dev.name} ({dev.slug})" for dev in found.values()))
        raise Ambiguous(f"{name!r} names more than one device: {names}; use a slug")
    raise NotFound(f"no device {name!r}{_did_you_mean(session, key)} (see: chipdb list)")


def _did_you_mean(session: Session, key: str) -> str:
    d, a = models.Device, models.Alias
    prefix = key[:2]
    names: dict[str, str] = {}
    stmt = select(d.name_key, d.name).where(d.name_key.like(f"{prefix}%")).limit(_SUGGESTION_POOL)
    for k, n in session.execute(stmt):
        names[k] = n
    stmt = select(a.alias_key, a.alias).where(a.alias_key.like(f"{prefix}%")).limit(_SUGGESTION_POOL)
    for k, n in session.execute(stmt):
        names.setdefault(k, n)
    if len(names) < 3:
        for k, n in session.execute(select(d.name_key, d.name).limit(_SUGGESTION_POOL)):
            names.setdefault(k, n)
    close = difflib.get_close_matches(key, list(names), n=4, cutoff=0.4)
    return "; did you mean " + ", ".join(names[c] for c in close) + "?" if close else ""


def find_metric(session: Session, key: str) -> models.Metric:
    metric = session.scalar(select(models.Metric).where(models.Metric.key == key))
    if metric is None:
        known = list(session.scalars(select(models.Metric.key).order_by(models.Metric.key)))
        raise NotFound(f"no metric {key!r}; metrics are: {', '.join(known)}")
    return metric


def find_source(session: Session, key: str) -> models.Source:
    source = session.scalar(select(models.Source).where(models.Source.key == key))
    if source is None:
        keys = list(session.scalars(select(models.Source.key)))
        close = difflib.get_close_matches(key, keys, n=4, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise NotFound(f"no source {key!r}{hint} (see: chipdb sources)")
    return source
