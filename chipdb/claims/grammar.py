"""The claim grammar, loaded once from the data files in ``grammar/`` (English and Chinese):
word lists and regular-expression fragments, compiled here and nowhere else.

A grammar file says *what* people write; ``chipdb.claims.finder`` says how the pieces combine.
Adding a phrasing is adding a line to a file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).with_name("grammar")
# A number as printed: digits with an optional decimal part and thousands groups, a fraction, or
# Chinese numerals (read by ``chinese_number``); never the digits of a model number ("MI430X", "v5e").
NUM = r"(?:(?<![a-z\d])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![a-z\d])\d+(?:\.\d+)?(?:\s*/\s*\d+)?|[一二两三四五六七八九十百〇零半]+(?:分之[一二两三四五六七八九十]+)?)"


@dataclass(frozen=True)
class RatioPattern:
    regex: re.Pattern
    kind: str  # ratio | more | tisheng | times_less | percent_more | percent_less | percent_of | direction
    value: float | None  # a fixed value ("double"), else the number in group n
    direction: str = ""
    bound: str = ""  # a bound the words themselves set ("on par with": about 1)
    yields: bool = False  # a direction that gives way to a figure beside it ("more memory (… 6 times more …)")
    scale: float = 1.0  # what the number counts in ("七成": tenths, 70 percent)


@dataclass(frozen=True)
class MetricWord:
    word: str
    metric: str
    weak: bool = False  # a metric only beside a spec word ("peak performance"); alone, a workload
    weak_alone: bool = False  # a metric, but a unit or qualifier beside it may say which
    unit: bool = False  # a unit used as a word ("a 10% uplift in TFLOPs"): the metric when no word names one
    workload_near: bool = False  # a workload's measure in a sentence that names a workload ("performance per watt")


@dataclass(frozen=True)
class Language:
    code: str
    ratios: tuple[RatioPattern, ...]
    hedges: dict[str, tuple[str, ...]]  # bound -> words before a number
    after_hedges: dict[str, tuple[str, ...]]
    metric_words: tuple[MetricWord, ...]
    spec_words: tuple[str, ...]
    precision_words: dict[str, str]  # word -> precision
    sparsity_words: dict[str, str]
    workload_words: tuple[str, ...]
    baseline_before: re.Pattern
    baseline_after: re.Pattern | None
    pronouns: re.Pattern
    baseline_pronouns: re.Pattern
    accelerator_nouns: tuple[str, ...]
    system_nouns: tuple[str, ...]
    superchip_nouns: tuple[str, ...]
    number_words: dict[str, float]
    counters: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    vendor_verbs: tuple[str, ...] = ()
    contrasts: tuple[str, ...] = ()
    compares: tuple[str, ...] = ()
    weak_baseline_before: re.Pattern | None = None  # marks a baseline only after the figure
    measured: tuple[str, ...] = ()  # words that make a sentence's figures measurements ("实测", "MFU")
    spec_context: tuple[str, ...] = ()  # words that make a sentence's "faster" a spec ("according to the specifications")
    generation: re.Pattern | None = None  # "the fifth-generation TPU": groups n and w
    ordinals: dict[str, int] = field(default_factory=dict)


def _load(name: str) -> dict:
    with open(HERE / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


def _alternation(words) -> str:
    return "|".join(sorted((w if w.startswith(("\\", "(")) else re.escape(w) for w in words), key=len, reverse=True))


_AND_A_HALF = r"\s+and\s+a\s+half\b"


def _fractions(numbers: dict) -> dict[str, float]:
    """Every fraction the language's numerators and denominators make ("a third", "one-seventh",
    "two thirds"), with its value; "half" alone is a half."""
    out = {"half": 0.5} if "half" in numbers.get("fraction_denominators", {}) else {}
    for top, n in numbers.get("fraction_numerators", {}).items():
        for bottom, d in numbers.get("fraction_denominators", {}).items():
            for joint in (" ", "-"):
                out[f"{top}{joint}{bottom}"] = n / d
    return out


@lru_cache(maxsize=None)
def language(code: str) -> Language:
    data = _load(code)
    dev = r"[^,;。，]{1,40}?"
    numbers = data.get("numbers", {})
    fractions = _fractions(numbers)
    words = sorted({**numbers.get("words", {}), **fractions}, key=len, reverse=True)
    num = rf"(?:{NUM}|\b(?:{'|'.join(map(re.escape, words))})\b)" if words else NUM
    fraction = _alternation([f for f in fractions if f != "half"]) or "(?!)"
    num = rf"(?:{num}(?:{_AND_A_HALF})?)"  # "two and a half times"
    # METRIC: any of the language's metric words that name a metric alone ("superior memory bandwidth")
    metric = _alternation([w["w"] for w in data["metrics"]["words"] if not w.get("weak") and not w.get("unit")])
    ratios = tuple(
        RatioPattern(re.compile(p["re"].replace("FRACTION", fraction).replace("NUM", num).replace("DEV", dev).replace("METRIC", f"(?:{metric})"), re.I),
                     p["kind"], p.get("value"), p.get("direction", ""), p.get("bound", ""), p.get("yields", False),
                     float(p.get("scale", 1.0)))
        for p in data["ratio"]["patterns"])
    hedges = {k: tuple(v) for k, v in data["hedges"].items() if not k.startswith("after_")}
    after = {k[len("after_"):]: tuple(v) for k, v in data["hedges"].items() if k.startswith("after_")}
    words = tuple(MetricWord(w["w"], w["m"], w.get("weak", False), w.get("weak_alone", False), w.get("unit", False),
                             w.get("workload_near", False))
                  for w in data["metrics"]["words"])
    quals = data["qualifiers"]
    roles = data["roles"]
    names = data["names"]
    number_words = {**numbers.get("words", {}), **fractions}
    return Language(
        code, ratios, hedges, after, tuple(sorted(words, key=lambda m: len(m.word), reverse=True)),
        tuple(data["metrics"].get("spec_words", ())),
        {w: p for p, ws in quals["precision"].items() for w in ws},
        {w: s for s, ws in quals["sparsity"].items() for w in ws},
        tuple(data["workload"]["words"]),
        re.compile(rf"(?:{_alternation(roles['baseline_before'])})\s*$", re.I),
        re.compile(rf"^\s*(?:{_alternation(roles['baseline_after'])})", re.I) if roles.get("baseline_after") else None,
        re.compile(rf"(?:{_alternation(roles['pronouns'] + roles['baseline_pronouns'])})(?![a-z])", re.I),
        re.compile(rf"(?:{_alternation(roles['baseline_pronouns'])})(?![a-z])", re.I),
        tuple(names.get("accelerator_nouns", ())), tuple(names.get("system_nouns", ())),
        tuple(names.get("superchip_nouns", ())), number_words, tuple(names.get("counters", ())),
        tuple(data["workload"].get("causes", ())), tuple(names.get("vendor_verbs", ())),
        tuple(names.get("contrasts", ())),
        tuple(names.get("compares", ())),
        re.compile(rf"(?:{_alternation(roles['weak_baseline_before'])})\s*$", re.I) if roles.get("weak_baseline_before") else None,
        tuple(data["workload"].get("measured", ())), tuple(data["metrics"].get("spec_context", ())),
        re.compile(names["generation"], re.I) if names.get("generation") else None, dict(names.get("ordinals", {})))


@lru_cache(maxsize=None)
def folding() -> tuple[dict[str, str], dict[str, str]]:
    """Chinese vendor and product words -> the Latin names devices carry (traditional characters
    are made simplified by OpenCC first)."""
    return {}, dict(_load("zh")["aliases"])


@dataclass(frozen=True)
class Unit:
    unit: str
    metric: str
    factor: float


@lru_cache(maxsize=None)
def differences() -> tuple[tuple[str, int], ...]:
    """(fragment with AMOUNT, sign) for a difference stated in units ("14GB more than")."""
    return tuple((d["re"], int(d["sign"])) for d in _load("en")["amounts"].get("differences", ()))


@dataclass(frozen=True)
class Elided:
    """A scale word that stands for a unit ("billion" for "billion transistors") where one of ``nouns`` is near."""

    scale: str
    metric: str
    factor: float
    nouns: tuple[str, ...]


@lru_cache(maxsize=None)
def elided_units() -> tuple[Elided, ...]:
    """Scale words that stand for a unit the sentence names once ("54.2 billion" after "transistors")."""
    return tuple(Elided(e["scale"], e["m"], float(e["f"]), tuple(e["nouns"])) for e in _load("en")["amounts"].get("elided", ()))


@lru_cache(maxsize=None)
def amount_units() -> tuple[Unit, ...]:
    units = _load("en")["amounts"]["units"]
    return tuple(sorted((Unit(u["u"], u["m"], float(u["f"])) for u in units), key=lambda u: len(u.unit), reverse=True))


def chinese_number(text: str) -> float | None:
    """两 -> 2, 十二 -> 12, 一百零七 -> 107, 三分之一 -> 1/3, 半 -> 0.5; None if it is not one."""
    zh = _load_zh_numbers()
    if "分之" in text:
        den, _, num = text.partition("分之")
        d, n = chinese_number(den), chinese_number(num)
        return n / d if d and n is not None else None
    if text == zh["half"]:
        return 0.5
    total, current = 0, None
    for ch in text:
        if ch in zh["digits"]:
            current = zh["digits"][ch]
        elif ch in zh["units"]:
            total += (1 if current is None else current) * zh["units"][ch]
            current = None
        else:
            return None
    return float(total + (current or 0))


@lru_cache(maxsize=None)
def _load_zh_numbers() -> dict:
    return _load("zh")["numbers"]


def number(text: str, lang: Language) -> float | None:
    """A number as printed: 1.7, 1,979, 1/3, 两, 三分之一, or a number word."""
    text = text.strip().lower()
    if (whole := re.sub(_AND_A_HALF + "$", "", text)) != text:
        value = number(whole, lang)
        return None if value is None else value + 0.5
    if text in lang.number_words:
        return float(lang.number_words[text])
    if "/" in text:
        a, _, b = text.partition("/")
        try:
            return float(a) / float(b) if float(b) else None
        except ValueError:
            return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return chinese_number(text)


@lru_cache(maxsize=None)
def vendor_names() -> tuple[str, ...]:
    """The vendor and brand words the English grammar knows ("nvidia", "habana", "amazon")."""
    return tuple(_load("en")["names"].get("vendors", ()))
