"""The table format's own layout (chipdb.output.plaintable) is tabulate's, character for character,
wherever it answers; elsewhere it declines and tabulate is used."""

from __future__ import annotations

import sys

import pytest
import wcwidth
from hypothesis import given, settings, strategies as st
from tabulate import tabulate

from chipdb.domain.text import _RANGES, char_width
from chipdb.output.plaintable import simple_table


def test_every_width_it_decides_is_wcwidths():
    codes = [c for lo, hi in _RANGES for c in range(lo, hi + 1)] + list(range(0x20, 0x7F))
    decided = {chr(c): char_width(chr(c)) for c in codes}
    decided = {ch: w for ch, w in decided.items() if w is not None}
    assert len(decided) > 30_000  # the check sees CJK and more
    wrong = {f"U+{ord(ch):04X}": (w, wcwidth.wcwidth(ch)) for ch, w in decided.items() if w != wcwidth.wcwidth(ch)}
    assert not wrong


def test_it_declines_what_it_does_not_know():
    assert char_width("\u0301") is None  # combining accent
    assert char_width("\U0001F600") is None  # emoji
    assert simple_table([["a\u200db"]], ["x"]) is None
    assert simple_table([[" padded"]], ["x"]) is None
    assert simple_table([[1.5]], ["x"]) is None


_ALPHABET = st.sampled_from(list("ab Z09-_.,:;()/\"'|") + ["…", "²", "×", "é", "技", "术", "。", "ｘ", "—", "한", "Ω"])
_TEXT = st.text(_ALPHABET, max_size=8)
_CELL = st.one_of(_TEXT, st.integers(-10**6, 10**6), st.booleans(), st.none())


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(st.lists(_TEXT, min_size=n, max_size=n),
                                                     st.lists(st.lists(_CELL, min_size=n, max_size=n), max_size=5))))
def test_tables_are_tabulates(table):
    headers, rows = table
    mine = simple_table(rows, headers)
    if mine is not None:
        assert mine == tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def test_it_answers_for_the_seeded_show(cli):
    """The H100's table (Chinese locators, ellipses) is laid out here, not by tabulate."""
    from chipdb.output.registry import TABLE_CELL_WIDTH, shorten, visible

    statements = cli.json("show", "H100", "--format", "json")["statements"]
    rows = [[shorten(visible(s["locator"]), TABLE_CELL_WIDTH), shorten(visible(s["source"]), TABLE_CELL_WIDTH)]
            for s in statements]
    assert simple_table(rows, ["locator", "source"]) is not None
    assert any(not r[0].isascii() for r in rows)
