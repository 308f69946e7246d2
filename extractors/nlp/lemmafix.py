"""Lemma repair for the compact models: a word tagged as a verb or auxiliary whose form is an
irregular past or participle listed in ``lexicons/<lang>/irregular_verbs.tsv`` ("froze", "sought")
gets the listed lemma. Only listed forms of verbs are touched."""
from __future__ import annotations

import functools

from extractors.nlp.repairtables import read_rows, words

VERBAL = ("VERB", "AUX")


@functools.lru_cache(maxsize=8)
def table(lang: str) -> dict[str, str]:
    """form → lemma; empty for a language without a table."""
    return {r["form"].lower(): r["lemma"] for r in read_rows(lang, "irregular_verbs.tsv")}


def fix_irregular_lemmas(docs, lang: str) -> int:
    """Set lemmas in place; returns how many were changed."""
    forms = table(lang)
    changed = 0
    for w in words(docs) if forms else ():
        lemma = forms.get(w.text.lower()) if w.upos in VERBAL else None
        if lemma is not None and w.lemma != lemma:
            w.lemma = lemma
            changed += 1
    return changed
