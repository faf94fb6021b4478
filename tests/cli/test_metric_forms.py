"""METRIC is accepted both as an argument and as -m/--metric, with the same output; giving two
different ones, or none where one is needed, is a usage error."""

from __future__ import annotations

import pytest

FORMS = [
    (["trace", "H100", "compute", "-p", "bf16"], ["trace", "H100", "-m", "compute", "-p", "bf16"]),
    (["ratio", "H100", "A100", "compute", "-p", "bf16"], ["ratio", "H100", "A100", "--metric", "compute", "-p", "bf16"]),
    (["show", "H100", "-m", "power"], ["show", "H100", "power"]),
    (["history", "H100", "compute"], ["history", "H100", "-m", "compute"]),
    (["compare", "H100", "A100", "compute", "power"], ["compare", "H100", "A100", "-m", "compute", "-m", "power"]),
    (["plot", "compare", "H100", "A100", "power", "-f", "svg"], ["plot", "compare", "H100", "A100", "-m", "power", "-f", "svg"]),
    (["plot", "timeline", "power", "-f", "svg"], ["plot", "timeline", "-m", "power", "-f", "svg"]),
]


@pytest.mark.parametrize("positional, option", FORMS, ids=lambda args: " ".join(args[:2]))
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


def test_compare_takes_the_same_metrics_either_way_and_refuses_two_sets(cli):
    both = cli("compare", "H100", "A100", "compute", "-m", "compute")
    assert both.exit_code == 0, both.output
    assert both.stdout == cli.out("compare", "H100", "A100", "-m", "compute")
    clash = cli("compare", "H100", "A100", "compute", "-m", "power")
    assert clash.exit_code == 2 and "metrics given two ways" in clash.stderr and "Traceback" not in clash.output
    two = cli("plot", "timeline", "compute", "power", "-f", "svg")
    assert two.exit_code == 2 and "one metric, not 2" in two.stderr


def test_a_metric_key_that_also_names_a_device_is_refused(cli):
    from sqlalchemy import insert, select

    from chipdb.store import tables as T
    from chipdb.store.db import make_engine

    engine = make_engine(cli.url)
    with engine.begin() as conn:
        h100 = conn.scalar(select(T.devices.c.id).where(T.devices.c.slug == "h100-sxm5-80gb"))
        conn.execute(insert(T.aliases).values(device_id=h100, alias="power", alias_key="power"))
    engine.dispose()
    result = cli("compare", "A100", "power")
    assert result.exit_code == 2 and "names both a metric and a device" in result.stderr


CLAIM = ["claims", "add", "my-claim", "--subject", "H100", "--baseline", "A100", "--stated", "1.75",
         "--appeared-in", "h100-page-via-notes", "--text", "1.75x the power", "--locator", "p. 1"]


@pytest.mark.parametrize("metric", [["power"], ["--metric", "power"], ["power", "-m", "power"]], ids=" ".join)
def test_claims_add_takes_the_metric_either_way(cli, metric):
    added = cli(*CLAIM[:3], *metric, *CLAIM[3:])
    assert added.exit_code == 0, added.output
    listed = cli.json("claims", "list", "-f", "json")
    assert [c["metric"] for c in listed if c["claim"] == "my-claim"] == ["power"]


def test_claims_add_with_two_metrics_or_none_is_a_usage_error(cli):
    clash = cli(*CLAIM[:3], "power", "-m", "compute", *CLAIM[3:])
    assert clash.exit_code == 2 and "two metrics given" in clash.stderr
    none = cli(*CLAIM)
    assert none.exit_code == 2 and "which metric? give it after the key or with --metric" in none.stderr
