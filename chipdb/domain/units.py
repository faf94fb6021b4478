"""Parsing printed values into canonical units, with pint (imported only here, lazily).

Spec sheets print units as pint would not read them: "TFLOPS" (FLOP per second, not the plural of
FLOP), "Gbps", "TeraFLOPS", "Watts". The house registry (units.txt) spells those as aliases, and
its preprocessor (``per_second``) reads a trailing S as per second; it has no pint defaults, so
`b` is a bit and `B` a byte.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from chipdb.domain.numbers import NumberProblem, parse_decimal
from chipdb.domain.vocab import DIMENSIONS


class UnitProblem(NumberProblem):
    """A printed value or unit that cannot be read, or is of the wrong dimension; ``column`` says
    which of the two is at fault."""

    def __init__(self, message: str, column: str = "unit") -> None:
        super().__init__(message)
        self.column = column


_PER_SECOND = re.compile(r"(FLOP|flop|OP|op|Op)[sS]$")  # TFLOPS, TOPS: "S" means per second


def per_second(unit: str) -> str:
    """The registry's preprocessor: "TFLOPS" is TFLOP/s, not the plural of TFLOP, which is how
    pint would read it; every other spelling is a name or an alias in units.txt."""
    return _PER_SECOND.sub(r"\1/s", unit.strip())


@lru_cache(maxsize=1)
def registry():
    import pint

    return pint.UnitRegistry(str(Path(__file__).with_name("units.txt")), cache_folder=None,
                             preprocessors=[per_second])


def to_canonical(value: str, unit: str, dimension: str) -> float:
    """The printed value and unit in the canonical unit of ``dimension`` (e.g. FLOP/s)."""
    try:
        number = parse_decimal(value)
    except NumberProblem as exc:
        raise UnitProblem(str(exc), "value") from None
    result = number * conversion_factor(unit, dimension)
    if not math.isfinite(result):
        raise UnitProblem(f"{value} {unit} is too large (not a finite number in {DIMENSIONS[dimension].unit})", "value")
    return result


@lru_cache(maxsize=4096)
def conversion_factor(unit: str, dimension: str) -> float:
    """How many canonical units of ``dimension`` one printed ``unit`` is (parsed once per spelling):
    read from the table pint made ahead of time (``chipdb/domain/unit_factors.csv``) for the seeds'
    spellings, so pint is imported only for another spelling."""
    if not unit.strip() and dimension == "count":
        return 1.0
    found = ahead_of_time().get((unit, dimension))
    return found if found is not None else pint_factor(unit, dimension)


FACTORS_FILE = Path(__file__).with_name("unit_factors.csv")


@lru_cache(maxsize=1)
def ahead_of_time() -> dict[tuple[str, str], float]:
    """(spelling, dimension) -> factor, as ``python -m chipdb.package.unitfactors`` wrote them."""
    import csv

    with FACTORS_FILE.open(encoding="utf-8", newline="") as f:
        return {(row["unit"], row["dimension"]): float(row["factor"]) for row in csv.DictReader(f)}


def pint_factor(unit: str, dimension: str) -> float:
    """``conversion_factor`` as pint reads it."""
    import pint

    target = DIMENSIONS[dimension]
    reg = registry()
    if not unit.strip() and dimension == "count":
        return 1.0
    try:
        parsed = reg.parse_units(unit)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AttributeError,
            TypeError, ValueError, SyntaxError, AssertionError) as exc:
        raise UnitProblem(f"unknown unit {unit!r} (try e.g. TFLOPS, TOPS, GB, TB/s, GB/s, W, kW)") from exc
    canonical = reg.parse_units(target.pint_unit)
    names = list(reg.parse_units_as_container(unit))  # canonical names: "Gb" is gigabit
    if dimension == "bytes" and len(names) == 1 and names[0].endswith("bit"):
        raise UnitProblem(f"unit {unit!r} is bits, but memory capacity is printed in bytes (GB, GiB, TB); "
                          "if the source means gigabytes, write GB and quote its text in the locator")
    if parsed.dimensionality != canonical.dimensionality:
        raise UnitProblem(
            f"unit {unit!r} is {_dim(parsed)}, but this metric is measured in {target.unit}")
    return float(reg.Quantity(1, parsed).to(canonical).magnitude)


def _dim(unit) -> str:
    dims = str(unit.dimensionality)
    return "a plain count" if dims == "dimensionless" else dims
