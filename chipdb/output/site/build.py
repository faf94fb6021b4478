"""Building the site: read everything once, render a page per device and per claim, the index,
the claims overview, the article's comparison, and the downloads (the data package, zipped and
as CSV files, and CSV/JSON-LD exports of the tables shown)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from chipdb.domain import lineage, vocab
from chipdb.store import views as db_views
from chipdb.domain.errors import ChipDBError, UsageError
from chipdb.output.site.html import STATIC, environment, inline_svg, script_json, stylesheet

MARKER = ".chipdb-site"
KEEP = (".git", "CNAME", ".nojekyll")  # what publishing adds to the folder: kept by a rebuild
HEADLINE = (("compute", {"precision": "bf16", "sparsity": "dense", "engine": "matrix"}, "BF16 dense compute"),
            ("memory_capacity", {}, "HBM capacity"), ("memory_bandwidth", {}, "HBM bandwidth"))
ARTICLE = ("cloudmatrix-384", "gb200-nvl72")  # the article's comparison: subject, baseline
ARTICLE_METRICS = ["compute", "memory_bandwidth", "memory_capacity", "scaleup_bandwidth", "scaleout_bandwidth",
                   "power", "power_all_in"]
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class SiteSummary:
    directory: Path
    pages: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        return (f"wrote {len(self.pages)} pages and {len(self.downloads)} downloads to {self.directory}"
                + "".join(f"\nnote: {n}" for n in self.notes))


def file_name(key: str, taken: set[str]) -> str:
    """A page name for a slug or key: safe characters only, unique within ``taken``."""
    base = _UNSAFE.sub("-", key).strip(".-") or "item"
    name, n = f"{base}.html", 2
    while name.lower() in taken:
        name, n = f"{base}-{n}.html", n + 1
    taken.add(name.lower())
    return name


def check_target(out: Path) -> None:
    """``out`` must be new, empty, or a site this command wrote before (which is replaced)."""
    from chipdb.store.files import check_folder

    check_folder(out, MARKER, "site")


def build_site(conn: Connection, out: Path, charts: bool = True) -> SiteSummary:
    """Write the site into a new folder beside ``out`` (a symlink's target), then swap it in: a
    failed or interrupted build leaves the published site as it was; a ``.git``, ``CNAME`` or
    ``.nojekyll`` in the old site (a GitHub Pages checkout) is carried over."""
    from chipdb.store.files import replace_folder

    summary = replace_folder(Path(out), MARKER, "site", lambda staging: _build(conn, staging, charts), keep=KEEP)
    summary.directory = Path(out)
    return summary


def _build(conn: Connection, out: Path, charts: bool) -> SiteSummary:
    from chipdb.claims.store import check_claims
    from chipdb.store.knowledge import load_knowledge

    summary = SiteSummary(out)
    env = environment()
    devices = db_views.list_devices(conn)
    sources = {row.key: (row, n) for row, n in db_views.list_sources(conn)}
    datasets = [(row, n) for row, n in sources.values() if row.kind == "dataset"]
    kb, _ = load_knowledge(conn, [d.slug for d, _ in devices]) if devices else (None, [])
    device_pages: dict[str, str] = {}
    taken: set[str] = set()
    for dev, _ in devices:
        device_pages[dev.slug] = "devices/" + file_name(dev.slug, taken)
    results = check_claims(conn)
    claim_pages, taken = {}, set()
    for r in results:
        claim_pages[r.claim.key] = "claims/" + file_name(r.claim.key, taken)
    common = {"site_datasets": datasets, "source_count": len(sources),
              "has_compare": ARTICLE[0] in device_pages and ARTICLE[1] in device_pages}

    def write(path: str, template: str, **context) -> None:
        depth = path.count("/")
        html = env.get_template(template).render(root="../" * depth, **common, **context)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        summary.pages.append(path)

    (out / "site.css").write_text(stylesheet(), encoding="utf-8")
    for name in ("site.js", "favicon.svg"):
        shutil.copyfile(STATIC / name, out / name)
    summary.downloads += _downloads(conn, out, devices, results)

    rows = []
    for dev, aliases in devices:
        cells = [_headline(kb, dev.slug, metric, given) for metric, given, _ in HEADLINE]
        rows.append({"dev": dev, "aliases": aliases, "page": device_pages[dev.slug], "cells": cells})
    write("index.html", "index.html", devices=rows, headline=[h[2] for h in HEADLINE], results=results,
          claim_pages=claim_pages, downloads=summary.downloads, article=ARTICLE[0] in device_pages)

    statements, components = db_views.statements_by_device(conn), db_views.components_by_system(conn)
    about: dict[str, list] = {}
    for r in results:
        for slug in dict.fromkeys((r.claim.subject, r.claim.baseline)):
            about.setdefault(slug, []).append(r)
    for dev, aliases in devices:
        views = statements.get(dev.slug, [])
        cited = [sources[k][0] for k in dict.fromkeys(v.source.key for v in views) if k in sources]
        chart = _device_chart(kb, dev.slug) if charts else None
        write(device_pages[dev.slug], "device.html", dev=dev, aliases=aliases, views=views,
              parts=components.get(dev.id, []), cited=cited, device_pages=device_pages, chart=chart,
              claims=about.get(dev.slug, []), claim_pages=claim_pages)

    from chipdb.output.reports.claims import check_report, claim_review
    from chipdb.output.charts.reports import claims_chart

    for r in results:
        p = r.primary
        trees = [lineage.tree_lines(x) for x in (p.numerator, p.denominator) if x is not None]
        write(claim_pages[r.claim.key], "claim.html", r=r, c=r.claim, p=p, trees=trees,
              jsonld=script_json(claim_review(r)), device_pages=device_pages,
              chart=inline_svg(claims_chart([r], title=r.claim.key, legend=False)) if charts else None)
    overview = check_report(results) if results else None
    write("claims.html", "claims.html", results=results, claim_pages=claim_pages, device_pages=device_pages,
          chart=inline_svg(overview.chart) if charts and overview else None)
    if common["has_compare"]:
        _article_page(conn, write, device_pages, claim_pages, results, charts, summary)
    else:
        summary.notes.append("the article's devices (CloudMatrix 384, GB200 NVL72) are not in this database: "
                             "no comparison page")
    return summary


def _headline(kb, slug: str, metric: str, given: dict[str, str]) -> tuple[str, float | None]:
    """A value for the index table (readable text, number to sort by), or a dash."""
    from chipdb.domain.records import Quals
    from chipdb.domain.resolve import resolve

    if kb is None or metric not in kb.metrics:
        return ("-", None)
    try:
        r = resolve(kb, slug, metric, Quals(**{q: given.get(q, "") for q in vocab.QUALIFIERS}))
    except ChipDBError:
        return ("-", None)
    return (r.readable, r.value)


def _device_chart(kb, slug: str):
    """A roofline of the device at BF16 dense (or the first precision it has), inline; None when
    it has no compute or bandwidth. From the knowledge the site loaded once."""
    from chipdb.analysis.series import roofline_points
    from chipdb.output.charts.reports import roofline_report

    if kb is None or "compute" not in kb.metrics or "memory_bandwidth" not in kb.metrics:
        return None
    for precision in ("bf16", "fp16", "fp8", "int8", "fp32"):
        try:
            points = roofline_points(kb, [slug], precision)
        except ChipDBError:
            continue
        return inline_svg(roofline_report(points, precision, "dense").chart)
    return None


def _article_page(conn, write, device_pages, claim_pages, results, charts: bool, summary: SiteSummary) -> None:
    from chipdb.analysis import values as analysis
    from chipdb.output.reports.analysis import compare_report

    try:
        c = analysis.compare(conn, list(ARTICLE), ARTICLE_METRICS, ["bf16"], baseline=ARTICLE[1])
    except ChipDBError as exc:
        summary.notes.append(f"the comparison page says only why it is empty: {exc}")
        write("compare.html", "compare.html", c=None, problem=str(exc))
        return
    report = compare_report(c)
    related = [r for r in results if {r.claim.subject, r.claim.baseline} == set(ARTICLE)]
    write("compare.html", "compare.html", report=report, c=c, device_pages=device_pages, claim_pages=claim_pages,
          related=related, chart=inline_svg(report.chart) if charts else None, problem="")


def _downloads(conn: Connection, out: Path, devices, results) -> list[str]:
    """The data package (CSV files and one zip), and CSV/JSON-LD of the tables shown."""
    from chipdb.package.export import write_package
    from chipdb.output.registry import render_csv, render_jsonld
    from chipdb.output.reports.browse import devices_report
    from chipdb.output.reports.claims import check_report

    data = out / "data"
    package = data / "package"
    write_package(conn, package)
    files = sorted(package.glob("*.csv"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f in files:  # fixed timestamps: the same database gives the same zip
            info = zipfile.ZipInfo(f"chipdb-package/{f.name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, f.read_bytes())
    (data / "chipdb-package.zip").write_bytes(buf.getvalue())
    with open(data / "devices.csv", "w", encoding="utf-8", newline="") as f:
        render_csv(devices_report(devices), f)
    report = check_report(results)
    with open(data / "claims.csv", "w", encoding="utf-8", newline="") as f:
        render_csv(report, f)
    with open(data / "claims.jsonld", "w", encoding="utf-8") as f:
        render_jsonld(report, f)
    return (["data/chipdb-package.zip", "data/devices.csv", "data/claims.csv", "data/claims.jsonld"]
            + [f"data/package/{f.name}" for f in files])

