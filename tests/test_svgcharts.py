"""The site's charts, written as SVG without matplotlib (chipdb.output.charts.svg): every text as
escaped text, a mark per data point, CJK words kept (shortened with the whole in a tooltip)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from chipdb.output.charts.spec import BARS, INTERVALS, ROOFLINE, TIMELINE, Chart, Label, Point, Series
from chipdb.output.charts.svg import chart_svg

NS = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{NS}text")]


def test_a_roofline_of_one_device_is_drawn_with_its_words():
    chart = Chart(ROOFLINE, "Roofline, bf16 dense", [Series("H100 <SXM>", [Point(295.0, 989.4e12, "989.4 TFLOP/s")])],
                  xlabel="arithmetic intensity", ylabel="attainable FLOP/s", footnote="Sources: a & b")
    svg = chart_svg(chart)
    texts = _texts(svg)  # well-formed XML: the markup in the name is escaped
    assert {"Roofline, bf16 dense", "H100 <SXM>", "989.4 TFLOP/s", "Sources: a & b", "1P", "100T"} <= set(texts)
    assert "<SXM>" not in svg


def test_one_claim_is_drawn_with_its_interval_dot_and_verdict():
    point = Point(0, 1.667, "1.667 (holds)", low=1.65, high=1.75, spread=(1.5, 2.1), style="holds")
    chart = Chart(INTERVALS, "cm384-compute", [Series("claims", [point])], [Label("华为CloudMatrix 384的算力" * 3)],
                  xlabel="ratio", reference=1.0)
    svg = chart_svg(chart)
    root = ET.fromstring(svg)
    assert "1.667 (holds)" in _texts(svg) and "holds" in _texts(svg)
    assert any(c.get("fill") == "#2ca02c" for c in root.iter(f"{NS}circle"))
    labels = [t for t in root.iter(f"{NS}text") if t.text and "华为" in t.text]
    assert labels[0].text.endswith("…")  # shortened, the whole label in a tooltip
    assert labels[0].find(f"{NS}title").text == "华为CloudMatrix 384的算力" * 3


def _marks(svg: str, kind: str, tag: str = "circle") -> list:
    return [e for e in ET.fromstring(svg).iter(f"{NS}{tag}") if e.get("class") == kind]


def test_claims_overview_has_a_row_per_claim_with_its_marks_and_legend():
    points = [Point(0, 1.667, "1.667 (holds)", low=1.65, high=1.75, spread=(1.5, 2.1), style="holds"),
              Point(1, 3.51, "3.51 (overstated)", low=3.8, high=4.2, style="overstated"),
              Point(2, None, "not checkable (no value)", low=2.0, high=float("inf"), style="not checkable"),
              Point(3, 0.47, "0.474 <&> (holds)", low=0.0, high=1.0, style="holds")]
    labels = [Label("article-cm384-compute\n差不多在總算力上提升了1.7倍"), Label("trn2\nfour times higher training"),
              Label("x\n" + "规格略低于A100与H100等旗舰AI芯片" * 2), Label("a<b & c>\n<script>")]
    chart = Chart(INTERVALS, "Claims <all>", [Series("claims", points)], labels, xlabel="ratio",
                  footnote="bar: interval & dot", reference=1.0)
    svg = chart_svg(chart)
    texts = _texts(svg)  # parses: every text escaped
    assert "<script>" not in svg and "a<b & c>" in texts and "<script>" in texts and "0.474 <&> (holds)" in texts
    assert len(_marks(svg, "dot")) == 3  # a dot per computed value, none for the claim without one
    assert len(_marks(svg, "interval", "rect")) == 4 and len(_marks(svg, "spread", "path")) == 1
    assert "not checkable (no value)" in texts and "差不多在總算力上提升了1.7倍" in texts  # CJK kept as text
    long = [t for t in ET.fromstring(svg).iter(f"{NS}text") if t.text and t.text.startswith("规格")]
    assert long[0].text.endswith("…") and long[0].find(f"{NS}title").text == "规格略低于A100与H100等旗舰AI芯片" * 2
    legend = [t for t in texts if t in ("holds", "overstated", "understated", "contradicted", "not checkable")]
    assert legend == ["not checkable", "overstated", "holds"]  # the verdicts seen, once each
    assert ET.fromstring(svg).get("aria-label") == "Claims <all>"


def test_comparison_bars_are_a_bar_per_device_and_metric_with_their_texts():
    labels = [Label("compute\nbf16 dense matrix"), Label("memory bandwidth"), Label("memory capacity")]
    cm = Series("CloudMatrix <384>", [Point(0, 1.667, "300 PFLOP/s\n1.67x"), Point(1, 2.134, "1.229 PB/s\n2.13x"),
                                      Point(2, 3.672, "49.2 TB\n3.67x")])
    nvl = Series("昇腾 & NVL72", [Point(i, 1.0, f"{v}\n1x") for i, v in enumerate(("180 PFLOP/s", "576 TB/s", "13.4 TB"))])
    chart = Chart(BARS, "CloudMatrix <384> relative to NVL72", [cm, nvl], labels, xlabel="metric",
                  ylabel="ratio to NVL72 (= 1)", footnote="Sources: a & b", reference=1.0)
    svg = chart_svg(chart)
    texts = _texts(svg)
    bars = _marks(svg, "bar", "rect")
    assert len(bars) == 6 and [b.get("fill") for b in bars].count("#1f77b4") == 3
    assert {"300 PFLOP/s", "1.67x", "13.4 TB", "1x", "compute", "bf16 dense matrix", "memory capacity"} <= set(texts)
    assert {"CloudMatrix <384>", "昇腾 & NVL72", "Sources: a & b", "ratio to NVL72 (= 1)"} <= set(texts)
    assert "<384>" not in svg
    heights = {b.find(f"{NS}title").text: float(b.get("height")) for b in bars}  # taller for a larger ratio
    assert heights["CloudMatrix <384>, memory capacity: 49.2 TB, 3.67x"] > heights["昇腾 & NVL72, memory capacity: 13.4 TB, 1x"]
    assert heights["CloudMatrix <384>, compute bf16 dense matrix: 300 PFLOP/s, 1.67x"] > 0


def test_anything_else_is_left_to_matplotlib():
    two = [Series("a", [Point(1, 2)]), Series("b", [Point(3, 4)])]
    assert chart_svg(Chart(ROOFLINE, "t", two)) is None
    assert chart_svg(Chart(TIMELINE, "t", two)) is None
    assert chart_svg(None) is None


def test_the_site_draws_its_charts_without_matplotlib(db_url, tmp_path):
    """Every chart of the site is one of the kinds above: a site build never imports matplotlib."""
    import os
    import re
    import subprocess
    import sys

    env = {**os.environ, "CHIPDB_DATABASE_URL": db_url}
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "chipdb", "site", str(tmp_path / "site")],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    names = set(re.findall(r"^import time:.*\|\s+(\S+)$", run.stderr, re.M))
    assert "chipdb.output.charts.svg" in names  # the measurement sees the drawing
    assert not {n for n in names if n.split(".")[0] == "matplotlib"} and "chipdb.output.charts.draw" not in names
    assert (tmp_path / "site" / "compare.html").read_text().count("<svg") >= 1
