"""Claim checking: what a claim states, the interval it allows, and how the data reads it.

Pure: works on ``Knowledge`` and ``ClaimFact`` dataclasses. The primary reading resolves the
claim on the qualifiers it states (and the assumptions recorded with it, e.g. the source its
figures trace to); the other readings vary what the claim leaves open: precision, dense or
sparse, which source's figure for each side, a system's stated or derived total, per chip or
per system, and for Chinese "提升了X倍" both "X times as much" and "increased by X times".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from chipdb.domain import vocab
from chipdb.domain.claimspec import Verdict
from chipdb.domain.errors import ChipDBError, UsageError
from chipdb.domain.records import Knowledge, Quals, Statement
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


from chipdb.claims.allowed import ClaimFact, Interval, intervals  # noqa: F401  (re-exported)


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
        groups: list[tuple[float, list[Statement]]] = []
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


def _named(facts: list[Statement]) -> str:
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
