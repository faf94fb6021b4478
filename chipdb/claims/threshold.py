"""Threshold claims in free text: "the H20's TPP is below the 4,800 line", checked by ``chipdb check``
against the TPP or PD computed from the statements, with the rule lines of that value in force."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection

from chipdb.analysis.controls.model import INPUT_METRICS, Threshold, in_force, pd, tpp
from chipdb.domain import dates, numbers
from chipdb.domain.errors import Unresolvable, UsageError
from chipdb.domain.resolve import Options, Resolved

HOLDS, FAILS, UNCHECKABLE = "holds", "does not hold", "not checkable"
FORM = "A's TPP|PD is below|above|at least N [line]"
_PARAMS = {"tpp": "tpp", "pd": "pd", "total processing performance": "tpp", "performance density": "pd"}
_SIDES = {"below": "<", "under": "<", "less than": "<", "above": ">", "over": ">", "more than": ">",
          "at least": ">=", "at or above": ">="}
PATTERN = re.compile(
    r"^(?:the )?(?P<a>.+?)(?:'s|’s) (?P<param>" + "|".join(_PARAMS) + r") (?:is|stays|sits) (?:just |well )?"
    r"(?P<side>" + "|".join(sorted(_SIDES, key=len, reverse=True)) + r") (?:the )?(?P<value>\d[\d,]*(?:\.\d+)?)"
    r"(?: (?:line|threshold|mark))?$", re.I)


@dataclass
class ThresholdClaim:
    """A claim that a device's TPP or PD is below or above a line ("the H20's TPP is below 4,800")."""

    text: str
    device: str
    parameter: str  # tpp | pd
    comparison: str  # < | > | >=
    value: float
    printed: str


@dataclass(frozen=True)
class ThresholdCheck:
    """A threshold claim checked as of a date: the rule lines with its value in force, the
    device's computed TPP or PD (None, with the reason, when it cannot be computed) and the verdict."""

    claim: ThresholdClaim
    device: str
    name: str
    as_of: str
    lines: list[Threshold]  # the rule lines with this value, in force
    computed: Resolved | None
    verdict: str
    reason: str = ""


def parse(text: str) -> ThresholdClaim | None:
    cleaned = " ".join(text.strip().rstrip(".").split())
    m = PATTERN.match(cleaned)
    if not m:
        return None
    printed = m.group("value")
    try:
        value = numbers.parse_decimal(printed)
    except numbers.NumberProblem as exc:
        raise UsageError(f"the claim's number: {exc}") from None
    return ThresholdClaim(cleaned, m.group("a").strip(), _PARAMS[m.group("param").lower()],
                          _SIDES[m.group("side").lower()], value, printed)


def check(conn: Connection, claim: ThresholdClaim, options: Options = Options()) -> ThresholdCheck:
    """The claim against the computed value; the rules are those in force on ``options.as_of``
    (default today). As in ``chipdb controls``, the date picks the rules and the chip's figures
    are its current preferred statements."""
    from chipdb.analysis.values import check_options
    from chipdb.analysis.controls.book import load_rulebook
    from chipdb.store.knowledge import load_knowledge

    check_options(options, conn)
    kb, (slug,) = load_knowledge(conn, [claim.device], INPUT_METRICS)
    as_of = options.as_of or dates.today().isoformat()
    options = Options(prefer=options.prefer, sources=options.sources)  # figures: not limited by the date
    rules = in_force(load_rulebook(conn), as_of)
    lines = [t for _, ts in rules.paragraphs.values() for t in ts
             if t.parameter == claim.parameter and t.value_si == claim.value]
    name = kb.devices[slug].name
    try:
        value = tpp(kb, slug, options)
        if claim.parameter == "pd":
            value = pd(kb, slug, value, options)
    except Unresolvable as exc:
        return ThresholdCheck(claim, slug, name, as_of, lines, None, UNCHECKABLE, str(exc))
    holds = {"<": value.value < claim.value, ">": value.value > claim.value, ">=": value.value >= claim.value}
    reason = "" if lines else (f"no line of {claim.printed} for {claim.parameter.upper()} in the rules in force on "
                               f"{as_of}; the number was compared as stated")
    return ThresholdCheck(claim, slug, name, as_of, lines, value, HOLDS if holds[claim.comparison] else FAILS, reason)
