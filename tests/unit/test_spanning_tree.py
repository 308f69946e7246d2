"""The parser's faster spanning tree gives Stanza's trees: the same cycles in the same order, the same
contractions, the same single-root tree, on random score matrices like the parser's (row-wise
log-softmax, ties included) and on hand-made ones."""
from __future__ import annotations

import numpy as np
import pytest

from extractors.nlp import spanning_tree


def _log_softmax_rows(rng, n: int, scale: float, rounded: bool) -> np.ndarray:
    s = rng.normal(size=(n, n)) * scale
    np.fill_diagonal(s, -np.inf)
    s = s - np.log(np.exp(s).sum(1, keepdims=True))
    return np.round(s, 1) if rounded else s.astype(np.float32)


def test_the_trees_are_stanzas():
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

    rng = np.random.default_rng(27)
    for k in range(100):
        n = int(rng.integers(2, 40))
        scores = _log_softmax_rows(rng, n, float(rng.choice([0.5, 3.0, 10.0])), rounded=k % 5 == 0)
        before = scores.copy()
        assert np.array_equal(spanning_tree.chuliu_edmonds_one_root(scores), chuliu_edmonds_one_root(scores.copy()))
        assert np.array_equal(scores, before)  # the caller's matrix is left alone


def test_the_cycles_are_tarjans():
    from stanza.models.common.chuliu_edmonds import tarjan

    rng = np.random.default_rng(7)
    for _ in range(600):
        n = int(rng.integers(2, 50))
        tree = rng.integers(0, n, size=n)
        tree[0] = 0
        ours, theirs = spanning_tree.cycles(tree), tarjan(tree)
        assert len(ours) == len(theirs) and all(np.array_equal(a, b) for a, b in zip(ours, theirs))


@pytest.mark.parametrize("tree,expected", [
    ([0, 2, 0, 2], []),                              # a tree: no cycle
    ([0, 3, 1, 2], [[False, True, True, True]]),     # 1 -> 3 -> 2 -> 1
    ([0, 2, 1, 4, 3, 4], [[False, True, True, False, False, False], [False, False, False, True, True, False]]),
])
def test_cycles_by_hand(tree, expected):
    assert [m.tolist() for m in spanning_tree.cycles(np.array(tree))] == expected


def test_one_root_even_when_every_word_prefers_the_root():
    scores = np.log(np.full((5, 5), 0.25))
    scores[:, 0] = np.log(0.9)
    np.fill_diagonal(scores, -np.inf)
    tree = spanning_tree.chuliu_edmonds_one_root(scores)
    assert (tree[1:] == 0).sum() == 1
