"""Stdout carries only the result; summaries, notes and the first-use setup go to stderr. So a
command's -f json output parses as JSON alone, and a command that only acts prints nothing on
stdout."""

from __future__ import annotations

import json

from ..conftest import Cli

READS = [
    ["list"], ["show", "H100"], ["show", "H100", "compute"], ["sources"], ["sources", "show", "h100-page-via-notes"],
    ["formats"], ["trace", "H100", "compute", "-p", "bf16"], ["ratio", "H100", "A100", "compute", "-p", "bf16"],
    ["compare", "H100", "A100"], ["history", "H100"], ["audit"], ["audit", "--checks"], ["claims", "list"],
    ["claims", "check"], ["check", "H100 has 3x the BF16 compute of A100"], ["identify", "NVIDIA H100 80GB HBM3"],
    ["controls", "H100", "H20"],
]
CLAIM = ["claims", "add", "my-claim", "power", "--subject", "H100", "--baseline", "A100", "--stated", "1.75",
         "--appeared-in", "h100-page-via-notes", "--text", "1.75x the power", "--locator", "p. 1"]


def test_json_on_stdout_parses_alone_and_summaries_go_to_stderr(empty_url, tmp_path):
    cli = Cli(empty_url)
    first = cli("list", "-f", "json")  # a new database: set up, with a note on stderr
    assert first.exit_code == 0, first.output
    assert first.stderr and json.loads(first.stdout)
    for args in READS:
        result = cli(*args, "-f", "json")
        assert result.exit_code == 0, f"chipdb {' '.join(args)}: {result.output}"
        json.loads(result.stdout)  # nothing but the JSON document
    for args in (CLAIM, ["export", str(tmp_path / "out")], ["import", str(tmp_path / "out")], ["seed"],
                 ["db", "upgrade"]):
        result = cli(*args)
        assert result.exit_code == 0, f"chipdb {' '.join(args)}: {result.output}"
        assert result.stdout == "" and result.stderr, f"chipdb {' '.join(args)} wrote to stdout: {result.stdout}"
