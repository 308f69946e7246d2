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
    # every event carries its parties from event_parties (a joint actor or target gives several)
    con = duckdb.connect(str(ru_warehouse), read_only=True)
    try:
        parties = con.execute("SELECT event_id, role, party_norm, party_code, party_type, party_side FROM event_parties "
                              "ORDER BY event_id, role, position").fetchall()
    finally:
        con.close()
    embedded = [(e["event_id"], p["role"], p["norm"], p["code"], p["type"], p["side"])
                for e in sorted(data["events"], key=lambda e: e["event_id"]) for p in e["parties"] or []]
    assert embedded == parties and any(p[4] == "PERSON" for p in parties)


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


# the dyad cells the page should show, straight from event_parties: events per pair of party keys, a
# person counted under their country's code ("countries") or as the person ("persons")
PARTY_KEY = {"countries": "coalesce(party_code, party_norm)",
             "persons": "CASE WHEN party_type = 'PERSON' THEN 'person:' || party_norm ELSE coalesce(party_code, party_norm) END"}


def expected_dyads(db_path, mode: str) -> dict[tuple[str, str], int]:
    import duckdb

    key = PARTY_KEY[mode]
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute(f"""
            SELECT a.k, t.k, count(DISTINCT a.event_id)
            FROM (SELECT event_id, {key} AS k FROM event_parties WHERE role = 'actor') a
            JOIN (SELECT event_id, {key} AS k FROM event_parties WHERE role = 'target') t USING (event_id)
            GROUP BY ALL""").fetchall()  # noqa: S608 — the key expressions are the constants above
    finally:
        con.close()
    return {(a, t): n for a, t, n in rows}


def events_of_person(db_path, name: str) -> int:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute("SELECT count(DISTINCT event_id) FROM event_parties WHERE party_type = 'PERSON' "
                           "AND party_norm = ?", [name]).fetchone()[0]
    finally:
        con.close()


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it as root: "
                                             "apt-get install chromium)")
def test_party_toggle_rolls_persons_up_to_their_country_in_the_dyads(ru_warehouse, page_file):
    """The dyads count every party (event_parties); "under their country" puts a minister's events on
    the country they serve, "as persons" shows the minister: the toggle changes the matrix, the actor
    filter and its counts, and every shown cell equals the warehouse's count."""
    from playwright.sync_api import sync_playwright

    def shown(page):
        cells = page.eval_on_selector_all(
            "#dyads rect.cell", "rs => rs.map(r => [r.dataset.actor, r.dataset.target, +r.dataset.n])")
        rows = page.eval_on_selector_all("#dyads .row-label", "xs => xs.map(x => x.textContent)")
        return {(a, t): n for a, t, n in cells if n}, rows

    expected = {mode: expected_dyads(ru_warehouse, mode) for mode in PARTY_KEY}
    assert expected["countries"] != expected["persons"]
    assert len({k for pair in expected["persons"] for k in pair}) <= 12  # the page shows the top 12 each way
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-ready='1']")
            assert page.get_attribute("#dyads", "data-mode") == "countries"  # persons roll up by default
            countries, country_rows = shown(page)
            assert countries == expected["countries"]
            assert "RUS · Russia" in country_rows and not any("Lavrov" in r for r in country_rows)

            page.check("#f-parties-persons")
            assert page.get_attribute("#dyads", "data-mode") == "persons"
            persons, person_rows = shown(page)
            assert persons == expected["persons"] and persons != countries
            assert "Sergey Lavrov (RUS)" in person_rows
            # the actor filter follows: the minister is a party of his own, with his events only
            options = page.eval_on_selector_all("#f-actor option", "os => os.map(o => o.value)")
            assert "person:Sergey Lavrov" in options
            page.select_option("#f-actor", "person:Sergey Lavrov")
            assert int(page.get_attribute("#event-count", "data-count")) == events_of_person(ru_warehouse, "Sergey Lavrov") > 0
            assert page.inner_text("#actor-name").startswith("Sergey Lavrov")

            page.check("#f-parties-countries")  # back: the person's option is gone, the filter resets
            assert page.eval_on_selector("#f-actor", "s => s.value") == ""
            assert shown(page)[0] == expected["countries"]
            assert [u for u in requests if not u.startswith("file://")] == []  # still offline
        finally:
            browser.close()
