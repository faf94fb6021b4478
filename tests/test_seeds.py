"""The shipped seed data: every number sourced and located, one dimension per metric, loading
is idempotent, and bad seed files are rejected with file and line while nothing is written."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from chipdb.store import tables as T
from chipdb.store.db import make_engine, session_scope
from chipdb.domain.errors import ValidationFailed
from chipdb.package.seed import load_seeds
from chipdb.domain.units import to_canonical
from chipdb.domain.vocab import DIMENSIONS

from .conftest import SEEDS, table_checksums


def test_every_statement_and_count_has_a_source_with_url_and_locator(db_url):
    engine = make_engine(db_url)
    src = T.sources.c
    with engine.connect() as conn:
        cited = {name: conn.execute(select(table.c.locator, src.key, src.url)
                                    .join(T.sources, table.c.source_id == src.id)).all()
                 for name, table in (("statements", T.statements), ("components", T.components),
                                     ("rule_devices", T.rule_devices))}
    assert len(cited["statements"]) > 300 and len(cited["components"]) >= 5
    for locator, key, url in (row for rows in cited.values() for row in rows):
        assert url.startswith("http"), f"source {key} has no URL"
        assert locator.strip(), f"a row citing {key} has no locator"


def test_no_metric_has_values_of_two_dimensions(db_url):
    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(T.statements, T.metrics.c.key.label("metric_key"), T.metrics.c.dimension)
                            .join(T.metrics, T.statements.c.metric_id == T.metrics.c.id)).all()
    seen: dict[str, set[str]] = {}
    for statement in rows:
        if statement.value is None:
            continue
        # re-parse the printed value: it must land on the metric's dimension and the stored value
        value = to_canonical(statement.value_printed, statement.unit_printed, statement.dimension)
        assert value == pytest.approx(statement.value)
        seen.setdefault(statement.metric_key, set()).add(DIMENSIONS[statement.dimension].unit)
    assert all(len(units) == 1 for units in seen.values()), seen


def test_loading_the_seeds_twice_changes_nothing(db_url):
    before = table_checksums(db_url)
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        report = load_seeds(s)
    engine.dispose()
    assert not report.changed
    assert report.unchanged["statements"] > 300
    assert table_checksums(db_url) == before


@pytest.mark.parametrize("file, line_no, edit, message", [
    ("statements.csv", 2, lambda cells: cells.__setitem__(7, "furlongs"), "unknown unit 'furlongs'"),
    ("statements.csv", 3, lambda cells: cells.__setitem__(7, "GB"), "is [information], but this metric is measured in FLOP/s"),
    ("statements.csv", 4, lambda cells: cells.__setitem__(0, "h999"), "unknown device 'h999'"),
    ("statements.csv", 5, lambda cells: cells.__setitem__(9, "no-such-source"), "unknown source 'no-such-source'"),
    ("statements.csv", 6, lambda cells: cells.__setitem__(2, "fp7"), "'fp7' is not one of"),
    ("components.csv", 2, lambda cells: cells.__setitem__(3, "nope"), "unknown source 'nope'"),
])
def test_a_bad_seed_file_is_rejected_with_file_and_line_and_nothing_is_written(
        db_url, tmp_path, file, line_no, edit, message):
    import csv

    bad = tmp_path / "seeds"
    shutil.copytree(SEEDS, bad)
    with open(bad / file, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    edit(rows[line_no - 1])
    with open(bad / file, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    before = table_checksums(db_url)
    engine = make_engine(db_url)
    with pytest.raises(ValidationFailed) as err:
        with session_scope(engine) as s:
            load_seeds(s, bad)
    engine.dispose()
    text = str(err.value)
    assert f"{file}:{line_no}" in text and message in text, text
    assert table_checksums(db_url) == before


def test_a_duplicate_key_is_rejected(db_url, tmp_path):
    bad = tmp_path / "seeds"
    shutil.copytree(SEEDS, bad)
    lines = (bad / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (bad / "sources.csv").write_text("".join(lines + [lines[1]]), encoding="utf-8")
    engine = make_engine(db_url)
    with pytest.raises(ValidationFailed, match=rf"sources.csv:{len(lines) + 1}: duplicate key key = "):
        with session_scope(engine) as s:
            load_seeds(s, bad)
    engine.dispose()


def test_every_preferred_group_has_one_preferred_statement(db_url):
    engine = make_engine(db_url)
    s_ = T.statements.c
    with session_scope(engine) as s:
        rows = s.execute(select(s_.device_id, s_.metric_id, s_.precision, s_.sparsity, s_.engine, s_.direction)
                         .where(s_.rank == "preferred")).all()
    assert len(rows) == len(set(rows))


def test_every_seeded_group_of_values_names_its_preferred_one():
    import csv
    from collections import defaultdict

    groups = defaultdict(list)
    with open(SEEDS / "statements.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["status"] in ("published", "estimate") and row["rank"] != "deprecated":
                key = tuple(row[c] for c in ("device", "metric", "precision", "sparsity", "engine", "direction"))
                groups[key].append(row)
    for key, rows in groups.items():
        preferred = [r for r in rows if r["rank"] == "preferred"]
        assert len(preferred) == 1, key
        assert preferred[0]["reason"] or len(rows) == 1, f"{key}: a preferred value among several needs a reason"
