"""Tag repair between tagging and parsing for the compact models: a function word of news text
with one use only (``lexicons/<lang>/closed_class.tsv``: "amid", "unless"), tagged as a noun, verb,
adjective or proper noun by a tagger that rarely saw it (or, for a subordinator, as a preposition:
the tags to repair are listed per word), gets its one tag back before the parser sees it. Function words only; nothing else is touched."""
from __future__ import annotations

import functools

from extractors.nlp.repairtables import read_rows, words


@functools.lru_cache(maxsize=8)
def table(lang: str) -> dict[str, tuple[str, str, frozenset[str]]]:
    """word → (upos, xpos, the wrong tags it is repaired from); empty for a language without a table."""
    return {r["word"].lower(): (r["upos"], r["xpos"], frozenset(r["wrong"].split(",")))
            for r in read_rows(lang, "closed_class.tsv")}


def fix_function_words(docs, lang: str) -> int:
    """Retag in place; returns how many words were changed."""
    fixes = table(lang)
    changed = 0
    for w in words(docs) if fixes else ():
        fix = fixes.get(w.text.lower())
        if fix is not None and w.upos in fix[2]:
            w.upos, w.xpos, w.feats = fix[0], fix[1], None
            changed += 1
    return changed
