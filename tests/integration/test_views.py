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


def test_every_party_of_a_joint_event_gets_its_row_and_persons_roll_up(tmp_path):
    """event_parties: one row per party with its own code and type; mart_party_dyads counts every
    party, and gives persons as persons (actor_party) and as the country they serve (actor_side)."""
    import datetime as dt

    from warehouse import frames as fr
    from warehouse.load import load_batch

    con = db.connect(tmp_path / "w.duckdb")
    db.upgrade(con)
    day, now = dt.date(2025, 1, 2), dt.datetime(2025, 1, 1)
    ev = {"doc_id": "d", "event_type": "CONSULT", "confidence": 0.5, "event_date": day}
    load_batch(con, {"documents": fr.frame("documents", [{"doc_id": "d", "text": "t", "lang": "en", "ingested_at": now}]),
                     "events": fr.frame("events", [
                         {**ev, "event_id": "e1", "actor_norm": "Israel|Hamas", "actor_code": "ISR",
                          "actor_codes": "ISR|HAMAS", "actor_types": "COUNTRY|GROUP", "target_norm": "Qatar",
                          "target_code": "QAT", "target_codes": "QAT", "target_types": "COUNTRY"},
                         {**ev, "event_id": "e2", "actor_norm": "Hakan Fidan", "actor_code": "TUR", "actor_codes": "TUR",
                          "actor_types": "PERSON", "target_norm": "Turkey", "target_code": "TUR",
                          "target_codes": "TUR", "target_types": "COUNTRY"},
                         {**ev, "event_id": "e3", "actor_norm": "Oman", "actor_code": "OMN"}])})  # an older row
    parties = con.execute("SELECT event_id, role, party_norm, party_code, party_type, party_side FROM event_parties "
                          "ORDER BY event_id, role, position").fetchall()
    assert parties == [("e1", "actor", "Israel", "ISR", "COUNTRY", "Israel"),
                       ("e1", "actor", "Hamas", "HAMAS", "GROUP", "Hamas"),
                       ("e1", "target", "Qatar", "QAT", "COUNTRY", "Qatar"),
                       ("e2", "actor", "Hakan Fidan", "TUR", "PERSON", "Turkey"),
                       ("e2", "target", "Turkey", "TUR", "COUNTRY", "Turkey"),
                       ("e3", "actor", "Oman", "OMN", None, "Oman")]
    dyads = con.execute("SELECT actor_party, actor_side, target_party FROM mart_party_dyads "
                        "WHERE target_party IS NOT NULL ORDER BY 1").fetchall()
    assert dyads == [("Hakan Fidan", "Turkey", "Turkey"), ("Hamas", "Hamas", "Qatar"), ("Israel", "Israel", "Qatar")]
    con.close()
