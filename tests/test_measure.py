"""chipdb measure: a matmul sweep recorded as a measured statement with its conditions; the CPU
path everywhere, the GPU path where torch sees a device."""

from __future__ import annotations

import time

import pytest

import chipdb


def test_quick_cpu_sweep_records_a_measured_statement_with_its_conditions(cli, db_url):
    start = time.monotonic()
    result = cli("measure", "--quick", "--cpu", "--format", "json")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - start < 60
    db = chipdb.Database(db_url)
    cpu = [d for d in db.devices() if d.kind == "cpu" and d.slug.startswith("cpu-")]
    assert len(cpu) == 1
    p = db.peak(cpu[0].slug, precision="fp32", engine="vector", basis="measured")
    assert p.value > 0 and p.qualifiers.basis == "measured"
    (source,) = p.sources
    assert source.kind == "measurement" and source.key.startswith("measure-")
    shown = cli("sources", "show", source.key)
    for condition in ("best shape", "timed iterations", "aggregation", "numpy", "host", "cache flush"):
        assert condition in shown.output
    with pytest.raises(chipdb.Unresolvable):  # never a published peak
        db.peak(cpu[0].slug, precision="fp32", engine="vector")
    db.close()


def test_measure_refuses_a_format_numpy_lacks(cli):
    result = cli("measure", "--quick", "--cpu", "-p", "bf16")
    assert result.exit_code == 2 and "numpy has no bf16" in result.output


def test_gpu_sweep(cli):
    torch = pytest.importorskip("torch", reason="torch is not installed: the GPU path is tested where it is")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA or ROCm device: the GPU path is tested where one is present")
    result = cli("measure", "--quick", "--no-record", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"backend": "torch-cuda"' in result.output
