"""The one number grammar (chipdb.domain.numbers), used by every reader of a number."""

import pytest

from chipdb.domain import numbers
from chipdb.domain.errors import UsageError


@pytest.mark.parametrize("text, value", [("1979", 1979.0), ("1,979", 1979.0), ("7 200", 7200.0), ("3.35", 3.35),
                                         ("1e3", 1000.0), ("0", 0.0)])
def test_the_grammar_reads_printed_numbers(text, value):
    assert numbers.parse_decimal(text) == value


@pytest.mark.parametrize("text, message", [
    ("3,35", "groups of three"), ("1,97", "groups of three"), ("²", "not an ASCII character"),
    ("５", "not an ASCII character"), ("٣", "not an ASCII character"), ("1e400", "not a finite number"),
    ("nan", "not a plain number"), ("-1", "negative"), ("1_000", "not a plain number")])
def test_the_grammar_refuses_with_a_reason(text, message):
    with pytest.raises(numbers.NumberProblem, match=message):
        numbers.parse_decimal(text)


@pytest.mark.parametrize("text", ["3000000000", "2147483648", "99999999999999999999", "²", "0", "1.0", "1,000"])
def test_a_count_is_a_32_bit_whole_number_above_0(text):
    with pytest.raises(numbers.NumberProblem):
        numbers.parse_count(text)
    assert numbers.parse_count("2147483647") == 2**31 - 1


def test_a_threshold_claim_with_a_decimal_comma_is_refused():
    from chipdb.claims import threshold

    with pytest.raises(UsageError, match="groups of three"):
        threshold.parse("the H20's TPP is below the 4,80 line")
    assert threshold.parse("the H20's TPP is below the 4,800 line").value == 4800
