"""Checking every claim a text makes: the comparisons ``chipdb.claims.finder`` finds, read against
the database. A name that means several devices gives a reading per candidate; the absolute values
the sentence states ("B200's 4500 TFLOPS") pick the primary one and are checked themselves. A
claim is checked as of its date (``--date``, or the date the article gives) unless an as-of date
is asked for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from sqlalchemy import Connection

from chipdb.claims.check import UNCHECKABLE, ClaimFact, ClaimResult, check
from chipdb.claims.document import Document
from chipdb.claims.folding import fold
from chipdb.claims.finder import Context, Found, Mention, find
from chipdb.claims.names import Gazetteer, gazetteer
from chipdb.domain import vocab
from chipdb.domain.errors import ChipDBError, UsageError
from chipdb.domain.records import Knowledge, Quals, SourceRef
from chipdb.domain.resolve import Options, metric_qualifiers, resolve

MAX_CANDIDATES = 4
MATCH = 0.02  # a stated absolute value matches a statement within 2% (what printing rounds away)


@dataclass(frozen=True)
class ValueCheck:
    """An absolute value the text states beside a claim, against the database."""

    text: str
    device: str
    metric: str
    stated: float
    value: float | None  # the database's matching or resolved value
    verdict: str  # consistent | differs | not checkable
    quals: str = ""
    source: str = ""


@dataclass(frozen=True)
class Alternative:
    subject: str
    baseline: str
    computed: float | None
    verdict: str
    why: str


@dataclass
class TextClaim:
    span: tuple[int, int]  # in the document's text
    words: str  # the words the claim came from
    sentence: str
    found: Found
    claim: ClaimFact | None = None
    result: ClaimResult | None = None
    alternatives: list[Alternative] = field(default_factory=list)
    values: list[ValueCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reason: str = ""  # why it is not checkable, when no reading could be made
    date: str | None = None  # the as-of date taken from the claim's date (not asked for)

    @property
    def verdict(self) -> str:
        return self.result.primary.verdict if self.result else UNCHECKABLE


@dataclass(frozen=True)
class NotSpec:
    span: tuple[int, int]
    words: str
    sentence: str
    reason: str


@dataclass
class DocumentResult:
    claims: list[TextClaim]
    not_spec: list[NotSpec]
    date: str
    date_from: str
    as_of: str | None
    text: str = ""  # the document's text, which the spans point into


@dataclass(frozen=True)
class Given:
    """What the user says beside the text."""

    subject: str = ""
    baseline: str = ""
    date: str = ""
    quals: tuple[tuple[str, str], ...] = ()  # (qualifier, value) the text leaves open


def check_document(conn: Connection, doc: Document, options: Options = Options(), given: Given = Given()
                   ) -> DocumentResult:
    from chipdb.analysis.values import check_options
    from chipdb.claims.store import list_claims

    check_options(options, conn)
    names = gazetteer(conn)
    context = Context(given_subject=_given(names, given.subject, conn), given_baseline=_given(names, given.baseline, conn))
    folded = fold(doc.text)
    found = find(folded, names, context)
    stored = list_claims(conn) if found else []
    date, date_from = (given.date, "--date") if given.date else (doc.date, doc.date_from)
    if not date:
        date, date_from = _date_of_a_known_source(doc.text, stored)
    as_of = options.as_of or date or None
    opts = replace(options, as_of=as_of)
    sides = {id(f): _sides(f, names, stored) for f in found if not f.not_spec and f.subject and f.baseline}
    kb = _knowledge(conn, sides, {a.metric for f in found for a, _ in f.amounts})
    claims, not_spec = [], []
    for f in found:
        span = folded.span(f.start, f.end)
        sentence = folded.original_text(*f.sentence).strip()
        words = doc.text[span[0]:span[1]]
        if f.not_spec:
            not_spec.append(NotSpec(span, words, sentence, f.not_spec))
            continue
        item = TextClaim(span, words, sentence, f, date=None if options.as_of else as_of)
        _check(item, kb, names, opts, dict(given.quals), stored, sides.get(id(f), ([], [])))
        if date and not options.as_of:
            item.notes.append(f"checked as of {date}, the claim's date ({date_from})")
        claims.append(item)
    return DocumentResult(claims, not_spec, date, date_from, as_of, doc.text)


def _date_of_a_known_source(text: str, stored: list[ClaimFact]) -> tuple[str, str]:
    """A text that quotes a claim the database holds is that claim's source (or quotes it): its
    publication date is the text's date."""
    for claim in stored:
        if len(claim.text) >= 8 and claim.text in text and claim.source.published:
            return claim.source.published, f"source {claim.source.key}, whose words the text contains"
    return "", ""


def _given(names: Gazetteer, text: str, conn: Connection) -> Mention | None:
    if not text:
        return None
    from chipdb.store.lookup import find_device

    device = find_device(conn, text)  # an unknown name is an error naming the closest ones
    return Mention(0, 0, text, (device.slug,))


def _knowledge(conn: Connection, sides: dict[int, tuple[list[str], list[str], str]], more: set[str]) -> Knowledge:
    """One load for every device any claim may mean, and the metrics asked about."""
    from chipdb.store.knowledge import load_knowledge

    slugs = sorted({slug for subjects, baselines, _ in sides.values() for slug in (*subjects, *baselines)})
    metrics = sorted({m for _, _, metric in sides.values() for m in (metric, "power_all_in" if metric == "power" else metric)
                      if m} | {"compute"} | more | (set(_BANDWIDTHS) if more & set(_BANDWIDTHS) else set()))
    if not slugs:
        return Knowledge()
    kb, _ = load_knowledge(conn, slugs, metrics)
    return kb


def _sides(f: Found, names: Gazetteer, stored) -> tuple[list[str], list[str], str]:
    """The devices each side may mean, best first (a vendor's name alone resolved through the
    database's claims), and the metric; amounts bring their own metrics."""
    subjects, baselines = _candidates(names, f.subject), _candidates(names, f.baseline)
    if not baselines and f.baseline.vendor:
        baselines = _compared_with(names, subjects, f.baseline.vendor, stored, "baseline")
    if not subjects and f.subject.vendor:
        subjects = _compared_with(names, baselines, f.subject.vendor, stored, "subject")
    return subjects, baselines, f.metric


def _candidates(names: Gazetteer, mention: Mention) -> list[str]:
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


def _check(item: TextClaim, kb: Knowledge, names: Gazetteer, options: Options, given: dict[str, str],
           stored: list[ClaimFact], sides: tuple) -> None:
    f = item.found
    if f.problem:
        item.reason = f"the sentence {f.problem}"
        return
    if f.subject is None or f.baseline is None or not f.metric:
        item.reason = "the sentence names no pair of devices to compare"
        return
    subjects, baselines = sides[0], sides[1]
    if f.baseline.vendor and baselines:
        item.notes.append(f"{f.baseline.text!r} read as {names.devices[baselines[0]].name}, the {f.baseline.vendor} "
                          "device named before it or that the database's claims compare with")
    if not subjects or not baselines:
        item.reason = f"no device is known as {(f.subject if not subjects else f.baseline).text!r}"
        return
    quals = dict(f.quals)
    metric = f.metric
    wanted = metric_qualifiers(kb, metric) if metric in kb.metrics or metric in vocab.DERIVED else ()
    for q, value in given.items():
        if q not in wanted:
            item.notes.append(f"--{q} {value} ignored: {metric} takes no {q}")
        elif quals.get(q) and quals[q] != value:
            item.reason = f"the text says {quals[q]} but --{q} {value} was asked for"
            return
        else:
            quals[q] = value
    picked = {"subject": subjects, "baseline": baselines}
    metric = _metric_from_amounts(item, f, kb, picked, metric)
    for amount, owner in f.amounts:
        side = amount.side or ("subject" if owner is f.subject else "baseline" if owner is f.baseline else "")
        if not side:
            continue
        checks = [_value_check(kb, slug, amount, quals, options) for slug in picked[side]]
        matching = [c for c in checks if c.verdict == "consistent"]
        if matching:
            picked[side] = [matching[0].device] + [s for s in picked[side] if s != matching[0].device]
            if not quals.get("precision") and matching[0].quals and "precision" in wanted:
                quals["precision"], _, rest = matching[0].quals.partition(" ")
                quals.setdefault("sparsity", rest.split(" ")[0] if rest else "")
                item.notes.append(f"precision {quals['precision']} read from the stated {amount.text}")
        item.values.append(matching[0] if matching else checks[0])
    if metric == "power" and _all_in(kb, picked["subject"][0]) or metric == "power" and _all_in(kb, picked["baseline"][0]):
        metric = "power_all_in"
        item.notes.append("power of a system read as its all-in power (chips, CPUs, switches), what a rack draws")
    if not f.amounts:
        picked["subject"], picked["baseline"] = _like_for_like(names, picked["subject"], picked["baseline"])
    fact = _fact(item, f, picked["subject"][0], picked["baseline"][0], metric, quals)
    fact = _on_a_known_basis(item, fact, stored) or _open_qualifiers(item, fact, kb)
    if f.subject_from == "context" and f.baseline_from == "context":
        fact = _order_from_figures(item, fact, kb, options)
    item.claim = fact
    try:
        item.result = check(kb, fact, options)
        if item.result.primary.computed is None and options.as_of and options.as_of == item_date(item):
            today = check(kb, fact, replace(options, as_of=None))
            if today.primary.computed is not None:
                item.notes.append(f"no source dated on or before {options.as_of} gives both values: checked on "
                                  "today's data (give --as-of to insist on the date)")
                item.result = today
    except ChipDBError as exc:
        item.reason = str(exc)
        return
    for s in picked["subject"]:
        for b in picked["baseline"]:
            if (s, b) == (fact.subject, fact.baseline) or s == b:
                continue
            try:
                other = check(kb, replace(fact, subject=s, baseline=b), options).primary
            except ChipDBError as exc:
                item.alternatives.append(Alternative(s, b, None, UNCHECKABLE, str(exc)))
                continue
            why = " and ".join(f"{m.text!r} as {names.devices[d].name}" for m, d, first in
                               ((f.subject, s, picked["subject"][0]), (f.baseline, b, picked["baseline"][0])) if d != first)
            item.alternatives.append(Alternative(s, b, other.computed, other.verdict, f"reading {why}"))


def _on_a_known_basis(item: TextClaim, fact: ClaimFact, stored) -> ClaimFact | None:
    """The same claim as one the database holds (devices, metric, stated value): checked on the
    basis recorded with it (its sources, its assumed qualifiers)."""
    for known in stored:
        if ((known.subject, known.baseline, known.metric, known.kind) == (fact.subject, fact.baseline, fact.metric, fact.kind)
                and known.stated_ratio() == fact.stated_ratio() and (known.assumptions or known.basis)):
            item.notes.append(f"the same claim as {known.key} ({known.source.key}): checked on its recorded basis"
                              + (f" ({', '.join(f'{k}={v}' for k, v in known.assumptions.items())})" if known.assumptions else ""))
            return replace(fact, assumptions=dict(known.assumptions), basis=known.basis)
    return None


def _order_from_figures(item: TextClaim, fact: ClaimFact, kb: Knowledge, options: Options) -> ClaimFact:
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


def _open_qualifiers(item: TextClaim, fact: ClaimFact, kb: Knowledge) -> ClaimFact:
    """What the text leaves open: a qualifier with one value on both sides takes it (an ICI link
    that both name one way); compute with no precision is read as dense BF16, the usual basis of
    AI compute headlines, when both sides have it. Every other value is a reading beside it."""
    from chipdb.domain.resolve import available_values

    wanted = metric_qualifiers(kb, fact.metric) if fact.metric in kb.metrics or fact.metric in vocab.DERIVED else ()
    assumed: dict[str, str] = {}
    for q in wanted:
        if q in ("precision", "sparsity", "engine") or fact.quals.get(q):
            continue
        try:
            values = available_values(kb, [fact.subject, fact.baseline], fact.metric, q)
        except (ChipDBError, KeyError):
            values = []
        if len(values) == 1:
            assumed[q] = values[0]
            item.notes.append(f"{q} not named: both sides give {values[0]} figures")
    if assumed:
        fact = replace(fact, assumptions={**fact.assumptions, **assumed})
    if fact.metric != "compute" or fact.quals.precision:
        return fact
    have = [{f.quals.precision for f in kb.facts_for(d, "compute") if f.valued} | _part_precisions(kb, d)
            for d in (fact.subject, fact.baseline)]
    if all("bf16" in h for h in have):
        item.notes.append("no precision named: read as dense BF16, the usual basis of AI compute headlines")
        return replace(fact, assumptions={**fact.assumptions, "precision": "bf16",
                                          **({} if fact.quals.sparsity else {"sparsity": "dense"})})
    return fact


def _part_precisions(kb: Knowledge, device: str) -> set[str]:
    out: set[str] = set()
    for part in kb.parts.get(device, []):
        out |= {f.quals.precision for f in kb.facts_for(part.part, "compute") if f.valued} | _part_precisions(kb, part.part)
    return out


def item_date(item: TextClaim) -> str | None:
    return getattr(item, "date", None)


def _platform_words(names: Gazetteer, slug: str) -> set[str]:
    """The words of a device's name that say which platform it is in ("HGX", "GB200"), beside its own."""
    device = names.devices.get(slug)
    if device is None:
        return set()
    inside = " ".join(re.findall(r"\(([^)]*)\)", device.name)).lower()
    words = set(re.findall(r"[a-z]+", inside))
    return {w for w in words if not w.startswith(("b", "h")) or w in ("hgx",)} | ({"gb"} if re.search(r"\bgb\d", inside) else set())


def _like_for_like(names: Gazetteer, subjects: list[str], baselines: list[str]) -> tuple[list[str], list[str]]:
    """Among the devices two names may mean, the pair on the same platform first (HGX B300 with
    HGX B200, the GB300's B300 with the GB200's B200)."""
    pairs = [(i + j - 2 * len(_platform_words(names, s) & _platform_words(names, b)), i, j)
             for i, s in enumerate(subjects) for j, b in enumerate(baselines)]
    _, i, j = min(pairs)
    return ([subjects[i]] + [s for s in subjects if s != subjects[i]],
            [baselines[j]] + [b for b in baselines if b != baselines[j]])


def _compared_with(names: Gazetteer, others: list[str], vendor: str, stored, side: str) -> list[str]:
    """A device named by its vendor only ("英伟达方案"): the one of that vendor that the
    database's claims compare the other side with."""
    found: list[str] = []
    for known in stored:
        mine, theirs = (known.baseline, known.subject) if side == "baseline" else (known.subject, known.baseline)
        device = names.devices.get(mine)
        if theirs in others[:1] and device is not None and device.vendor == vendor:
            found.append(mine)
    return [slug for slug, _ in sorted(((s, -found.count(s)) for s in dict.fromkeys(found)), key=lambda x: x[1])]


_BANDWIDTHS = ("memory_bandwidth", "scaleup_bandwidth", "scaleout_bandwidth")


def _metric_from_amounts(item: TextClaim, f: Found, kb: Knowledge, picked: dict, metric: str) -> str:
    """"网络带宽达到269TB/s": which bandwidth the words mean is read from the stated figure, when
    it matches a statement of another kind of bandwidth and not the one the words suggest."""
    if metric not in _BANDWIDTHS:
        return metric
    for amount, owner in f.amounts:
        side = amount.side or ("subject" if owner is f.subject else "baseline" if owner is f.baseline else "")
        if not side or amount.metric != "memory_bandwidth":
            continue
        slug = picked[side][0]

        def matches(m: str) -> bool:
            return any(x.valued and abs(x.value - amount.value) <= MATCH * x.value for x in kb.facts_for(slug, m))

        if not matches(metric):
            other = next((m for m in _BANDWIDTHS if m != metric and matches(m)), None)
            if other:
                item.notes.append(f"{f.metric_word!r} read as {other}: the stated {amount.text} is that figure")
                return other
    return metric


def _all_in(kb: Knowledge, slug: str) -> bool:
    """A system with no chip power of its own but an all-in figure."""
    return (kb.devices.get(slug) is not None and kb.devices[slug].kind == "system"
            and not any(f.valued for f in kb.facts_for(slug, "power"))
            and any(f.valued for f in kb.facts_for(slug, "power_all_in")))


def _fact(item: TextClaim, f: Found, subject: str, baseline: str, metric: str, quals: dict[str, str]) -> ClaimFact:
    cue = f.cue
    wording = {"more": "times_more", "tisheng": "zh_tisheng"}.get(cue.kind, "")
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
    return ClaimFact("text", item.words, source, "", subject, baseline, metric, q, kind, stated, tolerance,
                     wording=wording, bound=cue.bound)


def _printed(number: str, value: float | None) -> str:
    """The number as printed when it is digits ("1.70" keeps its precision), else its value."""
    text = number.replace(",", "").strip()
    try:
        float(text)
        return text
    except ValueError:
        return f"{value:g}" if value is not None else "0"


def _printed_fraction(number: str, value: float | None) -> str:
    """"20%" of B -> 0.20, keeping the printed precision as a ratio."""
    from decimal import Decimal

    try:
        return str(Decimal(number.replace(",", "").strip()) / 100)
    except ArithmeticError:
        return f"{(value or 0) / 100:g}"


def _value_check(kb: Knowledge, slug: str, amount, quals: dict[str, str], options: Options) -> ValueCheck:
    """Does the device have a statement (or a resolved value) near the stated amount?"""
    wanted_precision = quals.get("precision", "")
    best = None
    for fact in kb.facts_for(slug, amount.metric):
        if not fact.valued or (wanted_precision and fact.quals.precision not in ("", wanted_precision)):
            continue
        gap = abs(fact.value - amount.value) / max(abs(fact.value), 1e-30)
        if best is None or gap < best[0]:
            best = (gap, fact)
    if best is not None and best[0] <= MATCH:
        fact = best[1]
        return ValueCheck(amount.text, slug, amount.metric, amount.value, fact.value, "consistent",
                          fact.quals.text(), fact.source.key)
    try:
        q = Quals(**{k: quals.get(k, "") for k in vocab.QUALIFIERS})
        resolved = resolve(kb, slug, amount.metric, q, options)
        verdict = "consistent" if abs(resolved.value - amount.value) <= MATCH * abs(resolved.value) else "differs"
        return ValueCheck(amount.text, slug, amount.metric, amount.value, resolved.value, verdict, q.text())
    except (ChipDBError, UsageError, KeyError) as exc:
        closest = best[1].value if best else None
        return ValueCheck(amount.text, slug, amount.metric, amount.value, closest,
                          "differs" if closest is not None else "not checkable", "", str(exc)[:120] if closest is None else "")
