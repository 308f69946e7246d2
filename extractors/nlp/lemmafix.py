"""Lemma repair for the compact models: a word tagged as a verb or auxiliary whose form is an
irregular past or participle listed in ``lexicons/<lang>/irregular_verbs.tsv`` ("froze", "sought")
gets the listed lemma. Only listed forms of verbs are touched."""
from __future__ import annotations

import csv
import functools
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"
VERBAL = ("VERB", "AUX")


@functools.lru_cache(maxsize=8)
def table(lang: str) -> dict[str, str]:
    """form → lemma; empty for a language without a table."""
    path = LEXICON_DIR / lang / "irregular_verbs.tsv"
    if not path.exists():
        return {}
    rows = [r for r in path.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    return {r["form"].lower(): r["lemma"] for r in csv.DictReader(rows, delimiter="\t")}


def fix_irregular_lemmas(docs, lang: str) -> int:
    """Set lemmas in place; returns how many were changed."""
    forms = table(lang)
    changed = 0
    if not forms:
        return 0
    for doc in docs:
        for sent in doc.sentences:
            for w in sent.words:
                lemma = forms.get(w.text.lower()) if w.upos in VERBAL else None
                if lemma is not None and w.lemma != lemma:
                    w.lemma = lemma
                    changed += 1
    return changed
