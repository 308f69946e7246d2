"""Property tests: ingest never raises on any bytes, and ids are stable."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings, strategies as st

from extractors.records import Quarantined, RawDocument, stable_id
from flows import ingest

SUFFIXES = st.sampled_from([".txt", ".md", ".jsonl", ".csv"])


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000), suffix=SUFFIXES)
def test_read_file_never_raises_on_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"x{suffix}"
        p.write_bytes(data)
        for rec in ingest.read_file(p):
            assert isinstance(rec, (RawDocument, Quarantined))
            if isinstance(rec, RawDocument):
                assert rec.text and rec.text == rec.text.strip()


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=500), suffix=SUFFIXES)
def test_read_file_never_raises_on_text(text, suffix):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"x{suffix}"
        p.write_text(text, encoding="utf-8")
        assert all(isinstance(r, (RawDocument, Quarantined)) for r in ingest.read_file(p))


@given(text=st.text(min_size=1, max_size=200))
def test_doc_id_depends_only_on_text(text):
    a = RawDocument(text=text, source="a", external_id="1")
    b = RawDocument(text=text, source="b", external_id="2")
    assert a.doc_id == b.doc_id == stable_id(text)


# lists joined: st.text() drops lone surrogates even from an alphabet that has them
_TEXT = st.lists(st.characters(categories=["Cs"]) | st.characters(), max_size=40).map("".join)
_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | _TEXT,
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3), max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(fields=st.dictionaries(st.sampled_from(["id", "text", "title", "url", "lang", "published"]), _VALUE | _TEXT))
def test_jsonl_record_never_raises_and_loads_only_storable_text(fields):
    """Lone surrogates (as JSON escapes), odd types and nesting: quarantined or loaded, and what loads is UTF-8."""
    import json

    obj = {"text": "Russia and China signed a deal.", **fields}
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.jsonl"
        p.write_text(json.dumps(obj) + "\n", encoding="utf-8")
        for rec in ingest.read_file(p):
            fields = (rec.text, rec.title, rec.url, rec.lang, rec.external_id) if isinstance(rec, RawDocument) \
                else (rec.reason, rec.payload, rec.external_id)
            for f in fields:
                assert f is None or isinstance(f.encode("utf-8"), bytes)  # encode raises on a lone surrogate
