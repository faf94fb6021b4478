"""Claims in the database: reading them as ``ClaimFact``, checking them, adding one, and
parsing a free-text claim. The checking itself is ``chipdb.claims`` (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, select

from . import tables as T
from . import vocab
from .claims import ClaimFact, ClaimResult, check
from .claimspec import parse_assumptions
from .errors import NotFound, UsageError
from .facts import Quals, SourceRef
from .knowledge import load_knowledge
from .lookup import find_device
from .resolve import Options


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
            Quals(*(getattr(row, q) for q in vocab.QUALIFIERS)), row.kind, row.stated, row.tolerance,
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


def add_claim(conn: Connection, cells: dict[str, str], origin: str = "claims add"):
    """Store a user's claim: one row of the data package's claims table, validated and written by
    the same loader as ``chipdb import`` (the caller's transaction commits it), so that what
    ``claims add`` accepts, an export of it imports again."""
    from .load import load_package
    from .package import TABLES_BY_NAME, Package, Row, check_cells

    table = TABLES_BY_NAME["claims"]
    unknown = set(cells) - set(table.column_names)
    if unknown:
        raise UsageError(f"claims have no field {', '.join(sorted(unknown))}")
    cells = {k: v for k, v in cells.items() if v}
    for side in ("subject", "baseline"):  # a user names a device as anywhere else; the package holds slugs
        if cells.get(side):
            cells[side] = find_device(conn, cells[side]).slug
    pkg = Package()
    row = Row("claims", origin, None, cells)
    check_cells(pkg, table, row)
    pkg.rows["claims"] = [row]
    if pkg.problems:
        from .errors import ValidationFailed

        raise ValidationFailed(pkg.problems)
    if conn.scalar(select(T.claims.c.id).where(T.claims.c.key == cells.get("key", ""))) is not None:
        raise UsageError(f"a claim with key {cells['key']!r} exists already")
    return load_package(conn, pkg, origin=origin)


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
