"""Stanza's biaffine tag scorer computed once per distinct parent vector gives Stanza's scores (a real
BiaffineScorer with random weights; parents drawn from a small embedding, as the tagger's UPOS are)."""
from __future__ import annotations

import torch

from extractors.nlp import tag_scorers


def _scorer(i: int, j: int, o: int):
    from stanza.models.common.biaffine import BiaffineScorer

    torch.manual_seed(1)
    scorer = BiaffineScorer(i, j, o).eval()
    torch.nn.init.normal_(scorer.W_bilin.weight)  # (Stanza starts them at zero)
    torch.nn.init.normal_(scorer.W_bilin.bias)
    return scorer


def test_few_parents_give_stanzas_scores():
    scorer = _scorer(64, 50, 53)
    x = torch.randn(300, 64)
    parents = torch.nn.Embedding(17, 50)(torch.randint(0, 17, (300,))).detach()
    with torch.no_grad():
        theirs = scorer(x, parents)
        tag_scorers.install(scorer)
        ours = scorer(x, parents)
    assert tag_scorers._groups(parents) is not None  # the shortcut was taken
    assert torch.allclose(ours, theirs, atol=1e-4, rtol=1e-5)
    assert torch.equal(ours.argmax(1), theirs.argmax(1))


def test_many_distinct_parents_go_through_bilinear():
    scorer = _scorer(8, 6, 5)
    x, parents = torch.randn(40, 8), torch.randn(40, 6)
    with torch.no_grad():
        theirs = scorer(x, parents)
        tag_scorers.install(scorer)
        assert tag_scorers._groups(parents) is None
        assert torch.allclose(scorer(x, parents), theirs, atol=1e-5)  # (einsum if a test patched Stanza's)
