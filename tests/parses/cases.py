"""The texts that need a frozen parse: every golden case (``tests/golden/<lang>.yaml``) and every
one-act sentence (``tests/oneact/<lang>.yaml``), per language."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from extractors.records import RawDocument

TESTS = Path(__file__).resolve().parent.parent
LANGS = ("en", "ru")
PUBLISHED = dt.date(2025, 10, 30)  # the publication day the golden and one-act cases are written against


def golden(lang: str) -> list[dict]:
    return yaml.safe_load((TESTS / "golden" / f"{lang}.yaml").read_text(encoding="utf-8"))


def oneact(lang: str) -> dict[str, list[dict]]:
    return yaml.safe_load((TESTS / "oneact" / f"{lang}.yaml").read_text(encoding="utf-8"))


def texts(lang: str) -> list[str]:
    """Every golden and one-act text of ``lang`` once, in file order."""
    out = [c["text"] for c in golden(lang)] + [c["text"] for cs in oneact(lang).values() for c in cs]
    return list(dict.fromkeys(out))


def raw(text: str, lang: str, source: str) -> RawDocument:
    return RawDocument(text=text, source=source, published=PUBLISHED, lang=lang)
