"""Stanza's character model run once per distinct word of a batch.

The tagger and the parser each read every word of a batch character by character with an LSTM
(``stanza.models.common.char_model.CharacterModel``) and pool its states into one vector per word.
That vector depends on the word's characters alone, and news text repeats its words ("the", "of",
"said", names): a batch of 2,000 words holds about half as many distinct ones. ``install(model)``
makes a loaded character model run its LSTM over the distinct words only and copy each vector to
every occurrence, the same arithmetic on fewer rows (``tests/unit/test_word_chars.py``)."""
from __future__ import annotations

import types

import torch
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pack_sequence, pad_packed_sequence


def install(model) -> None:
    """Bind the distinct-word ``forward`` to one loaded ``CharacterModel``."""
    model.forward = types.MethodType(forward, model)


def _distinct(chars: torch.Tensor, wordlens: list[int]) -> tuple[list[int], list[int]]:
    """First row of each distinct word (in row order) and, for every row, its word's place there."""
    first: dict[tuple, int] = {}
    keep, where = [], []
    for row, (ids, n) in enumerate(zip(chars.tolist(), wordlens)):
        key = tuple(ids[:n])
        k = first.get(key)
        if k is None:
            k = first[key] = len(keep)
            keep.append(row)
        where.append(k)
    return keep, where


def forward(self, chars, chars_mask, word_orig_idx, sentlens, wordlens):
    """``CharacterModel.forward`` (words sorted by length, longest first, as Stanza's loaders give them)."""
    from stanza.models.common.utils import tensor_unsort

    keep, where = _distinct(chars, wordlens)
    rows = torch.tensor(keep, device=chars.device)
    chars, lens = chars.index_select(0, rows), [wordlens[r] for r in keep]  # still longest first
    embs = self.dropout(self.char_emb(chars))
    batch_size = embs.size(0)
    embs = pack_padded_sequence(embs, lens, batch_first=True)
    shape = (self.num_dir * self.args["char_num_layers"], batch_size, self.args["char_hidden_dim"])
    output = self.charlstm(embs, lens, hx=(self.charlstm_h_init.expand(*shape).contiguous(),
                                           self.charlstm_c_init.expand(*shape).contiguous()))
    if self.attn:
        char_reps = output[0]
        weights = torch.sigmoid(self.char_attn(self.dropout(char_reps.data)))
        char_reps = PackedSequence(char_reps.data * weights, char_reps.batch_sizes)
        char_reps, _ = pad_packed_sequence(char_reps, batch_first=True)
        res = char_reps.sum(1)
    else:
        h, c = output[1]
        res = h[-2:].transpose(0, 1).contiguous().view(batch_size, -1)
    res = res.index_select(0, torch.tensor(where, device=res.device))  # every occurrence again
    res = tensor_unsort(res, word_orig_idx)
    res = pack_sequence(res.split(sentlens))
    if self.pad:
        res = pad_packed_sequence(res, batch_first=True)[0]
    return res
