"""Integration fixtures: one warehouse loaded by the real pipeline, shared by the read-only tests."""
from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES

HOSTILE = {
    "id": "hostile-1", "published": "2025-03-04", "source": "<b>evil</b>",
    "title": "<script>window.__pwned = 'title'</script>",
    "text": ("Министр иностранных дел Франции заявил, что Франция поддержит Украину "
             "<script>window.__pwned = 'text'</script> только при условии одобрения парламента "
             "<img src=x onerror=\"window.__pwned = 'img'\">."),
}


@pytest.fixture(scope="session")
def ru_warehouse(tmp_path_factory, prefect_harness, nlp_config):
    """Our Russian samples plus a document carrying HTML/JS payloads. Treat as read-only."""
    from flows.pipeline import pipeline

    d = tmp_path_factory.mktemp("ru_warehouse")
    hostile = d / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    path = d / "w.duckdb"
    pipeline(inputs=[str(SAMPLES / "ru_news.jsonl"), str(SAMPLES / "ru_azerbaijan_request.txt"),
                     str(SAMPLES / "ru_talks.md"), str(hostile)], db_path=str(path), nlp=nlp_config)
    return path




@pytest.fixture(scope="session")
def samples_warehouse(tmp_path_factory, prefect_harness, nlp_config):
    """Every file of samples/ loaded by the real pipeline, as `make run` does. Treat as read-only."""
    from flows.pipeline import pipeline

    path = tmp_path_factory.mktemp("samples_warehouse") / "communique.duckdb"
    pipeline(inputs=[str(SAMPLES)], db_path=str(path), nlp=nlp_config)
    return path
