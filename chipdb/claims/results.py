"""What checking a text gives: each claim found with its reading, verdict, checked values and
other candidates; the passages that are not spec claims; what the user gave beside the text."""

from __future__ import annotations

from dataclasses import dataclass, field

from chipdb.claims.check import ClaimFact, ClaimResult
from chipdb.domain.claimspec import Verdict
from chipdb.claims.spans import Found

@dataclass(frozen=True)
class ValueCheck:
    """An absolute value the text states beside a claim, against the database."""

    text: str
    device: str
    metric: str
    stated: float
    value: float | None  # the database's matching or resolved value
    verdict: str  # consistent | differs | not checkable
    quals: str = ""
    source: str = ""
    deprecated: bool = False  # matched only by a deprecated statement


@dataclass(frozen=True)
class Alternative:
    subject: str
    baseline: str
    computed: float | None
    verdict: str
    why: str


@dataclass
class TextClaim:
    span: tuple[int, int]  # in the document's text
    words: str  # the words the claim came from
    sentence: str
    found: Found
    claim: ClaimFact | None = None
    result: ClaimResult | None = None
    alternatives: list[Alternative] = field(default_factory=list)
    values: list[ValueCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reason: str = ""  # why it is not checkable, when no reading could be made
    date: str | None = None  # the as-of date taken from the claim's date (not asked for)

    @property
    def verdict(self) -> str:
        return self.result.primary.verdict if self.result else Verdict.NOT_CHECKABLE


@dataclass(frozen=True)
class NotSpec:
    span: tuple[int, int]
    words: str
    sentence: str
    reason: str


@dataclass
class DocumentResult:
    claims: list[TextClaim]
    not_spec: list[NotSpec]
    date: str
    date_from: str
    as_of: str | None
    text: str = ""  # the document's text, which the spans point into


@dataclass(frozen=True)
class Given:
    """What the user says beside the text."""

    subject: str = ""
    baseline: str = ""
    date: str = ""
    quals: tuple[tuple[str, str], ...] = ()  # (qualifier, value) the text leaves open


