"""--source means one thing in every command that shows it: wherever that source has a statement,
it is used instead of the preferred one. The source a claim appeared in is claims add
--appeared-in; --source is kept there, hidden, as its old spelling."""

from __future__ import annotations

import pytest

from . import command_params

CLAIM = ["claims", "add", "my-claim", "power", "--subject", "H100", "--baseline", "A100", "--stated", "1.75",
         "--text", "1.75x the power", "--locator", "p. 1"]


def test_every_shown_source_option_is_the_same_option():
    found = {name: p for name, p in command_params() if "--source" in getattr(p, "opts", ())}
    shown = {name: p for name, p in found.items() if not p.hidden}
    assert {"trace", "ratio", "compare", "plot compare", "claims check", "check"} <= set(shown)
    assert len({(p.help, p.multiple, p.metavar) for p in shown.values()}) == 1, sorted(shown)
    assert "instead of the preferred one" in next(iter(shown.values())).help
    assert found["claims add"].hidden


@pytest.mark.parametrize("spelling", ["--appeared-in", "--source"])
def test_claims_add_takes_the_claims_source_as_appeared_in_or_its_old_spelling(cli, spelling):
    added = cli(*CLAIM, spelling, "h100-page-via-notes")
    assert added.exit_code == 0, added.output
    listed = cli.json("claims", "list", "-f", "json")
    assert [c["source"] for c in listed if c["claim"] == "my-claim"] == ["h100-page-via-notes"]


def test_claims_add_with_no_source_or_two_is_a_usage_error(cli):
    none = cli(*CLAIM)
    assert none.exit_code == 2 and "missing option --appeared-in KEY" in none.stderr
    two = cli(*CLAIM, "--appeared-in", "h100-page-via-notes", "--source", "netease-h20-ban-2025-04")
    assert two.exit_code == 2 and "two sources given" in two.stderr
    same = cli(*CLAIM, "--appeared-in", "h100-page-via-notes", "--source", "h100-page-via-notes")
    assert same.exit_code == 0, same.output
