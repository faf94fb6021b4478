"""Parsing printed values into canonical units, with pint (imported only here, lazily).

Spec sheets print units pint cannot read as they are: "TFLOPS" (FLOP per second, not the plural
of FLOP), "Gbps", "teraFLOPS". ``normalize_unit`` rewrites those spellings; the house registry
(units.txt) has no pint defaults, so `b` is a bit and `B` a byte.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from .vocab import DIMENSIONS


class UnitProblem(ValueError):
    """A printed value or unit that cannot be read, or is of the wrong dimension."""


_PER_SECOND = re.compile(r"(FLOP|flop|OP|op|Op)[sS]$")  # TFLOPS, TOPS: "S" means per second
_PS = re.compile(r"(?<=[A-Za-z])ps$")  # Gbps, GBps
_WORD_PREFIX = re.compile(r"^(Kilo|Mega|Giga|Tera|Peta|Exa)(?=[A-Za-z])")  # TeraFLOPS
_WORDS = {"watts": "W", "watt": "W", "kilowatts": "kW", "kilowatt": "kW"}
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$")  # "9,7" or "3,35": a decimal comma, as in European sources
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d{1,3}( \d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$")


@lru_cache(maxsize=1)
def registry():
    import pint

    return pint.UnitRegistry(str(Path(__file__).with_name("units.txt")), cache_folder=None)


def normalize_unit(text: str) -> str:
    unit = text.strip()
    unit = _WORDS.get(unit.lower(), unit)
    unit = _WORD_PREFIX.sub(lambda m: m.group(1).lower(), unit)
    unit = _PER_SECOND.sub(r"\1/s", unit)
    unit = _PS.sub("/s", unit)
    return unit.replace("²", "^2")


def parse_number(text: str) -> float:
    """A number as printed: thousands separators allowed ("1,979", "7 200"), and a decimal comma
    with one or two decimals ("9,7", "3,35"); nothing else."""
    printed = text.strip()
    if _DECIMAL_COMMA.match(printed):
        return float(printed.replace(",", "."))
    if not _NUMBER.match(printed):
        raise UnitProblem(f"{text!r} is not a plain number (write e.g. 1979, 1,979 or 3.35)")
    value = float(printed.replace(",", "").replace(" ", ""))
    if not math.isfinite(value):
        raise UnitProblem(f"{text!r} is not a finite number")
    if value < 0:
        raise UnitProblem(f"{text!r} is negative")
    return value


def to_canonical(value: str, unit: str, dimension: str) -> float:
    """The printed value and unit in the canonical unit of ``dimension`` (e.g. FLOP/s)."""
    return parse_number(value) * conversion_factor(unit, dimension)


@lru_cache(maxsize=4096)
def conversion_factor(unit: str, dimension: str) -> float:
    """How many canonical units of ``dimension`` one printed ``unit`` is (parsed once per spelling)."""
    import pint

    target = DIMENSIONS[dimension]
    reg = registry()
    spelled = normalize_unit(unit)
    if not spelled and dimension == "count":
        return 1.0
    try:
        parsed = reg.parse_units(spelled)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AttributeError,
            TypeError, ValueError, SyntaxError, AssertionError) as exc:
        raise UnitProblem(f"unknown unit {unit!r} (try e.g. TFLOPS, TOPS, GB, TB/s, GB/s, W, kW)") from exc
    canonical = reg.parse_units(target.pint_unit)
    if parsed.dimensionality != canonical.dimensionality:
        raise UnitProblem(
            f"unit {unit!r} is {_dim(parsed)}, but this metric is measured in {target.unit}"
        )
    return float(reg.Quantity(1, parsed).to(canonical).magnitude)


def _dim(unit) -> str:
    dims = str(unit.dimensionality)
    return "a plain count" if dims == "dimensionless" else dims
