"""The one number grammar: every number chipdb reads (a printed value, a count, a factor, a
control threshold, a claim's stated value, an option) is parsed here.

A number is ASCII digits with an optional decimal point and exponent; thousands may be
separated by commas or spaces, only in groups of three ("1,979", "7 200"). Refused, each with
a message that says why: a comma in any other place ("3,35" may be a decimal comma or a lost
digit), any digit that is not ASCII ("²", "٣", and full-width "３": chipdb does not fold them
with NFKC, because NFKC turns "²" into "2" and a footnote mark into a number), a value that is
not finite, and a count that does not fit a 32-bit signed INTEGER (the column type on both
engines).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import lru_cache

INT32_MAX = 2**31 - 1

_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d{1,3}( \d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?", re.ASCII)
_BAD_COMMA = re.compile(r"[+-]?\d+(,\d+)+(\.\d+)?", re.ASCII)  # "3,35", "1,97", "12,34,567"
_DIGITS = re.compile(r"\d+", re.ASCII)


class NumberProblem(ValueError):
    """A printed number that cannot be read; ``column`` says which cell is at fault."""

    column = "value"


def _not_ascii(text: str) -> str | None:
    odd = next((ch for ch in text if not ch.isascii()), None)
    if odd is None:
        return None
    return (f"{text!r}: {odd!r} (U+{ord(odd):04X}) is not an ASCII character; write numbers with the digits "
            "0-9 (full-width and superscript digits are not read)")


def _plain(text: str) -> str:
    """The ASCII text of a number in the grammar, separators removed; else NumberProblem."""
    printed = text.strip()
    if _NUMBER.fullmatch(printed):  # the grammar is ASCII: a number that matches it has no other character
        return printed.replace(",", "").replace(" ", "")
    if problem := _not_ascii(printed):
        raise NumberProblem(problem)
    if _BAD_COMMA.fullmatch(printed):
        raise NumberProblem(f"{text!r}: a comma separates thousands in groups of three (1,979); for a decimal "
                            "comma write a point (3.35) and quote the printed text in the locator")
    raise NumberProblem(f"{text!r} is not a plain number (write e.g. 1979, 1,979 or 3.35)")


@lru_cache(maxsize=65536)  # a bulk import prints the same numbers again and again
def parse_decimal(text: str) -> float:
    """A non-negative finite number as printed (``NumberProblem`` otherwise)."""
    plain = _plain(text)
    value = float(plain)
    if not math.isfinite(value):
        raise NumberProblem(f"{text!r} is too large (not a finite number)")
    if value < 0:
        raise NumberProblem(f"{text!r} is negative")
    if value == 0 and any(ch in "123456789" for ch in plain.lower().split("e")[0]):
        raise NumberProblem(f"{text!r} is too small (it underflows to 0)")
    return value


def problem(text: str) -> str | None:
    """Why ``text`` is not a non-negative number as printed, or None when it is one."""
    try:
        parse_decimal(text)
    except NumberProblem as exc:
        return str(exc)
    return None


def parse_positive(text: str) -> float:
    """A finite number above 0 (a factor, a tolerance, a threshold)."""
    try:
        value = parse_decimal(text)
    except NumberProblem as exc:
        if _not_ascii(text.strip()) or _BAD_COMMA.fullmatch(text.strip()):
            raise
        raise NumberProblem(f"{text!r} is not a finite number above 0 (write e.g. 0.5, 2 or 4,800)") from exc
    if value <= 0:
        raise NumberProblem(f"{text!r} is not a finite number above 0")
    return value


def parse_exact(text: str) -> Decimal:
    """The number exactly as printed, keeping its last digit's place ("1.70" is not "1.7")."""
    value = Decimal(_plain(text))
    if not math.isfinite(float(value)):
        raise NumberProblem(f"{text!r} is too large (not a finite number)")
    return value


def parse_count(text: str) -> int:
    """A whole number above 0 that fits a 32-bit signed INTEGER (a component count)."""
    printed = text.strip()
    if problem := _not_ascii(printed):
        raise NumberProblem(problem)
    if not _DIGITS.fullmatch(printed) or int(printed) <= 0:
        raise NumberProblem(f"{text!r} is not a whole number above 0")
    if len(printed) > 10 or int(printed) > INT32_MAX:
        raise NumberProblem(f"{text!r} is too large: a count is at most {INT32_MAX:,}")
    return int(printed)


def half_unit(number: Decimal) -> Decimal:
    """Half a unit of the last printed digit: 1.7 -> 0.05, 300 -> 0.5."""
    return Decimal(1).scaleb(number.as_tuple().exponent) / 2
