"""Stanza's biaffine tag scorers, computed once per distinct parent tag.

The tagger scores each word's fine tag (XPOS) and each of its features with a biaffine form
``x W_o y + b_o`` of the word's hidden vector ``x`` and its parent's vector ``y``. For the compact
English tagger the parent is the embedding of the word's predicted UPOS, one of at most 17 vectors,
yet ``nn.Bilinear`` multiplies the full ``O x I x J`` weight for every word (350,000 multiplications
a word for XPOS). Here ``W y`` is formed once per distinct ``y`` of the batch and each word needs only
its ``O x I`` product: the same sums in another order (float rounding apart). A batch whose ``y``
are mostly distinct goes through ``nn.Bilinear`` as before (``tests/unit/test_tag_scorers.py``)."""
from __future__ import annotations

import types

import torch


def install(scorer) -> None:
    """Bind the per-parent ``forward`` to one ``stanza.models.common.biaffine.BiaffineScorer``."""
    scorer.forward = types.MethodType(forward, scorer)


def _groups(y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor] | None:
    """The distinct rows of ``y`` and each row's index among them; None if they are not few."""
    key = y.double() @ torch.linspace(1.0, 2.0, y.size(1), dtype=torch.float64, device=y.device)
    keys, inverse = torch.unique(key, return_inverse=True)
    if keys.numel() * 4 > y.size(0):
        return None
    first = torch.full((keys.numel(),), y.size(0), dtype=torch.long, device=y.device)
    first = first.scatter_reduce(0, inverse, torch.arange(y.size(0), device=y.device), "amin")
    rows = y.index_select(0, first)
    if not torch.equal(rows.index_select(0, inverse), y):  # two rows shared a key: no shortcut
        return None
    return rows, inverse


def forward(self, input1: torch.Tensor, input2: torch.Tensor) -> torch.Tensor:
    """``BiaffineScorer.forward`` for ``N x I`` and ``N x J`` inputs."""
    x = torch.cat([input1, input1.new_ones(*input1.size()[:-1], 1)], -1)
    y = torch.cat([input2, input2.new_ones(*input2.size()[:-1], 1)], -1)
    groups = _groups(input2) if input1.dim() == 2 and input1.size(0) > 0 else None
    if groups is None:
        return self.W_bilin(x, y)
    rows, inverse = groups
    rows = torch.cat([rows, rows.new_ones(rows.size(0), 1)], -1)
    per_row = torch.einsum("oij,uj->uoi", self.W_bilin.weight, rows)  # W y for each distinct y
    order = torch.argsort(inverse, stable=True)
    counts = torch.bincount(inverse, minlength=rows.size(0)).tolist()
    x_sorted = x.index_select(0, order)
    out_sorted = x.new_empty(x.size(0), per_row.size(1))
    start = 0
    for u, n in enumerate(counts):
        if n:
            torch.mm(x_sorted[start:start + n], per_row[u].t(), out=out_sorted[start:start + n])
            start += n
    out = torch.empty_like(out_sorted)
    out[order] = out_sorted
    return out + self.W_bilin.bias
