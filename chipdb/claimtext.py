"""Free-text claims: "X has 1.7x the BF16 compute of Y" read into a claim to check (not stored)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection

from . import vocab
from .claims import ClaimFact, ClaimResult
from .claimstore import check_facts
from .errors import UsageError
from .facts import Quals, SourceRef
from .lookup import find_device
from .resolve import Options

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


def parse_text(text: str) -> ParsedClaim:
    """A free-text claim in one of ``PATTERNS`` as a claim to check (not stored)."""
    cleaned = " ".join(text.strip().rstrip(".").split())
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
    forms = "\n".join(f"  {name}" for name, _, _ in PATTERNS)
    metrics = ", ".join(sorted({w for w, _ in _METRIC_WORDS}))
    raise UsageError(f"could not read {text!r} as a claim; write it in one of these forms:\n{forms}\n"
                     f"METRIC is one of: {metrics}; QUALIFIERS are precisions ({', '.join(vocab.PRECISIONS)}) "
                     "and dense or sparse; e.g. \"CloudMatrix 384 has 1.7x the BF16 compute of GB200 NVL72\"")


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


def check_text(conn: Connection, text: str, options: Options = Options()) -> ClaimResult:
    new = parse_text(text)
    subject, baseline = find_device(conn, new.subject), find_device(conn, new.baseline)
    fact = ClaimFact("text", new.text, SourceRef("user", "your claim", "", "", "press"), "", subject.slug,
                     baseline.slug, new.metric, new.quals, new.kind, new.stated)
    return check_facts(conn, [fact], options)[0]
