"""The public Python API: chipdb.peak and chipdb.ratio on a real database."""

from __future__ import annotations

import pytest

import chipdb
from chipdb.domain.errors import NotFound, UsageError


def test_peak_is_dense_unless_asked_with_value_unit_and_sources(db_url):
    dense = chipdb.peak("H100", "compute", precision="bf16", db=db_url)
    assert dense.value == pytest.approx(989.4e12) and dense.unit == "FLOP/s"
    assert dense.qualifiers["sparsity"] == "dense" and dense.sources and dense.lineage["method"] == dense.method
    sparse = chipdb.peak("H100", "compute", precision="bf16", sparsity="sparse", db=db_url)
    assert sparse.value == pytest.approx(1979e12)


def test_ratio_and_errors_in_domain_words(db_url):
    r = chipdb.ratio("CM384", "GB200 NVL72", "compute", precision="bf16", db=db_url)
    assert r.value == pytest.approx(300 / 180) and r.numerator.device == "cloudmatrix-384"
    with pytest.raises(UsageError, match="compute needs a precision") as err:
        chipdb.peak("H100", db=db_url)
    assert err.value.concept == "precision" and "--" not in str(err.value)
    with pytest.raises(NotFound):
        chipdb.peak("no such chip", precision="bf16", db=db_url)
