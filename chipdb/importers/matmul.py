"""A maximum-achievable-matmul sweep: the best throughput a device reaches on C = A @ B over a
sweep of shapes, in the manner of Bekman's mamf-finder (warm-up, timed iterations, a cache
flush before each, best and median). torch on an accelerator when torch and one are present;
numpy on the CPU otherwise. Returns plain records; ``importers.measurement`` records them."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import Callable

QUICK_SHAPES = ((256, 256, 256), (512, 512, 512), (1024, 1024, 1024))
FULL_SHAPES = tuple((m, n, k) for m in (1024, 2048, 4096) for n in (1024, 2048, 4096) for k in (1024, 2048, 4096))
GPU_SHAPES = tuple((m, n, k) for m in (2048, 4096, 8192) for n in (4096, 8192) for k in (4096, 8192))
TORCH_DTYPES = {"bf16": "bfloat16", "fp16": "float16", "fp32": "float32", "tf32": "float32", "fp64": "float64"}
NUMPY_DTYPES = {"fp32": "float32", "fp64": "float64"}


@dataclass(frozen=True)
class ShapeResult:
    shape: tuple[int, int, int]
    best: float  # FLOP/s of the fastest iteration
    median: float


@dataclass
class Sweep:
    backend: str  # torch-cuda | torch-xpu | numpy-cpu
    device_string: str  # as the runtime reports it
    precision: str
    warmup: int
    iterations: int
    results: list[ShapeResult] = field(default_factory=list)
    conditions: dict[str, str] = field(default_factory=dict)

    @property
    def best(self) -> ShapeResult:
        return max(self.results, key=lambda r: r.best)


def accelerator() -> str | None:
    """"cuda" when torch sees a CUDA or ROCm device, else None (torch is optional)."""
    try:
        import torch  # type: ignore[import-not-found]
    except ImportError:
        return None
    return "cuda" if torch.cuda.is_available() else None


def run(precision: str, quick: bool, backend: str | None = None,
        progress: Callable[[int, int, tuple[int, int, int]], None] = lambda i, n, s: None) -> Sweep:
    """Sweep shapes on ``backend`` ("torch" or "numpy"; default torch on an accelerator, else numpy)."""
    from chipdb.domain.errors import UsageError

    backend = backend or ("torch" if accelerator() else "numpy")
    if backend == "torch":
        if precision not in TORCH_DTYPES:
            raise UsageError(f"torch sweeps {', '.join(TORCH_DTYPES)}, not {precision!r}", "precision")
        return _torch(precision, quick, progress)
    if precision not in NUMPY_DTYPES:
        raise UsageError(f"the CPU sweep (numpy) has {', '.join(NUMPY_DTYPES)}, not {precision!r}; "
                         "numpy has no bf16", "precision")
    return _numpy(precision, quick, progress)


def _numpy(precision: str, quick: bool, progress) -> Sweep:
    import numpy as np

    warmup, iterations = (1, 3) if quick else (3, 10)
    shapes = QUICK_SHAPES if quick else FULL_SHAPES
    sweep = Sweep("numpy-cpu", cpu_name(), precision, warmup, iterations)
    rng = np.random.default_rng(0)
    flush = np.empty(64 * 1024 * 1024 // 8)  # 64 MiB, larger than a CPU's last-level cache
    dtype = getattr(np, NUMPY_DTYPES[precision])
    for i, (m, n, k) in enumerate(shapes):
        progress(i, len(shapes), (m, n, k))
        a, b = rng.random((m, k), dtype=dtype), rng.random((k, n), dtype=dtype)
        times = []
        for it in range(warmup + iterations):
            flush.fill(it)
            t = time.perf_counter()
            np.matmul(a, b)
            if it >= warmup:
                times.append(time.perf_counter() - t)
        sweep.results.append(_result((m, n, k), times))
    progress(len(shapes), len(shapes), shapes[-1])
    sweep.conditions = {"numpy": np.__version__, "blas": _blas(np), **host()}
    return sweep


def _torch(precision: str, quick: bool, progress) -> Sweep:
    import torch

    warmup, iterations = (5, 20) if quick else (50, 100)
    shapes = GPU_SHAPES[:3] if quick else GPU_SHAPES
    dev = torch.device("cuda")
    torch.backends.cuda.matmul.allow_tf32 = precision == "tf32"
    dtype = getattr(torch, TORCH_DTYPES[precision])
    sweep = Sweep("torch-cuda", torch.cuda.get_device_name(dev), precision, warmup, iterations)
    flush = torch.empty(int(256e6), dtype=torch.int8, device=dev)  # 256 MB, larger than any L2
    for i, (m, n, k) in enumerate(shapes):
        progress(i, len(shapes), (m, n, k))
        a, b = torch.randn(m, k, dtype=dtype, device=dev), torch.randn(k, n, dtype=dtype, device=dev)
        times = []
        for it in range(warmup + iterations):
            flush.zero_()
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            torch.mm(a, b)
            end.record()
            torch.cuda.synchronize()
            if it >= warmup:
                times.append(start.elapsed_time(end) / 1000)
        sweep.results.append(_result((m, n, k), times))
        del a, b
    progress(len(shapes), len(shapes), shapes[-1])
    version = torch.version.hip and f"hip {torch.version.hip}" or f"cuda {torch.version.cuda}"
    sweep.conditions = {"torch": torch.__version__, "runtime": version, **host(), **nvml()}
    return sweep


def _result(shape: tuple[int, int, int], times: list[float]) -> ShapeResult:
    m, n, k = shape
    flop = 2 * m * n * k
    return ShapeResult(shape, flop / min(times), flop / statistics.median(times))


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def host() -> dict[str, str]:
    return {"host": platform.node(), "os": platform.platform(), "python": sys.version.split()[0],
            "cpus": str(os.cpu_count() or "")}


def _blas(np) -> str:
    try:
        info = np.show_config(mode="dicts")
        blas = info.get("Build Dependencies", {}).get("blas", {})
        return f"{blas.get('name', '')} {blas.get('version', '')}".strip()
    except Exception:  # an older numpy without mode=; the BLAS is then not recorded
        return ""


def nvml() -> dict[str, str]:
    """Driver, clocks and power limit through NVML (pynvml), when it is installed; else nothing."""
    try:
        import pynvml  # type: ignore[import-not-found]

        pynvml.nvmlInit()
        h = pynvml.nvmlDeviceGetHandleByIndex(0)
        return {"driver": str(pynvml.nvmlSystemGetDriverVersion()),
                "sm_clock_max_mhz": str(pynvml.nvmlDeviceGetMaxClockInfo(h, pynvml.NVML_CLOCK_SM)),
                "power_limit_w": str(pynvml.nvmlDeviceGetEnforcedPowerLimit(h) / 1000)}
    except Exception:  # no pynvml, no NVIDIA driver: the conditions say nvml unavailable
        return {"nvml": "unavailable"}
