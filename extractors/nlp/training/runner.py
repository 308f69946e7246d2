"""Runs one Stanza trainer module with the einsum patch applied.

Usage: ``python -m extractors.nlp.training.runner [--keep-vocab] [--warm-start MODEL] stanza.models.tagger --train_file ...``

``--warm-start`` (tagger only) starts training from an earlier tagger's weights; with ``--keep-vocab``
it keeps that tagger's vocabulary, so the training data may differ; see ``warm_start``.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

from extractors.nlp.training import einsum_patch, warm_start


def main(argv: list[str]) -> None:
    warm, keep_vocab = None, False
    if argv[:1] == ["--keep-vocab"]:
        keep_vocab, argv = True, argv[1:]
    if argv[:1] == ["--warm-start"] and len(argv) >= 2:
        warm, argv = Path(argv[1]), argv[2:]
    if not argv:
        raise SystemExit("usage: runner [--keep-vocab] [--warm-start MODEL] STANZA_MODULE [ARGS...]")
    einsum_patch.apply()
    if warm is not None:
        if argv[0] != "stanza.models.tagger":
            raise SystemExit("--warm-start applies to stanza.models.tagger only")
        warm_start.apply_tagger(warm, keep_vocab)
    module = importlib.import_module(argv[0])
    module.main(argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
