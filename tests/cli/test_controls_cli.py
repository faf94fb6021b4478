"""chipdb controls and trace tpp/pd on the seeded data, on every engine: the issue's acceptance checks."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from chipdb.domain import vocab
from chipdb.domain.units import to_canonical

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DIE_AREAS = Path(__file__).resolve().parents[1] / "data" / "controls"
FR_ADDRESSES = ("https://www.govinfo.gov/content/pkg/FR-", "https://www.federalregister.gov/documents/")


def _expected_tpp(slug: str) -> float:
    """Rate x bit length from the seeds' preferred dense matrix statements, read here independently."""
    best = 0.0
    with open(SEEDS / "statements.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if (row["device"], row["metric"], row["sparsity"], row["engine"], row["rank"]) == (
                    slug, "compute", "dense", "matrix", "preferred") and row["status"] == "published":
                rate = to_canonical(row["value"], row["unit"], "compute") / 1e12
                best = max(best, rate * vocab.BIT_LENGTHS[row["precision"]])
    return best


def _json(cli, *args):
    result = cli("controls", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return {d["device"]: d for d in json.loads(result.stdout)}


def test_tpp_is_rate_times_bit_length_from_the_preferred_dense_statements(cli):
    data = _json(cli, "H100", "A100", "H20", "--as-of", "2024-06-01")
    for slug, figure in (("h100-sxm5-80gb", 1979 * 8), ("a100-sxm4-80gb", 4992), ("h20", 296 * 8)):
        assert data[slug]["tpp"] == pytest.approx(_expected_tpp(slug), rel=0.01)
        assert data[slug]["tpp"] == pytest.approx(figure, rel=0.001)
        tpp = data[slug]["lineage"]["tpp"]
        assert tpp["method"] == "computed" and tpp["inputs"]
        assert all(i["qualifiers"]["sparsity"] == "dense" and i["metric"] == "compute" for i in tpp["inputs"])
    precisions = {i["qualifiers"]["precision"] for i in data["h100-sxm5-80gb"]["lineage"]["tpp"]["inputs"]}
    assert "fp8" in precisions


def test_h100_and_a100_meet_3a090a_in_2024_and_the_h20_does_not(cli):
    data = _json(cli, "H100", "A100", "H20", "--as-of", "2024-06-01")
    for slug in ("h100-sxm5-80gb", "a100-sxm4-80gb"):
        assert data[slug]["paragraph"] == "3A090.a" and "3A090.a.1" in data[slug]["met_by"]
        assert data[slug]["rule"]["key"] == "bis-2023-10"
        assert data[slug]["rule"]["source"]["url"].startswith(FR_ADDRESSES)
    h20 = data["h20"]
    assert h20["paragraph"] is None and h20["pd"] is None
    assert h20["not_checkable"]["pd"] == "PD not checkable: no die area"
    a1 = next(c for p in h20["paragraphs"] for c in p["clauses"] if c["clause"] == "3A090.a.1")
    assert a1["met"] is False
    margin = next(m for m in h20["margins"] if m["parameter"] == "tpp" and m["line"] == 4800)
    assert margin["percent_of_line"] == pytest.approx(49.33, abs=0.01)
    assert margin["text"] == "TPP 2,368 is 49.3% of the 4,800 line"
    assert "not legal advice" in h20["disclaimer"]
    assert h20["events"] == []  # the April 2025 letter came after the date asked about


def test_the_h20_entry_shows_the_april_2025_licence_requirement_with_its_source(cli):
    h20 = _json(cli, "H20", "--as-of", "2025-06-30")["h20"]
    letter = next(e for e in h20["events"] if e["date"] == "2025-04-09")
    assert letter["source"]["key"] == "nvidia-8k-2025-04-15" and letter["source"]["kind"] == "filing"
    assert letter["source"]["url"].startswith("https://www.sec.gov/Archives/edgar/")
    assert "H20's memory bandwidth, interconnect bandwidth" in letter["locator"]
    table = cli.out("controls", "H20", "--as-of", "2025-06-30")
    assert "event 2025-04-09: USG informed NVIDIA that a licence is required" in table
    assert "margin: TPP 2,368 is 49.3% of the 4,800 line" in table
    assert "not legal advice" in table


def test_as_of_2023_applies_the_2022_parameters_and_says_so(cli):
    data = _json(cli, "H100", "A100", "--as-of", "2023-01-01")
    for view in data.values():
        assert view["rules_in_force"] == ["bis-2022-10"]
        assert view["rule"]["key"] == "bis-2022-10" and view["rule"]["effective"] == "2022-10-07"
        assert view["paragraph"] == "3A090.a" and view["met_by"][0] == "3A090.a.1"
        assert "bidirectional scale-up" in view["io_rate_note"]
    assert data["a100-sxm4-80gb"]["io_rate"] == 600e9  # exactly on the 600 Gbyte/s line
    lines = [line for p in data["h100-sxm5-80gb"]["paragraphs"] for c in p["clauses"] for line in c["lines"]]
    assert {line["parameter"] for line in lines} >= {"io_rate", "bitlen_x_tops"}
    table = cli.out("controls", "A100", "--as-of", "2023-01-01")
    assert "Rules in force on 2023-01-01: bis-2022-10 (effective 2022-10-07, source bis-fr-2022-21658" in table


def test_every_threshold_shown_traces_to_a_federal_register_document(cli):
    for as_of in ("2023-01-01", "2024-06-01", "2025-06-30"):
        for view in _json(cli, "H100", "A100", "H20", "--as-of", as_of).values():
            for p in view["paragraphs"]:
                for c in p["clauses"]:
                    for line in c["lines"]:
                        assert line["url"].startswith(FR_ADDRESSES), line
                        assert line["locator"] and line["source"].startswith("bis-fr-")


def test_with_die_areas_pd_is_computed_and_the_a100_also_meets_a2(cli):
    """The seeds hold GH100's and GA100's die areas (one compute die each), with sources."""
    data = _json(cli, "H100", "A100", "H20", "--as-of", "2024-06-01")
    assert data["h100-sxm5-80gb"]["pd"] == pytest.approx(1979 * 8 / 814)
    assert data["a100-sxm4-80gb"]["pd"] == pytest.approx(4992 / 826)
    assert data["a100-sxm4-80gb"]["met_by"] == ["3A090.a.1", "3A090.a.2"]
    pd = data["a100-sxm4-80gb"]["lineage"]["pd"]
    assert [i["metric"] for i in pd["inputs"]] == ["tpp", "die_area", "compute_dies"]
    assert pd["inputs"][1]["statement"]["source"] and pd["inputs"][1]["statement"]["locator"]
    assert not any("one compute die assumed" in n for n in pd["notes"])  # compute_dies is stated
    assert data["h20"]["pd"] is None  # still no die area: never a guess


def test_a_system_is_classified_through_its_accelerators(cli):
    nvl72 = _json(cli, "GB200 NVL72", "--as-of", "2024-06-01")["gb200-nvl72"]
    assert nvl72["tpp"] is None and nvl72["via"] == "b200-gb200" and nvl72["paragraph"] == "3A090.a"
    assert [p["device"] for p in nvl72["parts"]] == ["b200-gb200"]


def test_csv_has_one_row_per_device_and_no_empty_cells(cli):
    rows = list(csv.DictReader(cli.out("controls", "H100", "H20", "--as-of", "2024-06-01", "--format", "csv").splitlines()))
    assert [r["device"] for r in rows] == ["h100-sxm5-80gb", "h20"]
    assert rows[1]["paragraph"] == "none" and rows[1]["pd"] == "none" and float(rows[0]["tpp"]) == 15832
    assert all(v != "" for r in rows for v in r.values())


def test_trace_tpp_shows_the_precision_and_statements_that_decided_it(cli):
    result = cli("trace", "H100", "tpp", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["metric"] == "tpp" and data["value"] == pytest.approx(15832)
    assert data["inputs"][0]["qualifiers"]["precision"] == "fp8" and data["inputs"][0]["statement"]["source"]
    tree = cli.out("trace", "H20", "tpp")
    assert tree.startswith("H20: tpp = 2,368 (computed)") and "fp8 296 TFLOPS x 8" in tree


def test_trace_pd_without_die_area_is_not_checkable(cli):
    result = cli("trace", "H20", "pd")
    assert result.exit_code == 1 and "H20: PD not checkable: no die area" in result.stderr


def test_trace_tpp_takes_no_precision_and_a_system_has_none(cli):
    result = cli("trace", "H100", "tpp", "-p", "fp8")
    assert result.exit_code == 2 and "tpp takes no --precision" in result.stderr
    result = cli("trace", "GB200 NVL72", "tpp")
    assert result.exit_code == 2 and "chipdb controls gb200-nvl72" in result.stderr


def test_bad_as_of_and_unknown_device_are_errors(cli):
    result = cli("controls", "H100", "--as-of", "2024-13-01")
    assert result.exit_code == 2 and "--as-of" in result.stderr
    result = cli("controls", "H1000")
    assert result.exit_code == 1 and "no device" in result.stderr


def test_check_reads_a_threshold_claim_and_cites_the_rule_line(cli):
    result = cli("check", "the H20's TPP is below the 4,800 line", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["verdict"] == "holds" and data["computed"] == pytest.approx(2368)
    assert any(x["line"] == "3A090.a.1: TPP >= 4800" and x["url"].startswith(FR_ADDRESSES) for x in data["rule_lines"])
    wrong = cli("check", "H20's TPP is above the 2,400 line", "--strict")
    assert wrong.exit_code == 3 and "computed 2,368: does not hold" in wrong.stdout
    unknown = cli.out("check", "H20's PD is below 5.92")
    assert "not checkable" in unknown and "no die area" in unknown
