"""Property tests (hypothesis): the unit parser, and export/import round trips on generated packages."""

from __future__ import annotations

import csv
import io
import math
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chipdb.domain.units import UnitProblem, registry, to_canonical

PREFIXES = {"": 1.0, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}
UNITS = {  # printed unit -> (dimension, factor to the canonical unit before the prefix)
    "FLOPS": ("compute", 1.0), "FLOP/s": ("compute", 1.0), "OPS": ("compute", 1.0),
    "B": ("bytes", 1.0), "B/s": ("bytes_per_second", 1.0), "b/s": ("bytes_per_second", 0.125),
    "bps": ("bytes_per_second", 0.125), "W": ("power", 1.0),
}
registry()  # load pint's registry once (for spellings not in chipdb/domain/_factors.py), outside Hypothesis's deadline
values = st.decimals(min_value="0.001", max_value="999999", places=3, allow_nan=False, allow_infinity=False)


@given(value=values, prefix=st.sampled_from(sorted(PREFIXES)), unit=st.sampled_from(sorted(UNITS)),
       thousands=st.booleans())
def test_printed_values_parse_to_the_canonical_unit(value, prefix, unit, thousands):
    dimension, factor = UNITS[unit]
    if dimension == "power" and prefix in ("P", "E"):
        prefix = "k"
    printed = f"{value:,}" if thousands else str(value)
    got = to_canonical(printed, prefix + unit, dimension)
    assert got == pytest.approx(float(value) * PREFIXES[prefix] * factor, rel=1e-12)


@given(value=values, unit=st.sampled_from(["TFLOPS", "GB", "TB/s", "W"]),
       dimension=st.sampled_from(["compute", "bytes", "bytes_per_second", "power"]))
def test_a_unit_of_another_dimension_is_always_rejected(value, unit, dimension):
    expected = {"TFLOPS": "compute", "GB": "bytes", "TB/s": "bytes_per_second", "W": "power"}[unit]
    if expected == dimension:
        assert to_canonical(str(value), unit, dimension) > 0
    else:
        with pytest.raises(UnitProblem):
            to_canonical(str(value), unit, dimension)


@given(text=st.text(min_size=1, max_size=8))
def test_only_plain_numbers_parse(text):
    try:
        value = to_canonical(text, "GB", "bytes")
    except UnitProblem:
        return
    assert re.fullmatch(r"\+?[0-9][0-9, ]*(\.[0-9]+)?([eE][+-]?[0-9]+)?", text.strip()), text
    assert value >= 0 and math.isfinite(value)


# -- generated packages -------------------------------------------------------------------------

slug = st.from_regex(r"[a-z][a-z0-9]{2,8}", fullmatch=True)
cell_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
PRINTED = st.tuples(st.integers(min_value=1, max_value=999_999), st.sampled_from(["", ".5", ".25"])).map(
    lambda t: f"{t[0]:,}{t[1]}")


@st.composite
def packages(draw):
    sources = draw(st.lists(slug, min_size=1, max_size=3, unique=True))
    devices = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
    files = {
        "sources.csv": [["key", "title", "publisher", "url", "published", "retrieved", "kind", "note"]]
        + [[f"s-{k}", draw(cell_text).strip() or "t", draw(cell_text), f"https://example.com/{k}", "2025-01-02", "2026-01-01",
            "press", draw(cell_text)] for k in sources],
        "devices.csv": [["slug", "name", "vendor", "kind", "family", "released", "note"]]
        + [[f"d-{d}", f"Device {d}", "nvidia", "accelerator", draw(cell_text), "2025", draw(cell_text)] for d in devices],
    }
    rows, seen = [], set()
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        device, source = draw(st.sampled_from(devices)), draw(st.sampled_from(sources))
        metric, precision, unit = draw(st.sampled_from([
            ("compute", "bf16", "TFLOPS"), ("compute", "fp8", "PFLOPS"), ("memory_capacity", "", "GB"),
            ("memory_bandwidth", "", "TB/s"), ("power", "", "W")]))
        key = (device, metric, precision, source)
        if key in seen:
            continue
        seen.add(key)
        rows.append([f"d-{device}", metric, precision, "dense" if precision else "", "matrix" if precision else "", "",
                     draw(PRINTED), unit, "published", f"s-{source}", draw(cell_text).strip() or "p. 1", "normal", "",
                     draw(cell_text)])
    files["statements.csv"] = [["device", "metric", "precision", "sparsity", "engine", "direction", "value", "unit",
                                "status", "source", "locator", "rank", "reason", "note"]] + rows
    return files


def _write(directory: Path, files: dict[str, list[list[str]]]) -> None:
    from .conftest import SEEDS

    directory.mkdir()
    for name in ("vendors.csv", "metrics.csv"):  # an empty database has neither
        (directory / name).write_bytes((SEEDS / name).read_bytes())
    for name, rows in files.items():
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        (directory / name).write_text(buf.getvalue(), encoding="utf-8")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(package=packages())
def test_generated_packages_round_trip_byte_identical(package, engine_name, postgres):
    from .conftest import Cli

    def fresh_url(tmp: Path, name: str) -> str:
        return f"sqlite:///{tmp / name}.sqlite" if engine_name == "sqlite" else postgres.database()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        _write(tmp / "in", package)
        exports = []
        source = tmp / "in"
        for step in ("a", "b"):
            cli = Cli(fresh_url(tmp, step))
            assert cli("db", "upgrade").exit_code == 0
            result = cli("import", str(source))
            assert result.exit_code == 0, result.output
            assert cli("export", str(tmp / f"out-{step}")).exit_code == 0
            exports.append({p.name: p.read_bytes() for p in sorted((tmp / f"out-{step}").glob("*.csv"))})
            source = tmp / f"out-{step}"
        assert exports[0] == exports[1]
        statements = exports[0]["statements.csv"].decode("utf-8")
        assert statements.count("\n") == len(package["statements.csv"])


claim_keys = st.from_regex(r"[a-z][a-z0-9-]{2,12}", fullmatch=True)
stated = st.decimals(min_value="0.01", max_value="99", places=2).map(str)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=claim_keys, text=cell_text, locator=cell_text, value=stated, kind=st.sampled_from(["ratio", "percent"]),
       assume=st.sampled_from(["", "precision=bf16", "precision=fp8 sparsity=dense"]), package=packages())
def test_every_write_command_round_trips(key, text, locator, value, kind, assume, package, engine_name, postgres,
                                         seeded_templates):
    """Seed (the template), import, claims add: then export -> import into an empty database ->
    export gives the same bytes: whatever a write command accepts, a backup restores."""
    import shutil

    from .conftest import Cli

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if engine_name == "sqlite":
            shutil.copy(seeded_templates("sqlite"), tmp / "db.sqlite")
            url, empty = f"sqlite:///{tmp / 'db.sqlite'}", f"sqlite:///{tmp / 'empty.sqlite'}"
        else:
            url, empty = postgres.database(template=seeded_templates("postgresql")), postgres.database()
        cli = Cli(url)
        _write(tmp / "in", package)
        assert cli("import", str(tmp / "in")).exit_code == 0
        added = cli("claims", "add", f"c-{key}", "--subject", "H100", "--baseline", "A100", "--metric", "compute",
                    "--stated", value, "--kind", kind, "--source", "h100-page-via-notes",
                    "--text", text.strip() or "t", "--locator", locator.strip() or "p. 1", "--assume", assume)
        assert added.exit_code == 0, added.output
        assert cli("export", str(tmp / "a")).exit_code == 0
        fresh = Cli(empty)
        assert fresh("db", "upgrade").exit_code == 0
        restored = fresh("import", str(tmp / "a"))
        assert restored.exit_code == 0, restored.output
        assert fresh("export", str(tmp / "b")).exit_code == 0
        first = {p.name: p.read_bytes() for p in sorted((tmp / "a").glob("*.csv"))}
        assert first == {p.name: p.read_bytes() for p in sorted((tmp / "b").glob("*.csv"))}
        assert f"c-{key}".encode() in first["claims.csv"]
