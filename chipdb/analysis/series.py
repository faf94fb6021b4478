"""The data the charts show that no other command computes: roofline points (peak compute and
memory bandwidth, resolved with lineage) and a release timeline. Pure library code: no drawing."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.domain import dates, vocab
from chipdb.domain.delegate import Delegate
from chipdb.analysis.values import Ratio, check_metric, check_options
from chipdb.domain.errors import NotFound, Unresolvable, UsageError
from chipdb.store.views import release_dates
from chipdb.store.knowledge import load_knowledge
from chipdb.domain.resolve import Options, Resolved, complete_quals, resolve



class RooflinePoint(Ratio):
    """A device's ridge point: its compute over its own memory bandwidth, the arithmetic
    intensity (FLOP/B) where the memory roof meets the compute roof."""

    device = Delegate[str]("numerator.device")
    name = Delegate[str]("numerator.device_name")
    compute = Delegate[Resolved]("numerator")
    bandwidth = Delegate[Resolved]("denominator")
    ridge = Delegate[float]("value")


def roofline(conn: Connection, devices: list[str], precision: str, sparsity: str = "dense",
             options: Options = Options()) -> list[RooflinePoint]:
    """Peak compute at ``precision`` and memory bandwidth of each device, resolved."""
    check_options(options, conn)
    if not devices:
        raise UsageError("roofline needs at least one device")
    kb, slugs = load_knowledge(conn, devices, ["compute", "memory_bandwidth"])
    if len(set(slugs)) != len(slugs):
        raise UsageError("a device is named twice")
    return roofline_points(kb, slugs, precision, sparsity, options)


def roofline_points(kb, slugs: list[str], precision: str, sparsity: str = "dense",
                    options: Options = Options()) -> list[RooflinePoint]:
    """``roofline`` on knowledge already loaded (the site loads it once for every page)."""
    quals = complete_quals(kb, slugs, "compute", {"precision": precision, "sparsity": sparsity})
    bw_quals = complete_quals(kb, slugs, "memory_bandwidth", {})
    points = []
    for slug in slugs:
        compute = resolve(kb, slug, "compute", quals, options)
        bandwidth = resolve(kb, slug, "memory_bandwidth", bw_quals, options)
        if not bandwidth.value:
            raise Unresolvable(f"{bandwidth.device_name}'s memory bandwidth is zero; it has no roofline")
        points.append(RooflinePoint("ridge_point", quals, compute, bandwidth))
    return points


@dataclass
class TimelinePoint:
    device: str
    name: str
    vendor: str
    date: str  # as recorded: 2024, 2020-11, 2022-03-21
    date_source: str  # "devices table" or the source key of a released/announced statement
    value: Resolved

    @property
    def year(self) -> float:
        return decimal_year(self.date)


@dataclass
class Timeline:
    metric: str
    points: list[TimelinePoint]
    skipped: list[str] = field(default_factory=list)


def decimal_year(date: str) -> float:
    """The middle of the period a (partial) date names, as a year: 2024 -> 2024.5, 2020-11 -> 2020.875."""
    return dates.parse(date.strip()).year_fraction


def timeline(conn: Connection, metric: str, given: dict[str, str], devices: list[str] | None = None,
             kind: str = "accelerator", options: Options = Options()) -> Timeline:
    """Each device's value of ``metric`` against its release date (the named devices, else every
    device of ``kind``); devices without a date or a value are listed in ``skipped``."""
    check_options(options, conn)
    if kind not in vocab.DEVICE_KINDS and kind != "all":
        raise UsageError(f"--kind must be one of: {', '.join(vocab.DEVICE_KINDS)}, all")
    if not devices:
        stmt = select(T.devices.c.slug).order_by(T.devices.c.slug)
        if kind != "all":
            stmt = stmt.where(T.devices.c.kind == kind)
        devices = list(conn.scalars(stmt))
        if not devices:
            raise NotFound(f"no device of kind {kind}")
    kb, slugs = load_knowledge(conn, devices, [metric])
    check_metric(kb, metric, conn)
    quals = complete_quals(kb, slugs, metric, given)
    dates = release_dates(conn)
    v = T.vendors.c
    vendors = {slug: vendor for slug, vendor in
               conn.execute(select(T.devices.c.slug, v.name).join(T.vendors, T.devices.c.vendor_id == v.id))}
    out = Timeline(metric, [])
    for slug in slugs:
        name = kb.devices[slug].name
        if slug not in dates:
            out.skipped.append(f"{name}: no release date")
            continue
        try:
            value = resolve(kb, slug, metric, quals, options)
        except Unresolvable as exc:
            out.skipped.append(f"{name}: {exc}")
            continue
        date, where = dates[slug]
        out.points.append(TimelinePoint(slug, name, vendors.get(slug, ""), date, where, value))
    if not out.points:
        raise Unresolvable(f"nothing to plot: {'; '.join(out.skipped[:3]) or 'no devices'}")
    out.points.sort(key=lambda p: (p.year, p.device))
    return out
