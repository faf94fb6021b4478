"""Locks (issue 22, item 11), on every engine: a second writer waits the promised time, then
fails clearly; busy is told from the driver's codes; a deterministic constraint violation is not
retried; seed and db upgrade take the setup lock; seed refuses an old schema like every command."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from chipdb.store import db as store_db
from chipdb.store import tables as T
from chipdb.store.db import make_engine, write


@contextmanager
def _held(url: str):
    """Another client holding the write lock (SQLite) or a lock on the imports table (PostgreSQL)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.info["chipdb_write"] = True
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("LOCK TABLE imports IN ACCESS EXCLUSIVE MODE"))
            yield
        conn.info.pop("chipdb_write", None)
    engine.dispose()


def _record_import(conn) -> None:
    conn.execute(insert(T.imports).values(origin="test", at="2026-01-01T00:00:00+00:00"))


def test_a_second_writer_waits_the_timeout_then_fails_clearly(db_url, monkeypatch):
    from chipdb.domain.errors import Busy

    monkeypatch.setattr(store_db, "SQLITE_BUSY_TIMEOUT_MS", 1500)
    engine = make_engine(db_url)
    with _held(db_url):
        start = time.monotonic()
        with pytest.raises(Busy, match="for over 1.5 s"):
            write(engine, _record_import)
        elapsed = time.monotonic() - start
    engine.dispose()
    assert 1.2 < elapsed < 5, elapsed


def test_busy_is_told_from_the_driver_code_not_the_text(db_url):
    engine = make_engine(db_url)
    with pytest.raises(IntegrityError) as caught:
        write(engine, lambda conn: conn.execute(text("INSERT INTO vendors (key, name) VALUES ('nvidia', 'locked busy')")))
    engine.dispose()
    assert not store_db.busy(caught.value)


def test_a_deterministic_violation_is_not_retried(db_url):
    engine = make_engine(db_url)
    calls = []

    def work(conn):
        calls.append(1)
        conn.execute(text("INSERT INTO vendors (key, name) VALUES (NULL, NULL)"))

    start = time.monotonic()
    with pytest.raises(IntegrityError):
        write(engine, work)
    engine.dispose()
    assert len(calls) == 1
    assert time.monotonic() - start < 1


def _chipdb(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "chipdb", "--db", url, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ})


@contextmanager
def _setup_lock_held(url: str):
    from chipdb.package.setup import setup_lock

    engine = make_engine(url)
    with setup_lock(engine):
        yield
    engine.dispose()


def _waiting_for_the_lock(url: str, proc: subprocess.Popen) -> bool | None:
    """Whether ``proc`` is seen queued on a lock: its flock on SQLite (a "->" line of /proc/locks),
    an advisory lock not granted in its database on PostgreSQL. None where the system cannot tell."""
    if url.startswith("postgresql"):
        engine = make_engine(url)
        with engine.connect() as conn:
            waiting = conn.execute(text(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = current_database()")).scalar()
        engine.dispose()
        return bool(waiting)
    try:
        locks = open("/proc/locks", encoding="ascii").read()
    except OSError:
        return None
    return any("->" in line and f" {proc.pid} " in line for line in locks.splitlines())


def _wait_until_it_waits(url: str, proc: subprocess.Popen) -> None:
    """Until ``proc`` is queued on the lock (it must not finish first); 3 s where that cannot be seen."""
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        seen = _waiting_for_the_lock(url, proc)
        if seen is None:
            time.sleep(3)
            return
        if seen:
            return
        time.sleep(0.05)
    assert proc.poll() is None and _waiting_for_the_lock(url, proc), "never queued on the setup lock"


@pytest.mark.parametrize("command", [("db", "upgrade"), ("seed",)])
def test_seed_and_db_upgrade_take_the_setup_lock(empty_url, command):
    with _setup_lock_held(empty_url):
        proc = _chipdb(empty_url, *command)
        _wait_until_it_waits(empty_url, proc)
        assert proc.poll() is None, proc.communicate()  # waiting for the lock
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err


def test_seed_refuses_an_old_schema_like_every_other_command(empty_url):
    from chipdb.store.db import schema_revision
    from chipdb.store.migrate import upgrade

    engine = make_engine(empty_url)
    upgrade(engine, "0002_claims")
    proc = _chipdb(empty_url, "seed")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "db upgrade" in err
    assert schema_revision(engine) == "0002_claims"
    engine.dispose()
