"""Where a text's frozen parse lives and how it is written and read: ``tests/parses/<lang>/<key>.conllu``,
``key`` the first 16 hex digits of the text's SHA-256; the file names the parser that made it
(``# parser``, see ``parser_id``) and holds the text itself, so a parse that does not belong to the
text is caught. Reading needs no model and no Stanza."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from extractors.nlp import conllu

HERE = Path(__file__).resolve().parent
HEADER = ("Frozen parse of one golden or one-act test text (tests/golden, tests/oneact); extraction tests",
          "run on it instead of the live parser. Written by `make parses`; do not edit by hand.")
REGENERATE = "run `make parses`"


def key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def path(lang: str, text: str) -> Path:
    return HERE / lang / f"{key(text)}.conllu"


def stored(lang: str) -> dict[str, Path]:
    """key -> file, for every frozen parse of ``lang`` on disk."""
    return {p.stem: p for p in sorted((HERE / lang).glob("*.conllu"))}


def save(lang: str, text: str, doc, parser: str) -> Path:
    """Write ``doc`` (the parse of ``text``) as its frozen parse, atomically."""
    out = path(lang, text)
    out.parent.mkdir(parents=True, exist_ok=True)
    body = conllu.write(doc, text, {"newdoc id": key(text), "lang": lang, "parser": parser}, HEADER)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, out)
    return out


def read(p: Path) -> conllu.Document:
    return conllu.read(p.read_text(encoding="utf-8"))


def _checked(lang: str, text: str) -> conllu.Document | str:
    """The frozen parse of ``text``, or why there is none usable (missing, or one of another text)."""
    p = path(lang, text)
    if not p.exists():
        return "no frozen parse"
    doc = read(p)
    return doc if doc.text == text else f"stale frozen parse ({p.name} holds another text)"


def load(lang: str, texts: list[str]) -> list[conllu.Document]:
    """The frozen parses of ``texts``; the test fails, in one line naming ``make parses``, when one is
    missing or stale."""
    got = [_checked(lang, t) for t in texts]
    bad = [(t, why) for t, why in zip(texts, got) if isinstance(why, str)]
    if bad:
        text, why = bad[0]
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        pytest.fail(f"{why} of {lang} text {text[:60]!r}{more}: {REGENERATE}", pytrace=False)
    return got


def current(lang: str, text: str, parser: str) -> bool:
    """Whether ``text`` has a frozen parse that ``parser`` made (the test for regenerating it)."""
    p = path(lang, text)
    if not p.exists():
        return False
    doc = read(p)
    return doc.text == text and doc.comments.get("parser") == parser
