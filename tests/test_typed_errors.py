"""Errors carry their facts; no code reads meaning back out of a message (issue 18)."""

import re
from pathlib import Path

from chipdb.domain.errors import Unresolvable

CHIPDB = Path(__file__).resolve().parents[1] / "chipdb"


def test_an_unresolvable_carries_its_subject_reason_and_status():
    exc = Unresolvable("PD not checkable: no die area", "H20")
    assert str(exc) == "H20: PD not checkable: no die area" and exc.reason == "PD not checkable: no die area"
    assert Unresolvable("x has no fp8 compute", status="not_applicable").status == "not_applicable"


# The csv module's errors carry no code: its message is its only signal of a cell over the field
# limit. That is a library's message read once, not one of chipdb's own parsed back.
FOREIGN = ("csv module's only signal",)


def test_no_module_parses_a_message_or_a_note_back():
    pattern = re.compile(r"in str\(exc\)|str\(exc\)\.split|split\(' \(TPP|\(deprecated\)\"\)|\.split\(\" \(")
    offenders = [f"{p.relative_to(CHIPDB)}:{n}" for p in CHIPDB.rglob("*.py")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line) and not any(why in line for why in FOREIGN)]
    assert offenders == []


def test_shorten_counts_display_width_like_the_tables():
    from wcwidth import wcswidth

    from chipdb.domain.text import shorten

    assert shorten("a" * 10, 6) == "aaaaa…" and shorten("abc", 6) == "abc"
    cut = shorten("华为昇腾超级芯片集群", 9)
    assert cut == "华为昇腾…" and wcswidth(cut) <= 9
