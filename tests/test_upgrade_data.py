"""A database made and seeded by an earlier chipdb gets the new seed data when it is migrated
(by ``db upgrade``, or automatically for the embedded default file), keeping the user's own rows."""

from __future__ import annotations

from chipdb.store.db import make_engine
from chipdb.store.migrate import downgrade

from .conftest import Cli

PREVIOUS = "0002_claims"  # the schema of the release before export controls


def _user_package(tmp_path):
    pkg = tmp_path / "mine"
    pkg.mkdir()
    (pkg / "sources.csv").write_text(
        "key,title,publisher,url,published,retrieved,kind,note\n"
        "my-bench,My bench notes,Me,https://example.com/bench,2026-01-01,2026-01-02,measurement,\n", encoding="utf-8")
    (pkg / "devices.csv").write_text("slug,name,vendor,kind,family,released,note\n"
                                     "my-card,My Card,nvidia,accelerator,,,\n", encoding="utf-8")
    (pkg / "statements.csv").write_text(
        "device,metric,precision,sparsity,engine,direction,value,unit,status,source,locator,rank,reason,note\n"
        "my-card,power,,,,,123,W,published,my-bench,page 1,preferred,only source,\n", encoding="utf-8")
    return pkg


def _previous_release(db_url, tmp_path) -> Cli:
    """The seeded database with a row of the user's own, taken back to the previous schema: its
    control tables (and their seed rows) are gone, as in a database that release made."""
    cli = Cli(db_url)
    assert cli("import", str(_user_package(tmp_path))).exit_code == 0
    engine = make_engine(db_url)
    downgrade(engine, PREVIOUS)
    engine.dispose()
    return cli


def test_db_upgrade_brings_the_new_seed_data_and_keeps_the_users_rows(db_url, tmp_path):
    cli = _previous_release(db_url, tmp_path)
    result = cli("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert "loaded the seed data shipped with this chipdb" in result.stderr and "your own rows are kept" in result.stderr
    controls = cli("controls", "H100")
    assert controls.exit_code == 0, controls.output
    assert "paragraph met: 3A090.a" in controls.stdout and "Rules in force: none" not in controls.stdout
    assert "123 W" in cli.out("show", "my-card", "-m", "power")  # the user's own row is kept
    again = cli("db", "upgrade")  # at the newest schema already: nothing more to load
    assert again.exit_code == 0, again.output
    assert "loaded" not in again.stderr


def test_an_empty_database_is_migrated_without_data(empty_url):
    cli = Cli(empty_url)
    result = cli("db", "upgrade")
    assert result.exit_code == 0 and "loaded" not in result.stdout
