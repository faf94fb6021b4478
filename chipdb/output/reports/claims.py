"""Claim results as reports: a row per claim, the readings of one claim, and schema.org ClaimReview."""

from __future__ import annotations

from typing import Any

from chipdb.domain import lineage
from chipdb.claims.check import ClaimResult, Reading
from chipdb.domain.claimspec import Verdict
from chipdb.output.registry import Column, Report


def _num(x: float | None, digits: int = 4) -> Any:
    return None if x is None else round(x, digits)


def _sides(p, side: str) -> str:
    r = getattr(p, side)
    return " ".join(r.sources()) if r else ""


def _holding(result: ClaimResult) -> str:
    held, total = result.holding()
    return f"{held} of {total}"


# A claim's result: the table, CSV and the first fields of its JSON object.
COLUMNS = [Column("claim", lambda r: r.claim.key), Column("text", lambda r: r.claim.text),
           Column("subject", lambda r: r.claim.subject), Column("baseline", lambda r: r.claim.baseline),
           Column("metric", lambda r: r.claim.metric), Column("qualifiers", lambda r: r.primary.quals.text()),
           Column("stated", lambda r: r.claim.stated_text()), Column("interval", lambda r: r.primary.interval.text()),
           Column("computed", lambda r: _num(r.primary.computed)),
           Column("deviation_percent", lambda r: _num(r.primary.deviation, 2)),
           Column("verdict", lambda r: r.primary.verdict), Column("reason", lambda r: r.primary.reason),
           Column("subject_sources", lambda r: _sides(r.primary, "numerator")),
           Column("baseline_sources", lambda r: _sides(r.primary, "denominator")),
           Column("readings_holding", _holding)]


def reading_json(r: Reading) -> dict[str, Any]:
    return {"reading": r.label, "kind": r.basis, "qualifiers": r.quals.as_dict(), "interval": r.interval.text(),
            "words": r.interval.label, "computed": r.computed, "deviation_percent": r.deviation, "verdict": r.verdict,
            "reason": r.reason, "deprecated": r.deprecated,
            "numerator": lineage.to_json(r.numerator) if r.numerator else None,
            "denominator": lineage.to_json(r.denominator) if r.denominator else None}


def result_json(result: ClaimResult, full: bool = False) -> dict[str, Any]:
    c = result.claim
    out = {col.name: col.get(result) for col in COLUMNS}
    out.update({"kind": c.kind, "wording": c.wording, "appeared_in": {"source": c.source.key, "title": c.source.title,
                "url": c.source.url, "published": c.source.published, "locator": c.locator},
                "assumptions": c.assumptions, "basis": list(c.basis), "note": c.note,
                "range": list(result.range) if result.range else None,
                "primary": reading_json(result.primary)})
    if full:
        out["readings"] = [reading_json(r) for r in result.readings]
    return out


def check_report(results: list[ClaimResult]) -> Report:
    from chipdb.output.charts.reports import claims_chart

    return Report(COLUMNS, results, json=result_json, jsonld=[claim_review(r) for r in results],
                  chart=claims_chart(results) if results else None)


LIST_COLUMNS = [Column("claim", "key"), Column("subject"), Column("baseline"), Column("metric"),
                Column("qualifiers", lambda c: c.quals.text()), Column("stated", lambda c: c.stated_text()),
                Column("source", lambda c: c.source.key), Column("text")]


def list_report(claims) -> Report:
    return Report(LIST_COLUMNS, claims)


READING_COLUMNS = [Column("reading", lambda r: r.label + (" (deprecated value)" if r.deprecated else "")),
                   Column("kind", "basis"), Column("qualifiers", lambda r: r.quals.text()),
                   Column("words", lambda r: r.interval.label), Column("interval", lambda r: r.interval.text()),
                   Column("computed", lambda r: _num(r.computed)), Column("deviation_percent", lambda r: _num(r.deviation, 2)),
                   Column("verdict"), Column("reason")]


def readings_report(result: ClaimResult) -> Report:
    return Report(READING_COLUMNS, result.readings, data=result_json(result, full=True), text=show_text(result),
                  jsonld=[claim_review(result)])


def show_text(result: ClaimResult) -> str:
    c, p = result.claim, result.primary
    lines = [f"{c.key}: {c.text}",
             f"appeared in: {c.source.key} ({c.source.published or 'undated'}) {c.source.url}".rstrip(),
             f"at: {c.locator}" if c.locator else "",
             f"claims: {c.subject} / {c.baseline}, {c.metric}, {c.stated_text()}"
             + (f" (stated qualifiers: {c.quals.text()})" if c.quals.text() else ""),
             f"note: {c.note}" if c.note else "", ""]
    lines.append(f"verdict: {p.verdict}  ({p.label})")
    lines.append(f"stated {c.stated_text()} allows {p.interval.text()}; computed "
                 + (f"{p.computed:.4g}" if p.computed is not None else "nothing")
                 + (f" ({p.deviation:+.2f}%)" if p.deviation is not None else "")
                 + (f"; {p.reason}" if p.reason else ""))
    if result.range:
        lo, hi = result.range
        lines.append(f"range over the non-deprecated source choices: {lo:.4g} to {hi:.4g}")
    lines.append("")
    lines.append("readings:")
    width = max(len(r.label) for r in result.readings) if result.readings else 0
    for r in result.readings:
        computed = f"{r.computed:.4g}" if r.computed is not None else "-"
        mark = "+" if r.verdict is Verdict.HOLDS else "-"
        extra = " [deprecated value]" if r.deprecated else ""
        why = f"  ({r.reason})" if r.reason and r.computed is None else ""
        lines.append(f"  {mark} {r.label.ljust(width)}  {r.interval.label:<28} {computed:>8}  {r.verdict}{extra}{why}")
    if p.numerator and p.denominator:
        lines += ["", "lineage of the primary reading:", *lineage.tree_lines(p.numerator), "",
                  *lineage.tree_lines(p.denominator)]
    return "\n".join(line for i, line in enumerate(lines) if line or (i and lines[i - 1]))


def claim_review(result: ClaimResult) -> dict[str, Any]:
    """A schema.org ClaimReview of one claim."""
    c, p = result.claim, result.primary
    computed = f"{p.computed:.3g}" if p.computed is not None else "nothing"
    appearance = {"@type": "CreativeWork", "name": c.source.title}
    if c.source.url:
        appearance["url"] = c.source.url
    if c.source.published:
        appearance["datePublished"] = c.source.published
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": c.text,
        "itemReviewed": {"@type": "Claim", "appearance": appearance,
                         **({"datePublished": c.source.published} if c.source.published else {})},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": p.verdict,
            "ratingExplanation": (f"{c.subject} / {c.baseline}, {c.metric} {p.quals.text()}: stated {c.stated_text()} "
                                  f"({p.interval.text()}), computed {computed} from "
                                  + ", ".join(dict.fromkeys((p.numerator.sources() if p.numerator else [])
                                                            + (p.denominator.sources() if p.denominator else []))) + "."
                                  + (f" {p.reason}" if p.reason else "")),
        },
        "author": {"@type": "Organization", "name": "chipdb"},
        "identifier": c.key,
    }
