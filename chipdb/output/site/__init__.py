"""A static, self-contained HTML site of the whole database (``chipdb site OUT/``): Jinja2
templates with autoescaping, plain JavaScript, inline SVG charts, no request leaves the folder.

``build.build_site`` gathers the data and writes the pages; ``html`` holds the template
environment and the ``html`` renderer (any report as a standalone page), registered here and
imported only when a page is written."""

from chipdb.output.registry import register

register("html", "chipdb.output.site.html:render_html",
         "a standalone HTML page: the table, and the chart if there is one", (".html", ".htm"))


def __getattr__(name: str):
    if name == "build_site":  # imported on use: the registration above must stay light
        from chipdb.output.site.build import build_site

        return build_site
    raise AttributeError(name)


__all__ = ["build_site"]
