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
from dataclasses import replace

from chipdb.claims import grammar
from chipdb.claims.cues import amounts as find_amounts
from chipdb.claims.cues import cues as find_cues
from chipdb.claims.implied import contrasted, differences, implied, metric_by_values, orient_by_values, valued
from chipdb.claims import lists
from chipdb.claims.folding import CJK, Folded, sentences
from chipdb.claims.names import Gazetteer
from chipdb.claims.quantities import (LINKS, NO_METRIC, check_arithmetic, choose_metric, choose_qualifiers, in_other_window,
                                      measured, measured_hits, metric_hits, owner, qualifier_hits, workload_hits)
from chipdb.claims.mentions import mask
from chipdb.claims.mentions import mentions as find_mentions
from chipdb.claims.roles import is_baseline, latest_other, pronouns_before, remember, roles, same_device
from chipdb.claims.spans import Amount, Context, Found, Lone, Mention

__all__ = ["Context", "Found", "Mention", "find"]


def find(folded: Folded, names: Gazetteer, context: Context | None = None) -> list[Found]:
    context = context or Context()
    out: list[Found] = []
    parallel: list[Found] = []  # what two sentences in parallel imply, unless the next states it
    header: list[tuple[int, int, Mention | None]] = []  # a table's header cells, with the device each names
    for a, b in sentences(folded.text):
        before = context.lone
        cells = _cells(folded.text, a, b)
        if cells and len(cells) == len(header):
            got = _sentence(folded.text, a, b, names, context, columns=[
                (x, y, m) for (x, y), (_, _, m) in zip(cells, header) if m is not None])
        else:
            got = _sentence(folded.text, a, b, names, context)
            header = _header(folded.text, cells, names, context) if cells else []
        if parallel and not any(_devices(f) == _devices(parallel[0]) for f in got):
            out += parallel  # "… On paper, AMD delivers 2.4x the capacity": the figures were its evidence
        out += got
        parallel = []
        here = context.lone
        if (before is not None and here is not None and before.end == a and before.metrics & here.metrics
                and set(before.device.candidates) != set(here.device.candidates)):
            # "The L4 uses 24 GB GDDR6 and 72 W. The T4 offers 16 GB GDDR6 and 70 W.": two sentences in
            # parallel, each one device's values, set those values against each other
            aside = replace(context, recent=list(context.recent), by_vendor=dict(context.by_vendor))
            parallel = _sentence(folded.text, before.start, b, names, aside, parallel=(a, before.device, here.device))
    return out + parallel


# -- tables ---------------------------------------------------------------------------------------


def _cells(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The cells of a Markdown table row ("| TBP | 750 W | 700 W |", the outer bars optional), as
    spans; [] if it is none."""
    line = text[a:b].rstrip("\n")
    if line.count("|") < 2:
        return []
    bars = [a + k for k, ch in enumerate(line) if ch == "|"]
    if line.strip()[0] != "|":
        bars.insert(0, a + len(line) - len(line.lstrip()) - 1)
    if line.strip()[-1] != "|":
        bars.append(a + len(line.rstrip()))
    return [(x + 1, y) for x, y in zip(bars, bars[1:])]


def _devices(f: Found) -> set[frozenset[str]]:
    return {frozenset(m.candidates) for m in (f.subject, f.baseline) if m is not None}


def _header(text: str, cells: list[tuple[int, int]], names: Gazetteer, context: Context) -> list[tuple[int, int, Mention | None]]:
    """A table's header row: the device each column names ("| | MI300X | H200 |", None where it
    names none); [] when fewer than two columns name a device."""
    out: list[tuple[int, int, Mention | None]] = []
    for x, y in cells:
        cell = text[x:y]
        lang = grammar.language("zh" if CJK.search(cell) else "en")
        named = {m.candidates: m for m in find_mentions(cell, names, lang, replace(context, recent=[], by_vendor={}))
                 if m.candidates and not m.pronoun and not m.counted}
        out.append((x, y, next(iter(named.values())) if len(named) == 1 else None))
    return out if sum(m is not None for _, _, m in out) >= 2 else []


# -- one sentence ---------------------------------------------------------------------------------


def _alike(mentions: list[Mention], lone: Mention) -> Mention | None:
    """The mention in a joined sentence of the device one of its halves named alone."""
    return next((m for m in mentions if m.candidates == lone.candidates and not m.pronoun), None)


_CONDITION = re.compile(r"\b(?:at|for|under|within|on)\s*$")
_GAP = re.compile(r"差距|差异|相差|\bgap\b|\bdifference\b", re.I)


def _shared_values(f: Found, masked: str, amounts: list[Amount], hi: int) -> None:
    """"The A10 and A10G share the same GPU memory stats: 24 gigabytes … a memory bandwidth of 600
    gigabytes per second": an equality with a list of values after a colon is one for each metric."""
    colon = re.match(r"[^.;。；]{0,40}?[:：]", masked[f.cue.end:])
    if colon is None:
        return
    for x in amounts:
        if f.cue.end + colon.end() <= x.start < hi and x.metric != f.metric and x.metric not in f.also:
            f.also.append(x.metric)
            f.also_at.append(x.start)


def _precision_beside(masked: str, amount: Amount, quals: list[tuple[int, str, str]]) -> str:
    """The precision written right after a value ("485 TFLOPS FP8") or right before it ("FP16 Tensor
    性能约312 TFLOPS"), within its clause."""
    for at, q, value in quals:
        if q != "precision":
            continue
        gap = masked[amount.end:at] if at >= amount.end else re.sub(r"^[\w.\-]*?(?=[^\w.\-]|[^\x00-\x7f]|$)", "",
                                                                     masked[at:amount.start])
        if len(gap) <= 20 and not re.search(r"[,，;；、]|\d", gap):
            return value
    return ""


# words that set one device against another, which a comparative with no "than" needs in its sentence
_SYMBOL = re.compile(r"\s*(?:≫|>>|>=?|≥|≳|＞|<=?|≤|≲|＜)\s*")
_THAN = re.compile(r"(?<!rather )\bthan\b|\bcompared (?:to|with)\b|比|较|相比|相较")
_COMPARING = re.compile(r"\bas\s+\w+\s+as\b|\b(?:than|compared|versus|vs\.?|against|over|beating|beats|outperform\w*|surpass\w*|outshin\w*|outclass\w*|outstrip\w*|dwarf\w*|overt[ao]\w*|exceed\w*|ahead of|"
                        r"predecessor|previous generation|successor|upgrade|in contrast|by contrast|whereas)\b|比|较|相比|相较|对比|升级版|前代|上一代|相比之下|反观", re.I)


def _named_other(mentions, other: Mention, before: int) -> Mention | None:
    """The first of ``mentions`` that names a device, not ``other``, and ends by ``before``."""
    return next((m for m in mentions if m.candidates and not m.pronoun and not m.counted and m.end <= before
                 and not same_device(m, other)), None)


def _sentence(text: str, a: int, b: int, names: Gazetteer, context: Context,
              parallel: tuple[int, Mention, Mention] | None = None,
              columns: list[tuple[int, int, Mention]] | None = None) -> list[Found]:
    s = text[a:b]
    lang = grammar.language("zh" if CJK.search(s) else "en")
    mentions = find_mentions(s, names, lang, context)
    masked = mask(s, mentions)
    if parallel is not None:  # two sentences read as one: the stop between them joins, like a comma
        stop = len(masked[:parallel[0] - a].rstrip()) - 1
        masked = masked[:stop] + ("," if masked[stop] in ".!?;；。！？" else masked[stop]) + masked[stop + 1:]
    cues = [replace(c, text=s[c.start:c.end]) for c in find_cues(masked, lang)]  # the words as written
    amounts = find_amounts(masked, context.metric[0] if context.metric else "")
    stated_differences, difference_amounts = differences(masked, amounts)  # "14GB more than": no device's value
    amounts = [x for x in amounts if x.start not in difference_amounts]
    cues = sorted([c for c in cues if not any(d.start <= c.start < d.end or c.start <= d.start < c.end
                                              for d in stated_differences)]
                  + [replace(d, text=s[d.start:d.end]) for d in stated_differences], key=lambda c: c.start)
    owners = {x.start: owner(x, mentions, s) for x in amounts}
    if parallel is not None:  # each value is the device its own sentence names
        owners = {x.start: _alike(mentions, parallel[1] if a + x.start < parallel[0] else parallel[2]) for x in amounts}
    if columns:  # a table row's values are its columns' devices
        owners = {x.start: next((replace(m, start=x.start, end=x.start) for lo_, hi_, m in columns
                                 if lo_ <= a + x.start < hi_), None) for x in amounts}
    metrics = metric_hits(masked, lang)
    words = tuple(h[0] for h in metrics if not h[2].unit)
    workloads = workload_hits(masked, lang) if cues or len(amounts) > 1 else []  # none without a figure or a pair
    # a figure a workload word follows ("2.5x in AI training") states no ratio of the values beside it
    stating = [c for c in cues if not any(c.end <= w <= c.end + 16 for w in workloads)]
    pairs = [replace(c, text=s[c.start:c.end]) for c in implied(masked, amounts, stating, words)
             + contrasted(masked, amounts, owners, stating, words, names.newer if parallel or columns else None)]
    cues = sorted(cues + pairs, key=lambda c: c.start)
    said = context.metric  # what the text before was about
    valued_before, context.valued = context.valued, valued(amounts, owners)
    values_before = {k: {x.metric: x.value for x in v} for k, v in context.stated.items()}
    for x in amounts:
        if (who := owners.get(x.start)) is not None and who.candidates and not x.side:
            context.stated.setdefault(who.candidates, []).append(x)
    for h in metrics:  # what the text is about now; a bare "bandwidth" after NVLink's is NVLink's
        if not (h[2].weak or h[2].unit or h[2].weak_alone and context.metric and context.metric[0] in LINKS):
            context.metric = (h[2].metric, h[2].word)
    context.lone = None
    if not cues:
        named: dict[tuple[str, ...], Mention] = {}
        for m in mentions:  # the devices it names, a family ("based on Turing") not one of them
            if not (m.pronoun or m.counted or m.vendor or m.family) and m.candidates:
                named.setdefault(m.candidates, m)
        owning = {o.candidates for o in owners.values() if o is not None}
        if len(named) > 1 and len(owning) == 1 and owning <= set(named):  # the one whose values they are
            named = {c: named[c] for c in owning}  # ("…, positioning itself as a competitor to the H100")
        if len(named) == 1 and amounts and parallel is None:
            context.lone = Lone(a, b, next(iter(named.values())), frozenset(x.metric for x in amounts))
        remember(context, mentions, masked, lang)
        return []
    quals = qualifier_hits(masked, lang)
    measured_words = measured_hits(masked, lang)
    respective = lists.respective(masked, cues, metrics)
    each_own = lists.listed_subjects(s, cues, mentions)
    found: list[Found] = []
    pending: list[Found] = []
    listed: list[Found] = []  # a figure stated for several metrics, then its twins: "141 GB/4.8 TB/s 分别是…"
    for i, cue in enumerate(cues):
        # a stated figure's stretch is bounded by the stated figures around it, not by values it sits among
        bounds = cues if cue.pair else [c for c in cues if not c.pair or c is cue]
        k = bounds.index(cue)
        lo = bounds[k - 1].end if k else 0
        hi = bounds[k + 1].start if k + 1 < len(bounds) else len(s)
        f = Found(cue.start, cue.end, (a, b), cue)
        roles(f, s, mentions, lo, hi, lang, context, found)
        if cue.start in each_own and (f.subject is None or any(f.subject is m for m in each_own.values())):
            f.subject, f.subject_from = each_own[cue.start], "text"  # "the H200 and B200 have 1.4x and 2.4x …"
        if _SYMBOL.fullmatch(cue.text):  # "A100 80G ≥ 910B(64G) > L20": each symbol sets the names beside it
            left = max((m for m in mentions if m.end <= cue.start and m.candidates and not m.pronoun), key=lambda m: m.end,
                       default=None)
            right = min((m for m in mentions if m.start >= cue.end and m.candidates and not m.pronoun),
                        key=lambda m: m.start, default=None)
            if left is not None and right is not None:
                f.subject, f.baseline, f.subject_from, f.baseline_from, f.problem = left, right, "text", "text", ""
        if cue.pair:  # "从V100的32GB扩展至H200的141GB": each value's owner is its side
            sub, base = (owners.get(at) for at in cue.pair)
            if sub is base and base is not None and base.start > cue.pair[1]:
                sub = None  # "from 3.35TB/s in the H100 to 8TB/s": the name after the first value is its alone
            elif (sub is base and sub is not None and sub.end <= cue.pair[0] and is_baseline(s, sub, lang)
                  and _named_other(reversed(mentions), sub, sub.start) is not None):
                # "H20's FP8 throughput is a fraction of the H100's: 296 TFLOPS against 1,979": the name the
                # words make the baseline has the second value, the other one named before the first
                sub = _named_other(reversed(mentions), base, base.start)
            elif (sub is base and sub is not None and sub.end <= cue.pair[0]
                  and (f.subject is None or f.baseline is None or same_device(f.subject, f.baseline))):
                # "…to MI250 and MI250X, but MI250X actually has higher FLOPS (383 vs. 362 TFLOPS)": the second
                # value is the other device's, named before in the sentence or in the text before
                base = _named_other(reversed(mentions), sub, sub.start) or latest_other(context, sub)
            if sub is not None and base is not None and set(sub.candidates) != set(base.candidates):
                f.subject, f.baseline, f.subject_from, f.baseline_from, f.problem = sub, base, "text", "text", ""
            elif sub is None and base is not None and (f.subject is None or f.subject is base or f.subject.family
                                                       or not f.subject.candidates):
                # "96GB per chip (up from 32GB on the original Trainium)": the subject is the topic
                topic = context.given_subject or context.subject
                if topic is not None and topic is not context.given_subject and same_device(topic, base):
                    topic = latest_other(context, base)  # the topic is the one set against the baseline, not it
                if topic is None:  # "H200 GPU…与其小弟H100相比…，新卡片现在拥有141GB…，而H100只有80GB": the sentence's own
                    topic = _named_other((m for m in mentions if not m.family), base, cue.start)
                f.subject, f.subject_from = topic, ("option" if topic is context.given_subject else "context")
                f.baseline, f.baseline_from, f.problem = base, "text", "" if topic is not None else f.problem
        if f.subject is None and f.baseline is None:
            continue  # no device in sight: a price, a share, a market move
        if _GAP.search(masked[max(0, cue.start - 8):cue.end]) and f.subject is not None and f.baseline is not None:
            stated = {id(owners.get(x.start)): x.value for x in amounts}
            if stated.get(id(f.subject), 0) < stated.get(id(f.baseline), 0):  # "差距达46倍": the larger over the smaller
                f.subject, f.baseline = f.baseline, f.subject
                f.subject_from, f.baseline_from = f.baseline_from, f.subject_from
        last = found[-1] if found else None  # "67% more energy efficient and five times as fast": its words are its own
        claimed = ((last.cue.end, last.metric_at + len(last.metric_word)) if last is not None
                   and last.metric_at >= last.cue.end and lang.code == "en" else (0, 0))
        choose_metric(f, masked, [h for h in metrics if not claimed[0] <= h[0] < claimed[1]], amounts, workloads,
                      lo, hi, lang, quals, said)
        choose_qualifiers(f, quals, lo, hi, masked)
        fitting = metric_by_values(f, masked, amounts, owners) if not f.not_spec else ""
        if fitting and fitting not in f.also:  # the figure may be of either metric: a claim for each
            f.also.append(fitting)
            f.also_at.append(f.metric_at)
        if cue.start in respective:  # "larger memory … and higher bandwidth …, 1.8 and 1.4 times, respectively"
            (f.metric, f.metric_word, f.metric_at), f.not_spec = respective[cue.start], ""
            f.also, f.also_at = [], []
        elif cue.kind == "direction" and f.metric in {m for m, _, _ in respective.values()}:
            continue  # the figures after state it
        if cue.pair and not f.problem:  # two values set against each other: the metric is theirs (a unit
            # says bandwidth, the words which one: "NVLink bandwidth grew from 600 GB/s to 900 GB/s")
            unit_metric = next(x for x in amounts if x.start == cue.pair[0]).metric
            if not (unit_metric.endswith("_bandwidth") and f.metric.endswith("_bandwidth")):
                f.metric, f.not_spec = unit_metric, ""
            f.also, f.also_at = [], []  # the values' ratio is of their own metric, not of every metric listed
        if cue.kind == "ratio" and cue.value == 1 and not cue.number and not cue.pair and not f.not_spec:
            _shared_values(f, masked, amounts, hi)
        if cue.pair:
            kinds = [_precision_beside(masked, x, quals) for x in amounts if x.start in cue.pair]
            if all(kinds) and len(set(kinds)) > 1:  # "485 TFLOPS FP8 … 65 TFLOPS FP16": no like for like
                f.unlike = " and ".join(k.upper() for k in kinds)
        if cue.yields and f.baseline_from != "option" and not _COMPARING.search(masked):
            continue  # "buyers want more compute": a comparative with nothing it compares with
        if (cue.kind == "ratio" and cue.value == 1 and not cue.number and not f.not_spec and any(x.not_spec for x in found)
                and _CONDITION.search(masked, max(0, cue.start - 8), cue.start)):
            # "15x the inference performance of H100 at the same power": what the workload figure was
            # measured under, not a claim of its own (but "triples the bandwidth at the same capacity" is one)
            f.not_spec = "states the condition a workload figure was measured under, not a comparison of its own"
        word = measured(cue, measured_words, masked) if not f.not_spec else ""
        if word:
            f.not_spec = f"compares measurements (the sentence says {word!r}), not a specification"
        last = found[-1] if found else None
        if not f.not_spec and last is not None and last.not_spec and not lo <= f.metric_at < hi:
            f.not_spec = last.not_spec  # "1.6–1.75× … tokens per dollar at 1–8 users, 1.34× at 12 and 1.07× at 16"
        f.amounts = [(amt, owners[amt.start]) for amt in amounts if lo <= amt.start < hi and not cue.pair
                     or cue.pair and amt.start in cue.pair  # two values set against each other: those two
                     or (f.metric and amt.metric == f.metric and not in_other_window(amt, cues, i))]
        mine = {a.start for a, _ in f.amounts}
        f.elsewhere = [(a, w) for a in amounts if a.start not in mine and (w := owners.get(a.start)) is not None]
        check_arithmetic(f)
        if (cue.high is not None and f.metric in ("power", "power_all_in") and not f.not_spec and not cue.pair
                and re.search(r"\d\s*(?:%|x|×)?\s*(?:-|–|—|~|～|to|到|至)\s*\d", cue.text)):  # ("1.3x–1.9x less power")
            # "MI300X Draws 40-55% More Power Than H100": a rated power is one figure; a range of
            # ratios reports power measured across runs
            f.not_spec = "states a range of power ratios, which measurements give (a rated power is one figure)"
        if f.not_spec == NO_METRIC and listed and lists.respectively(listed, f, found):
            continue
        if (f.not_spec == NO_METRIC and said and not metrics and f.cue.kind != "direction"
                and (any(m is not None and m.pronoun for m in (f.subject, f.baseline)) or pronouns_before(mentions, cue)
                     or not any(m.candidates for m in mentions))):
            # "…运算能力… 这比上一代产品提升了77%", "… 20 petaFLOPS … The raw numbers suggest a 10x
            # improvement": a figure naming neither device nor metric is still that metric's
            f.metric, f.metric_word, f.not_spec = *said, ""
        if (f.not_spec == NO_METRIC and f.subject is not None and f.baseline is not None and not workloads
                and f.cue.kind != "direction"):
            # "…the H20's speed is 296 teraflops, while the H100 is at 1979 tflops, and the H200 is at 3958
            # tflops. The H200 is … 13 times faster than the H20": the one metric the sentence before gave both
            shared = valued_before.get(f.subject.candidates, frozenset()) & valued_before.get(f.baseline.candidates, frozenset())
            if len(shared) == 1:
                f.metric, f.metric_word, f.not_spec = next(iter(shared)), "", ""
        if not cue.pair and f.subject is not None and f.baseline is not None:
            orient_by_values(f, amounts, owners, values_before)
        for precision in f.also_precisions:  # "1.3x the FP16 and FP8 performance": one claim each
            pending.append(replace(f, quals={**f.quals, "precision": precision}, amounts=[], also=[], also_precisions=[]))
        listed = [f] if f.also else []
        for metric, at in zip(f.also, f.also_at):  # the same figure for a second metric: a claim of its own
            twin = replace(f, metric=metric, metric_word=metric, metric_at=at, quals=dict(f.quals), amounts=[], also=[],
                           also_at=[], also_precisions=[])
            pending.append(twin)
            listed.append(twin)
        # "the H20 and L20 are … half of the A100", "exceed the H200 and Rubin by 50%": one claim each
        joined = [] if cue.start in each_own else lists.joined(f, s, mentions, "subject")
        pending += [replace(x, subject=other, quals=dict(x.quals), amounts=[], also=[], also_at=[], also_precisions=[])
                    for x in [f, *pending] for other in joined]
        pending += [replace(x, baseline=other, quals=dict(x.quals), amounts=[], also=[], also_at=[], also_precisions=[])
                    for x in [f, *pending] for other in lists.joined(f, s, mentions, "baseline")]
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
    if any(x.not_spec for x in found) and not _THAN.search(masked):
        # "2.5-3x training speedups over A100 — … higher memory bandwidth", "more bandwidth make it a better fit …,
        # and the H200 delivers nearly double the inference performance of the H100": a comparative with no "than"
        # of its own compares only through the workload figure
        found = [x for x in found if not (x.cue.yields and x.baseline_from != "option" and not x.not_spec)]
    if not found:
        remember(context, mentions, masked, lang)
    else:
        context.recent.extend(m for m in mentions if not m.pronoun and not m.counted and m.candidates)
    return found


