"""The resolver on plain dataclasses: no database, every path and every error."""

from __future__ import annotations

import pytest

from chipdb.domain.errors import Unresolvable, UsageError
from chipdb.domain.records import Quals
from chipdb.domain.resolve import Options, complete_quals, resolve

from .builders import BF16, BF16_SPARSE, DOUBLE, HALVE, LATE, PRESS, VENDOR, fact, kb, rack_parts

def test_preferred_statement_wins_over_others():
    k = kb([fact("gpu", "compute", BF16, 1.0e15, PRESS), fact("gpu", "compute", BF16, 0.9e15, VENDOR, "preferred")])
    r = resolve(k, "gpu", "compute", BF16)
    assert r.method == "stated" and r.value == 0.9e15 and r.statement.source.key == "vendor"


def test_unranked_disagreement_is_resolved_by_source_kind_and_noted():
    k = kb([fact("gpu", "compute", BF16, 1.0e15, PRESS), fact("gpu", "compute", BF16, 0.9e15, VENDOR)])
    r = resolve(k, "gpu", "compute", BF16)
    assert r.statement.source.key == "vendor"
    assert "disagree" in r.notes[0]


def test_deprecated_statements_are_never_used():
    k = kb([fact("gpu", "compute", BF16, 1.0e15, rank="deprecated")])
    with pytest.raises(Unresolvable):
        resolve(k, "gpu", "compute", BF16)


def test_derived_from_components_counts_parts_and_lists_skipped_ones():
    k = kb([fact("gpu", "memory_capacity", Quals(), 186e9)], rack_parts())
    r = resolve(k, "rack", "memory_capacity", Quals())
    assert r.method == "derived" and r.value == pytest.approx(72 * 186e9)
    assert [p.part for p, _ in r.parts] == ["gpu"] and "CPU" in r.skipped[0]


def test_a_stated_total_is_used_and_the_derived_one_cross_checks_it():
    k = kb([fact("gpu", "memory_capacity", Quals(), 186e9), fact("rack", "memory_capacity", Quals(), 13.4e12)],
           rack_parts())
    r = resolve(k, "rack", "memory_capacity", Quals())
    assert r.method == "stated" and r.value == 13.4e12
    assert r.alternative.method == "derived" and r.difference() == pytest.approx((72 * 186e9 - 13.4e12) / 13.4e12 * 100)
    d = resolve(k, "rack", "memory_capacity", Quals(), Options(prefer="derived"))
    assert d.method == "derived" and d.alternative.method == "stated"


def test_non_additive_metrics_are_not_summed():
    k = kb([fact("gpu", "power", Quals(), 1200.0)], rack_parts())
    with pytest.raises(Unresolvable, match="does not add up over components"):
        resolve(k, "rack", "power", Quals())


def test_rule_turns_a_sparse_figure_into_dense_only_for_recorded_parts():
    k = kb([fact("gpu", "compute", BF16_SPARSE, 5e15), fact("old", "compute", BF16_SPARSE, 1e15)],
           rules=[HALVE, DOUBLE])
    r = resolve(k, "gpu", "compute", BF16)
    assert r.method == "rule" and r.value == 2.5e15 and r.rule.key == "2to4"
    assert r.inputs[0].statement.quals == BF16_SPARSE
    with pytest.raises(Unresolvable, match="OLD has no bf16 dense matrix compute; it has: bf16 sparse matrix"):
        resolve(k, "old", "compute", BF16)


def test_rules_do_not_loop_back_and_forth():
    k = kb([], rules=[HALVE, DOUBLE])
    with pytest.raises(Unresolvable):
        resolve(k, "gpu", "compute", BF16)


def test_derived_totals_resolve_parts_through_rules():
    k = kb([fact("gpu", "compute", BF16_SPARSE, 5e15)], rack_parts(), rules=[HALVE])
    r = resolve(k, "rack", "compute", BF16)
    assert r.method == "derived" and r.value == pytest.approx(72 * 2.5e15)
    assert r.parts[0][1].method == "rule"
    assert {"vendor"} == set(r.sources())


def test_never_across_precisions():
    k = kb([fact("gpu", "compute", Quals("fp8", "dense", "matrix"), 2e15)])
    with pytest.raises(Unresolvable, match="GPU has no bf16 dense matrix compute; it has: fp8 dense matrix"):
        resolve(k, "gpu", "compute", BF16)


def test_not_applicable_is_reported_with_its_source():
    k = kb([fact("old", "compute", BF16, 3e14),
            fact("old", "compute", Quals("fp8", "", ""), None, VENDOR, "preferred", "not_applicable", printed="",
                 locator="FP8 needs 8.9")])
    with pytest.raises(Unresolvable, match=r"OLD has no fp8 dense matrix compute \(not applicable: source vendor, FP8 needs 8.9\); it has: bf16"):
        resolve(k, "old", "compute", Quals("fp8", "dense", "matrix"))


def test_source_option_prefers_that_sources_statements():
    k = kb([fact("gpu", "compute", BF16, 1e15, VENDOR, "preferred"), fact("gpu", "compute", BF16, 0.8e15, PRESS)])
    assert resolve(k, "gpu", "compute", BF16, Options(sources=("press",))).value == 0.8e15
    assert resolve(k, "gpu", "compute", BF16, Options(sources=("nobody",))).value == 1e15


def test_as_of_leaves_out_later_sources():
    k = kb([fact("gpu", "compute", BF16, 1e15, LATE, "preferred"), fact("gpu", "compute", BF16, 0.8e15, PRESS)])
    assert resolve(k, "gpu", "compute", BF16, Options(as_of="2025-12-31")).value == 0.8e15
    with pytest.raises(Unresolvable, match="published on or before 2024-12-31"):
        resolve(k, "gpu", "compute", BF16, Options(as_of="2024-12-31"))


def test_derived_metric_divides_resolved_values_of_one_precision():
    k = kb([fact("gpu", "compute", BF16, 1e15), fact("gpu", "power", Quals(), 500.0)])
    r = resolve(k, "gpu", "compute_per_watt", BF16)
    assert r.method == "computed" and r.value == 2e12 and r.unit == "FLOP/J"
    assert [i.metric for i in r.inputs] == ["compute", "power"]


def test_complete_quals_defaults_and_errors():
    k = kb([fact("gpu", "compute", BF16, 1e15), fact("old", "compute", BF16, 1e14),
            fact("gpu", "compute", Quals("fp8", "dense", "matrix"), 2e15)])
    assert complete_quals(k, ["gpu"], "compute", {"precision": "bf16"}) == BF16
    with pytest.raises(UsageError, match="compute needs a precision; GPU and OLD have: bf16"):
        complete_quals(k, ["gpu", "old"], "compute", {})
    with pytest.raises(UsageError, match="takes no precision"):
        complete_quals(k, ["gpu"], "memory_capacity", {"precision": "bf16"})
    with pytest.raises(UsageError, match="'fp7' is not one of"):
        complete_quals(k, ["gpu"], "compute", {"precision": "fp7"})
