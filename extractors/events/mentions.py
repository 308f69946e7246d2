"""Actor mentions in a sentence: dictionary matches first, then named entities, then (for models
without NER) proper-noun chunks. Unknown entities keep their NER type and no code."""
from __future__ import annotations

import bisect
import functools
import re

from extractors.actors.dictionary import ActorDictionary
from extractors.events.tree import Tree
from extractors.records import Mention

QUOTES = {"“", "”", "\"", "‘", "’", "«", "»"}

NER_TYPES = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "COUNTRY", "GPE": "COUNTRY",
             "NORP": "GROUP", "PROPN": None}


def _unquoted(tree: Tree, ids: list[int]) -> list[int]:
    """A name without the nickname quoted inside it ("Joko “Jokowi” Widodo" → Joko Widodo)."""
    out, inside = [], False
    for i in ids:
        if tree[i].text in QUOTES:
            inside = not inside
            continue
        if not inside:
            out.append(i)
    return out or [i for i in ids if tree[i].text not in QUOTES] or ids


def _norm_unknown(tree: Tree, ids: list[int], lang: str, person: bool = False) -> str:
    ids = _unquoted(tree, ids)
    if tree.g.surface_names and not person:  # lemmas of unknown surnames are unreliable: keep the surface
        words = []
        for i in ids:
            n = tree[i]
            w = n.lemma if n.upos == "PROPN" else n.text
            words.append(w[:1].upper() + w[1:] if n.text[:1].isupper() else w)
        return " ".join(words)
    # words written together stay together ("Al-Burhan", not "Al - Burhan")
    out = ""
    for k, i in enumerate(ids):
        glued = k and tree[i].start == tree[ids[k - 1]].end
        out += ("" if glued or not k else " ") + tree[i].text
    return out


def _mention(tree: Tree, doc_id: str, sidx: int, ids: list[int], **kw) -> Mention:
    s, e, text = tree.span_text(ids)
    return Mention(doc_id=doc_id, sentence_idx=sidx, start_char=s, end_char=e, text=text, word_ids=tuple(ids), **kw)


DOMAIN = re.compile(r"\w+\.(ru|com|az|org|net|ua|kz|by|info|tv)$", re.I)


def is_media(text: str, media: frozenset[str]) -> bool:
    """A news outlet or agency ("INTERFAX.RU", "Associated Press", "RIA Novosti")."""
    toks = [t.lower() for t in re.findall(r"[\w.-]+", text)]
    return bool(toks) and (any(DOMAIN.search(t) for t in toks) or all(t in media or t == "." for t in toks))


def _within(tree: Tree, ids: list[int], start: int, end: int) -> list[int]:
    """The ids of the words inside the characters [start, end) (word offsets only grow along a sentence)."""
    out = []
    for i in ids[bisect.bisect_left([tree[i].start for i in ids], start):]:
        if tree[i].end > end:
            break
        out.append(i)
    return out


def _person_entities(tree: Tree, sentence, ids: list[int]) -> list[list[int]]:
    out = []
    for ent in getattr(sentence, "ents", None) or []:
        if ent.type in ("PER", "PERSON"):
            span = _within(tree, ids, ent.start_char, ent.end_char)
            while span and tree[span[-1]].upos == "PUNCT":
                span.pop()  # "Wang Yi." with the sentence's full stop: the name ends before it
            if len(span) > 1:
                out.append(span)
    return out


NO_PARTY = "NONE"  # the type of actor-dictionary rows for names that stand for no party


def _feature_name(tree: Tree, span: list[int], features: frozenset[str]) -> list[int]:
    """The words of a place name that ``span`` is part of when it names a geographic feature ("East
    China Sea", "Gulf of Mexico", "of the Sea of Japan" in the genitive); empty when it does not."""
    inside = set(span)
    for i in span:
        n = tree[i]
        head = tree.parent(i)
        if n.head in inside or head is None or head.lemma not in features:
            continue
        if n.rel in ("compound", "amod", "flat") or (
                n.rel == "nmod" and {k.lemma for k in tree.children(i, "case")} <= tree.g.genitive_preps):
            return [head.id] + [k.id for k in tree.children(head.id, "compound", "amod", "flat", "nmod")
                                for k in [k] + tree.children(k.id, "case", "compound", "flat")]
    return []


def _titled(tree: Tree, run: list[int], titles: frozenset[str], modifiers: frozenset[str],
            found: list[Mention]) -> tuple[bool, str | None]:
    """Whether an unknown name comes right after a person's title ("Prime Minister Anwar Ibrahim"), and
    the code of the country named right before that title ("Malaysian Prime Minister …")."""
    ids = tree.ids
    k = ids.index(run[0]) - 1
    if k < 0 or tree[ids[k]].lemma.lower() not in titles:  # right before the name: "Minister", not "Foreign Ministry"
        return False, None
    while k >= 0 and (tree[ids[k]].lemma.lower() in titles or tree[ids[k]].lemma.lower() in modifiers):
        k -= 1
    before = next((m for m in found if k >= 0 and m.word_ids[-1] == ids[k] and m.actor_type == "COUNTRY"), None)
    return True, before.actor_code if before is not None else None


def _after_particle(tree: Tree, ids: list[int], k: int, particles: frozenset[str]) -> bool:
    """The word at index ``k`` follows a lower-case name particle (with or without a hyphen) that
    follows a capitalised name: it ends a person's name ("al-Houthi", "bin Salman")."""
    j = k - 1
    if j >= 1 and tree[ids[j]].text in ("-", "‑") and tree[ids[j]].start == tree[ids[j - 1]].end:
        j -= 1
    if j < 1:
        return False
    part, before = tree[ids[j]], tree[ids[j - 1]]
    return part.text in particles and before.upos == "PROPN" and before.text[:1].isupper()


def find(tree: Tree, sentence, doc_id: str, sidx: int, lang: str, actors: ActorDictionary,
         media: frozenset[str] = frozenset(), features: frozenset[str] = frozenset(),
         titles: frozenset[str] = frozenset(), title_modifiers: frozenset[str] = frozenset(),
         particles: frozenset[str] = frozenset(), common_nouns: frozenset[str] = frozenset()) -> list[Mention]:
    mention = functools.partial(_mention, tree, doc_id, sidx)
    taken: set[int] = set()
    out = _dictionary_mentions(tree, sentence, lang, actors, features, particles, mention, taken)
    ents = getattr(sentence, "ents", None) or []
    _entity_mentions(tree, ents, lang, media, mention, out, taken)
    if not ents:
        _name_runs(tree, lang, media, features, titles, title_modifiers, particles, common_nouns, mention, out, taken)
    out.sort(key=lambda m: m.start_char)
    return out


def _dictionary_mentions(tree: Tree, sentence, lang: str, actors: ActorDictionary, features: frozenset[str],
                         particles: frozenset[str], mention, taken: set[int]) -> list[Mention]:
    """The actor dictionary's names in the sentence (their words ``taken``)."""
    ids = tree.ids
    out: list[Mention] = []
    persons = _person_entities(tree, sentence, ids)
    for m in actors.match([tree[i].text for i in ids], lang, [tree[i].lemma for i in ids]):
        span = ids[m.start:m.end]
        if m.actor.type == NO_PARTY:  # "Real Madrid", "Paris Agreement": a name that is no party
            taken.update(span)
            continue
        place = _feature_name(tree, span, features) if features else []
        if place:  # a place name, not the country: no mention, and no entity chunk over it either
            taken.update(span + place)
            continue
        if _after_particle(tree, ids, m.start, particles):
            continue  # "Abdulmalik al-Houthi", "Mohammed bin Salman": the end of a person's name, not the group
        # a known name inside a longer person name that ends elsewhere is a different person
        # ("Ali" in "Ali Lamine Zeine"): the named entity wins
        if any(set(span) < set(p) and p[-1] not in span for p in persons):
            continue
        out.append(mention(span, ner_type=None, actor_norm=m.actor.norm, actor_code=m.actor.code,
                           actor_type=m.actor.type))
        taken.update(span)
    return out


def _entity_mentions(tree: Tree, ents, lang: str, media: frozenset[str], mention, out: list[Mention],
                     taken: set[int]) -> None:
    """Named entities not taken by the dictionary, added to ``out`` (media named apart)."""
    ids = tree.ids
    for ent in ents:
        span = _within(tree, ids, ent.start_char, ent.end_char)
        while span and tree[span[-1]].upos == "PUNCT" and len(span) > 1:
            span.pop()
        if not span or taken.intersection(span):
            # a dictionary match inside the entity labels it; keep the entity's NER type there
            for m in out:
                if set(m.word_ids) & set(span) and m.ner_type is None:
                    m.ner_type = ent.type
            continue
        text = tree.span_text(span)[2]
        if is_media(text, media):
            out.append(mention(span, ner_type=ent.type, actor_norm=None, actor_code=None, actor_type=None,
                               source="media"))
        else:
            out.append(mention(span, ner_type=ent.type, actor_norm=_norm_unknown(tree, span, lang, NER_TYPES.get(ent.type) == "PERSON"),
                               actor_code=None, actor_type=NER_TYPES.get(ent.type), source="ner"))
        taken.update(span)


def _name_word(tree: Tree, taken: set[int], features: frozenset[str], j: int | None) -> bool:
    """A capitalised proper noun not yet taken that may be part of a name."""
    return j is not None and tree[j].upos == "PROPN" and j not in taken and tree[j].text[:1].isupper() \
        and tree[j].text.lower().strip(".") not in tree.g.not_actor_words and tree[j].lemma.lower() not in tree.g.not_actor_words \
        and tree[j].lemma.lower() not in features


def _extends_name(tree: Tree, k: int, run: list[int], taken: set[int], features: frozenset[str],
                  particles: frozenset[str]) -> bool:
    """The word at index ``k`` continues the name ``run`` (or starts one)."""
    ids = tree.ids
    i = ids[k] if k < len(ids) else None
    name_word = functools.partial(_name_word, tree, taken, features)
    if name_word(i) or (run and i is not None and tree[run[-1]].text in ("-", "‑")
                        and tree[i].start == tree[run[-1]].end and tree[i].text.isalpha()):
        return True
    # a hyphen written inside a name ("Al-Burhan") and a name particle before a name ("Abdel
    # Fattah al-Burhan", "Ursula von der Leyen") do not end it
    nxt = ids[k + 1] if k + 1 < len(ids) else None
    if run and i is not None and nxt is not None and (
            (tree[i].text in ("-", "‑") and tree[i].start == tree[run[-1]].end and tree[nxt].start == tree[i].end
             and (name_word(nxt) or (tree[nxt].text.isalpha() and tree[nxt].text.islower()
                                     and nxt not in taken)))  # "Hong-kyun"
            or (tree[i].text.lower() in particles and (name_word(nxt) or (
                tree[nxt].text.lower() in particles | {"-", "‑"} and k + 2 < len(ids))))):
        return True
    # a nickname in quotes inside a name ("Joko “Jokowi” Widodo") does not end it
    return bool(run and i is not None and tree[i].text in QUOTES and k + 1 < len(ids) and (
        name_word(ids[k + 1]) or (tree[ids[k + 1]].text in QUOTES and k + 2 < len(ids) and name_word(ids[k + 2])))
        and (tree[run[-1]].id == ids[k - 1] or tree[ids[k - 1]].text in QUOTES))


def _name_runs(tree: Tree, lang: str, media: frozenset[str], features: frozenset[str], titles: frozenset[str],
               title_modifiers: frozenset[str], particles: frozenset[str], common_nouns: frozenset[str], mention,
               out: list[Mention], taken: set[int]) -> None:
    """For a model without NER: runs of capitalised proper nouns as names, added to ``out``."""
    run: list[int] = []
    for k, i in enumerate(tree.ids + [None]):
        if _extends_name(tree, k, run, taken, features, particles):
            run.append(i)
            continue
        while run and tree[run[-1]].text in QUOTES:
            run.pop()
        # a capitalised common noun of a title before a name ("… and Regional Development Amina
        # Diallo") is not part of the name
        while len(run) > 2 and tree[run[0]].lemma.lower() in common_nouns:
            run.pop(0)
        if run and all(tree[j].text.lower() in title_modifiers for j in run):
            run = []  # "Defence" of "Defence Minister X": part of the title, no name
        if run:
            media_run = is_media(tree.span_text(run)[2], media)
            # a name after a title is a person's, serving the country named before the title
            person, code = _titled(tree, run, titles, title_modifiers, out) if titles and not media_run else (False, None)
            out.append(mention(run, ner_type="PROPN", actor_norm=None if media_run else _norm_unknown(tree, run, lang),
                               actor_code=code, actor_type="PERSON" if person else None,
                               source="media" if media_run else "propn"))
            run = []
