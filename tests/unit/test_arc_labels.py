"""The parser's label scores for chosen arcs, and the full label matrix of the head-constraint repair,
are Stanza's pairwise biaffine scores (a real DeepBiaffineScorer with random weights, as the parser's
``deprel`` scorer; the whole parser against Stanza's is in tests/integration/test_fast_nlp.py)."""
from __future__ import annotations

import numpy as np
import torch

from extractors.nlp import arc_labels


def _scorer():
    from stanza.models.common.biaffine import DeepBiaffineScorer

    torch.manual_seed(3)
    scorer = DeepBiaffineScorer(40, 40, 20, 7, pairwise=True).eval()
    torch.nn.init.normal_(scorer.scorer.W_bilin.weight)  # (Stanza starts them at zero)
    torch.nn.init.normal_(scorer.scorer.W_bilin.bias)
    return scorer


def test_chosen_arcs_and_the_full_matrix_are_stanzas_scores():
    scorer = _scorer()
    lstm = torch.randn(1, 150, 40)  # one sentence of 150 words: more arcs than a chunk
    heads = torch.randint(0, 150, (150,))
    with torch.no_grad():
        theirs = scorer(lstm, lstm)[0]  # (dependent, head, label)
        h1, h2 = arc_labels._hidden(scorer, lstm, lstm)
        proj, bias = arc_labels.label_projection(scorer.scorer.W_bilin.weight), scorer.scorer.W_bilin.bias
        ours = arc_labels._label_scores(proj, h1[0], h2[0, heads], bias)
        full = arc_labels._all_label_log_probs(proj, h1[0], h2[0], bias)
    assert torch.allclose(ours, theirs[torch.arange(150), heads], atol=1e-3, rtol=1e-4)
    assert np.allclose(full, torch.log_softmax(theirs, 2).numpy(), atol=1e-4)
