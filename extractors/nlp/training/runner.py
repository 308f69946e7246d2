"""Runs one Stanza trainer module with the einsum patch applied.

Usage: ``python -m extractors.nlp.training.runner stanza.models.tagger --train_file ...``
"""
from __future__ import annotations

import importlib
import sys

from extractors.nlp.training import einsum_patch


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit("usage: runner STANZA_MODULE [ARGS...]")
    einsum_patch.apply()
    module = importlib.import_module(argv[0])
    module.main(argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
