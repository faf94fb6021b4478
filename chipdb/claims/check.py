"""Claim checking: what a claim states, the interval it allows, and how the data reads it.

Pure: works on ``Knowledge`` and ``ClaimFact`` dataclasses. The primary reading resolves the
claim on the qualifiers it states (and the assumptions recorded with it, e.g. the source its
figures trace to); the other readings vary what the claim leaves open: precision, dense or
sparse, which source's figure for each side, a system's stated or derived total, per chip or
per system, and for Chinese "提升了X倍" both "X times as much" and "increased by X times".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal

from chipdb.domain import numbers, vocab
from chipdb.domain.claimspec import Verdict
from chipdb.domain.errors import ChipDBError, UsageError
from chipdb.domain.records import Fact, Knowledge, Quals, SourceRef
from chipdb.domain.resolve import (
    DERIVED,
    Options,
    Resolved,
    available_values,
    complete_quals,
    metric_qualifiers,
    published_by,
    resolve,
)

SAME_VALUE = 1e-4  # candidate values within 0.01% are one reading


@dataclass(frozen=True)
class ClaimFact:
    key: str
    text: str
    source: SourceRef
    locator: str
    subject: str
    baseline: str
    metric: str
    quals: Quals  # what the claim states; "" where it leaves a qualifier open
    kind: str
    stated: str
    tolerance: float | None = None
    wording: str = ""
    assumptions: dict[str, str] = field(default_factory=dict)
    basis: tuple[str, ...] = ()
    note: str = ""
    bound: str = ""  # claimspec.BOUNDS: what a hedge does to the stated number

    def stated_text(self) -> str:
        hedge = {"approx": "about ", "below": "almost ", "over": "over ", "at_least": "at least ",
                 "up_to": "up to ", "under": "under "}.get(self.bound, "")
        if self.kind == "ratio" and self.wording == "times_less":
            return f"{hedge}{self.stated} times less"
        if self.kind == "ratio":
            return f"{hedge}{self.stated}x"
        if self.kind == "percent":
            return (f"{hedge}{self.stated.lstrip('+')}% more" if not self.stated.startswith("-")
                    else f"{hedge}{self.stated[1:]}% less")
        return self.stated

    def stated_ratio(self) -> float | None:
        """The stated ratio subject / baseline as a number (None for a direction)."""
        if self.kind == "direction":
            return None
        value = float(self.stated)
        if self.wording == "times_less":  # "2.3 times less efficient": 1/2.3
            return 1 / value if value else None
        return 1 + value / 100 if self.kind == "percent" else value


@dataclass(frozen=True)
class Interval:
    """The ratios (subject / baseline) a claim allows."""

    low: float
    high: float
    high_open: bool = True  # [low, high) for a printed precision, [low, high] for a tolerance
    label: str = ""  # the reading of the words, e.g. "X times as much"
    directional: bool = False  # a direction claim: outside the interval the data says the opposite
    center: float | None = None  # the stated value itself, which deviations are measured from

    def contains(self, x: float) -> bool:
        return self.low <= x < self.high if self.high_open else self.low <= x <= self.high

    def verdict(self, x: float) -> Verdict:
        if self.contains(x):
            return Verdict.HOLDS
        if self.directional:  # "lower" when the data is higher is wrong, not too modest
            return Verdict.CONTRADICTED
        return Verdict.OVERSTATED if x < self.low else Verdict.UNDERSTATED

    @property
    def middle(self) -> float | None:
        if self.center is not None:
            return self.center or None
        return None if math.isinf(self.high) or self.low == 0 else (self.low + self.high) / 2

    def text(self) -> str:
        if self.low == 0 and self.high == 1:
            return "< 1"
        if math.isinf(self.high):
            return "> 1"
        return f"[{self.low:.6g}, {self.high:.6g}{')' if self.high_open else ']'}"


# A ratio printed with one significant digit ("2x", "两倍") is read to one more digit: as "2.0x",
# [1.95, 2.1) with truncation. The looser reading, anything that rounds to 2 ([1.5, 2.5)), is
# shown beside it and decides nothing.
APPROX = 0.10  # "about N", "roughly N": within 10% of N (or the printed precision, if wider)
ALMOST = 0.10  # "almost N": up to 10% under N


def intervals(claim: ClaimFact) -> list[Interval]:
    """One interval per reading of the words. A stated number allows what rounds to it or
    truncates to it ("1.7" is [1.65, 1.8)), or an explicit tolerance; hedges set bounds ("over 2x"
    is [2, inf), "almost 2x" [1.8, 2.1)); a percentage difference is 1 + p/100; "提升了X倍" and "X
    times more" read two ways."""
    if claim.kind == "direction":
        return [Interval(0.0, 1.0, True, "lower", True) if claim.stated == "lower"
                else Interval(1.0, math.inf, False, "higher", True)]
    number = numbers.parse_exact(claim.stated.lstrip("+"))
    exponent = number.as_tuple().exponent
    ulp = Decimal(1).scaleb(exponent) if exponent < 0 else Decimal(1)
    loose = None
    if claim.kind == "ratio" and claim.tolerance is None and _one_significant_digit(number):
        loose = (float(number - ulp / 2), float(number + ulp / 2))
        ulp = ulp / 10
    if claim.tolerance is not None:
        low, high, open_ = float(number) - claim.tolerance, float(number) + claim.tolerance, False
    else:
        low, high, open_ = _round_or_truncate(number, ulp)
    low, high, open_ = _bounded(claim.bound, float(number), low, high, open_)
    if claim.kind == "percent":
        label = claim.stated_text()
        return [Interval(1 + low / 100, 1 + high / 100 if not math.isinf(high) else math.inf, open_, label,
                         center=1 + float(number) / 100)]
    if claim.wording == "times_less":  # N times less: 1/N, the interval turned over
        out = [Interval(1 / high if high else 0.0, 1 / low if low > 0 else math.inf, False, f"1/{claim.stated}",
                        center=1 / float(number))]
        if loose is not None and not claim.bound:
            out.append(Interval(1 / loose[1], 1 / loose[0], False, f"loosely, 1/(anything that rounds to {claim.stated})",
                                center=1 / float(number)))
        return out
    as_much = Interval(low, high, open_, f"{claim.stated} times as much", center=float(number))
    out = [as_much]
    if claim.wording in ("zh_tisheng", "times_more"):
        words = "increased by" if claim.wording == "zh_tisheng" else "literally, 1 +"
        out.append(Interval(low + 1, high + 1, open_, f"{words} {claim.stated} times", center=float(number) + 1))
    if loose is not None and not claim.bound:
        out.append(Interval(loose[0], loose[1], True, f"loosely, anything that rounds to {claim.stated}",
                            center=float(number)))
    return out


def _one_significant_digit(number: Decimal) -> bool:
    digits = number.normalize().as_tuple().digits
    return len(digits) == 1 and number >= 1


def _round_or_truncate(number: Decimal, ulp: Decimal) -> tuple[float, float, bool]:
    """What rounds to the number, [n - ulp/2, n + ulp/2), or truncates to it, [n, n + ulp)
    (toward zero for a negative number)."""
    if number >= 0:
        return float(number - ulp / 2), float(number + ulp), True
    return float(number - ulp), float(number + ulp / 2), True


def _bounded(bound: str, n: float, low: float, high: float, open_: bool) -> tuple[float, float, bool]:
    if bound == "approx":
        return min(low, n - abs(n) * APPROX), max(high, n + abs(n) * APPROX), open_
    if bound == "below":
        return min(low, n - abs(n) * ALMOST), high, open_
    if bound in ("over", "at_least"):
        return n, math.inf, False
    if bound == "up_to":
        return (0.0 if n > 0 else -100.0), high, open_
    if bound == "under":
        return (0.0 if n > 0 else -100.0), n, True
    return low, high, open_


@dataclass
class Reading:
    label: str  # what this reading assumes
    quals: Quals
    interval: Interval
    computed: float | None
    verdict: Verdict
    reason: str = ""
    numerator: Resolved | None = None
    denominator: Resolved | None = None
    deprecated: bool = False  # rests on a deprecated statement: shown, not in the range
    basis: str = "sources"  # primary | precision | sparsity | sources | scope | wording

    @property
    def deviation(self) -> float | None:
        middle = self.interval.middle
        if self.computed is None or middle is None:
            return None
        return (self.computed - middle) / middle * 100


@dataclass
class ClaimResult:
    claim: ClaimFact
    primary: Reading
    readings: list[Reading]

    @property
    def range(self) -> tuple[float, float] | None:
        values = [r.computed for r in self.readings
                  if r.basis in ("primary", "sources") and r.computed is not None and not r.deprecated]
        return (min(values), max(values)) if values else None

    def holding(self) -> tuple[int, int]:
        checked = [r for r in self.readings if r.computed is not None]
        return sum(r.verdict == Verdict.HOLDS for r in checked), len(checked)


def check(kb: Knowledge, claim: ClaimFact, options: Options = Options()) -> ClaimResult:
    readings: list[Reading] = []
    words = intervals(claim)
    base = _base_options(claim, options)
    primary = _primary(kb, claim, base, words[0])
    readings.append(primary)
    for interval in words[1:]:
        readings.append(_reading(kb, claim, primary.quals, base, interval, f"read as: {interval.label}", "wording"))
    if primary.quals.precision or "precision" not in metric_qualifiers(kb, claim.metric):
        readings += _source_readings(kb, claim, primary.quals, options, words[0])
        readings += _scope_readings(kb, claim, primary.quals, base, words[0])
    readings += _qualifier_readings(kb, claim, primary.quals, base, words[0])
    return ClaimResult(claim, primary, readings)


def _base_options(claim: ClaimFact, options: Options) -> Options:
    sources = tuple(options.sources) + tuple(k for k in claim.basis if k not in options.sources)
    prefer = claim.assumptions.get("prefer", options.prefer)
    return replace(options, sources=sources, prefer=prefer)


def _quals(kb: Knowledge, claim: ClaimFact) -> Quals:
    given = {q: claim.quals.get(q) or claim.assumptions.get(q, "") for q in vocab.QUALIFIERS}
    return complete_quals(kb, [claim.subject, claim.baseline], claim.metric, given)


def _primary(kb: Knowledge, claim: ClaimFact, options: Options, interval: Interval) -> Reading:
    try:
        quals = _quals(kb, claim)
    except UsageError as exc:
        return Reading("as stated", Quals(), interval, None, Verdict.NOT_CHECKABLE,
                       f"the claim leaves a qualifier open and records no assumption: {exc}", basis="primary")
    label = "as stated" + (f", with {_assumed(claim)}" if _assumed(claim) else "")
    return _reading(kb, claim, quals, options, interval, label, "primary")


def _assumed(claim: ClaimFact) -> str:
    parts = [f"{k}={v}" for k, v in claim.assumptions.items() if k not in vocab.QUALIFIERS or not claim.quals.get(k)]
    if claim.basis:
        parts.append("sources " + ", ".join(claim.basis))
    return "; ".join(parts)


def _reading(kb: Knowledge, claim: ClaimFact, quals: Quals, options: Options, interval: Interval,
             label: str, basis: str, subject: str | None = None, baseline: str | None = None) -> Reading:
    subject, baseline = subject or claim.subject, baseline or claim.baseline
    try:
        num = resolve(kb, subject, claim.metric, quals, options)
        den = resolve(kb, baseline, claim.metric, quals, options)
    except ChipDBError as exc:
        return Reading(label, quals, interval, None, Verdict.NOT_CHECKABLE, str(exc), basis=basis)
    if not den.value:
        return Reading(label, quals, interval, None, Verdict.NOT_CHECKABLE, "the baseline's value is zero", basis=basis)
    computed = num.value / den.value
    deprecated = any(r.statement is not None and r.statement.rank == "deprecated" for side in (num, den) for r in side.walk())
    return Reading(label, quals, interval, computed, interval.verdict(computed), numerator=num, denominator=den,
                   deprecated=deprecated, basis=basis)


# -- what the claim leaves open ----------------------------------------------------------------


def _qualifier_readings(kb: Knowledge, claim: ClaimFact, primary: Quals, options: Options,
                        interval: Interval) -> list[Reading]:
    """Other precisions, dense or sparse, other directions: where the claim does not say."""
    out = []
    wanted = metric_qualifiers(kb, claim.metric)
    devices = [claim.subject, claim.baseline]
    if "precision" in wanted and not claim.quals.get("precision"):
        sparsity = primary.sparsity or "dense"
        for p in available_values(kb, devices, claim.metric, "precision"):
            q = Quals(p, sparsity, primary.engine or "matrix", primary.direction)
            if q != primary:
                out.append(_reading(kb, claim, q, options, interval, f"{p} {sparsity}", "precision"))
    if "sparsity" in wanted and not claim.quals.get("sparsity") and primary.precision:
        q = primary.with_(sparsity="sparse" if primary.sparsity == "dense" else "dense")
        out.append(_reading(kb, claim, q, options, interval, f"{q.precision} {q.sparsity}", "sparsity"))
    if "direction" in wanted and not claim.quals.get("direction"):
        for d in available_values(kb, devices, claim.metric, "direction"):
            q = primary.with_(direction=d)
            if q != primary:
                out.append(_reading(kb, claim, q, options, interval, f"{d} link bandwidth", "precision"))
    return out


def _source_readings(kb: Knowledge, claim: ClaimFact, quals: Quals, options: Options,
                     interval: Interval) -> list[Reading]:
    """Each distinct value a source gives each side (and a system's derived total): which
    choices make the claim hold."""
    subject = _candidates(kb, claim.subject, claim.metric, quals, options)
    baseline = _candidates(kb, claim.baseline, claim.metric, quals, options)
    out = []
    for s_label, s_pick, s_prefer in subject:
        for b_label, b_pick, b_prefer in baseline:
            opts = replace(options, sources=(), pick=s_pick + b_pick)
            num = _try(kb, claim.subject, claim.metric, quals, replace(opts, prefer=s_prefer))
            den = _try(kb, claim.baseline, claim.metric, quals, replace(opts, prefer=b_prefer))
            if num is None or den is None or not den.value:
                continue
            computed = num.value / den.value
            deprecated = any(r.statement is not None and r.statement.rank == "deprecated"
                             for side in (num, den) for r in side.walk())
            s_label = s_label or f"derived from its parts, {num.readable}"
            b_label = b_label or f"derived from its parts, {den.readable}"
            out.append(Reading(f"{kb.devices[claim.subject].name}: {s_label}; {kb.devices[claim.baseline].name}: {b_label}",
                               quals, interval, computed, interval.verdict(computed), numerator=num, denominator=den,
                               deprecated=deprecated, basis="sources"))
    out.sort(key=lambda r: r.computed)
    return out


def _try(kb, device, metric, quals, options) -> Resolved | None:
    try:
        return resolve(kb, device, metric, quals, options)
    except ChipDBError:
        return None


def _candidates(kb: Knowledge, device: str, metric: str, quals: Quals, options: Options):
    """(label, picks, prefer) for each distinct value of a side: one per value that some
    source states (all sources that agree named together), and the derived total."""
    bases = [DERIVED[metric].numerator, DERIVED[metric].denominator] if metric in DERIVED else [metric]
    per_base = []
    for base in bases:
        wanted = kb.metrics[base].qualifiers
        q = Quals(**{k: (quals.get(k) if k in wanted else "") for k in vocab.QUALIFIERS})
        groups: list[tuple[float, list[Fact]]] = []
        for f in kb.facts_for(device, base):
            if not f.valued or f.quals != q:
                continue
            if not published_by(f.source, options.as_of):
                continue
            for value, keys in groups:
                if abs(value - f.value) <= SAME_VALUE * abs(value):
                    keys.append(f)
                    break
            else:
                groups.append((f.value, [f]))
        per_base.append([(base, v, keys) for v, keys in groups])
    combos: list[tuple[str, tuple, str]] = [("", (), "stated")]
    for base, groups in zip(bases, per_base):
        if not groups:
            continue
        combos = [(f"{label}{'; ' if label else ''}{_short(base, metric)}{vocab.format_quantity(v, kb.metrics[base].dimension, quals.precision)} "
                   f"from {_named(keys)}", picks + tuple((device, base, f.source.key) for f in keys[:1]), "stated")
                  for label, picks, _ in combos for (_, v, keys) in groups]
    if kb.parts.get(device) and all(kb.metrics[b].additive for b in bases):
        combos.append(("", (), "derived"))
    return [c for c in combos if c[1] or c[2] == "derived"]


def _named(facts: list[Fact]) -> str:
    """The sources of the statements giving one value: two named (deprecated ones marked), then a count."""
    keys = [f.source.key + (" (deprecated)" if f.rank == "deprecated" else "") for f in facts[:2]]
    return ", ".join(keys) + (f" and {len(facts) - 2} more" if len(facts) > 2 else "")


def _short(base: str, metric: str) -> str:
    return "" if base == metric else f"{base} "


def _scope_readings(kb: Knowledge, claim: ClaimFact, quals: Quals, options: Options, interval: Interval) -> list[Reading]:
    """Per chip instead of per system: the main accelerator of each system, where both are systems."""
    parts = [_main_accelerator(kb, d) for d in (claim.subject, claim.baseline)]
    if None in parts:
        return []
    a, b = parts
    reading = _reading(kb, claim, quals, replace(options, prefer="stated"), interval, "", "scope", a, b)
    values = f", {reading.numerator.readable} / {reading.denominator.readable}" if reading.numerator else ""
    reading.label = f"per chip: {kb.devices[a].name} / {kb.devices[b].name}{values}"
    return [reading]


def _main_accelerator(kb: Knowledge, device: str) -> str | None:
    if kb.devices[device].kind != "system":
        return None
    best, count = None, 0
    stack = [(device, 1)]
    while stack:
        node, n = stack.pop()
        for part in kb.parts.get(node, []):
            total = n * part.count
            if kb.devices[part.part].kind == "accelerator" and total > count:
                best, count = part.part, total
            stack.append((part.part, total))
    return best
