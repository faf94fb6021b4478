"""A device's value for a metric and qualifiers, with its lineage. Pure: works on ``Knowledge``.

In order: the preferred stated statement; else the sum over the device's components (count x
the part's value, recursively, for metrics that add up); else a named conversion rule recorded
for the device (e.g. dense = sparse x 0.5 for 2:4 structured sparsity). Never across
precisions or dense/sparse silently: every step is in the returned ``Resolved``. A system that
has both a stated and a derived total carries the other one as ``alternative``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from chipdb.domain import capacity, dates, vocab
from chipdb.domain.vocab import DERIVED, DerivedMetric
from chipdb.domain.delegate import Delegate
from chipdb.domain.errors import Unresolvable, UsageError
from chipdb.domain.records import Knowledge, Part, Quals, RuleFact, Statement

AGREEMENT = 0.005  # unranked values within 0.5% of each other agree


@dataclass(frozen=True)
class Options:
    """How to resolve; checked when made. A partial as_of (YYYY or YYYY-MM) means the period's end."""

    prefer: str = "stated"  # stated | derived: which a system's total uses when it has both
    sources: tuple[str, ...] = ()  # use these sources' statements wherever they have them, in order
    as_of: str | None = None  # only sources published on or before this ISO date
    pick: tuple[tuple[str, str, str], ...] = ()  # (device, metric, source) choices (for readings)
    basis: str = "published"  # published peaks, or measured throughput (never mixed)

    def __post_init__(self) -> None:
        if self.basis not in vocab.BASES:
            raise UsageError(f"basis must be one of: {', '.join(vocab.BASES)}, not {self.basis!r}", "basis")
        if self.prefer not in vocab.PREFERENCES:
            raise UsageError(f"prefer must be one of: {', '.join(vocab.PREFERENCES)}, not {self.prefer!r}", "prefer")
        if self.as_of is not None and (problem := dates.problem(self.as_of)):
            raise UsageError(f"as-of date: {problem}", "as_of")


@dataclass
class Resolved:
    device: str
    device_name: str
    metric: str
    dimension: str
    quals: Quals
    value: float
    method: str  # stated | derived | rule | computed
    statement: Statement | None = None
    parts: list[tuple[Part, "Resolved"]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rule: RuleFact | None = None
    inputs: list["Resolved"] = field(default_factory=list)
    alternative: "Resolved | None" = None
    notes: list[str] = field(default_factory=list)
    formula: str = ""  # a computed value's arithmetic in one line ("fp8 1,979 TFLOPS x 8 = 15,832")

    @property
    def unit(self) -> str:
        return vocab.canonical_unit(self.dimension, self.quals.precision)

    @property
    def readable(self) -> str:
        return vocab.format_quantity(self.value, self.dimension, self.quals.precision)

    def difference(self) -> float | None:
        """The alternative's difference from this value, in % of this value."""
        if self.alternative is None or not self.value:
            return None
        return (self.alternative.value - self.value) / self.value * 100

    def sources(self) -> list[str]:
        """Every source key this value rests on (statements, component counts, rules)."""
        keys: list[str] = []
        for r in self.walk():
            if r.statement:
                keys.append(r.statement.source.key)
            keys += [p.source.key for p, _ in r.parts]
            if r.rule:
                keys.append(r.rule.source.key)
        return list(dict.fromkeys(keys))

    def walk(self):
        yield self
        for _, child in self.parts:
            yield from child.walk()
        for child in self.inputs:
            yield from child.walk()


def metric_qualifiers(kb: Knowledge, metric: str) -> tuple[str, ...]:
    if metric in DERIVED:
        d = DERIVED[metric]
        return tuple(dict.fromkeys(metric_qualifiers(kb, d.numerator) + metric_qualifiers(kb, d.denominator)))
    return kb.metrics[metric].qualifiers


def complete_quals(kb: Knowledge, devices: list[str], metric: str, given: dict[str, str]) -> Quals:
    """The qualifiers to resolve with: the given ones, checked; sparsity defaults to dense and
    engine to matrix; precision and direction must be given (the error lists what exists)."""
    wanted = metric_qualifiers(kb, metric)
    values: dict[str, str] = {}
    for q in vocab.QUALIFIERS:
        value = (given.get(q) or "").strip().lower()
        if value and q not in wanted:
            raise UsageError(f"metric {metric} takes no {q}", q)
        if value and value not in vocab.QUALIFIER_VALUES[q]:
            raise UsageError(f"{q} {value!r} is not one of: {', '.join(vocab.QUALIFIER_VALUES[q])}", q)
        if not value and q in wanted:
            if q == "sparsity":
                value = "dense"
            elif q == "engine":
                value = "matrix"
            else:
                have = available_values(kb, devices, metric, q)
                names = " and ".join(kb.devices[d].name for d in devices)
                raise UsageError(f"{metric} needs {vocab.article(q)} {q}; {names} have: {', '.join(have) or 'none'}", q)
        values[q] = value
    return Quals(**values)


def available_values(kb: Knowledge, devices: list[str], metric: str, qualifier: str) -> list[str]:
    base = [DERIVED[metric].numerator, DERIVED[metric].denominator] if metric in DERIVED else [metric]
    per_device = []
    for device in devices:
        found = set()
        for m in base:
            for fact in facts_below(kb, device, m):
                if fact.valued and fact.quals.get(qualifier):
                    found.add(fact.quals.get(qualifier))
        per_device.append(found)
    common = set.intersection(*per_device) if per_device else set()
    order = vocab.QUALIFIER_VALUES[qualifier]
    return [v for v in order if v in common]


def facts_below(kb: Knowledge, device: str, metric: str):
    yield from kb.facts_for(device, metric)
    for part in kb.parts.get(device, []):
        yield from facts_below(kb, part.part, metric)


def resolve(kb: Knowledge, device: str, metric: str, quals: Quals, options: Options = Options()) -> Resolved:
    if metric in DERIVED:
        return _resolve_derived_metric(kb, device, DERIVED[metric], quals, options)
    return _Resolver(kb, options).value(device, metric, quals, frozenset())


def _resolve_derived_metric(kb: Knowledge, device: str, d: DerivedMetric, quals: Quals, options: Options) -> Resolved:
    def side(metric: str) -> Resolved:
        wanted = kb.metrics[metric].qualifiers
        q = Quals(**{k: (quals.get(k) if k in wanted else "") for k in vocab.QUALIFIERS})
        return _Resolver(kb, options).value(device, metric, q, frozenset())

    num, den = side(d.numerator), side(d.denominator)
    if not den.value:
        raise Unresolvable(f"{kb.devices[device].name}: {d.denominator} is zero; {d.key} is undefined")
    return Resolved(device, kb.devices[device].name, d.key, d.dimension, quals, num.value / den.value,
                    "computed", inputs=[num, den], notes=[f"{d.key} = {d.numerator} / {d.denominator}"])


class _Resolver:
    def __init__(self, kb: Knowledge, options: Options) -> None:
        self.kb = kb
        self.options = options

    def value(self, device: str, metric: str, quals: Quals, used_rules: frozenset[str]) -> Resolved:
        stated = self._stated(device, metric, quals)
        derived = self._derived(device, metric, quals, used_rules)
        first, second = (stated, derived) if self.options.prefer == "stated" else (derived, stated)
        primary = first or second
        if primary is not None:
            other = second if first is not None else None
            if other is not None:
                primary.alternative = other
            return primary
        ruled = self._by_rule(device, metric, quals, used_rules)
        if ruled is not None:
            return ruled
        raise _Nothing(lambda: self._nothing(device, metric, quals))

    # -- stated --------------------------------------------------------------------------

    def _candidates(self, device: str, metric: str, quals: Quals) -> list[Statement]:
        opts = self.options
        measured = opts.basis == vocab.MEASURED
        wanted = (quals.precision, quals.sparsity, quals.engine, quals.direction)  # f.quals == quals, read directly
        usable = [f for f in self.kb.facts_for(device, metric)
                  if (f.precision, f.sparsity, f.engine, f.direction) == wanted
                  and (f.measured if measured else f.valued) and published_by(f.source, opts.as_of)]
        picked = [f for f in usable if (device, metric, f.source.key) in opts.pick]
        if picked:  # a reading that chose this source, deprecated or not
            return picked
        facts = [f for f in usable if f.rank != "deprecated"]
        for key in opts.sources:
            mine = [f for f in facts if f.source.key == key]
            if mine:
                return mine
        return facts

    def _stated(self, device: str, metric: str, quals: Quals) -> Resolved | None:
        facts = self._candidates(device, metric, quals)
        if not facts:
            return None
        notes = []
        dimension = self.kb.metrics[metric].dimension
        preferred = [f for f in facts if f.rank == "preferred"]
        if preferred:
            chosen = preferred[0]
        else:
            ordered = sorted(facts, key=lambda f: (f.source.authority, _later_first(f.source.published), f.source.key))
            chosen = ordered[0]
            mine = counted_value(chosen, dimension)[0]
            spread = [f for f in facts if abs(counted_value(f, dimension)[0] - mine) > AGREEMENT * abs(mine or 1)]
            if spread:
                notes.append(
                    f"{len(facts)} unranked values disagree ("
                    + ", ".join(f"{f.printed} from {f.source.key}" for f in facts)
                    + f"); chose {chosen.source.key} as the most authoritative kind of source ({chosen.source.kind})")
            elif len(facts) > 1 and not self.options.sources:
                notes.append(f"{len(facts)} sources agree; shown: {chosen.source.key}")
        value, why = counted_value(chosen, dimension)
        if why:
            notes.insert(0, why)
        info = self.kb.devices[device]
        return Resolved(device, info.name, metric, dimension, quals, value, "stated", statement=chosen, notes=notes)

    # -- derived from components -----------------------------------------------------------

    def _derived(self, device: str, metric: str, quals: Quals, used_rules: frozenset[str]) -> Resolved | None:
        parts = self.kb.parts.get(device)
        if not parts or not self.kb.metrics[metric].additive or self.options.basis == vocab.MEASURED:
            return None
        resolved, skipped = [], []
        for part in parts:
            if not any(True for _ in facts_below(self.kb, part.part, metric)):
                skipped.append(f"{part.count} x {self.kb.devices[part.part].name}: no {metric} statements, not counted")
                continue
            try:
                child = self.value(part.part, metric, quals, used_rules)
            except Unresolvable:
                return None
            resolved.append((part, child))
        if not resolved:
            return None
        total = sum(p.count * child.value for p, child in resolved)
        info = self.kb.devices[device]
        return Resolved(device, info.name, metric, self.kb.metrics[metric].dimension, quals, total, "derived",
                        parts=resolved, skipped=skipped)

    # -- conversion rules ----------------------------------------------------------------

    def _by_rule(self, device: str, metric: str, quals: Quals, used_rules: frozenset[str]) -> Resolved | None:
        if self.options.basis == vocab.MEASURED:
            return None  # a measured rate is what was measured: never converted or summed
        for rule in self.kb.rules.get(metric, []):
            if rule.key in used_rules or device not in rule.devices:
                continue
            if quals.get(rule.qualifier) != rule.to_value:
                continue
            base_quals = quals.with_(**{rule.qualifier: rule.from_value})
            try:
                base = self.value(device, metric, base_quals, used_rules | {rule.key} | _inverse(self.kb, rule))
            except Unresolvable:
                continue
            info = self.kb.devices[device]
            return Resolved(device, info.name, metric, base.dimension, quals, base.value * rule.factor, "rule",
                            rule=rule, inputs=[base])
        return None

    # -- nothing -------------------------------------------------------------------------

    def _nothing(self, device: str, metric: str, quals: Quals) -> Unresolvable:
        name = self.kb.devices[device].name
        if self.options.basis == vocab.MEASURED:
            got = sorted({f.quals.text() for f in self.kb.facts_for(device, metric) if f.measured})
            return Unresolvable(f"{name} has no measured {' '.join(x for x in (quals.text(), metric) if x)}; "
                                + (f"it has measured: {', '.join(got)}" if got
                                   else "none is recorded (chipdb measure records one)"))
        additive = self.kb.metrics[metric].additive
        facts = list(facts_below(self.kb, device, metric)) if additive else self.kb.facts_for(device, metric)
        want = " ".join(x for x in (quals.text(), metric) if x)
        has = self._has(facts)
        if not has:
            why = "" if additive or not self.kb.parts.get(device) else f" ({metric} does not add up over components)"
            return Unresolvable(f"{name} has no {metric} values{why}")
        for f in sorted(facts, key=lambda f: vocab.RANKS.index(f.rank)):
            if not f.valued and f.device == device and _covers(f.quals, quals):
                return Unresolvable(f"{name} has no {want} ({f.status.replace('_', ' ')}: source {f.source.key}, "
                                    f"{f.locator}); it has: {has}", status=f.status)
        if self.options.as_of and any(f.valued and f.quals == quals for f in facts):
            return Unresolvable(f"{name} has no {want} from a source published on or before "
                                f"{dates.parse(self.options.as_of).end}; its values come from later or undated sources")
        return Unresolvable(f"{name} has no {want}; it has: {has}")

    @staticmethod
    def _has(facts: list[Statement]) -> str:
        def order(text: str):
            words = text.split()
            return [vocab.PRECISIONS.index(words[0]) if words and words[0] in vocab.PRECISIONS else 99, text]

        return ", ".join(sorted({f.quals.text() or "(no qualifiers)" for f in facts if f.valued}, key=order))


class _Nothing(Unresolvable):
    """Unresolvable, worded only when read: a caller that tries one precision after another (TPP)
    and discards what it cannot resolve does not pay for the wording (a scan of the device's
    facts), which was half the time of a dataset import's TPP comparison."""

    def __init__(self, word: Callable[[], Unresolvable]) -> None:
        Exception.__init__(self)
        self._word: Callable[[], Unresolvable] | None = word

    @cached_property
    def _worded(self) -> Unresolvable:
        assert self._word is not None
        worded, self._word = self._word(), None
        return worded

    reason = Delegate[str]("_worded.reason")
    subject = Delegate[str]("_worded.subject")
    status = Delegate[str]("_worded.status")
    args = Delegate[tuple]("_worded.args")

    def __str__(self) -> str:
        return str(self._worded)


def counted_value(fact: Statement, dimension: str) -> tuple[float, str]:
    """What a statement counts for in a resolution, and why when that is not its stored value: a
    memory capacity counts nominally (``chipdb.domain.capacity``), everything else as stored."""
    if dimension == capacity.CAPACITY_DIMENSION and fact.value is not None:
        return capacity.counted(fact.value, fact.printed, fact.note)
    return (fact.value or 0.0), ""


def published_by(source, as_of: str | None) -> bool:
    """Whether a source may be used as of a date: always without one; else only if it is dated
    on or before its end (a partial source date such as 2025-04 counts as its first day)."""
    return as_of is None or dates.on_or_before(source.published, as_of)


def _covers(general: Quals, specific: Quals) -> bool:
    """A not-applicable statement with empty qualifiers covers every value of those qualifiers."""
    return all(not general.get(q) or general.get(q) == specific.get(q) for q in vocab.QUALIFIERS)


def _inverse(kb: Knowledge, rule: RuleFact) -> frozenset[str]:
    return frozenset(r.key for r in kb.rules.get(rule.metric, [])
                     if r.qualifier == rule.qualifier and r.from_value == rule.to_value and r.to_value == rule.from_value)


def _later_first(published: str) -> int:
    """A sort key over source dates: later first, undated last."""
    return -dates.parse(published).start.toordinal() if published else 0
