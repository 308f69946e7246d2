"""Stanza's character model run once per distinct word gives the same word vectors as Stanza's own
run over every word (a real CharacterModel with random weights, fed as Stanza's loaders feed it)."""
from __future__ import annotations

import pytest
import torch

from extractors.nlp import word_chars


def _batch(sentences: list[list[str]], alphabet: dict[str, int]):
    from stanza.models.common.data import get_long_tensor, sort_all

    words = [[alphabet[c] for c in w] for s in sentences for w in s]
    (sorted_words,), word_orig_idx = sort_all([words], [len(w) for w in words])  # longest first
    chars = get_long_tensor(sorted_words, len(sorted_words))
    return chars, torch.eq(chars, 0), word_orig_idx, [len(s) for s in sentences], [len(w) for w in sorted_words]


@pytest.mark.parametrize("attention", [True, False])
def test_distinct_words_give_stanzas_vectors(attention):
    from stanza.models.common.char_model import CharacterModel

    sentences = [["Russia", "and", "China", "signed", "the", "deal", "."],
                 ["The", "deal", "was", "signed", "in", "Beijing", "."],
                 ["Russia", "said", "the", "deal", "."]]
    alphabet = {c: i + 4 for i, c in enumerate(sorted({c for s in sentences for w in s for c in w}))}
    args = {"char_emb_dim": 12, "char_hidden_dim": 10, "char_num_layers": 1, "dropout": 0.0,
            "char_rec_dropout": 0.0}
    torch.manual_seed(0)
    model = CharacterModel(args, {"char": [None] * (len(alphabet) + 4)}, attention=attention).eval()
    if attention:
        torch.nn.init.normal_(model.char_attn.weight)  # (Stanza starts it at zero)
    batch = _batch(sentences, alphabet)
    with torch.no_grad():
        theirs = model(*batch)
        word_chars.install(model)
        ours = model(*batch)
    assert torch.equal(ours.batch_sizes, theirs.batch_sizes)
    assert torch.allclose(ours.data, theirs.data, atol=1e-6)
    keep, where = word_chars._distinct(batch[0], batch[4])
    assert len(keep) == len({w for s in sentences for w in s}) < len(where)  # each word's LSTM ran once
