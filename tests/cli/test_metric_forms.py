"""METRIC is accepted both as an argument and as -m/--metric, with the same output; giving two
different ones, or none where one is needed, is a usage error."""

from __future__ import annotations

import pytest

FORMS = [
    (["trace", "H100", "compute", "-p", "bf16"], ["trace", "H100", "-m", "compute", "-p", "bf16"]),
    (["ratio", "H100", "A100", "compute", "-p", "bf16"], ["ratio", "H100", "A100", "--metric", "compute", "-p", "bf16"]),
    (["show", "H100", "-m", "power"], ["show", "H100", "power"]),
    (["history", "H100", "compute"], ["history", "H100", "-m", "compute"]),
]


@pytest.mark.parametrize("positional, option", FORMS, ids=lambda args: args[0])
def test_both_forms_give_the_same_output(cli, positional, option):
    a, b = cli(*positional), cli(*option)
    assert a.exit_code == 0, a.output
    assert b.exit_code == 0, b.output
    assert a.stdout == b.stdout


def test_two_metrics_or_none_is_a_usage_error(cli):
    both = cli("trace", "H100", "power", "-m", "compute")
    assert both.exit_code == 2 and "two metrics given" in both.stderr
    none = cli("ratio", "H100", "A100", "-p", "bf16")
    assert none.exit_code == 2 and "which metric?" in none.stderr and "--metric" in none.stderr
