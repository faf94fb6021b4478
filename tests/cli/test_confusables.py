"""Names that look alike (issue 22, item 8), on every engine: a device named with letters from
another script, or full width, is refused as a duplicate; lookups fold NFKC and TR39 skeletons."""

from __future__ import annotations

import json

import pytest

from ..conftest import table_checksums


def _device(tmp_path, name: str, slug: str = "acme-h100"):
    path = tmp_path / "devices.csv"
    path.write_text("slug,name,vendor,kind,family,released,note\n"
                    f"{slug},{name},nvidia,accelerator,,,\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["\u041d100 SXM5 80GB", "\uff28\uff11\uff10\uff10 SXM5 80GB"])
def test_a_lookalike_name_is_refused_as_a_duplicate(cli, tmp_path, name):
    before = table_checksums(cli.url)
    result = cli("import", str(_device(tmp_path, name)))
    assert result.exit_code == 1, result.output
    assert "h100-sxm5-80gb" in result.output
    assert table_checksums(cli.url) == before


def test_the_refusal_names_the_odd_character(cli, tmp_path):
    result = cli("import", str(_device(tmp_path, "\u041d100 SXM5 80GB")))
    assert "U+041D CYRILLIC CAPITAL LETTER EN" in result.output


def test_a_name_in_another_script_that_looks_like_nothing_is_accepted(cli, tmp_path):
    result = cli("import", str(_device(tmp_path, "\u6607\u817e\u8d85\u7ea7\u82af\u7247", "shengteng-super")))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("query", ["H\uff11\uff10\uff10", "\uff28\uff11\uff10\uff10", "\u041d100 SXM5 80GB"])
def test_lookups_fold_full_width_and_lookalike_letters(cli, query):
    result = cli("show", query, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["device"] == "h100-sxm5-80gb"
