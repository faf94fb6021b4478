"""One convention for memory capacity: *nominal*, as vendors print it. Pure (no pint).

HBM and DRAM sold as "80 GB" are binary in fact (an H100 holds 80 GiB of HBM3), while AMD's ROCm
tables, AWS's Neuron docs and Google's TPU tables print "GiB" for the same kind of figure. Read
literally, 192 GiB against 80 GB mixes two conventions (2.58x where AMD's own claim is 2.4x). So
chipdb counts every memory capacity in nominal units, on both sides of every ratio and in every
system total, by one named rule:

- a capacity printed with a binary prefix counts as the same number with the decimal prefix
  (192 GiB counts as 192 GB; 1 TiB as 1 TB);
- a capacity printed with a decimal prefix counts as printed (80 GB, 13.4 TB);
- a statement whose note says ``convention: physical`` gives the physical byte count of a binary
  capacity (JAX's 34.4e9 bytes for a 32 GiB TPU v3): it counts as that many binary units, read as
  decimal (34.4e9 B = 32.04 GiB, counted as 32.04 GB).

The stored value is untouched (``show`` still gives 192 GiB as 206.2 GB of bytes); only what a
resolution counts follows the rule, and its lineage says so.
"""

from __future__ import annotations

import re

RULE = "nominal-capacity"
RULE_TEXT = ("memory capacity counted nominally, as vendors print it: a binary-prefixed figure counts as the same "
             "number of decimal units (192 GiB as 192 GB), since memory sold as GB is binary in fact")
PHYSICAL_MARK = "convention: physical"
CAPACITY_DIMENSION = "bytes"

_BINARY_UNIT = re.compile(r"^\s*(Ki|Mi|Gi|Ti|Pi|Ei)(B|bytes?)\s*$")
_POWER = {"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6}
# what one binary unit is against its decimal namesake: 2**10 / 1e3 per step (a GiB is 1.0737 GB)
BINARY_STEPS = tuple((1024 / 1000) ** n for n in range(1, 7))


def printed_unit(printed: str) -> str:
    """The unit of a printed value such as "192 GiB" (everything after the number)."""
    parts = printed.split(None, 1)
    return parts[1] if len(parts) == 2 else ""


def convention(printed: str, note: str) -> str:
    """How a capacity statement was printed: ``binary`` (GiB, TiB), ``physical`` (a byte count of
    a binary capacity, marked in its note) or ``nominal`` (GB, TB: counted as printed)."""
    if PHYSICAL_MARK in (note or ""):
        return "physical"
    return "binary" if _BINARY_UNIT.match(printed_unit(printed)) else "nominal"


def counted(value: float, printed: str, note: str = "") -> tuple[float, str]:
    """The nominal value of a capacity statement, and how the rule counted it (for the lineage)."""
    how = convention(printed, note)
    if how == "binary":
        step = _POWER[_BINARY_UNIT.match(printed_unit(printed)).group(1)]
        return value / BINARY_STEPS[step - 1], f"{printed} counted as {_decimal(printed)} (rule {RULE})"
    if how == "physical":
        step = _physical_step(value)
        if step:
            nominal = value / BINARY_STEPS[step - 1]
            return nominal, (f"{printed} is a physical byte count ({PHYSICAL_MARK}): counted as {nominal:.4g} bytes "
                             f"nominal (rule {RULE})")
    return value, f"{printed} counted as printed (rule {RULE})"


def _physical_step(value: float) -> int:
    step = 0
    while step < len(BINARY_STEPS) and value >= 1024 ** (step + 1):
        step += 1
    return step


def _decimal(printed: str) -> str:
    number, unit = printed.split(None, 1)
    return f"{number} {unit.replace('i', '', 1)}"
