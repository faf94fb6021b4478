"""Typed errors. The library raises these and never prints or exits; the CLI converts them once."""

from __future__ import annotations


class ChipDBError(Exception):
    """Base class: a problem the user can fix. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class UsageError(ChipDBError):
    """The request does not make sense: a missing or invalid qualifier, option or value.

    Worded in the domain ("compute needs a precision"); ``concept`` names what is missing or
    wrong (a qualifier such as "precision", or "prefer", "as_of", ...) so that an interface can
    name its own control for it (the CLI adds "--precision")."""

    exit_code = 2

    def __init__(self, message: str, concept: str | None = None) -> None:
        super().__init__(message)
        self.concept = concept


class NotFound(ChipDBError):
    """An unknown device, metric, source, claim or qualifier."""


class Ambiguous(ChipDBError):
    """A name that matches more than one thing; ``candidates`` are their keys (device slugs)."""

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class Unresolvable(ChipDBError):
    """No value can be resolved for the requested device, metric and qualifiers. ``reason`` is the
    message without the device (``subject``) it is about; ``status`` is a statement's status when
    a source says why (``not_applicable``: the device lacks it)."""

    def __init__(self, reason: str, subject: str = "", status: str = "") -> None:
        super().__init__(f"{subject}: {reason}" if subject else reason)
        self.reason, self.subject, self.status = reason, subject, status


class Busy(ChipDBError):
    """Another client held the database longer than chipdb waits."""


class SchemaError(ChipDBError):
    """The database has no chipdb schema, or an older one."""


class ValidationProblem:
    """One problem in a data package: where it is and how to fix it."""

    __slots__ = ("file", "line", "column", "message")

    def __init__(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f": column {self.column}"
        return f"{where}: {self.message}"


class ValidationFailed(ChipDBError):
    """A data package has problems; nothing was written."""

    SHOWN = 50  # problems listed in full; the rest are counted by kind and column

    def __init__(self, problems: list[ValidationProblem]) -> None:
        problems = sorted(problems, key=lambda p: (p.file, p.line or 0))
        self.problems = problems
        lines = [f"{len(problems)} problem(s); nothing was written:"]
        lines += [f"  {p}" for p in problems[: self.SHOWN]]
        rest = problems[self.SHOWN:]
        if rest:
            from collections import Counter

            kinds = Counter((p.file.rsplit("/", 1)[-1], p.column or "-", _kind(p.message)) for p in rest)
            lines.append(f"  ... and {len(rest)} more, by file, column and kind:")
            lines += [f"  {n:>8} x {file}: column {column}: {kind}" for (file, column, kind), n in kinds.most_common()]
        super().__init__("\n".join(lines))


def _kind(message: str) -> str:
    """A problem's kind: its message with quoted values and numbers taken out."""
    import re

    # a number standing alone ("line 12", "3 fields"), never digits inside a word ("bf16", "80GB")
    return re.sub(r"\b\d+(?:[.,]\d+)*\b", "N", re.sub(r"'[^']*'", "'…'", message))[:100]
