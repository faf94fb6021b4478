"""The importer registry and Epoch's column table, without a database."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from chipdb.domain.errors import UsageError
from chipdb.importers import IMPORTERS, choose
from chipdb.importers.common import without_vendor
from chipdb.importers.epoch import _BY_FOLDED, COLUMNS, _cell

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_the_format_is_told_from_the_header():
    assert choose(DATA / "epoch_ml_hardware_excerpt.csv", None).name == "epoch"
    assert choose(DATA / "epoch_ml_hardware_old_columns.csv", None).name == "epoch"
    assert choose(SEEDS, None).name == "package"
    assert choose(SEEDS / "statements.csv", None).name == "package"
    assert choose(SEEDS, "package").name == "package"


def test_every_importer_is_listed_in_the_usage_error(tmp_path):
    other = tmp_path / "chips.csv"
    other.write_text("name,flops\nX1,1\n", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        choose(other, None)
    assert all(f"{name} (" in str(err.value) for name in IMPORTERS)


def test_what_is_not_a_csv_file_goes_to_the_package_reader_which_names_the_problem():
    assert choose(Path("/dev/null"), None).name == "package"
    assert choose(DATA / "EPOCH-ATTRIBUTION.md", None).name == "package"
    assert choose(DATA / "nowhere", None).name == "package"


def test_every_column_of_the_excerpt_is_known_and_mapped_by_name():
    with (DATA / "epoch_ml_hardware_excerpt.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert [h for h in header if h.casefold() not in _BY_FOLDED] == []
    assert COLUMNS["Tensor-FP16/BF16 performance (FLOP/s)"].precision == "bf16"
    assert COLUMNS["Tensor-FP16/BF16 performance (FLOP/s)"].engine == "matrix"
    assert COLUMNS["FP16 (half precision) performance (FLOP/s)"].engine == "vector"
    assert _BY_FOLDED["memory size per board (byte)"] == "Memory (bytes)"


@pytest.mark.parametrize("text", ["", " ", "inf", "Infinity", "-inf", "NaN"])
def test_blank_and_infinite_cells_are_empty(text):
    assert _cell(text) == ""


def test_a_vendor_word_is_dropped_for_matching():
    assert without_vendor("NVIDIA H100 SXM5 80GB", "NVIDIA") == "H100 SXM5 80GB"
    assert without_vendor("Amazon Trainium3", "Amazon AWS") == "Trainium3"
    assert without_vendor("MT-3000", "National University of Defense Technology") == "MT-3000"


def test_epoch_is_detected_by_current_and_earlier_header_names():
    from pathlib import Path

    from chipdb.importers import _is_epoch

    assert _is_epoch(Path("x.csv"), ["Hardware name", "Manufacturer"])
    assert _is_epoch(Path("x.csv"), ["Name of the hardware", "Release year", "Memory size per board (Byte)"])
    assert not _is_epoch(Path("x.csv"), ["device", "metric"])
