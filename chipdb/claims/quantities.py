"""What is compared: the metric a figure's words (or units) name, the qualifiers nearest it, whose
an absolute amount is, and the arithmetic no comparison can have ("0x", "150% less")."""

from __future__ import annotations

import re
from functools import lru_cache

from chipdb.claims import grammar
from chipdb.claims.grammar import Language
from chipdb.claims.spans import Amount, Cue, Found, Mention

NO_METRIC = "names no specification metric"


@lru_cache(maxsize=None)
def _word_regex(words: tuple[str, ...], latin: bool, overlapping: bool = False) -> re.Pattern:
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    word = rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])" if latin else f"(?:{alternation})"
    return re.compile(rf"(?=(?P<w>{word}))" if overlapping else word, re.I)


def _hits(masked: str, words: tuple[str, ...], lang: Language, overlapping: bool = False) -> list[tuple[int, int, str]]:
    """Where the words stand; ``overlapping`` finds the longest word at every position, so that
    words sharing letters are all seen ("GPU memory" and "memory bandwidth")."""
    rx = _word_regex(words, lang.code == "en", overlapping)
    if overlapping:
        return [(m.start(), m.end("w"), m.group("w").lower()) for m in rx.finditer(masked)]
    return [(m.start(), m.end(), m.group(0).lower()) for m in rx.finditer(masked)]


LINKS = ("scaleup_bandwidth", "scaleout_bandwidth")  # a link's bandwidth, which a bare "bandwidth" may mean
# where a clause ends: a semicolon, a full stop, or a dash between spaces ("~15% of H100 — training runs …")
_CLAUSE_END = re.compile(r"[;；。]|\s[—–]\s|\s--\s")


def metric_hits(masked: str, lang: Language) -> list[tuple[int, int, grammar.MetricWord]]:
    """Metric words, overlapping ones resolved to the longest, then the one that ends last, the head
    of the phrase ("GPU memory bandwidth" is bandwidth, not "GPU memory")."""
    langs = [lang] if lang.code == "en" else [lang, grammar.language("en")]
    found = []
    for rank, lg in enumerate(langs):
        by_word = {w.word: w for w in lg.metric_words}
        found += [(a, b, by_word[w], rank) for a, b, w in _hits(masked, tuple(by_word), lg, overlapping=True)]
    out, taken = [], [False] * len(masked)
    for a, b, word, _ in sorted(found, key=lambda h: (h[3], h[0] - h[1], -h[1])):
        if _DESCRIBES_A_TASK.match(masked, b):  # "compute-bound workloads", "memory-intensive": a task's kind
            continue
        if not any(taken[a:b]):
            out.append((a, b, word))
            for k in range(a, b):
                taken[k] = True
    return sorted(out, key=lambda h: h[0])


def qualifier_hits(masked: str, lang: Language) -> list[tuple[int, str, str]]:
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


def workload_hits(masked: str, lang: Language) -> list[int]:
    langs = [lang] if lang.code == "en" else [lang, grammar.language("en")]
    # a compound that describes the device names no workload ("a low-latency network", "an
    # inference-first architecture")
    return sorted(a for lg in langs for a, b, _ in _hits(masked, lg.workload_words, lg)
                  if not re.match(r"-[a-z]", masked[b:b + 2]) and not re.search(r"[a-z]-$", masked[max(0, a - 2):a]))


def measured_hits(masked: str, lang: Language) -> list[tuple[int, str]]:
    langs = [lang] if lang.code == "en" else [lang, grammar.language("en")]
    return sorted((a, w) for lg in langs for a, _, w in _hits(masked, lg.measured, lg))


def measured(cue: Cue, hits: list[tuple[int, str]], s: str) -> str:
    """The word that makes a figure a measurement: one before it in the sentence ("实测…", "in our
    tests"), or in its own clause ("… at 45% MFU")."""
    stops = [m.start() for m in _CLAUSE_END.finditer(s)]
    end = min((p for p in stops if p >= cue.end), default=len(s))
    return next((w for p, w in hits if p < end), "")


def choose_metric(f: Found, s: str, hits, amounts: list[Amount], workloads: list[int], lo: int, hi: int,
                  lang: Language, quals: list[tuple[int, str, str]] = (), said: tuple[str, str] | None = None) -> None:
    """The figure's metric from the words around it (``said``: the metric the text before was about)."""
    cue = f.cue
    # workload words count in the figure's own clause: not "…MLU370的20倍; 实测训练大模型时…"
    stops = [m.start() for m in _CLAUSE_END.finditer(s)]
    clause = (max((p for p in stops if p < cue.start), default=-1), min((p for p in stops if p >= cue.end), default=len(s)))
    # nor what a later part of it says the device suits ("…的近 4 倍,适合更复杂的AI训练和推理任务")
    comma = re.compile(r"[,，]|且|并且|而且|同时").search(s, cue.end)  # "超越 H20 且成本低 20%": the cost is the next clause's
    workloads = [w for w in workloads if clause[0] < w < clause[1] and not (comma and w > comma.start())]
    # a metric word inside the figure's own words counts ("a 76% capacity increase"), but not the
    # comparative itself ("58% faster")
    window = [h for h in hits if lo <= h[0] < hi and h[0] < clause[1] and not (cue.start <= h[0] < cue.end and h[2].weak)]

    def distance(h) -> float:
        """English names the metric after the figure ("2x the memory bandwidth") or before it
        ("memory bandwidth is 2x"); Chinese before it ("内存带宽是…的2倍")."""
        if cue.start <= h[0] < cue.end:
            return -1.0  # the figure's own words: "a 43% bandwidth gain"
        after = h[0] >= cue.end
        d = h[0] - cue.end if after else cue.start - h[1]
        penalty = 60 if h[2].unit else 0  # a unit names the metric only where no word does
        if _parenthetical(s, h[0], lo, hi):
            penalty += 120  # "H100 (80GB HBM3, 3.35TB/s)": what a name's aside describes
        if lang.code == "en":
            if not after and d <= 2 and _VERB_CUE.match(cue.text or ""):
                return -0.5  # "a total memory capacity exceeding NVIDIA's by 3.6 times": the metric the verb follows
            if after and re.search(r"[,;:]", s[cue.end:h[0]]):
                return d + penalty + 120  # "…, almost doubling, and the memory bandwidth …": the next clause's
            return d + penalty if (after and d <= 30) else d + penalty + (40 if not after else 80)
        if after and re.fullmatch(r"\s*(?:以上|左右|多|以下)?\s*(?:更[快大多高强])?\s*的?\s*(?:更?[快大多高强]的?)?\s*(?:计算|計算)?\s*",
                                  s[cue.end:h[0]]):
            return -0.5 + d / 100  # "1.8倍的内存量, 1.3倍的内存带宽", "两倍的FLOPS和三倍的高内存带宽": its own, ahead of any before
        return d + penalty + (100 if after else 0)

    value = next((a for a in reversed(amounts) if a.end <= cue.start and _APPENDED.fullmatch(s[a.end:cue.start])), None)
    closing = re.compile(r"[)）;；。]").search(s, cue.end)
    stop = closing.start() if closing else len(s)
    if (value is not None and not any(value.end < q[0] < stop for q in quals)
            and not any(cue.end <= h[0] < stop and not h[2].weak for h in hits)):  # "– almost double the memory": its own
        # "141GB HBM3e with 4.8TB/s (1.4x H100)", "8 terabytes per second — a 60% improvement over Hopper's":
        # a figure right after a value is that value's (unless it names a precision of its own)
        f.metric, f.metric_word = value.metric, value.text
        return
    chosen = min(window, key=distance, default=None)
    task = re.search(r"\b(?:at|for|when|while)\s+(?!the\s+same\b)[a-z]", re.split(r"[,;]", s[cue.end:])[0])
    on_paper = _said(s, lang.spec_context) and not task  # "2.5x faster … at video decoding" is a task on any paper
    spec_near = (_spec_words_near(s, chosen, lang) or on_paper) if chosen else False
    window_amounts = [a for a in amounts if lo <= a.start < hi]
    if _A_COUNT.match(s, cue.end):
        # "five times the number of chips": a count of parts, no specification of either device
        f.not_spec = "compares a count of parts, not a specification"
        return
    framed = _framing_task(s, workloads, clause[0], cue.start)
    if framed:
        # "例如在训练大型语言模型(LLM)时,能效比A100高出30%以上", "When training GPT-3, the chip is 2x faster":
        # a figure stated under a task is the task's
        f.not_spec = f"compares a figure stated for a task ({framed!r}), not a specification"
        return
    if chosen is not None and chosen[2].weak and _workload_after(s, chosen, workloads, clause[1]):
        # "nearly double the performance in training the ResNet50 network": the performance is the task's,
        # whatever spec words stand before it
        f.not_spec = f"compares {chosen[2].word!r} at a task (a workload or benchmark), not a specification"
        f.metric_word = chosen[2].word
        return
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
        elif any(q == "precision" and lo <= pos < hi for pos, q, _ in quals) and not any(lo <= w < hi for w in workloads):
            f.metric, f.metric_word = "compute", "a precision"  # "2.5x faster in FP8": a rate at a precision
        elif (any(cue.start <= h[0] < cue.end and h[2].weak for h in hits) and on_paper
              and not any(lo <= w < hi for w in workloads)):
            f.metric, f.metric_word = "compute", "a speed read off the specifications"  # "6.68x faster, according to … specifications"
        elif workloads:
            f.not_spec = "compares a workload (benchmark, model or task), not a specification"
            return
        else:
            f.not_spec = NO_METRIC
            return
    if chosen is not None:
        f.metric, f.metric_word = chosen[2].metric, chosen[2].word
        # a link named before a bare "bandwidth" says whose it is ("NVLink offers … 50% more bandwidth"), not one
        # named after it ("43% more bandwidth than the H100, but identical NVLink speed")
        links = {h[2].metric for h in hits if h[2].metric in LINKS and h[0] < chosen[0]}
        if chosen[2].weak_alone and chosen[2].metric == "memory_bandwidth":  # a bare "bandwidth": which?
            if len(links) == 1 and not any(h[2].metric == "memory_capacity" for h in hits):
                f.metric = links.pop()  # "NVLink offers … 50% more bandwidth"
            elif not links and said is not None and said[0] in LINKS and not any(lo <= x.start < hi for x in amounts):
                f.metric = said[0]  # "… NVLink … 200GB/s. In contrast, the H20 offers higher bandwidth"
        if lo <= chosen[0] < hi:
            f.metric_at = chosen[0]
        joined = _joined(s, window, chosen, lang) if chosen in window else []
        f.also = [m for m, _ in joined]  # "doubled the capacity and bandwidth": each is a claim
        f.also_at = [at for _, at in joined]
    if chosen is not None and chosen[1] <= cue.start and _caused(s[chosen[1]:cue.start], lang):
        f.not_spec = f"compares an effect of the {chosen[2].word} (what follows {chosen[2].word!r}), not a specification"
        return
    stated = any(a.metric == chosen[2].metric for a in window_amounts) if chosen is not None else False
    if chosen is not None and not (spec_near and stated) and any(
            0 <= chosen[0] - w <= 12 and re.fullmatch(r"[a-z\u3400-\u9fff]+\s?", s[w:chosen[0]]) for w in workloads):
        f.not_spec = f"compares a workload's {chosen[2].word} (推理能效, 'inference throughput'), not a specification"
        return
    near = [w for w in workloads if chosen is not None and not re.search(r"[,，]", s[min(w, chosen[0]):max(w, chosen[0])])]
    if chosen is not None and chosen[2].workload_near and near and not (spec_near or stated):
        f.not_spec = f"compares {chosen[2].word!r} after naming a workload, not a specification"
    elif chosen is not None and chosen[2].weak and any(lo <= w < hi for w in workloads) and not (spec_near and stated):
        # "2x the FP8 throughput (733 TFLOPS vs 362 TFLOPS)" is a spec; "FP8 inference throughput" is not
        f.not_spec = "compares a workload (benchmark, model or task), not a specification"
    elif any(lo <= w < hi and (chosen is None or abs(w - cue.start) < abs(chosen[0] - cue.start)) for w in workloads):
        f.not_spec = "compares a workload (benchmark, model or task), not a specification"


_A_COUNT = re.compile(r"\s*(?:the\s+|as\s+many\s+)?(?:number|count)\s+of\b|\s*(?:as\s+many|more)\s+(?:chips|gpus|dies|"
                      r"cores|accelerators|cards|nodes|racks)\b|\s*(?:的)?(?:数量|芯片数|卡数)")
_DESCRIBES_A_TASK = re.compile(r"-(?:bound|intensive|heavy|hungry|limited|constrained)\b", re.I)
_APPENDED = re.compile(r"\s*(?:\(|[—–]|--|,\s*(?:or|which is|that is)?)\s*(?:a|an|about|roughly|nearly|almost|over|some|~)?\s*")
_VERB_CUE = re.compile(r"(?:exceed|surpass|outperform|outpac|outshin|beat|lead|trail|lag|fall|fell|top)", re.I)
_TASK_FRAME = re.compile(r"在[^,，;；。]{1,30}?(?:时候?|期间|过程中|场景下?|任务中|任务上)\s*[,，]|"
                         r"\b(?:when|while)\s+(?:running|training|serving|doing|performing|handling|processing|"
                         r"fine-tuning|inferencing)\b[^,;.]{0,60},|"
                         r"(?:^|(?<=[,;:—–]))\s*(?:in|during|for|on)\s+(?:[\w.\-]+\s+){0,5}?(?:tests?|benchmarks?|training|"
                         r"inference|serving|runs?)\s*,",
                         re.I)


def _framing_task(s: str, workloads: list[int], start: int, cue_start: int) -> str:
    """The words of a frame that states a task before the figure's clause ("在训练大模型时,", "when
    training GPT-3,") and holds a workload word, or ""."""
    for m in _TASK_FRAME.finditer(s[:cue_start], max(start, 0)):
        if any(m.start() <= w < m.end() for w in workloads):
            return m.group(0).rstrip(",，").strip()
    return ""


_TASK_AFTER = re.compile(r"\s+(?:in|on|for|when|while|at|during|with)\s+(?:[\w.\-]+\s+){0,3}?$", re.I)


def _workload_after(s: str, chosen, workloads: list[int], end: int) -> bool:
    """Whether a weak metric word ("performance", "faster") is followed by the task it is measured
    at: a preposition and, within three words, a workload word ("performance in training ResNet50",
    "throughput on Llama 2"), not a precision ("performance in FP8" has no workload word)."""
    return any(chosen[1] < w < end and _TASK_AFTER.match(s[chosen[1]:w]) for w in workloads)


def _parenthetical(s: str, pos: int, lo: int, hi: int) -> bool:
    """Whether ``pos`` sits inside a parenthesis: an aside ("(80GB HBM3, 3.35TB/s)")."""
    opened = s.rfind("(", lo, pos)
    return opened >= 0 and s.find(")", opened, pos) < 0 and s.find(")", pos, hi if hi > pos else len(s)) >= 0


def _joined(s: str, window, chosen, lang: Language) -> list[tuple[str, int]]:
    """The other metrics one figure is stated for, with where each is named: "the HBM capacity and
    bandwidth", "算力和内存": a chain of metric words from the chosen one, joined by "and", commas
    or a parenthesis."""
    glue = re.compile(r"\s*(?:budget|limit|envelope|rating|ceiling)?\s*(?:\([^)]{0,12}\)\s*)?(?:and|&|和|与|及|、|/|,)?\s*(?:the\s+)?"
                      r"(?:[a-z]+\d+[a-z]*(?:/[a-z]+\d+[a-z]*)*\s*)?")  # ("a higher power budget, memory bandwidth and
    # …": each; "内存带宽、FP4/FP8算力保持一致": a precision before the metric)
    hits = sorted((h for h in window if h is chosen or not _parenthetical(s, h[0], 0, len(s))), key=lambda h: h[0])
    out: list[tuple[str, int]] = []
    at = hits.index(chosen)
    for step in (1, -1):
        i = at
        while 0 <= i + step < len(hits):
            a, b = (hits[i], hits[i + step]) if step == 1 else (hits[i + step], hits[i])
            if not glue.fullmatch(s[a[1]:b[0]]) or b[2].weak:
                break
            i += step
            metric = hits[i][2].metric
            glue_words = r"and|&|和|与|及|、|/|," if lang.code == "en" else r"和|与|及|、|/"  # "，" ends a clause
            if metric != chosen[2].metric and metric not in [m for m, _ in out] and re.search(glue_words, s[a[1]:b[0]]):
                out.append((metric, hits[i][0]))
    return out


def _caused(between: str, lang: Language) -> bool:
    return _said(between, set(lang.causes) | set(grammar.language("en").causes))


def _said(text: str, words) -> bool:
    return any((w in text) if not w.isascii() else re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def _spec_words_near(s: str, hit, lang: Language) -> bool:
    before = s[max(0, hit[0] - 36):hit[0]].lower()
    after = re.split(r"[,;.，；。]", s[hit[1]:hit[1] + 40].lower())[0]  # "2.5x faster in FP8", "at BF16"
    words = set(lang.spec_words) | set(grammar.language("en").spec_words)
    precision = r"\b(?:bf16|fp\d+|int\d+|tf32|bfloat16|(?:half|single|double)[ \-]precision)\b"
    return (any(w in before for w in words) or bool(re.search(precision, before))
            or any(after.lstrip().startswith(w) for w in words)  # "throughput per chip"
            or any(w in after for w in lang.spec_words if not w.isascii())  # "性能提高到A100当前峰值的6倍"
            or bool(re.match(rf"\s*(?:\S+\s+){{0,4}}?(?:(?:in|at|for|with|using)\s+(?:the\s+)?|\(\s*){precision}", after)))


def choose_qualifiers(f: Found, quals: list[tuple[int, str, str]], lo: int, hi: int, s: str = "") -> None:
    """Each qualifier from the words nearest the metric (or the figure): "dense FP4 performance is
    66.67% faster ..., FP8 +11.1%" gives each figure its own precision. Two different values side by
    side ("bf16 fp16 compute") are a contradiction, not a choice."""
    anchor = f.metric_at if f.metric_at >= 0 else f.cue.start
    listing = re.compile(r"[:：]").search(s, max(anchor, f.cue.end)) if s else None
    if listing:  # "tripled the Tensor Core performance, and added features: …, structural sparsity"
        quals = [h for h in quals if h[0] < listing.start()]
    for q in ("precision", "sparsity"):
        local = sorted(((abs(pos - anchor), pos, v) for pos, qq, v in quals if qq == q and lo <= pos < hi))
        everywhere = {v for _, qq, v in quals if qq == q}
        if local:
            _, pos, value = local[0]
            if q == "precision":
                f.also_precisions = _coordinated(s, pos, value, [(p, v) for _, p, v in local])
            clash = [v for d, p, v in local[1:] if v != value and abs(p - pos) <= 8 and d - local[0][0] <= 8
                     and "/" not in s[min(p, pos):max(p, pos)] and "、" not in s[min(p, pos):max(p, pos)]
                     and v not in f.also_precisions]
            if clash and not f.problem:
                f.problem = f"names more than one {q} ({', '.join(sorted({value, *clash}))})"
            f.quals[q] = value
        elif len(everywhere) == 1:
            f.quals[q] = next(iter(everywhere))


_AND = re.compile(r"\s*(?:[,，]\s*)?(?:and|&|和|与|及|、|以及)\s*(?:the\s+)?|\s*[,，]\s*")


def _coordinated(s: str, pos: int, value: str, hits: list[tuple[int, str]]) -> list[str]:
    """The other precisions a list joins to the chosen one ("FP16 and FP8", "FP8和FP16", "(FP16, INT8)"): the
    same figure is claimed for each. A slash ("FP16/BF16") names one figure's two formats."""
    hits = sorted(hits)
    at = next(i for i, (p, v) in enumerate(hits) if p == pos)
    out: list[str] = []
    for step in (1, -1):
        i = at
        while 0 <= i + step < len(hits):
            a, b = (hits[i], hits[i + step]) if step == 1 else (hits[i + step], hits[i])
            word_end = a[0] + len(re.match(r"[a-z0-9\-]+(?:\s16)?|.", s[a[0]:]).group(0))
            if not _AND.fullmatch(s[word_end:b[0]]):
                break
            i += step
            if hits[i][1] != value and hits[i][1] not in out:
                out.append(hits[i][1])
    return out


_GROWN_TO = re.compile(r"\b(?:doubles|doubled|doubling|triples|tripled|quadruples|quadrupled|raises|raised|boosts|"
                       r"boosted|lifts|lifted|pushes|pushed|takes|took|brings|brought)\b[^.;,]{0,60}?\bto\s+"
                       r"(?:about\s+|around\s+|roughly\s+|nearly\s+|over\s+|~\s*)?$", re.I)


def owner(amount: Amount, mentions: list[Mention], s: str) -> Mention | None:
    """The device an amount belongs to: the name right before it ("H100's 3.35 TB/s",
    "B200的4500 TFLOPS"), else the nearest name before it."""
    # "2 TB/s on the A100", "362 TFLOPS dense for the L40", "the 700W of NVIDIA's Hopper H100", "on the original Trainium"
    after = re.match(r"[^,;()]{0,12}?\s(?:on|for|of|in|from|with|by)\s+(?:(?:the|an?|[a-z]+'s|its)\s+)?(?P<at>)"
                     r"(?:(?!(?:while|whereas|but|and|or|than|versus|vs|compared|against|which|that|is|are|was|has|have|"
                     r"had)\b)[a-z0-9][a-z0-9\-]*(?:'s)?\s+){0,3}", s[amount.end:])  # not past a clause's turn
    if after:  # "the 560W of the preceding CDNA2 architecture's MI250X": the device, not its family
        following = sorted((m for m in mentions if not m.pronoun and m.candidates
                            and amount.end + after.start("at") <= m.start <= amount.end + after.end()),
                           key=lambda m: (m.family, m.start))
        if following:
            return following[0]
    # "The B200 doubles H100's FP8 performance to 4.5 petaflops": the value grown to is the subject's, named
    # before the verb
    grown = _GROWN_TO.search(s[:amount.start])
    if grown:
        acting = [m for m in mentions if not m.pronoun and m.candidates and m.end <= grown.start()]
        if acting:
            return max(acting, key=lambda m: m.end)
    # "4.8 TB/s (H200) vs 3.35 TB/s (H100)": the name in brackets right after the value
    bracketed = re.match(r"\s*[(（]\s*(?:the\s+)?(?P<at>)", s[amount.end:])
    if bracketed:
        at = amount.end + bracketed.end()
        inside = next((m for m in mentions if m.start == at and not m.pronoun and m.candidates
                       and re.match(r"\s*[)）]", s[m.end:])), None)
        if inside is not None:
            return inside
    before = [m for m in mentions if not m.pronoun and m.end <= amount.start]
    nearest = max(before, key=lambda m: m.end, default=None)
    if nearest is not None and re.search(r"[;；，。]|,(?=\S)", s[nearest.end:amount.start]) and re.search(r"[\u3400-\u9fff]", s):
        return None  # "…NVL72系统的1.7倍;网络带宽达到269TB/s": another clause's name is not its owner
    if nearest is not None and re.match(r"\s*(?:相比|相較|相较|比较|比較|对比|對比)", s[nearest.end:]):
        # "H20与H100相比其互联带宽(900GB/s)…": a value after the frame is the device before 与
        framing = [m for m in before if m.end <= nearest.start and re.fullmatch(r"\s*[与與和跟同]\s*", s[m.end:nearest.start])]
        if framing:
            return framing[-1]
    return nearest


def in_other_window(amount: Amount, cues: list[Cue], i: int) -> bool:
    return any(j != i and abs(amount.start - c.start) < abs(amount.start - cues[i].start) for j, c in enumerate(cues))



def check_arithmetic(f: Found) -> None:
    """A ratio of zero or below is no comparison: "0x", "100% less", "150% less"."""
    cue = f.cue
    if cue.kind in ("ratio", "more", "tisheng", "percent_of", "times_less") and cue.value is not None and cue.value <= 0:
        f.problem = f"states a ratio of {cue.number or cue.value}, which compares nothing"
    if cue.kind == "percent_less" and cue.value is not None and cue.value >= 100:
        f.problem = f"states {cue.number}% less, which leaves nothing (or less than nothing) to compare"
