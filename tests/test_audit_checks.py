"""An audit check is one registered function; which metrics a device kind must have is data
(metrics.core_for), not a list in the code."""

from __future__ import annotations

import json

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
