"""Loader throughput: N synthetic events in batches through warehouse.load.load_batch into a fresh
DuckDB file. Prints events/s; asserts nothing. Run: ``.venv/bin/python benchmarks/load.py [--events 1000000]``"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import polars as pl  # noqa: E402

from extractors.records import EVENT_TYPES  # noqa: E402
from warehouse import db, frames as fr  # noqa: E402
from warehouse.load import load_batch  # noqa: E402


def batch(start: int, n_docs: int, per_doc: int) -> dict[str, pl.DataFrame]:
    docs = [f"d{start + i:09d}" for i in range(n_docs)]
    now = dt.datetime(2025, 1, 1)
    ev = pl.DataFrame({
        "event_id": [f"{d}-{k}" for d in docs for k in range(per_doc)],
        "doc_id": [d for d in docs for _ in range(per_doc)],
    }).with_columns(
        pl.lit(0, pl.Int64).alias("sentence_idx"),
        pl.Series("event_type", [EVENT_TYPES[i % len(EVENT_TYPES)] for i in range(n_docs * per_doc)]),
        pl.lit("met").alias("action_text"), pl.lit("meet").alias("action_lemma"),
        pl.lit(0, pl.Int64).alias("action_start"), pl.lit(3, pl.Int64).alias("action_end"),
        pl.lit("Russia").alias("actor_norm"), pl.lit("RUS").alias("actor_code"), pl.lit("COUNTRY").alias("actor_type"),
        pl.lit("China").alias("target_norm"), pl.lit("CHN").alias("target_code"),
        pl.lit(False).alias("negated"), pl.lit("asserted").alias("modality"),
        pl.lit(dt.date(2025, 1, 1)).alias("event_date"), pl.lit("document").alias("date_source"),
        pl.lit(0.8).alias("confidence"),
    )
    events = pl.concat([fr.frame("events", []), ev], how="diagonal_relaxed")
    return {
        "documents": fr.frame("documents", [{"doc_id": d, "text": "met", "lang": "en", "ingested_at": now} for d in docs]),
        "sentences": fr.frame("sentences", []), "mentions": fr.frame("mentions", []),
        "events": events, "diagnostics": fr.frame("diagnostics", []),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--per-doc", type=int, default=10)
    ap.add_argument("--docs-per-batch", type=int, default=10_000)
    args = ap.parse_args()
    n, dt_s, n_batches = measure(args.events, args.per_doc, args.docs_per_batch)
    print(f"loaded {n:,} events in {dt_s:.1f} s: {n / dt_s:,.0f} events/s "
          f"({n_batches} batches of {args.docs_per_batch * args.per_doc:,} events)")


def measure(events: int, per_doc: int = 10, docs_per_batch: int = 10_000) -> tuple[int, float, int]:
    """(events loaded, seconds, batches) for ``events`` synthetic events."""
    with tempfile.TemporaryDirectory() as d:
        con = db.connect(Path(d) / "bench.duckdb")
        db.upgrade(con)
        n_docs = events // per_doc
        batches = [batch(i, min(docs_per_batch, n_docs - i), per_doc) for i in range(0, n_docs, docs_per_batch)]
        t0 = time.perf_counter()
        for b in batches:
            load_batch(con, b)
        dt_s = time.perf_counter() - t0
        n = con.execute("SELECT count(*) FROM events").fetchone()[0]
        con.close()
    return n, dt_s, len(batches)


if __name__ == "__main__":
    main()
