"""Data Docs (`communique quality`) built by real Great Expectations from a real warehouse (the pipeline
run on samples/), opened in headless Chromium with every request recorded: nothing but the file itself
loads, and the page shows the run id and each suite's status with its icon, offline."""
from __future__ import annotations

import json
import re
import shutil

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.integration.test_dashboard import CHROMIUM, CHROMIUM_ARGS
from warehouse.quality.validate import SUITES

pytestmark = pytest.mark.slow
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test "
                                                             "installs it as root: apt-get install chromium)")


def open_offline(path):
    """The page as Chromium renders it, and every URL it requested (anything not file:// is aborted)."""
    from playwright.sync_api import sync_playwright

    requested: list[str] = []

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            page.on("request", lambda r: requested.append(r.url))
            page.route(re.compile(r"^(?!file://)"), lambda r: r.abort())
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            seen = {
                "run_id": page.inner_text("#run-id"),
                "overall": page.get_attribute("#overall .status", "data-status"),
                "summary": {row.get_attribute("data-suite"): row.locator(".status").get_attribute("data-status")
                            for row in page.locator("#summary tr[data-suite]").all()},
                "sections": {s.get_attribute("data-suite"): s.locator("h2 .status").get_attribute("data-status")
                             for s in page.locator("section.suite").all()},
                # each icon is drawn: an inline SVG with a size on screen
                "icons": [page.locator(".status svg").nth(i).bounding_box()
                          for i in range(page.locator(".status svg").count())],
                "text": page.inner_text("body"),
            }
        finally:
            browser.close()
    return seen, requested


def run_id_of(db_path) -> str:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute("SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()[0]
    finally:
        con.close()


def test_page_is_one_file_that_loads_nothing(samples_warehouse, tmp_path):
    from warehouse.quality.docs import build

    index, results = build(samples_warehouse, tmp_path / "gx")
    html = open(index, encoding="utf-8").read()
    assert results == {"documents": True, "mentions": True, "events": True}
    assert re.findall(r"https?://", html) == []
    assert not re.search(r"<script|<link|<img|@import|url\(|@font-face", html, re.I)
    assert "Content-Security-Policy" in html
    # GX keeps the results under the Communique run id, not "__none__"
    stored = list((tmp_path / "gx").rglob("communique-events.json"))
    assert [p.parent.parent.name for p in stored] == [run_id_of(samples_warehouse)]


@needs_chromium
def test_data_docs_render_offline_in_chromium(samples_warehouse, tmp_path):
    res = CliRunner().invoke(app, ["quality", "--db", str(_copy(samples_warehouse, tmp_path))])
    assert res.exit_code == 0, res.output
    index = tmp_path / "gx" / "data_docs" / "index.html"
    assert f"Data Docs: {index}" in res.output
    seen, requested = open_offline(index)
    assert requested == [index.as_uri()]  # no CDN, font or image request: nothing but the page
    assert seen["run_id"] == run_id_of(samples_warehouse)
    assert seen["overall"] == "passed"
    assert seen["summary"] == seen["sections"] == {"documents": "passed", "mentions": "passed", "events": "passed"}
    assert seen["icons"] and all(box and box["width"] >= 12 and box["height"] >= 12 for box in seen["icons"])
    con = duckdb.connect(str(samples_warehouse), read_only=True)
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    n_expectations = len(json.loads((SUITES / "events.json").read_text(encoding="utf-8"))["expectations"])
    assert f"{n_expectations} of {n_expectations} expectations met on {n_events} rows" in seen["text"]


@needs_chromium
def test_a_failing_suite_shows_as_failed_and_quality_exits_1(samples_warehouse, tmp_path):
    """Rows that break an expectation (written into a copy of the warehouse, past the load's checks): the
    command exits 1 and the page marks that suite and expectation failed, with the offending value."""
    db_path = _copy(samples_warehouse, tmp_path)
    con = duckdb.connect(str(db_path))
    con.execute("UPDATE events SET modality = 'rumoured' WHERE event_id = (SELECT min(event_id) FROM events)")
    con.close()
    res = CliRunner().invoke(app, ["quality", "--db", str(db_path)])
    assert res.exit_code == 1, res.output
    assert re.search(r"events\s+FAILED", res.output) and re.search(r"documents\s+passed", res.output)
    seen, requested = open_offline(tmp_path / "gx" / "data_docs" / "index.html")
    assert [u for u in requested if not u.startswith("file://")] == []
    assert seen["overall"] == "failed"
    assert seen["summary"] == seen["sections"] == {"documents": "passed", "mentions": "passed", "events": "failed"}
    assert "1 of 3 suites failed: events" in seen["text"] and "rumoured" in seen["text"]


def _copy(db_path, tmp_path):
    copy = tmp_path / "communique.duckdb"
    shutil.copy(db_path, copy)
    return copy
