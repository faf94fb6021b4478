"""trace, ratio and compare on the seeded data, on every engine: the issue's acceptance checks."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from chipdb.store.db import make_engine, session_scope
from chipdb.package.load import load_package
from chipdb.package.csvformat import read_package


def test_ratio_cloudmatrix_over_nvl72_dense_bf16_json_names_both_sides_sources(cli):
    result = cli("ratio", "CloudMatrix 384", "GB200 NVL72", "compute", "--precision", "bf16", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ratio"] == pytest.approx(300 / 180)
    for side, device in (("numerator", "cloudmatrix-384"), ("denominator", "gb200-nvl72")):
        assert data[side]["device"] == device and data[side]["unit"] == "FLOP/s"
        assert data[side]["qualifiers"] == {"precision": "bf16", "sparsity": "dense", "engine": "matrix", "direction": ""}
        assert data[side]["statement"]["source"] in data[side]["sources"]
        assert data[side]["crosscheck"]["method"] == "derived"
    assert data["denominator"]["value"] == 180e15


def test_ratio_h100_over_a100_compares_dense_with_dense(cli):
    data = cli.json("ratio", "H100", "A100", "compute", "--precision", "bf16", "--format", "json")
    assert data["ratio"] == pytest.approx(989.4 / 312)
    h100 = data["numerator"]
    assert h100["qualifiers"]["sparsity"] == "dense"
    # NVIDIA's page prints only the sparse 1,979: the dense value comes from a dense source or the rule
    assert h100["statement"]["source"] == "h100-whitepaper-via-notes" or h100["method"] == "rule"
    table = cli.out("ratio", "H100", "A100", "compute", "-p", "bf16")
    assert table.startswith("H100 SXM5 80GB / A100 SXM4 80GB, compute bf16 dense matrix: 3.171x")


def test_ratio_fp8_fails_because_the_a100_has_no_fp8(cli):
    result = cli("ratio", "H100", "A100", "compute", "--precision", "fp8")
    assert result.exit_code == 1
    assert "A100 SXM4 80GB has no fp8 dense matrix compute (not applicable: source" in result.stderr


def test_ratio_without_precision_lists_what_both_have(cli):
    result = cli("ratio", "H100", "A100", "compute")
    assert result.exit_code == 2
    assert "compute needs a precision; H100 SXM5 80GB and A100 SXM4 80GB have: fp64, fp32, tf32, bf16, fp16, int8 (option --precision)" in result.stderr


def test_ratio_sparse_uses_the_rule_where_only_dense_is_stated(cli):
    data = cli.json("ratio", "H20", "A100", "compute", "-p", "bf16", "-s", "sparse", "-f", "json")
    h20 = data["numerator"]
    assert h20["method"] == "rule" and h20["rule"]["key"] == "nvidia-2to4-sparse"
    assert h20["value"] == 296e12


def test_trace_tree_shows_the_cross_check_for_both_systems(cli):
    for system in ("GB200 NVL72", "CloudMatrix 384"):
        out = cli.out("trace", system, "memory_capacity")
        assert "cross-check: derived from components" in out, out
        assert "count from" in out
    out = cli.out("trace", "CM384", "compute", "-p", "bf16")
    assert "384 x Ascend 910C" in out and "192 x Kunpeng 920: no compute statements, not counted" in out


def test_trace_prefer_derived_and_source(cli):
    derived = cli.json("trace", "NVL72", "memory_capacity", "--prefer", "derived", "-f", "json")
    assert derived["method"] == "derived" and derived["crosscheck"]["method"] == "stated"
    semi = cli.json("trace", "NVL72", "memory_capacity", "--source", "semianalysis-cm384-revised", "-f", "json")
    assert semi["value"] == 13.8e12 and semi["statement"]["source"] == "semianalysis-cm384-revised"
    bad = cli("trace", "NVL72", "memory_capacity", "--source", "nosuch")
    assert bad.exit_code == 1 and "no source 'nosuch'" in bad.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_trace_in_every_format(cli, fmt):
    result = cli("trace", "GB200 NVL72", "compute", "-p", "bf16", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        frame = pd.read_csv(io.StringIO(result.stdout))
        assert not frame.isna().any().any()
        assert set(frame["role"]) >= {"result", "component", "crosscheck"}
    elif fmt == "json":
        data = json.loads(result.stdout)
        assert {"value", "unit", "method", "statement", "sources"} <= set(data)
    elif fmt == "markdown":
        assert result.stdout.startswith("| depth")
        assert "| 180 PFLOP/s " in result.stdout and "1.8e+17" not in result.stdout
    else:
        assert result.stdout.startswith("GB200 NVL72: compute bf16 dense matrix = 180 PFLOP/s (stated)")
        assert "36 x GB200 Grace Blackwell Superchip" in result.stdout


def test_derived_metrics_resolve_with_a_trace(cli):
    data = cli.json("trace", "H100", "ridge_point", "-p", "bf16", "-f", "json")
    assert data["value"] == pytest.approx(989.4e12 / 3.35e12)
    assert data["unit"] == "FLOP/B" and [i["metric"] for i in data["inputs"]] == ["compute", "memory_bandwidth"]
    per_watt = cli.json("ratio", "H100", "A100", "compute_per_watt", "-p", "bf16", "-f", "json")
    assert per_watt["ratio"] == pytest.approx((989.4e12 / 700) / (312e12 / 400))


def test_compare_csv_to_file_with_ratio_columns_against_h20(cli, tmp_path):
    target = tmp_path / "out.csv"
    result = cli("compare", "H20", "A100", "H100", "--format", "csv", "-o", str(target))
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(target)
    assert not frame.isna().any().any()
    assert {"a100-sxm4-80gb_vs_h20", "h100-sxm5-80gb_vs_h20"} <= set(frame.columns)
    bf16 = frame[(frame.metric == "compute") & (frame.precision == "bf16")].iloc[0]
    assert bf16["h20"] == 148e12 and bf16["h100-sxm5-80gb_vs_h20"] == pytest.approx(989.4 / 148)
    assert bf16["sparsity"] == "dense"


def test_compare_shows_cross_checks_for_systems(cli):
    out = cli.out("compare", "CM384", "NVL72", "-m", "memory_capacity", "-m", "compute", "-p", "bf16")
    assert out.count("cross-check derived") >= 2
    data = cli.json("compare", "CM384", "NVL72", "-m", "memory_capacity", "-f", "json")
    assert data["rows"][0]["values"]["gb200-nvl72"]["crosscheck"]["difference_percent"] == pytest.approx(
        (36 * 372e9 - 13.4e12) / 13.4e12 * 100)


def test_compare_baseline_and_errors(cli):
    data = cli.json("compare", "H20", "H100", "-m", "memory_bandwidth", "--baseline", "H100", "-f", "json")
    assert data["baseline"] == "h100-sxm5-80gb" and data["rows"][0]["ratios"]["h20"] == pytest.approx(4.0 / 3.35)
    assert cli("compare", "H20").exit_code == 2
    assert cli("compare", "H20", "H100", "--baseline", "A100").exit_code == 2
    missing = cli("compare", "H100", "A100", "-m", "compute", "-p", "fp8")
    assert missing.exit_code == 1 and "A100 SXM4 80GB has no fp8" in missing.stderr


def test_csv_cells_that_look_like_formulas_are_neutralised_numbers_never(db_url, tmp_path):
    pkg = tmp_path / "evil"
    pkg.mkdir()
    (pkg / "sources.csv").write_text(
        'key,title,publisher,url,published,retrieved,kind,note\n'
        'evil-src,"=HYPERLINK(""http://attacker.example"",""click"")",+cmd,https://example.com,2025-01-01,2026-01-01,press,@note\n')
    (pkg / "devices.csv").write_text('slug,name,vendor,kind,family,released,note\n'
                                     'evil,"-2+3",nvidia,accelerator,"=1+1",2025,\n')
    (pkg / "statements.csv").write_text(
        'device,metric,precision,sparsity,engine,direction,value,unit,status,source,locator,rank,reason,note\n'
        'evil,memory_capacity,,,,,80,GB,published,evil-src,"=cmd|\' /C calc\'!A0",preferred,,\n')
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        load_package(s, read_package(pkg), "test")
    engine.dispose()
    from ..conftest import Cli

    cli = Cli(db_url)
    sources = pd.read_csv(io.StringIO(cli.out("sources", "-f", "csv")))
    row = sources[sources.key == "evil-src"].iloc[0]
    assert row["title"].startswith("'=HYPERLINK") and row["publisher"] == "'+cmd"
    devices = pd.read_csv(io.StringIO(cli.out("list", "-f", "csv")))
    evil = devices[devices.slug == "evil"].iloc[0]
    assert evil["name"] == "'-2+3" and evil["family"] == "'=1+1"
    shown = pd.read_csv(io.StringIO(cli.out("show", "evil", "-f", "csv")))
    assert shown.iloc[0]["locator"].startswith("'=cmd") and shown.iloc[0]["value"] == 80e9


def test_as_of_takes_whole_dates_and_reads_partial_ones_as_the_end_of_the_period(cli):
    assert cli("ratio", "CM384", "NVL72", "memory_capacity", "--as-of", "2025-13").exit_code == 2
    assert cli("ratio", "CM384", "NVL72", "memory_capacity", "--as-of", "2025-02-30").exit_code == 2
    early = cli("ratio", "CM384", "NVL72", "memory_capacity", "--as-of", "2024")
    assert early.exit_code == 1 and "published on or before 2024-12-31" in early.stderr
    april = cli.json("ratio", "CM384", "NVL72", "memory_capacity", "--as-of", "2025-04", "-f", "json")

    def statements(node):
        if "statement" in node:
            yield node["statement"]
        for part in node.get("components", []):
            yield from statements(part["per_part"])

    used = [s for side in ("numerator", "denominator") for s in statements(april[side])]
    assert used and all(s["published"] and s["published"] <= "2025-04-31" for s in used), used
