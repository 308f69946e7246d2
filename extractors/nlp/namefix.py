"""Tag repair between tagging and parsing for the compact models: a capitalised word the actor
dictionary knows as a name, tagged as a verb or auxiliary ("Beijing" read as an -ing form by a tagger
without word vectors), becomes a proper noun before the parser sees it. Names only; nothing else is
touched."""
from __future__ import annotations

from extractors.actors.dictionary import ActorDictionary, default_dictionary

WRONG_FOR_NAMES = {"VERB", "AUX"}


def fix_names(docs, lang: str, actors: ActorDictionary | None = None) -> int:
    """Retag in place; returns how many words were changed."""
    actors = actors or default_dictionary()
    changed = 0
    for doc in docs:
        for sent in doc.sentences:
            words = sent.words
            for m in actors.match([w.text for w in words], lang):
                for w in words[m.start:m.end]:
                    if w.upos in WRONG_FOR_NAMES and w.text[:1].isupper():
                        w.upos, w.xpos, w.feats = "PROPN", "NNP", "Number=Sing"
                        changed += 1
    return changed
