"""list, show, sources: lookups, formats and errors, on every engine."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

NAMES = {
    "H20": "h20", "A100": "a100-sxm4-80gb", "H100": "h100-sxm5-80gb", "H200": "h200-sxm-141gb",
    "B200": "b200-gb200", "GB200 NVL72": "gb200-nvl72", "Grace": "grace", "Ascend 910C": "ascend-910c",
    "CloudMatrix 384": "cloudmatrix-384", "CM384": "cloudmatrix-384", "cm-384": "cloudmatrix-384",
    "h100-sxm5-80gb": "h100-sxm5-80gb", "gb200 nvl72": "gb200-nvl72",
}


@pytest.mark.parametrize("name, slug", NAMES.items())
def test_each_name_resolves_to_one_device(cli, name, slug):
    result = cli("show", name, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["device"] == slug


def test_show_h100_json_has_nvidias_sparse_bf16_and_a_sourced_dense_figure(cli):
    result = cli("show", "H100", "--format", "json")
    assert result.exit_code == 0, result.output
    statements = json.loads(result.stdout)["statements"]
    bf16 = [s for s in statements if s["metric"] == "compute" and s["precision"] == "bf16"]
    sparse = [s for s in bf16 if s["sparsity"] == "sparse" and s["source"] == "h100-page-via-notes"]
    dense = [s for s in bf16 if s["sparsity"] == "dense" and s["rank"] == "preferred"]
    assert sparse and sparse[0]["value"] == 1.979e15 and sparse[0]["unit"] == "FLOP/s"
    assert sparse[0]["printed_value"] == "1,979" and "With sparsity" in sparse[0]["locator"]
    assert dense and dense[0]["value"] == pytest.approx(989.4e12)
    for s in statements:
        assert {"metric", "precision", "sparsity", "value", "unit", "source", "rank", "locator"} <= set(s)
        assert s["source"] and s["locator"]


def test_show_table_uses_readable_units(cli):
    out = cli.out("show", "H100")
    assert "989.4 TFLOP/s" in out and "3.35 TB/s" in out and "700 W" in out


def test_show_system_lists_components_with_their_sources(cli):
    data = cli.json("show", "GB200 NVL72", "-f", "json")
    assert data["components"] == [{"part": "gb200-superchip", "part_name": "GB200 Grace Blackwell Superchip",
                                   "count": 36, "source": "nvidia-blackwell-arch-page-2026-08",
                                   "locator": data["components"][0]["locator"]}]


def test_show_unknown_device_exits_1_with_a_suggestion(cli):
    result = cli("show", "H10")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no device 'H10'; did you mean") and "H100" in result.stderr
    assert "Traceback" not in result.output
    nope = cli("show", "NOPE")
    assert nope.exit_code == 1 and "no device 'NOPE'" in nope.stderr and "chipdb list" in nope.stderr


def test_show_unknown_metric_names_the_metrics(cli):
    result = cli("show", "H100", "--metric", "flops")
    assert result.exit_code == 1 and "no metric 'flops'; metrics are:" in result.stderr


@pytest.mark.parametrize("command", [["list"], ["show", "H100"], ["sources"], ["sources", "show", "nvidia-te-support-matrix"]])
def test_listings_read_back_from_csv_without_options_and_without_nan(cli, command):
    result = cli(*command, "--format", "csv")
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert len(frame) > 0
    assert not frame.isna().any().any()


@pytest.mark.parametrize("command", [["list"], ["show", "A100"], ["sources"]])
def test_markdown_and_json_formats(cli, command):
    md = cli.out(*command, "--format", "markdown")
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert table[1].startswith("|-")  # the GitHub table's rule, after the title paragraph if any
    assert cli.json(*command, "--format", "json")


def test_output_option_writes_the_file(cli, tmp_path):
    target = tmp_path / "h20.csv"
    result = cli("show", "H20", "--format", "csv", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert pd.read_csv(target)["metric"].str.contains("memory_bandwidth").any()


def test_bad_format_is_a_usage_error(cli):
    result = cli("list", "--format", "xml")
    assert result.exit_code == 2


def test_sources_show_unknown_key(cli):
    result = cli("sources", "show", "nvidia-h100-pag")
    assert result.exit_code == 1 and "no source 'nvidia-h100-pag'" in result.stderr


def test_list_shows_aliases(cli):
    rows = cli.json("list", "-f", "json")
    by_slug = {r["slug"]: r for r in rows}
    assert "CM384" in by_slug["cloudmatrix-384"]["aliases"]
    assert by_slug["gb200-nvl72"]["kind"] == "system"


def test_unwritable_output_and_bad_url_are_clean_errors(cli, tmp_path):
    result = cli("show", "H100", "-f", "csv", "-o", str(tmp_path / "missing" / "x.csv"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: No such file or directory")
    from ..conftest import Cli

    bad = Cli("nonsense://")("list")
    assert bad.exit_code == 2 and "bad database URL" in bad.stderr
