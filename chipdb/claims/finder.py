"""Finding the comparisons in a text: each ratio, percentage or direction a sentence states
("1.7x", "58% faster", "almost double", "提升了2.1倍", "较其提升107%", "低于"), with the devices
it compares, the metric, the qualifiers and any absolute values stated beside it.

Pure over a ``Gazetteer`` (the device names) and the grammar files: no database. One pass a
sentence: device names, cues, metric and qualifier words, amounts and workload words are found
first; then each cue takes its metric from its own stretch of the sentence (between the cues
around it) and its devices from the sentence's roles (a device after "than", "of", "比", "相比"
is the baseline) or from the text before it ("it", "其").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from chipdb.claims import grammar
from chipdb.claims.folding import CJK, Folded, sentences
from chipdb.claims.grammar import NUM, Language
from chipdb.claims.names import Gazetteer

MASK = "\u00a7"  # device names are masked so the digits in "GB200 NVL72" are never read as a ratio


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    candidates: tuple[str, ...]
    noun: str = ""  # accelerator | system | superchip: what the words after the name say it is
    pronoun: bool = False
    counted: bool = False  # "384颗昇腾NPU", "72 Blackwell GPUs": a part being counted, not a side
    family: bool = False  # a family name ("Blackwell Ultra"): several devices
    vendor: str = ""  # "英伟达方案", "Nvidia's system": a vendor's device named by its vendor only


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str  # ratio | more | tisheng | percent_more | percent_less | percent_of | direction
    number: str  # as printed ("1.7", "两", "58"); "" for a direction or a fixed word ("double")
    value: float | None
    bound: str  # "" (as printed), approx, below, over, at_least, up_to, under
    direction: str = ""
    text: str = ""
    high: float | None = None  # a range's upper end ("20-30%", "1/6到1/15")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: float  # in chipdb's SI unit
    metric: str
    text: str
    side: str = ""  # "15 vs 9 PFLOPS": the first is the subject's, the second the baseline's


@dataclass
class Found:
    """One comparison read from the text (positions in the folded text)."""

    start: int
    end: int
    sentence: tuple[int, int]
    cue: Cue
    subject: Mention | None = None
    baseline: Mention | None = None
    subject_from: str = "text"  # text | context | option
    baseline_from: str = "text"
    metric: str = ""
    metric_word: str = ""
    metric_at: int = -1  # where the metric word stands in the sentence
    quals: dict[str, str] = field(default_factory=dict)
    amounts: list[tuple[Amount, Mention | None]] = field(default_factory=list)
    also: list[str] = field(default_factory=list)  # more metrics the same figure is stated for
    problem: str = ""  # why it cannot be checked as read
    not_spec: str = ""  # why it is not a claim about a specification


@dataclass
class Context:
    """What earlier sentences said: who "it" and "其" are, and which device of each vendor was
    named last ("英伟达方案")."""

    subject: Mention | None = None
    baseline: Mention | None = None
    given_subject: Mention | None = None
    given_baseline: Mention | None = None
    by_vendor: dict[str, Mention] = field(default_factory=dict)
    recent: list[Mention] = field(default_factory=list)  # devices named so far, in order


def find(folded: Folded, names: Gazetteer, context: Context | None = None) -> list[Found]:
    context = context or Context()
    out: list[Found] = []
    for a, b in sentences(folded.text):
        out += _sentence(folded.text, a, b, names, context)
    return out


# -- one sentence ---------------------------------------------------------------------------------


def _sentence(text: str, a: int, b: int, names: Gazetteer, context: Context) -> list[Found]:
    s = text[a:b]
    lang = grammar.language("zh" if CJK.search(s) else "en")
    mentions = _mentions(s, names, lang, context)
    masked = _mask(s, mentions)
    cues = _cues(masked, lang)
    if not cues:
        _remember(context, mentions, masked, lang)
        return []
    metrics = _metric_hits(masked, lang)
    quals = _qualifier_hits(masked, lang)
    amounts = _amounts(masked)
    workloads = _workload_hits(masked, lang)
    found: list[Found] = []
    pending: list[Found] = []
    for i, cue in enumerate(cues):
        lo = cues[i - 1].end if i else 0
        hi = cues[i + 1].start if i + 1 < len(cues) else len(s)
        f = Found(cue.start, cue.end, (a, b), cue)
        _roles(f, s, mentions, lo, hi, lang, context, found)
        if f.subject is None and f.baseline is None:
            continue  # no device in sight: a price, a share, a market move
        _metric(f, masked, metrics, amounts, workloads, lo, hi, lang)
        _qualifiers(f, quals, lo, hi, masked)
        f.amounts = [(amt, _owner(amt, mentions, s)) for amt in amounts if lo <= amt.start < hi
                     or (f.metric and amt.metric == _base_metric(f.metric) and not _in_other_window(amt, cues, i))]
        _check_arithmetic(f)
        for metric in f.also:  # the same figure for a second metric: a claim of its own
            twin = Found(f.start, f.end, f.sentence, f.cue, f.subject, f.baseline, f.subject_from, f.baseline_from,
                         metric, metric, f.metric_at, dict(f.quals), [], [], f.problem, f.not_spec)
            pending.append(twin)
        spans = [f.cue.start, f.cue.end] + [p for p in (f.metric_at,) if p >= 0]
        for m, source in ((f.subject, f.subject_from), (f.baseline, f.baseline_from)):
            if m is not None and source == "text" and lo <= m.start < hi and m.end <= len(s):
                spans += [m.start, m.end]
        f.start, f.end = a + min(spans), a + max(spans)
        found.append(f)
        for twin in pending:
            twin.start, twin.end = f.start, f.end
            found.append(twin)
        pending.clear()
        if f.subject is not None and not f.subject.pronoun:
            context.subject = f.subject
        if f.baseline is not None and not f.baseline.pronoun:
            context.baseline = f.baseline
    if not found:
        _remember(context, mentions, masked, lang)
    else:
        context.recent.extend(m for m in mentions if not m.pronoun and not m.counted and m.candidates)
    return found


def _remember(context: Context, mentions: list[Mention], masked: str, lang: Language) -> None:
    """A sentence with no comparison still says who later ones are about: its first device (or,
    when it sets two against each other, "A has X, whereas B has Y", the last one)."""
    named = [m for m in mentions if not m.pronoun and not m.counted and m.candidates and not m.vendor]
    if named:
        contrast = any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", masked) for w in lang.contrasts)
        context.subject = named[-1] if contrast and len(named) > 1 else named[0]
        if contrast and len(named) > 1:
            context.baseline = named[0]
    context.recent.extend(named)


def _mentions(s: str, names: Gazetteer, lang: Language, context: Context) -> list[Mention]:
    from chipdb.claims.names import FAMILY

    out = []
    taken = [False] * len(s)
    counter = "|".join(re.escape(c) for c in lang.counters)
    counted = re.compile(rf"(?<![a-z0-9.])\d[\d,]*\s*(?:{counter})?\s*(?:[a-z]+\s+)?$" if counter else r"(?<![a-z0-9.])\d[\d,]*\s+$")
    for m in names.regex().finditer(s):
        after = s[m.end():m.end() + 16].lstrip()
        candidates = tuple(names.candidates(m.group(0)))
        mention = Mention(m.start(), m.end(), m.group(0), candidates, _noun(after, lang),
                          counted=bool(counted.search(s[max(0, m.start() - 12):m.start()])),
                          family=names.rank(m.group(0)) == FAMILY)
        out.append(mention)
        for slug in candidates[:1]:
            device = names.devices.get(slug)
            if device is not None and not mention.counted:
                context.by_vendor[device.vendor] = mention
        for k in range(m.start(), m.end()):
            taken[k] = True
    out += _vendor_references(s, names, lang, context, taken)
    for m in lang.pronouns.finditer(s):
        if not any(taken[m.start():m.end()]) and _word_start(s, m.start(), lang):
            out.append(Mention(m.start(), m.end(), m.group(0), (), pronoun=True))
    return sorted(out, key=lambda x: x.start)


def _vendor_references(s: str, names: Gazetteer, lang: Language, context: Context, taken: list[bool]) -> list[Mention]:
    """"英伟达方案", "Nvidia's system": the device of that vendor named last in the text, else one
    the database's claims compare with (resolved by the reader)."""
    nouns = [n for n in (*lang.system_nouns, *lang.accelerator_nouns) if len(n) > 1]
    if not nouns or not names.vendor_words:
        return []
    vendors = "|".join(re.escape(v) for v in names.vendor_words)
    tails = "|".join(map(re.escape, nouns + [v for v in lang.vendor_verbs if v not in nouns]))
    rx = re.compile(rf"(?<![a-z0-9])(?P<v>{vendors})(?:'s)?\s*(?:的)?\s*(?:{tails})(?![a-z])")
    out = []
    for m in rx.finditer(s):
        if any(taken[m.start():m.end()]):
            continue
        vendor = names.vendor_key(m.group("v"))
        earlier = context.by_vendor.get(vendor)
        end = m.start("v") + len(m.group("v")) if m.group(0).rstrip().endswith(lang.vendor_verbs) else m.end()
        out.append(Mention(m.start(), end, s[m.start():end], earlier.candidates if earlier else (), "system", vendor=vendor))
    return out


def _word_start(s: str, i: int, lang: Language) -> bool:
    return lang.code == "zh" or i == 0 or not s[i - 1].isalnum()


def _noun(after: str, lang: Language) -> str:
    after = after.lower()
    for kind, nouns in (("superchip", lang.superchip_nouns), ("accelerator", lang.accelerator_nouns),
                        ("system", lang.system_nouns)):
        for noun in nouns:
            if after.startswith(noun) and (lang.code == "zh" or not after[len(noun):len(noun) + 1].isalpha()):
                return kind
    return ""


def _mask(s: str, mentions: list[Mention]) -> str:
    chars = list(s)
    for m in mentions:
        if not m.pronoun:
            chars[m.start:m.end] = MASK * (m.end - m.start)
    return "".join(chars)


# -- cues -------------------------------------------------------------------------------------------


def _cues(masked: str, lang: Language) -> list[Cue]:
    taken = [False] * len(masked)
    cues = []
    for p in lang.ratios:
        for m in p.regex.finditer(masked):
            if any(taken[m.start():m.end()]):
                continue
            number = m.groupdict().get("n") or ""
            if number and MASK in number:
                continue
            if "dev" in m.groupdict() and MASK not in (m.group("dev") or ""):
                continue  # "比肩" is not "比 <device>"
            value = p.value if p.value is not None else grammar.number(number, lang)
            if value is None:
                continue
            kind, high = p.kind, None
            if kind == "range":
                kind, low, high = _range(masked, m, lang)
                if kind is None or low is None or high is None or high <= low:
                    continue
                value = low
            number_start = m.start("n") if m.groupdict().get("n") else m.start()
            bound = _bound(masked, m.start(), number_start, m.end(), lang)
            if p.kind == "direction" and _inside_comparison_number(masked, m, lang):
                continue
            cues.append(Cue(m.start(), m.end(), kind, number, float(value), bound, p.direction, m.group(0), high))
            for k in range(m.start(), m.end()):
                taken[k] = True
    cues.sort(key=lambda c: c.start)
    return _shared_hedges(masked, cues, lang)


def _shared_hedges(masked: str, cues: list[Cue], lang: Language) -> list[Cue]:
    """A hedge before a list of coordinated figures covers them all: "差不多在总算力上提升了1.7倍,
    在内存总带宽上提升了2.1倍" is "about" twice; "about 2x the compute and 3x the memory" too."""
    out: list[Cue] = []
    for cue in cues:
        prev = out[-1] if out else None
        if (not cue.bound and prev is not None and prev.bound in ("approx", "below") and prev.kind == cue.kind
                and MASK not in masked[prev.end:cue.start]):
            cue = Cue(cue.start, cue.end, cue.kind, cue.number, cue.value, prev.bound, cue.direction, cue.text)
        out.append(cue)
    return out


_UP = re.compile(r"(?:提升|提高|增加|增长|高出|多出|超出|more|higher|faster|increase|greater)\W{0,3}$")
_DOWN = re.compile(r"(?:降低|下降|减少|less|lower|slower|fewer|reduction)\W{0,3}$")


def _range(masked: str, m: re.Match, lang: Language) -> tuple[str | None, float | None, float | None]:
    """"20–30%", "1.5-2x", "1/6到1/15": the kind of the figure and the range's other end."""
    low_text, high_text, unit = m.group("n"), m.group("n2"), (m.group("unit") or "").lower()
    if not unit and not ("/" in low_text and "/" in high_text):
        return None, None, None
    high = grammar.number(high_text, lang)
    low = grammar.number(low_text, lang)
    if high is None or low is None:
        return None, None, None
    if low > high:  # "1/6到1/15" runs downwards
        low, high = high, low
    if unit == "%":
        before = masked[max(0, m.start() - 12):m.start()].lower()
        after = masked[m.end():m.end() + 10].lower()
        if _UP.search(before) or re.match(r"\s*(?:more|higher|faster|uplift|increase|improvement|gain|boost)", after):
            return "percent_more", low, high
        if _DOWN.search(before) or re.match(r"\s*(?:less|lower|slower)", after):
            return "percent_less", low, high
        return "percent_of", low, high
    return "ratio", low, high


def _inside_comparison_number(masked: str, m: re.Match, lang: Language) -> bool:
    """"高于" in "提升幅度高于20%" is a hedge, not a direction."""
    return bool(re.match(rf"\s*(?:约|近)?{NUM}\s*(?:%|倍|x|×|times)", masked[m.end():m.end() + 12]))


def _bound(masked: str, start: int, number_start: int, end: int, lang: Language) -> str:
    before = masked[max(0, start - 18):number_start].lower().rstrip()
    after = masked[end:end + 6].lower()
    inside_after = masked[number_start:end].lower()
    for bound, words in lang.hedges.items():
        for w in sorted(words, key=len, reverse=True):
            if before.endswith(w) and (lang.code == "zh" or len(before) == len(w) or not before[-len(w) - 1].isalpha()):
                return bound
    if lang.code == "zh":  # a hedge may stand before the verb: "差不多在总算力上提升了1.7倍"
        clause = re.split(r"[,;:。]", masked[max(0, start - 24):start])[-1]
        for bound, words in lang.hedges.items():
            if any(len(w) > 1 and w in clause for w in words):
                return bound
    for bound, words in lang.after_hedges.items():
        for w in words:
            if after.lstrip().startswith(w) or inside_after.endswith(w):
                return bound
    return ""


# -- words ------------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _word_regex(words: tuple[str, ...], latin: bool) -> re.Pattern:
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])" if latin else f"(?:{alternation})", re.I)


def _hits(masked: str, words: tuple[str, ...], lang: Language) -> list[tuple[int, int, str]]:
    regexes = [_word_regex(words, True)] if lang.code == "en" else [_word_regex(words, False)]
    out = []
    for rx in regexes:
        out += [(m.start(), m.end(), m.group(0).lower()) for m in rx.finditer(masked)]
    return out


def _metric_hits(masked: str, lang: Language) -> list[tuple[int, int, grammar.MetricWord]]:
    langs = [lang] if lang.code == "en" else [lang, grammar.language("en")]
    out, taken = [], [False] * len(masked)
    for lg in langs:
        by_word = {w.word: w for w in lg.metric_words}
        for a, b, w in _hits(masked, tuple(by_word), lg):
            if not any(taken[a:b]):
                out.append((a, b, by_word[w]))
                for k in range(a, b):
                    taken[k] = True
    return sorted(out, key=lambda h: h[0])


def _qualifier_hits(masked: str, lang: Language) -> list[tuple[int, str, str]]:
    """(position, qualifier, value) for every precision and sparsity word."""
    out = []
    langs = [lang] if lang.code == "en" else [lang, grammar.language("en")]
    for lg in langs:
        for table, q in ((lg.precision_words, "precision"), (lg.sparsity_words, "sparsity")):
            for a, _, w in _hits(masked, tuple(table), grammar.language("en") if w_is_latin(table) else lg):
                out.append((a, q, table[w]))
    return sorted(set(out))


def w_is_latin(table: dict[str, str]) -> bool:
    return all(w.isascii() for w in table)


def _workload_hits(masked: str, lang: Language) -> list[int]:
    langs = [lang] if lang.code == "en" else [lang, grammar.language("en")]
    return sorted(a for lg in langs for a, _, _ in _hits(masked, lg.workload_words, lg))


def _amounts(masked: str) -> list[Amount]:
    units = grammar.amount_units()
    alternation = "|".join(re.escape(u.unit) for u in units)
    rx = re.compile(rf"(?<![0-9a-z.,])(?P<n>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<u>{alternation})(?![a-z])", re.I)
    by_unit = {u.unit: u for u in units}
    out = []
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    pair = re.compile(rf"(?<![0-9a-z.,])(?P<a>{number})\s*(?P<ua>{alternation})?\s*(?:vs\.?|versus|compared to|against|对比|对)\s*"
                      rf"(?P<b>{number})\s*(?P<u>{alternation})(?![a-z])", re.I)
    paired = []
    for m in pair.finditer(masked):
        unit = by_unit[m.group("u").lower()]
        first = by_unit[m.group("ua").lower()] if m.group("ua") else unit
        out.append(Amount(m.start("a"), m.end("a"), float(m.group("a").replace(",", "")) * first.factor, first.metric,
                          m.group("a") + " " + (m.group("ua") or m.group("u")), "subject"))
        out.append(Amount(m.start("b"), m.end(), float(m.group("b").replace(",", "")) * unit.factor, unit.metric,
                          masked[m.start("b"):m.end()], "baseline"))
        paired.append((m.start(), m.end()))
    for m in rx.finditer(masked):
        if any(a <= m.start() < b for a, b in paired):
            continue
        unit = by_unit[m.group("u").lower()]
        out.append(Amount(m.start(), m.end(), float(m.group("n").replace(",", "")) * unit.factor, unit.metric, m.group(0)))
    return sorted(out, key=lambda x: x.start)


# -- roles ------------------------------------------------------------------------------------------

_ARTICLES = re.compile(r"(?:\b(?:the|a|an|its|their|each|every|single|one|nvidia|amd|intel|google|aws|amazon|huawei|"
                       r"microsoft|meta|cambricon)(?:'s)?\s*|'s\s*|[\"“”(]\s*)$")
_CLAUSE = re.compile(r"[,;:，；：。!?]|\band\b|\bbut\b|\bwhile\b|\bwhich\b|\bwith\b")


@lru_cache(maxsize=None)
def _anywhere(pattern: re.Pattern) -> re.Pattern:
    """A pattern anchored at the end ("…比$"), found anywhere in a clause instead."""
    return re.compile(pattern.pattern.rstrip("$").replace(r"\s*", ""), pattern.flags)


def _is_baseline(s: str, m: Mention, lang: Language) -> bool:
    if lang.code == "en":
        before = s[max(0, m.start - 80):m.start]
        for _ in range(4):
            stripped = _ARTICLES.sub("", before.rstrip())
            if stripped == before.rstrip():
                break
            before = stripped
        before = before.rstrip()
        if lang.baseline_before.search(before):
            return True
        # an apposition: "compared to its predecessor, the MI300X"
        head = re.sub(r"(?:\s+[a-z'\-]+){1,3}\s*,$", "", before)
        return head != before and bool(lang.baseline_before.search(head))
    clause = re.split(r"[,;:，；：。]", s[max(0, m.start - 14):m.start])[-1]
    clause = clause.split(MASK)[-1]
    if _anywhere(lang.baseline_before).search(clause):
        return True
    # "与B相比" (but not "A相比B"): the baseline stands between 与/和 and 相比
    return bool(lang.baseline_after and lang.baseline_after.match(s[m.end:m.end + 6])
                and re.search(r"[与和跟同]\s*$", clause))


def pronouns_before(mentions: list[Mention], cue: Cue) -> bool:
    return any(m.pronoun and m.end <= cue.start for m in mentions)


def _roles(f: Found, s: str, mentions: list[Mention], lo: int, hi: int, lang: Language, context: Context,
           earlier: list[Found]) -> None:
    named = [m for m in mentions if not m.pronoun and not m.counted]
    if any(not m.family for m in named):
        named = [m for m in named if not m.family]
    marked = {id(m): _is_baseline(s, m, lang) for m in mentions}
    cue = f.cue
    in_window = [m for m in named if lo <= m.start < hi]
    previous = earlier[-1] if earlier and earlier[-1].sentence == f.sentence else None
    if previous is not None and not in_window and previous.subject is not None and previous.baseline is not None:
        # "..., 2.1x the memory bandwidth and 3.6x the capacity": the same pair again
        f.subject, f.baseline = previous.subject, previous.baseline
        f.subject_from, f.baseline_from = previous.subject_from, previous.baseline_from
        return
    # the baseline: a device the words mark ("than B", "of B", "比B", "与B相比"), nearest the cue
    baselines = [m for m in in_window if marked[id(m)]]
    inside = [m for m in named if cue.start <= m.start < cue.end]
    if cue.kind == "direction" and lang.code == "zh" and inside:
        baselines = inside
    baseline = min(baselines, key=lambda m: abs(m.start - cue.start), default=None)
    before = [m for m in named if m.end <= cue.start]
    if baseline is None and lang.code == "en":
        after = [m for m in in_window if m.start >= cue.end]
        if after and (before or pronouns_before(mentions, cue)):
            baseline = after[0]
    if baseline is None and lang.code == "zh" and len([m for m in before if lo <= m.start or m is before[0]]) >= 2:
        baseline = before[-1]
    if baseline is None:
        marked_anywhere = [m for m in named if marked[id(m)]]
        baseline = min(marked_anywhere, key=lambda m: abs(m.start - cue.start), default=None)
    subjects = [m for m in named if m is not baseline and not marked[id(m)]]
    subject = (max((m for m in subjects if m.end <= cue.start and lo <= m.start), key=lambda m: m.start, default=None)
               or max((m for m in subjects if m.end <= cue.start), key=lambda m: m.start, default=None)
               or min(subjects, key=lambda m: m.start, default=None))
    pronouns = [m for m in mentions if m.pronoun and m.end <= hi]
    if baseline is None:
        previous = earlier[-1] if earlier and earlier[-1].sentence == f.sentence else None
        if previous is not None and previous.baseline is not None:
            baseline, f.baseline_from = previous.baseline, previous.baseline_from
        elif context.given_baseline is not None:
            baseline, f.baseline_from = context.given_baseline, "option"
        elif any(lang.baseline_pronouns.match(s, m.start) for m in pronouns) and context.baseline is not None:
            baseline, f.baseline_from = context.baseline, "context"
    vendor_refs = [m for m in mentions if m.vendor and m.candidates and m is not baseline]
    if subject is None and vendor_refs:
        subject = vendor_refs[0]
    if subject is None:
        previous = earlier[-1] if earlier and earlier[-1].sentence == f.sentence else None
        if previous is not None and previous.subject is not None:
            subject, f.subject_from = previous.subject, previous.subject_from
        elif context.given_subject is not None:
            subject, f.subject_from = context.given_subject, "option"
        elif context.subject is not None and (baseline is None or set(context.subject.candidates) != set(baseline.candidates)):
            subject, f.subject_from = context.subject, "context"
    if baseline is None and subject is not None:
        if context.given_baseline is not None:
            baseline, f.baseline_from = context.given_baseline, "option"
        elif context.baseline is not None and set(context.baseline.candidates) != set(subject.candidates):
            baseline, f.baseline_from = context.baseline, "context"
        else:
            others = [m for m in context.recent if set(m.candidates) != set(subject.candidates)]
            if others:
                baseline, f.baseline_from = others[-1], "context"
    if subject is not None and baseline is not None and (subject is baseline or subject.candidates
                                                         and set(subject.candidates) == set(baseline.candidates)):
        f.problem = f"compares {subject.text!r} with itself"
    f.subject, f.baseline = subject, baseline
    if (subject is None) != (baseline is None) and (subject or baseline) is not None:
        missing = "subject" if subject is None else "baseline"
        f.problem = f"names no {missing} device (give it with --{missing})"


# -- metric and qualifiers --------------------------------------------------------------------------


def _metric(f: Found, s: str, hits, amounts: list[Amount], workloads: list[int], lo: int, hi: int,
            lang: Language) -> None:
    cue = f.cue
    window = [h for h in hits if lo <= h[0] < hi and not (cue.start <= h[0] < cue.end)]

    def distance(h) -> float:
        """English names the metric after the figure ("2x the memory bandwidth") or before it
        ("memory bandwidth is 2x"); Chinese before it ("内存带宽是…的2倍")."""
        after = h[0] >= cue.end
        d = h[0] - cue.end if after else cue.start - h[1]
        if lang.code == "en":
            return d if (after and d <= 30) else d + 40 if not after else d + 80
        return d if not after else d + 100

    chosen = min(window, key=distance, default=None)
    spec_near = _spec_words_near(s, chosen, lang) if chosen else False
    window_amounts = [a for a in amounts if lo <= a.start < hi]
    if chosen is not None and chosen[2].weak and not spec_near:
        compute_amount = any(a.metric == "compute" for a in window_amounts)
        if not compute_amount:
            f.not_spec = f"compares {chosen[2].word!r}, a workload or benchmark word, not a specification"
            f.metric_word = chosen[2].word
            return
    if chosen is None and window_amounts:
        amount = min(window_amounts, key=lambda a: abs(a.start - cue.start))
        f.metric, f.metric_word = amount.metric, amount.text
    elif chosen is None:
        strong = {h[2].metric for h in hits if not h[2].weak}
        if len(strong) == 1:
            chosen = next(h for h in hits if not h[2].weak)
        elif workloads:
            f.not_spec = "compares a workload (benchmark, model or task), not a specification"
            return
        else:
            f.not_spec = "names no specification metric"
            return
    if chosen is not None:
        f.metric, f.metric_word = chosen[2].metric, chosen[2].word
        if lo <= chosen[0] < hi:
            f.metric_at = chosen[0]
        joined = [h for h in window if h is not chosen and h[2].metric != chosen[2].metric and not h[2].weak
                  and re.fullmatch(r"\s*(?:and|&|和|与|及|、|/)\s*", s[min(h[1], chosen[1]):max(h[0], chosen[0])] or "x")]
        f.also = [h[2].metric for h in joined]  # "doubled the capacity and bandwidth": each is a claim
    if chosen is not None and chosen[1] <= cue.start and _caused(s[chosen[1]:cue.start], lang):
        f.not_spec = f"compares an effect of the {chosen[2].word} (what follows {chosen[2].word!r}), not a specification"
        return
    if chosen is not None and chosen[2].weak and any(lo <= w < hi for w in workloads):
        f.not_spec = "compares a workload (benchmark, model or task), not a specification"
    elif any(lo <= w < hi and (chosen is None or abs(w - cue.start) < abs(chosen[0] - cue.start)) for w in workloads):
        f.not_spec = "compares a workload (benchmark, model or task), not a specification"


def _caused(between: str, lang: Language) -> bool:
    words = set(lang.causes) | set(grammar.language("en").causes)
    return any((w in between) if not w.isascii() else re.search(rf"\b{re.escape(w)}\b", between) for w in words)


def _spec_words_near(s: str, hit, lang: Language) -> bool:
    before = s[max(0, hit[0] - 24):hit[0]].lower()
    words = set(lang.spec_words) | set(grammar.language("en").spec_words)
    return any(w in before for w in words) or bool(re.search(r"\b(?:bf16|fp\d+|int\d+|tf32)\b", before))


def _qualifiers(f: Found, quals: list[tuple[int, str, str]], lo: int, hi: int, s: str = "") -> None:
    """Each qualifier from the words nearest the metric (or the figure): "dense FP4 performance is
    66.67% faster ..., FP8 +11.1%" gives each figure its own precision. Two different values side by
    side ("bf16 fp16 compute") are a contradiction, not a choice."""
    anchor = f.metric_at if f.metric_at >= 0 else f.cue.start
    for q in ("precision", "sparsity"):
        local = sorted(((abs(pos - anchor), pos, v) for pos, qq, v in quals if qq == q and lo <= pos < hi))
        everywhere = {v for _, qq, v in quals if qq == q}
        if local:
            _, pos, value = local[0]
            clash = [v for d, p, v in local[1:] if v != value and abs(p - pos) <= 8 and d - local[0][0] <= 8
                     and "/" not in s[min(p, pos):max(p, pos)] and "、" not in s[min(p, pos):max(p, pos)]]
            if clash and not f.problem:
                f.problem = f"names more than one {q} ({', '.join(sorted({value, *clash}))})"
            f.quals[q] = value
        elif len(everywhere) == 1:
            f.quals[q] = next(iter(everywhere))


def _owner(amount: Amount, mentions: list[Mention], s: str) -> Mention | None:
    """The device an amount belongs to: the name right before it ("H100's 3.35 TB/s",
    "B200的4500 TFLOPS"), else the nearest name before it."""
    before = [m for m in mentions if not m.pronoun and m.end <= amount.start]
    return max(before, key=lambda m: m.end, default=None)


def _in_other_window(amount: Amount, cues: list[Cue], i: int) -> bool:
    return any(j != i and abs(amount.start - c.start) < abs(amount.start - cues[i].start) for j, c in enumerate(cues))


def _base_metric(metric: str) -> str:
    return metric


def _check_arithmetic(f: Found) -> None:
    """A ratio of zero or below is no comparison: "0x", "100% less", "150% less"."""
    cue = f.cue
    if cue.kind in ("ratio", "more", "tisheng", "percent_of") and cue.value is not None and cue.value <= 0:
        f.problem = f"states a ratio of {cue.number or cue.value}, which compares nothing"
    if cue.kind == "percent_less" and cue.value is not None and cue.value >= 100:
        f.problem = f"states {cue.number}% less, which leaves nothing (or less than nothing) to compare"
