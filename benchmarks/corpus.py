"""A fixed benchmark corpus generated from the bundled samples: sentences of one language shuffled
with a fixed seed into documents of about N tokens."""
from __future__ import annotations

import random
import re
from pathlib import Path

from extractors.records import RawDocument
from flows.ingest import read_paths

ROOT = Path(__file__).resolve().parent.parent


def sentences(lang: str) -> list[str]:
    out = []
    for rec in read_paths([ROOT / "samples"]):
        if isinstance(rec, RawDocument):
            text_lang = rec.lang or ("ru" if re.search("[а-яА-Я]", rec.text) else "en")
            if text_lang == lang:
                out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", rec.text) if s.strip()]
    return out


def documents(lang: str, n_docs: int, tokens_per_doc: int = 350, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pool = sentences(lang)
    docs = []
    for _ in range(n_docs):
        parts, count = [], 0
        while count < tokens_per_doc:
            s = rng.choice(pool)
            parts.append(s)
            count += len(s.split())
        docs.append(" ".join(parts))
    return docs
