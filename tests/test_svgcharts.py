"""The site's one-mark charts, written as SVG without matplotlib (chipdb.output.charts.svg)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from chipdb.output.charts.spec import BARS, INTERVALS, ROOFLINE, Chart, Label, Point, Series
from chipdb.output.charts.svg import simple_svg

NS = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{NS}text")]


def test_a_roofline_of_one_device_is_drawn_with_its_words():
    chart = Chart(ROOFLINE, "Roofline, bf16 dense", [Series("H100 <SXM>", [Point(295.0, 989.4e12, "989.4 TFLOP/s")])],
                  xlabel="arithmetic intensity", ylabel="attainable FLOP/s", footnote="Sources: a & b")
    svg = simple_svg(chart)
    texts = _texts(svg)  # well-formed XML: the markup in the name is escaped
    assert {"Roofline, bf16 dense", "H100 <SXM>", "989.4 TFLOP/s", "Sources: a & b", "1P", "100T"} <= set(texts)
    assert "<SXM>" not in svg


def test_one_claim_is_drawn_with_its_interval_dot_and_verdict():
    point = Point(0, 1.667, "1.667 (holds)", low=1.65, high=1.75, spread=(1.5, 2.1), style="holds")
    chart = Chart(INTERVALS, "cm384-compute", [Series("claims", [point])], [Label("华为CloudMatrix 384的算力" * 3)],
                  xlabel="ratio", reference=1.0)
    svg = simple_svg(chart)
    root = ET.fromstring(svg)
    assert "1.667 (holds)" in _texts(svg) and "holds" in _texts(svg)
    assert any(c.get("fill") == "#2ca02c" for c in root.iter(f"{NS}circle"))
    labels = [t for t in root.iter(f"{NS}text") if t.text and "华为" in t.text]
    assert labels[0].text.endswith("…")  # shortened, the whole label in a tooltip
    assert labels[0].find(f"{NS}title").text == "华为CloudMatrix 384的算力" * 3


def test_anything_else_is_left_to_matplotlib():
    two = [Series("a", [Point(1, 2)]), Series("b", [Point(3, 4)])]
    assert simple_svg(Chart(ROOFLINE, "t", two)) is None
    assert simple_svg(Chart(BARS, "t", [Series("a", [Point(0, 1.0)])], [Label("x")])) is None
    assert simple_svg(None) is None
