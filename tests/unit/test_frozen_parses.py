"""tests/parses: every committed frozen parse reads back to the same file, is the parse of its text, and
a text without one fails its test in one line that says to run ``make parses``."""
from __future__ import annotations

import re

import pytest

from extractors.nlp import conllu
from tests.parses import cases, parser_id, store


@pytest.mark.parametrize("lang", cases.LANGS)
def test_every_frozen_parse_reads_back_to_the_same_file(lang):
    files = store.stored(lang)
    assert files, f"no frozen {lang} parses: {store.REGENERATE}"
    for key, path in files.items():
        body = path.read_text(encoding="utf-8")
        doc = conllu.read(body)
        assert store.key(doc.text) == key == doc.comments["newdoc id"], path.name
        assert conllu.write(doc, doc.text, doc.comments, store.HEADER) == body, path.name


def test_a_text_without_a_frozen_parse_fails_naming_make_parses():
    with pytest.raises(pytest.fail.Exception) as failed:
        store.load("en", ["A sentence no test case has, so no frozen parse either."])
    message = str(failed.value)
    assert "make parses" in message and "\n" not in message


def test_a_parse_of_another_text_is_stale(tmp_path, monkeypatch):
    text = cases.golden("en")[0]["text"]
    monkeypatch.setattr(store, "HERE", tmp_path)
    (tmp_path / "en").mkdir()
    store.path("en", text).write_text(conllu.write(conllu.Document("Another text."), "Another text."), encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="stale frozen parse .*make parses"):
        store.load("en", [text])


def test_the_parser_id_covers_every_repair_table():
    read = set()
    for path in parser_id.NLP_DIR.glob("*.py"):
        read |= set(re.findall(r"read_rows\(\w+, \"([\w.]+)\"\)", path.read_text(encoding="utf-8")))
    assert read and read <= set(parser_id.REPAIR_TABLES)
