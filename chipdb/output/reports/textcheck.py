"""The report of ``chipdb check`` on a text: a row per claim found (its words, reading and
verdict), the passages that compare workloads rather than specifications, JSON
``{"claims": [...], "not_spec_claims": [...]}``, ClaimReview JSON-LD per claim, and a fact-check
page (``--format html``): the article with each claim marked, its verdict and lineage beside it."""

from __future__ import annotations

from typing import Any

from chipdb.claims.reader import DocumentResult, TextClaim
from chipdb.domain import lineage
from chipdb.domain.claimspec import Verdict
from chipdb.output.registry import Column, Report
from chipdb.output.reports.claims import claim_review, reading_json

_NAMES = ["#", "verdict", "subject", "baseline", "metric", "qualifiers", "stated", "allows", "computed",
          "deviation_percent", "words", "reason"]
# A record is (its number, the claim found): the table and CSV read these columns, JSON its claim_json.
COLUMNS = [Column(name, lambda x, k=k: _row(*x)[k]) for k, name in enumerate(_NAMES)]
_BOUND_WORDS = {"": "as printed (rounded or truncated)", "approx": "about", "below": "almost, up to 10% under",
                "over": "more than", "at_least": "at least", "up_to": "up to", "under": "less than"}


def _num(x: float | None, digits: int = 4) -> Any:
    return None if x is None else round(x, digits)


def _row(i: int, item: TextClaim) -> list[Any]:
    c, r = item.claim, item.result
    if c is None or r is None:
        f = item.found
        who = [m.text if m else "" for m in (f.subject, f.baseline)]
        return [i, str(Verdict.NOT_CHECKABLE), *who, f.metric, "", f.cue.text, "", None, None, item.words, item.reason]
    p = r.primary
    return [i, p.verdict, c.subject, c.baseline, c.metric, p.quals.text(), c.stated_text(), p.interval.text(),
            _num(p.computed), _num(p.deviation, 2), item.words, p.reason]


def claim_json(item: TextClaim) -> dict[str, Any]:
    f, c, r = item.found, item.claim, item.result
    out: dict[str, Any] = {
        "span": list(item.span), "text": item.words, "sentence": item.sentence,
        "subject": c.subject if c else None, "baseline": c.baseline if c else None,
        "subject_as_written": f.subject.text if f.subject else None,
        "baseline_as_written": f.baseline.text if f.baseline else None,
        "subject_from": f.subject_from, "baseline_from": f.baseline_from,
        "metric": (c.metric if c else f.metric) or None, "metric_as_written": f.metric_word or None,
        "qualifiers": r.primary.quals.text() if r else " ".join(f.quals.values()),
        "qualifier_values": r.primary.quals.as_dict() if r else dict(f.quals),
        "kind": c.kind if c else None, "wording": c.wording if c else None,
        "stated": c.stated_ratio() if c else None, "stated_as_written": f.cue.text,
        "stated_text": c.stated_text() if c else None,
        "bound": f.cue.bound or "as printed", "direction": f.cue.direction or None,
        "interval": r.primary.interval.text() if r else None,
        "computed": r.primary.computed if r else None,
        "deviation_percent": r.primary.deviation if r else None,
        "verdict": item.verdict,
        "reason": (r.primary.reason if r else item.reason) or None,
        "subject_sources": " ".join(r.primary.numerator.sources()) if r and r.primary.numerator else "",
        "baseline_sources": " ".join(r.primary.denominator.sources()) if r and r.primary.denominator else "",
        "assumptions": c.assumptions if c else {}, "basis": list(c.basis) if c else [],
        "notes": item.notes,
        "values": [{"text": v.text, "device": v.device, "metric": v.metric, "stated": v.stated,
                    "database": v.value, "verdict": v.verdict, "qualifiers": v.quals, "source": v.source,
                    "deprecated": v.deprecated}
                   for v in item.values],
        "candidates": [{"subject": a.subject, "baseline": a.baseline, "computed": a.computed,
                        "verdict": a.verdict, "why": a.why} for a in item.alternatives],
        "readings": [reading_json(x) for x in r.readings] if r else [],
    }
    return out


def document_report(result: DocumentResult) -> Report:
    footer = [f"not a spec claim: {n.words!r}: {n.reason}" for n in result.not_spec]
    if result.date:
        footer.append(f"claims checked as of {result.as_of} (the text's date, from {result.date_from})")
    head = {"date": result.date or None, "date_from": result.date_from or None, "as_of": result.as_of}
    not_spec = [{"span": list(n.span), "text": n.words, "sentence": n.sentence, "reason": n.reason}
                for n in result.not_spec]
    reviews = [_review(item, result) for item in result.claims if item.result is not None]
    title = f"{len(result.claims)} claim(s) found" + (f", {len(result.not_spec)} not about specifications"
                                                      if result.not_spec else "")
    return Report(COLUMNS, enumerate(result.claims, 1), json=lambda x: claim_json(x[1]),
                  document=lambda claims: {**head, "claims": claims, "not_spec_claims": not_spec},
                  title=title, footer=footer, jsonld=reviews or None,
                  page=("factcheck.html", {"result": result, "items": _page_items(result)}))


def _review(item: TextClaim, result: DocumentResult) -> dict[str, Any]:
    review = claim_review(item.result)
    review["claimReviewed"] = item.words
    if result.date:
        review["itemReviewed"]["datePublished"] = result.date
    review["identifier"] = f"claim-{item.span[0]}-{item.span[1]}"
    return review


def _page_items(result: DocumentResult) -> list[dict[str, Any]]:
    """The claims and not-spec passages in text order, for the page's marks."""
    out = []
    for i, item in enumerate(result.claims, 1):
        p = item.result.primary if item.result else None
        tree = []
        if p is not None and p.numerator is not None and p.denominator is not None:
            tree = [*lineage.tree_lines(p.numerator), "", *lineage.tree_lines(p.denominator)]
        out.append({"n": i, "span": item.span, "verdict": item.verdict, "words": item.words,
                    "claim": item.claim, "primary": p, "reason": (p.reason if p else item.reason),
                    "notes": item.notes, "stated_values": item.values, "alternatives": item.alternatives,
                    "lineage": "\n".join(tree), "review": _review(item, result) if item.result else None,
                    "kind": "claim"})
    for n in result.not_spec:
        out.append({"n": "", "span": n.span, "verdict": "not a spec claim", "words": n.words, "reason": n.reason,
                    "kind": "not_spec"})
    return sorted(out, key=lambda x: x["span"][0])
