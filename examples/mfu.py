"""Model FLOPs utilisation with chipdb's dense peak for the current device (a user-style script,
checked by mypy --strict in tests/test_typing.py)."""

from __future__ import annotations

import chipdb


def mfu(device_name: str, model_flops_per_step: float, step_seconds: float, db: chipdb.Database) -> float:
    peak = db.peak(device_name, "compute", precision="bf16")  # dense: never the 2:4-sparse rate
    return model_flops_per_step / step_seconds / peak.value


def main() -> None:
    db = chipdb.Database.default()
    try:
        import torch  # type: ignore[import-not-found, unused-ignore]

        name: str = torch.cuda.get_device_name() if torch.cuda.is_available() else "NVIDIA H100 80GB HBM3"
    except ImportError:
        name = "NVIDIA H100 80GB HBM3"
    peak = db.peak(name, precision="bf16")
    sources = ", ".join(s.key for s in peak.sources)
    print(f"{peak.name}: {peak.value / 1e12:.1f} TFLOP/s dense bf16 ({sources})")
    print(f"MFU of a 6e15 FLOP step in 10 s: {mfu(name, 6e15, 10.0, db):.1%}")
    try:
        db.peak("gfx942", precision="bf16")
    except chipdb.Ambiguous as exc:
        print("ambiguous:", ", ".join(exc.candidates))


if __name__ == "__main__":
    main()
