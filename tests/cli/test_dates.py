"""One date type (chipdb.domain.dates): partial dates parsed once, compared as dates (issue 22 item 9)."""

import pytest

from chipdb.domain import dates

FULL_WIDTH = "２０００-０１-０１"


@pytest.mark.parametrize("command", [["controls", "H100"], ["ratio", "H100", "A100", "compute", "-p", "bf16"],
                                     ["claims", "check", "article-cm384-memory-capacity"],
                                     ["trace", "H100", "compute", "-p", "bf16"]])
def test_full_width_digits_in_as_of_are_refused_not_compared_as_strings(cli, command):
    result = cli(*command, "--as-of", FULL_WIDTH)
    assert result.exit_code == 2, result.output
    assert "is not an ASCII character" in result.stderr and "Traceback" not in result.output


def test_controls_before_the_first_rule_lists_none_in_force(cli):
    result = cli("controls", "H100", "--as-of", "2000-01-01")
    assert result.exit_code == 0, result.output
    assert "Rules in force on 2000-01-01: none" in result.stdout and "2023" not in result.stdout.split("Rules in force")[1]


def test_a_partial_as_of_ends_on_the_last_day_of_its_month(cli):
    result = cli("ratio", "CM384", "NVL72", "memory_capacity", "--as-of", "2024-04")
    assert result.exit_code == 1 and "published on or before 2024-04-30" in result.stderr, result.output
    assert "2024-04-31" not in result.stderr


def test_a_source_with_full_width_published_date_is_refused(cli, tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "sources.csv").write_text("key,title,publisher,url,published,retrieved,kind,note\n"
                                     f"x-src,A title,,,{FULL_WIDTH},,press,\n", encoding="utf-8")
    result = cli("import", str(pkg))
    assert result.exit_code == 1 and "sources.csv:2: column published" in result.stderr, result.output
    assert "is not an ASCII character" in result.stderr


def test_import_retrieved_takes_the_same_dates(cli, tmp_path):
    result = cli("import", str(tmp_path / "x.csv"), "--from", "epoch", "--retrieved", FULL_WIDTH)
    assert result.exit_code == 2 and "--retrieved" in result.stderr and "ASCII" in result.stderr, result.output


def test_partial_dates_compare_as_dates():
    assert dates.parse("2025-04").end.isoformat() == "2025-04-30"
    assert dates.parse("2024-02").end.isoformat() == "2024-02-29"
    assert dates.parse("2025").end.isoformat() == "2025-12-31"
    assert dates.on_or_before("2025-04-30", "2025-04") and not dates.on_or_before("2025-05-01", "2025-04")
    assert not dates.on_or_before("", "2025")
    assert dates.problem("2025-04-31") and dates.problem(FULL_WIDTH) and not dates.problem("2025-04")


def test_a_history_timestamp_needs_a_zone():
    assert dates.timestamp_problem("2026-11-28T16:30:00") == ("'2026-11-28T16:30:00' has no time zone; add one "
                                                              "(e.g. +00:00 for UTC)")
    assert dates.timestamp_problem("2026-11-28T16:30:00+00:00") is None
    assert dates.now_timestamp().endswith("+00:00")
