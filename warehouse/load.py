"""Idempotent bulk loads: one transaction per batch, Arrow relations registered and inserted with
SQL from ``warehouse/sql``. A batch replaces everything its documents had before."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import polars as pl

from warehouse import db
from warehouse.frames import BATCH_TABLES


def known_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str], extractor_version: str) -> set[str]:
    if not doc_ids:
        return set()
    rows = con.execute(db.sql("known_documents"), [extractor_version, doc_ids]).fetchall()
    return {r[0] for r in rows}


def load_batch(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    """Load one batch atomically. ``frames`` maps documents/sentences/mentions/events/diagnostics
    to polars frames with the contract's columns."""
    names = []
    try:
        for key, table in BATCH_TABLES.items():
            name = f"batch_{key}"
            con.register(name, frames[key].to_arrow())
            names.append(name)
        con.execute("BEGIN TRANSACTION")
        try:
            db.run_file(con, "delete_batch_children")
            db.run_file(con, "insert_batch")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        for name in names:
            con.unregister(name)


def load_quarantine(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    con.register("batch_quarantine", frame.to_arrow())
    try:
        con.execute("BEGIN TRANSACTION")
        db.run_file(con, "insert_quarantine")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("batch_quarantine")


def start_run(con, run_id: str, flow_run_id: str | None, code_version: str, inputs: list[str]) -> None:
    con.execute(db.sql("start_run"), [run_id, flow_run_id, dt.datetime.now(), code_version, json.dumps(inputs)])


def finish_run(con, run_id: str, status: str, counts: dict, nlp_models: dict) -> None:
    con.execute(db.sql("finish_run"), [
        dt.datetime.now(), status, counts.get("docs_seen", 0), counts.get("docs_loaded", 0),
        counts.get("events_loaded", 0), counts.get("quarantined", 0), json.dumps(nlp_models, default=str),
        counts.get("docs_skipped", 0), run_id])
