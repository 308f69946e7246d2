"""``communique eval --frozen``: score the extractor on a gold set from cached parses.

The NLP annotation of each gold document is computed once and kept (Stanza's own serialisation) in a
cache folder keyed by the document's text and the NLP models' file hashes; every later call runs only
extraction and scoring, in this process, in seconds. The figures are those of the full pipeline eval
(the same ingest, language, models and extractor; validation does not drop events of a gold set),
which `communique eval` without ``--frozen`` still runs end to end."""
from __future__ import annotations

import fnmatch
import hashlib
import json
from pathlib import Path

from extractors.evaluation import Gold, Scores, Sys, score
from extractors.nlp.profiles import NLPConfig
from flows.evaluate import load_gold


def _cache_key(text: str, lang: str, cfg: NLPConfig) -> str:
    from extractors.nlp import pipelines

    from extractors.nlp import textprep

    models = json.dumps(pipelines.describe(lang, cfg), sort_keys=True, default=str)
    return hashlib.sha256(f"{lang}|{models}|{textprep.VERSION}|{text}".encode("utf-8")).hexdigest()[:24]


def annotations(raws, cfg: NLPConfig, cache_dir: Path) -> dict[str, object]:
    """Stanza documents for the raw documents (doc_id -> Document), parsed once and cached."""
    import stanza

    from extractors.nlp import pipelines

    cache_dir.mkdir(parents=True, exist_ok=True)
    out, todo = {}, {}
    for r in raws:
        path = cache_dir / f"{_cache_key(r.text, r.lang, cfg)}.pkl"
        if path.exists():
            doc = stanza.Document.from_serialized(path.read_bytes())
            doc.text = r.text
            out[r.doc_id] = doc
        else:
            todo.setdefault(r.lang, []).append((r, path))
    for lang, items in todo.items():
        for (r, path), doc in zip(items, pipelines.annotate([r.text for r, _ in items], lang, cfg)):
            path.write_bytes(doc.to_serialized())
            out[r.doc_id] = doc
    return out


def evaluate_frozen(gold_dir: Path, cfg: NLPConfig, cache_dir: Path, only: list[str] | None = None) -> list[Scores]:
    """Scores per language; ``only`` keeps the documents whose id matches one of the glob patterns."""
    from extractors.extract import extract
    from flows.ingest import read_paths
    from flows.tasks import identify_languages
    from extractors.records import Quarantined

    docs, gold = load_gold(gold_dir)
    keep = (lambda i: any(fnmatch.fnmatch(i, p) for p in only)) if only else (lambda i: True)
    raws = [r for r in read_paths([gold_dir / "docs.jsonl"]) if not isinstance(r, Quarantined) and keep(r.external_id)]
    raws, _ = identify_languages.fn(raws, "auto", cfg)
    parsed = annotations(raws, cfg, cache_dir)
    system: list[Sys] = []
    for r in raws:
        ex = extract(parsed[r.doc_id], r, r.lang)
        system += [Sys(r.external_id, (0, 10**9), e.action_start, e.action_end, e.event_type, e.actor_norm,
                       e.actor_text, e.target_norm, e.target_text, e.condition_text, bool(e.negated), e.modality,
                       str(e.event_date) if e.event_date else None, r.lang) for e in ex.events]
    gold = [g for g in gold if keep(g.doc_id)]
    langs = sorted({docs[g.doc_id]["lang"] for g in gold} | {r.lang for r in raws})
    return [score(system, gold, lang) for lang in langs]
