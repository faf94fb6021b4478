"""Free-text claims, in English or Chinese (simplified or traditional), read into a claim to check
(not stored): "X has 1.7x the BF16 compute of Y", "X的算力是Y的1.7倍", "X相比Y在總算力上提升了1.7倍".

``parse_text`` is pure (text in, ``ParsedClaim`` out); ``check_text`` finds the devices and checks it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection

from chipdb.domain import vocab
from chipdb.claims.check import ClaimResult
from chipdb.domain.errors import NotFound, UsageError
from chipdb.domain.records import Quals
from chipdb.domain.resolve import Options

_METRIC_WORDS = [  # longest first
    ("memory bandwidth", "memory_bandwidth"), ("hbm bandwidth", "memory_bandwidth"), ("bandwidth", "memory_bandwidth"),
    ("memory capacity", "memory_capacity"), ("hbm capacity", "memory_capacity"), ("memory", "memory_capacity"),
    ("hbm", "memory_capacity"), ("scale-up bandwidth", "scaleup_bandwidth"), ("nvlink bandwidth", "scaleup_bandwidth"),
    ("scale-out bandwidth", "scaleout_bandwidth"), ("all-in power", "power_all_in"), ("power", "power"),
    ("compute", "compute"), ("flops", "compute"), ("performance", "compute"), ("throughput", "compute"),
]
_NUM = r"(?P<value>\d+(?:\.\d+)?)"
PATTERNS = [
    ("A has Nx the [QUALIFIERS] METRIC of B", re.compile(
        rf"^(?P<a>.+?) (?:has|offers|delivers) (?:about |roughly |nearly )?{_NUM} ?(?:x|×|times) (?:the |as much )?(?P<what>.+?) (?:of|as) (?P<b>.+?)$", re.I), "ratio"),
    ("A is Nx B in [QUALIFIERS] METRIC", re.compile(
        rf"^(?P<a>.+?) is (?:about |roughly |nearly )?{_NUM} ?(?:x|×|times) (?P<b>.+?) in (?P<what>.+?)$", re.I), "ratio"),
    ("A has N% more|less [QUALIFIERS] METRIC than B", re.compile(
        rf"^(?P<a>.+?) has (?:about |roughly |nearly )?{_NUM} ?(?:%|percent) (?P<more>more|less|higher|lower) (?P<what>.+?) than (?P<b>.+?)$", re.I), "percent"),
    ("A has more|less [QUALIFIERS] METRIC than B", re.compile(
        r"^(?P<a>.+?) has (?P<more>more|less|higher|lower) (?P<what>.+?) than (?P<b>.+?)$", re.I), "direction"),
]

# -- Chinese ---------------------------------------------------------------------------------

# Traditional characters of the words read below, to their simplified forms (device names are
# Latin; only the words around them are converted).
_TRADITIONAL = str.maketrans("總內帶寬顯華為偉達較於與輝約將幾記憶體頻計爾紀騰減長對發佈遠僅們亞遜",
                             "总内带宽显华为伟达较于与辉约将几记忆体频计尔纪腾减长对发布远仅们亚逊")
_ZH_METRIC_WORDS = [
    ("总算力", "compute"), ("算力", "compute"), ("计算能力", "compute"), ("计算性能", "compute"), ("性能", "compute"),
    ("内存总带宽", "memory_bandwidth"), ("总内存带宽", "memory_bandwidth"), ("内存带宽", "memory_bandwidth"),
    ("显存带宽", "memory_bandwidth"), ("记忆体频宽", "memory_bandwidth"), ("总带宽", "memory_bandwidth"),
    ("带宽", "memory_bandwidth"), ("频宽", "memory_bandwidth"),
    ("内存总容量", "memory_capacity"), ("总内存容量", "memory_capacity"), ("内存容量", "memory_capacity"),
    ("显存容量", "memory_capacity"), ("记忆体容量", "memory_capacity"), ("总内存", "memory_capacity"),
    ("内存", "memory_capacity"), ("显存", "memory_capacity"), ("记忆体", "memory_capacity"), ("总容量", "memory_capacity"),
    ("功耗", "power"), ("功率", "power"),
]
_ZH_METRIC = dict(_ZH_METRIC_WORDS)
_ZH_VENDORS = ("华为", "英伟达", "辉达", "超威半导体", "超威", "超微", "英特尔", "谷歌", "寒武纪", "亚马逊")
_WORDS = "|".join(sorted(_ZH_METRIC, key=len, reverse=True))
_PRECISION = rf"(?<![a-z0-9])(?:{'|'.join(vocab.PRECISIONS)})(?![a-z0-9])"
_QUAL = rf"(?:{_PRECISION}|(?<![a-z])(?:dense|sparse)(?![a-z])|稠密|稀疏)"
_METRIC_PHRASE = re.compile(rf"(?:在|的)?\s*(?P<quals>(?:{_QUAL}\s*)*)(?P<word>{_WORDS})\s*(?:上(?!升)|方面)?", re.I)
_QUAL_PHRASE = re.compile(rf"(?:在)?\s*(?P<quals>{_QUAL})\s*(?:精度)?\s*(?:下|时)?(?![a-z0-9])", re.I)
_VENDOR = re.compile(rf"(?:{'|'.join(_ZH_VENDORS)})(?:公司)?(?:的)?")
_ADV = r"(?:差不多|大约|大概|约为|约|将近|接近|几乎|近(?=\d)|足足|整整|略|稍|要|更|远)*"
_CMP = r"(?:相比于|相比|相较于|相较|相对于|比起|较之|较|比)"
_UP = r"(?:提升|提高|增加|增长|上升|高出|多出|超出|高|多|大)"
_DOWN = r"(?:降低|下降|减少|低|少|小)"
_TAILS = [  # (tail, kind): what follows "A 比 B" and its kin
    (rf",?{_ADV}(?P<up>{_UP})了?{_ADV}{_NUM}倍", "tisheng"),
    (rf",?{_ADV}(?P<dir>{_UP}|{_DOWN})了?{_ADV}{_NUM}%", "percent"),
    (rf",?{_ADV}(?P<dir>{_UP}|{_DOWN})(?:一些|一点|不少|很多|得多)?", "direction"),
]
_FRAMES = [  # who is compared with whom
    rf"{_CMP}(?P<b>.+?),(?P<a>.+?)",  # 相比B,A…
    r"(?:与|和|跟|同)(?P<b>.+?)(?:相比|相较|比),?(?P<a>.+?)",  # 与B相比,A…
    r"(?P<a>.+?)(?:与|和|跟|同)(?P<b>.+?)(?:相比|相较)",  # A与B相比…
    rf"(?P<a>.+?){_CMP}(?P<b>.+?)",  # A比B… / A相比B…
]
_ZH_PATTERNS = [
    (re.compile(rf"^(?P<a>.+?){_ADV}(?:是|为|相当于|达到){_ADV}(?P<b>.+?)的{_ADV}{_NUM}倍$"), "ratio"),
    (re.compile(rf"^(?P<a>.+?){_ADV}(?P<dir>低于|高于|少于|多于|小于|大于|超过|超越|不如|逊于)(?P<b>.+?)$"), "direction"),
    *((re.compile(f"^{frame}{tail}$"), kind) for frame in _FRAMES for tail, kind in _TAILS),
]
ZH_FORMS = [
    "A的[QUALIFIERS]METRIC是B的N倍  (N times as much)",
    "A相比B在METRIC上提升了N倍, 相比B,A的METRIC提高了N倍  (read both as N times as much and as increased by N times)",
    "A的METRIC比B高出N%, 多N%, 低N%",
    "A的METRIC高于B, 低于B, 比B高, 比B低",
]


@dataclass
class ParsedClaim:
    """What a free-text claim says, before its devices are looked up."""

    text: str
    subject: str
    baseline: str
    metric: str
    kind: str
    stated: str
    quals: Quals
    wording: str = ""  # zh_tisheng for 提升了X倍 (read both ways, as seeded claims are)


def parse_text(text: str) -> ParsedClaim:
    """A free-text claim in one of ``PATTERNS`` (English) or ``ZH_FORMS`` (Chinese) as a claim to
    check (not stored)."""
    cleaned = " ".join(text.strip().rstrip(".。!！").split())
    for _, pattern, kind in PATTERNS:
        m = pattern.match(cleaned)
        if not m:
            continue
        quals, metric = _what(m.group("what"))
        if metric is None:
            continue
        groups = m.groupdict()
        if kind == "percent":
            stated = groups["value"] if groups["more"].lower() in ("more", "higher") else f"-{groups['value']}"
        elif kind == "direction":
            stated = "higher" if groups["more"].lower() in ("more", "higher") else "lower"
        else:
            stated = groups["value"]
        return ParsedClaim(cleaned, groups["a"].strip(), groups["b"].strip(), metric, kind, stated, quals)
    if re.search(r"[\u3400-\u9fff]", cleaned):
        parsed = _parse_chinese(cleaned)
        if parsed is not None:
            return parsed
    raise UsageError(_unreadable(text))


def _unreadable(text: str) -> str:
    forms = "\n".join(f"  {name}" for name, _, _ in PATTERNS)
    zh_forms = "\n".join(f"  {form}" for form in ZH_FORMS)
    metrics = ", ".join(sorted({w for w, _ in _METRIC_WORDS}))
    zh_metrics = "; ".join(f"{m}: {'/'.join(w for w, k in _ZH_METRIC_WORDS if k == m)}"
                           for m in dict.fromkeys(_ZH_METRIC.values()))
    return (f"could not read {text!r} as a claim; write it in one of these forms:\n{forms}\n"
            f"or in Chinese (simplified or traditional characters):\n{zh_forms}\n"
            f"METRIC is one of: {metrics}; in Chinese, {zh_metrics}. "
            f"QUALIFIERS are precisions ({', '.join(vocab.PRECISIONS)}) and dense or sparse (稠密, 稀疏); "
            "e.g. \"CloudMatrix 384 has 1.7x the BF16 compute of GB200 NVL72\" or \"CloudMatrix 384的BF16算力是GB200 NVL72的1.7倍\"")


def _what(phrase: str) -> tuple[Quals, str | None]:
    words = phrase.lower().replace("total ", "").split()
    quals = {q: "" for q in vocab.QUALIFIERS}
    rest = []
    for w in words:
        if w in vocab.PRECISIONS:
            quals["precision"] = w
        elif w in vocab.SPARSITIES:
            quals["sparsity"] = w
        elif w in ("unidirectional", "bidirectional"):
            quals["direction"] = w
        else:
            rest.append(w)
    text = " ".join(rest)
    for words_, metric in _METRIC_WORDS:
        if text == words_:
            return Quals(**quals), metric
    return Quals(**quals), None


def _parse_chinese(cleaned: str) -> ParsedClaim | None:
    """The Chinese forms: the metric phrase (with its qualifiers) and vendor words are taken out,
    then what remains is matched as "A是B的N倍", "A比B提升了N倍", "A比B高N%" or "A低于B"."""
    text = unicodedata.normalize("NFKC", cleaned).translate(_TRADITIONAL).replace("、", ",")
    text = re.sub(r"\s*,\s*", ",", text)
    metrics: set[str] = set()
    quals = {"precision": "", "sparsity": ""}

    def take_qualifiers(words: str) -> None:
        for w in re.findall(_QUAL, words, re.I):
            w = w.lower()
            key = "precision" if w in vocab.PRECISIONS else "sparsity"
            quals[key] = {"稠密": "dense", "稀疏": "sparse"}.get(w, w)

    def metric(m: re.Match) -> str:
        metrics.add(_ZH_METRIC[m.group("word")])
        take_qualifiers(m.group("quals"))
        return ""

    def qualifier(m: re.Match) -> str:
        take_qualifiers(m.group("quals"))
        return ""

    text = _METRIC_PHRASE.sub(metric, text)
    text = _QUAL_PHRASE.sub(qualifier, text)
    text = _VENDOR.sub("", text).strip(" ,")
    if len(metrics) != 1:
        return None
    (metric_key,) = metrics
    for pattern, kind in _ZH_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        a, b = _device_name(m.group("a")), _device_name(m.group("b"))
        if not a or not b:
            continue
        groups, wording = m.groupdict(), ""
        up = bool(re.fullmatch(rf"{_UP}|高于|多于|大于|超过|超越", groups.get("dir") or groups.get("up") or ""))
        if kind == "tisheng":
            kind, stated, wording = "ratio", groups["value"], "zh_tisheng"
        elif kind == "percent":
            stated = groups["value"] if up else f"-{groups['value']}"
        elif kind == "direction":
            stated = "higher" if up else "lower"
        else:
            stated = groups["value"]
        return ParsedClaim(cleaned, a, b, metric_key, kind, stated, Quals(**quals), wording)
    return None


def _device_name(text: str) -> str:
    """A device name as it stands in Chinese text: without "的", "最新推出的", "发布的" around it."""
    name = re.sub(r"^(?:的|最新|新|推出|发布|的)+", "", text.strip(" ,"))
    return re.sub(r"(?:的)+$", "", name).strip(" ,")


# -- checking ----------------------------------------------------------------------------------


def check_text(conn: Connection, text: str, options: Options = Options(),
               given: dict[str, str] | None = None) -> ClaimResult:
    """Check a free-text claim. ``given`` adds qualifiers the text leaves open (precision,
    sparsity); one that contradicts the text is an error."""
    from chipdb.analysis.values import check_options
    from chipdb.claims.check import ClaimFact, check
    from chipdb.domain.records import SourceRef
    from chipdb.store.knowledge import load_knowledge
    from chipdb.domain.resolve import metric_qualifiers

    new = parse_text(text)
    check_options(options, conn)
    subject, baseline = _find(conn, new.subject), _find(conn, new.baseline)
    kb, _ = load_knowledge(conn, [subject.slug, baseline.slug], [new.metric])
    quals = _with_given(new, given or {}, metric_qualifiers(kb, new.metric))
    fact = ClaimFact("text", new.text, SourceRef("user", "your claim", "", "", "press"), "", subject.slug,
                     baseline.slug, new.metric, quals, new.kind, new.stated, wording=new.wording)
    return check(kb, fact, options)


def given_qualifiers(**given: str | None) -> dict[str, str]:
    """Qualifiers asked for beside the text (precision="BF16"), checked against the vocabulary."""
    out = {}
    for q, value in given.items():
        value = (value or "").strip().lower()
        if q not in vocab.QUALIFIERS:
            raise UsageError(f"{q} is not a qualifier; qualifiers are: {', '.join(vocab.QUALIFIERS)}")
        if value and value not in vocab.QUALIFIER_VALUES[q]:
            raise UsageError(f"{q} {value!r} is not one of: {', '.join(vocab.QUALIFIER_VALUES[q])}", q)
        if value:
            out[q] = value
    return out


def _with_given(new: ParsedClaim, given: dict[str, str], wanted: tuple[str, ...]) -> Quals:
    quals = new.quals
    for q, value in given_qualifiers(**given).items():
        if q not in wanted:
            raise UsageError(f"metric {new.metric} takes no {q}", q)
        if quals.get(q) and quals.get(q) != value:
            raise UsageError(f"the claim says {quals.get(q)} but {q} {value} was asked for; give one of them", q)
        quals = quals.with_(**{q: value})
    return quals


def _find(conn: Connection, name: str):
    """A device by name, also when the text puts its vendor in front ("Huawei CloudMatrix 384")."""
    from sqlalchemy import select

    from chipdb.store import tables as T
    from chipdb.store.lookup import find_device

    try:
        return find_device(conn, name)
    except NotFound:
        vendors = [w for row in conn.execute(select(T.vendors.c.key, T.vendors.c.name)) for w in row]
        for vendor in sorted(vendors, key=len, reverse=True):
            if name.lower().startswith(vendor.lower() + " "):
                try:
                    return find_device(conn, name[len(vendor) + 1:])
                except NotFound:
                    break
        raise
