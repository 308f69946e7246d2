"""Hundreds of malformed records beside valid ones: nothing crashes, every record loads or is
quarantined with a reason, and the valid documents all load."""
from __future__ import annotations

import duckdb
import pytest

from tests.fixtures.malformed import HOSTILE_REASONS, write_cases

pytestmark = pytest.mark.slow


def test_malformed_corpus(tmp_path, prefect_harness, nlp_config):
    from flows.pipeline import pipeline

    valid, n_records = write_cases(tmp_path / "in")
    assert n_records >= 200
    s = pipeline(inputs=[str(tmp_path / "in")], db_path=str(tmp_path / "w.duckdb"), nlp=nlp_config, max_failure_ratio=1.0)
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    loaded = {r[0] for r in con.execute("SELECT external_id FROM documents").fetchall()}
    reasons = dict(con.execute("SELECT reason, count(*) FROM quarantine GROUP BY 1").fetchall())
    assert valid <= loaded
    assert all(r for r in reasons)
    assert {"empty_file", "binary_file", "invalid_utf8", "malformed_jsonl", "missing_text", "text_too_long",
            "sentence_too_long", "wrong_field_type:text"} | HOSTILE_REASONS <= set(reasons)
    assert any(r.startswith("unsupported_language") for r in reasons)
    # every ingest record is accounted for: loaded, skipped as a duplicate text, or quarantined
    assert s.docs_loaded + s.quarantined == s.docs_seen
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == s.docs_loaded
