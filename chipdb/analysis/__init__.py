"""Services over resolved values: trace, ratio and compare, the audit, and chart data series."""
