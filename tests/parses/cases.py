"""The texts that need a frozen parse: every golden case (``tests/golden/<lang>.yaml``), every
one-act sentence (``tests/oneact/<lang>.yaml``) and every example of a tree-pattern rule or parse repair
(``extractors/lexicons/rules/*.yaml``), per language."""
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


def rule_examples() -> list[dict]:
    """Every example of the tree-pattern rules ({lang, lemma, text}), with its rule's ``id``, ``keep`` and ``sets``."""
    from extractors.events import patterns

    return [dict(e, id=r["id"], keep=bool(r.get("keep")), sets=r.get("sets") or {}) for p in patterns.files()
            for r in yaml.safe_load(p.read_text(encoding="utf-8"))["rules"] for e in r.get("examples") or []]


def repair_examples() -> list[dict]:
    """Every example of the parse repairs (``rules/repairs.yaml``: {lang, text, word, …}), with its repair's ``id``."""
    from extractors.events import repairs

    return [dict(e, id=r["id"]) for r in repairs.rules() for e in r.get("examples") or []]


def texts(lang: str) -> list[str]:
    """Every golden, one-act, rule and repair example text of ``lang`` once, in file order."""
    out = [c["text"] for c in golden(lang)] + [c["text"] for cs in oneact(lang).values() for c in cs]
    out += [e["text"] for e in rule_examples() + repair_examples() if e["lang"] == lang]
    return list(dict.fromkeys(out))


def raw(text: str, lang: str, source: str) -> RawDocument:
    return RawDocument(text=text, source=source, published=PUBLISHED, lang=lang)
