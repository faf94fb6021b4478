"""Printed unit spellings read through the registry's aliases (units.txt) and its one preprocessor."""

import pytest

from chipdb.domain import units


@pytest.mark.parametrize("printed, dimension, factor", [
    ("TFLOPS", "compute", 1e12), ("TFLOPs", "compute", 1e12), ("TeraFLOPS", "compute", 1e12), ("TOPS", "compute", 1e12),
    ("Gbps", "bytes_per_second", 1.25e8), ("GBps", "bytes_per_second", 1e9),
    ("Watts", "power", 1.0), ("WATTS", "power", 1.0), ("KiloWatts", "power", 1e3), ("kilowatt", "power", 1e3),
    ("mm²", "area", 1.0),
])
def test_printed_spellings(printed, dimension, factor):
    assert units.conversion_factor(printed, dimension) == pytest.approx(factor)


def test_bits_are_not_memory_capacity():
    with pytest.raises(units.UnitProblem, match="is bits"):
        units.conversion_factor("Gb", "bytes")
    with pytest.raises(units.UnitProblem, match="is \\[information\\] / \\[time\\]"):
        units.conversion_factor("Gbit/s", "bytes")
