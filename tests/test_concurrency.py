"""Concurrent writers and readers, with real processes, on every engine.

Two `chipdb import` processes load different packages into one database at the same time: both
land and nothing is lost. A reader is not blocked while a writer holds an open transaction.
Set CHIPDB_CONCURRENCY_ROUNDS to repeat the writers' race (default 2).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from chipdb.store.db import make_engine



ROUNDS = int(os.environ.get("CHIPDB_CONCURRENCY_ROUNDS", "2"))
HEADER = "device,metric,precision,sparsity,engine,direction,value,unit,status,source,locator,rank,reason,note\n"


def _package(directory: Path, tag: str, devices: int = 150) -> int:
    directory.mkdir()
    (directory / "sources.csv").write_text(
        "key,title,publisher,url,published,retrieved,kind,note\n"
        f"{tag}-src,Package {tag},test,https://example.com/{tag},2025-01-01,2026-01-01,measurement,\n", encoding="utf-8")
    (directory / "devices.csv").write_text(
        "slug,name,vendor,kind,family,released,note\n"
        + "".join(f"{tag}-{i},Chip {tag} {i},nvidia,accelerator,,,\n" for i in range(devices)), encoding="utf-8")
    rows = []
    for i in range(devices):
        rows.append(f"{tag}-{i},memory_capacity,,,,,{i + 1},GB,published,{tag}-src,row {i},preferred,,\n")
        rows.append(f"{tag}-{i},memory_bandwidth,,,,,{i + 1},TB/s,published,{tag}-src,row {i},preferred,,\n")
        rows.append(f"{tag}-{i},compute,bf16,dense,matrix,,{i + 1},TFLOPS,published,{tag}-src,row {i},preferred,,\n")
    (directory / "statements.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return len(rows)


def _count(url: str, sql: str) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        n = conn.execute(text(sql)).scalar()
    engine.dispose()
    return n


def _chipdb(url: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "CHIPDB_DATABASE_URL": url}
    return subprocess.Popen([sys.executable, "-m", "chipdb", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_importers_at_once_both_land(db_url, tmp_path, round_):
    before = _count(db_url, "SELECT COUNT(*) FROM statements")
    sizes = {tag: _package(tmp_path / tag, tag) for tag in ("alpha", "beta")}
    procs = [_chipdb(db_url, "import", str(tmp_path / tag)) for tag in sizes]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    assert _count(db_url, "SELECT COUNT(*) FROM statements") == before + sum(sizes.values())
    assert _count(db_url, "SELECT COUNT(*) FROM devices WHERE slug LIKE 'alpha-%' OR slug LIKE 'beta-%'") == 300
    assert _count(db_url, "SELECT COUNT(*) FROM imports") >= 2


def test_a_reader_is_not_blocked_by_an_open_write_transaction(db_url):
    engine = make_engine(db_url)
    with engine.connect() as conn:
        conn.info["chipdb_write"] = True  # SQLite: BEGIN IMMEDIATE, the write lock is held from here
        try:
            with conn.begin():
                conn.execute(text("UPDATE statements SET note = 'being edited' WHERE id IN "
                                  "(SELECT id FROM statements ORDER BY id LIMIT 50)"))
                reader = _chipdb(db_url, "show", "H100", "--format", "csv")
                out, err = reader.communicate(timeout=20)  # a blocked reader would wait 30 s for the lock
                assert reader.returncode == 0, err
                assert "being edited" not in out and "h100-page-via-notes" in out
        finally:
            conn.info.pop("chipdb_write", None)
    engine.dispose()


def test_a_second_writer_waits_and_then_lands(db_url, tmp_path):
    size = _package(tmp_path / "gamma", "gamma", devices=5)
    before = _count(db_url, "SELECT COUNT(*) FROM statements")
    engine = make_engine(db_url)
    with engine.connect() as conn:
        conn.info["chipdb_write"] = True
        try:
            with conn.begin():
                conn.execute(text("UPDATE sources SET note = 'held' WHERE key = 'netease-h20-ban-2025-04'"))
                writer = _chipdb(db_url, "import", str(tmp_path / "gamma"))
                try:
                    writer.wait(timeout=1.5)
                    finished_early = True
                except subprocess.TimeoutExpired:
                    finished_early = False
        finally:
            conn.info.pop("chipdb_write", None)
    out, err = writer.communicate(timeout=120)
    engine.dispose()
    assert writer.returncode == 0, err
    assert _count(db_url, "SELECT COUNT(*) FROM statements") == before + size
    if db_url.startswith("sqlite"):
        assert not finished_early  # it waited for the lock instead of failing
