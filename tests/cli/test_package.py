"""import, export, history and audit: bad input changes nothing, round trips are byte-identical,
every audit check fires on planted data, re-imports keep history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from chipdb.store.db import make_engine

from ..conftest import SEEDS, Cli, table_checksums

STATEMENT_HEADER = "device,metric,precision,sparsity,engine,direction,value,unit,status,source,locator,rank,reason,note\n"


def write(directory: Path, files: dict[str, str | bytes]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        path = directory / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return directory


def statement(line: str) -> dict[str, str]:
    return {"statements.csv": STATEMENT_HEADER + line + "\n"}


GOOD = "h20,power,,,,,500,W,published,lmsys-sglang-ant-group-h20-2025-09,test locator,normal,,"
BAD_INPUTS = {
    "malformed CSV": ({"statements.csv": STATEMENT_HEADER + 'h20,power,,,,,"500,W\n'}, "statements.csv:2", "malformed CSV"),
    "non-UTF-8": ({"statements.csv": (STATEMENT_HEADER + GOOD.replace("test", "t\xe9st") + "\n").encode("latin-1")},
                  "statements.csv:2", "is not UTF-8"),
    "unknown column": ({"statements.csv": STATEMENT_HEADER.replace("note", "notes") + GOOD + "\n"},
                       "statements.csv:1: column notes", "unknown column"),
    "missing required field": (statement(GOOD.replace("test locator", "")), "statements.csv:2: column locator",
                               "required value is empty"),
    "unknown device": (statement(GOOD.replace("h20,", "h2000,", 1)), "statements.csv:2: column device", "unknown device 'h2000'"),
    "unknown metric": (statement(GOOD.replace("power", "watts", 1)), "statements.csv:2: column metric", "unknown metric 'watts'"),
    "unknown source": (statement(GOOD.replace("lmsys-sglang-ant-group-h20-2025-09", "nope")), "statements.csv:2: column source",
                       "unknown source 'nope'"),
    "unknown precision": (statement("h20,compute,fp7,dense,matrix,,1,TFLOPS,published,tweaktown-h20-mass-production-2024,x,normal,,"),
                          "statements.csv:2: column precision", "'fp7' is not one of"),
    "wrong dimension": (statement(GOOD.replace(",W,", ",GB,")), "statements.csv:2: column unit", "is [information]"),
    "negative value": (statement(GOOD.replace(",500,", ",-500,")), "statements.csv:2: column value", "is negative"),
    "non-finite value": (statement(GOOD.replace(",500,", ",inf,")), "statements.csv:2: column value", "not a plain number"),
    "duplicate key": ({"statements.csv": STATEMENT_HEADER + GOOD + "\n" + GOOD + "\n"}, "statements.csv:3", "duplicate key"),
    "component cycle": ({"components.csv": "system,part,count,source,locator,note\n"
                         "gb200-superchip,gb200-nvl72,1,nvidia-gb200-nvl72-page-2026-08,x,\n"},
                        "components.csv:2: column part", "component cycle: gb200-superchip would contain itself"),
    # issue 22 item 10: one number grammar; a count fits a 32-bit INTEGER on both engines
    **{f"count {count}": ({"components.csv": "system,part,count,source,locator,note\n"
                           f"gb200-nvl72,h100-sxm5-80gb,{count},nvidia-gb200-nvl72-page-2026-08,x,\n"},
                          "components.csv:2: column count", message)
       for count, message in (("3000000000", "a count is at most 2,147,483,647"),
                              ("99999999999999999999", "a count is at most 2,147,483,647"),
                              ("²", "is not an ASCII character"), ("１２", "is not an ASCII character"))},
    "superscript value": (statement(GOOD.replace(",500,", ",5²,")), "statements.csv:2: column value",
                          "is not an ASCII character"),
    "decimal comma": (statement(GOOD.replace(",500,", ',"3,35",')), "statements.csv:2: column value",
                      "a comma separates thousands in groups of three"),
}


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_exits_1_names_file_and_line_and_changes_nothing(cli, tmp_path, kind):
    files, where, message = BAD_INPUTS[kind]
    package = write(tmp_path / "pkg", files)
    before = table_checksums(cli.url)
    result = cli("import", str(package))
    assert result.exit_code == 1, result.output
    assert where in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert table_checksums(cli.url) == before


def test_every_problem_is_reported_at_once(cli, tmp_path):
    package = write(tmp_path / "pkg", {"statements.csv": STATEMENT_HEADER + GOOD.replace("h20,", "nope,", 1) + "\n"
                                       + GOOD.replace(",500,", ",-1,") + "\n"})
    result = cli("import", str(package))
    assert "2 problem(s)" in result.stderr and "statements.csv:2" in result.stderr and "statements.csv:3" in result.stderr


def test_importing_twice_changes_nothing_and_a_changed_value_goes_to_history(cli, tmp_path):
    package = write(tmp_path / "pkg", statement(GOOD))
    assert cli("import", str(package)).exit_code == 0
    once = table_checksums(cli.url)
    again = cli("import", str(package))
    assert again.exit_code == 0 and "0 new, 0 changed, 1 unchanged" in again.stderr
    assert table_checksums(cli.url) == once
    write(tmp_path / "pkg", statement(GOOD.replace(",500,", ",450,")))
    assert "0 new, 1 changed" in cli("import", str(package)).stderr
    rows = cli.json("history", "H20", "power", "-f", "json")
    assert len(rows) == 1 and rows[0]["was"] == "500 W" and rows[0]["now"] == "450 W"
    assert rows[0]["replaced_by_import"] == str(package)
    assert "no value has been replaced" in cli.out("history", "A100")


def _export(cli: Cli, directory: Path) -> dict[str, bytes]:
    result = cli("export", str(directory))
    assert result.exit_code == 0, result.output
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.csv"))}


def test_export_import_export_is_byte_identical_on_the_seeds(cli, empty_url, tmp_path):
    first = _export(cli, tmp_path / "one")
    fresh = Cli(empty_url)
    assert fresh("db", "upgrade").exit_code == 0
    result = fresh("import", str(tmp_path / "one"))
    assert result.exit_code == 0, result.output
    assert _export(fresh, tmp_path / "two") == first
    assert len(first) == 15 and first["control_thresholds.csv"].count(b"\n") > 20 and first["statements.csv"].count(b"\n") > 400


def test_seed_files_round_trip_through_import(empty_url, tmp_path):
    fresh = Cli(empty_url)
    fresh("db", "upgrade")
    assert fresh("import", str(SEEDS)).exit_code == 0
    assert _export(fresh, tmp_path / "out")
    again = Cli(empty_url)
    assert again("import", str(tmp_path / "out")).stderr.count(" 0 new, 0 changed") == 14


def test_a_single_table_file_imports(cli, tmp_path):
    path = tmp_path / "statements.csv"
    path.write_text(STATEMENT_HEADER + GOOD + "\n", encoding="utf-8")
    assert cli("import", str(path)).exit_code == 0
    assert "500 W" in cli.out("show", "H20", "-m", "power")


def test_unknown_table_file_and_missing_path(cli, tmp_path):
    write(tmp_path / "pkg", {"chips.csv": "a,b\n1,2\n"})
    result = cli("import", str(tmp_path / "pkg"))
    assert result.exit_code == 1 and "unknown table file" in result.stderr
    assert cli("import", str(tmp_path / "nowhere")).exit_code == 1


def test_the_shipped_seeds_pass_audit_strict(cli):
    result = cli("audit", "--strict", "-f", "json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    assert all(f["status"] == "accepted" and f["accepted_because"].startswith((f"accepted: {f['check']}", "explained: "))
               for f in findings)
    assert any(f["accepted_because"].startswith("explained: ") for f in findings)  # what the data explains by itself


PLANTS = {
    "sparsity-ratio": "h20,compute,fp8,sparse,matrix,,400,TFLOPS,published,tweaktown-h20-mass-production-2024,x,preferred,,",
    "precision-order": "h20,compute,fp4,dense,matrix,,100,TFLOPS,published,tweaktown-h20-mass-production-2024,x,preferred,,",
    "unresolved-conflict": "h20,cpu_memory_capacity,,,,,100,GB,published,tweaktown-h20-mass-production-2024,x,normal,,\n"
                           "h20,cpu_memory_capacity,,,,,200,GB,published,huggingface-hardware-h20,x,normal,,",
    "system-total": "gb200-nvl72,memory_bandwidth,,,,,700,TB/s,published,tweaktown-h20-mass-production-2024,x,normal,,",
}


@pytest.mark.parametrize("check", [*PLANTS, "missing-citation", "missing-core-metric", "alias-collision"])
def test_audit_reports_each_planted_finding(cli, tmp_path, check):
    if check in PLANTS:
        files = statement(PLANTS[check])
        if check == "system-total":  # make the planted total the one used
            cli("import", str(write(tmp_path / "demote", statement(
                "gb200-nvl72,memory_bandwidth,,,,,576,TB/s,published,nvidia-gb200-nvl72-page-2026-08,"
                '"Spec table (NVFP4 revision), row ""GPU Memory | Bandwidth"", column ""GB200 NVL72"": ""13.4 TB HBM3E | 576 TB/s""",'
                "deprecated,planted,"))))
            files = statement(PLANTS[check].replace(",normal,", ",preferred,"))
    elif check == "missing-citation":
        files = {"sources.csv": "key,title,publisher,url,published,retrieved,kind,note\nnourl,No URL,x,,2025,2026,press,\n",
                 **statement("h20,power,,,,,401,W,published,nourl,somewhere,normal,,")}
    elif check == "missing-core-metric":
        files = {"devices.csv": "slug,name,vendor,kind,family,released,note\nbare,Bare Chip,nvidia,accelerator,,,\n"}
    else:  # import refuses a colliding alias, so plant it as another tool writing the database would
        files = {"devices.csv": "slug,name,vendor,kind,family,released,note\nother,Other Chip,nvidia,accelerator,,,\n"}
    result = cli("import", str(write(tmp_path / "plant", files)))
    assert result.exit_code == 0, result.output
    if check == "alias-collision":
        engine = make_engine(cli.url)
        with engine.begin() as conn:
            other = conn.execute(text("SELECT id FROM devices WHERE slug = 'other'")).scalar()
            conn.execute(text("INSERT INTO aliases (device_id, alias, alias_key) VALUES (:d, 'H20', 'h20')"),
                         {"d": other})
        engine.dispose()
    audit = cli("audit", "--strict", "-f", "json")
    assert audit.exit_code == 3
    assert any(f["check"] == check and f["status"] == "open" for f in json.loads(audit.stdout)), audit.stdout


def test_history_survives_export_and_import(cli, empty_url, tmp_path):
    package = write(tmp_path / "pkg", statement(GOOD))
    cli("import", str(package))
    write(tmp_path / "pkg", statement(GOOD.replace(",500,", ",450,")))
    cli("import", str(package))
    first = _export(cli, tmp_path / "one")
    assert b",500,W," in first["history.csv"]
    fresh = Cli(empty_url)
    fresh("db", "upgrade")
    assert fresh("import", str(tmp_path / "one")).exit_code == 0
    assert _export(fresh, tmp_path / "two") == first
    rows = fresh.json("history", "H20", "power", "-f", "json")
    assert [r["was"] for r in rows] == ["500 W"] and rows[0]["replaced_by_import"] == str(package)
    again = fresh("import", str(tmp_path / "one"))
    assert "history: 0 new, 0 changed, 1 unchanged" in again.stderr


def test_history_of_an_unknown_statement_is_rejected(cli, tmp_path):
    files = {"history.csv": "device,metric,precision,sparsity,engine,direction,source,value,unit,status,locator,rank,"
                            "reason,note,replaced_at,replaced_by,loaded_at,loaded_by\n"
                            "h20,power,,,,,lmsys-sglang-ant-group-h20-2025-09,1,W,published,x,normal,,,2025,x,,\n"}
    result = cli("import", str(write(tmp_path / "pkg", files)))
    assert result.exit_code == 1 and "history.csv:2" in result.stderr and "no statement" in result.stderr
