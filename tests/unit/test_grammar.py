"""Language specifics are data: every grammar file gives the same word sets and features, and the
extraction rules hold no language branch, no Cyrillic letter (not even in a comment) and no word of
any language as a string literal in code."""
from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from extractors import event_types, records
from extractors.events import grammar, lexicon, patterns, repairs

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
def test_rules_hold_no_language_branch_and_no_cyrillic_letter(path):
    src = path.read_text(encoding="utf-8")
    assert not re.search(r"\blang ?[!=]=", src), "a language branch: put the difference in grammar.yaml"
    # not in code, strings or comments: examples in another script go next to the words in the data
    # file's comments (lexicons/<lang>/*.yaml), the code's comments give them in English
    cyrillic = [f"{path.name}:{k}: {line.strip()[:60]}" for k, line in enumerate(src.splitlines(), 1)
                if re.search("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]", line)]
    assert not cyrillic, "Cyrillic in the rules (move it to data or gloss it in English):\n" + "\n".join(cyrillic)


# -- no word of a language as a string literal in the rules' code ---------------------------------
# A string constant in code (docstrings, f-string text, exception messages and annotations aside)
# that looks like a word (letters, perhaps with an apostrophe, hyphen or space: "of", "'s", "in
# order") must be one of the names below, none of which is a word of a language the rules read;
# every word the rules compare with the text lives in lexicons/<lang>/grammar.yaml (tree.g.<set>) or
# the other lexicon files (Lexicon fields).
WORDLIKE = re.compile(r"[^\W\d_]+(?:['’ -][^\W\d_]+)*|'[^\W\d_]+")


def _wordlike(value) -> bool:
    """A string that is a word or words, once spaces and sentence punctuation around it are off ("the ")."""
    return isinstance(value, str) and bool(WORDLIKE.fullmatch(value.strip(" .,;!?")))

# Universal Dependencies relations (and the subtypes the parsers emit, split at the colon, so
# "nmod:poss" and "obl:tmod" are checked as parts), as deprels and ``Node.rel``
UD_RELATIONS = {
    "acl", "advcl", "advmod", "agent", "amod", "appos", "aux", "case", "cc", "ccomp", "clf", "compound", "conj",
    "cop", "csubj", "dep", "det", "discourse", "dislocated", "expl", "fixed", "flat", "goeswith", "iobj", "list",
    "mark", "neg", "nmod", "npmod", "nsubj", "nummod", "obj", "obl", "orphan", "parataxis", "pass", "poss", "prt",
    "punct", "relcl", "reparandum", "root", "tmod", "vocative", "xcomp", "name", "part",
}
# Universal POS tags
UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
        "SCONJ", "SYM", "VERB", "X"}
# Universal Dependencies morphological features and the values the rules test
UD_FEATURES = {"Animacy", "Case", "Gender", "Mood", "Number", "Person", "Poss", "PronType", "Reflex", "Tense",
               "VerbForm", "Voice"}
UD_VALUES = {"Anim", "Conv", "Dat", "Fem", "Fin", "Fut", "Gen", "Ger", "Ind", "Inf", "Loc", "Masc", "Neut", "Part",
             "Pass", "Past", "Plur", "Pres", "Prs", "Rel", "Yes"}
# named-entity labels of the NER models, and the actor dictionary's type of names that are no party
NER_LABELS = {"PER", "PERSON", "ORG", "LOC", "GPE", "NORP", "NONE"}
# the extractor's own names: event types (event_types.tsv), actor types, the "any type" of a role,
# why a predicate gave no event (``Candidate.suppressed``: the diagnostics' reasons), how an actor
# was found (``Candidate.actor_how``, ``Arg.via``), where a mention came from (``Mention.source``),
# modalities, action glosses (the language-neutral ``Entry.gloss`` names shared by all lexicons),
# the kinds and flags of the field verb tables, and the names of the data files' places
EXTRACTOR_NAMES = set(event_types.NAMES) | set(records.ACTOR_TYPES) | {"ANY"} | {
    # reasons
    "ability", "background", "evaluated", "inference", "received", "setting", "topic",
    # how an actor was found / via
    "agent", "between", "claimant", "controller", "coref", "crowd", "fallback", "governor", "inferred",
    "institution", "mention", "none", "passive", "phrase", "possessor", "reason", "relative", "responder",
    "source", "speaker", "subject", "summoner", "attribution", "obligation",
    # mention sources
    "media", "ner", "propn",
    # modalities
    "asserted", "hypothetical", "planned", "reported",
    # glosses
    "accuse", "deploy",
    # kinds and flags of field_verbs.tsv / verb_classes.tsv rows
    "object", "particle", "directional",
    # data places and loaders: the lexicon directory, the source named in a data error, a dict key
    "lexicons", "lexicon", "grammar", "lang",
}
# the keywords of the tree-pattern language and of its rules (``events/patterns.py``): names of the engine, no words
PATTERN_KEYWORDS = set(patterns.KEYWORDS) | set(patterns.RULE_KEYS) | set(patterns.ACTION_KEYS) | set(patterns.SET_KEYS) \
    | set(repairs.RULE_KEYS)
# the tables the rules read by column name (``lexicon.field_entries``)
COLUMN_TABLES = ("field_verbs.tsv", "verb_classes.tsv")


def _data_keys() -> set[str]:
    """The names of the data: the top-level keys of every lexicon YAML file, the keys its entries and
    their frames use, the columns of the tables read by column name and the fields of ``lexicon.Entry``."""
    keys = {f.name for f in dataclasses.fields(lexicon.Entry)}
    for path in grammar.GRAMMAR_DIR.glob("*/*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        keys |= set(data)
        for entry in data.get("entries") or []:
            keys |= set(entry) | set(entry.get("dep") or {})
    for path in (p for name in COLUMN_TABLES for p in grammar.GRAMMAR_DIR.glob(f"*/{name}")):
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
        keys |= set(lines[0].split("\t")) if lines else set()
    return {k for k in keys if isinstance(k, str)}


ALLOWED = UD_RELATIONS | UPOS | UD_FEATURES | UD_VALUES | NER_LABELS | EXTRACTOR_NAMES | PATTERN_KEYWORDS | _data_keys()
WORD_ATTRS = {"lemma", "text"}  # what a rule compares with a word of the sentence


def _not_code(tree: ast.AST) -> set[int]:
    """Ids of the string constants that are no code: docstrings and other bare strings, f-string
    text, exception messages, annotations, names given to getattr-like calls."""
    out: set[int] = set()

    def mark(node: ast.AST | None) -> None:
        for n in ast.walk(node) if node is not None else ():
            if isinstance(n, ast.Constant):
                out.add(id(n))

    for n in ast.walk(tree):
        if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant):
            mark(n.value)
        elif isinstance(n, ast.JoinedStr | ast.Raise):
            mark(n)
        elif isinstance(n, ast.arg | ast.AnnAssign):
            mark(n.annotation)
        elif isinstance(n, ast.FunctionDef):
            mark(n.returns)
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("getattr", "hasattr") \
                and len(n.args) > 1:
            mark(n.args[1])
    return out


def _reads_a_word(node: ast.AST) -> bool:
    """An expression that is a word of the sentence: ``n.lemma``, ``n.text.lower()``, ``{k.lemma for …}``."""
    if isinstance(node, ast.Attribute):
        return node.attr in WORD_ATTRS
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _reads_a_word(node.func.value)  # a method of the word: .lower(), .strip(".")
    if isinstance(node, ast.SetComp | ast.ListComp | ast.GeneratorExp):
        return _reads_a_word(node.elt)
    return False


def _word_literals(src: str) -> list[tuple[int, str]]:
    """(line, literal) of the word-like string constants in code that are not allowed names, and of
    any word-like constant compared with a word's lemma or text (even an allowed name: "between")."""
    tree = ast.parse(src)
    skip = _not_code(tree)
    bad = [(n.lineno, n.value) for n in ast.walk(tree)
           if isinstance(n, ast.Constant) and id(n) not in skip and _wordlike(n.value)
           and not all(p in ALLOWED for p in n.value.strip(" .,;!?").split(":"))]
    for n in ast.walk(tree):
        if isinstance(n, ast.Compare):
            sides = [n.left, *n.comparators]
            if any(_reads_a_word(x) for x in sides):
                bad += [x for side in sides for x in _literal_words(side)]
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) \
                and n.func.attr in ("startswith", "endswith") and _reads_a_word(n.func.value):
            bad += [x for a in n.args for x in _literal_words(a)]
    return sorted(set(bad))


def _literal_words(node: ast.AST) -> list[tuple[int, str]]:
    """The word-like strings of a literal: a string, or a set, tuple or list of them."""
    items = node.elts if isinstance(node, ast.Set | ast.Tuple | ast.List) else [node]
    return [(c.lineno, c.value) for c in items
            if isinstance(c, ast.Constant) and _wordlike(c.value)]


@pytest.mark.parametrize("path", sorted(EVENTS.glob("*.py")), ids=lambda p: p.name)
def test_rules_hold_no_word_literal(path):
    bad = _word_literals(path.read_text(encoding="utf-8"))
    assert not bad, f"{path.name}: words in code (name a word set in grammar.yaml, read it as tree.g.<set>): {bad}"


def test_no_allowed_name_is_a_closed_class_word_but_between():
    """The allowed names stay names: none is a word of a grammar's word sets, except "between" (how an
    actor was found), which the comparison check still catches where it is compared with a word."""
    words = {w for lang in LANGS for ws in grammar.load(lang).words.values() for w in ws}
    assert ALLOWED & words == {"between"}


def test_the_word_literal_check_catches_words_and_leaves_names():
    assert _word_literals('''COMPARATIVES = {"more", "less"}\nif k.lemma == "than": pass\n''') == [
        (1, "less"), (1, "more"), (2, "than")]
    assert _word_literals('x = n.text.lower().endswith("ing") or k.lemma in ("to", "in order")') == [
        (1, "in order"), (1, "ing"), (1, "to")]
    assert _word_literals('TITLES = ("mr.", " the ")') == [(1, " the "), (1, "mr.")]
    # an allowed name compared with a word of the sentence is a word there
    assert _word_literals('ok = c.actor_how == "between" and k.lemma == "between"') == [(1, "between")]
    names = '''"""A docstring with words."""\nif n.rel == "nsubj" and n.upos == "NOUN" and n.feats.get("Case") == "Gen" \\
    and c.suppressed == "topic_of_talks" and c.event_type == "ACCUSE" and s == "nmod:poss": raise ValueError("no words")
'''
    assert _word_literals(names) == []
