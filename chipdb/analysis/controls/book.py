"""Export controls from the database: the rules, their lines and events as records, and each
device's TPP, PD and the 3A090 paragraph whose parameters it meets on a date (``chipdb.analysis.controls.model``
does the work; this module reads and assembles)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.domain import dates, vocab
from chipdb.analysis.controls.model import (
    INPUT_METRICS,
    ControlRule,
    Event,
    InForce,
    Margin,
    ParagraphResult,
    RuleBook,
    Threshold,
    classify,
    in_force,
    io_rate,
    pd,
    tpp,
    verdict,
)
from chipdb.domain.errors import Unresolvable, UsageError
from chipdb.domain.records import Knowledge
from chipdb.store.knowledge import SOURCE_COLUMNS, load_knowledge, source_from_row
from chipdb.domain.resolve import Options, Resolved

_SRC = T.sources.c


def load_rulebook(conn: Connection, devices: dict[int, str] | None = None) -> RuleBook:
    """Every control rule and threshold; the events of ``devices`` (id -> slug; None: none)."""
    book = RuleBook()
    r, t, e = T.control_rules.c, T.control_thresholds.c, T.control_events.c
    keys = {}
    for row in conn.execute(select(r.id, r.key.label("rule_key"), r.title, r.published, r.effective, r.supersedes,
                                   r.note, *SOURCE_COLUMNS).join(T.sources, r.source_id == _SRC.id).order_by(r.id)):
        keys[row.id] = row.rule_key
        book.rules[row.rule_key] = ControlRule(row.rule_key, row.title, source_from_row(row), row.published, row.effective,
                                               row.supersedes, row.note)
    for row in conn.execute(select(t.rule_id, t.paragraph, t.clause, t.parameter, t.comparison, t.value, t.unit,
                                   t.value_si, t.locator, t.note, *SOURCE_COLUMNS)
                            .join(T.sources, t.source_id == _SRC.id).order_by(t.id)):
        book.thresholds.append(Threshold(keys[row.rule_id], row.paragraph, row.clause, row.parameter, row.comparison,
                                         row.value, row.unit, row.value_si, source_from_row(row), row.locator, row.note))
    if devices:
        for row in conn.execute(select(e.device_id, e.date, e.what, e.locator, e.note, *SOURCE_COLUMNS)
                                .join(T.sources, e.source_id == _SRC.id)
                                .where(e.device_id.in_(sorted(devices))).order_by(e.date, e.id)):
            slug = devices[row.device_id]
            book.events.setdefault(slug, []).append(
                Event(slug, row.date, row.what, source_from_row(row), row.locator, row.note))
    return book


@dataclass
class DeviceControls:
    """One device's parameters, the paragraphs in force checked against them, and its events."""

    device: str
    name: str
    kind: str
    tpp: Resolved | None = None
    pd: Resolved | None = None
    io_rate: Resolved | None = None
    why: dict[str, str] = field(default_factory=dict)  # parameter -> why it is not checkable
    results: list[ParagraphResult] = field(default_factory=list)
    margins: list[Margin] = field(default_factory=list)
    paragraph: str | None = None
    undetermined: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    parts: list["DeviceControls"] = field(default_factory=list)  # a system's accelerators
    via: str = ""  # for a system: the part whose paragraph it takes


@dataclass
class ControlsResult:
    as_of: str
    rules: InForce
    devices: list[DeviceControls]


def controls(conn: Connection, names: list[str], as_of: str | None = None,
             options: Options = Options()) -> ControlsResult:
    """TPP, PD and the 3A090 paragraph met under the rules in force on ``as_of`` (default today),
    for each named device; a system through its accelerators."""
    if as_of is not None and len(as_of) != 10:
        raise UsageError(f"as-of date {as_of!r}: give a whole date (YYYY-MM-DD); the rules in force "
                         "change within a year", "as_of")
    if as_of is not None and (problem := dates.problem(as_of)):
        raise UsageError(f"--as-of: {problem}")
    as_of = as_of or dates.today().isoformat()
    if not names:
        raise UsageError("name at least one device")
    kb, slugs = load_knowledge(conn, names, INPUT_METRICS)
    if len(set(slugs)) != len(slugs):
        raise UsageError("a device is named twice")
    ids = dict(conn.execute(select(T.devices.c.id, T.devices.c.slug).where(T.devices.c.slug.in_(sorted(kb.devices)))
                            ).all())
    book = load_rulebook(conn, ids)
    rules = in_force(book, as_of)
    return ControlsResult(as_of, rules, [_device(kb, slug, rules, book, options) for slug in slugs])


def _accelerators(kb: Knowledge, system: str) -> list[str]:
    out: list[str] = []
    for part in kb.parts.get(system, []):
        kind = kb.devices[part.part].kind
        if kind == "accelerator" and part.part not in out:
            out.append(part.part)
        elif kind == "system":
            out += [p for p in _accelerators(kb, part.part) if p not in out]
    return out


def _device(kb: Knowledge, slug: str, rules: InForce, book: RuleBook, options: Options) -> DeviceControls:
    info = kb.devices[slug]
    view = DeviceControls(slug, info.name, info.kind)
    view.events = [e for e in book.events.get(slug, []) if dates.on_or_before(e.date, rules.as_of)]
    if info.kind == "system":
        view.parts = [_device(kb, part, rules, book, options) for part in _accelerators(kb, slug)]
        order = list(rules.paragraphs)
        met = sorted((p for p in view.parts if p.paragraph), key=lambda p: order.index(p.paragraph))
        if met:
            view.paragraph, view.via = met[0].paragraph, met[0].device
        view.undetermined = sorted({u for p in view.parts for u in p.undetermined})
        if not view.parts:
            view.why["tpp"] = f"{info.name} is a system with no accelerator parts recorded"
        return view
    try:
        view.tpp = tpp(kb, slug, options)
    except Unresolvable as exc:
        view.why["tpp"] = exc.reason
        view.why["pd"] = "PD not checkable: no TPP"
    if view.tpp is not None:
        try:
            view.pd = pd(kb, slug, view.tpp, options)
        except Unresolvable as exc:
            view.why["pd"] = exc.reason
    if any(t.parameter == "io_rate" for _, ts in rules.paragraphs.values() for t in ts):
        try:
            view.io_rate = io_rate(kb, slug, options)
        except Unresolvable as exc:
            view.why["io_rate"] = exc.reason
    values = {"tpp": view.tpp.value if view.tpp else None, "pd": view.pd.value if view.pd else None,
              "io_rate": view.io_rate.value if view.io_rate else None}
    view.results, view.margins = classify(values, view.why, rules)
    view.paragraph, view.undetermined = verdict(view.results)
    return view
