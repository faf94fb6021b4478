"""Export controls (ECCN 3A090), pure: TPP and PD from resolved statements, the rules in force on a
date, and which paragraph's parameters a chip meets. Works on ``Knowledge`` and plain records,
with no database, so it is tested without one (``chipdb.analysis.controls.book`` reads the records).

Definitions, as the rule's Technical Notes give them (15 CFR 774, ECCN 3A090, from the 2023 rule):
TPP = 2 x MacTOPS x bit length of the operation, where 2 x MacTOPS "may correspond to the reported
TOPS or FLOPS on a datasheet"; the highest TPP over the bit lengths a chip supports counts; dense
rates only ("without sparsity"). PD = TPP / applicable die area (mm^2 of logic dies).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chipdb.domain import dates, vocab
from chipdb.domain.errors import Unresolvable, UsageError
from chipdb.domain.records import Knowledge, Quals, SourceRef
from chipdb.domain.resolve import Options, Resolved, facts_below, resolve

CONTROL_METRICS = vocab.CONTROL_METRICS
INPUT_METRICS = ("compute", "die_area", "compute_dies", "scaleup_bandwidth")
DISCLAIMER = ("Compares published parameters with the rule's numbers; not legal advice and not a "
              "classification ruling (licence requirements also turn on end use, end user and destination).")
IO_NOTE = ("I/O rate (the 2022 rule's aggregate bidirectional transfer rate) is taken as the bidirectional "
           "scale-up (NVLink-class) bandwidth: other I/O (PCIe) is not added, so it is a lower bound.")
TF32_NOTE = ("TF32 counted at 32 bits (its inputs are 32-bit registers; it keeps 19 significant bits): the "
             "rule's notes do not name TF32, so this reading is chipdb's, not the rule's.")
_PARAGRAPH = re.compile(r"^\dA\d{3}\.[a-z]$")  # a controlled paragraph (3A090.a), not a note
LABELS = {"tpp": "TPP", "pd": "PD", "io_rate": "I/O rate", "bitlen_x_tops": "bit length x TOPS"}
TIE = 1e-4


@dataclass(frozen=True)
class ControlRule:
    key: str
    title: str
    source: SourceRef
    published: str
    effective: str
    supersedes: str
    note: str


@dataclass(frozen=True)
class Threshold:
    rule: str
    paragraph: str
    clause: str
    parameter: str
    comparison: str
    value: str  # as the rule prints it
    unit: str
    value_si: float | None
    source: SourceRef
    locator: str
    note: str

    def text(self) -> str:
        what = LABELS.get(self.parameter, self.parameter)
        return f"{what} {self.comparison} {self.value}{' ' + self.unit if self.unit else ''}"


@dataclass(frozen=True)
class Event:
    device: str
    date: str
    what: str
    source: SourceRef
    locator: str
    note: str


@dataclass
class RuleBook:
    rules: dict[str, ControlRule] = field(default_factory=dict)
    thresholds: list[Threshold] = field(default_factory=list)
    events: dict[str, list[Event]] = field(default_factory=dict)


@dataclass
class InForce:
    """The rules in force on a date, and for each paragraph the rule whose lines apply."""

    as_of: str
    rules: list[ControlRule]
    paragraphs: dict[str, tuple[ControlRule, list[Threshold]]]
    other: list[Threshold]  # notes and licence exceptions of those rules: shown, not evaluated


def in_force(book: RuleBook, as_of: str) -> InForce:
    """Rules effective on or before ``as_of`` that no other such rule supersedes; for each
    paragraph, the lines of the latest of them that states it."""
    live = [r for r in book.rules.values() if dates.on_or_before(r.effective, as_of)]
    gone = {r.supersedes for r in live if r.supersedes}
    live = sorted((r for r in live if r.key not in gone), key=lambda r: (dates.parse(r.effective).start, r.key))
    order = {r.key: i for i, r in enumerate(live)}
    paragraphs: dict[str, tuple[ControlRule, list[Threshold]]] = {}
    other: list[Threshold] = []
    for t in sorted((t for t in book.thresholds if t.rule in order), key=lambda t: order[t.rule]):
        if not _PARAGRAPH.match(t.paragraph):
            other.append(t)
            continue
        rule = book.rules[t.rule]
        current = paragraphs.get(t.paragraph)
        if current is None or order[current[0].key] < order[t.rule]:
            paragraphs[t.paragraph] = (rule, [])
        if paragraphs[t.paragraph][0].key == t.rule:
            paragraphs[t.paragraph][1].append(t)
    return InForce(as_of, live, dict(sorted(paragraphs.items())), other)


# --- TPP and PD -----------------------------------------------------------------------------


def _dense(kb: Knowledge, device: str, precision: str, options: Options) -> Resolved:
    return resolve(kb, device, "compute", Quals(precision, "dense", "matrix", ""), options)


def _precisions(kb: Knowledge, device: str) -> list[str]:
    """The precisions a dense matrix rate of ``device`` can resolve at: where no compute rule
    applies to it or a part below it, only those a dense matrix statement below it is at (a
    value is then stated, or the sum of stated ones: never another statement's)."""
    below = _below(kb, device)
    if any(d in rule.devices for rule in kb.rules.get("compute", ()) for d in below):
        return list(vocab.PRECISIONS)
    stated = {f.precision for f in facts_below(kb, device, "compute")
              if f.sparsity == "dense" and f.engine == "matrix" and not f.direction}
    return [p for p in vocab.PRECISIONS if p in stated]


def _below(kb: Knowledge, device: str) -> set[str]:
    """The device and every part inside it."""
    found = {device}
    for part in kb.parts.get(device, []):
        found |= _below(kb, part.part)
    return found


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def tpp(kb: Knowledge, device: str, options: Options = Options()) -> Resolved:
    """The highest rate x bit length over the precisions the chip has a dense matrix rate for."""
    info = kb.devices[device]
    if info.kind == "system":
        raise UsageError(f"{info.name} is a system: TPP is a parameter of an integrated circuit; "
                         f"see its parts with: chipdb controls {device}")
    if "compute" not in kb.metrics:
        raise Unresolvable("TPP not checkable: no compute metric in the database", info.name)
    found: list[tuple[str, Resolved, int, float]] = []
    for precision in _precisions(kb, device):
        try:
            r = _dense(kb, device, precision, options)
        except Unresolvable:
            continue
        bits = vocab.BIT_LENGTHS[precision]
        found.append((precision, r, bits, r.value / 1e12 * bits))
    if not found:
        raise Unresolvable("TPP not checkable: no dense matrix compute rate at any precision", info.name)
    best = max(x[3] for x in found)
    deciding = [x for x in found if x[3] >= best * (1 - TIE)]
    formula = " = ".join([" or ".join(f"{p} {_fmt(r.value / 1e12)} T{'OPS' if p.startswith('int') else 'FLOPS'} x {b}"
                                      for p, r, b, _ in deciding), _fmt(best)])
    notes = [formula + " (TPP = 2 x MacTOPS x bit length, 2 x MacTOPS being the dense datasheet TOPS/TFLOPS; "
               "the highest over bit lengths counts)"]
    others = [f"{p} {_fmt(v)}" for p, _, _, v in found if v < best * (1 - TIE)]
    if others:
        notes.append("lower at other precisions: " + ", ".join(others))
    notes.append("dense rates only: sparse figures never count (3A090 Technical Note 3)")
    if any(p == "tf32" for p, *_ in deciding):
        notes.append(TF32_NOTE)
    return Resolved(device, info.name, "tpp", "tpp", Quals(), best, "computed",
                    inputs=[r for _, r, _, _ in deciding], notes=notes, formula=formula)


def pd(kb: Knowledge, device: str, tpp_value: Resolved, options: Options = Options()) -> Resolved:
    """TPP / (die area x compute dies); raises Unresolvable("... not checkable: no die area")."""
    info = kb.devices[device]
    try:
        if "die_area" not in kb.metrics:
            raise Unresolvable("no die_area metric")
        area = resolve(kb, device, "die_area", Quals(), options)
    except Unresolvable:
        raise Unresolvable("PD not checkable: no die area", info.name) from None
    notes, inputs = [], [tpp_value, area]
    dies = 1.0
    try:
        if "compute_dies" not in kb.metrics:
            raise Unresolvable("no compute_dies metric")
        counted = resolve(kb, device, "compute_dies", Quals(), options)
        dies = counted.value
        inputs.append(counted)
    except Unresolvable:
        notes.append("no compute_dies statement: one compute die assumed")
    applicable = area.value * dies
    if not applicable:
        raise Unresolvable("PD not checkable: die area is zero", info.name)
    notes.insert(0, f"PD = TPP / applicable die area = {_fmt(tpp_value.value)} / ({area.value:g} mm² x {dies:g}) "
                    f"= {tpp_value.value / applicable:.3f}")
    notes.append("applicable die area taken as die_area x compute_dies (the rule counts all logic dies on a "
                 "non-planar process; other logic dies such as I/O dies are not included)")
    return Resolved(device, info.name, "pd", "pd", Quals(), tpp_value.value / applicable, "computed",
                    inputs=inputs, notes=notes)


def io_rate(kb: Knowledge, device: str, options: Options = Options()) -> Resolved:
    info = kb.devices[device]
    try:
        if "scaleup_bandwidth" not in kb.metrics:
            raise Unresolvable("no scaleup_bandwidth metric")
        return resolve(kb, device, "scaleup_bandwidth", Quals(direction="bidirectional"), options)
    except Unresolvable:
        raise Unresolvable("I/O rate not checkable: no bidirectional scale-up bandwidth", info.name) from None


def resolve_control(kb: Knowledge, device: str, metric: str, options: Options = Options()) -> Resolved:
    """``tpp`` or ``pd`` as a resolved value with its lineage (for trace)."""
    value = tpp(kb, device, options)
    return value if metric == "tpp" else pd(kb, device, value, options)


# --- classification -------------------------------------------------------------------------


@dataclass
class Line:
    threshold: Threshold
    holds: bool | None  # None: not evaluated (a parameter chipdb does not compute, or no value)
    value: float | None
    reason: str = ""


@dataclass
class Clause:
    paragraph: str
    clause: str
    lines: list[Line]

    @property
    def met(self) -> bool | None:
        if any(line.holds is False for line in self.lines):
            return False
        return True if all(line.holds for line in self.lines) else None


@dataclass
class ParagraphResult:
    paragraph: str
    rule: ControlRule
    clauses: list[Clause]

    @property
    def met(self) -> bool | None:
        states = [c.met for c in self.clauses]
        return True if True in states else (False if all(s is False for s in states) else None)

    @property
    def evaluated(self) -> bool:
        """Whether any of its lines names a parameter chipdb computes (3A090.c's does not)."""
        return any(line.threshold.parameter in vocab.CONTROL_PARAMETERS_EVALUATED
                   for c in self.clauses for line in c.lines)

    def met_by(self) -> list[str]:
        return [f"{self.paragraph[:-2]}.{c.clause}" for c in self.clauses if c.met]


@dataclass
class Margin:
    parameter: str
    line: float
    printed: str  # the line as the rule prints it, with its unit
    value: float
    where: list[str]  # the clauses (3A090.a.1) with this line

    @property
    def percent(self) -> float:
        return self.value / self.line * 100

    def text(self) -> str:
        scale = 1e9 if self.parameter == "io_rate" else 1.0
        shown = f"{self.value / scale:,.0f} GB/s" if scale != 1.0 else (
            f"{self.value:.2f}" if self.parameter == "pd" else _fmt(self.value))
        return f"{LABELS.get(self.parameter, self.parameter)} {shown} is {self.percent:.1f}% of the {self.printed} line"


_OPS = {">=": lambda a, b: a >= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b}


def classify(values: dict[str, float | None], why: dict[str, str], rules: InForce
             ) -> tuple[list[ParagraphResult], list[Margin]]:
    """Each paragraph in force, clause by clause, against the chip's values (by parameter; None
    when not checkable, with the reason in ``why``); and the margin to each numeric line."""
    results, margins = [], {}
    for paragraph, (rule, thresholds) in rules.paragraphs.items():
        clauses: dict[str, Clause] = {}
        for t in thresholds:
            clauses.setdefault(t.clause, Clause(paragraph, t.clause, [])).lines.append(_line(t, values, why))
            value = values.get(_base(t.parameter))
            if value is not None and t.value_si:
                key = (t.parameter, t.value_si)
                m = margins.setdefault(key, Margin(t.parameter, t.value_si, _printed(t), value, []))
                where = f"{paragraph[:-2]}.{t.clause}"
                if where not in m.where:
                    m.where.append(where)
        results.append(ParagraphResult(paragraph, rule, list(clauses.values())))
    order = list(vocab.CONTROL_PARAMETERS)
    return results, sorted(margins.values(), key=lambda m: (order.index(m.parameter), m.line))


def _printed(t: Threshold) -> str:
    try:
        number = float(t.value)
        text = f"{number:,.0f}" if number >= 1000 and number == int(number) else t.value
    except ValueError:
        text = t.value
    return f"{text} {t.unit}".strip()


def _base(parameter: str) -> str:
    return "tpp" if parameter == "bitlen_x_tops" else parameter


def _line(t: Threshold, values: dict[str, float | None], why: dict[str, str]) -> Line:
    if t.parameter not in vocab.CONTROL_PARAMETERS_EVALUATED:
        return Line(t, None, None, f"not evaluated: chipdb does not compute {t.parameter}")
    value = values.get(_base(t.parameter))
    if value is None:
        reason = why.get(_base(t.parameter), f"{t.parameter} not checkable")
        if t.parameter == "pd" and values.get("tpp") and t.value_si:
            limit = values["tpp"] / t.value_si
            need = "at most" if t.comparison in (">=", ">") else "more than"
            reason += f"; {t.text()} would need an applicable die area of {need} {limit:,.0f} mm²"
        return Line(t, None, None, reason)
    holds = _OPS[t.comparison](value, t.value_si)
    reason = ""
    if t.parameter == "bitlen_x_tops":
        reason = "bit length x TOPS computed as TPP is (the same product, dense rates)"
    elif t.parameter == "io_rate":
        reason = IO_NOTE
    return Line(t, holds, value, reason)


def verdict(results: list[ParagraphResult]) -> tuple[str | None, list[str]]:
    """The first paragraph whose parameters are met (3A090.a before .b); when none is, the
    paragraphs that could not be decided for want of a value (not those chipdb cannot evaluate)."""
    met = next((r.paragraph for r in results if r.met), None)
    open_ = [] if met else [r.paragraph for r in results if r.met is None and r.evaluated]
    return met, open_
