"""An audit check is one registered function; which metrics a device kind must have is data
(metrics.core_for), not a list in the code."""

from __future__ import annotations

import json

import pytest

from chipdb.analysis import audit as audit_module

from .conftest import SEEDS


def _metrics_file(tmp_path, key: str, core_for: str):
    lines = (SEEDS / "metrics.csv").read_text(encoding="utf-8").splitlines()
    row = next(line for line in lines[1:] if line.startswith(key + ","))
    parts = row.split(",", 7)
    parts[6] = core_for
    path = tmp_path / "metrics.csv"
    path.write_text(lines[0] + "\n" + ",".join(parts) + "\n", encoding="utf-8")
    return path


def test_a_check_registered_here_runs_against_the_database_and_is_listed(cli):
    """One decorated function is a whole check: audit runs it (per device, with the device's real
    statements), grades its findings, names it in the footer and lists it with --checks."""
    seen: list[str] = []

    @audit_module.check("h100-statement-count", "note", "a check this test registers", scope="device")
    def h100_statement_count(ctx, dev):
        seen.append(dev.slug)
        if dev.slug != "h100-sxm5-80gb":
            return []
        return [audit_module.Finding("h100-statement-count", dev.slug, f"{len(dev.facts)} statements")]

    try:
        out = cli("audit", "-f", "json")
        assert out.exit_code == 0, out.output
        found = [f for f in json.loads(out.stdout) if f["check"] == "h100-statement-count"]
        assert [(f["device"], f["grade"], f["status"]) for f in found] == [("h100-sxm5-80gb", "note", "open")]
        shown = cli("show", "H100", "-f", "json")
        assert shown.exit_code == 0, shown.output
        assert found[0]["finding"] == f"{len(json.loads(shown.stdout)['statements'])} statements"
        assert len(seen) > 1 and len(seen) == len(set(seen))  # once per device with statements
        table = cli("audit")
        assert table.exit_code == 0, table.output
        assert "h100-statement-count (a check this test registers)" in table.stdout
        listed = cli("audit", "--checks", "-f", "json")
        assert listed.exit_code == 0, listed.output
        rows = json.loads(listed.stdout)
        assert rows[-1] == {"check": "h100-statement-count", "grade": "note", "scope": "device",
                            "what": "a check this test registers"}
    finally:
        audit_module.unregister("h100-statement-count")
    after = cli("audit", "--checks", "-f", "json")
    assert after.exit_code == 0, after.output
    assert "h100-statement-count" not in [r["check"] for r in json.loads(after.stdout)]


def test_a_check_with_an_unknown_grade_or_scope_is_refused():
    with pytest.raises(ValueError, match="grade 'fatal'"):
        audit_module.check("x", "fatal", "nothing")
    with pytest.raises(ValueError, match="scope 'chip'"):
        audit_module.check("x", "note", "nothing", scope="chip")
    assert "x" not in audit_module.CHECKS


def test_checks_and_strict_together_are_a_usage_error(cli):
    out = cli("audit", "--checks", "--strict")
    assert out.exit_code == 2, out.output
    assert "--strict does not apply" in out.stderr


def test_core_metrics_come_from_the_metrics_data(cli, tmp_path):
    before = cli("audit", "-f", "json")
    assert before.exit_code == 0, before.output
    assert not [f for f in json.loads(before.stdout) if "die_area" in f["finding"]]
    imported = cli("import", str(_metrics_file(tmp_path, "die_area", "accelerator")))
    assert imported.exit_code == 0, imported.output
    after = cli("audit", "-f", "json")
    assert after.exit_code == 0, after.output
    missing = [f for f in json.loads(after.stdout) if f["check"] == "missing-core-metric" and "die_area" in f["finding"]]
    assert missing and all(f["finding"].endswith("has no die_area value") for f in missing)


def test_a_core_for_that_is_not_a_device_kind_is_refused(cli, tmp_path):
    out = cli("import", str(_metrics_file(tmp_path, "die_area", "accelerator rack")))
    assert out.exit_code == 1, out.output
    assert "'rack' is not a device kind" in out.stderr
