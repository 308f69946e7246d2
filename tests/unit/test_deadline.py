"""A per-document time budget: a runaway document is quarantined as ``timeout`` after its budget and
the rest of its batch is annotated; the budget stops work in worker threads too."""
from __future__ import annotations

import threading
import time

import pytest

from extractors.nlp.profiles import NLPConfig
from extractors.records import RawDocument
from flows import annotation
from flows.deadline import DeadlineExceeded, deadline


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(range(100))


def test_the_budget_stops_a_python_loop_and_leaves_nothing_behind():
    t0 = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        with deadline(0.2):
            _spin(5)
    assert time.monotonic() - t0 < 1.5
    with deadline(0.5):
        _spin(0.05)
    _spin(0.8)  # no exception arrives after the block ended


def test_the_budget_works_in_a_worker_thread():
    got = []

    def work():
        try:
            with deadline(0.2):
                _spin(5)
        except DeadlineExceeded:
            got.append("stopped")

    t = threading.Thread(target=work)
    t.start()
    t.join(3)
    assert got == ["stopped"]


def test_a_runaway_document_is_quarantined_as_timeout_and_its_batch_goes_on(monkeypatch):
    # the NLP call is replaced by a stand-in here: what is tested is how the budget is applied
    def annotate(texts, lang, cfg):
        for t in texts:
            if "runaway" in t:
                _spin(30)
        return [f"parsed:{t}" for t in texts]

    from extractors.nlp import pipelines

    monkeypatch.setattr(pipelines, "annotate", annotate)
    docs = [RawDocument(text=t, source="s", external_id=t) for t in ("one", "a runaway text", "two")]
    t0 = time.monotonic()
    pairs, bad = annotation._annotate(docs, "en", NLPConfig(doc_timeout=0.3))
    assert time.monotonic() - t0 < 5
    assert sorted(d.external_id for d, _ in pairs) == ["one", "two"]
    assert [(q.reason, q.external_id) for q in bad] == [("timeout", "a runaway text")]
    pairs, bad = annotation._annotate(docs[:1], "en", NLPConfig())  # no budget: annotated as before
    assert len(pairs) == 1 and not bad
