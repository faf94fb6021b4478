"""The controlled vocabularies: qualifiers, statuses, ranks, kinds and measurement dimensions.

Pure data, imported by the loader, the resolver and the CLI alike, so a qualifier is spelled
the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

PRECISIONS = ("fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "fp6", "fp4", "int8", "int4")
SPARSITIES = ("dense", "sparse")
ENGINES = ("matrix", "vector")
# "unstated": the source gives a link rate without saying which; never compared with the others
DIRECTIONS = ("unidirectional", "bidirectional", "unstated")
STATUSES = ("published", "estimate", "not_applicable", "not_published", "measured")
# A published peak (or an estimate of one): what resolution, claims and the audit use.
VALUED_STATUSES = ("published", "estimate")
# A measured throughput (a benchmark run): kept apart, used only when the measured basis is asked for.
MEASURED = "measured"
STATUSES_WITH_VALUE = (*VALUED_STATUSES, MEASURED)
BASES = ("published", "measured")
# Which total a system with a stated and a derived one uses.
PREFERENCES = ("stated", "derived")
RANKS = ("preferred", "normal", "deprecated")
SOURCE_KINDS = ("vendor_datasheet", "vendor_page", "analysis", "press", "paper", "measurement", "dataset",
                "regulation", "filing")
DEVICE_KINDS = ("accelerator", "cpu", "system")
# Where a product stands, as the `status` metric states it (a sourced statement, not a device column).
LIFECYCLE = ("shipping", "announced", "cancelled")

# Qualifier columns of a statement, in the order they are shown and keyed.
QUALIFIERS = ("precision", "sparsity", "engine", "direction")
QUALIFIER_VALUES = {
    "precision": PRECISIONS,
    "sparsity": SPARSITIES,
    "engine": ENGINES,
    "direction": DIRECTIONS,
}


@dataclass(frozen=True)
class Dimension:
    """A measurement dimension: its canonical (SI base) unit, its pint dimensionality, display scale."""

    key: str
    unit: str  # canonical unit as stored and as written in JSON
    pint_unit: str  # the same unit in the pint registry's spelling
    prefixes: tuple[tuple[float, str], ...]  # display scale: (factor, unit label), largest first


_SI = ((1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1.0, ""))

DIMENSIONS = {
    d.key: d
    for d in (
        Dimension("compute", "FLOP/s", "FLOP/s", tuple((f, f"{p}FLOP/s") for f, p in _SI)),
        Dimension("bytes", "B", "byte", tuple((f, f"{p}B") for f, p in _SI)),
        Dimension("bytes_per_second", "B/s", "byte/s", tuple((f, f"{p}B/s") for f, p in _SI)),
        Dimension("power", "W", "watt", tuple((f, f"{p}W") for f, p in _SI[-3:])),
        Dimension("count", "1", "dimensionless", ((1e9, " billion"), (1e6, " million"), (1.0, ""))),
        Dimension("area", "mm^2", "millimeter**2", ((1.0, "mm²"),)),
        # the export rules' total processing performance (a number) and performance density (per mm²)
        Dimension("tpp", "1", "dimensionless", ((1.0, ""),)),
        Dimension("pd", "1/mm^2", "1/millimeter**2", ((1.0, "per mm²"),)),
        # derived ratios, never stored
        Dimension("flop_per_joule", "FLOP/J", "FLOP/J", tuple((f, f"{p}FLOP/J") for f, p in _SI)),
        Dimension("byte_per_joule", "B/J", "byte/J", tuple((f, f"{p}B/J") for f, p in _SI)),
        Dimension("byte_per_watt", "B/W", "byte/W", tuple((f, f"{p}B/W") for f, p in _SI)),
        Dimension("byte_per_flop", "B/FLOP", "byte/FLOP", ((1.0, "B/FLOP"),)),
        Dimension("flop_per_byte", "FLOP/B", "FLOP/byte", ((1.0, "FLOP/B"),)),
    )
}
# Descriptive dimensions: the value is the printed text itself (a process node, a memory type, a
# lifecycle status) or a calendar date; nothing is converted, added up or divided.
DESCRIPTIVE_DIMENSIONS = ("text", "date")
STORED_DIMENSIONS = ("compute", "bytes", "bytes_per_second", "power", "count", "area", *DESCRIPTIVE_DIMENSIONS)
# Descriptive metrics whose text is one of a fixed set.
TEXT_CHOICES = {"status": LIFECYCLE}


def is_quantity(dimension: str) -> bool:
    return dimension not in DESCRIPTIVE_DIMENSIONS


# Metrics computed as a ratio of two resolved metrics, never stored.
@dataclass(frozen=True)
class DerivedMetric:
    """A ratio of two resolved metrics, usable wherever a metric is."""

    key: str
    name: str
    numerator: str
    denominator: str
    dimension: str


DERIVED = {
    d.key: d for d in (
        DerivedMetric("compute_per_watt", "Compute per watt", "compute", "power", "flop_per_joule"),
        DerivedMetric("compute_per_watt_all_in", "Compute per watt of all-in system power", "compute",
                      "power_all_in", "flop_per_joule"),
        DerivedMetric("memory_bandwidth_per_watt_all_in", "Memory bandwidth per watt of all-in system power",
                      "memory_bandwidth", "power_all_in", "byte_per_joule"),
        DerivedMetric("memory_capacity_per_watt_all_in", "Memory capacity per watt of all-in system power",
                      "memory_capacity", "power_all_in", "byte_per_watt"),
        DerivedMetric("bytes_per_flop", "Memory bandwidth per FLOP", "memory_bandwidth", "compute", "byte_per_flop"),
        DerivedMetric("ridge_point", "Roofline ridge point (FLOP per byte)", "compute", "memory_bandwidth",
                      "flop_per_byte"),
    )
}



def int_precision(precision: str) -> bool:
    """Integer formats are counted in operations (OP/s), float formats in FLOP/s."""
    return precision.startswith("int")


def format_quantity(value: float | None, dimension: str, precision: str = "") -> str:
    """A value in its canonical unit as a readable string: 989.4 TFLOP/s, 3.35 TB/s, 700 W."""
    if value is None:
        return "-"
    if dimension == "tpp":  # a plain number, as the rule prints its lines: 15,832
        return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"
    dim = DIMENSIONS[dimension]
    for factor, label in dim.prefixes:
        if abs(value) >= factor or factor == dim.prefixes[-1][0]:
            scaled = value / factor
            break
    text = f"{scaled:.4g}" if abs(scaled) < 1e4 else f"{scaled:,.0f}"
    if label.startswith(" "):  # a count in words: 208 billion
        return f"{text}{label}"
    if dimension == "compute" and int_precision(precision):
        label = label.replace("FLOP/s", "OP/s")
    return f"{text} {label}".rstrip()


def canonical_unit(dimension: str, precision: str = "") -> str:
    if not is_quantity(dimension):
        return ""
    unit = DIMENSIONS[dimension].unit
    if dimension == "compute" and int_precision(precision):
        return "OP/s"
    return unit


def article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


@lru_cache(maxsize=65536)  # an import looks the same names up again and again
def normalize_name(text: str) -> str:
    """The key a device name is looked up by: NFKC (full-width Ｈ１００ is H100), lower case,
    letters and digits only."""
    import unicodedata

    return "".join(filter(str.isalnum, unicodedata.normalize("NFKC", text).casefold()))


# --- export controls (ECCN 3A090): the words of the rule data --------------------------------

# Parameters a threshold of a rule may name. The first group chipdb computes; the others are kept
# as the rule states them and shown as not evaluated (chipdb has no statements for them).
CONTROL_METRICS = ("tpp", "pd")  # resolvable in trace: total processing performance, performance density
CONTROL_PARAMETERS_EVALUATED = ("tpp", "pd", "io_rate", "bitlen_x_tops")
CONTROL_PARAMETERS = CONTROL_PARAMETERS_EVALUATED + (
    "digital_pcu_bitlen_x_tops", "analog_pcu_tops_x8", "combined_units", "memory_bandwidth_density",
    "designed_or_marketed_for_datacenters", "contains_ic_meeting")
CONTROL_COMPARISONS = (">=", ">", "<", "<=", "=")
# The dimension a numeric parameter's value and unit are converted to ("" = a plain number).
CONTROL_PARAMETER_DIMENSIONS = {"tpp": "", "pd": "", "bitlen_x_tops": "", "io_rate": "bytes_per_second"}
# Bit length of the operation per precision: the one table, used for TPP (15 CFR 774, 3A090
# Technical Note: "the largest bit-length of the inputs to the multiply operation") and by the
# audit's precision order. TF32 is counted at 32: its inputs are FP32-format 32-bit operands (the
# tensor core keeps 19 of their bits), and the note counts the inputs' bit length, not the bits
# the multiplier uses; the rule's notes do not name TF32. A tf32 rate is then never checked against
# an fp32 one by the audit (equal lengths), only against the 16-bit and shorter formats.
BIT_LENGTHS = {"fp64": 64, "fp32": 32, "tf32": 32, "bf16": 16, "fp16": 16, "fp8": 8, "fp6": 6, "fp4": 4,
               "int8": 8, "int4": 4}
