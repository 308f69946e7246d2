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


def test_lone_surrogate_escape_costs_only_its_record(tmp_path):
    recs = _read(tmp_path, "s.jsonl", '{"id": "s", "text": "Russia\\ud800 and China."}\n' + FINE + "\n")
    assert [type(r).__name__ for r in recs] == ["Quarantined", "RawDocument"]
    assert recs[0].reason and recs[0].source.endswith("s.jsonl:1") and recs[1].external_id == "fine"


def test_json_nested_100k_deep_is_malformed_not_a_crash(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    lines = [deep, '{"id": "d", "text": "T.", "title": ' + deep + "}", FINE]
    recs = _read(tmp_path, "d.jsonl", "\n".join(lines))
    assert _summary(recs) == [("Quarantined", "malformed_jsonl", "d.jsonl:1"),
                              ("Quarantined", "malformed_jsonl", "d.jsonl:2"), ("RawDocument", "fine", "d.jsonl:3")]
    assert recs[0].payload.startswith("nested too deeply")


def test_integer_id_too_long_to_print_is_invalid_id(tmp_path):
    # Python 3.11 refuses str() and int() of integers over 4,300 decimal digits
    recs = _read(tmp_path, "i.jsonl", '{"id": ' + "9" * 5000 + ', "text": "Big."}\n' + FINE)
    assert _summary(recs) == [("Quarantined", "invalid_id", "i.jsonl:1"), ("RawDocument", "fine", "i.jsonl:2")]
    assert recs[0].external_id is None and "5000 digits" in recs[0].payload
    for literal in ("9" * 5000, "0x" + "f" * 5000):  # decimal fails in int(), hex only later in str()
        [q] = _read(tmp_path, "i.md", f"---\nid: {literal}\n---\nBody.")
        assert (q.reason, q.external_id) == ("invalid_id", None)
    [ok] = _read(tmp_path, "n.jsonl", '{"id": 12, "text": "Twelve."}')
    assert ok.external_id == "12"


def test_front_matter_impossible_date_is_invalid_published(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("---\nid: a\npublished: 2023-02-30\n---\nBody.", encoding="utf-8")
    (d / "b.md").write_text("---\nid: b\npublished: 2023-02-28\n---\nBody.", encoding="utf-8")
    a, b = ingest.read_paths([d])
    assert (a.reason, a.external_id, a.source) == ("invalid_published", "a", str(d / "a.md"))
    assert isinstance(b, RawDocument) and b.published.isoformat() == "2023-02-28"


def test_whatever_one_record_raises_is_quarantined_and_the_rest_goes_on(tmp_path, monkeypatch):
    real = ingest.make_document

    def fragile(meta, text, source):
        if isinstance(text, str) and "boom" in text:
            raise RuntimeError("boom")
        return real(meta, text, source)

    monkeypatch.setattr(ingest, "make_document", fragile)
    recs = _read(tmp_path, "a.jsonl", '{"text": "boom."}\n' + FINE)
    recs += _read(tmp_path, "a.csv", "id,text\nx,boom.\ny,Fine text.\n")
    recs += _read(tmp_path, "a.txt", "boom.")
    assert _summary(recs) == [("Quarantined", "ingest_error:RuntimeError", "a.jsonl:1"), ("RawDocument", "fine", "a.jsonl:2"),
                              ("Quarantined", "ingest_error:RuntimeError", "a.csv:2"), ("RawDocument", "y", "a.csv:3"),
                              ("Quarantined", "ingest_error:RuntimeError", "a.txt")]
    assert recs[0].payload == "boom"


def test_lone_surrogate_in_any_text_field_is_invalid_unicode(tmp_path):
    for field in ("id", "text", "title", "url", "lang"):
        obj = {"id": "s", "text": "Russia and China signed a deal.", "title": "T", "url": "http://e.org", "lang": "en"}
        obj[field] = "x\ud800y"
        recs = _read(tmp_path, "s.jsonl", json.dumps(obj) + "\n" + FINE)  # json.dumps writes "\ud800" escapes
        assert _summary(recs) == [("Quarantined", f"invalid_unicode:{field}", "s.jsonl:1"),
                                  ("RawDocument", "fine", "s.jsonl:2")]
        assert recs[0].external_id == ("x\\ud800y" if field == "id" else "s")  # escaped, so it can be stored
        recs[0].payload.encode("utf-8")
    [q] = _read(tmp_path, "s.md", '---\ntitle: "low \\udc80 half"\n---\nBody.')  # YAML escapes too
    assert q.reason == "invalid_unicode:title"


def _billion_laughs() -> str:
    keys = "abcdefghi"
    lines = ["a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    lines += [f"{k}: &{k} [" + ",".join([f"*{prev}"] * 9) + "]" for prev, k in zip(keys, keys[1:])]
    return "---\n" + "\n".join(lines) + "\nid: *i\n---\nBody.\n"


def test_front_matter_aliases_are_refused_quickly(tmp_path):
    import time

    doc = _billion_laughs()
    assert len(doc.encode()) < 400  # expands to 9**9 strings once anything walks it
    t0 = time.perf_counter()
    [q] = _read(tmp_path, "laughs.md", doc)
    assert time.perf_counter() - t0 < 0.5
    assert (q.reason, q.source.rsplit("/", 1)[-1]) == ("malformed_front_matter", "laughs.md")
    [q] = _read(tmp_path, "alias.md", "---\ntitle: &t Talks\nurl: *t\n---\nBody.")  # a harmless alias too
    assert q.reason == "malformed_front_matter"
    [doc] = _read(tmp_path, "anchor.md", "---\ntitle: &t Talks\n---\nBody.")  # an anchor alone expands nothing
    assert isinstance(doc, RawDocument) and doc.title == "Talks"


def test_yaml_dates_get_the_same_range_check_as_strings(tmp_path):
    for value in ("9999-12-31", "1066-10-14", "9999-12-31 10:00:00", '"9999-12-31"'):
        [q] = _read(tmp_path, "far.md", f"---\npublished: {value}\n---\nBody.")
        assert q.reason == "invalid_published", value
    for value in ("1900-01-01", "2100-12-31", "2024-05-06 10:00:00"):
        [doc] = _read(tmp_path, "near.md", f"---\npublished: {value}\n---\nBody.")
        assert doc.published.isoformat() == value[:10]


def test_csv_field_over_the_csv_modules_limit_costs_only_its_row(tmp_path):
    import csv
    import io

    long_text = "Russia and China held talks.\n" * 7_000  # 203,000 characters, over the csv default of 131,072
    rows = [("id", "text"), ("a", "Short text."), ("long", long_text), ("huge", "Word. " * 400_000), ("after", "Fine.")]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    recs = _read(tmp_path, "big.csv", buf.getvalue())
    assert _summary(recs) == [("RawDocument", "a", "big.csv:2"), ("RawDocument", "long", "big.csv:3"),
                              ("Quarantined", "text_too_long", "big.csv:4"), ("RawDocument", "after", "big.csv:5")]
    assert recs[1].text == long_text.strip()


def test_a_row_the_csv_module_still_refuses_is_one_quarantine_row(tmp_path, monkeypatch):
    import csv

    real = csv.field_size_limit
    previous = real(1_000)
    monkeypatch.setattr(csv, "field_size_limit", lambda *limit: 1_000)  # a limit ingest cannot raise
    try:
        recs = _read(tmp_path, "r.csv", f"id,text\na,Short text.\nx,{'w' * 5_000}\nafter,Fine.\n")
    finally:
        real(previous)
    assert _summary(recs) == [("RawDocument", "a", "r.csv:2"), ("Quarantined", "malformed_csv", "r.csv:3"),
                              ("RawDocument", "after", "r.csv:4")]
    assert recs[1].payload == "line 3: field larger than field limit (1000)"


def test_symlinks_out_of_an_input_folder_are_quarantined_not_followed(tmp_path):
    outside, d = tmp_path / "outside", tmp_path / "in"
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.txt").write_text("Secret: Russia and China signed a deal.")
    (outside / "deep" / "more.txt").write_text("Secret too.")
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("Japan and South Korea agreed to resume talks.")
    (d / "sub" / "b.txt").write_text("The European Union imposed new sanctions.")
    (d / "inside.txt").symlink_to(d / "sub" / "b.txt")  # stays inside: read as before
    (d / "out.txt").symlink_to(outside / "secret.txt")
    (d / "outdir").symlink_to(outside / "deep", target_is_directory=True)
    (d / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (d / "loop.txt").symlink_to(d / "loop.txt")  # resolves nowhere: skipped as before
    recs = list(ingest.read_paths([d]))
    docs = {r.source.removeprefix(f"{d}/") for r in recs if isinstance(r, RawDocument)}
    bad = {r.source.removeprefix(f"{d}/"): (r.reason, r.payload) for r in recs if isinstance(r, Quarantined)}
    assert docs == {"a.txt", "inside.txt", "sub/b.txt"}
    assert bad == {"gone.txt": ("symlink_outside_input", f"-> {(tmp_path / 'missing.txt').resolve()}"),
                   "out.txt": ("symlink_outside_input", f"-> {(outside / 'secret.txt').resolve()}"),
                   "outdir": ("symlink_outside_input", f"-> {(outside / 'deep').resolve()}")}
    assert not any("Secret" in r.text for r in recs if isinstance(r, RawDocument))
    assert [f.name for f in ingest.iter_files([d])] == ["a.txt", "inside.txt", "b.txt"]
    [doc] = ingest.read_paths([d / "out.txt"])  # a file named on the command line is read as given
    assert doc.text.startswith("Secret")


def test_a_file_name_that_is_not_utf8_is_quarantined_not_loaded(tmp_path):
    import os

    import pytest

    d = tmp_path / "in"
    d.mkdir()
    try:  # Linux keeps any bytes in a name; Python shows \xe9 as a lone surrogate, which cannot be stored
        with open(os.path.join(os.fsencode(d), b"caf\xe9.txt"), "wb") as fh:
            fh.write(b"Russia and China signed a deal.")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    (d / "ok.txt").write_text("Japan and South Korea agreed to resume talks.")
    bad, ok = ingest.read_paths([d])
    assert (bad.reason, bad.source) == ("invalid_unicode:path", f"{d}/caf\\xe9.txt")
    assert isinstance(ok, RawDocument) and ok.source == str(d / "ok.txt")
