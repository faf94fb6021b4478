"""Folders chipdb writes (issue 22, items 2 and 3): ``export`` and ``site`` refuse the root and
a folder holding someone else's files, follow a symlink to its target, keep a published site's
``.git`` and ``CNAME``, clean what a killed run left, and name their temporary folders with
``tempfile`` (two builds at once do not collide)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from chipdb.domain.errors import UsageError


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_export_refuses_the_root_directory_before_writing():
    from chipdb.store.files import check_folder

    with pytest.raises(UsageError, match="root directory"):
        check_folder(Path("/"), ".chipdb-export", "export")


def test_export_refuses_a_folder_of_the_users_own_files(cli, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "devices.csv").write_text("my own devices\n")
    result = cli("export", str(out))
    assert result.exit_code == 2
    assert "not empty and holds no chipdb export" in result.output
    assert (out / "devices.csv").read_text() == "my own devices\n"


def test_export_replaces_its_own_earlier_export_and_follows_a_symlink(cli, tmp_path):
    tmp_path = tmp_path / "w"  # beside the test database
    tmp_path.mkdir()
    real = tmp_path / "real"
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert cli("export", str(real)).exit_code == 0
    first = (real / "devices.csv").read_bytes()
    result = cli("export", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and (real / "devices.csv").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]  # nothing left beside it


def test_site_through_a_symlink_updates_the_target_and_keeps_the_link(cli, tmp_path):
    tmp_path = tmp_path / "w"  # beside the test database
    tmp_path.mkdir()
    served = tmp_path / "served"
    link = tmp_path / "www"
    assert cli("site", str(served), "--no-charts").exit_code == 0
    (served / "index.html").write_text("stale")
    link.symlink_to(served, target_is_directory=True)
    result = cli("site", str(link), "--no-charts")
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert (served / "index.html").read_text() != "stale"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served", "www"]


def test_site_rebuild_keeps_a_pages_checkout_and_cname(cli, tmp_path):
    out = tmp_path / "out"
    assert cli("site", str(out), "--no-charts").exit_code == 0
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (out / "CNAME").write_text("chips.example.org\n")
    assert cli("site", str(out), "--no-charts").exit_code == 0
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (out / "CNAME").read_text() == "chips.example.org\n"
    assert (out / "index.html").exists()


def test_a_killed_builds_leftovers_are_cleaned_by_the_next(cli, tmp_path):
    tmp_path = tmp_path / "w"  # beside the test database
    tmp_path.mkdir()
    out = tmp_path / "out"
    pid = _dead_pid()
    for name in (f".out.building-{pid}", f".out.building-{pid}-abc123", f".out.replaced-{pid}-x"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("half")
    assert cli("site", str(out), "--no-charts").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _race(base: Path, tags: str, pause: float) -> None:
    """Builders named by ``tags`` replace ``base/out`` at once, each writing its tag twice with
    ``pause`` between: none fails, the folder left is one build's whole, and nothing moved aside is
    left behind."""
    from chipdb.store.files import replace_folder

    errors = []

    def build(folder: Path, tag: str) -> None:
        (folder / "who").write_text(tag)
        time.sleep(pause)
        (folder / "done").write_text(tag)

    def run(tag: str) -> None:
        try:
            replace_folder(base / "out", ".marker", "thing", lambda f: build(f, tag))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(t,)) for t in tags]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert (base / "out" / "who").read_text() == (base / "out" / "done").read_text()
    assert sorted(p.name for p in base.iterdir()) == ["out"]


def test_two_builds_at_once_do_not_collide(tmp_path):
    _race(tmp_path, "ab", 0.2)


def test_many_builds_racing_leave_one_whole_folder(tmp_path):
    """Builds that finish at once each swap their folder in and the last one stays (three at a
    time, many rounds, to meet the races between a look and a rename)."""
    for round_ in range(30):
        base = tmp_path / str(round_)
        base.mkdir()
        _race(base, "abc", 0.0)
