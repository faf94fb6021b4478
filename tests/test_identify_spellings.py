"""Identification beyond the recorded strings: every row of seeds/device_strings.csv resolves to
its devices, unseen spellings resolve by their reading (maker words, form factor, memory size and
type, gfx feature flags), lookalikes never become one another, and unknown strings are errors
that name the alternatives."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

import chipdb
from chipdb.domain import spelling
from chipdb.domain.vocab import normalize_name

SEEDED = list(csv.DictReader(open(Path(__file__).parents[1] / "seeds" / "device_strings.csv", encoding="utf-8")))
BY_KEY: dict[str, set[str]] = defaultdict(set)
for _row in SEEDED:
    BY_KEY[normalize_name(_row["string"])].add(_row["device"])


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return chipdb.Database(tmp_path_factory.mktemp("spell") / "chipdb.sqlite")


def test_the_seeded_corpus_is_broad():
    devices = {r["device"] for r in SEEDED}
    assert len(SEEDED) >= 80 and len(devices) >= 40
    assert all(r["seen_at"] and r["runtime"] for r in SEEDED)


@pytest.mark.parametrize("row", SEEDED, ids=lambda r: f"{r['string']}->{r['device']}")
def test_every_seeded_string_resolves_to_its_devices(seeded, row):
    devices = BY_KEY[normalize_name(row["string"])]
    if len(devices) == 1:
        ident = seeded.identify(row["string"])
        assert ident.device == row["device"]
        assert ident.runtime is not None and ident.runtime.per_chip == int(row["per_chip"] or 1)
    else:
        with pytest.raises(chipdb.Ambiguous) as err:
            seeded.identify(row["string"])
        assert set(err.value.candidates) == devices and "How to decide" in str(err.value)


# Spellings no row records: each must read as the right device, or be an error naming the
# candidates (ambiguous) or the alternatives (unknown), never another device.
SPELLINGS = [
    ("NVIDIA L40S", "l40s"), ("NVIDIA L40", "l40"), ("NVIDIA L4", "l4"), ("nvidia l40s 48gb", "l40s"),
    ("NVIDIA A100 SXM4 80 GB", "a100-sxm4-80gb"), ("NVIDIA A100-SXM-80GB", "a100-sxm4-80gb"),
    ("A100-PCIE-80GB", "a100-pcie-80gb"),
    ("NVIDIA H100 SXM5 80GB", "h100-sxm5-80gb"), ("H100 80GB HBM3", "h100-sxm5-80gb"),
    ("NVIDIA H100 80GB", {"h100-pcie-80gb", "h100-sxm5-80gb"}),
    ("Tesla V100 SXM2 32 GB", "v100-sxm2-32gb"), ("NVIDIA Tesla V100-PCIE-16GB", "v100-pcie-16gb"),
    ("NVIDIA Tesla V100", {"v100-pcie-16gb", "v100-pcie-32gb", "v100-sxm2-16gb", "v100-sxm2-32gb"}),
    ("NVIDIA H200 141GB", {"h200-nvl-141gb", "h200-sxm-141gb"}), ("NVIDIA H20 96GB", "h20"),
    ("NVIDIA H20 141GB", "h20-141gb"), ("NVIDIA GH200 144G HBM3e", "gh200-144gb"),
    ("AMD Instinct MI300X OAM", "amd-mi300x"), ("AMD Instinct MI325X VF", "amd-mi325x"),
    ("AMD INSTINCT MI300A", "amd-mi300a"),
    ("gfx942:sramecc-:xnack+", {"amd-mi300a", "amd-mi300x", "amd-mi325x"}),
    ("gfx950:sramecc+:xnack-", {"amd-mi350x", "amd-mi355x"}), ("gfx90a:xnack+", {"amd-mi210", "amd-mi250", "amd-mi250x"}),
    ("AMD Instinct MI250X / MI250", {"amd-mi250", "amd-mi250x"}),
    ("Cloud TPU v5 lite", "tpu-v5e"), ("Intel(R) Gaudi(R) 2", "intel-gaudi2"),
    ("NVIDIA A100 SXM4 40 GB", "a100-sxm4-40gb"), ("A100-PCIE-40GB", "a100-pcie-40gb"),
    ("NVIDIA A100 40GB", {"a100-pcie-40gb", "a100-sxm4-40gb"}),
    ("AMD INSTINCT MI210", "amd-mi210"), ("AMD Instinct™ MI300X", "amd-mi300x"), ("Intel® Gaudi® 3", "intel-gaudi3-hl325l"),
]
UNKNOWN = [  # (string, what the error must name)
    ("NVIDIA A800-SXM4-40GB", "a800-sxm4-80gb"),
    ("Tesla V100-SXM3-32GB", "v100-sxm2-32gb"), ("Tesla V100S-PCIE-32GB", "V100"),
    ("NVIDIA H100 96GB HBM3", "h100-nvl-94gb"), ("NVIDIA H800 PCIe", "h800-sxm5-80gb"),
    ("NVIDIA A800 80GB PCIe", "a800-sxm4-80gb"), ("NVIDIA L4 48GB", "l4"),
    ("AMD Instinct MI300", "MI300"), ("AMD Instinct MI60 / MI50", "did you mean"),
    ("gfx908", "gfx9"), ("TPU v4 lite", "did you mean TPU v4"), ("NVIDIA GeForce RTX 4090", "did you mean"),
    ("NVIDIA RTX A6000", "did you mean"), ("NVIDIA RTX 6000", "did you mean RTX 6000 Ada Generation"), ("GAUDI", "Gaudi"),
]


@pytest.mark.parametrize(("string", "expected"), SPELLINGS, ids=[s for s, _ in SPELLINGS])
def test_an_unseen_spelling_reads_as_its_device(seeded, string, expected):
    if isinstance(expected, str):
        assert seeded.identify(string).device == expected
    else:
        with pytest.raises(chipdb.Ambiguous) as err:
            seeded.identify(string)
        assert set(err.value.candidates) == expected
        assert "memory capacity" in str(err.value) and "How to decide" in str(err.value)


@pytest.mark.parametrize(("string", "named"), UNKNOWN, ids=[s for s, _ in UNKNOWN])
def test_a_device_chipdb_lacks_is_an_error_naming_the_alternatives(seeded, string, named):
    with pytest.raises(chipdb.NotFound) as err:
        seeded.identify(string)
    assert str(err.value).startswith(f"no device {string!r}") and named in str(err.value)


def test_a_stated_fact_that_rules_a_variant_out_is_named(seeded):
    with pytest.raises(chipdb.NotFound) as err:
        seeded.identify("NVIDIA A800-SXM4-40GB")
    assert "A800 SXM4 80GB (a800-sxm4-80gb) is not 40 GB (it has 80 GB)" in str(err.value)
    with pytest.raises(chipdb.NotFound) as err:
        seeded.identify("NVIDIA A800 80GB PCIe")
    assert "A800 SXM4 80GB (a800-sxm4-80gb) is not form factor PCIe (it is SXM, SXM4)" in str(err.value)


def test_a_spelling_of_a_part_of_a_chip_keeps_its_share(seeded):
    ident = seeded.identify("Intel(R) Gaudi(R) 2")
    assert ident.runtime is not None and ident.runtime.string == "GAUDI2"
    core = seeded.peak("TPU v3", precision="bf16")
    assert core.qualifiers.per_chip == 2 and core.value == pytest.approx(seeded.peak("tpu-v3", precision="bf16").value / 2)


def test_the_cli_says_how_a_spelling_was_read_and_exits_1_on_unknown(cli):
    result = cli("identify", "NVIDIA H100 SXM5 80GB", "Tesla V100-SXM2-16GB")
    assert result.exit_code == 0, result.output
    assert "h100-sxm5-80gb" in result.output and "spelling of" in result.output and "v100-sxm2-16gb" in result.output
    result = cli("identify", "NVIDIA A800-SXM4-40GB")
    assert result.exit_code == 1 and "a800-sxm4-80gb" in result.output and "40 GB" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("text", "words", "forms", "memory", "types"), [
    ("NVIDIA A100-SXM4-80GB", ("a100",), {"SXM4"}, (80.0,), set()),
    ("NVIDIA H100 80 GB HBM3", ("h100",), set(), (80.0,), {"hbm3"}),
    ("Tesla V100-PCIE-16GB", ("v100",), {"PCIe"}, (16.0,), set()),
    ("gfx942:sramecc+:xnack-", ("gfx942",), set(), (), set()),
    ("TPU v5 lite", ("tpu", "v5e"), set(), (), set()),
    ("AMD Instinct MI300X VF", ("mi300x",), set(), (), set()),
    ("NVIDIA GH200 144G HBM3e", ("gh200",), set(), (144.0,), {"hbm3e"}),
    ("NVIDIA RTX 6000 Ada Generation", ("rtx", "6000", "ada"), set(), (), set()),
])
def test_reading_a_spelling(text, words, forms, memory, types):
    r = spelling.read(text)
    assert (r.words, set(r.forms), r.memory_gb, set(r.memory_types)) == (words, forms, memory, types)


def test_facts_agree_by_family_generation_and_size():
    assert spelling.forms_agree(frozenset({"SXM"}), {"SXM2"})
    assert spelling.forms_agree(frozenset({"SXM6"}), {"SXM", "HGX"})
    assert not spelling.forms_agree(frozenset({"SXM3"}), {"SXM2"})
    assert not spelling.forms_agree(frozenset({"PCIe"}), {"SXM5"})
    assert spelling.memory_agrees(128, {137.4}) and spelling.memory_agrees(80, {80.0})
    assert not spelling.memory_agrees(96, {94.0}) and not spelling.memory_agrees(40, {80.0})
    assert spelling.alternatives("AMD Instinct MI250X/MI250") == ["AMD Instinct MI250X", "MI250"]
    assert spelling.read("B300 (GB300)", device_name=True).model == "b300"


def test_a_mig_instance_is_its_whole_gpu_with_a_note(seeded):
    got = seeded.identify("NVIDIA H100 80GB HBM3 MIG 1g.10gb")  # torch.cuda.get_device_name() on a MIG slice
    assert got.device == "h100-sxm5-80gb" and "a MIG instance (1g.10gb)" in got.runtime.note
    assert seeded.identify("NVIDIA A100-SXM4-80GB MIG 3g.40gb").device == "a100-sxm4-80gb"
    assert seeded.identify("NVIDIA A100-SXM4-40GB MIG 1g.5gb").device == "a100-sxm4-40gb"
    with pytest.raises(chipdb.NotFound):  # a slice of a GPU chipdb lacks is still unknown
        seeded.identify("NVIDIA A800-SXM4-40GB MIG 1g.5gb")
