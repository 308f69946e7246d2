"""Warm start for Stanza's tagger, which (unlike the parser) has no ``--continue_from``.

The tagger trainer builds a fresh model from the training data's vocabulary. The patch lets it
build as usual, then loads the weights of an earlier model trained on the same data. The
vocabularies must be identical (same training files), otherwise the weights would be attached to
the wrong words; a mismatch stops the run. The optimizer starts fresh.

With ``keep_vocab`` the run may use other training data (fine-tuning on one treebank of the
original mix): the earlier model's vocabulary is used instead of one built from the new data, so
every weight stays attached to its word; words outside it are unknown words, as at run time.
"""
from __future__ import annotations

from pathlib import Path


class WarmStartError(RuntimeError):
    pass


def apply_tagger(model_file: Path, keep_vocab: bool = False) -> None:
    """Patch ``stanza.models.pos.trainer.Trainer`` in this process to start from ``model_file``."""
    import torch
    from stanza.models.pos.vocab import MultiVocab
    from stanza.models.pos import trainer as pos_trainer
    from stanza.models.pos.data import Dataset

    saved = torch.load(model_file, map_location="cpu", weights_only=False)
    if keep_vocab:
        kept = MultiVocab.load_state_dict(saved["vocab"])
        Dataset.init_vocab = staticmethod(lambda *args, **kwargs: kept)
    source = str(model_file)
    original_init = pos_trainer.Trainer.__init__

    def init(self, args=None, vocab=None, pretrain=None, model_file=None, device=None, foundation_cache=None):
        original_init(self, args=args, vocab=vocab, pretrain=pretrain, model_file=model_file,
                      device=device, foundation_cache=foundation_cache)
        if model_file is not None:  # loading a finished model (evaluation): leave it alone
            return
        if self.vocab.state_dict() != saved["vocab"]:
            raise WarmStartError(f"{source}: its vocabulary differs from this training data's")
        missing, unexpected = self.model.load_state_dict(saved["model"], strict=False)
        if unexpected or any(not k.startswith(("pretrained_emb", "bert_model")) for k in missing):
            raise WarmStartError(f"{source}: weights do not fit this model "
                                 f"(missing {missing[:3]}, unexpected {unexpected[:3]})")

    pos_trainer.Trainer.__init__ = init
