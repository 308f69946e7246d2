"""Tag repair between tagging and parsing for the compact models: a plural noun that a model or maker
name modifies ("Rafale jets", "Leopard tanks"; ``lexicons/<lang>/named_nouns.tsv``), tagged as a verb
because the tagger does not know the name before it, becomes a plural common noun before the parser
sees it. Only right after a proper noun, and only the listed words."""
from __future__ import annotations

import functools

from extractors.nlp.repairtables import read_rows, sentences


@functools.lru_cache(maxsize=8)
def table(lang: str) -> dict[str, str]:
    """word → lemma; empty for a language without a table."""
    return {r["word"].lower(): r["lemma"] for r in read_rows(lang, "named_nouns.tsv")}


def fix_named_nouns(docs, lang: str) -> int:
    """Retag in place; returns how many words were changed."""
    nouns = table(lang)
    changed = 0
    for sent in sentences(docs) if nouns else ():
        words = sent.words
        for prev, w in zip(words, words[1:]):
            lemma = nouns.get(w.text.lower())
            if lemma is not None and w.upos in ("VERB", "AUX") and prev.upos == "PROPN":
                w.upos, w.xpos, w.feats, w.lemma = "NOUN", "NNS", "Number=Plur", lemma
                changed += 1
    return changed
