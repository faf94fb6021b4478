"""tabulate's ``simple`` table (``disable_numparse=True``), written without importing tabulate and
wcwidth (about half of a read command's start-up) for the cells whose layout is certain:
strings and integers without surrounding whitespace, of characters whose terminal width is
known here (ASCII, Latin, Greek, Cyrillic, general punctuation and symbols, CJK). For anything
else ``simple_table`` returns None and the caller uses tabulate. tests/test_plaintable.py checks
the widths against wcwidth for every code point accepted, and the tables against tabulate.
"""

from __future__ import annotations

from unicodedata import category, east_asian_width

# Ranges whose characters have one width each (no combining, joining or emoji presentation);
# within them only letters, digits, punctuation, symbols and the space are accepted.
_RANGES = ((0xA0, 0x2FF), (0x370, 0x52F), (0x2010, 0x2027), (0x2030, 0x205E), (0x2070, 0x20C0),
           (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2E80, 0x303E), (0x3041, 0x3096),
           (0x30A0, 0x3163), (0x3165, 0x33FF),  # not U+3164, the Hangul filler (no width)
           (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF),
           (0xFE30, 0xFE4F), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6))
_SEPARATOR = "  "


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


def text_width(text: str) -> int | None:
    if text.isascii():
        return len(text) if text.isprintable() else None
    total = 0
    for ch in text:
        width = char_width(ch)
        if width is None:
            return None
        total += width
    return total


def _cell(value) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value)
    return text if text == text.strip() else None


def simple_table(rows: list[list], headers: list) -> str | None:
    """tabulate(rows, headers, tablefmt="simple", disable_numparse=True), or None."""
    head = [_cell(h) for h in headers]
    body = [[_cell(v) for v in row] for row in rows]
    if None in head or any(len(row) != len(head) or None in row for row in body):
        return None
    head_widths = [text_width(h) for h in head]
    cell_widths = [[text_width(v) for v in row] for row in body]
    if None in head_widths or any(None in row for row in cell_widths):
        return None
    widths = [max([w + 2] + [row[i] for row in cell_widths]) for i, w in enumerate(head_widths)]

    def line(cells, cell_w) -> str:
        return _SEPARATOR.join(c + " " * (w - cw) for c, w, cw in zip(cells, widths, cell_w)).rstrip()

    lines = [line(head, head_widths), _SEPARATOR.join("-" * w for w in widths)]
    lines += [line(row, row_w) for row, row_w in zip(body, cell_widths)]
    return "\n".join(lines)
