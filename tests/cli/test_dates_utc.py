"""Dates that decide the rules in force are UTC dates, and history timestamps carry a zone (issue
22, item 13), on every engine."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone

import pytest


@pytest.fixture
def far_zone(monkeypatch):
    """A local time zone whose date is not today's UTC date (UTC-12 before noon UTC, else UTC+14)."""
    zone = "Etc/GMT+12" if datetime.now(timezone.utc).hour < 12 else "Etc/GMT-14"
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    yield datetime.now(timezone.utc).date().isoformat()
    monkeypatch.undo()
    time.tzset()


def test_controls_default_date_is_todays_utc_date(cli, far_zone):
    result = cli("controls", "H100", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["as_of"] == far_zone


def test_a_threshold_claims_default_date_is_todays_utc_date(cli, far_zone):
    result = cli("check", "the H20's TPP is below the 4,800 line", "--format", "json")
    assert result.exit_code == 0, result.output
    assert far_zone in result.stdout


def test_a_history_timestamp_without_a_zone_is_refused(cli, tmp_path):
    from .test_package import write

    files = {"history.csv": "device,metric,precision,sparsity,engine,direction,source,value,unit,status,locator,rank,"
                            "reason,note,replaced_at,replaced_by,loaded_at,loaded_by\n"
                            "h20,power,,,,,lmsys-sglang-ant-group-h20-2025-09,1,W,published,x,normal,,,"
                            "2025-01-01T10:00:00,x,,\n"}
    result = cli("import", str(write(tmp_path / "pkg", files)))
    assert result.exit_code == 1
    assert "history.csv:2" in result.stderr and "has no time zone" in result.stderr
