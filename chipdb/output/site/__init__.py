"""A static, self-contained HTML site of the whole database (``chipdb site OUT/``): Jinja2
templates with autoescaping, plain JavaScript, inline SVG charts, no request leaves the folder.

``build.build_site`` gathers the data and writes the pages; ``html`` holds the template
environment and the ``html`` renderer (any report as a standalone page)."""

from chipdb.output.site.build import build_site

__all__ = ["build_site"]
