"""Actor mentions in a sentence: dictionary matches first, then named entities, then (for models
without NER) proper-noun chunks. Unknown entities keep their NER type and no code."""
from __future__ import annotations

from extractors.actors.dictionary import ActorDictionary
from extractors.events.tree import Tree
from extractors.records import Mention

NER_TYPES = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "COUNTRY", "GPE": "COUNTRY",
             "NORP": "GROUP", "PROPN": None}


def _norm_unknown(tree: Tree, ids: list[int], lang: str) -> str:
    if lang == "ru":
        words = []
        for i in ids:
            n = tree[i]
            w = n.lemma if n.upos == "PROPN" else n.text
            words.append(w[:1].upper() + w[1:] if n.text[:1].isupper() else w)
        return " ".join(words)
    return " ".join(tree[i].text for i in ids)


def _mention(tree: Tree, doc_id: str, sidx: int, ids: list[int], **kw) -> Mention:
    s, e, text = tree.span_text(ids)
    return Mention(doc_id=doc_id, sentence_idx=sidx, start_char=s, end_char=e, text=text, word_ids=tuple(ids), **kw)


def find(tree: Tree, sentence, doc_id: str, sidx: int, lang: str, actors: ActorDictionary) -> list[Mention]:
    ids = tree.ids
    words = [tree[i].text for i in ids]
    lemmas = [tree[i].lemma for i in ids]
    out: list[Mention] = []
    taken: set[int] = set()
    for m in actors.match(words, lang, lemmas):
        span = ids[m.start:m.end]
        out.append(_mention(tree, doc_id, sidx, span, ner_type=None, actor_norm=m.actor.norm,
                            actor_code=m.actor.code, actor_type=m.actor.type))
        taken.update(span)
    ents = getattr(sentence, "ents", None) or []
    for ent in ents:
        span = [i for i in ids if tree[i].start >= ent.start_char and tree[i].end <= ent.end_char]
        if not span or taken.intersection(span):
            # a dictionary match inside the entity labels it; keep the entity's NER type there
            for m in out:
                if set(m.word_ids) & set(span) and m.ner_type is None:
                    m.ner_type = ent.type
            continue
        out.append(_mention(tree, doc_id, sidx, span, ner_type=ent.type, actor_norm=_norm_unknown(tree, span, lang),
                            actor_code=None, actor_type=NER_TYPES.get(ent.type), source="ner"))
        taken.update(span)
    if not ents:
        run: list[int] = []
        for i in ids + [None]:
            if i is not None and tree[i].upos == "PROPN" and i not in taken and tree[i].text[:1].isupper():
                run.append(i)
                continue
            if run:
                out.append(_mention(tree, doc_id, sidx, run, ner_type="PROPN",
                                    actor_norm=_norm_unknown(tree, run, lang), actor_code=None,
                                    actor_type=None, source="propn"))
                run = []
    out.sort(key=lambda m: m.start_char)
    return out
