"""The site in a real browser: Debian's chromium, headless, driven by Playwright (pointed at the
installed executable; Playwright's own browser download is not used). Skipped, with one reason,
where chromium or Playwright is missing; .ci/run installs chromium."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from .conftest import SEEDS, SHARED, pinned_problem

CHROMIUM = os.environ.get("CHIPDB_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason="browser tests need chromium (Debian: apt-get install chromium; .ci/run installs it) "
           "and Playwright (pip install '.[test]')")


@pytest.fixture(scope="module")
def site(seeded_templates, tmp_path_factory) -> Path:
    from chipdb.store.db import make_engine
    from chipdb.output.site import build_site

    work = tmp_path_factory.mktemp("browser")
    db = work / "chipdb.sqlite"
    shutil.copy(seeded_templates("sqlite"), db)
    engine = make_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        build_site(conn, work / "site")
    engine.dispose()
    return work / "site"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page that records console errors, uncaught exceptions and every request it makes."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"exception: {e}"))
        # a request cut short by the next navigation (the icon, fetched after "load") is not a failure
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url} {r.failure}")
                     if "ERR_ABORTED" not in (r.failure or "") else None)
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: Path):
        self.page.goto(path.as_uri(), wait_until="load")
        return self.page


def test_every_page_loads_without_errors_or_outside_requests(site, browser):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    w = Watched(browser)
    for path in pages:
        w.open(path)
    folder = site.resolve().as_uri() + "/"
    assert w.errors == []
    outside = [u for u in w.requests if not u.startswith(folder)]
    assert outside == []
    assert len(w.requests) >= 3 * len(pages)  # page, stylesheet, script (and icon): the watch works
    w.page.close()


def _listed(site: Path):
    from chipdb.store.db import make_engine
    from chipdb.store.views import list_devices

    engine = make_engine(f"sqlite:///{site.parent / 'chipdb.sqlite'}")
    with engine.connect() as conn:
        found = list_devices(conn)
    engine.dispose()
    return found


def test_index_filter_narrows_the_rows_and_headings_sort(site, browser):
    w = Watched(browser)
    page = w.open(site / "index.html")
    devices = list(csv.DictReader(open(SEEDS / "devices.csv", encoding="utf-8")))
    huawei = [d for d in devices if d["vendor"] == "huawei"]
    hopper = [d for d in devices if d["vendor"] == "nvidia" and d["family"] == "Hopper"]
    rows = page.locator("#device-table tbody tr")
    assert rows.count() == len(devices) and page.locator("#device-table tbody tr:visible").count() == len(devices)
    page.fill("#filter", "huawei")
    visible = page.locator("#device-table tbody tr:visible")
    assert visible.count() == len(huawei)
    assert sorted(visible.locator("td:nth-child(3)").all_inner_texts()) == ["Huawei"] * len(huawei)
    assert page.locator("[data-count-for='device-table']").inner_text() == f"{len(huawei)} of {len(devices)}"
    page.fill("#filter", "nvidia hopper")
    assert page.locator("#device-table tbody tr:visible").count() == len(hopper)
    page.fill("#filter", "")
    page.click("#device-table th:has-text('Released')")
    released = page.locator("#device-table tbody tr td:nth-child(5)").all_inner_texts()
    dated = sorted(d.released for d, _ in _listed(site) if d.released)  # the one date `chipdb list` shows
    assert [r for r in released if r] == dated
    page.click("#device-table th:has-text('Released')")
    assert page.locator("#device-table tbody tr td:nth-child(5)").all_inner_texts()[0] == dated[-1]
    assert w.errors == []
    w.page.close()


def test_claim_page_json_ld_parses_and_names_the_review(site, browser):
    w = Watched(browser)
    page = w.open(site / "claims" / "article-cm384-memory-bandwidth.html")
    blocks = page.locator("script[type='application/ld+json']").all_text_contents()
    assert len(blocks) == 1
    review = json.loads(blocks[0])
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "在內存總帶寬上提升了2.1倍"
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["reviewRating"]["alternateName"] == page.locator("#verdict").inner_text() == "holds"
    assert w.errors == []
    w.page.close()


def test_screenshots_of_the_index_and_a_claim_page(site, browser, tmp_path):
    w = Watched(browser)
    shots = {}
    for name, path in (("index", site / "index.html"), ("claim", site / "claims" / "article-cm384-compute.html")):
        target = tmp_path / f"{name}.png"
        w.open(path).screenshot(path=str(target), full_page=True)
        shots[name] = target.read_bytes()
    for data in shots.values():
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert shots["index"] != shots["claim"]
    assert w.page.locator("svg").count() >= 1 and w.page.locator("svg").first.bounding_box()["width"] > 300
    w.page.close()


def test_the_fact_check_page_marks_each_claim_with_its_verdict(cli, browser, tmp_path):
    """chipdb check --format html on the seed article: the three CloudMatrix claims marked in the
    text with their verdicts, a ClaimReview per claim, no error and no outside request."""
    article = SHARED / "seed-article.txt"
    if pinned_problem("seed-article.txt"):  # the article's Huawei paragraph, which holds the three claims
        article = tmp_path / "article.txt"
        article.write_text("相比英偉達最新推出的GB200 NVL72,華為發布的CloudMatrix 384,差不多在總算力上提升了1.7倍,"
                           "在內存總帶寬上提升了2.1倍,在內存總容量上提升了3.6倍。", encoding="utf-8")
    out = tmp_path / "factcheck.html"
    result = cli("check", "--file", str(article), "-o", str(out))
    assert result.exit_code == 0, result.output
    watched = Watched(browser)
    page = watched.open(out)
    marks = page.locator("mark[data-verdict]")
    verdicts = [marks.nth(i).get_attribute("data-verdict") for i in range(marks.count())]
    assert verdicts.count("holds") == 3, verdicts
    assert page.locator("mark[data-verdict] sup a").count() == 3
    reviews = [json.loads(page.locator('script[type="application/ld+json"]').nth(i).inner_text())
               for i in range(page.locator('script[type="application/ld+json"]').count())]
    assert [r["@type"] for r in reviews] == ["ClaimReview"] * 3
    assert {r["reviewRating"]["alternateName"] for r in reviews} == {"holds"}
    page.locator("#review-1 details summary").click()
    assert "GB200 NVL72" in page.locator("#review-1 details pre").inner_text()
    assert not watched.errors and all(r.startswith("file:") for r in watched.requests), watched.errors
