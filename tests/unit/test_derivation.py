"""Predicates found through morphology: deverbal nouns and participles take their verb's entries."""
from __future__ import annotations

import pytest

from extractors.events import derivation, lexicon


@pytest.mark.parametrize("lang,word,verb", [
    ("ru", "введение", "ввести"), ("ru", "прекращение", "прекратить"), ("ru", "высылка", "высылать"),
    ("ru", "задержание", "задержать"), ("en", "expulsion", "expel"), ("en", "withdrawal", "withdraw"),
    ("en", "lifting", "lift"),
])
def test_a_deverbal_noun_finds_its_listed_verb(lang, word, verb):
    assert verb in derivation.verb_keys(word, "NOUN", lexicon.load(lang))


def test_a_rewrite_that_makes_no_listed_verb_finds_nothing():
    assert derivation.verb_keys("погода", "NOUN", lexicon.load("ru")) == []
    assert derivation.verb_keys("weather", "NOUN", lexicon.load("en")) == []
    # "station" rewrites to the listed "state", a speech verb: its entries never carry over
    assert derivation.entries("station", "NOUN", lexicon.load("en")) == ()


def test_a_derived_noun_needs_its_own_agent_and_takes_the_object_as_its_nmod():
    lex = lexicon.load("ru")
    es = derivation.entries("задержание", "NOUN", lex)
    assert es and all(e.own_agent and e.pos == frozenset({"NOUN"}) for e in es)
    framed = [e for e in es if e.dep is not None]
    assert all(e.dep.rels <= frozenset({"nmod", "obl"}) for e in framed)  # «задержание граждан»


def test_a_light_verbs_noun_is_no_predicate_of_its_own():
    # «подписал указ о введении пошлин»: the tariffs are the act, ввести is a light verb
    lex = lexicon.load("ru")
    assert "ввести" in lex.light_verbs and derivation.entries("введение", "NOUN", lex) == ()


def test_speech_entries_do_not_carry_over():
    lex = lexicon.load("ru")
    assert not any(e.speech for e in derivation.entries("заявление", "NOUN", lex))


def test_a_participle_takes_the_verbs_entries_as_a_clause_head():
    lex = lexicon.load("ru")
    es = derivation.entries("подписанный", "ADJ", lex)
    assert es and all(e.clausal_only and "ADJ" in e.pos for e in es)
