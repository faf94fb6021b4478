"""Who is compared with whom, among the device names a sentence holds (``mentions``): the baseline
the words mark ("than B", "of B", "比B", "与B相比"), the subject, and what earlier sentences supply
("it", "其", "AMD delivers ...")."""

from __future__ import annotations

import re
from functools import lru_cache

from chipdb.claims.grammar import Language
from chipdb.claims.spans import MASK, PREDECESSOR, Context, Cue, Found, Mention


def remember(context: Context, mentions: list[Mention], masked: str, lang: Language) -> None:
    """A sentence with no comparison still says who later ones are about: its first device (or,
    when it sets two against each other, "A has X, whereas B has Y", the last one; with words that
    mark a baseline, "A has X, compared to Y on B", the one they mark is the baseline)."""
    named = [m for m in mentions if not m.pronoun and not m.counted and m.candidates and not m.vendor]
    if named:
        def first(words: tuple[str, ...]) -> int:
            return min((m.start() for w in words for m in re.finditer(rf"(?<![a-z]){re.escape(w)}(?![a-z])", masked)),
                       default=-1)

        compares, contrast = first(lang.compares), first(lang.contrasts) >= 0
        if len(named) > 1 and 0 <= compares < named[0].start:  # "Compared to A, B …": A is the baseline
            context.subject, context.baseline = named[-1], named[0]
        elif len(named) > 1 and named[0].end <= compares < named[-1].start:  # "A …, compared to … on B"
            context.subject, context.baseline = named[0], named[-1]
        else:
            context.subject = named[-1] if contrast and len(named) > 1 else named[0]
            if contrast and len(named) > 1:
                context.baseline = named[0]
    context.recent.extend(named)


# -- cues -------------------------------------------------------------------------------------------


_ARTICLES = re.compile(r"(?:\b(?:the|a|an|its|their|each|every|single|one|nvidia|amd|intel|google|aws|amazon|huawei|"
                       r"microsoft|meta|cambricon|tesla|quadro|geforce|instinct|radeon|ascend)(?:'s)?\s*|'s\s*|[\"“”(]\s*)$")


@lru_cache(maxsize=None)
def _anywhere(pattern: re.Pattern) -> re.Pattern:
    """A pattern anchored at the end ("…比$"), found anywhere in a clause instead."""
    return re.compile(pattern.pattern.rstrip("$").replace(r"\s*", ""), pattern.flags)


def _without_articles(before: str) -> str:
    """The words before a name without the articles and possessives in front of it."""
    for _ in range(4):
        stripped = _ARTICLES.sub("", before.rstrip())
        if stripped == before.rstrip():
            break
        before = stripped
    return before.rstrip()


def is_baseline(s: str, m: Mention, lang: Language) -> str:
    """How the words before a name mark it as the baseline: "strong" ("than B", "比B"), "weak"
    ("of B": only when B follows the figure) or ""."""
    if lang.code == "en":
        before = _without_articles(s[max(0, m.start - 80):m.start])
        if lang.baseline_before.search(before):
            return "strong"
        # a word or two between: "compared to the preceding TPU v5e", "than last year's H100"
        shorter = before
        for _ in range(2):
            shorter = _ARTICLES.sub("", re.sub(r"\s*\b[a-z][a-z'\-]*$", "", shorter).rstrip()).rstrip()
            if shorter and lang.baseline_before.search(shorter) and not re.search(r"\d\s*$", shorter):
                return "strong"
        # a value as the name's modifier: "40% more power than the 700W H100"
        unvalued = _without_articles(re.sub(r"\s*\b\d[\d.,]*\s*-?[a-z/]{1,8}$", "", before, flags=re.I))
        if unvalued != before and lang.baseline_before.search(unvalued):
            return "strong"
        # the value it grew from: "50 PFLOPS per GPU, up from 18 PFLOPS on B200"
        if re.search(r"\b(?:up|down|rising|falling|increased|decreased|jumping|grown|growing)\s+from\s+[\d.,]+\s*[a-z/]*"
                     r"\s+(?:on|for|in|of|with|by)\s*$", before):
            return "strong"
        # a leading frame: "Compared to Nvidia's Blackwell-based GB200 NVL72 rack systems, ..."
        if re.match(r"^\W*(?:compared (?:to|with)|relative to|versus|vs\.?|against|unlike|in contrast to)\b[^,;:]*$",
                    s[:m.start]):
            return "strong"
        # an apposition: "compared to its predecessor, the MI300X", "compared to its predecessor, the original Trainium"
        comma = re.search(r",(?:\s*the)?(?:\s*(?:original|first|previous|older|earlier|last-gen|prior))?$", before)
        words = before[:comma.start()].split() if comma else []
        if any(lang.baseline_before.search(" ".join(words[:-k])) and not re.search(r"\d", " ".join(words[-k:]))
               for k in (1, 2, 3) if len(words) > k):  # (not "compared to the H100, the H200 …": a name, no apposition)
            return "strong"
        return "weak" if lang.weak_baseline_before is not None and lang.weak_baseline_before.search(before) else ""
    clause = re.split(r"[,;:，；：。]", s[max(0, m.start - 14):m.start])[-1]
    clause = clause.split(MASK)[-1]
    words = _NOT_MARKS.sub(lambda w: " " * len(w.group(0)), clause)  # "同期发布的…": 同 marks nothing there
    if _anywhere(lang.baseline_before).search(words) and not _NOT_A_MARK.search(clause.rstrip()):
        return "strong"
    # a leading frame: "相比于ChatGPT等目前普遍使用的A100, H100的…"
    whole = re.split(r"[,;:，；：。]", s[:m.start])[-1]
    if MASK not in whole and re.match(r"\s*(?:相比于?|相较于?|相对于|对比于?|比起|较之)", whole):
        return "strong"
    # "与B相比" (but not "A相比B"): the baseline stands between 与/和 and 相比
    return "strong" if (lang.baseline_after and lang.baseline_after.match(s[m.end:m.end + 6])
                        and re.search(r"[与和跟同]\s*$", clause)) else ""


_VERB = re.compile(r"(?:'s)?\s*(?:\([^)]*\)\s*)?(?:,\s*(?:which|that|who)\s+)?(?:[a-z\-]+ly\s+)?(?:is|are|was|were|will|would|can|could|has|have|had|"
                   r"offers?|delivers?|provides?|boasts?|packs?|brings?|gives?|features?|achieves?|reaches|hits?|"
                   r"sports?|carries|carry|draws?|uses?|consumes?|promises?|supports?|comes?|gets?|runs?|"
                   r"outperforms?|beats?|exceeds?|tops?|doubles?|triples?|leads?|keeps?|moves?|push(?:es)?|"
                   r"increases?|raises?|improves?|adds?|includes?|contains?|holds?|integrates?|ships?|debuts?|"
                   r"introduces?|steps?|jumps?|climbs?|scales?|expands?|cuts?|lowers?|reduces?|trails?|lags?|"
                   r"falls?|match(?:es)?|rivals?|surpass(?:es)?|outshines?|outclasses|outstrips?|dwarfs?|overtakes?|"
                   r"should|may|might|must|does|do|did|shall)\b")


def _supplied(previous: Found | None, side: str, given: Mention | None, before: Mention | None
              ) -> tuple[Mention | None, str]:
    """A side the sentence does not name: the previous figure's in the same sentence, else the one
    given (--subject/--baseline), else the one the text before supplies."""
    if previous is not None and getattr(previous, side) is not None:
        return getattr(previous, side), getattr(previous, f"{side}_from")
    if given is not None:
        return given, "option"
    if before is not None:
        return before, "context"
    return None, "text"


_PAIR_LEAD = re.compile(r"\b(?:compar(?:e|es|ed|ing)|between|ratio of)\b(?!\s+(?:to|with|against)\b)[^.;:]{0,60}$")
_PAIR_GLUE = re.compile(r"(?:'s)?\s*(?:[a-z]+\s+){0,1}?(?:and|vs\.?|versus|with)\s+(?:the\s+|nvidia's\s+|google's\s+|amd's\s+|"
                        r"(?:cloud|google|nvidia|amd|intel|aws)\s+)?$")


def _compared_pair(s: str, window: list[Mention], lang: Language, after: int) -> tuple[Mention, Mention] | None:
    """Two devices a verb of comparing names in a row ("comparing the X of A and B", "the ratio of A
    and B", "between A and B"): the first is the subject."""
    if lang.code != "en":
        return None
    for a, b in zip(window, window[1:]):
        if (a.start >= after and a.candidates and b.candidates and set(a.candidates) != set(b.candidates)
                and _PAIR_GLUE.fullmatch(s[a.end:b.start]) and _PAIR_LEAD.search(s[max(0, a.start - 80):a.start])):
            return a, b
    return None


_UNKNOWN_BASELINE = re.compile(r"\b(?:than|of|over|compared (?:to|with)|versus|vs\.?)\s+(?P<what>(?:the\s+|an?\s+|[a-z]+'s\s+)?"
                               r"(?:[\w\-'’]+\s+){0,4}?(?:tpus?|gpus?|chips?|accelerators?|supercomputers?|cards?|npus?|"
                               r"processors?|clusters?))\b")
_TURN = re.compile(r",\s*(?:although|though|while|whereas|but|yet)\b|[;；]|[,，]\s*(?:但|而|不过|然而)")
# words that end in a baseline marker without being one ("因为A100…", "作为H20的继任者", "基于…")
_NOT_A_MARK = re.compile(r"(?:因为|因為|作为|作為|成为|成為|认为|認為|称为|稱為|以为|由于|由於|对于|對於|关于|關於|至于|基于|基於|属于|屬於|"
                         r"用于|用於|终于|在于|位于|位於)\s*$")
# words that hold a one-character marker and mark nothing ("同期", "因为", "不仅")
_NOT_MARKS = re.compile(r"同期|同时|同樣|同样|同一|同类|同款|同级|同等|共同|不同|同比|同步|参与|总和|但是|于是|就是|还是|是否|也是|"
                        r"都是|因为|作为|成为|认为|为了|不仅|只要|只是|跟进")
_THAT_ONE = ("其", "它", "它的")  # a pronoun for a device, not for a generation ("前代")


def latest_other(context: Context, other: Mention) -> Mention | None:
    """The device the text named last that is not ``other``: the topic when the one it was about
    last is the baseline now."""
    return next((m for m in reversed(context.recent) if m.candidates and not same_device(m, other)), None)


def same_device(a: Mention, b: Mention) -> bool:
    """Whether two mentions read first as one device ("Hopper" and "H100's": the H100 SXM5)."""
    return bool(a.candidates and b.candidates and a.candidates[0] == b.candidates[0])


def pronouns_before(mentions: list[Mention], cue: Cue) -> bool:
    return any(m.pronoun and m.end <= cue.start for m in mentions)


def roles(f: Found, s: str, mentions: list[Mention], lo: int, hi: int, lang: Language, context: Context,
           earlier: list[Found]) -> None:
    named = [m for m in mentions if not m.pronoun and not m.counted]
    specific = {slug for m in named if not m.family for slug in m.candidates}
    # a family beside a device of that family says nothing more ("Blackwell's B200"); alone it is a side
    named = [m for m in named if not (m.family and specific & set(m.candidates))]
    cue = f.cue
    # a device named after the next ";" belongs to the next clause ("与TPU v5p相比,它的峰值效能提升了10倍;与TPU v6e相比…")
    stop = re.compile(r"[;；。]").search(s, cue.end)
    hi = min(hi, stop.start()) if stop else hi
    marked = {id(m): (lambda how: how == "strong" or how == "weak" and m.start >= cue.end)(is_baseline(s, m, lang))
              for m in mentions}
    in_window = [m for m in named if lo <= m.start < hi]
    previous = earlier[-1] if earlier and earlier[-1].sentence == f.sentence else None
    if (previous is not None and previous.subject is not None and previous.baseline is not None
            and all(m is previous.subject or m is previous.baseline for m in in_window)):
        # "..., 2.1x the memory bandwidth and 3.6x the capacity": the same pair again
        f.subject, f.baseline = previous.subject, previous.baseline
        f.subject_from, f.baseline_from = previous.subject_from, previous.baseline_from
        return
    paired = _compared_pair(s, in_window, lang, cue.end)
    if paired is not None:  # "by comparing the peak compute … of Trillium TPU and Cloud TPU v5e": A against B
        f.subject, f.baseline = paired
        return
    # the baseline: a device the words mark ("than B", "of B", "比B", "与B相比"), nearest the cue
    baselines = [m for m in in_window if marked[id(m)]]
    if previous is not None and previous.baseline is not None and len(baselines) > 1:
        # "2.4x larger than H100 and 4.8x larger than A100 80GB": the H100 is the first figure's
        baselines = [m for m in baselines if m is not previous.baseline] or baselines
    if lang.code == "zh" and any(m.end <= cue.start for m in baselines):
        # "H20与H100相比其…保持不变,高于H800的…": a device marked after a comma past the figure is the next clause's
        baselines = [m for m in baselines if m.end <= cue.start or not re.search(r"[,，]", s[cue.end:m.start])]
    inside = [m for m in named if cue.start <= m.start < cue.end]
    if cue.kind == "direction" and lang.code == "zh" and inside:
        baselines = inside
    baseline = min(baselines, key=lambda m: abs(m.start - cue.start), default=None)
    before = [m for m in named if m.end <= cue.start]
    if baseline is None and lang.code == "en":
        after = [m for m in in_window if m.start >= cue.end]
        if after and (before or pronouns_before(mentions, cue)):
            baseline = after[0]
    that_one = any(m.pronoun and m.text in _THAT_ONE and before and before[-1].end <= m.start < cue.end for m in mentions)
    if baseline is None and lang.code == "zh" and len([m for m in before if lo <= m.start or m is before[0]]) >= 2 \
            and not that_one:  # ("A…, B仅为其50%": 其 is the baseline, B the subject)
        # "H100的显存是80GB, 而H200提升到了141GB": the device after 而 is the subject
        turned = [m for m in before if re.search(r"(?:而|但|然而|相比之下|反观)\s*$", s[max(0, m.start - 5):m.start])
                  or re.match(r"\s*(?:则|却)", s[m.end:])]  # "…, H200则为141GB"
        baseline = before[-2] if turned and turned[-1] is before[-1] else before[-1]
    if (baseline is None and lang.code == "en" and cue.kind == "ratio" and cue.value == 1 and len(before) >= 2
            and re.fullmatch(r"\s*(?:and|&)\s*(?:the\s+)?", s[before[-2].end:before[-1].start])):
        baseline = before[-1]  # "The A10 and A10G share the same …": the one named second is the baseline
    if baseline is None:
        marked_anywhere = [m for m in named if marked[id(m)]]
        baseline = min(marked_anywhere, key=lambda m: abs(m.start - cue.start), default=None)
    subjects = [m for m in named if m is not baseline and not marked[id(m)]]
    if (previous is not None and previous.subject is not None and previous.baseline in subjects
            and not _TURN.search(s, previous.cue.end, cue.start)):
        # "2.1x the bandwidth of A100 40GB and 1.6x that of A100 80GB": the first baseline is no subject
        # (but after "although", "while", "but" it may be: "…, although the 910B's 320 teraflops is twice the H20's")
        subjects = [m for m in subjects if m is not previous.baseline]
    if lang.code == "en":  # the device a verb follows is the sentence's subject ("A delivers ..., vs. B")
        local = [m for m in subjects if lo <= m.start and m.end <= cue.start]  # the figure's own clause first
        acting = [m for m in local or subjects if _VERB.match(s, m.end)]
        subjects = acting or subjects
    subject = max((m for m in subjects if m.end <= cue.start and lo <= m.start), key=lambda m: m.start, default=None)
    if subject is None and any(m.pronoun and lo <= m.start and m.end <= cue.start for m in mentions):
        subjects = []  # "The new TPU delivers 10x ...": the device the text is about, not one named later
    elif subject is None and previous is not None and previous.subject is not None and previous.subject_from == "text":
        subject = previous.subject  # "…, 也低于昇腾910B": the sentence's topic goes on
    subject = (subject or max((m for m in subjects if m.end <= cue.start), key=lambda m: m.start, default=None)
               or min(subjects, key=lambda m: m.start, default=None))
    pronouns = [m for m in mentions if m.pronoun and m.end <= hi]
    said = min((m for m in pronouns if lang.baseline_pronouns.match(s, m.start)),  # "其核心优势…较前代提升2倍": 前代
               key=lambda m: abs(m.start - cue.start), default=None)
    if baseline is None:
        baseline, f.baseline_from = _supplied(previous, "baseline", context.given_baseline,
                                              context.baseline if said else None)
    if baseline is None and said is not None and said.text in _THAT_ONE:  # "910B仅为其50%": the device named before
        own = subject or context.given_subject
        prior = [m for m in named if m.end <= said.start and (own is None or set(m.candidates) != set(own.candidates))]
        if prior:
            baseline, f.baseline_from = prior[-1], "text"
    if baseline is None and said is not None:  # "its predecessor", "上一代": resolved by the reader, among
        # the devices the text named before (latest first), else through the database's claims
        # not the subject's own device, nor (no subject named) the one the text is about, "它" or "这一代产品"
        own = subject or context.given_subject or context.subject
        earlier = [slug for m in reversed(context.recent + [m for m in named if m.end <= said.start])
                   for slug in m.candidates if own is None or slug not in own.candidates]
        baseline = Mention(said.start, said.end, said.text, tuple(dict.fromkeys(earlier)), vendor=PREDECESSOR)
        f.baseline_from = "text"
    # a line's name ("the HBM3e version of the Hopper GPU") is vaguer than the device an option names
    if subject is not None and subject.family and context.given_subject is not None:
        subject, f.subject_from = context.given_subject, "option"
    if baseline is not None and baseline.family and context.given_baseline is not None:
        baseline, f.baseline_from = context.given_baseline, "option"
    vendor_refs = [m for m in mentions if m.vendor and m.candidates and m is not baseline]
    if subject is None and vendor_refs:
        subject = vendor_refs[0]
    if subject is None:
        other = context.subject if context.subject is not None and (
            baseline is None or not same_device(context.subject, baseline)) else None
        if other is None and context.subject is not None and baseline is not None:
            other = latest_other(context, baseline)  # "… H100's …. - 8 TB/s (2.4× faster than H100's)": the B200 before
        counted = [m for m in mentions if m.counted and m.candidates and m is not baseline]
        if other is None and counted and any(m.pronoun for m in mentions):
            other = counted[0]  # "384 Ascend 910C chips ... each chip being one-third of ..."
        subject, f.subject_from = _supplied(previous, "subject", context.given_subject, other)
    if baseline is None and subject is not None:
        others_here = {m.candidates: m for m in named if m.candidates and set(m.candidates) != set(subject.candidates)}
        if len(others_here) == 1:  # two devices and a figure: the other one is the baseline
            baseline = next(iter(others_here.values()))
    if baseline is None and subject is not None:
        if context.given_baseline is not None:
            baseline, f.baseline_from = context.given_baseline, "option"
        elif context.baseline is not None and set(context.baseline.candidates) != set(subject.candidates):
            baseline, f.baseline_from = context.baseline, "context"
        else:
            others = [m for m in context.recent if set(m.candidates) != set(subject.candidates)]
            if others:
                baseline, f.baseline_from = others[-1], "context"
    if subject is not None and baseline is not None and subject is not baseline and same_device(subject, baseline):
        # "Google has also boosted memory …, six times more than Google's Trillium": a vendor's name, a pronoun
        # or a device taken from the text before is the device the text was about, not the one it is set against
        if subject.vendor or subject.pronoun or f.subject_from == "context":
            subject = latest_other(context, baseline) or subject
        elif baseline.vendor or baseline.pronoun or f.baseline_from == "context":
            baseline = latest_other(context, subject) or baseline
        elif f.baseline_from == "option" and context.given_subject is not None:
            # "H100 升级版,显存容量提升 76%" with --subject H200 --baseline H100: the name is the baseline's
            subject, f.subject_from = context.given_subject, "option"
    if subject is not None and baseline is not None and (subject is baseline or subject.candidates
                                                         and set(subject.candidates) == set(baseline.candidates)):
        f.problem = f"compares {subject.text!r} with itself"
    f.subject, f.baseline = subject, baseline
    unknown = _UNKNOWN_BASELINE.search(s, cue.end, hi) if lang.code == "en" and f.baseline_from == "context" else None
    if unknown is not None and not any(unknown.start() <= m.start < unknown.end() for m in mentions):
        # "nearly 30 times more power-efficient than Google's first Cloud TPU", "24 times the compute power of
        # the world's largest supercomputer": a baseline the words name and chipdb does not know, not the text's
        f.problem = f"compares with {unknown.group('what')!r}, which is no device chipdb knows"
    if (subject is None) != (baseline is None) and (subject or baseline) is not None:
        missing = "subject" if subject is None else "baseline"
        f.problem = f"names no {missing} device (give it with --{missing})"


# -- metric and qualifiers --------------------------------------------------------------------------


