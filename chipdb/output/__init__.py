"""Presentation: the renderer registry, report builders, charts and the static site."""
