"""Orchestration with Prefect's own machinery and the warm annotation pools: worker processes and Dask
workers that load their models once, the annotation cache, inbox ingestion, and a real local Prefect
server with the deployments of prefect.yaml run by a worker."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from flows.settings import Settings
from tests.conftest import ROOT, SAMPLES
from tests.integration.browser import CHROMIUM, CHROMIUM_ARGS, host_of, needs_chromium

pytestmark = pytest.mark.slow
INPUTS = [SAMPLES / "ru_news.jsonl", SAMPLES / "ru_azerbaijan_request.txt"]


def _events(path) -> set[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return set(con.execute("SELECT event_id, event_type, actor_code, target_code, condition_text FROM events").fetchall())
    finally:
        con.close()


def _settings(tmp_path, name, **kw) -> Settings:
    s = Settings(db=tmp_path / f"{name}.duckdb", profile="natasha", **kw)
    return s


@pytest.fixture(scope="module")
def baseline(tmp_path_factory, prefect_harness):
    from flows.pipeline import run_with

    d = tmp_path_factory.mktemp("baseline")
    s = _settings(d, "base", batch_size=4)  # one batch: the parallel runs' batches of 1 are not in the cache
    run_with(s, inputs=[str(p) for p in INPUTS])
    return _events(s.db_path)


@pytest.mark.parametrize("kw", [{"workers": 2}, {"dask_local": 2}], ids=["process-pool", "dask-local-cluster"])
def test_parallel_runners_give_the_same_events(tmp_path, baseline, kw):
    """Two workers give the 1-worker run's events; each worker loaded its models once (one language,
    one pipeline); a rerun with nothing new changes nothing, and another run reuses the same warm
    workers without loading anything again."""
    from flows.pipeline import run_with

    s = _settings(tmp_path, "par", batch_size=1, **kw)
    assert s.nlp_config().torch_threads == 1
    summary = run_with(s, inputs=[str(p) for p in INPUTS])
    con = duckdb.connect(str(s.db_path), read_only=True)
    quarantined = con.execute("SELECT reason, payload FROM quarantine").fetchall()
    con.close()
    assert quarantined == [] and summary.docs_loaded == 4
    assert _events(s.db_path) == baseline and len(baseline) > 5
    assert summary.workers and set(summary.workers.values()) == {1}, summary.workers
    again = run_with(s, inputs=[str(p) for p in INPUTS])
    assert again.docs_loaded == 0 and again.docs_skipped == 4 and _events(s.db_path) == baseline
    s2 = _settings(tmp_path, "par2", batch_size=1, **kw)
    other = run_with(s2, inputs=[str(p) for p in INPUTS])
    assert _events(s2.db_path) == baseline
    # both workers, the same processes as before, each with its models loaded once
    assert len(other.workers) == 2 and set(other.workers.values()) == {1}, other.workers
    assert set(summary.workers) <= set(other.workers)


def test_bad_records_are_quarantined_with_two_workers(tmp_path, prefect_harness):
    """With two worker processes a malformed line, a text in another language and a runaway document
    (over its annotation budget, stopped inside a worker) each land in quarantine with their reason,
    and every other document loads."""
    from flows.pipeline import run_with

    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(SAMPLES / "ru_news.jsonl", d)
    runaway = " ".join(["Министр иностранных дел России встретился с послом Франции в Москве."] * 900)
    (d / "more.jsonl").write_text("\n".join([
        '{"id": "runaway", "lang": "ru", "text": ' + json.dumps(runaway, ensure_ascii=False) + "}",
        "{not json",
        json.dumps({"id": "de", "text": "Die Bundesregierung hat heute neue Sanktionen gegen den Iran beschlossen."}),
    ]) + "\n", encoding="utf-8")
    s = _settings(tmp_path, "bad", batch_size=2, workers=2, doc_timeout=0.5, max_failure_ratio=1.0)
    summary = run_with(s, inputs=[str(d)])
    con = duckdb.connect(str(s.db_path), read_only=True)
    try:
        rows = dict(con.execute("SELECT coalesce(external_id, reason), reason FROM quarantine").fetchall())
        loaded = {r[0] for r in con.execute("SELECT external_id FROM documents").fetchall()}
    finally:
        con.close()
    assert rows.pop("runaway") == "timeout" and rows.pop("de").startswith("unsupported_language"), rows
    assert set(rows.values()) == {"malformed_jsonl"}, rows
    assert summary.docs_loaded == 3 == len(loaded) and summary.quarantined == 3
    assert summary.workers and set(summary.workers.values()) == {1}


def test_rerun_reuses_cached_annotation(tmp_path, prefect_harness):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterName

    from flows.pipeline import run_with

    s = _settings(tmp_path, "cache")
    first = run_with(s, inputs=[str(SAMPLES / "ru_talks.md")])
    second = run_with(s, inputs=[str(SAMPLES / "ru_talks.md")], reprocess=True)
    assert first.events == second.events > 0
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(task_run_filter=TaskRunFilter(name=TaskRunFilterName(like_="annotate-extract")))
    states = [r.state.name for r in runs if r.flow_run_id is not None]
    assert "Cached" in states, states


def test_inbox_takes_only_new_files_and_archives_them(tmp_path, prefect_harness, monkeypatch):
    from flows.inbox import inbox

    box, archive = tmp_path / "inbox", tmp_path / "archive"
    box.mkdir()
    shutil.copy(SAMPLES / "ru_talks.md", box)
    (box / "scan.pdf").write_bytes(b"%PDF-1.4 not a text")
    (box / "late.jsonl.part").write_text("{}")  # still being written: left for a later run
    monkeypatch.setenv("COMMUNIQUE_PROFILE", "natasha")
    db_path = str(tmp_path / "w.duckdb")
    out = inbox(inbox_dir=str(box), archive_dir=str(archive), db_path=db_path)
    assert out["new_files"] == 2 and out["docs_loaded"] == 1 and out["quarantined"] == 1
    assert out["files"] == {"loaded": 1, "quarantined": 1}
    assert sorted(p.name for p in box.iterdir()) == ["late.jsonl.part"]
    assert sorted(p.name for p in archive.rglob("*") if p.is_file()) == ["ru_talks.md", "scan.pdf"]
    # the same content again, under another name: not processed twice
    shutil.copy(SAMPLES / "ru_talks.md", box / "again.md")
    assert inbox(inbox_dir=str(box), db_path=db_path) == {"new_files": 0, "already_processed": 1}
    con = duckdb.connect(db_path, read_only=True)
    try:
        rows = con.execute("SELECT status, quarantined FROM inbox_files ORDER BY status").fetchall()
        reasons = con.execute("SELECT reason FROM quarantine").fetchall()
    finally:
        con.close()
    assert rows == [("loaded", 0), ("quarantined", 1)] and reasons == [("unsupported_format",)]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A real Prefect server on 127.0.0.1 (free port) with its UI, the work pool, `prefect deploy --all`
    from prefect.yaml, a worker, and one run of the inbox deployment watched to its end. Stopped by pid
    afterwards."""
    from flows import serve

    d = tmp_path_factory.mktemp("served")
    box = d / "inbox"
    box.mkdir()
    shutil.copy(SAMPLES / "ru_azerbaijan_request.txt", box)
    db_path = d / "w.duckdb"
    svc = serve.start_all(d, db_path, extra_env={"PREFECT_WORKER_QUERY_SECONDS": "1",
                                                 "PREFECT_WORKER_PREFETCH_SECONDS": "1",
                                                 "COMMUNIQUE_PROFILE": "natasha"})
    try:
        listed = subprocess.run([serve.prefect_bin(), "deployment", "ls"], env=svc.env, capture_output=True,
                                text=True, timeout=60).stdout
        run = subprocess.run([serve.prefect_bin(), "deployment", "run", "inbox/inbox-hourly",
                              "--param", f"inbox_dir={box}", "--watch", "--watch-interval", "2",
                              "--watch-timeout", "300"], env={**svc.env, "COLUMNS": "300"}, capture_output=True,
                             text=True, timeout=360)
        yield svc, listed, run, db_path
    finally:
        svc.stop()
    assert all(p.poll() is not None for p in svc.procs.values())


def test_local_server_deploys_and_a_worker_runs_the_inbox(served):
    """A deployment run writes events to DuckDB."""
    _, listed, run, db_path = served
    for name in ("inbox-hourly", "reprocess", "export-nightly"):
        assert name in listed
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Completed" in run.stdout
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        events = con.execute("SELECT actor_code, target_code, event_type FROM events").fetchall()
        flow_run = con.execute("SELECT flow_run_id FROM runs").fetchone()[0]
        files = con.execute("SELECT status FROM inbox_files").fetchall()
    finally:
        con.close()
    assert ("USA", "AZE", "REQUEST") in events and flow_run and files == [("loaded",)]


def test_served_annotation_workers_load_their_models_once_for_every_run(served):
    """Under `communique serve` the annotation workers outlive the flow runs (Prefect's worker runs each
    flow run in a new process): a second deployment run is annotated by the same worker process, whose
    models were loaded once, by the first run."""
    from distributed import Client

    from flows import annotation, serve

    svc, _, run, db_path = served
    assert run.returncode == 0 and svc.annotators
    with Client(svc.annotators, timeout=60) as client:
        before = client.run(annotation.info)
        box = db_path.parent / "inbox2"
        box.mkdir(exist_ok=True)
        shutil.copy(SAMPLES / "ru_talks.md", box)
        again = subprocess.run([serve.prefect_bin(), "deployment", "run", "inbox/inbox-hourly", "--param",
                                f"inbox_dir={box}", "--watch", "--watch-interval", "2", "--watch-timeout", "300"],
                               env={**svc.env, "COLUMNS": "300"}, capture_output=True, text=True, timeout=360)
        assert again.returncode == 0 and "Completed" in again.stdout, again.stdout[-2000:] + again.stderr[-2000:]
        after = client.run(annotation.info)
    assert len(after) == 1 and after == before, (before, after)
    assert [loads for _, loads in after.values()] == [1]
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        runs = con.execute("SELECT status FROM runs").fetchall()
    finally:
        con.close()
    assert sorted(r[0] for r in runs) == ["completed", "completed"]


def test_a_run_beside_serve_uses_its_api(served, tmp_path):
    """`communique run` with serve's data directory starts no API server of its own: its flow run is on
    serve's server (found through PREFECT_HOME/serve.json), where the UI shows it."""
    import sys

    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    svc, _, _, db_path = served
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "COMMUNIQUE_"))}
    env.update(PYTHONPATH=str(ROOT), COMMUNIQUE_PROFILE="natasha")
    other = db_path.parent / "beside.duckdb"  # the same data directory, so the same PREFECT_HOME
    res = subprocess.run([str(Path(sys.executable).with_name("communique")), "run", "--input",
                          str(SAMPLES / "ru_talks.md"), "--db", str(other), "--no-progress"], env=env,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    con = duckdb.connect(str(other), read_only=True)
    try:
        flow_run_id = con.execute("SELECT flow_run_id FROM runs").fetchone()[0]
    finally:
        con.close()
    with temporary_settings(updates={PREFECT_API_URL: svc.api_url}), get_client(sync_client=True) as client:
        run = client.read_flow_run(flow_run_id)
    assert run.state.is_completed()


@needs_chromium
def test_prefect_ui_shows_the_deployment_run_offline(served):
    """Prefect's UI at the server's root, in headless Chromium: its Runs page lists the deployment's
    run with its flow, the run link `prefect deployment run` printed opens that run, and no request
    leaves 127.0.0.1."""
    import re

    from playwright.sync_api import expect, sync_playwright

    from flows import serve

    svc, _, run, _ = served
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    name = re.search(r"Created flow run '([^']+)'", run.stdout).group(1)
    link = re.search(r"URL: (\S+)", run.stdout).group(1)
    assert svc.ui_url == f"http://127.0.0.1:{svc.env['PREFECT_SERVER_API_PORT']}/" and serve.ui_answers(svc.ui_url)
    assert link.startswith(svc.ui_url + "runs/flow-run/")
    shots = ROOT / "data" / "test-artifacts"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            urls: list[str] = []
            page.on("request", lambda r: urls.append(r.url))
            page.on("websocket", lambda ws: urls.append(ws.url))
            page.goto(svc.ui_url)
            expect(page.locator("a[href='/runs']").first).to_be_visible(timeout=60_000)  # the UI's menu
            page.goto(svc.ui_url + "runs")
            expect(page.get_by_text(name, exact=True).first).to_be_visible(timeout=60_000)
            expect(page.get_by_text("inbox", exact=True).first).to_be_visible()
            shot = shots / "prefect-ui-runs.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            page.goto(link)
            expect(page.get_by_text(name).first).to_be_visible(timeout=60_000)
        finally:
            browser.close()
    assert urls and {host_of(u) for u in urls} - {None} == {"127.0.0.1"}, sorted(set(urls))


def test_status_lists_runs_without_a_server(tmp_path, prefect_harness):
    from typer.testing import CliRunner

    from flows.cli import app
    from flows.pipeline import run_with

    s = _settings(tmp_path, "status")
    run_with(s, inputs=[str(SAMPLES / "ru_talks.md")])
    res = CliRunner().invoke(app, ["status", "--db", str(s.db_path), "--api-url", "http://127.0.0.1:9/api"])
    assert res.exit_code == 0, res.output
    assert "completed" in res.output and "(no server)" in res.output


@pytest.mark.parametrize("par", [{"workers": 2}, {"dask_local": 2}], ids=["process", "dask"])
def test_annotation_workers_never_import_prefect(par):
    """The Prefect tasks run in the flow's process and hand the work to the pool: a worker imports
    neither Prefect nor its API server (before the pool, each worker ran Prefect's task engine and, with
    no server, started an ephemeral API of its own). The pool's jobs reach every worker."""
    from flows import pool
    from flows.runners import Parallelism
    from tests.fixtures.pool_probe import probe

    p = pool.shared(Parallelism(**par))
    seen = [f.result(timeout=120) for f in [p.submit(probe, i) for i in range(6)]]
    assert sorted(i for i, _, _ in seen) == list(range(6))
    assert {pid for _, pid, _ in seen} - {os.getpid()}, "jobs ran in worker processes"
    assert not any(imported for _, _, imported in seen)
