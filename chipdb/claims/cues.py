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
            if p.scale != 1.0:  # "七成": seven tenths, 70 percent
                value, number = value * p.scale, f"{value * p.scale:g}"
            kind, high = p.kind, None
            if kind == "tisheng" and value == 1:  # "提升了一倍": increased by one time is double, never 1x
                kind, value, number = "ratio", 2.0, ""
            if kind == "fraction_less":  # "低1/13": lower by a fraction, a percentage less
                kind, value, number = "percent_less", value * 100, f"{value * 100:.4g}"
            if kind == "range":
                kind, low, high = _range(masked, m, lang)
                if kind is None or low is None or high is None or high <= low:
                    continue
                value = low
            number_start = m.start("n") if m.groupdict().get("n") else m.start()
            bound = p.bound or _bound(masked, m.start(), number_start, m.end(), lang)
            if p.kind == "direction" and not p.yields and _inside_comparison_number(masked, m, lang):
                continue
            cues.append(Cue(m.start(), m.end(), kind, number, float(value), bound, p.direction, m.group(0), high,
                            yields=p.yields))
            for k in range(m.start(), m.end()):
                taken[k] = True
    cues.sort(key=lambda c: c.start)
    # "more memory (192GB per chip, 6 times more …)", "1.5 倍更快記憶體": the figure says it, the direction gives way
    cues = [c for c in cues if not c.yields or not (_THAN_NOTHING.match(masked, c.end) or any(
        d.kind != "direction" and abs(d.start - c.start) < 60 and not re.search(r"[;；。]", masked[min(c.end, d.end):max(c.start, d.start)])
        for d in cues))]
    # "40-55% More Power Than H100": the comparative after a figure is that figure's, not a claim of its own
    cues = [c for c in cues if not (c.kind == "direction" and any(
        d.kind != "direction" and 0 <= c.start - d.end <= 2 for d in cues))]
    return _shared_hedges(masked, _listed_after(masked, _shared_units(masked, _shared_direction(masked, cues), lang), lang),
                          lang)


# "falls behind by a factor of three in compute and 2.5× in memory bandwidth": the second figure is behind too
_NEXT_IN_LIST = re.compile(r"\s+(?:in|on|for)\s+[^.;,§]{1,40}?\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:by\s+)?$")


def _shared_direction(masked: str, cues: list[Cue]) -> list[Cue]:
    out = list(cues)
    for i in range(1, len(out)):
        before, cue = out[i - 1], out[i]
        if (before.kind == "times_less" and cue.kind == "ratio" and cue.number and not cue.pair
                and _NEXT_IN_LIST.match(masked[before.end:cue.start])):
            out[i] = replace(cue, kind="times_less")
    return out


# a bare number listed before a figure: "approximately 1.8 and 1.4 times", "1.5、2倍"
# (or with the figure's own sign: "43% and 139% more", "1.4x and 2.4x the")
_LISTED = re.compile(r"(?<![\w.,§])(?P<n>\d{1,3}(?:\.\d+)?)\s*(?P<u>%|x|×)?\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|、|和|与|/)\s*$")


def _shared_units(masked: str, cues: list[Cue], lang: Language) -> list[Cue]:
    """A number listed before a figure shares its unit: "1.8 and 1.4 times" is two ratios, "30、50%"
    two percentages."""
    out = list(cues)
    for cue in cues:
        if not cue.number or cue.kind == "direction" or cue.pair or cue.high is not None:
            continue
        number_at = masked.find(cue.number, cue.start)
        m = _LISTED.search(masked[max(0, number_at - 16):number_at]) if number_at == cue.start else None
        if m is None:
            continue
        if m.group("u") and (m.group("u") == "%") != cue.kind.startswith("percent"):
            continue  # "40% and 2x": not one list
        start = max(0, number_at - 16) + m.start("n")
        end = start + len(m.group("n"))
        if any(c.start <= start < c.end for c in out):
            continue
        out.append(Cue(start, end, cue.kind, m.group("n"), float(m.group("n")), _bound(masked, start, start, end, lang),
                       cue.direction, masked[start:end]))
    return sorted(out, key=lambda c: c.start)


# a figure listed after another with its own sign: "提升440%、400%和380%", "up 40%, 60% and 80%"
_AFTER = re.compile(r"\s*(?:、|,|，|和|与|及|以及|,?\s*and)\s*(?P<n>\d{1,4}(?:\.\d+)?)\s*(?P<u>%|x|×|倍)")


def _listed_after(masked: str, cues: list[Cue], lang: Language) -> list[Cue]:
    """Figures listed after a figure, each with its own sign, are of its kind: "较前代分别提升440%、400%和
    380%" is three increases, "2x, 3x and 4x the memory" three ratios."""
    out = list(cues)
    for cue in cues:
        if not cue.number or cue.kind == "direction" or cue.pair or cue.high is not None:
            continue
        sign = "%" if cue.kind.startswith("percent") else None
        at = cue.end
        while (m := _AFTER.match(masked, at)) is not None:
            if (m.group("u") == "%") != (sign == "%") or any(c.start <= m.start("n") < c.end for c in out):
                break
            start, end = m.start("n"), m.end()
            out.append(Cue(start, end, cue.kind, m.group("n"), float(m.group("n")),
                           _bound(masked, start, start, end, lang), cue.direction, masked[start:end]))
            at = end
    return sorted(out, key=lambda c: c.start)


# "more memory and bandwidth than ever before": compared with no device
_THAN_NOTHING = re.compile(r"[^.;,]{0,40}?\bthan\s+(?:ever|before|expected|usual|previously|anticipated)\b")


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


def amounts(masked: str, about: str = "") -> list[Amount]:
    """The values a sentence states, with their units; ``about``, the metric the text before was about,
    lets a scale word alone count its noun ("Blackwell had 208 billion" after "336 billion transistors")."""
    units = grammar.amount_units()
    alternation = "|".join(re.escape(u.unit) for u in units)
    rx = re.compile(rf"(?<![0-9a-z.])(?<![^a-z][0-9],)(?P<n>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<u>{alternation})(?![a-z])", re.I)
    # "1.98e15 bfloat16 FLOPs/s", "9.1e14 FLOPs/s": scientific notation, a word before the unit (a rate:
    # "1e12 FLOPs" is an amount of work)
    sci = re.compile(r"(?<![0-9a-z.])(?<![^a-z][0-9],)(?P<n>\d+(?:\.\d+)?e\+?\d{1,2})(?:\s+[a-z][a-z0-9]*)?\s*(?P<u>flop/s|flops/s|flop/sec|flops/sec)(?![a-z])", re.I)
    by_unit = {u.unit: u for u in units}
    out = []
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    pair = re.compile(rf"(?<![0-9a-z.])(?<![^a-z][0-9],)(?P<a>{number})\s*(?P<ua>{alternation})?(?:\s+[a-z][a-z0-9]*){{0,2}}?\s*,?\s*"
                      rf"(?:vs\.?|versus|compared (?:to|with)|against|"
                      rf"对比|对)\s*(?:~|≈|about\s+|around\s+|约)?\s*(?P<b>{number})\s*(?P<u>{alternation})?(?![a-z0-9])", re.I)
    # "from 989 TFLOPS to 2250 TFLOPS", "从80GB提升到141GB": the first is the baseline's
    named = rf"(?:{MASK}+\s*(?:的|'s)?\s*)?"  # "从V100的32GB扩展至H200的141GB", "from A100's 600GB/s to H100's"
    change = re.compile(rf"(?:\bfrom|从|由)\s*{named}(?P<b>{number})\s*(?P<ub>{alternation})?\s*(?:\([^)]{{0,30}}\)\s*)?"
                        rf"(?:(?:in|on|for|of)\s+(?:the\s+)?{MASK}+(?:'s)?\s*)?"  # "from 3.35TB/s in the H100 to 8TB/s"
                        rf"(?:[\u3400-\u9fff]{{1,3}})?\s*(?:to|到|至)\s*{named}(?P<a>{number})\s*(?P<u>{alternation})?(?![a-z0-9])",
                        re.I)
    # "96GB of HBM2e per chip (up from 32GB on the original Trainium)": the second is the baseline's
    since = re.compile(rf"(?<![0-9a-z.])(?<![^a-z][0-9],)(?P<a>{number})\s*(?P<ua>{alternation})(?![a-z])[^;.()]{{0,40}}?\(?\s*"
                       rf"(?:up|down|rising|falling|increased|decreased|jumping)\s+from\s+(?:~|≈|about\s+|around\s+|roughly\s+)?(?P<b>{number})\s*(?P<u>{alternation})?(?![a-z0-9])", re.I)
    # "the memory went from 80GB HBM3 at 3.35 TB/s to 141GB HBM3e at 4.80 TB/s": two changes at once
    value = rf"(?P<@>{number})\s*(?P<u@>{alternation})"
    twice = re.compile(rf"(?:\bfrom|从|由)\s*{value.replace('@', 'b')}(?:\s+[a-z][a-z0-9]*){{0,2}}?\s*(?:at|with|and|,|，)\s*"
                       rf"{value.replace('@', 'b2')}\s*(?:to|到|至)\s*{value.replace('@', 'a')}(?:\s+[a-z][a-z0-9]*){{0,2}}?\s*"
                       rf"(?:at|with|and|,|，)\s*{value.replace('@', 'a2')}(?![a-z0-9])", re.I)
    paired = []
    for m in twice.finditer(masked):
        for g_base, g_sub, offset in (("b", "a", 0), ("b2", "a2", 1)):
            ub, ua = by_unit[m.group("u" + g_base).lower()], by_unit[m.group("u" + g_sub).lower()]
            if ub.metric != ua.metric:
                break
            for g, unit, side in ((g_base, ub, "baseline"), (g_sub, ua, "subject")):
                out.append(Amount(m.start(g), m.end("u" + g), float(m.group(g).replace(",", "")) * unit.factor, unit.metric,
                                  m.group(g) + " " + m.group("u" + g), side, group=m.start() + offset))
        paired.append((m.start(), m.end()))
    for two, first_side, second_side in ((pair, "subject", "baseline"), (since, "subject", "baseline"),
                                         (change, "baseline", "subject")):
        for m in two.finditer(masked):
            if any(a <= m.start() < b for a, b in paired):
                continue  # already read as two changes at once
            u1, u2 = ("ub", "u") if two is change else ("ua", "u")
            if not m.group(u2) and not m.group(u1):
                continue  # "4 vs 8": no unit, no amount
            unit = by_unit[(m.group(u2) or m.group(u1)).lower()]  # "300 PFLOPs vs. 180": the unit carries over
            first = by_unit[m.group(u1).lower()] if m.group(u1) else unit
            if first.metric != unit.metric:
                continue  # "22 TB/s bandwidth, compared to 192 GB at 8 TB/s": each value is set against its own kind
            g1, g2 = ("b", "a") if two is change else ("a", "b")
            out.append(Amount(m.start(g1), m.end(g1), float(m.group(g1).replace(",", "")) * first.factor, first.metric,
                              m.group(g1) + " " + (m.group(u1) or m.group(u2)), first_side, group=m.start()))
            out.append(Amount(m.start(g2), m.end(), float(m.group(g2).replace(",", "")) * unit.factor, unit.metric,
                              m.group(g2) + " " + (m.group(u2) or m.group(u1)), second_side, group=m.start()))
            paired.append((m.start(), m.end()))
    for m in rx.finditer(masked):
        if any(a <= m.start() < b for a, b in paired):
            continue
        unit = by_unit[m.group("u").lower()]
        out.append(Amount(m.start(), m.end(), float(m.group("n").replace(",", "")) * unit.factor, unit.metric, m.group(0)))
    for m in sci.finditer(masked):
        out.append(Amount(m.start(), m.end(), float(m.group("n")), "compute", m.group(0)))
    out += _elided(masked, out, number, about)
    return sorted((replace(a, per_part=bool(_PER_PART.match(masked, a.end))) for a in out), key=lambda x: x.start)


def _elided(masked: str, found: list[Amount], number: str, about: str = "") -> list[Amount]:
    """"80 billion transistors; the A100 has 54.2 billion", "晶体管数量为800亿，A100为542亿": a scale
    word alone, in a sentence that names the unit's noun, is an amount of it."""
    out = []
    lowered = masked.lower()
    for e in grammar.elided_units():
        if not any(n in lowered for n in e.nouns) and about != e.metric:
            continue
        for m in re.finditer(rf"(?<![0-9a-z.])(?<![^a-z][0-9],)(?P<n>{number})\s*{re.escape(e.scale)}(?:个|颗)?(?![a-z])", masked, re.I):
            if any(a.start <= m.start() < a.end for a in found):
                continue
            out.append(Amount(m.start(), m.end(), float(m.group("n").replace(",", "")) * e.factor, e.metric, m.group(0)))
    return out


_PER_PART = re.compile(r"(?:\s+[a-z0-9\-]+){0,2}?\s*(?:per|/|an?|each)\s*(?:gpu|chip|accelerator|die|package|card|npu|tpu)\b|\s*(?:每颗|每卡|单卡|每芯片|每个gpu)",
                       re.I)
