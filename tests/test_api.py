"""The public Python API: chipdb.Database and the module functions, on a real database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import chipdb


@pytest.fixture
def db(db_url):
    with chipdb.Database(db_url) as handle:
        yield handle


def test_peak_is_dense_unless_asked_with_value_unit_and_source_records(db):
    dense = db.peak("H100", "compute", precision="bf16")
    assert dense.value == pytest.approx(989.4e12) and dense.unit == "FLOP/s"
    assert dense.qualifiers.sparsity == "dense" and dense.qualifiers.basis == "published"
    assert dense.sources and all(isinstance(s, chipdb.Source) and s.url for s in dense.sources)
    assert dense.lineage.method == dense.method == "stated" and dense.lineage.source == dense.sources[0]
    assert db.peak("H100", precision="bf16", sparsity="sparse").value == pytest.approx(1979e12)


def test_records_are_immutable_and_hashable(db):
    p = db.peak("H100", precision="bf16")
    assert hash(p) == hash(db.peak("H100", precision="bf16")) and {p: 1}[p] == 1
    with pytest.raises(AttributeError):
        p.value = 1.0  # type: ignore[misc]


@pytest.mark.parametrize("metric", ["memory_bandwidth", "memory_capacity", "power"])
def test_metrics_without_sparsity_take_no_dense_default(db, metric):
    p = db.peak("H100", metric)
    assert p.value > 0 and p.qualifiers.sparsity is None
    assert db.ratio("H100", "A100", metric).value > 0


def test_ratio_and_errors_in_domain_words(db):
    r = db.ratio("CM384", "GB200 NVL72", "compute", precision="bf16")
    assert r.value == pytest.approx(300 / 180) and r.numerator.device == "cloudmatrix-384"
    with pytest.raises(chipdb.UsageError, match="compute needs a precision") as err:
        db.peak("H100")
    assert err.value.concept == "precision" and "--" not in str(err.value)
    with pytest.raises(chipdb.NotFound, match="did you mean"):
        db.peak("NVIDIA H100 80GB HBM2", precision="bf16")


def test_compare_check_controls_devices_identify(db):
    c = db.compare(["H100", "A100"], ["compute"], ["bf16"])
    assert c.rows[0].published[0].value == pytest.approx(989.4e12) and c.rows[0].ratios[0] == 1
    (verdict,) = db.check("CloudMatrix 384 has 1.7x the BF16 compute of GB200 NVL72")
    assert verdict.verdict == "holds" and verdict.computed == pytest.approx(300 / 180)
    (h100,) = db.controls(["H100"], as_of="2025-01-01")
    assert h100.tpp is not None and h100.tpp.value > 4800 and h100.paragraph
    assert any(d.slug == "h100-sxm5-80gb" and "H100" in d.aliases for d in db.devices())
    assert db.identify("NVIDIA H100 80GB HBM3").runtime.runtime == "nvidia-smi"


def test_measured_is_a_basis_apart_and_compare_shows_it_beside_published(db):
    published = db.peak("AMD Instinct MI300X", precision="bf16")
    measured = db.peak("AMD Instinct MI300X", precision="bf16", basis="measured")
    assert measured.qualifiers.basis == "measured" and measured.value < published.value
    assert all(s.kind == "measurement" for s in measured.sources)
    row = db.compare(["H100", "MI300X"], ["compute"], ["bf16"]).rows[0]
    assert row.measured[0] is not None and 0 < row.efficiency[0] < 100
    with pytest.raises(chipdb.Unresolvable, match="no measured"):
        db.peak("H20", precision="bf16", basis="measured")


def test_a_handle_keeps_its_engine_and_knowledge(db):
    db.peak("H100", precision="bf16")
    engine = db.engine()
    db.peak("H100", "memory_bandwidth")
    assert db.engine() is engine and list(db._knowledge) == ["h100-sxm5-80gb"]


def test_a_plain_path_is_a_database(engine_name, db_url, tmp_path):
    if engine_name != "sqlite":
        pytest.skip("a path is an SQLite file")
    path = db_url.removeprefix("sqlite:///")
    with chipdb.Database(path) as by_path:
        assert by_path.peak("H100", precision="bf16").value == pytest.approx(989.4e12)
    with pytest.raises(chipdb.SchemaError, match="no directory"):
        chipdb.Database(tmp_path / "missing" / "x.sqlite").peak("H100", precision="bf16")


def test_the_default_database_is_created_with_a_warning_saying_where(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CHIPDB_DATABASE_URL"}
    env.update(XDG_DATA_HOME=str(tmp_path), HOME=str(tmp_path))
    code = "import chipdb, warnings; warnings.simplefilter('default'); print(chipdb.peak('H100', precision='bf16').value)"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "989400000000000.0" in run.stdout
    assert "FirstUseWarning" in run.stderr and "new database" in run.stderr and str(tmp_path) in run.stderr


def test_import_chipdb_does_not_import_sqlalchemy():
    run = subprocess.run([sys.executable, "-c", "import sys, chipdb; print('sqlalchemy' in sys.modules, "
                          "chipdb.__version__)"], capture_output=True, text=True, timeout=60)
    from importlib.metadata import version

    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["False", version("chipdb")]
