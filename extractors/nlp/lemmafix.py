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


# Names keep their capital by the UD convention; numbers, symbols and punctuation have no case to fold.
KEEP_CASE = frozenset({"PROPN", "X", "SYM", "PUNCT", "NUM"})


def fix_capitalised_lemmas(docs, lookup) -> int:
    """A capitalised or upper-case word (a headline's "Angry", "CLOSED") that the lemmatizer's own
    dictionary does not know, but knows in lower case with the same tag, gets the dictionary's lemma
    instead of the seq2seq guess ("Angry", "unlimite"). ``lookup(form, upos)`` is the lemmatizer's
    dictionary lookup (None for an unseen word); words tagged as names are left alone, and so is a
    capitalised form the dictionary knows ("American"). Returns how many lemmas changed."""
    changed = 0
    for w in words(docs):
        if w.upos in KEEP_CASE or w.text == w.text.lower() or lookup(w.text, w.upos) is not None:
            continue
        lemma = lookup(w.text.lower(), w.upos)
        if lemma is not None and lemma != w.lemma:
            w.lemma = lemma
            changed += 1
    return changed
