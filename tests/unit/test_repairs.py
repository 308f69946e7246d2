"""The parse repairs (``extractors/lexicons/rules/repairs.yaml``, run by ``extractors/events/repairs.py``): each
repair's examples run on their frozen parses (``make parses`` after adding one) and show the tree it changes; the
rewrite actions of the engine are checked on a small hand-built tree."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from extractors.events import grammar, lexicon, patterns, repairs
from extractors.events.tree import Tree
from tests.parses import cases, store

EXAMPLES = cases.repair_examples()
SHOWN = ("head", "deprel", "upos", "feats")  # what an example says of its word once repaired


def _tree(ex: dict, skip: frozenset[str] = frozenset()) -> Tree:
    lex = lexicon.load(ex["lang"])
    doc = store.load(ex["lang"], [ex["text"]])[0]
    assert len(doc.sentences) == 1, "a repair's example is one sentence"
    return Tree(doc.sentences[0], ex["text"], lex.measures, lex.clause_nouns, lex.grammar, skip_repairs=skip)


def _shown(tree: Tree, ex: dict) -> dict:
    """What the example states of its word, as the tree has it."""
    n = next((n for n in tree.nodes.values() if n.text == ex["word"]), None)
    assert n is not None, f"no word {ex['word']!r} in {ex['text']!r}"
    got = {"head": "root" if n.head == 0 else tree[n.head].text, "deprel": n.deprel, "upos": n.upos,
           "feats": {f: n.feats.get(f) for f in ex.get("feats") or {}}}
    return {k: got[k] for k in SHOWN if k in ex}


def test_every_repair_compiles_and_has_an_example():
    data = repairs.rules()
    ids = [r["id"] for r in data]
    assert len(ids) == len(set(ids))
    assert {r["code"] for r in data if "code" in r} == set(repairs.CODE), "every code step is named by one repair"
    for lang in cases.LANGS:
        lex = lexicon.load(lang)
        assert [r.id for r in repairs.load(repairs.Words(lex.grammar, lex.measures, lex.clause_nouns))] == ids
    assert {e["id"] for e in EXAMPLES} == set(ids), set(ids) - {e["id"] for e in EXAMPLES}
    assert all(set(SHOWN) & set(e) for e in EXAMPLES), "each example states what the repair makes of its word"


@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda e: f"{e['id']}-{e['lang']}-{e['word']}")
def test_repair_example(ex):
    """With the repair the example's word is as stated, and the repair is among those that changed the tree;
    without it, the word is not."""
    want = {k: ex[k] for k in SHOWN if k in ex}
    repaired = _tree(ex)
    assert ex["id"] in repaired.repaired_by, f"{ex['id']} did not change the tree ({repaired.repaired_by})"
    assert _shown(repaired, ex) == want
    assert _shown(_tree(ex, frozenset({ex["id"]})), ex) != want, f"the parse is already so without {ex['id']}"


# -- the rewrite actions on a hand-built tree: "Chile , a close partner of Peru , blocked the deal" ----------
WORDS = [  # text, upos, head, deprel
    ("Chile", "PROPN", 9, "nsubj"), (",", "PUNCT", 5, "punct"), ("a", "DET", 5, "det"), ("close", "ADJ", 5, "amod"),
    ("partner", "NOUN", 9, "nsubj"), ("of", "ADP", 7, "case"), ("Peru", "PROPN", 5, "nmod"), (",", "PUNCT", 5, "punct"),
    ("blocked", "VERB", 0, "root"), ("the", "DET", 11, "det"), ("deal", "NOUN", 9, "obj"),
]


def _hand_built(rules: list[dict]) -> Tree:
    words, pos = [], 0
    for i, (text, upos, head, deprel) in enumerate(WORDS, 1):
        words.append(SimpleNamespace(id=i, text=text, lemma=text.lower(), upos=upos, feats=None, head=head,
                                     deprel=deprel, start_char=pos, end_char=pos + len(text)))
        pos += len(text) + 1
    sent = SimpleNamespace(tokens=[SimpleNamespace(words=[w], start_char=w.start_char, end_char=w.end_char) for w in words])
    tree = Tree(sent, " ".join(w[0] for w in WORDS), skip_repairs=frozenset(r["id"] for r in repairs.rules()))
    assert tree.repaired == 0
    w = repairs.Words(grammar.Grammar(lang=""), frozenset(), frozenset())
    for r in repairs.compile_repairs(rules, w):
        r.run(tree, w)
    return tree


def test_actions_relabel_reattach_and_move_children():
    tree = _hand_built([{"id": "appos", "reason": "x", "pattern": {
        "name": "second", "deprel": "nsubj", "upos": "NOUN",
        "sibling": {"name": "first", "deprel": "nsubj", "precedes": "second"}},
        "actions": [{"head": "first", "deprel": "appos"},
                    {"children_of": "second", "matching": {"upos": "PUNCT", "follows": "second"}, "head": "first"}]}])
    assert tree[5].head == 1 and tree[5].deprel == "appos" and tree[5].rel == "appos"
    assert tree[8].head == 1 and tree[2].head == 5  # the comma after it moved, the one before stayed
    assert 5 in tree[1].children and 5 not in tree[9].children and tree.children(1, "appos")[0].id == 5


def test_place_takes_a_nodes_head_and_relation_and_sets_tags():
    tree = _hand_built([{"id": "lift", "reason": "x", "pattern": {
        "name": "m", "lemma": "partner", "child": {"name": "arg", "rel": "nmod", "word_before": {"rel": "case"}}},
        "actions": [{"node": "arg", "place": "m"}, {"head": "arg", "deprel": "nmod"},
                    {"node": "arg", "upos": "X", "feats": {"Case": "Nom"}, "lemma": "peru!"}]}])
    assert (tree[7].head, tree[7].deprel, tree[7].upos, tree[7].feats, tree[7].lemma) == (9, "nsubj", "X", {"Case": "Nom"}, "peru!")
    assert tree[5].head == 7 and tree[5].deprel == "nmod"


def test_patterns_that_do_not_hold_change_nothing_and_bad_rules_fail_to_load():
    before = [(n.head, n.deprel) for n in _hand_built([]).nodes.values()]
    tree = _hand_built([{"id": "none", "reason": "x", "pattern": {"upos": "NOUN", "feats": {"Case": "Gen"}},
                         "actions": [{"deprel": "dep"}]},
                        {"id": "absent", "reason": "x", "pattern": {"lemma": "deal", "feats": {"Case": None}},
                         "actions": [{"deprel": "obl"}]}])
    assert [(n.head, n.deprel) for n in tree.nodes.values()][:10] == before[:10] and tree[11].deprel == "obl"
    w = repairs.Words(grammar.Grammar(lang=""), frozenset(), frozenset())
    with pytest.raises(ValueError, match="unknown keys"):
        repairs.compile_repairs([{"id": "r", "reason": "x", "pattern": {}, "actions": [{"hed": "x"}]}], w)
    with pytest.raises(ValueError, match="a pattern or code"):
        repairs.compile_repairs([{"id": "r", "reason": "x", "pattern": {}, "code": "break_cycles"}], w)
    assert patterns.REPAIRS not in patterns.files()  # the repairs are no rules a stage asks for
