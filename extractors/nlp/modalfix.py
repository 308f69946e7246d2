"""Tag repair for the compact English models: a word right after a modal ("will", "could") or an
infinitival "to", tagged as an adjective or a noun, and followed by the start of an object, is a bare
verb ("Israel will free 150 prisoners", "could open fire"). Adjectives follow "be", never a modal
directly. Works on the Penn tags (``MD``, ``TO``) the English models give; other tag sets are left
alone."""
from __future__ import annotations

AFTER = frozenset({"MD", "TO"})
OBJECT_START = frozenset({"DET", "NUM", "PRON", "PROPN", "NOUN", "ADJ"})
WRONG = frozenset({"ADJ", "NOUN"})


def fix_bare_verbs(docs) -> int:
    """Retag in place; returns how many words were changed."""
    changed = 0
    for doc in docs:
        for sent in doc.sentences:
            ws = sent.words
            for prev, w, nxt in zip(ws, ws[1:], ws[2:]):
                if prev.xpos in AFTER and w.upos in WRONG and nxt.upos in OBJECT_START and w.text.isalpha() \
                        and w.text.islower():
                    w.upos, w.xpos, w.feats, w.lemma = "VERB", "VB", "VerbForm=Inf", w.text.lower()
                    changed += 1
    return changed
