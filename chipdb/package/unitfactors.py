"""The unit spellings of the shipped seeds, converted by pint ahead of time.

Importing pint and building its registry takes about a third of a second, which an import of a
package spent to convert a handful of spellings (TFLOPS, GB, W) the seeds already use. This
module converts every unit spelling of ``seeds/statements.csv``, for every stored dimension it
fits, with pint itself (``chipdb.domain.units.pint_factor``), into ``chipdb/domain/unit_factors.csv``,
which ``conversion_factor`` reads first: pint is imported only for a spelling the table lacks (or
one it refuses, whose message pint gives). tests/test_unit_factors.py checks that the file is what
this module generates now, so a changed ``units.txt`` cannot go stale:

    python -m chipdb.package.unitfactors      # rewrite chipdb/domain/unit_factors.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from chipdb.domain import units, vocab
from chipdb.package.seed import seeds_dir

TARGET = units.FACTORS_FILE
DIMENSIONS = [d for d in vocab.STORED_DIMENSIONS if vocab.is_quantity(d)]


def spellings(folder: Path | None = None) -> list[str]:
    """The distinct unit spellings of the seeds' statements."""
    with open((folder or seeds_dir()) / "statements.csv", encoding="utf-8", newline="") as f:
        return sorted({row["unit"].strip() for row in csv.DictReader(f)} - {""})


def factors() -> dict[tuple[str, str], float]:
    """(spelling, dimension) -> canonical units per printed unit, where pint converts it."""
    out = {}
    for unit in spellings():
        for dimension in DIMENSIONS:
            try:
                out[(unit, dimension)] = units.pint_factor(unit, dimension)
            except units.UnitProblem:
                continue
    return out


def render() -> str:
    """The table as CSV (unit, dimension, factor), sorted; each factor as Python prints it, which
    reads back as the same float."""
    lines = ["unit,dimension,factor"]
    for (unit, dimension), factor in sorted(factors().items()):
        lines.append(f"{_cell(unit)},{dimension},{factor!r}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return f'"{text}"' if any(c in text for c in ',"\n') else text


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
