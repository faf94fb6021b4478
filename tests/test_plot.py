"""plot compare|roofline|claims|timeline: PNG and SVG files opened and checked (size, title, labels
in the SVG's text), deterministic output, the CJK fallback, and the data behind each chart."""

from __future__ import annotations

import re
import struct
import warnings
import xml.etree.ElementTree as ET

import pytest

PLOTS = {
    "compare": (["compare", "CM384", "NVL72", "-m", "compute", "-m", "memory_bandwidth", "-m", "memory_capacity",
                 "-p", "bf16", "--baseline", "NVL72"],
                ["CloudMatrix 384 relative to GB200 NVL72", "ratio to GB200 NVL72 (= 1)", "bf16 dense",
                 "memory bandwidth", "2.13x", "1.229 PB/s", "semianalysis-cm384-revised"]),
    "roofline": (["roofline", "H100", "A100", "Ascend 910C", "-p", "bf16"],
                 ["Roofline, bf16 dense", "attainable bf16 dense FLOP/s", "H100 SXM5 80GB", "Ascend 910C",
                  "ridge 295", "arithmetic intensity"]),
    "claims": (["claims", "article-cm384-compute", "article-h20-below-a100-memory-capacity"],
               ["Claims: stated interval, computed value, range over readings", "article-cm384-compute",
                "1.67 (holds)", "(contradicted)"]),
    "timeline": (["timeline", "-m", "compute", "-p", "bf16"],
                 ["Peak compute bf16 dense matrix by release date", "NVIDIA", "Huawei", "H100 SXM5 80GB",
                  "Ascend 910C", "release date"]),
}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def svg_texts(svg: str) -> str:
    """The words of an SVG whose text is drawn as paths: matplotlib keeps each text as a comment."""
    return "\n".join(re.findall(r"<!-- (.*?) -->", svg, re.S))


@pytest.mark.parametrize("name", PLOTS)
def test_plot_writes_png_and_svg_with_title_and_labels(cli, tmp_path, name):
    args, words = PLOTS[name]
    png, svg = tmp_path / f"{name}.png", tmp_path / f"{name}.svg"
    for target in (png, svg):
        result = cli("plot", *args, "-o", str(target))
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
    width, height = png_size(png.read_bytes())
    assert 600 <= width <= 1500 and 200 <= height <= 2000
    text = svg.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # well-formed
    assert root.tag.endswith("svg") and float(root.get("width").rstrip("pt")) > 300
    words_in_svg = svg_texts(text)
    for word in words:
        assert word in words_in_svg, word


@pytest.mark.parametrize("plot, ext", [("compare", "svg"), ("roofline", "png")])
def test_images_are_deterministic_and_undated(cli, tmp_path, plot, ext):
    args = PLOTS[plot][0]
    a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
    assert cli("plot", *args, "-o", str(a)).exit_code == 0
    assert cli("plot", *args, "-o", str(b)).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    if ext == "svg":
        assert "<dc:date>" not in a.read_text()


def test_plot_without_output_is_a_usage_error(cli):
    result = cli("plot", "roofline", "H100", "-p", "bf16")
    assert result.exit_code == 2 and "give -o FILE.png or -o FILE.svg" in result.stderr


def test_plot_svg_to_stdout_and_csv_of_the_same_data(cli):
    result = cli("plot", "roofline", "H100", "-p", "bf16", "--format", "svg")
    assert result.exit_code == 0 and "<svg" in result.stdout
    csv = cli("plot", "roofline", "H100", "A100", "-p", "bf16", "--format", "csv")
    assert csv.exit_code == 0 and "a100-sxm4-80gb" in csv.stdout
    assert "h100-sxm5-80gb,H100 SXM5 80GB,bf16,dense,989400000000000,FLOP/s,3350000000000,B/s" in csv.stdout


def test_a_table_command_refuses_png(cli, tmp_path):
    result = cli("list", "-o", str(tmp_path / "x.png"))
    assert result.exit_code == 2 and "cannot be shown as png" in result.stderr


def test_compare_chart_bars_are_ratios_to_the_baseline_with_sources(cli, db_url):
    from chipdb.analysis import values as analysis
    from chipdb.store.db import make_engine
    from chipdb.output.reports.analysis import compare_report

    engine = make_engine(db_url)
    with engine.connect() as conn:
        c = analysis.compare(conn, ["CM384", "NVL72"], ["compute", "memory_bandwidth"], ["bf16"], "NVL72")
    engine.dispose()
    chart = compare_report(c).chart
    cm, nvl = chart.series
    assert [p.y for p in nvl.points] == [1.0, 1.0]
    assert cm.points[1].y == pytest.approx(1229 / 576, rel=1e-3)
    assert [label.text for label in chart.labels] == ["compute\nbf16 dense matrix", "memory bandwidth"]
    assert "semianalysis-cm384-revised" in chart.footnote and chart.reference == 1.0


def test_roofline_ridge_is_peak_over_bandwidth(cli, db_url):
    from chipdb.store.db import make_engine
    from chipdb.analysis.series import roofline

    engine = make_engine(db_url)
    with engine.connect() as conn:
        (h100,) = roofline(conn, ["H100"], "bf16")
    engine.dispose()
    assert h100.ridge == pytest.approx(989.4e12 / 3.35e12)


def test_timeline_takes_a_sourced_release_date_when_the_device_has_none(cli, db_url, tmp_path):
    from chipdb.store.db import make_engine
    from chipdb.analysis.series import decimal_year, release_dates

    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "devices.csv").write_text("slug,name,vendor,kind,family,released,note\n"
                                     "x9,X9,huawei,accelerator,Ascend,,\n")
    (pkg / "statements.csv").write_text(
        "device,metric,precision,sparsity,engine,direction,value,unit,status,source,locator,rank,reason,note\n"
        "x9,announced,,,,,2025-09-18,,published,register-cm384-2025-07,p. 1,normal,,\n"
        "x9,compute,bf16,dense,matrix,,1,PFLOPS,published,register-cm384-2025-07,p. 1,normal,,\n")
    assert cli("import", str(pkg)).exit_code == 0
    engine = make_engine(db_url)
    with engine.connect() as conn:
        dates = release_dates(conn)
    engine.dispose()
    assert dates["x9"] == ("2025-09-18", "announced: register-cm384-2025-07")
    assert dates["h100-sxm5-80gb"] == ("2022-03-22", "announced: nv-techpowerup-h100-2022-03-22")
    assert dates["a100-sxm4-80gb"][1] != "devices table"  # a sourced released statement before the row's column
    assert dates["grace"] == ("2023", "devices table")  # the column only where nothing is sourced
    assert decimal_year("2024") == 2024.5 and decimal_year("2020-11") == pytest.approx(2020 + 10.5 / 12)
    svg = cli("plot", "timeline", "-m", "compute", "-p", "bf16", "--format", "svg")
    assert svg.exit_code == 0 and "X9" in svg_texts(svg.stdout)


def _claims_svg(results) -> str:
    from chipdb.output.charts import draw as charts
    from chipdb.output.charts.reports import claims_chart

    return charts.svg_text(claims_chart(results))


def test_chinese_claim_text_falls_back_to_the_key_without_warnings(cli, db_url, monkeypatch, capfd):
    from chipdb.output.charts import draw as charts
    from chipdb.claims.store import check_claims
    from chipdb.store.db import make_engine

    engine = make_engine(db_url)
    with engine.connect() as conn:
        results = check_claims(conn, ["article-cm384-compute"])
    engine.dispose()
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        words = svg_texts(_claims_svg(results))
    assert "article-cm384-compute" in words and "提升" not in words
    assert "Glyph" not in capfd.readouterr().err


def test_chinese_claim_text_renders_where_a_cjk_font_is_installed(cli, db_url, capfd):
    from chipdb.output.charts import draw as charts
    from chipdb.claims.store import check_claims
    from chipdb.store.db import make_engine

    if charts.cjk_font() is None:
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk; .ci/run installs it)")
    engine = make_engine(db_url)
    with engine.connect() as conn:
        results = check_claims(conn, ["article-cm384-compute"])
    engine.dispose()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        words = svg_texts(_claims_svg(results))
    assert "差不多在總算力上提升了1.7倍" in words
    assert "missing" not in capfd.readouterr().err
