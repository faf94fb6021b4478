"""The one date type: a partial calendar date (YYYY, YYYY-MM or YYYY-MM-DD) parsed once and
compared as dates, never as strings; and UTC for today and for timestamps.

Used for a source's ``published`` and ``retrieved``, a device's ``released``, a rule's dates,
a control event's date, ``--as-of`` and ``--retrieved``, and the import timestamps of the value
history. Only ASCII digits are read: "２０００-０１-０１" is refused with a message rather than
folded (as numbers are; see ``chipdb.domain.numbers``), so that no string compare can ever
place it after 2025.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"


class DateProblem(ValueError):
    """Text that is not a (partial) calendar date; the message says why."""


@dataclass(frozen=True)
class PartialDate:
    """A year, a month or a day. ``start`` and ``end`` are the first and last days it names
    (2025-04: 2025-04-01 and 2025-04-30); ``str`` gives it back as written."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def start(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        if self.day:
            return self.start
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.day else "")

    @property
    def year_fraction(self) -> float:
        """The middle of the period as a year: 2024 -> 2024.5, 2020-11 -> 2020.875."""
        if self.month is None:
            return self.year + 0.5
        if self.day is None:
            return self.year + (self.month - 0.5) / 12
        return self.year + (self.month - 1) / 12 + (self.day - 0.5) / 365


@lru_cache(maxsize=4096)
def parse(text: str) -> PartialDate:
    """``text`` as a partial date, or ``DateProblem`` saying why it is not one."""
    odd = next((ch for ch in text if not ch.isascii()), None)
    if odd is not None:
        raise DateProblem(f"{text!r} is not a date: {odd!r} (U+{ord(odd):04X}) is not an ASCII character; "
                          f"write {FORMS} with the digits 0-9")
    match = _PARTIAL.fullmatch(text)
    if not match:
        raise DateProblem(f"{text!r} is not a date ({FORMS})")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError as exc:
        raise DateProblem(f"{text!r} is not a calendar date ({exc})") from None
    return PartialDate(year, month, day)


def problem(text: str) -> str | None:
    """Why ``text`` is not a (partial) date, or None when it is one."""
    try:
        parse(text)
    except DateProblem as exc:
        return str(exc)
    return None


def on_or_before(text: str, limit: str) -> bool:
    """Whether the date ``text`` (a partial one counting as its first day) falls on or before
    the end of the period ``limit`` names. An empty ``text`` is undated: never."""
    return bool(text) and parse(text).start <= parse(limit).end


def today() -> date:
    """Today in UTC: the law in force does not depend on the machine's time zone."""
    return datetime.now(timezone.utc).date()


def file_date(path) -> date:
    """The UTC day a file was last modified."""
    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).date()


def now_timestamp() -> str:
    """Now, as the history stores it: ISO 8601 in UTC, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def timestamp_problem(text: str) -> str | None:
    """Why ``text`` is not an ISO 8601 timestamp with a zone, or None."""
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        stamp = None
    if stamp is None or not text.isascii():
        return f"{text!r} is not an ISO 8601 timestamp (e.g. 2026-11-28T16:30:00+00:00)"
    if stamp.tzinfo is None:
        return f"{text!r} has no time zone; add one (e.g. +00:00 for UTC)"
    return None
