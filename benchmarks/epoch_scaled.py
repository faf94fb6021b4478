"""A larger Epoch AI ML hardware file for scaling runs: the real rows repeated, each copy's
hardware name made unique (" copyNx"), so every row past the first copy creates a device."""

from __future__ import annotations

import csv
from pathlib import Path


def scaled_epoch(source: Path, rows: int, target: Path) -> Path:
    with source.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        body = [r for r in reader if r]
    name = header.index("Hardware name")
    with target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for i in range(rows):
            row = list(body[i % len(body)])
            if i >= len(body):
                row[name] = f"{row[name]} copy{i // len(body)}x"
            writer.writerow(row)
    return target
