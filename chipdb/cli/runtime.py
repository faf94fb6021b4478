"""identify and measure: devices as runtimes name them, and measured matmul throughput."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from chipdb.cli._app import app
from chipdb.cli.common import DbOption, FormatOption, OutputOption, command, emit, reading, writing


@command(app, "identify")
def identify(ctx: typer.Context,
             strings: Annotated[list[str], typer.Argument(help="Device strings as a runtime reports them: "
                                                          "torch.cuda.get_device_name(), nvidia-smi, rocminfo, "
                                                          "gcnArchName, JAX device_kind, Neuron names.")],
             db: DbOption = None, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """Which device each string names, and where the string was seen. A string that several
    devices report is an error listing them and what decides; an unknown one gets the closest names."""
    from chipdb.domain.errors import ChipDBError, NotFound
    from chipdb.output.registry import Report
    from chipdb.store.lookup import identify as lookup

    rows, errors = [], []
    with reading(ctx, db) as s:
        for text in strings:
            try:
                i = lookup(s, text)
            except ChipDBError as exc:
                errors.append(str(exc))
                rows.append([text, "-", "-", "ambiguous" if not isinstance(exc, NotFound) else "unknown", "", "", ""])
                continue
            how = i.runtime or "slug, name or alias"
            if i.spelled:  # matched by its reading: say which recorded string or name it reads like
                how = f"spelling of {i.string!r} ({i.runtime})" if i.string else "spelling of its name or alias"
            share = f"1 of {i.per_chip} per chip ({i.source.key if i.source else ''})" if i.per_chip > 1 else "chip"
            rows.append([text, i.device.slug, i.device.name, how, i.seen_at, share, i.note])
    emit(Report(["string", "device", "name", "found as", "seen at", "runtime device is", "note"], rows), fmt, output)
    if errors:
        raise ChipDBError("\n".join(errors))


@command(app, "measure")
def measure(ctx: typer.Context,
            precision: Annotated[Optional[str], typer.Option("--precision", "-p", help=(
                "bf16, fp16, fp32, tf32 or fp64 with torch; fp32 or fp64 on the CPU. Default: bf16 on an "
                "accelerator, fp32 on the CPU."))] = None,
            quick: Annotated[bool, typer.Option("--quick", help="Three shapes and few iterations (under a "
                                                "minute on a CPU).")] = False,
            device: Annotated[Optional[str], typer.Option("--device", help=(
                "The device to record the result for (name, slug or runtime string); default: what the "
                "runtime reports."))] = None,
            cpu: Annotated[bool, typer.Option("--cpu", help="Sweep with numpy on the CPU even when an "
                                              "accelerator is present.")] = False,
            record: Annotated[bool, typer.Option("--record/--no-record", help="Write the measured statement "
                                                 "to the database (default) or only print it.")] = True,
            db: DbOption = None, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """Maximum achievable matmul: sweep shapes (warm-up, timed iterations, a cache flush before
    each), keep the best and the median, and record the best as a measured statement whose source
    is this run and its conditions. Measured values are kept apart from published peaks: see them
    with trace --basis measured and in compare."""
    from chipdb.importers import matmul
    from chipdb.output.registry import Report

    backend = "numpy" if cpu or not matmul.accelerator() else "torch"
    precision = precision or ("bf16" if backend == "torch" else "fp32")
    sweep = matmul.run(precision, quick, backend, _progress_bar())
    best = sweep.best
    rows = [["x".join(map(str, r.shape)), f"{r.best / 1e12:.4g}", f"{r.median / 1e12:.4g}"] for r in sweep.results]
    footer = [f"best: {best.best / 1e12:.4g} TFLOP/s at {'x'.join(map(str, best.shape))} on {sweep.device_string} "
              f"({sweep.backend}, {precision})"]
    if record:
        from chipdb.importers.measurement import measurement_package
        from chipdb.package.load import load_package

        def work(conn):
            pkg, slug, key = measurement_package(conn, sweep, device)
            load_package(conn, pkg, f"chipdb measure {key}")
            return slug, key

        slug, key = writing(ctx, db, work)
        footer.append(f"recorded: {slug} compute {precision} measured, source {key} (chipdb sources show {key})")
    emit(Report(["shape (MxNxK)", "best TFLOP/s", "median TFLOP/s"], rows, footer=footer,
                data={"device_string": sweep.device_string, "backend": sweep.backend, "precision": precision,
                      "best_flops": best.best, "best_shape": list(best.shape), "conditions": sweep.conditions,
                      "shapes": [{"shape": list(r.shape), "best_flops": r.best, "median_flops": r.median}
                                 for r in sweep.results]}), fmt, output)


def _progress_bar():
    """A one-line bar on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return lambda i, n, shape: None

    def show(i: int, n: int, shape: tuple[int, int, int]) -> None:
        filled = int(30 * i / n)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {i}/{n} {'x'.join(map(str, shape))}   ")
        if i == n:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
