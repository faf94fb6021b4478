"""chipdb site: the pages, the downloads, escaping of user data, dataset credits, nothing external.
(The same site in a real browser: tests/test_browser.py.)"""

from __future__ import annotations

import csv
import json
import re
import time
import zipfile
from html.parser import HTMLParser

import pytest


class Links(HTMLParser):
    """Every URL a page loads (scripts, styles, images, icons) and every link it offers."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag in ("script", "img", "iframe") and a.get("src"):
            self.loads.append(a["src"])
        elif tag == "link" and a.get("href"):
            self.loads.append(a["href"])
        self._in_jsonld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_jsonld = False


def parse(path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def site(module_cli, tmp_path_factory):
    """The site of the seeded database, built once per engine for the module's tests (which
    only read it, or work on a copy)."""
    out = tmp_path_factory.mktemp("site") / "site"
    started = time.perf_counter()
    result = module_cli("site", str(out))
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "index.html")
    return out, elapsed


def test_site_has_a_page_per_device_and_claim_and_the_comparison(site, module_cli):
    out, elapsed = site
    listed, claimed = module_cli("list", "-f", "json"), module_cli("claims", "list", "-f", "json")
    assert listed.exit_code == 0 and claimed.exit_code == 0, listed.output + claimed.output
    devices, claims = json.loads(listed.stdout), json.loads(claimed.stdout)
    assert len(list((out / "devices").glob("*.html"))) == len(devices) >= 40
    assert len(list((out / "claims").glob("*.html"))) == len(claims)
    index = (out / "index.html").read_text()
    assert index.count("<tr><td><a href=\"devices/") == len(devices)
    compare = (out / "compare.html").read_text()
    assert "CloudMatrix 384 vs GB200 NVL72" in compare and "2.134x" in compare and "<svg" in compare
    h100 = (out / "devices" / "h100-sxm5-80gb.html").read_text()
    assert "1,979" in h100 and "With sparsity" in h100 and "989.4 TFLOP/s" in h100  # as printed, locators
    assert "<svg" in h100 and 'href="https://' in h100
    nvl = (out / "devices" / "gb200-nvl72.html").read_text()
    assert 'href="../devices/gb200-superchip.html"' in nvl  # components link to their pages
    assert elapsed < 30  # the benchmark holds it to 10 s on the shipped database


def _svg(page):
    import xml.etree.ElementTree as ET

    text = page.read_text(encoding="utf-8")
    return ET.fromstring(text[text.index("<svg"):text.index("</svg>") + 6])  # the inline chart parses


def _marks(svg, tag: str, kind: str) -> int:
    return sum(1 for e in svg.iter(f"{{http://www.w3.org/2000/svg}}{tag}") if e.get("class") == kind)


def test_site_charts_have_a_mark_per_claim_and_per_compared_value(site, module_cli):
    out, _ = site
    checked = module_cli.json("claims", "check", "-f", "json")
    overview = _svg(out / "claims.html")
    assert _marks(overview, "circle", "dot") == sum(1 for c in checked if c["computed"] is not None)
    assert len([t for t in overview.iter("{http://www.w3.org/2000/svg}text") if t.text in {c["claim"] for c in checked}]) \
        == len(checked)  # every claim's key labels its row
    from chipdb.output.site.build import ARTICLE, ARTICLE_METRICS

    compared = module_cli.json("compare", *ARTICLE, "--baseline", ARTICLE[1], "-p", "bf16",
                               *[arg for m in ARTICLE_METRICS for arg in ("-m", m)], "-f", "json")
    compare = _svg(out / "compare.html")
    assert _marks(compare, "rect", "bar") == 2 * len(compared["rows"]) > 0  # a bar per device and row
    assert compare.get("aria-label") == "CloudMatrix 384 relative to GB200 NVL72"
    assert _marks(_svg(out / "devices" / "h100-sxm5-80gb.html"), "circle", "dot") == 1


def test_claim_page_carries_its_claim_review(site):
    out, _ = site
    page = parse(out / "claims" / "article-cm384-compute.html")
    (block,) = page.jsonld
    review = json.loads(block)
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == "差不多在總算力上提升了1.7倍"
    assert review["itemReviewed"]["@type"] == "Claim" and review["reviewRating"]["alternateName"] == "holds"
    text = (out / "claims" / "article-cm384-compute.html").read_text()
    assert "Verdict: <span id=\"verdict\" class=\"verdict holds\">holds</span>" in text
    assert "└─" in text and "semianalysis-cm384-revised" in text  # the lineage tree


def test_every_page_loads_only_files_inside_the_site(site):
    out, _ = site
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        found = parse(page)
        for url in found.loads:
            assert not re.match(r"^[a-z]+:|^//", url), (page.name, url)
            assert (page.parent / url).resolve().is_file(), (page.name, url)
        for url in found.links:
            if not re.match(r"^https?://", url):
                target = (page.parent / url.split("#")[0]).resolve()
                assert target.is_file() and out.resolve() in target.parents, (page.name, url)


def test_downloads_are_the_data_package_and_csv_exports(site, module_cli, tmp_path):
    out, _ = site
    assert module_cli("export", str(tmp_path / "exported")).exit_code == 0
    with zipfile.ZipFile(out / "data" / "chipdb-package.zip") as z:
        names = sorted(z.namelist())
        assert "chipdb-package/statements.csv" in names
        for name in names:
            assert z.read(name) == (tmp_path / "exported" / name.split("/")[1]).read_bytes()
    rows = list(csv.DictReader(open(out / "data" / "claims.csv", encoding="utf-8")))
    assert {r["claim"]: r["verdict"] for r in rows}["article-cm384-memory-capacity"] == "holds"
    assert json.loads((out / "data" / "claims.jsonld").read_text())[0]["@type"] == "ClaimReview"


def test_site_refuses_a_folder_that_is_not_a_site_and_replaces_its_own(module_cli, tmp_path, site):
    import shutil

    cli = module_cli
    out = tmp_path / "site"
    shutil.copytree(site[0], out)  # a copy: the module's other tests read the original
    (out / "stale.html").write_text("old")
    assert cli("site", str(out)).exit_code == 0
    assert not (out / "stale.html").exists()
    other = tmp_path / "mine"
    other.mkdir()
    (other / "thesis.tex").write_text("keep me")
    result = cli("site", str(other))
    assert result.exit_code == 2 and "not empty" in result.stderr
    assert (other / "thesis.tex").read_text() == "keep me"


def test_user_data_is_escaped_and_datasets_are_credited(cli, tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "sources.csv").write_text(
        "key,title,publisher,url,published,retrieved,kind,note\n"
        'evil-dataset,"<script>alert(1)</script> Specs",Some Lab,https://example.org/specs.csv,2025-01-01,,dataset,\n'
        "link-trick,A page,x,javascript:alert(1),2025-01-01,,press,\n", encoding="utf-8")
    (pkg / "devices.csv").write_text("slug,name,vendor,kind,family,released,note\n"
                                     'evil,"<img src=x onerror=alert(1)>",huawei,accelerator,Ascend,2025,\n')
    (pkg / "statements.csv").write_text(
        "device,metric,precision,sparsity,engine,direction,value,unit,status,source,locator,rank,reason,note\n"
        'evil,memory_capacity,,,,,1,TB,published,evil-dataset,"</script><b>row 3</b>",normal,,\n'
        "evil,power,,,,,100,W,published,link-trick,p. 1,normal,,\n", encoding="utf-8")
    result = cli("import", str(pkg))
    assert result.exit_code == 0, result.output  # the javascript: URL is stored as given; the site must not link it
    out = tmp_path / "site"
    assert cli("site", str(out), "--no-charts").exit_code == 0
    index = (out / "index.html").read_text()
    assert "<img src=x" not in index and "&lt;img src=x onerror=alert(1)&gt;" in index
    assert "<script>alert(1)</script>" not in index and "&lt;script&gt;alert(1)&lt;/script&gt; Specs" in index
    assert 'href="https://example.org/specs.csv"' in index and "1 statements" in index  # credited
    page = (out / "devices" / "evil.html").read_text()
    assert "<b>row 3</b>" not in page and "&lt;/script&gt;&lt;b&gt;row 3&lt;/b&gt;" in page
    assert "javascript:" not in page and "link-trick" in page  # the source is named, not linked


def test_html_renderer_writes_a_standalone_escaped_page(cli, tmp_path):
    target = tmp_path / "compare.html"
    result = cli("compare", "CM384", "NVL72", "-m", "memory_capacity", "--baseline", "NVL72", "-o", str(target))
    assert result.exit_code == 0, result.output
    page = target.read_text()
    assert page.startswith("<!doctype html>") and "<table>" in page and "3.672x" in page and "<svg" in page
    assert "<link" not in page and "<script" not in page  # standalone: styles inline, nothing loaded


def test_a_failed_rebuild_leaves_the_published_site_as_it_was(cli, tmp_path, monkeypatch):
    from chipdb.output.site import build as site_build

    out = tmp_path / "published"
    assert cli("site", str(out), "--no-charts").exit_code == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(site_build, "_downloads", broken)
    result = cli("site", str(out), "--no-charts")
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".published.")]


def test_the_site_reads_every_device_in_one_query_as_one_at_a_time(db_url):
    """The site's one load of the statements and components gives each device what the
    per-device reads (``chipdb show``'s) give, in the same order, on both engines."""
    from chipdb.store import views
    from chipdb.store.db import make_engine

    engine = make_engine(db_url)
    with engine.connect() as conn:
        devices = views.list_devices(conn)
        statements, components = views.statements_by_device(conn), views.components_by_system(conn)
        for dev, _ in devices:
            assert statements.get(dev.slug, []) == views.device_statements(conn, dev), dev.slug
            assert components.get(dev.id, []) == views.device_components(conn, dev), dev.slug
    engine.dispose()
    assert sum(len(v) for v in statements.values()) > 1000 and len(components) >= 3
