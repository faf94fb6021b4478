"""Where ``-o`` writes (issue 22, item 1): into a device, a FIFO or a symlink's target, never
replacing it; a read-only file refused; permissions kept; ``-`` is stdout; ``.csv`` is CSV."""

from __future__ import annotations

import json
import os
import stat
import threading

import pytest


def _mknull(path) -> None:
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")


def test_output_into_a_character_device_writes_into_it(cli, tmp_path):
    node = tmp_path / "mynull.csv"
    _mknull(node)
    result = cli("show", "H100", "-o", str(node))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(node).st_mode)  # still the device, not a regular file


def test_output_into_a_fifo_writes_into_it(cli, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    result = cli("show", "H100", "-o", str(fifo))
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(got[0])["device"] == "h100-sxm5-80gb"


def test_output_through_a_symlink_updates_its_target(cli, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = cli("show", "H100", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("device,metric,")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_file_is_refused_and_left_alone(cli, tmp_path):
    out = tmp_path / "keep.csv"
    out.write_text("mine\n")
    out.chmod(0o444)
    result = cli("show", "H100", "-o", str(out))
    assert result.exit_code == 1
    assert "Permission denied" in result.output and "keep.csv" in result.output
    assert out.read_text() == "mine\n"


def test_the_mode_of_a_replaced_file_is_kept(cli, tmp_path):
    out = tmp_path / "shared.csv"
    out.write_text("old\n")
    out.chmod(0o640)
    assert cli("show", "H100", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    assert out.read_text().startswith("device,metric,")


def test_dash_means_stdout(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("show", "H100", "-o", "-", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["device"] == "h100-sxm5-80gb"
    assert not (tmp_path / "-").exists()


def test_a_name_that_is_only_an_extension_picks_that_format(cli, tmp_path):
    out = tmp_path / ".csv"
    assert cli("show", "H100", "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("device,metric,")
