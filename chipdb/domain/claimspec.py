"""What a claim may say, checked the same way by every path that writes one (the data-package
loader, ``claims add``, any importer): its kind, its stated value, its wording and assumptions.

Pure: imports only the vocabulary, so the loader needs neither the claim checker nor the resolver.
"""

from __future__ import annotations

from enum import StrEnum

from chipdb.domain import numbers, vocab
from chipdb.domain.errors import UsageError

KINDS = ("ratio", "percent", "direction")
WORDINGS = ("zh_tisheng", "times_more", "times_less")  # Chinese 提升了X倍 and English "X times more": read
# both as "X times as much" and literally as "increased by X times" (1 + X); "X times less": 1/X
# What a hedge or comparative word does to a stated number: "" as printed (rounded or truncated),
# approx ("about"), below ("almost": up to 10% under it), over ("more than": above it), at_least,
# up_to ("up to": a peak, the figure itself, which the data must reach), under ("less than").
BOUNDS = ("", "approx", "below", "over", "at_least", "up_to", "under")
DIRECTIONS = ("lower", "higher")
ASSUMPTION_KEYS = (*vocab.QUALIFIERS, "prefer")
PREFER = vocab.PREFERENCES


class Verdict(StrEnum):
    """The verdicts a check gives: its words (the value, as every output prints it), what it
    means and its colour; the one list the checker, the reports, the charts and the site use."""

    HOLDS = "holds"
    OVERSTATED = "overstated"
    UNDERSTATED = "understated"
    CONTRADICTED = "contradicted"
    NOT_CHECKABLE = "not checkable"

    @property
    def meaning(self) -> str:
        return _VERDICT_LOOKS[self][0]

    @property
    def colour(self) -> str:
        return _VERDICT_LOOKS[self][1]

    @property
    def colour_name(self) -> str:
        return _VERDICT_LOOKS[self][2]

    @property
    def css(self) -> str:
        """The HTML class: the words, dashed."""
        return self.value.replace(" ", "-")


_VERDICT_LOOKS = {
    Verdict.HOLDS: ("the data gives the stated value", "#2ca02c", "green"),
    Verdict.OVERSTATED: ("the data gives less than stated", "#d62728", "red"),
    Verdict.UNDERSTATED: ("the data gives more than stated", "#1f77b4", "blue"),
    Verdict.CONTRADICTED: ("the data points the other way: the claim says lower and the data higher, or the "
                           "reverse", "#9467bd", "purple"),
    Verdict.NOT_CHECKABLE: ("the data cannot decide it; the reason says why", "#7f7f7f", "grey"),
}


def parse_assumptions(text: str) -> dict[str, str]:
    """"precision=bf16 sparsity=dense" -> {"precision": "bf16", "sparsity": "dense"}, each value
    checked against its vocabulary."""
    out = {}
    for part in text.split():
        key, sep, value = part.partition("=")
        if not sep or key not in ASSUMPTION_KEYS or not value:
            raise UsageError(f"assumption {part!r} is not KEY=VALUE with KEY one of: {', '.join(ASSUMPTION_KEYS)}")
        allowed = PREFER if key == "prefer" else vocab.QUALIFIER_VALUES[key]
        if value not in allowed:
            raise UsageError(f"assumption {part!r}: {key} is one of: {', '.join(allowed)}")
        out[key] = value
    return out


def check_stated(kind: str, stated: str) -> None:
    if kind not in KINDS:
        raise UsageError(f"claim kind {kind!r} is not one of: {', '.join(KINDS)}")
    if kind == "direction":
        if stated not in DIRECTIONS:
            raise UsageError(f"a direction claim states {' or '.join(DIRECTIONS)}, not {stated!r}")
        return
    try:
        value = numbers.parse_exact(stated)
    except numbers.NumberProblem as exc:
        raise UsageError(f"stated value: {exc}") from None
    if kind == "ratio" and value <= 0:
        raise UsageError(f"stated value {stated!r} is not a usable {kind}")
    if kind == "percent" and value <= -100:
        raise UsageError(f"stated value {stated!r}: a difference of {stated}% leaves nothing to compare; "
                         "a percent claim is above -100")


def check_tolerance(text: str) -> None:
    try:
        numbers.parse_positive(text)
    except numbers.NumberProblem as exc:
        raise UsageError(f"tolerance: {exc}") from None
