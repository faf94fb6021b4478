"""The audit's registry: each check is one function registered with ``@check(name, grade, what,
scope)``. The scope says what the check is handed, and so where ``audit`` calls it:

- ``statement``: ``fn(ctx, dev, fact)`` for each statement of a device;
- ``group``: ``fn(ctx, dev, (metric, quals), facts)`` for each metric and qualifier set of a
  device (its valued, non-deprecated statements);
- ``rate``: ``fn(ctx, dev, quals, fact)`` for each compute rate of a device (the preferred
  statement of each qualifier set, else the first; ``dev.chosen`` holds them all);
- ``device``: ``fn(ctx, dev)`` once per device that has statements;
- ``database``: ``fn(ctx)`` once, after every device.

A device's findings come out in that order of scopes (per item, each check of the scope in the
order registered), devices in slug order, then the whole-database checks. ``CHECKS`` lists the
checks in the order registered; that is the order ``chipdb audit`` names them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from chipdb.domain.records import Statement

GRADES = ("error", "warning", "note")
SCOPES = ("statement", "group", "rate", "device", "database")


@dataclass(frozen=True)
class Check:
    name: str
    grade: str  # error: the data is wrong or untraceable; warning: a figure disagrees, nothing says why; note: a gap
    what: str  # one line: what the check reports
    scope: str
    run: Callable[..., Iterable["Finding"]]


CHECKS: dict[str, Check] = {}


def check(name: str, grade: str, what: str, scope: str = "device"):
    """Register the decorated function as the audit check ``name`` (see the module's docstring
    for the scopes and the arguments each gets)."""
    if grade not in GRADES:
        raise ValueError(f"grade {grade!r} is not one of {', '.join(GRADES)}")
    if scope not in SCOPES:
        raise ValueError(f"scope {scope!r} is not one of {', '.join(SCOPES)}")

    def decorate(fn):
        CHECKS[name] = Check(name, grade, what, scope, fn)
        return fn

    return decorate


def unregister(name: str) -> None:
    CHECKS.pop(name, None)


def in_scope(scope: str) -> list[Check]:
    return [c for c in CHECKS.values() if c.scope == scope]


@dataclass
class Finding:
    check: str
    device: str
    message: str
    statements: list[str] = field(default_factory=list)  # "source: metric qualifiers = printed"
    accepted: str = ""  # the explanation found in the data, when accepted
    grade: str = ""  # error | warning | note; the check's own grade unless a finding says otherwise

    def __post_init__(self) -> None:
        self.grade = self.grade or CHECKS[self.check].grade

    @property
    def status(self) -> str:
        return "accepted" if self.accepted else "open"


@dataclass
class DeviceFacts:
    """One device as the per-device checks see it: its row, its statements, and those grouped."""

    id: int
    slug: str
    name: str
    kind: str
    note: str
    facts: list[Statement]
    sparse_rule: bool  # a rule says the device has 2:4 structured sparsity
    groups: dict[tuple, list[Statement]] = field(default_factory=dict)  # (metric, quals) -> valued, non-deprecated
    chosen: dict[tuple, Statement] = field(default_factory=dict)  # (metric, quals) -> the preferred, else the first

    def __post_init__(self) -> None:
        for f in self.facts:
            if f.valued and f.rank != "deprecated":
                self.groups.setdefault((f.metric, f.quals), []).append(f)
        for key, group in self.groups.items():
            self.chosen[key] = next((f for f in group if f.rank == "preferred"), group[0])


@dataclass
class Audit:
    """What the checks read, loaded once: the connection, the devices (id -> row), each metric's
    dimension, the core metrics of each device kind (metrics.core_for), the devices with parts,
    the seeded precision rules, and which metrics each device has a value of."""

    conn: Any
    devices: dict[int, Any]
    dims: dict[str, str]
    core_for: dict[str, list[str]]
    has_parts: set[int]
    rules: list[Any]
    seen_metrics: dict[int, set[str]]


def cite(f: Statement) -> str:
    return f"{f.source.key}: {' '.join(x for x in (f.metric, f.quals.text()) if x)} = {f.printed}"


def acceptance(check: str, facts: list[Statement]) -> str:
    """The explanation written into a statement's rank reason or note, if the finding is accepted."""
    marker = f"accepted: {check}"
    for f in facts:
        text = f"{f.reason} {f.note}"
        if marker in text:
            return text[text.index(marker):]
    return ""
