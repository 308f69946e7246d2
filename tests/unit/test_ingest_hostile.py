"""Hostile records (hardening issue): each is parsed, normalised and validated on its own, so one bad
record becomes one quarantine row with a reason and its location, and the records after it still load.
Every input is generated here, in tmp_path."""
from __future__ import annotations

import json

from extractors.records import Quarantined, RawDocument
from flows import ingest

FINE = json.dumps({"id": "fine", "text": "Japan and South Korea agreed to resume talks."})


def _read(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return list(ingest.read_file(p))


def _summary(recs):
    return [(type(r).__name__, getattr(r, "reason", None) or r.external_id, r.source.rsplit("/", 1)[-1]) for r in recs]


def test_jsonl_splits_on_newline_only(tmp_path):
    # U+2028/U+2029/U+0085 and \x0b\x0c\x1c-\x1e are line breaks to str.splitlines, not to JSON Lines
    odd = "\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e"
    one = json.dumps({"id": "odd", "text": f"Russia{odd}and China signed a deal."}, ensure_ascii=False)
    recs = _read(tmp_path, "a.jsonl", one + "\r\n" + "{broken\r\n" + FINE + "\r\n")
    assert _summary(recs) == [("RawDocument", "odd", "a.jsonl:1"), ("Quarantined", "malformed_jsonl", "a.jsonl:2"),
                              ("RawDocument", "fine", "a.jsonl:3")]
    assert "\u2028" in recs[0].text
