"""Claim intervals and verdicts on plain data (no database)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from chipdb.claims.check import ClaimFact, check, intervals
from chipdb.domain.claimspec import Verdict

HOLDS, OVER, UNDER = Verdict.HOLDS, Verdict.OVERSTATED, Verdict.UNDERSTATED
CONTRADICTED, UNCHECKABLE = Verdict.CONTRADICTED, Verdict.NOT_CHECKABLE
from chipdb.domain.claimspec import parse_assumptions
from chipdb.domain.errors import UsageError
from chipdb.domain.records import Quals

from .builders import BF16, PRESS, VENDOR, fact, kb, rack_parts



def claim(stated="1.7", kind="ratio", metric="memory_capacity", wording="", quals=None, assumptions=None, basis=(),
          tolerance=None, subject="rack", baseline="gpu"):
    return ClaimFact("c", "text", PRESS, "p. 1", subject, baseline, metric, quals or Quals(), kind, stated,
                     tolerance, wording, assumptions or {}, basis)


@pytest.mark.parametrize("stated, kind, wording, expected", [
    ("1.7", "ratio", "", [(1.65, 1.8)]),  # what rounds to 1.7, or truncates to it
    ("3.6", "ratio", "", [(3.55, 3.7)]),
    ("2", "ratio", "", [(1.9, 2.1), (1.5, 2.5)]),  # a round figure: within 5%; the loose reading beside it
    ("12", "ratio", "", [(11.5, 13)]),
    ("6.68", "ratio", "", [(6.5464, 6.8136)]),  # printed finer than 2%: within 2% (6.6851 truncated holds too)
    ("2.25", "ratio", "", [(2.205, 2.295)]),  # "989 -> 2250 TFLOPS, 2.25x": the writer divided by 1,000
    ("67", "percent", "", [(1.665, 1.68)]),
    ("-65", "percent", "", [(0.34, 0.355)]),  # truncation toward zero
    ("-60", "percent", "", [(0.38, 0.42)]),  # a round figure: 0.4, within 5%
    ("1.7", "ratio", "zh_tisheng", [(1.65, 1.8), (2.65, 2.8)]),
    ("3", "ratio", "times_more", [(2.85, 3.15), (3.85, 4.15), (2.5, 3.5)]),
    ("50", "percent", "", [(1.425, 1.575)]),  # "50% more": a round figure too
    ("55", "percent", "", [(1.545, 1.56)]),  # two digits: as printed
])
def test_interval_from_printed_precision(stated, kind, wording, expected):
    got = [(round(i.low, 6), round(i.high, 6)) for i in intervals(claim(stated, kind, wording=wording))]
    assert got == expected


@pytest.mark.parametrize("stated, bound, expected, high_open", [
    ("2", "over", (1.95, math.inf), False),  # "more than twice": what rounds to 2.0 or more
    ("2", "at_least", (1.95, math.inf), False),
    ("3.6", "over", (3.55, math.inf), False),  # "over 3.6x" of a computed 3.565: the writer rounded
    ("1.7", "below", (1.53, 1.8), True),  # "almost 1.7x": up to 10% under
    ("2", "below", (1.6, 2.1), True),  # "almost double": a round figure, up to 20% under
    ("1.7", "approx", (1.53, 1.87), True),  # "about 1.7x": 10% either side, or the printed precision
    ("2.5", "up_to", (2.45, 2.6), True),  # a vendor's peak: "up to 3.9x" against 1.91 is overstated
    ("2", "under", (0, 2), True),
])
def test_hedges_bound_the_stated_number(stated, bound, expected, high_open):
    (i,) = intervals(replace(claim(stated), bound=bound))
    assert (round(i.low, 6), round(i.high, 6), i.high_open) == (*expected, high_open)


def test_a_one_digit_ratio_is_not_a_licence_for_25_percent():
    """"2x" against 1.667 is overstated by 20%, not a rounding of 2; the loose reading is shown."""
    (strict, loose) = intervals(claim("2"))
    assert strict.verdict(1.667) == "overstated" and loose.verdict(1.667) == "holds"
    assert strict.verdict(2.06) == "holds" and strict.verdict(1.94) == "holds"  # within 5% of 2
    assert strict.verdict(1.88) == "overstated" and strict.verdict(2.12) == "understated"


def test_explicit_tolerance_is_a_closed_interval():
    (i,) = intervals(claim("2", tolerance=0.25))
    assert (i.low, i.high, i.high_open) == (1.75, 2.25, False) and i.contains(2.25)


def test_direction_intervals():
    (lower,) = intervals(claim("lower", "direction"))
    (higher,) = intervals(claim("higher", "direction"))
    assert lower.verdict(0.5) == HOLDS and lower.verdict(1.2) == CONTRADICTED
    assert higher.verdict(1.2) == HOLDS and higher.verdict(0.5) == CONTRADICTED and math.isinf(higher.high)


def test_a_direction_the_data_reverses_is_contradicted_not_understated():
    k = kb([fact("gpu", "memory_capacity", Quals(), 100.0), fact("rack", "memory_capacity", Quals(), 170.0)])
    assert check(k, claim("lower", "direction")).primary.verdict == CONTRADICTED
    assert check(k, claim("higher", "direction")).primary.verdict == HOLDS
    assert check(k, claim("higher", "direction", subject="gpu", baseline="rack")).primary.verdict == CONTRADICTED


def test_verdicts_holds_overstated_understated():
    k = kb([fact("gpu", "memory_capacity", Quals(), 100.0), fact("rack", "memory_capacity", Quals(), 170.0)])
    assert check(k, claim("1.7")).primary.verdict == HOLDS
    assert check(k, claim("2.0")).primary.verdict == OVER
    assert check(k, claim("1.5")).primary.verdict == UNDER
    assert check(k, claim("2.0")).primary.deviation == pytest.approx(-15.0)


def test_missing_data_is_not_checkable_with_the_reason():
    k = kb([fact("gpu", "memory_capacity", Quals(), 100.0)])
    result = check(k, claim("1.7", metric="power"))
    assert result.primary.verdict == UNCHECKABLE and "has no power values" in result.primary.reason


def test_open_precision_without_assumption_is_not_checkable_but_readings_try_each_precision():
    k = kb([fact("gpu", "compute", BF16, 1e15), fact("rack", "compute", BF16, 1.7e15),
            fact("gpu", "compute", Quals("fp8", "dense", "matrix"), 2e15), fact("rack", "compute", Quals("fp8", "dense", "matrix"), 2e15)])
    result = check(k, claim("1.7", metric="compute"))
    assert result.primary.verdict == UNCHECKABLE and "needs a precision" in result.primary.reason and "--" not in result.primary.reason
    by_label = {r.label: r.verdict for r in result.readings}
    assert by_label["bf16 dense"] == HOLDS and by_label["fp8 dense"] == OVER
    assumed = check(k, claim("1.7", metric="compute", assumptions={"precision": "bf16"}))
    assert assumed.primary.verdict == HOLDS and assumed.primary.quals == BF16


def test_source_readings_and_range():
    k = kb([fact("gpu", "memory_capacity", Quals(), 100.0, VENDOR, "preferred"),
            fact("gpu", "memory_capacity", Quals(), 110.0, PRESS),
            fact("rack", "memory_capacity", Quals(), 170.0)])
    result = check(k, claim("1.7"))
    sourced = [r for r in result.readings if r.basis == "sources"]
    assert sorted(round(r.computed, 4) for r in sourced) == [round(170 / 110, 4), 1.7]
    assert result.range == (pytest.approx(170 / 110), pytest.approx(1.7))
    press = check(k, claim("1.7", basis=("press",)))
    assert press.primary.computed == pytest.approx(170 / 110) and press.primary.verdict == OVER


def test_zh_wording_reads_both_ways():
    k = kb([fact("gpu", "memory_capacity", Quals(), 100.0), fact("rack", "memory_capacity", Quals(), 270.0)])
    result = check(k, claim("1.7", wording="zh_tisheng"))
    assert result.primary.verdict == UNDER
    wording = [r for r in result.readings if r.basis == "wording"][0]
    assert wording.interval.label == "increased by 1.7 times" and wording.verdict == HOLDS


def test_derived_total_is_a_reading():
    k = kb([fact("gpu", "memory_capacity", Quals(), 10.0), fact("rack", "memory_capacity", Quals(), 700.0)],
           rack_parts())
    result = check(k, claim("7", subject="rack", baseline="gpu"))
    labels = [r.label for r in result.readings if r.basis == "sources"]
    assert any("derived from its parts, 720 B" in label for label in labels)


def test_parse_assumptions():
    assert parse_assumptions("precision=bf16 prefer=derived") == {"precision": "bf16", "prefer": "derived"}
    with pytest.raises(UsageError):
        parse_assumptions("colour=red")


@pytest.mark.parametrize("kind, stated", [("percent", "-150"), ("percent", "-100"), ("ratio", "0")])
def test_a_claim_that_compares_nothing_is_refused(kind, stated):
    from chipdb.domain.claimspec import check_stated

    with pytest.raises(UsageError):
        check_stated(kind, stated)


def test_a_percent_less_prints_as_less():
    assert claim("-28", "percent").stated_text() == "28% less"


def test_a_verdict_carries_its_words_and_colour_for_every_output():
    from chipdb.output.charts.draw import VERDICT_COLOURS
    from chipdb.output.site.html import stylesheet

    css = stylesheet()
    for v in Verdict:
        assert VERDICT_COLOURS[str(v)] == v.colour and f".verdict.{v.css} {{ background: {v.colour}; }}" in css
    assert f"{Verdict.NOT_CHECKABLE}" == "not checkable" and Verdict("contradicted") is CONTRADICTED
