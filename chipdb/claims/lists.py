"""Lists in a sentence: names joined into a list ("the H20 and L20", "H200和B200"), figures listed
together ("1.4x and 2.4x", "440%、400%和380%") and metrics named in order for figures that follow them
("respectively", 分别). Pure: no database."""

from __future__ import annotations

import re

from chipdb.claims.roles import same_device
from chipdb.claims.spans import Found, Mention

__all__ = ["joined", "listed_subjects", "respective", "respectively"]

_EACH = re.compile(r"\brespectively\b|分别|各自", re.I)
# names joined into a list; figures listed together, each with its sign or not
_JOINED = re.compile(r"\s*(?:[,，]\s*)?(?:and|&|as well as|和|与|及|以及|、)\s*(?:the\s+)?|\s*[、,，]\s*")
_LIST_GLUE = re.compile(r"\s*(?:%|x|×|倍)?\s*(?:[,，]\s*(?:and\s+)?|and|&|、|和|与|及)\s*(?:the\s+)?", re.I)


def respective(masked: str, cues: list, metrics: list) -> dict[int, tuple[str, str, int]]:
    """Figures after the last metric a sentence names, with "respectively" (分别): the metrics named
    before them, in order, one each ("larger memory … and higher bandwidth …, approximately 1.8 and
    1.4 times, respectively")."""
    each = _EACH.search(masked)
    if not each:
        return {}
    words = [h for h in metrics if not h[2].unit]
    if each.group(0) in ("分别", "各自"):  # "记忆体与频宽分别成长 60% 与…": the metrics of its clause, the figures after it
        start = max((m.end() for m in re.finditer(r"[,，;；。:：]", masked[:each.start()])), default=0)
        end = next((m.start() for m in re.finditer(r"[;；。]", masked[each.end():])), len(masked) - each.end()) + each.end()
        here: dict[str, tuple[str, str, int]] = {}
        for at, _, word in words:
            if start <= at < each.start():
                here.setdefault(word.metric, (word.metric, word.word, at))
        figures = [c for c in cues if c.kind != "direction" and not c.pair and each.end() <= c.start < end]
        if len(here) >= 2 and figures:
            return {c.start: m for c, m in zip(figures, here.values())}
    last = max((h[0] for h in words), default=-1)
    figures = [c for c in cues if c.kind != "direction" and not c.pair and c.start > last]
    named: dict[str, tuple[str, str, int]] = {}
    for at, _, word in words:
        named.setdefault(word.metric, (word.metric, word.word, at))
    if len(figures) < 2 or len(named) < len(figures):
        return {}
    return {c.start: m for c, m in zip(figures, list(named.values())[-len(figures):])}


def respectively(listed: list[Found], f: Found, found: list[Found]) -> bool:
    """"显存与带宽: 141 GB/4.8 TB/s 分别是910B的2.2倍/4倍", "capacity and bandwidth rise 2x and 3x
    respectively": figures that follow a list of metrics take them in order. ``listed`` holds the
    first figure and its twins (one per metric); the k-th figure gets the k-th metric named, and
    the first figure keeps the first, its twins withdrawn."""
    lead, twins = listed[0], listed[1:]
    order = sorted(((x.metric_at, x.metric, x.metric_word) for x in listed))
    dealt = [x for x in found if x.sentence == lead.sentence and x.cue.start > lead.cue.start and not x.not_spec]
    k = len(dealt) + 1
    if k >= len(order):
        return False
    if k == 1:
        lead.metric_at, lead.metric, lead.metric_word = order[0]
        for twin in twins:
            if twin in found:
                found.remove(twin)
    f.metric_at, f.metric, f.metric_word = order[k]
    f.not_spec = ""
    f.subject, f.baseline = f.subject or lead.subject, f.baseline or lead.baseline
    f.quals = dict(lead.quals)
    found.append(f)
    return True


def listed_subjects(s: str, cues: list, mentions: list[Mention]) -> dict[int, Mention]:
    """"The H200 and B200 have 1.4x and 2.4x the memory bandwidth of the H100", "the H200 and B200 offer
    43% and 139% more bandwidth": a list of names before a list of as many figures gives each figure
    the name in its place (cue start -> its subject)."""
    stated = [c for c in cues if not c.pair and c.kind != "direction"]
    runs, run = [], stated[:1]
    for a, b in zip(stated, stated[1:]):
        if _LIST_GLUE.fullmatch(s[a.end:b.start]):
            run.append(b)
        else:
            runs.append(run)
            run = [b]
    runs.append(run)
    out: dict[int, Mention] = {}
    for run in runs:
        if len(run) < 2:
            continue
        named = sorted((m for m in mentions if m.candidates and m.end <= run[0].start
                        and not (m.pronoun or m.counted or m.vendor or m.family)), key=lambda m: m.start)
        chains: list[list[Mention]] = []
        for m in named:  # the names joined into lists ("H200和B200", "the H200 and B200")
            if chains and _JOINED.fullmatch(s[chains[-1][-1].end:m.start]):
                chains[-1].append(m)
            else:
                chains.append([m])
        chain = next((c for c in reversed(chains) if len(c) == len(run)), [])
        if chain and len({m.candidates for m in chain}) == len(chain):
            out.update({c.start: m for c, m in zip(run, chain)})
    return out


def joined(f: Found, s: str, mentions: list[Mention], side: str) -> list[Mention]:
    """The devices a list joins to the subject or the baseline ("the H20 and L20 are …", "chips H20 and L20,
    whose …", "H20和L20的算力…", "exceed NVIDIA's H200 and Vera Rubin systems by ~50%"): the claim is each
    one's, unless the other side is in the list ("The H100 and H200 both draw 700W")."""
    me, other = (f.subject, f.baseline) if side == "subject" else (f.baseline, f.subject)
    if (me is None or other is None or getattr(f, f"{side}_from") != "text" or f.cue.pair or f.problem
            or _EACH.search(s)):
        return []  # ("respectively", "分别": each its own figure)
    named = sorted((m for m in mentions if m.candidates and (side == "baseline" or m.end <= f.cue.start)
                    and not (m.pronoun or m.counted or m.vendor or m.family)), key=lambda m: m.start)
    if not any(m is me for m in named):
        return []
    at = next(i for i, m in enumerate(named) if m is me)
    chain = [me]
    for step in (-1, 1):
        i = at
        while 0 <= i + step < len(named):
            a, b = (named[i + step], named[i]) if step == -1 else (named[i], named[i + step])
            if not _JOINED.fullmatch(s[a.end:b.start]):
                break
            i += step
            chain.append(named[i])
    out: list[Mention] = []
    for m in chain[1:]:
        if any(same_device(m, o) for o in (other, me, *out)):
            return []  # the other side is in the list: it compares the list's members
        out.append(m)
    return out
