"""Device strings as runtimes report them: the whole corpus (tests/data/runtime_strings.csv, each
string with where it was seen), ambiguity, no fallback, and runtime devices that are part of a chip."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import chipdb

CORPUS = list(csv.DictReader(open(Path(__file__).parent / "data" / "runtime_strings.csv", encoding="utf-8")))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One seeded SQLite file for the corpus (the engines are compared elsewhere)."""
    return chipdb.Database(tmp_path_factory.mktemp("rt") / "chipdb.sqlite")


def test_the_corpus_is_large_and_every_string_says_where_it_was_seen():
    assert len(CORPUS) >= 40 and all(r["seen_at"] and r["runtime"] for r in CORPUS)


@pytest.mark.parametrize("row", CORPUS, ids=lambda r: f"{r['string']} ({r['runtime'][:20]})")
def test_each_corpus_string(seeded, row):
    expected = row["expected"]
    if expected == "unknown":  # a device chipdb lacks: an error with the closest names, never another chip
        with pytest.raises(chipdb.NotFound, match="no device"):
            seeded.identify(row["string"])
    elif expected.startswith("ambiguous:"):
        with pytest.raises(chipdb.Ambiguous) as err:
            seeded.identify(row["string"])
        assert set(err.value.candidates) == set(expected.split(":", 1)[1].split(";"))
        assert "memory capacity" in str(err.value) and "How to decide" in str(err.value)
    else:
        assert seeded.identify(row["string"]).device == expected


def test_the_issue_examples(seeded):
    p = seeded.peak("NVIDIA H100 80GB HBM3", precision="bf16")
    assert p.value == pytest.approx(989.4e12) and p.sources
    assert seeded.peak("NVIDIA A100-SXM4-80GB", precision="bf16").device == "a100-sxm4-80gb"
    assert seeded.peak("NVIDIA H100 PCIe", precision="bf16").device == "h100-pcie-80gb"
    assert seeded.peak("NVIDIA B300 SXM6 AC", precision="fp8").device == "b300-hgx"
    assert seeded.peak("TPU v5 lite", precision="bf16").device == "tpu-v5e"
    for name in ("gfx942", "AMD Radeon Graphics", "NVIDIA H100"):
        with pytest.raises(chipdb.Ambiguous):
            seeded.peak(name, precision="bf16")


def test_a_runtime_device_that_is_part_of_a_chip_gets_its_share_with_the_rule(seeded):
    chip = seeded.peak("tpu-v7", precision="bf16")
    core = seeded.peak("TPU7x", precision="bf16")
    assert core.value == pytest.approx(chip.value / 2)
    assert core.qualifiers.scope == "runtime device" and core.qualifiers.per_chip == 2
    assert core.lineage.rule and "1 of 2 per chip" in core.lineage.rule and core.lineage.source is not None
    assert core.lineage.children[0].value == chip.value
    with pytest.raises(chipdb.ChipDBError):
        seeded.peak("TPU7x", "compute_per_watt", precision="bf16")


def test_the_cli_takes_runtime_strings_everywhere(cli):
    result = cli("trace", "NVIDIA H100 80GB HBM3", "compute", "-p", "bf16")
    assert result.exit_code == 0 and "989.4 TFLOP/s" in result.output
    result = cli("identify", "AMD Instinct MI300X", "gfx942")
    assert result.exit_code == 1 and "amd-mi300x" in result.output and "amd-mi325x" in result.output
    result = cli("show", "NVIDIA L4")
    assert result.exit_code == 1 and "did you mean" in result.output and "Traceback" not in result.output


def test_a_string_that_reads_as_another_devices_alias_is_refused(cli, tmp_path):
    (tmp_path / "device_strings.csv").write_text(
        "string,device,runtime,seen_at\nH-100,a100-sxm4-80gb,nvidia-smi,https://example.com/x\n", encoding="utf-8")
    result = cli("import", str(tmp_path))
    assert result.exit_code == 1 and "already names device h100-sxm5-80gb" in result.output
