"""One rule per input, whichever path it comes by (issue 11): claims add refuses what import
refuses and its claims restore from a backup; paths, files and headers are named; long problem
lists are summarised; numbers carry no binary noise; a failed write leaves no partial file."""

from __future__ import annotations


from pathlib import Path

import pytest
from wcwidth import wcwidth

from chipdb.output import registry as render

from ..conftest import Cli

CLAIM = ["claims", "add", "my-claim", "--subject", "H100", "--baseline", "A100", "--metric", "power",
         "--stated", "1.75", "--source", "h100-page-via-notes", "--text", "1.75x the power"]


def statements(package: Path, rows: str) -> Path:
    """A package of one statements.csv with ``rows`` under the header."""
    package.mkdir()
    (package / "statements.csv").write_text(
        "device,metric,precision,sparsity,engine,direction,value,unit,status,source,locator,rank,reason,note\n" + rows,
        encoding="utf-8")
    return package


def test_claims_add_needs_a_locator_and_its_claim_restores_from_a_backup(cli, tmp_path, empty_url):
    missing = cli(*CLAIM)
    assert missing.exit_code == 2 and "--locator" in missing.output
    assert cli(*CLAIM, "--locator", "p. 1").exit_code == 0
    assert cli("export", str(tmp_path / "r1")).exit_code == 0
    fresh = Cli(empty_url)
    assert fresh("db", "upgrade").exit_code == 0
    restored = fresh("import", str(tmp_path / "r1"))
    assert restored.exit_code == 0, restored.output
    assert fresh("export", str(tmp_path / "r2")).exit_code == 0
    for name in ("claims.csv", "statements.csv", "sources.csv"):
        assert (tmp_path / "r1" / name).read_bytes() == (tmp_path / "r2" / name).read_bytes()


@pytest.mark.parametrize("extra, expected", [
    (["--assume", "precision=bf17"], "bf17"),
    (["--stated", "1e400"], "not a finite number"),
    (["--stated", "１.７"], "not an ASCII character"),
    (["--stated", "3,35"], "groups of three"),
    (["--tolerance", "-5"], "above 0"),
    (["--tolerance", "nan"], "above 0"),
    (["--precision", "fp7"], "fp7"),
    (["--kind", "ratios"], "ratios"),
])
def test_claims_add_refuses_what_import_refuses(cli, extra, expected):
    args = [*CLAIM, "--locator", "p. 1"]
    for option, value in zip(extra[::2], extra[1::2]):
        if option in args:
            args[args.index(option) + 1] = value
        else:
            args += [option, value]
    result = cli(*args)
    assert result.exit_code == 1 and expected in result.stderr, result.output  # the validator import uses: a data error
    assert cli("claims", "show", "my-claim").exit_code == 1


def test_an_explicit_sqlite_path_in_a_missing_directory_is_an_error(tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "x.sqlite"
    result = Cli(f"sqlite:///{target}")("list")
    assert result.exit_code == 1 and str(target.parent) in result.stderr
    assert not target.parent.exists()


def test_a_corrupt_database_is_named(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    result = Cli(f"sqlite:///{bad}")("list")
    assert result.exit_code == 1 and str(bad) in result.stderr and "Traceback" not in result.output


def test_files_are_read_by_table_name_and_others_named(cli, tmp_path):
    assert "not a regular file" in cli("import", "/dev/null").stderr
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "Sources.CSV").write_text("key,title,publisher,url,published,retrieved,kind,note\n"
                                         "upper,Upper Case File,x,https://example.com,2025,2026,press,\n",
                                         encoding="utf-8")
    (package / "README.txt").write_text("notes", encoding="utf-8")
    result = cli("import", str(package))
    assert result.exit_code == 0, result.output
    assert "sources: 1 new" in result.stderr and "skipped README.txt" in result.stderr
    (package / "devices.csv").write_text("slug,name,name,vendor,kind\nx,X,Y,nvidia,accelerator\n", encoding="utf-8")
    dup = cli("import", str(package))
    assert dup.exit_code == 1 and "devices.csv:1: column name: column named 2 times" in dup.stderr


def test_a_flood_of_problems_is_summarised(cli, tmp_path):
    package = statements(tmp_path / "flood", "".join(
        f"h20,power,,,,,{i},watts-ish,published,h100-page-via-notes,p. 1,normal,,\n" for i in range(1, 400)))
    result = cli("import", str(package))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) < 70 and "problem(s)" in lines[0] and int(lines[0].split()[1]) >= 399
    assert "more, by file, column and kind" in result.stderr and "statements.csv: column unit" in result.stderr


def test_numbers_carry_no_binary_noise(cli, tmp_path):
    package = statements(tmp_path / "noise",
                         "h20,compute,fp64,dense,vector,,66.9,TFLOPS,published,h100-page-via-notes,p. 1,normal,,\n")
    assert cli("import", str(package)).exit_code == 0
    shown = cli.out("show", "h20", "-m", "compute", "-f", "json")
    assert "66900000000000.0" in shown and "66900000000000.01" not in shown
    assert ",66900000000000," in cli.out("show", "h20", "-m", "compute", "-f", "csv")


def test_a_failed_write_leaves_no_partial_file(cli, tmp_path):
    def broken(report, out):
        out.write("half a table")
        raise OSError(28, "No space left on device")

    render.register("broken", broken, "fails half-way", (".broken",))
    try:
        target = tmp_path / "out.broken"
        result = cli("list", "-o", str(target))
        assert result.exit_code == 1 and "No space left" in result.stderr
        assert not target.exists() and not list(tmp_path.glob(".out.broken*"))
    finally:
        render.unregister("broken")


def test_csv_headers_are_formula_neutralised_like_cells():
    import io

    out = io.StringIO()
    render.render_csv(render.Report(["=HYPERLINK(\"x\")", "ok"], [["-2+3", 5]]), out)
    assert out.getvalue().splitlines() == ['"\'=HYPERLINK(""x"")",ok', "'-2+3,5"]


def _display_cells(line: str) -> list[str]:
    """The line as display cells: a wide character takes two."""
    cells = []
    for ch in line:
        cells += [ch] + [""] * (max(wcwidth(ch), 1) - 1)
    return cells


def test_tables_align_wide_characters(cli):
    """Every cell of the column after the Chinese claim text starts at the header's display column."""
    import re

    lines = cli.out("claims", "check").splitlines()
    starts = [m.start() for m in re.finditer(r"-+", lines[1])]
    subject = starts[2]  # claim, text, subject, ...
    wide = [line for line in lines[2:] if any(wcwidth(ch) == 2 for ch in line)]
    assert wide
    for line in wide:
        cells = _display_cells(line)
        assert cells[subject - 2: subject] == [" ", " "] and cells[subject] not in (" ", ""), line


def test_compare_keeps_what_was_asked_and_says_not_applicable(cli):
    out = cli("compare", "H20", "H100", "-m", "compute", "-m", "memory_capacity", "-m", "memory_bandwidth",
              "-p", "bf16")
    assert out.exit_code == 0, out.output
    rows = [line.split()[0] for line in out.stdout.splitlines()[2:]
            if line and not line.startswith(("not compared", " "))]  # an indented line is a measured row
    assert rows == ["compute", "memory_capacity", "memory_bandwidth"]
    fp8 = cli.out("compare", "A100", "H100", "-m", "compute", "-m", "memory_capacity", "-p", "fp8")
    assert "not compared: compute fp8 dense matrix: no value for A100 SXM4 80GB (not applicable, per its sources)" in fp8


def test_a_missing_engine_is_worded_with_an_article(cli, tmp_path):
    package = statements(tmp_path / "engine",
                         "h20,compute,bf16,dense,,,148,TFLOPS,published,h100-page-via-notes,p. 1,normal,,\n")
    result = cli("import", str(package))
    assert result.exit_code == 1 and "needs an engine" in result.stderr
