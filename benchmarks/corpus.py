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


def case_documents(lang: str, tokens_per_doc: int = 350) -> list[str]:
    """The golden and one-act test texts of ``lang`` (hand-written news sentences, each once, in file
    order) joined into documents of about N tokens: a corpus with a news vocabulary, where the
    generated one repeats a few sample sentences."""
    from tests.parses.cases import texts

    docs, parts, count = [], [], 0
    for t in texts(lang):
        parts.append(t)
        count += len(t.split())
        if count >= tokens_per_doc:
            docs.append(" ".join(parts))
            parts, count = [], 0
    return docs + ([" ".join(parts)] if parts else [])


def news_documents(lang: str, gold_dir: Path = ROOT.parent / "shared" / "eval" / "dev") -> list[str]:
    """The real news articles of the dev gold set in ``lang`` (``../shared/eval/dev/docs.jsonl``, read
    in place, never copied); empty when the shared folder is absent."""
    import json

    path = gold_dir / "docs.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows if r.get("lang") == lang]


CORPORA = ("samples", "cases", "news")


def corpus(name: str, lang: str, n_docs: int) -> list[str]:
    """``samples``: ``documents`` (generated from the bundled samples); ``cases``: ``case_documents``;
    ``news``: ``news_documents``; at most ``n_docs`` documents."""
    if name == "samples":
        return documents(lang, n_docs)
    if name == "cases":
        return case_documents(lang)[:n_docs]
    if name == "news":
        return news_documents(lang)[:n_docs]
    raise ValueError(f"unknown corpus {name!r}; choose from {', '.join(CORPORA)}")
