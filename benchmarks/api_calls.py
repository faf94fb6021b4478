"""Per-call cost of the Python API: a held chipdb.Database against a fresh handle per call (what
every call cost before the handle: engine, schema check and knowledge loaded each time).

    python benchmarks/api_calls.py [DB_PATH_OR_URL]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import chipdb

sys.path.insert(0, str(Path(__file__).parent))
from epoch_import import median_time  # noqa: E402  (one timing helper for the benchmarks)


def main() -> None:
    target = sys.argv[1] if len(sys.argv) > 1 else str(Path(tempfile.mkdtemp()) / "chipdb.sqlite")
    held = chipdb.Database(target)
    held.peak("H100", precision="bf16")  # creates and seeds a new file, once
    cases = {
        "held handle, peak": lambda: held.peak("NVIDIA H100 80GB HBM3", precision="bf16"),
        "held handle, ratio": lambda: held.ratio("CM384", "GB200 NVL72", precision="bf16"),
        "fresh handle per call, peak": lambda: chipdb.Database(target).peak("H100", precision="bf16"),
    }
    for name, fn in cases.items():
        n = 20 if name.startswith("fresh") else 500
        print(f"{name:32} {median_time(fn, n) * 1000:8.3f} ms (median of {n})")


if __name__ == "__main__":
    main()
