"""Charts: the chart specification (plain data), the report builders that make one, and the
matplotlib drawing (imported only when an image is written). The image formats are registered
here, by the layer that draws them."""

from chipdb.output.registry import register

register("png", "chipdb.output.charts.draw:render_png", "a chart image (plot commands, compare, claims check)",
         (".png",), binary=True, needs="chart")
register("svg", "chipdb.output.charts.draw:render_svg",
         "a chart as SVG, deterministic (plot commands, compare, claims check)", (".svg",), needs="chart")
