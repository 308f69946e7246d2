"""A language's grammar as the rules read it: its closed-class words by role (prepositions of place,
demonstratives, complementisers, …) and the grammar features that decide how an argument is marked
(by a case ending or by a preposition). Read from ``lexicons/<lang>/grammar.yaml``; the rules hold no
word of any language and branch on no language name: a new language is a new file."""
from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

GRAMMAR_DIR = Path(__file__).resolve().parent.parent / "lexicons"

# the features every grammar file gives (None or false where the language lacks them)
CASE_FEATURES = ("possessor_case", "place_case", "recipient_case", "direction_case", "agent_case", "instrument_case")
FLAG_FEATURES = ("impersonal_plural", "subject_after_verb_is_object", "passive_needs_aux", "surface_names",
                 "pronoun_gender_is_person")


@dataclass(frozen=True)
class Grammar:
    lang: str
    words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # morphological cases (UD ``Case`` values) that mark an argument without a preposition
    # (examples of each in the features of lexicons/ru/grammar.yaml)
    possessor_case: str | None = None  # "the visit of the minister" with no preposition: the possessor/agent of a noun
    place_case: str | None = None  # "in China": where, not whither ("into China", the same preposition)
    recipient_case: str | None = None  # "supply weapons to Taiwan" with no preposition: a bare recipient
    direction_case: str | None = None  # "gas supplies into Austria": whither
    agent_case: str | None = None  # "invited by NATO", "imposed by the EU" with no preposition: a passive's agent
    instrument_case: str | None = None  # "attacked a boat with water cannon" with no preposition: the instrument
    # "in the ministry [they] said": a plural verb with no subject is said by the institution named in the clause
    impersonal_plural: bool = False
    # a second "subject" after the verb is mostly an object whose accusative looks nominative
    subject_after_verb_is_object: bool = False
    # a passive subject with no passive auxiliary is an active subject the parser mislabelled
    passive_needs_aux: bool = False
    # lemmas of unknown names are unreliable: keep their surface
    surface_names: bool = False
    # a pronoun's gender tells a person (him, her) from a thing or a country (it)
    pronoun_gender_is_person: bool = False
    # regular de-inflections tried when the lemmatiser mangles a form ("expelled" -> "expelle")
    deinflection: tuple[tuple[str, str], ...] = ()
    # letters folded in lemmas (a letter with a diacritic written without it: the grammar's lemma_folds)
    lemma_folds: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # each word set as an attribute of its own: read by the rules per word, a plain lookup is
        # cheaper than going through __getattr__
        for name, words in self.words.items():
            if not hasattr(type(self), name):
                object.__setattr__(self, name, words)
        object.__setattr__(self, "_fold_table", str.maketrans(dict(self.lemma_folds)) if self.lemma_folds else None)

    def __getattr__(self, name: str) -> frozenset[str]:
        words = self.__dict__.get("words", {})
        if name in words:
            return words[name]
        if not self.__dict__.get("lang"):
            return frozenset()  # the grammar of no language (a tree built without one) has no words
        raise AttributeError(f"grammar {self.__dict__.get('lang')!r} has no word set {name!r}")

    def fold(self, lemma: str) -> str:
        table = self.__dict__.get("_fold_table")
        return lemma.translate(table) if table else lemma


def strings(values, where: str, source: str = "grammar") -> list[str]:
    """List items of a data file must be strings: YAML 1.1 reads bare on/off/yes/no as booleans."""
    bad = [v for v in values or [] if not isinstance(v, str)]
    if bad:
        raise ValueError(f"{source} {where}: {bad!r} is not a string (quote on/off/yes/no in YAML)")
    return list(values or [])


def parse(data: dict, lang: str) -> Grammar:
    feats = data.get("features") or {}
    missing = [k for k in CASE_FEATURES + FLAG_FEATURES if k not in feats]
    if missing:
        raise ValueError(f"grammar {lang}: features {missing} not given")
    words = {str(k): frozenset(strings(v, f"words.{k}")) for k, v in (data.get("words") or {}).items()}
    return Grammar(lang=lang, words=words, **{k: feats[k] for k in CASE_FEATURES},
                   **{k: bool(feats[k]) for k in FLAG_FEATURES},
                   deinflection=tuple((str(a), str(b or "")) for a, b in data.get("deinflection") or []),
                   lemma_folds={str(k): str(v) for k, v in (data.get("lemma_folds") or {}).items()})


@functools.lru_cache(maxsize=8)
def load(lang: str) -> Grammar:
    path = GRAMMAR_DIR / lang / "grammar.yaml"
    if not path.exists():
        raise FileNotFoundError(f"no grammar for language {lang!r}: missing {path}")
    return parse(yaml.safe_load(path.read_text(encoding="utf-8")), lang)
