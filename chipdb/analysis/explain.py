"""What the audit learns from the data before it calls something a problem.

- A pair of figures printed together by one source (same source, same locator: NVIDIA's
  "18 PFLOPS | 14 PFLOPS" sparse | dense for Blackwell Ultra FP4) is that source's own word on
  their ratio, not a mix-up of two sources.
- A precision rule in the seeds (``rules.csv`` with qualifier ``precision``: "on NVIDIA Pascal
  GP10x, FP16 runs at 1/64 of FP32", with its source) explains a lower precision that is slower
  than a higher one when the device's figures are in that rule's ratio (directly, or two rules
  from one base: FP16 at 1/64 and FP64 at 1/32 of FP32 put FP16 at half of FP64).
- Memory capacity is counted nominally (``chipdb.domain.capacity``): a preferred capacity whose
  counted value is a binary step (1.0737 for GiB against GB) away from another statement's is a
  physical byte count unmarked, and would mix conventions.
"""

from __future__ import annotations

from dataclasses import dataclass

from chipdb.domain.capacity import BINARY_STEPS, PHYSICAL_MARK, RULE
from chipdb.domain.records import Statement
from chipdb.domain.resolve import counted_value

RATIO_TOLERANCE = 0.02


@dataclass(frozen=True)
class PrecisionRule:
    key: str
    name: str
    from_value: str
    to_value: str
    factor: float
    source: str


def printed_together(a: Statement, b: Statement) -> str:
    """Why two statements are one source's printed pair, or "" (a dataset's row is not a vendor's print)."""
    if a.source.key == b.source.key and a.locator == b.locator and a.source.kind != "dataset":
        return f"explained: {a.source.key} prints both figures together ({a.locator})"
    return ""


def precision_ratio(rules: list[PrecisionRule], high: str, low: str, ratio: float, rounding: float) -> str:
    """The seeded precision rule (or two rules from one base) that gives ``low`` / ``high`` = ``ratio``."""
    tol = RATIO_TOLERANCE + rounding

    def close(factor: float) -> bool:
        return factor > 0 and abs(ratio / factor - 1) <= tol

    for r in rules:
        if r.from_value == high and r.to_value == low and close(r.factor):
            return f"explained: rule {r.key} ({r.name}; source {r.source})"
    for a in rules:
        for b in rules:
            if a.from_value == b.from_value and a.to_value == low and b.to_value == high and close(a.factor / b.factor):
                return (f"explained: rules {a.key} and {b.key} ({a.name}; {b.name}; sources {a.source}, {b.source}): "
                        f"{low} is {a.factor / b.factor:g} of {high}")
    return ""


def convention_mix(group: list[Statement], dimension: str, rounding) -> tuple[Statement, Statement, float] | None:
    """A preferred capacity that is a binary step above another statement of the same figure,
    counted nominally: (preferred, other, step)."""
    preferred = [f for f in group if f.rank == "preferred"]
    if not preferred:
        return None
    p = preferred[0]
    mine = counted_value(p, dimension)[0]
    for other in group:
        if other is p or not other.value:
            continue
        theirs = counted_value(other, dimension)[0]
        tol = rounding(p.printed) + rounding(other.printed) + 0.002
        for step in BINARY_STEPS[2:5]:  # GiB, TiB, PiB against GB, TB, PB
            if abs(mine / theirs / step - 1) <= tol:
                return p, other, step
    return None


def convention_message(name: str, p: Statement, other: Statement, step: float) -> str:
    return (f"{name}: the preferred {p.printed} ({p.source.key}) is {step:.4f} x {other.printed} ({other.source.key}) "
            f"counted nominally (rule {RULE}): a physical byte count of a binary capacity, which would mix "
            f"conventions; prefer the nominal figure or mark its note '{PHYSICAL_MARK}'")
