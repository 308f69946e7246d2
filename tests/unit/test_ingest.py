import datetime as dt
import json

from extractors.records import Quarantined, RawDocument
from flows import ingest


def _read(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return list(ingest.read_file(p))


def test_date_header_sets_published_and_strips_header(tmp_path):
    [doc] = _read(tmp_path, "a.txt", " date 2025-10-30 Россия и Китай подписали соглашение.")
    assert isinstance(doc, RawDocument)
    assert doc.published == dt.date(2025, 10, 30)
    assert doc.text == "Россия и Китай подписали соглашение."


def test_front_matter_metadata(tmp_path):
    text = "---\nid: x1\ntitle: T\npublished: 2024-01-02\nlang: en\nurl: http://e.org\n---\nBody text here."
    [doc] = _read(tmp_path, "a.md", text)
    assert (doc.external_id, doc.title, doc.published, doc.lang, doc.url, doc.text) == (
        "x1", "T", dt.date(2024, 1, 2), "en", "http://e.org", "Body text here.")


def test_jsonl_good_and_bad_lines(tmp_path):
    lines = [json.dumps({"id": 1, "text": "One."}), "{broken", json.dumps({"id": 2}),
             json.dumps({"id": 3, "text": 5}), json.dumps({"id": 4, "text": "Four.", "published": "soon"})]
    recs = _read(tmp_path, "a.jsonl", "\n".join(lines))
    assert isinstance(recs[0], RawDocument) and recs[0].external_id == "1"
    assert [r.reason for r in recs[1:]] == ["malformed_jsonl", "missing_text", "wrong_field_type:text", "invalid_published"]
    assert recs[1].source.endswith("a.jsonl:2")


def test_csv(tmp_path):
    recs = _read(tmp_path, "a.csv", 'id,text,lang\n7,"Hello, world.",en\n8,,en\n')
    assert isinstance(recs[0], RawDocument) and recs[0].lang == "en"
    assert isinstance(recs[1], Quarantined) and recs[1].reason == "empty_text"


def test_bad_files_are_quarantined(tmp_path):
    assert _read(tmp_path, "e.txt", b"")[0].reason == "empty_file"
    assert _read(tmp_path, "b.txt", b"\x00\x01\x02binary\x00")[0].reason == "binary_file"
    assert _read(tmp_path, "u.txt", b"caf\xe9 \xff text")[0].reason == "invalid_utf8"
    assert _read(tmp_path, "w.txt", b"   \n\t ")[0].reason == "empty_file"


def test_utf16_with_bom_is_read(tmp_path):
    [doc] = _read(tmp_path, "u16.txt", "Привет, мир.".encode("utf-16"))
    assert doc.text == "Привет, мир."


def test_doc_id_is_stable_and_text_based(tmp_path):
    a = _read(tmp_path, "a.txt", "Same text.\r\n")[0]
    b = _read(tmp_path, "b.txt", "Same text.")[0]
    assert a.doc_id == b.doc_id and len(a.doc_id) == 16


def test_directory_walk_skips_hidden_and_unknown(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Text.")
    (tmp_path / "d" / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "d" / "notes.pdf").write_bytes(b"%PDF")
    files = list(ingest.iter_files([tmp_path / "d"]))
    assert [f.name for f in files] == ["a.txt"]
