"""tabulate's ``simple`` table (``disable_numparse=True``), written without importing tabulate and
wcwidth (about half of a read command's start-up) for the cells whose layout is certain:
strings and integers without surrounding whitespace, of characters whose terminal width is
known here (ASCII, Latin, Greek, Cyrillic, general punctuation and symbols, CJK). For anything
else ``simple_table`` returns None and the caller uses tabulate. tests/test_plaintable.py checks
the widths against wcwidth for every code point accepted, and the tables against tabulate.
"""

from __future__ import annotations

from chipdb.domain.text import char_width

_SEPARATOR = "  "

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
