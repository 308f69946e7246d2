"""Predicates found through morphology: a deverbal noun ("the expulsion of", Russian "expulsion",
"introduction of sanctions") or a participle or adjective (Russian "open to talks") stands for a
listed verb (the Russian examples are in ``lexicons/ru/derivation.tsv``).

The language's ``derivation.tsv`` lists suffix rewrites (noun or adjective ending -> verb ending);
every rewrite of a word is a candidate verb, and only candidates the lexicon lists as verbs count,
so a rewrite that makes no real verb finds nothing. The verb's entries are reused: for a noun the
object of the verb's frame becomes the noun's own dependent (nmod: "the imposition of sanctions", "the lifting
of sanctions"), and the noun needs an agent of its own (a possessor, genitive, nationality adjective
or light verb), never just the clause it sits in."""
from __future__ import annotations

import dataclasses
import functools

from extractors.events.lexicon import Entry, Frame, Lexicon

# entries that never carry over to a derived word: speech and stance (coded by what is said),
# entries valid only with a condition or a negation, and frames with no noun counterpart
_OBJECT_RELS = frozenset({"obj", "nsubj:pass"})
_NOUN_RELS = frozenset({"nmod"})


def _transferable(e: Entry) -> bool:
    return not (e.speech or e.stance or e.attribution or e.negated_only or e.conditional_only or e.future_only or e.on_negation)


def _as_noun(e: Entry) -> Entry | None:
    dep = e.dep
    if dep is not None:
        if dep.rels and not (set(dep.rels) <= _OBJECT_RELS | {"obl", "nmod"}):
            return None  # a particle, clause or light-verb frame says nothing about the noun
        rels = frozenset(_NOUN_RELS if set(dep.rels) & _OBJECT_RELS else dep.rels)
        dep = Frame(dep.lemmas, rels, dep.case)
    return dataclasses.replace(e, pos=frozenset({"NOUN"}), dep=dep, own_agent=True, clausal_only=False)


def _as_participle(e: Entry) -> Entry:
    return dataclasses.replace(e, pos=frozenset({"ADJ", "VERB"}), clausal_only=True)


def verb_keys(word: str, upos: str, lex: Lexicon) -> list[str]:
    """Listed verbs a noun or adjective may derive from, by the language's suffix rewrites."""
    out = []
    for pos, suffix, verb_end in lex.derivations:
        if pos == upos and word.endswith(suffix) and len(word) - len(suffix) >= 2:
            v = word[: len(word) - len(suffix)] + verb_end
            if v != word and v in lex.entries and v not in out:
                out.append(v)
    return out


@functools.lru_cache(maxsize=20000)
def _derived(lang: str, version: str, word: str, upos: str) -> tuple[Entry, ...]:
    from extractors.events import lexicon

    lex = lexicon.load(lang)
    out: list[Entry] = []
    for v in verb_keys(word, upos, lex):
        if upos == "NOUN" and v in lex.light_verbs:
            continue  # a light verb's noun is a light noun: "the introduction of tariffs" is the tariffs, not an act of its own
        for e in lex.entries[v]:
            if e.pos and not (e.pos & {"VERB", "AUX"}) or not _transferable(e):
                continue
            d = _as_noun(e) if upos == "NOUN" else _as_participle(e)
            if d is not None:
                out.append(d)
    return tuple(sorted(out, key=lambda e: e.dep is None))


def entries(lemma: str, upos: str, lex: Lexicon) -> tuple[Entry, ...]:
    """Entries a noun or adjective takes from the verb it derives from (empty when none)."""
    if upos not in ("NOUN", "ADJ") or not lex.derivations:
        return ()
    return _derived(lex.lang, lex.version, lemma, upos)
