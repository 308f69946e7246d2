"""The real flow (Prefect test harness), real DuckDB files, real GX suites, real Stanza pipelines."""
from __future__ import annotations

import json

import duckdb
import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


def _run(tmp_path, inputs, nlp_config, **kw):
    from flows.pipeline import pipeline

    return pipeline(inputs=[str(p) for p in inputs], db_path=str(tmp_path / "w.duckdb"), nlp=nlp_config, **kw)


def _q(tmp_path, sql, params=None):
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


COUNTS = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), (SELECT count(*) FROM sentences), " \
         "(SELECT count(*) FROM mentions), (SELECT count(*) FROM quarantine)"


def test_samples_yield_seed_events_and_rerun_is_idempotent(tmp_path, prefect_harness, nlp_config):
    first = _run(tmp_path, [SAMPLES], nlp_config)
    assert first.docs_loaded >= 5 and first.events > 0
    req = _q(tmp_path, "SELECT actor_code, target_code, modality, event_date FROM events "
                       "WHERE event_type = 'REQUEST' AND actor_code = 'USA' AND target_code = 'AZE'")
    assert req and req[0][2] == "reported" and str(req[0][3]) == "2025-10-30"
    cond = _q(tmp_path, "SELECT condition_text FROM events WHERE actor_code = 'AZE' AND condition_text IS NOT NULL")
    assert cond and cond[0][0].startswith("только на основании")
    # offsets are Python indices into documents.text
    for text, s, e, action in _q(tmp_path, "SELECT d.text, action_start, action_end, action_text FROM events JOIN documents d USING (doc_id)"):
        assert text[s:e] == action
    assert _q(tmp_path, "SELECT count(*) FROM quarantine") == [(0,)]  # every extracted row passes GX
    before = _q(tmp_path, COUNTS)
    second = _run(tmp_path, [SAMPLES], nlp_config)
    assert second.docs_loaded == 0 and second.docs_skipped == first.docs_loaded
    assert _q(tmp_path, COUNTS) == before
    runs = _q(tmp_path, "SELECT status, docs_loaded, nlp_models FROM runs ORDER BY started_at")
    assert len(runs) == 2 and json.loads(runs[0][2])["ru"]["profile"] in ("natasha", "stanza")


def test_batches_are_validated_and_loaded_load_size_documents_at_a_time(tmp_path, prefect_harness, nlp_config):
    """One-document annotation batches, validated and loaded two documents at a time: the same rows
    as one batch for everything, and one GX run per suite for every two documents."""
    (tmp_path / "a").mkdir()
    whole = _run(tmp_path / "a", [SAMPLES], nlp_config)
    (tmp_path / "b").mkdir()
    small = _run(tmp_path / "b", [SAMPLES], nlp_config, batch_size=1, load_size=2)
    assert small.docs_loaded == whole.docs_loaded >= 5 and small.events == whole.events
    assert _q(tmp_path / "a", COUNTS) == _q(tmp_path / "b", COUNTS)
    per_suite = _q(tmp_path / "b", "SELECT suite, count(*), sum(evaluated) FILTER (WHERE suite = 'documents') "
                                   "FROM validation_results GROUP BY suite ORDER BY suite")
    chunks = -(-small.docs_loaded // 2)
    assert [(s, n) for s, n, _ in per_suite] == [("documents", chunks), ("events", chunks), ("mentions", chunks)]
    assert per_suite[0][2] == small.docs_loaded


def test_reprocess_replaces_events_atomically(tmp_path, prefect_harness, nlp_config):
    _run(tmp_path, [SAMPLES / "ru_news.jsonl"], nlp_config)
    before = _q(tmp_path, COUNTS)
    again = _run(tmp_path, [SAMPLES / "ru_news.jsonl"], nlp_config, reprocess=True)
    assert again.docs_loaded == 3
    assert _q(tmp_path, COUNTS) == before


def test_bad_input_is_quarantined_and_the_rest_loads(tmp_path, prefect_harness, nlp_config):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (d / "latin1.txt").write_bytes("Le ministre a rencontré".encode("latin-1"))
    (d / "german.txt").write_text("Die Bundesregierung hat heute neue Sanktionen gegen den Iran beschlossen.")
    (d / "docs.jsonl").write_text("\n".join([
        json.dumps({"id": "ok", "text": "Россия и Китай подписали соглашение о сотрудничестве.", "lang": "ru"}),
        "{not json",
        json.dumps({"id": "notext"}),
    ]))
    s = _run(tmp_path, [d], nlp_config, max_failure_ratio=1.0)
    assert s.docs_loaded == 1
    reasons = {r[0] for r in _q(tmp_path, "SELECT reason FROM quarantine")}
    assert {"empty_file", "binary_file", "invalid_utf8", "malformed_jsonl", "missing_text"} <= reasons
    assert any(r.startswith("unsupported_language") for r in reasons)
    assert _q(tmp_path, "SELECT external_id FROM documents") == [("ok",)]
    # a rerun records no duplicate quarantine rows
    n = _q(tmp_path, "SELECT count(*) FROM quarantine")
    _run(tmp_path, [d], nlp_config, max_failure_ratio=1.0)
    assert _q(tmp_path, "SELECT count(*) FROM quarantine") == n


def test_failure_ratio_fails_the_run(tmp_path, prefect_harness, nlp_config):
    from flows.pipeline import FailureRatioExceeded

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{x\n{y\n")
    with pytest.raises(FailureRatioExceeded):
        _run(tmp_path, [bad], nlp_config, max_failure_ratio=0.5)
    assert _q(tmp_path, "SELECT status FROM runs") == [("failed",)]


def test_reprocess_from_warehouse_picks_only_stale_documents(tmp_path, prefect_harness, nlp_config):
    _run(tmp_path, [SAMPLES / "ru_news.jsonl"], nlp_config)
    before = _q(tmp_path, COUNTS)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("UPDATE documents SET extractor_version = 'old' WHERE external_id = 'ru-aid-004'")
    con.close()
    s = _run(tmp_path, [], nlp_config, from_warehouse=True)
    assert s.docs_seen == 1 and s.docs_loaded == 1
    assert _q(tmp_path, COUNTS) == before
    assert _q(tmp_path, "SELECT count(DISTINCT extractor_version) FROM documents") == [(1,)]


def test_the_same_text_under_several_ids_loads_once_and_keeps_every_id(tmp_path, prefect_harness, nlp_config):
    from flows.pipeline import pipeline

    text = "Egypt praised Kenya for its mediation."
    first = tmp_path / "a.jsonl"
    first.write_text("\n".join(json.dumps({"id": i, "text": text, "lang": "en"}) for i in ("a1", "a2")) + "\n")
    db = str(tmp_path / "w.duckdb")

    def state():
        con = duckdb.connect(db, read_only=True)
        try:
            return (con.execute("SELECT count(*) FROM documents").fetchone()[0],
                    sorted(r[0] for r in con.execute("SELECT external_id FROM document_aliases").fetchall()))
        finally:
            con.close()

    pipeline(inputs=[str(first)], db_path=db, nlp=nlp_config)
    assert state() == (1, ["a1", "a2"])
    pipeline(inputs=[str(first)], db_path=db, nlp=nlp_config)  # rerun: nothing new
    assert state() == (1, ["a1", "a2"])
    later = tmp_path / "b.jsonl"
    later.write_text(json.dumps({"id": "b1", "text": text, "lang": "en"}) + "\n")
    pipeline(inputs=[str(later)], db_path=db, nlp=nlp_config)  # already loaded, under a new id
    assert state() == (1, ["a1", "a2", "b1"])
