"""Stanza's graph parser at inference, labelling only the arcs of the tree it chooses.

Stanza's ``GraphParser.predict`` scores every label of every (dependent, head) pair of a padded
batch, ``N x L x L x 51`` numbers for English, takes their log-softmax and copies them to numpy, then
picks the tree from the unlabeled scores alone and reads the label of each chosen arc. The label
scorer is a biaffine form ``x_d W_o y_h``: here ``x_d W`` is computed once per real word (no padding)
and multiplied with the chosen head's ``y_h`` only; the tree comes from the same unlabeled scores
through ``spanning_tree`` (the same algorithm, faster). A sentence whose labels break a head
constraint (two subjects or two objects of one head, which Stanza repairs by default) gets the
full label matrix for itself and Stanza's own repair, so the parser's output is what Stanza's
gives, up to float rounding (``tests/integration/test_fast_nlp.py`` checks it against Stanza's).

``install(model)`` binds the faster ``predict`` to one loaded ``GraphParser``; other models (an arc
embedding parser, an ensemble, the transition parser) are left as they are."""
from __future__ import annotations

import types

import numpy as np
import torch
import torch.nn.functional as F

from extractors.nlp.spanning_tree import chuliu_edmonds_one_root


def supported(model) -> bool:
    from stanza.models.depparse.model import GraphParser

    return type(model) is GraphParser and not model.args.get("use_arc_embedding")


def install(model) -> bool:
    """Make ``model.predict`` label only the chosen arcs; False (nothing done) for other parsers."""
    if not supported(model):
        return False
    model.label_projection = label_projection(model.deprel.scorer.W_bilin.weight)  # (a submodule: quantisable)
    model.predict = types.MethodType(predict, model)
    return True


def label_projection(weight: torch.Tensor) -> torch.nn.Linear:
    """``x -> x W`` for a pairwise bilinear weight ``W`` (``I x J x O``), as a linear layer ``I -> J*O``."""
    i, j, o = weight.shape
    proj = torch.nn.Linear(i, j * o, bias=False, device=weight.device, dtype=weight.dtype)
    with torch.no_grad():
        proj.weight.copy_(weight.reshape(i, j * o).t())
    return proj


def _hidden(scorer, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """A ``DeepBiaffineScorer``'s two hidden layers with the biaffine's constant 1 appended."""
    h1 = scorer.hidden_func(scorer.W1(x))
    h2 = scorer.hidden_func(scorer.W2(y))
    h1 = torch.cat([h1, h1.new_ones(*h1.size()[:-1], 1)], -1)
    h2 = torch.cat([h2, h2.new_ones(*h2.size()[:-1], 1)], -1)
    return h1, h2


def arc_scores(self, lstm: torch.Tensor, word: torch.Tensor, head: torch.Tensor) -> torch.Tensor:
    """The unlabeled arc scores of ``GraphParser.forward_scores`` (with its linearization and
    distance terms), ``N x L x L``, the diagonal at -inf."""
    unlabeled = self.unlabeled(lstm, lstm).squeeze(3)
    if self.args["linearization"] or self.args["distance"]:
        n = word.size(1)
        offset = (torch.arange(n, device=head.device).view(1, 1, -1).expand(word.size(0), -1, -1)
                  - torch.arange(n, device=head.device).view(1, -1, 1).expand(word.size(0), -1, -1))
    if self.args["linearization"]:
        lin = self.linearization(lstm, lstm).squeeze(3)
        unlabeled += F.logsigmoid(lin * torch.sign(offset).float())
    if self.args["distance"]:
        dist = self.distance(lstm, lstm).squeeze(3)
        dist_pred = 1 + F.softplus(dist)
        unlabeled += -torch.log((torch.abs(offset).float() - dist_pred) ** 2 / 2 + 1)
    diag = torch.eye(head.size(-1) + 1, dtype=torch.bool, device=head.device).unsqueeze(0)
    return unlabeled.masked_fill_(diag, -float("inf"))


CHUNK = 64  # arcs per label product: x_d W for 64 arcs (64 x 201 x 51 floats) stays in the CPU's cache


def _label_scores(proj, dep_hidden: torch.Tensor, head_hidden: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    """Label scores of arcs given row by row: ``dep_hidden[k] W head_hidden[k] + b`` (``k x O``), in
    chunks of CHUNK arcs (on one CPU core, 1.7x faster than one product over all arcs)."""
    n, j = head_hidden.shape
    out = dep_hidden.new_empty(n, 1, bias.numel())
    for i in range(0, n, CHUNK):
        inter = proj(dep_hidden[i:i + CHUNK]).view(-1, j, bias.numel())
        torch.bmm(head_hidden[i:i + CHUNK].unsqueeze(1), inter, out=out[i:i + CHUNK])
    return out.squeeze(1) + bias


def _all_label_log_probs(proj, dep_hidden, head_hidden, bias) -> np.ndarray:
    """One sentence's full label log-probabilities, ``L x L x O`` (dependent, head, label)."""
    inter = proj(dep_hidden).view(dep_hidden.size(0), head_hidden.size(1), -1)
    scores = torch.einsum("ljo,mj->lmo", inter, head_hidden) + bias
    return F.log_softmax(scores, 2).cpu().numpy()


def predict(self, word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained, lemma, head,
            deprel, word_orig_idx, sentlens, wordlens, text, resolve_head_constraints=False):
    """``GraphParser.predict``: per sentence, ``[[head, deprel], ...]`` for its words."""
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse.head_constraints import (find_head_constraint_violations,
                                                         resolve_head_constraint_violations)

    lstm = self.embed(word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained, lemma, head,
                      deprel, word_orig_idx, sentlens, wordlens, text)
    arcs = F.log_softmax(arc_scores(self, lstm, word, head), 2).cpu().numpy()
    trees = [chuliu_edmonds_one_root(arcs[b][:n, :n]) for b, n in enumerate(sentlens)]

    scorer = self.deprel
    h1, h2 = _hidden(scorer, lstm, lstm)
    proj, bias = self.label_projection, scorer.scorer.W_bilin.bias
    width = lstm.size(1)
    dep_rows = [b * width + d for b, n in enumerate(sentlens) for d in range(1, n)]
    head_rows = [b * width + int(h) for b, tree in enumerate(trees) for h in tree[1:]]
    if dep_rows:
        dim = h1.size(-1)
        rows = lambda t, r: t.reshape(-1, dim).index_select(0, torch.tensor(r, device=t.device))  # noqa: E731
        labels = _label_scores(proj, rows(h1, dep_rows), rows(h2, head_rows), bias).argmax(1).tolist()
    else:
        labels = []

    vocab = self.vocab["deprel"]
    out, k = [], 0
    for b, n in enumerate(sentlens):
        tree, raw = trees[b], labels[k:k + n - 1]
        k += n - 1
        deprels = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw])
        if resolve_head_constraints and find_head_constraint_violations(tree, deprels):
            log_probs = _all_label_log_probs(proj, h1[b, :n], h2[b, :n], bias)
            tree, raw = resolve_head_constraint_violations(arcs[b][:n, :n], log_probs, tree, vocab)
            deprels = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw])
        heads = tree[1:]
        out.append([[heads[j], deprels[j]] for j in range(n - 1)])
    return out
