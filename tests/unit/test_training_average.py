"""Checkpoint averaging: the mean of the floating-point weights, everything else kept; models of
different vocabularies are refused."""
from __future__ import annotations

import pytest
import torch

from extractors.nlp.training.average import AverageError, average


def _ckpt(path, weight: float, vocab: str = "v1"):
    torch.save({"model": {"w": torch.full((2, 2), weight), "steps": torch.tensor([3])},
                "vocab": {"word": vocab}, "config": {"hidden_dim": 2}}, path)
    return path


def test_the_average_is_the_mean_of_the_weights(tmp_path):
    a, b = _ckpt(tmp_path / "a.pt", 1.0), _ckpt(tmp_path / "b.pt", 3.0)
    out = average([a, b], tmp_path / "avg.pt")
    state = torch.load(out, weights_only=False)
    assert torch.equal(state["model"]["w"], torch.full((2, 2), 2.0))
    assert torch.equal(state["model"]["steps"], torch.tensor([3]))  # integer tensors are not averaged
    assert state["vocab"] == {"word": "v1"} and state["config"] == {"hidden_dim": 2}


def test_models_of_another_vocabulary_are_refused(tmp_path):
    a, b = _ckpt(tmp_path / "a.pt", 1.0), _ckpt(tmp_path / "b.pt", 3.0, vocab="v2")
    with pytest.raises(AverageError, match="vocabulary"):
        average([a, b], tmp_path / "avg.pt")
