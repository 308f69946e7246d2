"""The offline dashboard: built from a real warehouse, served locally, and opened in headless Chromium
(Debian's package driven by Playwright) to check charts, filters and that document markup never runs."""
from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.integration.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page_file(ru_warehouse, tmp_path_factory):
    from warehouse.dashboard.build import write

    return write(ru_warehouse, tmp_path_factory.mktemp("out") / "report.html")


def test_page_is_self_contained_and_escapes_documents(page_file):
    html = page_file.read_text(encoding="utf-8")
    lowered = html.lower()
    assert "<script src" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert "http://www.w3.org/2000/svg" in html  # the SVG namespace is the only URL
    assert re.findall(r"https?://[^\s\"']+", html) == ["http://www.w3.org/2000/svg"]
    assert "window.__pwned" in html  # the document text is there, as data...
    assert "<script>window.__pwned" not in html and "<img src=x" not in html  # ...never as markup
    assert "Content-Security-Policy" in html


def test_embedded_data_matches_the_warehouse(ru_warehouse, page_file):
    import duckdb

    html = page_file.read_text(encoding="utf-8")
    start = html.index('id="dashboard-data">') + len('id="dashboard-data">')
    data = json.loads(html[start:html.index("</script>", start)])
    con = duckdb.connect(str(ru_warehouse), read_only=True)
    try:
        n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        n_cond = con.execute("SELECT count(*) FROM events WHERE condition_text IS NOT NULL").fetchone()[0]
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        suites = {r[0] for r in con.execute("SELECT suite FROM validation_results").fetchall()}
    finally:
        con.close()
    assert len(data["events"]) == n_events == data["totals"]["events"] > 0
    assert sum(1 for e in data["events"] if e["condition_text"]) == n_cond > 0
    assert {v["suite"] for v in data["validations"]} == suites == {"documents", "events", "mentions"}
    assert data["runs"] and data["runs"][0]["docs_loaded"] == n_docs == 6


def test_serve_answers_on_localhost(ru_warehouse):
    from flows.dashboard_server import make_server

    server = make_server(ru_warehouse, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with urllib.request.urlopen(base + "/") as r:
            assert r.status == 200 and b"dashboard-data" in r.read()
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + "/etc/passwd")
        assert err.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


@needs_chromium
def test_dashboard_in_headless_chromium(page_file):
    from playwright.sync_api import sync_playwright

    shots = ROOT / "data" / "test-artifacts"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-ready='1']")
            assert errors == []
            # charts render as non-empty SVG
            assert page.locator("#timeline svg rect.bar").count() > 0
            assert page.locator("#dyads svg rect.cell").count() > 0
            assert page.locator("#actor svg rect.bar").count() > 0
            assert page.locator("#quality-section table tr").count() > 1
            assert page.locator("#runs tr").count() > 1
            total = int(page.get_attribute("#event-count", "data-count"))
            # a filter changes the counts shown
            types = page.eval_on_selector_all("#f-type option", "os => os.map(o => o.value).filter(Boolean)")
            counts = {}
            for t in types:
                page.select_option("#f-type", t)
                counts[t] = int(page.get_attribute("#event-count", "data-count"))
            assert sum(counts.values()) == total and all(0 < n < total for n in counts.values())
            page.select_option("#f-type", "")
            page.select_option("#f-lang", "ru")
            assert int(page.get_attribute("#event-count", "data-count")) == total
            page.fill("#f-from", "2099-01-01")
            page.dispatch_event("#f-from", "change")
            assert int(page.get_attribute("#event-count", "data-count")) == 0
            page.click("#f-reset")
            page.wait_for_selector(f"#event-count[data-count='{total}']")  # CSP forbids eval-based waits
            # conditions are highlighted inside their sentence
            marks = page.locator("#conditional mark")
            assert marks.count() > 0 and any("при условии" in t or "только" in t for t in marks.all_inner_texts())
            # markup from documents was shown as text and did not run
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.locator("#conditional script, #conditional img").count() == 0
            assert "<script>window.__pwned" in page.inner_text("#conditional")
            shot = shots / "dashboard.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        finally:
            browser.close()
