"""Claims in the database: reading them as ``ClaimFact``, checking them, adding one, and
parsing a free-text claim. The checking itself is ``chipdb.claims`` (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, select

from . import tables as T
from . import vocab
from .claims import ClaimFact, ClaimResult, check, check_stated, parse_assumptions
from .errors import NotFound, UsageError
from .facts import SourceRef
from .knowledge import load_knowledge
from .lookup import find_device, find_source
from .resolve import DERIVED, Options


def _facts(conn: Connection, keys: list[str] | None) -> list[ClaimFact]:
    c, src = T.claims, T.sources
    subject, baseline = T.devices.alias("subject"), T.devices.alias("baseline")
    stmt = (select(c, src.c.key.label("source_key"), src.c.title.label("source_title"), src.c.url.label("source_url"),
                   src.c.published.label("source_published"), src.c.kind.label("source_kind"),
                   subject.c.slug.label("subject_slug"), baseline.c.slug.label("baseline_slug"))
            .join(src, c.c.source_id == src.c.id)
            .join(subject, c.c.subject_id == subject.c.id).join(baseline, c.c.baseline_id == baseline.c.id))
    if keys:
        stmt = stmt.where(c.c.key.in_(keys))
    found = {}
    for row in conn.execute(stmt):
        found[row.key] = ClaimFact(
            row.key, row.text,
            SourceRef(row.source_key, row.source_title, row.source_url, row.source_published, row.source_kind),
            row.locator, row.subject_slug, row.baseline_slug, row.metric,
            {q: getattr(row, q) for q in vocab.QUALIFIERS}, row.kind, row.stated, row.tolerance,
            row.wording, parse_assumptions(row.assumptions), tuple(row.basis.split()), row.note)
    if keys:
        missing = [k for k in keys if k not in found]
        if missing:
            known = sorted(conn.scalars(select(c.c.key)))
            raise NotFound(f"no claim {', '.join(map(repr, missing))}; claims are: {', '.join(known)} (chipdb claims list)")
        return [found[k] for k in keys]
    return sorted(found.values(), key=lambda f: f.key)


def list_claims(conn: Connection) -> list[ClaimFact]:
    return _facts(conn, None)


def check_claims(conn: Connection, keys: list[str] | None = None, options: Options = Options()) -> list[ClaimResult]:
    facts = _facts(conn, keys)
    return check_facts(conn, facts, options)


def check_facts(conn: Connection, facts: list[ClaimFact], options: Options = Options()) -> list[ClaimResult]:
    if not facts:
        return []
    devices = sorted({f.subject for f in facts} | {f.baseline for f in facts})
    metrics = sorted({f.metric for f in facts})
    kb, _ = load_knowledge(conn, devices, metrics)
    return [check(kb, f, options) for f in facts]


@dataclass
class NewClaim:
    key: str
    text: str
    source: str
    locator: str
    subject: str
    baseline: str
    metric: str
    kind: str
    stated: str
    quals: dict[str, str]
    tolerance: float | None = None
    wording: str = ""
    assumptions: str = ""
    basis: str = ""
    note: str = ""


def add_claim(conn: Connection, new: NewClaim):
    """Validate and store a user's claim with the ORM (the caller's transaction commits it)."""
    from sqlalchemy.orm import Session

    from . import models

    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", new.key):
        raise UsageError(f"claim key {new.key!r}: use lower-case letters, digits, '.', '_' and '-'")
    if conn.scalar(select(models.Claim.id).where(models.Claim.key == new.key)) is not None:
        raise UsageError(f"a claim with key {new.key!r} exists already")
    check_stated(new.kind, new.stated)
    parse_assumptions(new.assumptions)
    if new.wording not in ("", "zh_tisheng"):
        raise UsageError("--wording must be zh_tisheng (or empty)")
    metric_keys = set(conn.scalars(select(models.Metric.key)))
    if new.metric not in metric_keys and new.metric not in DERIVED:
        raise NotFound(f"no metric {new.metric!r}; metrics are: {', '.join(sorted(metric_keys) + sorted(DERIVED))}")
    for q, value in new.quals.items():
        if value and value not in vocab.QUALIFIER_VALUES[q]:
            raise UsageError(f"--{q} {value!r} is not one of: {', '.join(vocab.QUALIFIER_VALUES[q])}")
    for key in new.basis.split():
        find_source(conn, key)
    subject, baseline = find_device(conn, new.subject), find_device(conn, new.baseline)
    if subject.id == baseline.id:
        raise UsageError("a claim compares two different devices")
    claim = models.Claim(
        key=new.key, text=new.text, source_id=find_source(conn, new.source).id, locator=new.locator,
        subject_id=subject.id, baseline_id=baseline.id, metric=new.metric, kind=new.kind, stated=new.stated,
        tolerance=new.tolerance, wording=new.wording, assumptions=new.assumptions, basis=new.basis, note=new.note,
        **{q: new.quals.get(q, "") for q in vocab.QUALIFIERS})
    with Session(bind=conn, join_transaction_mode="create_savepoint") as session:
        session.add(claim)
        session.commit()  # releases the savepoint; the caller's transaction commits the row
    return claim


# -- free text ---------------------------------------------------------------------------------

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


def parse_text(text: str) -> NewClaim:
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
        return NewClaim("text", cleaned, "", "", groups["a"].strip(), groups["b"].strip(), metric, kind, stated, quals)
    forms = "\n".join(f"  {name}" for name, _, _ in PATTERNS)
    metrics = ", ".join(sorted({w for w, _ in _METRIC_WORDS}))
    raise UsageError(f"could not read {text!r} as a claim; write it in one of these forms:\n{forms}\n"
                     f"METRIC is one of: {metrics}; QUALIFIERS are precisions ({', '.join(vocab.PRECISIONS)}) "
                     "and dense or sparse; e.g. \"CloudMatrix 384 has 1.7x the BF16 compute of GB200 NVL72\"")


def _what(phrase: str) -> tuple[dict[str, str], str | None]:
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
            return quals, metric
    return quals, None


def check_text(conn: Connection, text: str, options: Options = Options()) -> ClaimResult:
    new = parse_text(text)
    subject, baseline = find_device(conn, new.subject), find_device(conn, new.baseline)
    fact = ClaimFact("text", new.text, SourceRef("user", "your claim", "", "", "press"), "", subject.slug,
                     baseline.slug, new.metric, new.quals, new.kind, new.stated)
    return check_facts(conn, [fact], options)[0]
