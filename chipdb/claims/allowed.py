"""What a claim states and the ratios it allows: the claim record, and the interval its printed
figure, hedges and wording allow ("1.7" is [1.65, 1.8); "over 3.6x" is [3.55, inf); "2x" is a round
figure, [1.9, 2.1])."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from chipdb.domain import numbers
from chipdb.domain.claimspec import Verdict
from chipdb.domain.records import Quals, SourceRef

@dataclass(frozen=True)
class ClaimFact:
    key: str
    text: str
    source: SourceRef
    locator: str
    subject: str
    baseline: str
    metric: str
    quals: Quals  # what the claim states; "" where it leaves a qualifier open
    kind: str
    stated: str
    tolerance: float | None = None
    wording: str = ""
    assumptions: dict[str, str] = field(default_factory=dict)
    basis: tuple[str, ...] = ()
    note: str = ""
    bound: str = ""  # claimspec.BOUNDS: what a hedge does to the stated number

    def stated_text(self) -> str:
        hedge = {"approx": "about ", "below": "almost ", "over": "over ", "at_least": "at least ",
                 "up_to": "up to ", "under": "under "}.get(self.bound, "")
        if self.kind == "ratio" and self.wording == "times_less":
            return f"{hedge}{self.stated} times less"
        if self.kind == "ratio":
            return f"{hedge}{self.stated}x"
        if self.kind == "percent":
            return (f"{hedge}{self.stated.lstrip('+')}% more" if not self.stated.startswith("-")
                    else f"{hedge}{self.stated[1:]}% less")
        return self.stated

    def stated_ratio(self) -> float | None:
        """The stated ratio subject / baseline as a number (None for a direction)."""
        if self.kind == "direction":
            return None
        value = float(self.stated)
        if self.wording == "times_less":  # "2.3 times less efficient": 1/2.3
            return 1 / value if value else None
        return 1 + value / 100 if self.kind == "percent" else value


@dataclass(frozen=True)
class Interval:
    """The ratios (subject / baseline) a claim allows."""

    low: float
    high: float
    high_open: bool = True  # [low, high) for a printed precision, [low, high] for a tolerance
    label: str = ""  # the reading of the words, e.g. "X times as much"
    directional: bool = False  # a direction claim: outside the interval the data says the opposite
    center: float | None = None  # the stated value itself, which deviations are measured from

    def contains(self, x: float) -> bool:
        return self.low <= x < self.high if self.high_open else self.low <= x <= self.high

    def verdict(self, x: float) -> Verdict:
        if self.contains(x):
            return Verdict.HOLDS
        if self.directional:  # "lower" when the data is higher is wrong, not too modest
            return Verdict.CONTRADICTED
        return Verdict.OVERSTATED if x < self.low else Verdict.UNDERSTATED

    @property
    def middle(self) -> float | None:
        if self.center is not None:
            return self.center or None
        return None if math.isinf(self.high) or self.low == 0 else (self.low + self.high) / 2

    def text(self) -> str:
        if self.low == 0 and self.high == 1:
            return "< 1"
        if math.isinf(self.high):
            return f"[{self.low:.6g}, inf)"
        return f"[{self.low:.6g}, {self.high:.6g}{')' if self.high_open else ']'}"


# A ratio printed with one significant digit ("2x", "两倍") is a round figure: within 5% of it,
# [1.9, 2.1]. The looser reading, anything that rounds to 2 ([1.5, 2.5)), is
# shown beside it and decides nothing.
APPROX = 0.10  # "about N", "roughly N": within 10% of N (or the printed precision, if wider)
ALMOST = 0.10  # "almost N": up to 10% under N
ALMOST_ROUND = 0.20  # "almost double", "nearly 10x": a round figure, up to 20% under it
FINE = 0.02  # a figure printed finer ("2.25x", "6.68x"): within 2%, as writers work from figures a percent apart (989.4 or 1,000 TFLOPS)
ROUND = 0.05  # a round figure ("2x", "50% more"): within 5% of the ratio it states


def intervals(claim: ClaimFact) -> list[Interval]:
    """One interval per reading of the words. A stated number allows what rounds to it or
    truncates to it ("1.7" is [1.65, 1.8)), or an explicit tolerance; hedges set bounds ("over 3.6x"
    is what rounds to 3.6 or more, [3.55, inf); "almost 2x" [1.8, 2.1)); a percentage difference is 1 + p/100; "提升了X倍" and "X
    times more" read two ways."""
    if claim.kind == "direction":
        return [Interval(0.0, 1.0, True, "lower", True) if claim.stated == "lower"
                else Interval(1.0, math.inf, False, "higher", True)]
    number = numbers.parse_exact(claim.stated.lstrip("+"))
    exponent = number.as_tuple().exponent
    ulp = Decimal(1).scaleb(exponent) if exponent < 0 else Decimal(1)
    loose = None
    if claim.kind == "ratio" and claim.tolerance is None and _one_significant_digit(number):
        loose = (float(number - ulp / 2), float(number + ulp / 2))
        ulp = ulp / 10
    if claim.tolerance is not None:
        low, high, open_ = float(number) - claim.tolerance, float(number) + claim.tolerance, False
    else:
        low, high, open_ = _round_or_truncate(number, ulp)
        if claim.kind == "ratio" and number > 0 and ulp / number < FINE:
            low, high = min(low, float(number) * (1 - FINE)), max(high, float(number) * (1 + FINE))
    round_figure = len(number.normalize().as_tuple().digits) == 1
    low, high, open_ = _bounded(claim.bound, float(number), low, high, open_, round_figure and claim.kind == "ratio",
                                float(ulp))
    if claim.tolerance is None and claim.bound in ("", "up_to") and round_figure:
        low, high, open_ = _round_figure(claim.kind, float(number), low, high, open_)
    if claim.kind == "percent":
        label = claim.stated_text()
        return [Interval(1 + low / 100, 1 + high / 100 if not math.isinf(high) else math.inf, open_, label,
                         center=1 + float(number) / 100)]
    if claim.wording == "times_less":  # N times less: 1/N, the interval turned over
        out = [Interval(1 / high if high else 0.0, 1 / low if low > 0 else math.inf, False, f"1/{claim.stated}",
                        center=1 / float(number))]
        if loose is not None and claim.bound in ("", "up_to"):
            out.append(Interval(1 / loose[1], 1 / loose[0], False, f"loosely, 1/(anything that rounds to {claim.stated})",
                                center=1 / float(number)))
        return out
    as_much = Interval(low, high, open_, f"{claim.stated} times as much", center=float(number))
    out = [as_much]
    if claim.wording in ("zh_tisheng", "times_more"):
        words = "increased by" if claim.wording == "zh_tisheng" else "literally, 1 +"
        out.append(Interval(low + 1, high + 1, open_, f"{words} {claim.stated} times", center=float(number) + 1))
    if loose is not None and claim.bound in ("", "up_to"):
        out.append(Interval(loose[0], loose[1], True, f"loosely, anything that rounds to {claim.stated}",
                            center=float(number)))
    return out


def _round_figure(kind: str, n: float, low: float, high: float, open_: bool) -> tuple[float, float, bool]:
    """A round figure ("2x", "两倍", "50% more") is a writer's rounding: it holds within ROUND of
    the ratio it states (or its printed precision, if wider), never the 25% of "anything that
    rounds to 2"."""
    if kind == "percent":
        ratio = 1 + n / 100
        return (min(low, (ratio * (1 - ROUND) - 1) * 100), max(high, (ratio * (1 + ROUND) - 1) * 100), False)
    return min(low, n * (1 - ROUND)), max(high, n * (1 + ROUND)), False


def _one_significant_digit(number: Decimal) -> bool:
    digits = number.normalize().as_tuple().digits
    return len(digits) == 1 and number >= 1


def _round_or_truncate(number: Decimal, ulp: Decimal) -> tuple[float, float, bool]:
    """What rounds to the number, [n - ulp/2, n + ulp/2), or truncates to it, [n, n + ulp)
    (toward zero for a negative number)."""
    if number >= 0:
        return float(number - ulp / 2), float(number + ulp), True
    return float(number - ulp), float(number + ulp / 2), True


def _bounded(bound: str, n: float, low: float, high: float, open_: bool, round_figure: bool = False,
             ulp: float = 0.0) -> tuple[float, float, bool]:
    if bound == "approx":
        return min(low, n - abs(n) * APPROX), max(high, n + abs(n) * APPROX), open_
    if bound == "below":
        return min(low, n - abs(n) * (ALMOST_ROUND if round_figure else ALMOST)), high, open_
    if bound in ("over", "at_least"):
        return n - ulp / 2, math.inf, False
    if bound == "up_to":  # a vendor's peak ("up to 3.9x more AI compute"): the data must reach it
        return low, high, open_
    if bound == "under":
        return (0.0 if n > 0 else -100.0), n, True
    return low, high, open_
