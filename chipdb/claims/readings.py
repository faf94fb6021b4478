"""How a claim found in a text becomes a claim to check: the devices a name may mean and the
pair read first (the sentence's own figures, like for like), the basis (a claim the database
holds, what the text leaves open), the kind of bandwidth a figure means, and the stated values
checked against the statements."""

from __future__ import annotations

import re
from dataclasses import replace

from chipdb.claims import grammar
from chipdb.claims.allowed import ROUND
from chipdb.claims.check import ClaimFact, check
from chipdb.claims.implied import half_unit
from chipdb.claims.names import Gazetteer
from chipdb.claims.results import TextClaim, ValueCheck
from chipdb.claims.spans import Found, Mention
from chipdb.domain import numbers, vocab
from chipdb.domain.errors import ChipDBError, UsageError
from chipdb.domain.records import Knowledge, Quals, SourceRef, Statement
from chipdb.domain.resolve import Options, metric_qualifiers, resolve

MAX_CANDIDATES = 4
MATCH = 0.02  # a stated absolute value matches a statement within 2%, or within what its printing rounds
# away where that is more ("1.6 TB/s" is any of 1.55 to 1.65), up to 5% ("8 TB/s" is no 7.5)
MATCH_MOST = 0.05


def _match(amount) -> float:
    return max(MATCH, min(half_unit(amount.text), MATCH_MOST))


def candidates(names: Gazetteer, mention: Mention) -> list[str]:
    """The devices a mention may mean, best first: a name followed by "GPU" or "chip" means a
    system's or superchip's main accelerator; "system" or "rack" prefers systems."""
    out: list[str] = []
    for slug in mention.candidates:
        device = names.devices.get(slug)
        part = device.main_part if device else ""
        if mention.noun == "accelerator" and part:
            out += [part, slug]
        elif part and device and "superchip" in device.name.lower() and mention.noun != "superchip":
            out += [slug, part]
        else:
            out.append(slug)
    if mention.noun == "system":
        out.sort(key=lambda s: names.devices[s].kind != "system" if s in names.devices else True)
    return list(dict.fromkeys(out))[:MAX_CANDIDATES]


def on_a_known_basis(item: TextClaim, fact: ClaimFact, stored) -> ClaimFact | None:
    """The same claim as one the database holds (devices, metric, stated value): checked on the
    basis recorded with it (its sources, its assumed qualifiers)."""
    for known in stored:
        if ((known.subject, known.baseline, known.metric, known.kind) == (fact.subject, fact.baseline, fact.metric, fact.kind)
                and known.stated_ratio() == fact.stated_ratio() and (known.assumptions or known.basis)):
            item.notes.append(f"the same claim as {known.key} ({known.source.key}): checked on its recorded basis"
                              + (f" ({', '.join(f'{k}={v}' for k, v in known.assumptions.items())})" if known.assumptions else ""))
            return replace(fact, assumptions=dict(known.assumptions), basis=known.basis)
    return None


def order_from_figures(item: TextClaim, fact: ClaimFact, kb: Knowledge, options: Options) -> ClaimFact:
    """Both devices come from sentences before ("That's 2.4x the capacity"): the text does not say
    which is compared with which, so the order whose ratio is nearer the stated one is read, and
    the note says so."""
    import math

    stated = fact.stated_ratio()
    if not stated or stated <= 0:
        return fact
    flipped = replace(fact, subject=fact.baseline, baseline=fact.subject)
    gaps = []
    for candidate in (fact, flipped):
        try:
            computed = check(kb, candidate, options).primary.computed
        except ChipDBError:
            computed = None
        gaps.append(abs(math.log(computed / stated)) if computed else math.inf)
    if gaps[1] < gaps[0]:
        item.notes.append("both devices come from the sentences before; the order whose ratio is nearer the stated "
                          "figure is read")
        return flipped
    return fact


def open_qualifiers(item: TextClaim, fact: ClaimFact, kb: Knowledge) -> ClaimFact:
    """What the text leaves open: a qualifier with one value on both sides takes it (an ICI link
    that both name one way); compute with no precision is read as dense BF16, the usual basis of
    AI compute headlines, when both sides have it. Every other value is a reading beside it."""
    from chipdb.domain.resolve import available_values, facts_below

    wanted = metric_qualifiers(kb, fact.metric) if fact.metric in kb.metrics or fact.metric in vocab.DERIVED else ()
    assumed: dict[str, str] = {}
    for q in wanted:
        if q in ("precision", "sparsity", "engine") or fact.quals.get(q) or q in fact.assumptions:
            continue
        try:
            values = available_values(kb, [fact.subject, fact.baseline], fact.metric, q)
        except (ChipDBError, KeyError):
            values = []
        if len(values) == 1:
            assumed[q] = values[0]
            item.notes.append(f"{q} not named: both sides give {values[0]} figures")
        elif q == "direction" and "bidirectional" in values:  # how vendors print NVLink, ICI, UALink
            assumed[q] = "bidirectional"
            item.notes.append("direction not named: read as bidirectional, as vendors print link bandwidth")
    if assumed:
        fact = replace(fact, assumptions={**fact.assumptions, **assumed})
    precision = fact.quals.precision or fact.assumptions.get("precision", "")
    if precision and "engine" in wanted and not fact.quals.engine and "engine" not in fact.assumptions:
        engines = [{f.quals.engine for f in facts_below(kb, d, "compute") if f.valued and f.quals.precision == precision}
                   for d in (fact.subject, fact.baseline)]
        common = set.intersection(*engines) - {""}
        if common and "matrix" not in common:  # FP32 on cards with no FP32 tensor path: both give vector figures
            engine = sorted(common)[0]
            item.notes.append(f"engine not named: both sides give {precision.upper()} only as {engine} figures")
            fact = replace(fact, assumptions={**fact.assumptions, "engine": engine})
    derived = vocab.DERIVED.get(fact.metric)
    on_compute = fact.metric == "compute" or derived is not None and "compute" in (derived.numerator, derived.denominator)
    if not on_compute or fact.quals.precision or "precision" in fact.assumptions:
        return fact  # compute, or a ratio of it ("performance per watt"), at a precision to choose
    have = [{f.quals.precision for f in kb.facts_for(d, "compute") if f.valued} | _part_precisions(kb, d)
            for d in (fact.subject, fact.baseline)]
    for precision, why in (("bf16", "the usual basis of AI compute headlines"),
                           ("fp16", "the tensor precision both have, one having no BF16 (V100, T4)")):
        if all(precision in h for h in have):
            item.notes.append(f"no precision named: read as dense {precision.upper()}, {why}")
            return replace(fact, assumptions={**fact.assumptions, "precision": precision,
                                              **({} if fact.quals.sparsity else {"sparsity": "dense"})})
    return fact


def _part_precisions(kb: Knowledge, device: str) -> set[str]:
    out: set[str] = set()
    for part in kb.parts.get(device, []):
        out |= {f.quals.precision for f in kb.facts_for(part.part, "compute") if f.valued} | _part_precisions(kb, part.part)
    return out


def _platform_words(names: Gazetteer, slug: str) -> set[str]:
    """The words of a device's name that say which platform it is in ("HGX", "GB200"), beside its own."""
    device = names.devices.get(slug)
    if device is None:
        return set()
    inside = " ".join(re.findall(r"\(([^)]*)\)", device.name)).lower()
    words = set(re.findall(r"[a-z]+", inside))
    return {w for w in words if not w.startswith(("b", "h")) or w in ("hgx",)} | ({"gb"} if re.search(r"\bgb\d", inside) else set())


def like_for_like(names: Gazetteer, subjects: list[str], baselines: list[str]) -> tuple[list[str], list[str]]:
    """Among the devices two names may mean, the pair on the same platform first (HGX B300 with
    HGX B200, the GB300's B300 with the GB200's B200) and of the same scale (a rack with a rack:
    CloudMatrix 384 against "GB200" is the GB200 NVL72); else each name's first device, as
    ``chipdb ratio`` reads the names ("B200" vs "H100" is the GB200's B200, as NVIDIA compares)."""
    pairs = [(i + j - 2 * len(_platform_words(names, s) & _platform_words(names, b))
              + 3 * (_rack(names, s) != _rack(names, b)), i, j)
             for i, s in enumerate(subjects) for j, b in enumerate(baselines) if s != b or len(subjects) == len(baselines) == 1]
    if not pairs:  # every pairing is a device with itself: leave them to be reported as such
        return subjects, baselines
    _, i, j = min(pairs)
    return ([subjects[i]] + [s for s in subjects if s != subjects[i]],
            [baselines[j]] + [b for b in baselines if b != baselines[j]])


def _rack(names: Gazetteer, slug: str) -> bool:
    """A system of many accelerators (a rack, a pod, a server), not a chip or a superchip."""
    device = names.devices.get(slug)
    return device is not None and device.kind == "system" and "superchip" not in device.name.lower()


def compared_with(names: Gazetteer, others: list[str], vendor: str, stored, side: str) -> list[str]:
    """A device named by its vendor only ("英伟达方案"): the one of that vendor that the
    database's claims compare the other side with."""
    found: list[str] = []
    for known in stored:
        mine, theirs = (known.baseline, known.subject) if side == "baseline" else (known.subject, known.baseline)
        device = names.devices.get(mine)
        if theirs in others[:1] and device is not None and device.vendor == vendor:
            found.append(mine)
    return [slug for slug, _ in sorted(((s, -found.count(s)) for s in dict.fromkeys(found)), key=lambda x: x[1])]


BANDWIDTHS = ("memory_bandwidth", "scaleup_bandwidth", "scaleout_bandwidth")
_HEADLINE = {"bf16": 0, "fp16": 1}  # the precisions a bare AI compute figure is most often given at


def amount_side(f: Found, amount, owner) -> str:
    """Whose a stated value is: the side it is paired to ("15 vs 9 PFLOPS"), else its owner's, else
    (no name in its clause) the subject's when it stands before the figure ("网络带宽达到269TB/s, 较其提升107%")."""
    if amount.side:
        return amount.side
    if f.cue.pair and amount.start in f.cue.pair:  # two values set against each other: the first is the subject's
        return "subject" if amount.start == f.cue.pair[0] else "baseline"
    if owner is not None and owner is f.baseline and owner.end <= f.cue.start and amount.start >= f.cue.end:
        return "subject"  # "compared to the original Trainium, … three times as much memory – for a total of 96GB"
    if owner is not None:
        return "subject" if owner is f.subject else "baseline" if owner is f.baseline else ""
    return "subject" if amount.start < f.cue.start else ""


def metric_from_amounts(item: TextClaim, f: Found, kb: Knowledge, picked: dict, metric: str) -> str:
    """"网络带宽达到269TB/s": which bandwidth the words mean is read from the stated figure, when
    it matches a statement of another kind of bandwidth and not the one the words suggest."""
    if metric not in BANDWIDTHS:
        return metric

    def matches(slug: str, amount, m: str) -> bool:
        return any(x.valued and abs(x.value - amount.value) <= _match(amount) * x.value for x in kb.facts_for(slug, m))

    stated = [(amount, picked[side][0]) for amount, owner in f.amounts
              if (side := amount_side(f, amount, owner)) and amount.metric == "memory_bandwidth"]
    if any(matches(slug, amount, metric) for amount, slug in stated):
        return metric  # a stated value is the figure the words name ("… NVLink bandwidth (900 GB/s)")
    for amount, slug in stated:
        other = next((m for m in BANDWIDTHS if m != metric and matches(slug, amount, m)), None)
        if other:
            item.notes.append(f"{f.metric_word!r} read as {other}: the stated {amount.text} is that figure")
            return other
    return metric


def all_in(kb: Knowledge, slug: str) -> bool:
    """A system with no chip power of its own but an all-in figure."""
    return (kb.devices.get(slug) is not None and kb.devices[slug].kind == "system"
            and not any(f.valued for f in kb.facts_for(slug, "power"))
            and any(f.valued for f in kb.facts_for(slug, "power_all_in")))


def fact_of(item: TextClaim, f: Found, subject: str, baseline: str, metric: str, quals: dict[str, str]) -> ClaimFact:
    cue = f.cue
    wording = {"more": "times_more", "tisheng": "zh_tisheng", "times_less": "times_less"}.get(cue.kind, "")
    if cue.kind == "direction":
        kind, stated = "direction", cue.direction
    elif cue.kind in ("percent_more", "percent_less"):
        kind, stated = "percent", ("-" if cue.kind == "percent_less" else "") + _printed(cue.number, cue.value)
    elif cue.kind == "percent_of":
        kind, stated = "ratio", _printed_fraction(cue.number, cue.value)
    else:
        kind, stated = "ratio", _printed(cue.number, cue.value)
    q = Quals(**{k: quals.get(k, "") for k in vocab.QUALIFIERS})
    source = SourceRef("text", "the text checked", "", "", "press")
    tolerance = None
    if cue.high is not None and cue.value is not None:  # a range: its middle, give or take half its width
        scale = 100 if cue.kind == "percent_of" else 1
        low, high = cue.value / scale, cue.high / scale
        stated, tolerance = f"{(low + high) / 2:.6g}", (high - low) / 2
        if cue.kind == "percent_less":
            stated = f"-{(low + high) / 2:.6g}"
    elif kind == "ratio" and cue.value and _is_fraction(cue.number) and not cue.bound:
        tolerance = ROUND * cue.value  # "one-third", "三分之一", "1/6": a round figure
    return ClaimFact("text", item.words, source, "", subject, baseline, metric, q, kind, stated, tolerance,
                     wording=wording, bound=cue.bound)


def _is_fraction(number: str) -> bool:
    """"one-seventh", "a third", "三分之一", "1/6": a fraction, a round figure."""
    return "分之" in number or "/" in number or grammar.language("en").number_words.get(number.strip().lower(), 1) < 1


def _printed(number: str, value: float | None) -> str:
    """The number as printed when it is digits ("1.70" keeps its precision), else its value."""
    try:
        return str(numbers.parse_exact(number))
    except numbers.NumberProblem:
        return f"{value:g}" if value is not None else "0"


def _printed_fraction(number: str, value: float | None) -> str:
    """"20%" of B -> 0.20, keeping the printed precision as a ratio."""
    try:
        return str(numbers.parse_exact(number) / 100)
    except numbers.NumberProblem:
        return f"{(value or 0) / 100:g}"


def value_check(kb: Knowledge, slug: str, amount, quals: dict[str, str], options: Options) -> ValueCheck:
    """Does the device have a statement (or a resolved value) near the stated amount? A match on a
    deprecated statement only counts where no current one or resolved value matches, and says so."""
    wanted_precision = quals.get("precision", "")
    best: dict[bool, tuple[float, Statement]] = {}  # deprecated? -> the nearest statement
    likeliest: dict[bool, tuple] = {}
    for fact in kb.facts_for(slug, amount.metric):
        if not fact.valued or (wanted_precision and fact.quals.precision not in ("", wanted_precision)):
            continue
        gap = abs(fact.value - amount.value) / max(abs(fact.value), 1e-30)
        old = fact.rank == "deprecated"
        # of figures as near ("312 TFLOPS": the A100's dense BF16 and FP16, and sparse TF32), one at a
        # headline precision, dense before sparse
        key = (round(gap, 9), _HEADLINE.get(fact.quals.precision, len(_HEADLINE)), fact.quals.sparsity == "sparse")
        if old not in best or key < likeliest[old]:
            best[old], likeliest[old] = (gap, fact), key
    match = _match(amount)
    if False in best and best[False][0] <= match:
        fact = best[False][1]
        return ValueCheck(amount.text, slug, amount.metric, amount.value, fact.value, "consistent",
                          fact.quals.text(), fact.source.key)
    try:
        wanted = metric_qualifiers(kb, amount.metric)
        defaults = {"sparsity": "dense", "engine": "matrix"}
        q = Quals(**{k: quals.get(k, "") or (defaults.get(k, "") if k in wanted else "") for k in vocab.QUALIFIERS})
        resolved = resolve(kb, slug, amount.metric, q, options)
        verdict = "consistent" if abs(resolved.value - amount.value) <= match * abs(resolved.value) else "differs"
        if verdict == "consistent" or True not in best or best[True][0] > match:
            return ValueCheck(amount.text, slug, amount.metric, amount.value, resolved.value, verdict, q.text())
    except (ChipDBError, UsageError, KeyError) as exc:
        if True not in best or best[True][0] > match:
            near = min(best.values(), key=lambda b: b[0], default=None)
            closest = near[1].value if near else None
            return ValueCheck(amount.text, slug, amount.metric, amount.value, closest,
                              "differs" if closest is not None else "not checkable", "",
                              str(exc)[:120] if closest is None else "")
    fact = best[True][1]  # only a deprecated statement gives it
    return ValueCheck(amount.text, slug, amount.metric, amount.value, fact.value, "consistent", fact.quals.text(),
                      fact.source.key, deprecated=True)
