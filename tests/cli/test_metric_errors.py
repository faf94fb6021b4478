"""Metric errors suggest: a misspelt metric, and a metric the devices lack when a related one exists."""

from __future__ import annotations


def test_a_misspelt_metric_gets_a_did_you_mean(cli):
    for args in (("ratio", "CM384", "NVL72", "compue"), ("trace", "H100", "memory_bandwith"),
                 ("show", "H100", "--metric", "compue")):
        result = cli(*args)
        assert result.exit_code == 1 and "did you mean" in result.stderr, args
    assert "did you mean compute" in cli("ratio", "CM384", "NVL72", "compue").stderr
    assert "did you mean memory_bandwidth" in cli("trace", "H100", "memory_bandwith").stderr


def test_a_missing_metric_names_the_related_one_both_devices_have(cli):
    ratio = cli("ratio", "CM384", "NVL72", "power")
    assert ratio.exit_code == 1
    assert "CloudMatrix 384 has no power values" in ratio.stderr
    assert "both have power_all_in (All-in system power)" in ratio.stderr
    assert "it has power_all_in" in cli("trace", "CM384", "power").stderr


def test_a_missing_qualifier_set_is_not_a_missing_metric(cli):
    result = cli("ratio", "H100", "A100", "compute", "-p", "fp4")
    assert result.exit_code == 1 and "has no fp4" in result.stderr and "both have" not in result.stderr


def test_the_article_follows_the_word(cli):
    result = cli("trace", "H100", "scaleup_bandwidth")
    assert result.exit_code == 2 and "scaleup_bandwidth needs a direction" in result.stderr
