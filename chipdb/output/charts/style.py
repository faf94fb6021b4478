"""What both chart renderers share (matplotlib's ``draw`` and the site's ``svg``): the colours
and the tick labels, so a chart looks alike whichever draws it."""

from __future__ import annotations

from chipdb.domain.claimspec import Verdict

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")
VERDICT_COLOURS = {str(v): v.colour for v in Verdict}
_SI = ((1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1.0, ""), (1e-3, "m"))


def si(value: float, _pos=None) -> str:
    """A tick label in SI prefixes: 2e15 -> 2P, 0.5 -> 0.5 (plain text: no mathtext to parse)."""
    if value <= 0:
        return "0"
    for factor, prefix in _SI:
        if value >= factor * 0.999:
            return f"{value / factor:.3g}{prefix}"
    return f"{value:.3g}"


def plain(value: float, _pos=None) -> str:
    """A ratio's tick label: 0.5, 1, 2."""
    return f"{value:g}"
