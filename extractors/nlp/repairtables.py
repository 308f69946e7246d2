"""What the compact profile's repair steps (``closedclass``, ``lemmafix``) share: reading a per-language
TSV table from ``lexicons/<lang>/`` (``#`` lines are its provenance header) and walking the words of
annotated documents (sentences, words, each with the next word's text)."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"


def read_rows(lang: str, name: str) -> list[dict[str, str]]:
    """The rows of ``lexicons/<lang>/<name>`` as dicts by header; empty when the language has none."""
    path = LEXICON_DIR / lang / name
    if not path.exists():
        return []
    rows = [r for r in path.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


def sentences(docs) -> Iterator:
    """Every sentence of ``docs`` (Stanza documents)."""
    for doc in docs:
        yield from doc.sentences


def words(docs) -> Iterator:
    """Every word of every sentence of ``docs`` (Stanza documents)."""
    for sent in sentences(docs):
        yield from sent.words


def with_next(items: list) -> Iterator[tuple[object, str]]:
    """Each of a sentence's tokens or words with the lower-cased text of the one after it ("" last)."""
    for i, item in enumerate(items):
        yield item, items[i + 1].text.lower() if i + 1 < len(items) else ""
