"""The dependency-tree view stays a tree even when a parser emits head cycles."""
from __future__ import annotations

from types import SimpleNamespace as NS

from extractors.events.tree import Tree


def _sentence(heads: list[int], text: str = "a b c d") -> tuple[NS, str]:
    words, pos = [], 0
    for i, (w, h) in enumerate(zip(text.split(), heads), 1):
        words.append(NS(id=i, text=w, lemma=w, upos="X", feats=None, head=h, deprel="dep",
                        start_char=pos, end_char=pos + len(w)))
        pos += len(w) + 1
    return NS(tokens=[NS(words=[w], start_char=w.start_char, end_char=w.end_char) for w in words]), text


def test_a_head_cycle_is_reattached_to_the_root():
    sent, text = _sentence([0, 3, 2, 1])  # 2 <-> 3 form a cycle, detached from root 1
    tree = Tree(sent, text)
    assert tree.repaired == 1
    assert sorted(tree.subtree(1)) == [1, 2, 3, 4]
    assert all(1 in {a.id for a in tree.ancestors(i)} for i in (2, 3, 4))


def test_a_sentence_that_is_only_a_cycle_gets_a_root():
    sent, text = _sentence([2, 1], "a b")
    tree = Tree(sent, text)
    assert tree.repaired == 1 and tree[1].head == 0 and tree.subtree(1) == [1, 2]


def test_a_clean_tree_is_left_alone():
    sent, text = _sentence([0, 1, 2, 2])
    tree = Tree(sent, text)
    assert tree.repaired == 0 and tree.subtree(2) == [2, 3, 4]
