"""Every view and mart query runs on a real database with loaded samples."""
from __future__ import annotations

import duckdb
import pytest

from warehouse import db

pytestmark = pytest.mark.slow


def test_every_view_runs(tmp_path, prefect_harness, nlp_config):
    from flows.pipeline import pipeline
    from tests.conftest import SAMPLES

    path = tmp_path / "w.duckdb"
    pipeline(inputs=[str(SAMPLES / "ru_news.jsonl"), str(SAMPLES / "ru_azerbaijan_request.txt")], db_path=str(path),
             nlp=nlp_config)
    con = duckdb.connect(str(path), read_only=True)
    names = [p.stem for p in db.view_files()]
    assert {"stg_events", "mart_daily_dyads", "mart_conditional_events", "mart_event_clusters"} <= set(names)
    for name in names:
        con.execute(f"SELECT * FROM {name} LIMIT 5").fetchall()  # noqa: S608 — names come from our files
    cond = con.execute("SELECT actor_code, condition_text FROM mart_conditional_events").fetchall()
    assert ("AZE", "только на основании решения Совета Безопасности ООН") in cond
    sizes = con.execute("SELECT min(cluster_size) FROM mart_event_clusters").fetchone()[0]
    assert sizes >= 1
    quads = con.execute("SELECT DISTINCT quad_class FROM stg_events WHERE event_type = 'SANCTION'").fetchall()
    assert quads == [(4,)]


def test_export_parquet_and_csv(tmp_path, prefect_harness, nlp_config):
    import polars as pl

    from flows.pipeline import pipeline
    from tests.conftest import SAMPLES
    from warehouse.export import export

    path = tmp_path / "w.duckdb"
    pipeline(inputs=[str(SAMPLES / "ru_news.jsonl")], db_path=str(path), nlp=nlp_config)
    counts = export(path, tmp_path / "pq", "parquet")
    months = list((tmp_path / "pq" / "events").glob("month=*/part-0.parquet"))
    assert months and sum(pl.read_parquet(m).height for m in months) == counts["events"] > 0
    assert pl.read_parquet(tmp_path / "pq" / "documents.parquet").height == 3
    export(path, tmp_path / "csv", "csv")
    assert pl.read_csv(tmp_path / "csv" / "events.csv").height == counts["events"]


def test_quality_builds_data_docs_for_the_last_run(tmp_path, prefect_harness, nlp_config):
    from flows.pipeline import pipeline
    from tests.conftest import SAMPLES
    from warehouse.quality.docs import build

    path = tmp_path / "w.duckdb"
    pipeline(inputs=[str(SAMPLES / "ru_news.jsonl")], db_path=str(path), nlp=nlp_config)
    index, results = build(path, tmp_path / "gx")
    assert results == {"documents": True, "mentions": True, "events": True}
    page = open(index, encoding="utf-8").read()
    assert "events" in page and "<html" in page.lower()
