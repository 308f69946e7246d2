"""Language specifics are data: every grammar file gives the same word sets and features, and the
extraction rules hold no language branch and no word of a Cyrillic-script language outside comments."""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest
import yaml

from extractors.events import grammar

EVENTS = Path(grammar.__file__).resolve().parent
LANGS = ("en", "ru")


def _raw(lang: str) -> dict:
    return yaml.safe_load((grammar.GRAMMAR_DIR / lang / "grammar.yaml").read_text(encoding="utf-8"))


def test_every_language_declares_the_same_word_sets_and_features():
    raws = {lang: _raw(lang) for lang in LANGS}
    names = {lang: set(r["words"]) for lang, r in raws.items()}
    assert names["en"] == names["ru"], names["en"] ^ names["ru"]
    for lang in LANGS:
        g = grammar.load(lang)
        assert set(raws[lang]["features"]) == set(grammar.CASE_FEATURES + grammar.FLAG_FEATURES)
        assert g.locative_cases and g.temporal_nouns  # read by name
    with pytest.raises(AttributeError, match="no word set"):
        grammar.load("en").no_such_set  # noqa: B018 (a misspelt set name fails loudly)


def test_a_grammar_without_its_features_is_refused():
    data = _raw("en")
    del data["features"]["possessor_case"]
    with pytest.raises(ValueError, match="possessor_case"):
        grammar.parse(data, "xx")


def test_the_grammar_of_no_language_has_empty_word_sets():
    assert grammar.Grammar(lang="").locative_cases == frozenset()


def test_the_grammars_differ_where_the_languages_do():
    en, ru = grammar.load("en"), grammar.load("ru")
    assert en.possessor_case is None and ru.possessor_case == "Gen"
    assert en.deinflection and not ru.deinflection
    assert ru.fold("ёлка") == "елка" and en.fold("ёлка") == "ёлка"


@pytest.mark.parametrize("path", sorted(EVENTS.glob("*.py")), ids=lambda p: p.name)
def test_rules_hold_no_language_branch_and_no_cyrillic_word(path):
    src = path.read_text(encoding="utf-8")
    assert not re.search(r"\blang ?[!=]=", src), "a language branch: put the difference in grammar.yaml"
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        doc = tok.type == tokenize.STRING and tok.string.startswith(('"""', "'''"))
        if tok.type != tokenize.COMMENT and not doc and re.search("[А-Яа-яЁё]", tok.string):
            pytest.fail(f"{path.name}:{tok.start[0]}: a Cyrillic word in code ({tok.string[:40]}): move it to data")
