"""Text as people read it: cut to a width, counted the way a terminal shows it."""

from __future__ import annotations

from typing import Any
from unicodedata import category, east_asian_width

# Ranges whose characters have one width each (no combining, joining or emoji presentation);
# within them only letters, digits, punctuation, symbols and the space are accepted.
_RANGES = ((0xA0, 0x2FF), (0x370, 0x52F), (0x2010, 0x2027), (0x2030, 0x205E), (0x2070, 0x20C0),
           (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2E80, 0x303E), (0x3041, 0x3096),
           (0x30A0, 0x3163), (0x3165, 0x33FF),  # not U+3164, the Hangul filler (no width)
           (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF),
           (0xFE30, 0xFE4F), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6))


def char_width(ch: str) -> int | None:
    """The columns a terminal gives ``ch``, or None where this module does not decide it."""
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return 1
    if not any(lo <= code <= hi for lo, hi in _RANGES):
        return None
    cat = category(ch)
    if not (cat[0] in "LNPS" or cat == "Zs"):
        return None
    return 2 if east_asian_width(ch) in ("W", "F") else 1


def shorten(value: Any, width: int) -> Any:
    """A string cut to ``width`` terminal columns with an ellipsis, counted by display width as
    the tables align (a CJK character takes two), with no blank before the ellipsis; anything
    else as it is."""
    if not isinstance(value, str) or len(value) <= width // 2:
        return value
    widths = [char_width(ch) for ch in value]  # certain widths without wcwidth (most text)
    if None in widths:
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
