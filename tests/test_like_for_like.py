"""Issue 20: memory capacity in one convention, audit findings that the data explains, one
release date everywhere, and README figures taken from the data."""

from __future__ import annotations

import re
from pathlib import Path

from chipdb.domain.capacity import counted

from .conftest import Cli

README = Path(__file__).resolve().parent.parent / "README.md"


def test_binary_and_decimal_capacities_count_nominally():
    assert counted(192 * 2**30, "192 GiB") == (192e9, "192 GiB counted as 192 GB (rule nominal-capacity)")
    assert counted(80e9, "80 GB")[0] == 80e9
    physical, why = counted(34.4e9, "34400000000 B", "convention: physical")
    assert abs(physical - 32.04e9) < 0.01e9 and "physical byte count" in why


def test_amds_memory_ratio_is_2_4x_with_the_convention_in_the_lineage(db_url):
    cli = Cli(db_url)
    result = cli("ratio", "MI300X", "H100", "memory_capacity")
    assert result.exit_code == 0, result.output
    assert "memory_capacity: 2.400x (192 GB / 80 GB)" in result.stdout
    assert "192 GiB counted as 192 GB (rule nominal-capacity)" in result.stdout
    assert "80 GB counted as printed (rule nominal-capacity)" in result.stdout
    check = cli("check", "MI300X has 2.4x the memory capacity of H100")
    assert check.exit_code == 0 and "holds" in check.stdout, check.output


def _capacities(tmp_path, note: str) -> Path:
    pkg = tmp_path / "p"
    pkg.mkdir(exist_ok=True)
    (pkg / "devices.csv").write_text("slug,name,vendor,kind,family,released,note\n"
                                     "test-card,Test Card,amd,accelerator,,,\n", encoding="utf-8")
    (pkg / "statements.csv").write_text(
        "device,metric,precision,sparsity,engine,direction,value,unit,status,source,locator,rank,reason,note\n"
        f"test-card,memory_capacity,,,,,137.4,GB,published,amd-rocm-gpu-arch-specs-2025-03,row 1,preferred,test,{note}\n"
        "test-card,memory_capacity,,,,,128,GiB,published,tomshardware-h20-l20-l2-2024,row 2,normal,,\n",
        encoding="utf-8")
    return pkg


def test_a_preferred_physical_byte_count_is_an_error_finding(cli, tmp_path):
    assert cli("import", str(_capacities(tmp_path, ""))).exit_code == 0
    rows = [f for f in cli.json("audit", "-f", "json") if f["check"] == "convention-mix"]
    assert [(f["device"], f["grade"], f["status"]) for f in rows] == [("test-card", "error", "open")]
    assert "137.4 GB" in rows[0]["finding"] and "would mix conventions" in rows[0]["finding"]
    # marked as what it is, it counts as 128 GB and nothing mixes
    assert cli("import", str(_capacities(tmp_path, "convention: physical"))).exit_code == 0
    rows = cli.json("audit", "-f", "json")
    assert not [f for f in rows if f["check"] in ("convention-mix", "unresolved-conflict")]
    assert "137.4 GB is a physical byte count" in cli.out("trace", "test-card", "memory_capacity")


def test_seeded_audit_has_no_open_finding_and_grades_each(cli):
    rows = cli.json("audit", "-f", "json")
    assert rows and all(f["grade"] in ("error", "warning", "note") for f in rows)
    assert [f for f in rows if f["status"] == "open"] == []
    explained = {(f["device"], f["check"]): f["accepted_because"] for f in rows}
    assert explained[("b300-hgx", "sparsity-ratio")].startswith("explained: nv-blackwell-ultra-datasheet prints both")


def test_one_release_date_in_list_compare_and_show(cli):
    listed = {d["slug"]: d["released"] for d in cli.json("list", "-f", "json")}
    assert listed["h100-sxm5-80gb"] == "2022-03-22 (announced)"
    compared = cli.out("compare", "H100", "A100", "-m", "released", "-m", "announced", "-m", "power", "-f", "json")
    assert "2022-03-22" in compared
    assert cli.out("show", "H100", "-m", "released").count("\n") == 3  # no released statement: header only
    assert listed["a100-sxm4-80gb"] == "2020-11-16"  # a sourced released statement wins


def test_readme_figures_come_from_the_data(cli):
    text = README.read_text(encoding="utf-8")
    devices = cli.json("list", "-f", "json")
    assert f"`chipdb list` the devices ({len(devices)}:" in text
    findings = cli.json("audit", "-f", "json")
    accepted = sum(1 for f in findings if f["status"] == "accepted")
    assert f"pass it with\n{accepted} accepted findings" in text
    claims = cli.json("claims", "list", "-f", "json")
    assert re.search(rf"\b{len(claims)} seeded claims\b", text)
