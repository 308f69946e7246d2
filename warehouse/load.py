"""Idempotent bulk loads: one transaction per batch, Arrow relations registered and inserted with
SQL from ``warehouse/sql``. A batch replaces everything its documents had before."""
from __future__ import annotations

import datetime as dt
import json
import os
import socket
from contextlib import contextmanager

import duckdb
import polars as pl

from warehouse import db
from warehouse.frames import BATCH_TABLES, frame


def stale_documents(con: duckdb.DuckDBPyConnection, extractor_version: str, everything: bool = False) -> list[dict]:
    return db.rows(con, "stale_documents", [everything, extractor_version])


def known_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str], extractor_version: str) -> set[str]:
    if not doc_ids:
        return set()
    rows = con.execute(db.sql("known_documents"), [extractor_version, doc_ids]).fetchall()
    return {r[0] for r in rows}


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]):
    """Register frames as ``batch_<name>`` relations and run the block in one transaction."""
    names = []
    try:
        for key, df in frames.items():
            con.register(f"batch_{key}", df.to_arrow())
            names.append(f"batch_{key}")
        con.execute("BEGIN TRANSACTION")
        try:
            yield
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        for name in names:
            con.unregister(name)


def load_batch(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    """Load one batch atomically. ``frames`` maps documents/sentences/mentions/events/diagnostics
    (and optionally validations) to polars frames with the contract's columns; a missing one is empty."""
    with _registered(con, {k: frames[k] if k in frames else frame(k, []) for k in BATCH_TABLES}):
        db.run_file(con, "delete_batch_children")
        db.run_file(con, "insert_batch")


def load_quarantine(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    with _registered(con, {"quarantine": frame}):
        db.run_file(con, "insert_quarantine")


def load_aliases(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Every (id, source) a text arrived under (``document_aliases``); idempotent."""
    if not rows:
        return
    schema = {"doc_id": pl.Utf8, "external_id": pl.Utf8, "source": pl.Utf8, "run_id": pl.Utf8,
              "created_at": pl.Datetime("us")}
    with _registered(con, {"aliases": pl.DataFrame(rows, schema=schema)}):
        db.run_file(con, "insert_document_aliases")


def start_run(con, run_id: str, flow_run_id: str | None, code_version: str, inputs: list[str]) -> list[str]:
    """Record a new run; runs left 'running' by dead processes on this host become 'interrupted'
    (returned)."""
    host = socket.gethostname()
    gone = [rid for rid, pid in con.execute(db.sql("running_runs"), [host]).fetchall() if not _alive(pid)]
    for rid in gone:
        con.execute(db.sql("mark_interrupted"), [rid])
    con.execute(db.sql("start_run"), [run_id, flow_run_id, dt.datetime.now(), code_version, json.dumps(inputs),
                                      host, os.getpid()])
    return gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def finish_run(con, run_id: str, status: str, counts: dict, nlp_models: dict) -> None:
    con.execute(db.sql("finish_run"), [
        dt.datetime.now(), status, counts.get("docs_seen", 0), counts.get("docs_loaded", 0),
        counts.get("events_loaded", 0), counts.get("quarantined", 0), json.dumps(nlp_models, default=str),
        counts.get("docs_skipped", 0), run_id])
