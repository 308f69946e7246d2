"""Real GX suites on real frames: failing rows move to quarantine, the rest stays."""
from __future__ import annotations

import datetime as dt

import pytest

from extractors.records import Event, Extraction, RawDocument, SentenceRow

pytestmark = pytest.mark.slow


def _extraction(doc: RawDocument) -> Extraction:
    good = Event(event_id="e1", doc_id=doc.doc_id, sentence_idx=0, event_type="AGREE", action_text="agreed",
                 action_lemma="agree", action_start=4, action_end=10, actor_text="A", actor_norm="A",
                 actor_type="COUNTRY", confidence=0.8, event_date=dt.date(2025, 1, 1))
    bad_type = Event(**{**good.__dict__, "event_id": "e2", "event_type": "HUG"})
    bad_span = Event(**{**good.__dict__, "event_id": "e3", "action_start": 0, "action_end": 3, "action_text": "zzz"})
    bad_conf = Event(**{**good.__dict__, "event_id": "e4", "confidence": 1.7})
    return Extraction(doc.doc_id, [SentenceRow(doc.doc_id, 0, 0, len(doc.text), doc.text)], [],
                      [good, bad_type, bad_span, bad_conf], [])


def test_failing_events_go_to_quarantine_with_expectation_as_reason():
    from flows.tasks import validate

    doc = RawDocument(text="A B agreed on it.", source="t", lang="en")
    res = validate.fn(([(doc, _extraction(doc))], []), "run1", "v1", {"en": "compact"})
    assert res.frames["events"]["event_id"].to_list() == ["e1"]
    reasons = sorted(q.reason for q in res.quarantined)
    assert reasons == ["expect_column_values_to_be_between:confidence",
                       "expect_column_values_to_be_between:offset_overflow",
                       "expect_column_values_to_be_in_set:event_type"]


def test_document_with_unsupported_language_is_dropped_with_children():
    from flows.tasks import validate

    doc = RawDocument(text="A B agreed on it.", source="t", lang="xx")
    res = validate.fn(([(doc, _extraction(doc))], []), "run1", "v1", {})
    assert res.frames["documents"].height == 0 and res.frames["events"].height == 0
    assert res.quarantined[0].reason == "expect_column_values_to_be_in_set:lang"
