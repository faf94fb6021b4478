"""Charts: the chart specification (plain data), the report builders that make one, and the
matplotlib drawing (imported only when an image is written)."""
