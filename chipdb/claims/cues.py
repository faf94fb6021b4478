"""The figures that compare ("1.7x", "58% faster", "almost double", "提升了2.1倍", "20–30%") with
the bounds their hedges set, and absolute amounts ("300 PFLOPs", "15 vs 9 PFLOPS")."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import replace

from chipdb.claims import grammar
from chipdb.claims.grammar import NUM, Language
from chipdb.claims.spans import MASK, Amount, Cue

def cues(masked: str, lang: Language) -> list[Cue]:
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
            if kind == "fraction_less":  # "低1/13": lower by a fraction, a percentage less
                kind, value, number = "percent_less", value * 100, f"{value * 100:.4g}"
            if kind == "range":
                kind, low, high = _range(masked, m, lang)
                if kind is None or low is None or high is None or high <= low:
                    continue
                value = low
            number_start = m.start("n") if m.groupdict().get("n") else m.start()
            bound = p.bound or _bound(masked, m.start(), number_start, m.end(), lang)
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
    # "提升幅度高于20%", "总带宽超过400 Tb/s": a hedge on a number, not a comparison of devices
    return bool(_number_after().match(masked, m.end(), m.end() + 16))


@lru_cache(maxsize=None)
def _number_after() -> re.Pattern:
    units = "|".join(re.escape(u.unit) for u in grammar.amount_units())
    return re.compile(rf"\s*(?:约|近)?{NUM}\s*(?:%|倍|x|×|times|{units})", re.I)


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


def amounts(masked: str) -> list[Amount]:
    units = grammar.amount_units()
    alternation = "|".join(re.escape(u.unit) for u in units)
    rx = re.compile(rf"(?<![0-9a-z.,])(?P<n>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<u>{alternation})(?![a-z])", re.I)
    by_unit = {u.unit: u for u in units}
    out = []
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    pair = re.compile(rf"(?<![0-9a-z.,])(?P<a>{number})\s*(?P<ua>{alternation})?(?:\s+[a-z][a-z0-9]*){{0,2}}?\s*,?\s*"
                      rf"(?:vs\.?|versus|compared (?:to|with)|against|"
                      rf"对比|对)\s*(?P<b>{number})\s*(?P<u>{alternation})?(?![a-z0-9])", re.I)
    # "from 989 TFLOPS to 2250 TFLOPS", "从80GB提升到141GB": the first is the baseline's
    named = rf"(?:{MASK}+\s*(?:的|'s)?\s*)?"  # "从V100的32GB扩展至H200的141GB", "from A100's 600GB/s to H100's"
    change = re.compile(rf"(?:\bfrom|从|由)\s*{named}(?P<b>{number})\s*(?P<ub>{alternation})?\s*(?:\([^)]{{0,30}}\)\s*)?"
                        rf"(?:(?:in|on|for|of)\s+(?:the\s+)?{MASK}+(?:'s)?\s*)?"  # "from 3.35TB/s in the H100 to 8TB/s"
                        rf"(?:[升提增跃扩]\w?|上升)?\s*(?:to|到|至)\s*{named}(?P<a>{number})\s*(?P<u>{alternation})?(?![a-z0-9])",
                        re.I)
    # "96GB of HBM2e per chip (up from 32GB on the original Trainium)": the second is the baseline's
    since = re.compile(rf"(?<![0-9a-z.,])(?P<a>{number})\s*(?P<ua>{alternation})(?![a-z])[^;.()]{{0,40}}?\(?\s*"
                       rf"(?:up|down|rising|falling|increased|decreased|jumping)\s+from\s+(?P<b>{number})\s*(?P<u>{alternation})?(?![a-z0-9])", re.I)
    paired = []
    for two, first_side, second_side in ((pair, "subject", "baseline"), (since, "subject", "baseline"),
                                         (change, "baseline", "subject")):
        for m in two.finditer(masked):
            u1, u2 = ("ub", "u") if two is change else ("ua", "u")
            if not m.group(u2) and not m.group(u1):
                continue  # "4 vs 8": no unit, no amount
            unit = by_unit[(m.group(u2) or m.group(u1)).lower()]  # "300 PFLOPs vs. 180": the unit carries over
            first = by_unit[m.group(u1).lower()] if m.group(u1) else unit
            g1, g2 = ("b", "a") if two is change else ("a", "b")
            out.append(Amount(m.start(g1), m.end(g1), float(m.group(g1).replace(",", "")) * first.factor, first.metric,
                              m.group(g1) + " " + (m.group(u1) or m.group(u2)), first_side))
            out.append(Amount(m.start(g2), m.end(), float(m.group(g2).replace(",", "")) * unit.factor, unit.metric,
                              m.group(g2) + " " + (m.group(u2) or m.group(u1)), second_side))
            paired.append((m.start(), m.end()))
    for m in rx.finditer(masked):
        if any(a <= m.start() < b for a, b in paired):
            continue
        unit = by_unit[m.group("u").lower()]
        out.append(Amount(m.start(), m.end(), float(m.group("n").replace(",", "")) * unit.factor, unit.metric, m.group(0)))
    return sorted((replace(a, per_part=bool(_PER_PART.match(masked, a.end))) for a in out), key=lambda x: x.start)


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
            slack = ratio * (_half_unit(ref.text) + _half_unit(d.text) * d.value / max(ref.value, 1e-30))
            used.add(d.start)
            out.append(Cue(m.start(), m.end(), "ratio", f"{ratio:.3g}", ratio - slack, "", "", m.group(0), ratio + slack))
    return out, used


_PER_PART = re.compile(r"(?:\s+[a-z0-9\-]+){0,2}?\s*(?:per|/|an?|each)\s*(?:gpu|chip|accelerator|die|package|card|npu|tpu)\b|\s*(?:每颗|每卡|单卡|每芯片|每个gpu)",
                       re.I)


# -- roles ------------------------------------------------------------------------------------------


def implied(masked: str, found_amounts: list[Amount], stated: list[Cue]) -> list[Cue]:
    """Two values set against each other with no figure of their own ("3.35 TB/s, compared to
    2.04 TB/s for the A100", "从300W提升至400W"): the ratio they imply is the claim, give or take
    what printing the two values rounds away."""
    out = []
    for x, y in zip(found_amounts, found_amounts[1:]):
        if {x.side, y.side} != {"subject", "baseline"} or x.metric != y.metric:
            continue
        sub, base = (x, y) if x.side == "subject" else (y, x)
        start, end = min(x.start, y.start), max(x.end, y.end)
        if base.value <= 0 or any((abs(c.start - start) < 80 or abs(c.end - end) < 80) and c.kind != "direction"
                                  for c in stated):
            continue  # a figure nearby states the ratio; these values are its evidence (a direction states less)
        ratio = sub.value / base.value
        slack = ratio * (_half_unit(sub.text) + _half_unit(base.text))
        out.append(Cue(start, end, "ratio", f"{ratio:.3g}", ratio - slack, "", "", masked[start:end], ratio + slack,
                       (sub.start, base.start)))
    return out


_MARKS_SECOND = re.compile(r"(?:\bthan|\bcompared (?:to|with)|\bversus|\bvs\.?|\bagainst|\bover|\bsurpass\w*|\bexceed\w*|"
                           r"\btops|\bbeats?|比|较|相比|相较|对比|超过|超越|高于|低于)\W*(?:the\s+|that of\s+)?\S*\W*$")
_GROWN = re.compile(r"(?:[升提增跃扩]\w?|上升|增长)(?:了)?\s*(?:至|到)|\b(?:rises|rose|increases|increased|grows|grew|jumps|jumped|"
                    r"goes up|went up|climbs|climbed|upgraded|raised|doubles|doubled)\s+to\b")
_MARKS_FIRST = re.compile(r"(?:\bcompared (?:to|with)|\brelative to|\bversus|\bvs\.?|\bunlike|相比|相较|对比|与|较)\s*"
                          r"(?:the\s+)?$")


def contrasted(masked: str, found_amounts: list[Amount], owners: dict[int, object], stated: list[Cue]) -> list[Cue]:
    """Two devices' values of one metric set against each other in a sentence, with no figure of
    their own ("500KW, significantly higher than NVL72's 145KW", "reaching 1.31 petaflops, while the
    H100 achieves 989.5 teraflops", "A100约312 TFLOPS,而H100可达到1979 TFLOPS"): the ratio they imply.
    Words that mark a baseline ("than", "比", a leading "compared to") order the sides; otherwise
    they are taken in reading order, the value grown to (提升至, "rises to") or turned to (而) being the subject. A leading "Compared to A's X or B's
    Y, C's Z …" sets C against each; a value with no name before words that mark the other as the
    baseline ("draws 750W, higher compared to the 560W of the MI250X") is the topic's."""
    loose = [a for a in found_amounts if not a.side]
    framed = _framed(masked, loose, owners)
    if framed:
        return [_implied(masked, sub, base, owners) for sub, base in framed if not _stated_near(sub, base, stated)]
    out = []
    # neighbours of one metric: "700W, … 350W, 相比A100的400W" pairs no 700W with 400W
    neighbours = [(x, y) for m in dict.fromkeys(a.metric for a in loose)
                  for x, y in zip([a for a in loose if a.metric == m], [a for a in loose if a.metric == m][1:])]
    for x, y in sorted(neighbours, key=lambda p: p[0].start):
        ox, oy = owners.get(x.start), owners.get(y.start)
        if oy is None or ox is oy or ox is not None and set(ox.candidates) == set(oy.candidates):
            continue
        if min(x.value, y.value) <= 0 or _stated_near(x, y, stated):
            continue
        if _MARKS_SECOND.search(masked[x.end:min(y.start, oy.start)]):
            sub, base = x, y
        elif ox is None:
            continue  # whose the first value is, only words that mark the second as the baseline tell
        elif _MARKS_FIRST.search(masked[max(0, min(x.start, ox.start) - 20):min(x.start, ox.start)]):
            sub, base = y, x
        elif _GROWN.search(masked[x.end:y.start]) or "而" in masked[x.end:min(y.start, oy.start)] and not re.search(
                r"[才只仅]", masked[oy.end:y.start]):
            sub, base = y, x  # the one grown to, or 而 turns to: "V100约300W,A100提升至400W", "…,而H100可达到1979"
        else:
            sub, base = x, y  # in reading order: "70 W on the T4 and 72 W on the L4", "而当今的B300才1.1 PFLOPS"
        out.append(_implied(masked, sub, base, owners))
    return out


_LEAD = re.compile(r"^\W*(?:compared (?:to|with)|relative to|versus|against|unlike|相比于?|相较于?|对比|与|和)\s*", re.I)


def _framed(masked: str, loose: list[Amount], owners: dict[int, object]) -> list[tuple[Amount, Amount]]:
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


def _stated_near(x: Amount, y: Amount, stated: list[Cue]) -> bool:
    """A figure nearby states the ratio; the values are its evidence (a direction states less)."""
    return any((abs(c.start - x.start) < 80 or abs(c.end - y.end) < 80) and c.kind != "direction" for c in stated)


def _implied(masked: str, sub: Amount, base: Amount, owners: dict[int, object]) -> Cue:
    start = min(a.start if owners.get(a.start) is None else min(a.start, owners[a.start].start) for a in (sub, base))
    end = max(a.end if owners.get(a.start) is None else max(a.end, owners[a.start].end) for a in (sub, base))
    ratio = sub.value / base.value
    slack = ratio * (_half_unit(sub.text) + _half_unit(base.text))
    return Cue(start, end, "ratio", f"{ratio:.3g}", ratio - slack, "", "", masked[start:end], ratio + slack,
               (sub.start, base.start))


def _half_unit(text: str) -> float:
    """Half the last printed digit of a value, relative to it: "3.35 TB/s" is +-0.005/3.35."""
    number = re.match(r"[\d,]+(?:\.(\d+))?", text)
    if not number:
        return 0.0
    value = float(number.group(0).replace(",", ""))
    return (0.5 * 10 ** -len(number.group(1) or "")) / value if value else 0.0
