"""Text as people read it: cut to a width, counted the way a terminal shows it."""

from __future__ import annotations

from typing import Any


def shorten(value: Any, width: int) -> Any:
    """A string cut to ``width`` terminal columns with an ellipsis, counted by display width as
    the tables align (a CJK character takes two), with no blank before the ellipsis; anything
    else as it is."""
    if not isinstance(value, str) or len(value) <= width // 2:
        return value
    from wcwidth import wcwidth

    widths = [max(wcwidth(ch), 0) for ch in value]
    if sum(widths) <= width:
        return value
    used = 0
    for i, w in enumerate(widths):
        if used + w > width - 1:
            return value[:i].rstrip() + "…"
        used += w
    return value
