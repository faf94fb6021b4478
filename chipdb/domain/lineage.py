"""A resolved value's lineage: as a JSON-ready object, as tree text, and as flat rows."""

from __future__ import annotations

from typing import Any, Iterator

from chipdb.domain.resolve import Resolved


def to_json(r: Resolved, crosscheck: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "device": r.device, "name": r.device_name, "metric": r.metric, "qualifiers": r.quals.as_dict(),
        "value": r.value, "unit": r.unit, "method": r.method,
    }
    if r.statement:
        s = r.statement
        out["statement"] = {"source": s.source.key, "title": s.source.title, "url": s.source.url,
                            "published": s.source.published, "kind": s.source.kind, "locator": s.locator,
                            "printed": s.printed, "status": s.status, "rank": s.rank, "reason": s.reason}
    if r.parts:
        out["components"] = [{"count": p.count, "part": p.part, "count_source": p.source.key,
                              "count_locator": p.locator, "per_part": to_json(child)} for p, child in r.parts]
    if r.skipped:
        out["skipped"] = r.skipped
    if r.rule:
        out["rule"] = {"key": r.rule.key, "name": r.rule.name, "qualifier": r.rule.qualifier,
                       "from": r.rule.from_value, "to": r.rule.to_value, "factor": r.rule.factor,
                       "source": r.rule.source.key, "url": r.rule.source.url, "locator": r.rule.locator}
    if r.inputs:
        out["inputs"] = [to_json(i) for i in r.inputs]
    if r.alternative is not None and crosscheck:
        out["crosscheck"] = {"method": r.alternative.method, "value": r.alternative.value,
                             "difference_percent": r.difference(), "lineage": to_json(r.alternative, False)}
    if r.notes:
        out["notes"] = r.notes
    out["sources"] = r.sources()
    return out


def headline(r: Resolved) -> str:
    how = {"stated": "stated", "derived": "derived from components", "rule": f"by rule {r.rule.key}" if r.rule else "",
           "computed": "computed"}[r.method]
    what = " ".join(x for x in (r.metric, r.quals.text()) if x)
    return f"{r.device_name}: {what} = {r.readable} ({how})"


def tree_lines(r: Resolved) -> list[str]:
    lines = [headline(r)]
    lines += _children(r, "", top=True)
    return lines


def _crosscheck_line(r: Resolved) -> str:
    alt = r.alternative
    diff = r.difference()
    label = "derived from components" if alt.method == "derived" else alt.method
    return f"cross-check: {label} = {alt.readable} ({diff:+.2f}% against the {r.method} value)"


def _children(r: Resolved, prefix: str, top: bool = False) -> list[str]:
    items: list[tuple[str, list[str]]] = []  # (line, sub-lines already prefixed relative)
    if r.statement:
        s = r.statement
        items.append((f'source {s.source.key} ({s.source.kind}, {s.source.published or "undated"}): '
                      f'"{s.printed}" [{s.rank}] at {s.locator}', []))
        if s.source.url:
            items.append((f"url: {s.source.url}", []))
    for part, child in r.parts:
        items.append((f"{part.count} x {child.device_name}, count from {part.source.key}: {part.locator}",
                      [headline(child)] + _children(child, "")))
    for text in r.skipped:
        items.append((text, []))
    if r.rule:
        items.append((f"rule {r.rule.key}: {r.rule.name} (x{r.rule.factor:g}), source {r.rule.source.key}: "
                      f"{r.rule.locator}", []))
    for child in r.inputs:
        items.append((headline(child), _children(child, "")))
    for note in r.notes:
        items.append((f"note: {note}", []))
    if r.alternative is not None:
        alt_lines = _children(r.alternative, "") if top else []
        items.append((_crosscheck_line(r), alt_lines))
    lines = []
    for i, (line, sub) in enumerate(items):
        last = i == len(items) - 1
        lines.append(prefix + ("└─ " if last else "├─ ") + line)
        pad = prefix + ("   " if last else "│  ")
        lines += [pad + s for s in sub]
    return lines


COLUMNS = ["depth", "role", "device", "metric", "precision", "sparsity", "engine", "direction", "value", "unit",
           "method", "count", "source", "printed", "locator"]


def rows(r: Resolved, depth: int = 0, role: str = "result", count: int | None = None) -> Iterator[list[Any]]:
    """One row per node of the lineage, depth first: the ``COLUMNS`` and, last, the readable value."""
    s = r.statement
    q = r.quals
    source = s.source.key if s else (r.rule.source.key if r.rule else "")
    locator = s.locator if s else (r.rule.locator if r.rule else "")
    yield [depth, role, r.device, r.metric, q.precision, q.sparsity, q.engine, q.direction, r.value, r.unit,
           r.method, count if count is not None else "", source, s.printed if s else "", locator, r.readable]
    for part, child in r.parts:
        yield from rows(child, depth + 1, "component", part.count)
    for child in r.inputs:
        yield from rows(child, depth + 1, "input")
    if r.alternative is not None and role == "result":
        yield from rows(r.alternative, depth, "crosscheck")
