"""check in the article's language: Chinese claims, qualifier options, and the contradicted verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chipdb.domain.claimspec import Verdict

CM384_BF16 = 300 / 180
SENTENCES = ["华为CloudMatrix 384的算力是英伟达GB200 NVL72的1.7倍",
             "CloudMatrix 384相比GB200 NVL72在總算力上提升了1.7倍"]


def checked(cli, *args):
    result = cli("check", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    (claim,) = json.loads(result.stdout)["claims"]
    return claim


@pytest.mark.parametrize("text", SENTENCES)
def test_the_articles_chinese_sentences_read_1_667(cli, text):
    open_precision = checked(cli, text)  # no precision named: read as dense BF16, every other one beside it
    assert open_precision["metric"] == "compute" and open_precision["verdict"] == "holds"
    assert open_precision["assumptions"] == {"precision": "bf16", "sparsity": "dense"}
    assert any("dense BF16" in note or "article-cm384-compute" in note for note in open_precision["notes"])
    others = {r["reading"] for r in open_precision["readings"] if r["kind"] == "precision"}
    assert others and "bf16 dense" not in others  # the other precisions both sides have, beside it
    data = checked(cli, "-p", "bf16", text)
    assert data["qualifiers"] == "bf16 dense matrix" and data["verdict"] == "holds"
    assert data["computed"] == pytest.approx(CM384_BF16, abs=1e-4)
    assert (data["subject"], data["baseline"]) == ("cloudmatrix-384", "gb200-nvl72")


def test_tisheng_reads_both_ways_and_shi_de_one_way(cli):
    tisheng = checked(cli, "-p", "bf16", SENTENCES[1])
    words = {r["words"]: r["verdict"] for r in tisheng["readings"] if r["kind"] in ("primary", "wording")}
    assert tisheng["wording"] == "zh_tisheng"
    assert words == {"1.7 times as much": "holds", "increased by 1.7 times": "overstated"}
    shi_de = checked(cli, "-p", "bf16", SENTENCES[0])
    assert shi_de["wording"] == "" and not [r for r in shi_de["readings"] if r["kind"] == "wording"]


@pytest.mark.parametrize("text, kind, computed, verdict", [
    ("H20的内存比H100多20%", "percent", 96 / 80, "holds"),
    ("H20的顯存容量比H100高出50%", "percent", 96 / 80, "overstated"),
    ("H20的內存帶寬低于A100", "direction", 4.0 / 2.039, "contradicted"),
    ("H20的BF16算力低于A100", "direction", 148 / 312, "holds"),
])
def test_chinese_percent_and_direction(cli, text, kind, computed, verdict):
    data = checked(cli, text)
    assert data["kind"] == kind and data["verdict"] == verdict
    assert data["computed"] == pytest.approx(computed, rel=1e-3)


def test_unreadable_text_lists_english_and_chinese_forms(cli):
    result = cli("check", "H100很好")
    assert result.exit_code == 2
    assert "A has Nx the [QUALIFIERS] METRIC of B" in result.stderr
    assert "A相比B在METRIC上提升了N倍" in result.stderr and "A的METRIC比B高出N%" in result.stderr


def test_check_takes_qualifiers_sources_and_a_date(cli):
    sparse = checked(cli, "-p", "bf16", "-s", "sparse", SENTENCES[0])
    assert sparse["qualifiers"] == "bf16 sparse matrix" and sparse["verdict"] == "not checkable"
    bad = cli("check", "-p", "bf17", SENTENCES[0])
    assert bad.exit_code == 2 and "precision 'bf17' is not one of" in bad.stderr
    clash = checked(cli, "-p", "fp8", "CloudMatrix 384的BF16算力是GB200 NVL72的1.7倍")
    assert clash["verdict"] == "not checkable" and "the text says bf16 but --precision fp8" in clash["reason"]
    memory = checked(cli, "-p", "bf16", "H20的内存比H100多20%")  # a precision means nothing to memory: ignored
    assert memory["verdict"] == "holds" and any("ignored" in note for note in memory["notes"])
    sourced = checked(cli, "--source", "semianalysis-cm384-revised", "华为CloudMatrix 384的内存是英伟达GB200 NVL72的3.6倍")
    assert sourced["subject_sources"] == "semianalysis-cm384-revised"
    early = checked(cli, "--as-of", "2025-04-18", "华为CloudMatrix 384的内存是英伟达GB200 NVL72的3.6倍")
    assert "semianalysis-cm384-revised" not in early["subject_sources"]
    assert cli("check", "--source", "nope", SENTENCES[0]).exit_code == 1


def test_a_contradicted_direction_claim_says_so_everywhere(cli):
    english = checked(cli, "H20 has less memory bandwidth than A100")
    assert english["verdict"] == "contradicted" and english["computed"] > 1
    review = cli.json("claims", "check", "article-h20-below-a100-memory-capacity", "-f", "jsonld")[0]
    assert review["reviewRating"]["alternateName"] == "contradicted"
    assert cli("check", "--strict", "H20的內存帶寬低于A100").exit_code == 3


def test_every_verdict_is_in_the_help_and_the_readme():
    from typer.testing import CliRunner

    from chipdb.cli.app import load_commands

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    help_text = " ".join(CliRunner().invoke(load_commands(), ["claims", "check", "--help"]).output.split())
    for verdict in Verdict:
        assert f"`{verdict}`" in readme and verdict in help_text


def test_only_half_after_a_frame_and_computing_speed(cli):
    for text in ("与H100相比，H800的计算速度只有一半。", "“與H100相比，H800的計算速度只有一半”。"):
        result = cli("check", text, "-f", "json")
        assert result.exit_code == 0, result.output
        (claim,) = json.loads(result.stdout)["claims"]
        assert (claim["subject"], claim["baseline"], claim["metric"], claim["stated"]) == (
            "h800-sxm5-80gb", "h100-sxm5-80gb", "compute", 0.5), text
