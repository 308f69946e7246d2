"""Migrations and loads on real DuckDB files."""
from __future__ import annotations

import datetime as dt
import os

import duckdb
import polars as pl
import pytest

from warehouse import db, frames as fr
from warehouse.load import load_batch


def _batch(doc_id="d1", event_ids=("e1",)):
    now = dt.datetime(2025, 1, 1)
    return {
        "documents": fr.frame("documents", [{"doc_id": doc_id, "text": "T", "lang": "en", "ingested_at": now}]),
        "sentences": fr.frame("sentences", [{"doc_id": doc_id, "sentence_idx": 0, "start_char": 0, "end_char": 1, "text": "T"}]),
        "mentions": fr.frame("mentions", []),
        "events": fr.frame("events", [{"event_id": e, "doc_id": doc_id, "event_type": "AGREE"} for e in event_ids]),
        "diagnostics": fr.frame("diagnostics", []),
    }


def _counts(con):
    return con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
                       "(SELECT count(*) FROM sentences)").fetchone()


def test_migrations_are_recorded_once(tmp_path):
    con = db.connect(tmp_path / "w.duckdb")
    assert db.upgrade(con) == [p.name for _, p in db.migration_files()]
    assert db.upgrade(con) == []
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(db.migration_files())


def test_load_is_idempotent(tmp_path):
    con = db.connect(tmp_path / "w.duckdb")
    db.upgrade(con)
    load_batch(con, _batch())
    load_batch(con, _batch())
    assert _counts(con) == (1, 1, 1)


def test_failed_batch_leaves_nothing_behind(tmp_path):
    con = db.connect(tmp_path / "w.duckdb")
    db.upgrade(con)
    load_batch(con, _batch("d1"))
    broken = _batch("d2")
    broken["events"] = fr.frame("events", [{"event_id": "e9", "doc_id": None, "event_type": "AGREE"}])  # NOT NULL
    with pytest.raises(duckdb.Error):
        load_batch(con, broken)
    assert _counts(con) == (1, 1, 1)
    assert con.execute("SELECT doc_id FROM documents").fetchall() == [("d1",)]


def test_second_writer_gets_a_clear_error(tmp_path):
    import multiprocessing as mp

    path = tmp_path / "w.duckdb"
    con = db.connect(path)
    db.upgrade(con)
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_try_write, args=(str(path), q))
    p.start()
    p.join(60)
    msg = q.get(timeout=5)
    assert "is held open by" in msg and f"(PID {os.getpid()})" in msg and "-bi.duckdb" in msg, msg
    con.close()


def _try_write(path, q):
    try:
        db.connect(path, wait_s=1.0)
        q.put("connected")
    except db.DatabaseBusyError as e:
        q.put(str(e))


FORMULAS = ["=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://e.org","x")']


def test_csv_export_neutralises_formula_cells_and_parquet_keeps_them(tmp_path):
    """Cells are judged as stored (no ingest normalisation here: a leading tab or CR reaches the file)."""
    import csv

    from warehouse.export import export
    from warehouse.load import load_quarantine

    path, now = tmp_path / "w.duckdb", dt.datetime(2025, 1, 1)
    con = db.connect(path)
    db.upgrade(con)
    docs = [{"doc_id": f"d{i}", "text": t, "title": t, "lang": "en", "ingested_at": now} for i, t in enumerate(FORMULAS)]
    docs.append({"doc_id": "plain", "text": "A = B, 'quoted' -2", "title": None, "lang": "en", "ingested_at": now})
    load_batch(con, {"documents": fr.frame("documents", docs),
                     "events": fr.frame("events", [{"event_id": "e1", "doc_id": "d0", "event_type": "AGREE",
                                                     "confidence": -0.5, "action_text": "-signed"}])})
    load_quarantine(con, fr.frame("quarantine", [{"run_id": "r", "stage": "ingest", "source": "x.jsonl:1",
                                                  "reason": "missing_text", "payload": "=cmd|' /C calc'!A0",
                                                  "created_at": now}]))
    con.close()
    export(path, tmp_path / "csv", "csv")
    export(path, tmp_path / "pq", "parquet")

    def read(name):
        with open(tmp_path / "csv" / f"{name}.csv", newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    docs_csv = {r["doc_id"]: r for r in read("documents")}
    for i, t in enumerate(FORMULAS):
        assert (docs_csv[f"d{i}"]["text"], docs_csv[f"d{i}"]["title"]) == ("'" + t, "'" + t)
    assert docs_csv["plain"]["text"] == "A = B, 'quoted' -2"
    [event] = read("events")
    assert (event["action_text"], event["confidence"]) == ("'-signed", "-0.5")  # numbers are no text cells
    assert read("quarantine")[0]["payload"] == "'=cmd|' /C calc'!A0"
    assert pl.read_parquet(tmp_path / "pq" / "documents.parquet").sort("doc_id")["text"].to_list()[:len(FORMULAS)] \
        == FORMULAS


def test_exporting_two_warehouses_into_one_folder_leaves_no_stale_partition(tmp_path):
    """The second export replaces the first: a month the second warehouse lacks leaves no partition."""
    from warehouse.export import export

    now = dt.datetime(2025, 1, 1)

    def warehouse(name: str, months: list[str]):
        path = tmp_path / f"{name}.duckdb"
        con = db.connect(path)
        db.upgrade(con)
        docs = [{"doc_id": f"d{i}", "text": f"t{i}", "lang": "en", "ingested_at": now} for i in range(len(months))]
        events = [{"event_id": f"{name}{i}", "doc_id": f"d{i}", "event_type": "AGREE", "confidence": 0.5,
                   "event_date": dt.date.fromisoformat(m + "-15")} for i, m in enumerate(months)]
        load_batch(con, {"documents": fr.frame("documents", docs), "events": fr.frame("events", events)})
        con.close()
        return path

    out = tmp_path / "exports"
    (out).mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")  # not the export's: left alone
    export(warehouse("a", ["2025-01", "2025-02", "2025-03"]), out)
    assert sorted(p.name for p in (out / "events").iterdir()) == ["month=2025-01", "month=2025-02", "month=2025-03"]
    export(warehouse("b", ["2025-03"]), out)
    assert sorted(p.name for p in (out / "events").iterdir()) == ["month=2025-03"]
    assert pl.read_parquet(out / "events" / "**" / "*.parquet").height == 1
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]  # no temporary folder left


def test_a_bi_tool_holding_the_snapshot_open_does_not_stop_a_run(tmp_path, prefect_harness, nlp_config):
    """After each run the warehouse is published as <warehouse>-bi.duckdb (atomic rename); a reader that
    keeps that file open, as BI tools do, neither fails nor blocks the next run and keeps its old view."""
    import subprocess
    import sys

    from flows.pipeline import pipeline
    from warehouse.snapshot import snapshot_path

    db_path = tmp_path / "w.duckdb"
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Kenya praised Egypt.", encoding="utf-8")
    second.write_text("Egypt thanked Kenya.", encoding="utf-8")
    pipeline(inputs=[str(first)], db_path=str(db_path), nlp=nlp_config)
    bi = snapshot_path(db_path)
    assert bi.exists() and bi.name == "w-bi.duckdb"
    hold = ("import duckdb, sys, time\ncon = duckdb.connect(sys.argv[1], read_only=True)\n"
            "print(con.execute('select count(*) from documents').fetchone()[0], flush=True)\ntime.sleep(60)")
    reader = subprocess.Popen([sys.executable, "-c", hold, str(bi)], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "1"
        s = pipeline(inputs=[str(second)], db_path=str(db_path), nlp=nlp_config)  # runs while the reader holds it
        assert s.docs_loaded == 1
    finally:
        reader.kill()
        reader.wait()
    con = duckdb.connect(str(bi), read_only=True)
    try:
        assert con.execute("select count(*) from documents").fetchone()[0] == 2
    finally:
        con.close()
