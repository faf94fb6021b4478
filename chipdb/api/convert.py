"""The one mapping of the library's working objects (Resolved, claim results, control results)
to the public records of ``chipdb.api.records``."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from chipdb.api.records import (Basis, ClaimVerdict, ControlStatus, Direction, Engine, Lineage, Method, Peak,
                                Precision, Qualifiers, Scope, Source, Sparsity)

if TYPE_CHECKING:
    from chipdb.claims.results import TextClaim
    from chipdb.analysis.controls.book import DeviceControls
    from chipdb.domain.records import Quals, SourceRef
    from chipdb.domain.resolve import Resolved


def source(ref: SourceRef) -> Source:
    return Source(ref.key, ref.title, ref.url, ref.published, ref.kind)


def qualifiers(quals: Quals, basis: str = "published", per_chip: int = 1) -> Qualifiers:
    scope: Scope = "runtime device" if per_chip > 1 else "chip"
    return Qualifiers(cast("Precision | None", quals.precision or None), cast("Sparsity | None", quals.sparsity or None),
                      cast("Engine | None", quals.engine or None), cast("Direction | None", quals.direction or None),
                      cast(Basis, basis), scope, per_chip)


def lineage(r: Resolved, count: int | None = None) -> Lineage:
    s = r.statement
    children = [lineage(child, part.count) for part, child in r.parts] + [lineage(child) for child in r.inputs]
    return Lineage(r.device, r.device_name, r.metric, r.value, r.unit, cast(Method, r.method),
                   source(s.source) if s else (source(r.rule.source) if r.rule and r.rule.source else None),
                   s.locator if s else (r.rule.locator if r.rule else ""), s.printed if s else "", count,
                   r.rule.name if r.rule else None, r.rule.factor if r.rule else None, tuple(children),
                   tuple(r.notes))


def peak(r: Resolved, basis: str = "published") -> Peak:
    from chipdb.domain import lineage as text

    per_chip = round(1 / r.rule.factor) if r.rule and r.rule.qualifier == "scope" else 1
    tree = lineage(r)
    seen: dict[str, Source] = {}
    for node in tree.walk():
        if node.source is not None:
            seen.setdefault(node.source.key, node.source)
    return Peak(r.device, r.device_name, r.metric, r.value, r.unit, qualifiers(r.quals, basis, per_chip),
                cast(Method, r.method), tuple(seen.values()), tree, "\n".join(text.tree_lines(r)))


def claim(found: TextClaim) -> ClaimVerdict:
    result = found.result
    if result is None:
        c = found.claim
        return ClaimVerdict(found.words, c.subject if c else "", c.baseline if c else "", c.metric if c else "",
                            c.stated if c else "", None, None, None, found.verdict, found.reason, (0, 0), None, None)
    p = result.primary
    c = result.claim
    low, high = p.interval.low, p.interval.high
    return ClaimVerdict(found.words, c.subject, c.baseline, c.metric, c.stated, low, high, p.computed, p.verdict,
                        p.reason, result.holding(), peak(p.numerator) if p.numerator else None,
                        peak(p.denominator) if p.denominator else None)


def control(d: DeviceControls, as_of: str) -> ControlStatus:
    return ControlStatus(d.device, d.name, as_of, peak(d.tpp) if d.tpp else None, peak(d.pd) if d.pd else None,
                         d.paragraph, tuple(sorted(d.why.items())))
