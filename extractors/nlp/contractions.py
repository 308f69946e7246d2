"""Tokenizer repair for the compact models: a contraction written without its apostrophe ("dont",
"im", "thats"; ``lexicons/<lang>/contractions.tsv``) is marked as a multi-word token between
tokenizing and MWT expansion, so that it is split as the treebanks split it ("do" + "nt"), and its
words get the listed lemmas after lemmatizing ("nt" → not, "m" → be). A form listed with following
words ("its") is marked only before one of them ("its not", "its a"), since it is otherwise a
possessive. Token text and offsets are unchanged."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from extractors.nlp.repairtables import read_rows, sentences, with_next

MWT_FLAG = "MWT=Yes"


@dataclass(frozen=True)
class Contraction:
    words: tuple[str, ...]
    lemmas: tuple[str, ...]
    before: frozenset[str] | None  # the words it must precede; None: any


@functools.lru_cache(maxsize=8)
def table(lang: str) -> dict[str, Contraction]:
    """form → its expansion; empty for a language without a table."""
    return {r["form"].lower(): Contraction(tuple(r["words"].split()), tuple(r["lemmas"].split()),
                                           frozenset(r["before"].split(",")) if r.get("before") else None)
            for r in read_rows(lang, "contractions.tsv")}


def expansions(lang: str) -> dict[str, str]:
    """form → its words joined by spaces, in the shape of a Stanza MWT expander's dictionary."""
    return {form: " ".join(c.words) for form, c in table(lang).items()}


def mark_contractions(docs, lang: str) -> int:
    """Flag listed tokens as multi-word tokens in place (before MWT expansion); returns how many."""
    forms = table(lang)
    marked = 0
    for sent in sentences(docs) if forms else ():
        for tok, nxt in with_next(sent.tokens):
            entry = forms.get(tok.text.lower())
            if entry is None or len(tok.id) > 1 or _flagged(tok):
                continue
            if entry.before is not None and nxt not in entry.before:
                continue
            tok.misc = f"{tok.misc}|{MWT_FLAG}" if tok.misc else MWT_FLAG
            marked += 1
    return marked


def fix_contraction_lemmas(docs, lang: str) -> int:
    """Give the words of a listed contraction split as listed their listed lemmas; returns how many
    words changed."""
    forms = table(lang)
    changed = 0
    for sent in sentences(docs) if forms else ():
        for tok in sent.tokens:
            entry = forms.get(tok.text.lower())
            if entry is None or tuple(w.text.lower() for w in tok.words) != entry.words:
                continue
            for word, lemma in zip(tok.words, entry.lemmas):
                if word.lemma != lemma:
                    word.lemma = lemma
                    changed += 1
    return changed


def _flagged(tok) -> bool:
    return bool(tok.misc) and MWT_FLAG in tok.misc.split("|")
