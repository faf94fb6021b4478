"""Ratios that values imply: two devices' values set against each other ("3.35 TB/s, compared to
2.04 TB/s for the A100", "500KW, higher than NVL72's 145KW", "从V100的32GB扩展至H200的141GB") and
a difference stated in units beside one side's value ("14GB more than the H100 SXM"). Each is a
cue like a printed figure, its range what printing the values rounds away."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from chipdb.claims import grammar
from chipdb.claims.allowed import FINE
from chipdb.claims.spans import Amount, Cue, Found, Mention




@lru_cache(maxsize=None)
def _difference_patterns() -> tuple[tuple[re.Pattern, int], ...]:
    units = "|".join(re.escape(u.unit) for u in grammar.amount_units())
    amount = rf"(?<![0-9a-z.,])(?P<d>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<u>{units})(?![a-z])"
    return tuple((re.compile(fragment.replace("AMOUNT", amount), re.I), sign) for fragment, sign in grammar.differences())


def differences(masked: str, found_amounts: list[Amount]) -> tuple[list[Cue], set[int]]:
    """A difference stated in units, with one side's value stated beside it: "94GB of HBM3 - 14GB
    more than the H100 SXM" (94/80), "192GB, an increase of 112GB over the H100's 80GB" (192/80).
    The ratio it implies is the claim; the difference is no device's value (its start is returned)."""
    out, used = [], set()
    for rx, sign in _difference_patterns():
        for m in rx.finditer(masked):
            d = next((a for a in found_amounts if a.start == m.start("d")), None)
            if d is None or d.start in used:
                continue
            same = [a for a in found_amounts if a.metric == d.metric and a is not d]
            after = next((a for a in same if m.end() <= a.start <= m.end() + 40), None)
            before = max((a for a in same if a.end <= m.start()), key=lambda a: a.start, default=None)
            if after is not None and after.value > 0:  # the baseline's value follows: (B + d) / B
                ratio, ref = (after.value + sign * d.value) / after.value, after
            elif before is not None and before.value - sign * d.value > 0:  # the subject's precedes: S / (S - d)
                ratio, ref = before.value / (before.value - sign * d.value), before
            else:
                continue
            slack = _slack(ratio, half_unit(ref.text) + half_unit(d.text) * d.value / max(ref.value, 1e-30))
            used.add(d.start)
            out.append(Cue(m.start(), m.end(), "ratio", f"{ratio:.3g}", ratio - slack, "", "", m.group(0), ratio + slack))
    return out, used



def implied(masked: str, found_amounts: list[Amount], stated: list[Cue], words: tuple[int, ...] = ()) -> list[Cue]:
    """Two values set against each other with no figure of their own ("3.35 TB/s, compared to
    2.04 TB/s for the A100", "从300W提升至400W"): the ratio they imply is the claim, give or take
    what printing the two values rounds away."""
    out = []
    sided = [a for a in found_amounts if a.side in ("subject", "baseline")]
    for key in dict.fromkeys((a.group, a.metric) for a in sided):  # the pair of one metric a pattern found
        subs = [a for a in sided if (a.group, a.metric) == key and a.side == "subject"]
        bases = [a for a in sided if (a.group, a.metric) == key and a.side == "baseline"]
        if len(subs) != 1 or len(bases) != 1:
            continue
        sub, base = subs[0], bases[0]
        if base.value <= 0 or _stated_near(sub, base, stated, words):
            continue  # a figure nearby states the ratio; these values are its evidence
        out.append(_implied(masked, sub, base, {}))  # the span of the two values alone
    return sorted(out, key=lambda c: c.start)


_MARKS_SECOND = re.compile(r"(?:\bthan|\bcompared (?:to|with)|\bas opposed to|\bversus|\bvs\.?|\bagainst|\bover|\bsurpass\w*|\bexceed\w*|"
                           r"\btops|\bbeats?|比|较|相比|相较|对比|超过|超越|高于|低于)\W*(?:the\s+|that of\s+)?\S*\W*$")
_GROWN = re.compile(r"(?:[升提增跃扩]\w?|上升|增长)(?:了)?\s*(?:至|到)|\b(?:rises|rose|increases|increased|grows|grew|jumps|jumped|"
                    r"goes up|went up|climbs|climbed|upgraded|raised|doubles|doubled)\s+to\b")
# "HBM2 capacity for TPU v5e was 16 GB, so Trillium capacity is 32 GB": the value in the present is the newer
_THEN_NOW = re.compile(r"\b(?:was|were|had)\s+\S+[^.;]{0,40}?\b(?:so|while|whereas|and now|but now)\b[^.;]{0,40}?"
                       r"\b(?:is|are|has|have|gets)\s+$")
# a leading subordinate clause and its comma: "While the H100 offers 3.35 TB/s, ", "虽然H100为80GB，"
_SUBORDINATE = re.compile(r"^\W*(?:(?:while|whereas|although|though)\b|虽然|尽管)[^,;，；]*[,，]\s*", re.I)
_MARKS_FIRST = re.compile(r"(?:\bcompared (?:to|with)|\brelative to|\bversus|\bvs\.?|\bunlike|相比|相较|对比|与|较)\s*"
                          r"(?:the\s+)?$")


def contrasted(masked: str, found_amounts: list[Amount], owners: dict[int, Mention | None],
               stated: list[Cue], words: tuple[int, ...] = (),
               newer: Callable[[Mention, Mention], bool] | None = None) -> list[Cue]:
    """Two devices' values of one metric set against each other in a sentence, with no figure of
    their own ("500KW, significantly higher than NVL72's 145KW", "reaching 1.31 petaflops, while the
    H100 achieves 989.5 teraflops", "A100约312 TFLOPS,而H100可达到1979 TFLOPS"): the ratio they imply.
    Words that mark a baseline ("than", "比", a leading "compared to") order the sides; otherwise
    they are taken in reading order, the value grown to (提升至, "rises to") or turned to (而) being
    the subject; else, where no sentence relates them (``newer``: a table's "H100 | H200" columns, two
    sentences in parallel), the newer device is the subject; else the one named first. A leading "Compared to A's X or B's Y, C's Z …" sets C against each; a value with no
    name before words that mark the other as the baseline ("draws 750W, higher compared to the 560W
    of the MI250X", "配备了95GB的HBM,而TPU v4中的HBM为32GB") is the topic's."""
    loose = [a for a in found_amounts if not a.side]
    framed = _framed(masked, loose, owners) or _listed_baselines(masked, loose, owners)
    if framed:
        return [_implied(masked, sub, base, owners) for sub, base in framed if not _stated_near(sub, base, stated, words)]
    out = []
    # neighbours of one metric: "700W, … 350W, 相比A100的400W" pairs no 700W with 400W
    neighbours = [(x, y) for m in dict.fromkeys(a.metric for a in loose)
                  for x, y in zip([a for a in loose if a.metric == m], [a for a in loose if a.metric == m][1:])]
    for x, y in sorted(neighbours, key=lambda p: p[0].start):
        ox, oy = owners.get(x.start), owners.get(y.start)
        if oy is None or ox is oy or ox is not None and set(ox.candidates) == set(oy.candidates):
            continue
        if min(x.value, y.value) <= 0 or _stated_near(x, y, stated, words) or not _comparable(masked, x, y, ox, oy):
            continue
        if _MARKS_SECOND.search(masked[x.end:min(y.start, oy.start)]) or ox is None:
            sub, base = x, y  # a value with no name set against a named one is the topic's ("95GB …, 而TPU v4中的…为32GB")
        elif _MARKS_FIRST.search(masked[max(0, min(x.start, ox.start) - 20):min(x.start, ox.start)]):
            sub, base = y, x
        elif _THEN_NOW.search(masked[max(0, x.start - 12):y.start]):
            sub, base = y, x
        elif (lead := _SUBORDINATE.match(masked)) and x.start < lead.end() <= min(y.start, oy.start):
            sub, base = y, x  # "While the H100 offers 3.35 TB/s, the MI300X reaches 5.3 TB/s": the main clause's
        elif _GROWN.search(masked[x.end:y.start]) or "而" in masked[x.end:min(y.start, oy.start)] and not re.search(
                r"[才只仅]", masked[oy.end:y.start]):
            sub, base = y, x  # the one grown to, or 而 turns to: "V100约300W,A100提升至400W", "…,而H100可达到1979"
        elif newer is not None and ox is not None and newer(oy, ox):
            sub, base = y, x  # no word orders them: the newer device is set against the older, as analysts write
        else:
            sub, base = x, y  # in reading order: "70 W on the T4 and 72 W on the L4", "而当今的B300才1.1 PFLOPS"
        out.append(_implied(masked, sub, base, owners))
    return out


_LEAD = re.compile(r"^\W*(?:compared (?:to|with)|relative to|versus|against|unlike|相比于?|相较于?|对比|与|和)\s*", re.I)


def _framed(masked: str, loose: list[Amount], owners: dict[int, Mention | None]) -> list[tuple[Amount, Amount]]:
    """"Compared to the H100's 80GB or H200's 141GB, the H20's 96GB …": the values before the
    frame's comma are baselines, the first one after it (of the same metric) the subject's."""
    lead = _LEAD.match(masked)
    comma = re.compile(r"[,，]").search(masked, lead.end()) if lead else None
    if comma is None:
        return []
    before = [a for a in loose if a.start < comma.start() and owners.get(a.start) is not None]
    after = [a for a in loose if a.start > comma.start() and owners.get(a.start) is not None]
    out = []
    for base in before:
        sub = next((a for a in after if a.metric == base.metric), None)
        if sub is not None and base.value > 0 and set(owners[sub.start].candidates) != set(owners[base.start].candidates):
            out.append((sub, base))
    return out


_LIST_LEAD = re.compile(r"(?:\bsurpass\w*|\bexceed\w*|\boutperform\w*|\bbeat\w*|\bthan|\bsuch as|\bcompared (?:to|with)|"
                        r"\bversus|\bvs\.?|\bahead of|超过|超越|高于|优于)", re.I)
_LIST_GLUE = re.compile(r"[\s)）]*(?:[,，、;]\s*)?(?:(?:and|or|和|与|及)\s*)?(?:the\s+|nvidia'?s?\s+|amd'?s?\s+)?$", re.I)


def _listed_baselines(masked: str, loose: list[Amount], owners: dict[int, Mention | None]) -> list[tuple[Amount, Amount]]:
    """"each MI300X providing 192 GB—surpassing competitors such as NVIDIA H100 (80 GB), H200 (141 GB),
    and B200 (180 GB)": the value before the words that mark baselines against each value listed
    after them (not one listed value against the next)."""
    out: list[tuple[Amount, Amount]] = []
    for metric in dict.fromkeys(a.metric for a in loose):
        same = [a for a in loose if a.metric == metric]
        for k in range(1, len(same) - 1):
            sub, listed = same[k - 1], same[k:]
            first = owners.get(listed[0].start)
            if first is None or not _LIST_LEAD.search(masked[sub.end:first.start]) or re.search(r"[;；。]", masked[sub.end:first.start]):
                continue
            mentions = [owners.get(a.start) for a in listed]
            if any(m is None for m in mentions) or len({m.candidates for m in mentions}) < len(mentions):
                continue
            if all(_LIST_GLUE.match(masked[a.end:m.start]) for a, m in zip(listed, mentions[1:])):
                mine = owners.get(sub.start)
                return [(sub, a) for a, m in zip(listed, mentions) if mine is None or set(mine.candidates) != set(m.candidates)]
    return out


# a value these words stand by is not a chip's spec of that unit: storage, system memory, a bus, idle, a price
_OTHER = re.compile(r"\b(?:storage|nvme|ssds?|disks?|system (?:ram|memory)|(?<!hbm )(?<!hbm2 )(?<!hbm3 )(?<!hbm4 )(?<!hbm2e )(?<!hbm3e )ram|ddr\d?|pcie|gen\s?\d|idle|price[sd]?|"
                    r"costs?|\$)\b|存储|硬盘|系统内存|内存条|待机|空闲|价格|售价", re.I)


def _comparable(masked: str, x: Amount, y: Amount, ox: Mention | None, oy: Mention | None) -> bool:
    """Two values one clause sets against each other, neither qualified as something else ("30TB of
    NVMe storage", "700W while idle", "PCIe Gen5 at 128GB/s")."""
    lo = min(x.start, ox.start) if ox is not None else x.start
    stops = [m.start() for m in re.finditer(r"[;；。]", masked[lo:y.end])]
    # (but two clauses in parallel, each naming its own device and value, are set against each other: "The
    # A100 has a TDP of 400W; the H100 SXM, 700W")
    if stops and not (len(stops) == 1 and masked[lo + stops[0]] in ";；" and ox is not None and oy is not None
                      and max(x.end, ox.end) <= lo + stops[0] < min(y.start, oy.start)):
        return False
    return not any(_OTHER.search(masked[max(0, a.start - 30):a.end + 20]) for a in (x, y))


def _stated_near(x: Amount, y: Amount, stated: list[Cue], words: tuple[int, ...] = ()) -> bool:
    """A figure nearby states the ratio, the values its evidence: "141GB, 1.76x the H100's 80GB". Not
    a direction, which states less, nor a figure a metric word stands between ("与A100基本相同,但将
    NVLink…的带宽从600GB/s降低到400GB/s": that figure is about something else)."""
    x, y = sorted((x, y), key=lambda a: a.start)

    def between(c: Cue) -> bool:
        lo, hi = (c.end, x.start) if c.end <= x.start else (y.end, c.start) if c.start >= y.end else (0, 0)
        return any(lo <= w < hi for w in words)

    return any((abs(c.start - x.start) < 80 or abs(c.end - y.end) < 80) and c.kind != "direction" and not between(c)
               and not _equality(c) for c in stated)


def _equality(c: Cue) -> bool:
    """"H100、H200 GPU功耗都是700W, H20只需要400W": that two devices share a value states nothing of a
    third's against it."""
    return c.kind == "ratio" and not c.number and c.value == 1 and not c.pair


def _implied(masked: str, sub: Amount, base: Amount, owners: dict[int, Mention | None]) -> Cue:
    start = min(a.start if owners.get(a.start) is None else min(a.start, owners[a.start].start) for a in (sub, base))
    end = max(a.end if owners.get(a.start) is None else max(a.end, owners[a.start].end) for a in (sub, base))
    ratio = sub.value / base.value
    slack = _slack(ratio, half_unit(sub.text) + half_unit(base.text))
    return Cue(start, end, "ratio", f"{ratio:.3g}", ratio - slack, "", "", masked[start:end], ratio + slack,
               (sub.start, base.start))


def _slack(ratio: float, printed: float) -> float:
    """How far a ratio two printed values imply may lie from them: what printing them rounds away
    (relative), and at least ``FINE``, as for a ratio printed finer than 2%: writers work from
    values a percent apart ("2,307 vs 2,250 TFLOPS" where the datasheet gives 2,310 holds)."""
    return ratio * max(printed, FINE)


def half_unit(text: str) -> float:
    """Half the last printed digit of a value, relative to it: "3.35 TB/s" is +-0.005/3.35."""
    number = re.match(r"[\d,]+(?:\.(\d+))?", text)
    if not number:
        return 0.0
    value = float(number.group(0).replace(",", ""))
    return (0.5 * 10 ** -len(number.group(1) or "")) / value if value else 0.0


def valued(amounts: list[Amount], owners: dict[int, Mention | None]) -> dict[tuple[str, ...], frozenset[str]]:
    """Each device's candidates -> the metrics the sentence gives it values of."""
    out: dict[tuple[str, ...], set[str]] = {}
    for x in amounts:
        who = owners.get(x.start)
        if who is not None and who.candidates:
            out.setdefault(who.candidates, set()).add(x.metric)
    return {k: frozenset(v) for k, v in out.items()}


def stated_ratio(cue: Cue) -> float | None:
    """The ratio a figure states, subject over baseline, where its words say it plainly."""
    if cue.value is None or cue.high is not None:
        return None
    return {"ratio": cue.value, "more": cue.value, "percent_of": cue.value / 100,
            "percent_more": 1 + cue.value / 100, "percent_less": 1 - cue.value / 100}.get(cue.kind)


def orient_by_values(f: Found, amounts: list[Amount], owners: dict[int, Mention | None],
                     before: dict[tuple[str, ...], dict[str, float]]) -> None:
    """"H100 SXM memory bandwidth is 3.35TB/s versus 2TB/s for the A100 80GB, a 68% increase", "… packs
    336 billion transistors. For context, Blackwell had 208 billion. That is a 61% increase": where the
    sentence, or else the text before, states both devices' values of the metric and the figure agrees
    with them only the other way round (within 5%), that way round is the reading."""
    ratio = stated_ratio(f.cue)
    if not ratio or ratio == 1 or not f.metric or f.subject is None or f.baseline is None:
        return
    values: dict[tuple[str, ...], float] = {}
    for x in amounts:
        who = owners.get(x.start)
        if who is not None and x.metric == f.metric:
            values.setdefault(who.candidates, x.value)
    for side in (f.subject, f.baseline):
        if side.candidates not in values and f.metric in before.get(side.candidates, {}):
            values[side.candidates] = before[side.candidates][f.metric]
    mine, theirs = values.get(f.subject.candidates), values.get(f.baseline.candidates)
    if mine and theirs and (ratio > 1) != (mine > theirs) and abs(theirs / mine - ratio) <= 0.05 * ratio:
        f.subject, f.baseline = f.baseline, f.subject
        f.subject_from, f.baseline_from = f.baseline_from, f.subject_from


def metric_by_values(f: Found, masked: str, amounts: list[Amount], owners: dict[int, Mention | None]) -> str:
    """"配備141GB HBM3e高速記憶體,頻寬高達4.8TB/s,幾乎是H100(80GB HBM3,3.35TB/s)的兩倍", "141GB of HBM3e
    … with a bandwidth of 4.8TB/s, nearly double that of … the H100, which has 80GB of HBM3 and 3.35TB/s":
    the sentence gives both devices' values of two metrics before a figure with no metric word after it;
    the figure may be of the metric whose values it fits (within 15%) where the nearest word's do not (off
    by more than 20%), and is read as that one's too. Returns that metric, or ""."""
    import math

    ratio = stated_ratio(f.cue)
    if not ratio or f.cue.pair or f.subject is None or f.baseline is None or f.metric_at > f.cue.start:
        return ""
    values: dict[str, dict[tuple[str, ...], float]] = {}
    for x in amounts:
        who = owners.get(x.start)
        if who is None and x.start < f.cue.start:
            who = f.subject  # "其…配備141GB…,頻寬高達4.8TB/s,幾乎是H100…": a value with no name before the figure
        if who is not None and who.candidates and not x.side:
            values.setdefault(x.metric, {}).setdefault(who.candidates, x.value)

    def gap(metric: str) -> float | None:
        mine, theirs = (values.get(metric, {}).get(m.candidates) for m in (f.subject, f.baseline))
        return abs(math.log(mine / theirs / ratio)) if mine and theirs else None

    now = gap(f.metric)
    if now is None or now <= math.log(1.2):
        return ""
    fits = sorted((g, m) for m in values if m != f.metric and (g := gap(m)) is not None and g <= math.log(1.15))
    return fits[0][1] if fits else ""
