"""Pipeline throughput against raw NLP throughput, rerun cost, scaling and memory.

``make bench`` runs this and prints one table. Every measurement runs in a fresh process (so peak RSS
is that configuration's own): the pipeline = the real ``pipeline`` flow on a temporary ephemeral
Prefect API and a fresh DuckDB file, timed from the call to its return (model loading included);
raw NLP = ``benchmarks/nlp.py``'s process pool over the same texts, models loaded before timing (the
ratio the target is set on); NLP and extraction alone
in one process give the ratio's ceiling when every document is also extracted; the raw pool is also timed from its creation, worker start-up and model
loading included as in the pipeline's figure, and that second ratio is printed below it.
Prints figures; asserts nothing.

Run: ``.venv/bin/python benchmarks/pipeline.py [--lang ru|en] [--docs 1000] [--workers 1 2] [--scale 10] [--tokens 100] [--api server|ephemeral]``
(``--lang ru`` uses the natasha profile, ``--lang en`` the compact Stanza models.)"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")


def _write_corpus(path: Path, n: int, tokens: int, lang: str = "ru") -> Path:
    from benchmarks.corpus import documents

    texts = documents(lang, n, tokens_per_doc=tokens, seed=5)
    with path.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": f"b{i}", "text": f"{t} (№{i})", "lang": lang,
                                 "published": "2025-06-01"}, ensure_ascii=False) + "\n")
    return path


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


PROFILE = {"ru": "natasha", "en": "compact"}


def one_pipeline(docs: int, workers: int, tokens: int, batch: int, lang: str = "ru", api: str = "server") -> dict:
    """In this process: full run, then a rerun with nothing new, on a fresh database. ``api``: "server"
    runs against a temporary local Prefect server (as under `communique serve` or a user's server);
    "ephemeral" against Prefect's ephemeral API, as a plain `communique run` does."""
    import contextlib

    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        os.environ["PREFECT_HOME"] = str(d / "prefect")
        from flows.settings import Settings, configure_runtime

        configure_runtime(d)
        from prefect.testing.utilities import prefect_test_harness

        from flows.pipeline import run_with

        corpus = _write_corpus(d / "corpus.jsonl", docs, tokens, lang)
        s = Settings(db=d / "w.duckdb", profile=PROFILE[lang], workers=workers, batch_size=batch, progress=False)
        harness = prefect_test_harness(server_startup_timeout=120) if api == "server" else contextlib.nullcontext()
        with harness:
            run_with(s.model_copy(update={"db": d / "warmup.duckdb", "workers": 1}),
                     inputs=[str(_write_corpus(d / "w.jsonl", 2, 20, lang))])  # API and flow engine warm
            t0 = time.perf_counter()
            full = run_with(s, inputs=[str(corpus)])
            t_full = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = run_with(s, inputs=[str(corpus)])
            t_rerun = time.perf_counter() - t0
    return {"docs": docs, "workers": workers, "seconds": t_full, "docs_s": docs / t_full, "events": full.events,
            "loaded": full.docs_loaded, "rerun_s": t_rerun, "rerun_skipped": again.docs_skipped,
            "peak_rss_mb": _peak_rss_mb()}


def one_raw(docs: int, workers: int, tokens: int, batch: int, lang: str = "ru", api: str = "server") -> dict:
    from benchmarks import corpus, nlp

    texts = [f"{t} (№{i})" for i, t in enumerate(corpus.documents(lang, docs, tokens_per_doc=tokens, seed=5))]
    r = nlp.run(lang, PROFILE[lang], texts, workers, batch=batch)
    return {"docs": docs, "workers": workers, "docs_s": r["docs_s"], "cold_docs_s": r["cold_docs_s"],
            "peak_rss_mb": r["rss_mb"]}


def one_stages(docs: int, workers: int, tokens: int, batch: int, lang: str = "ru", api: str = "server",
               load_size: int = 512) -> dict:
    """In one process, no orchestration: NLP, extraction, GX validation and loading one after another
    over the same texts, each timed on its own (models loaded and rules warmed before timing; the task
    functions called directly, without Prefect). ``bound`` = NLP / (NLP + extraction) is the most the
    pipeline/raw ratio can reach while every document is also extracted; ``bound_all`` adds validation
    and loading. Neither counts worker start-up or any Prefect cost."""
    from benchmarks import corpus
    from extractors.extract import extract
    from extractors.nlp import pipelines
    from extractors.nlp.profiles import NLPConfig
    from extractors.records import RawDocument

    cfg = NLPConfig(profile=PROFILE[lang])
    texts = [f"{t} (№{i})" for i, t in enumerate(corpus.documents(lang, docs, tokens_per_doc=tokens, seed=5))]
    raws = [RawDocument(doc_id=f"b{i}", text=t, lang=lang, source="bench") for i, t in enumerate(texts)]
    warm = pipelines.annotate(texts[:2], lang, cfg)
    extract(warm[0], raws[0], lang)
    t0 = time.perf_counter()
    annotated = [d for i in range(0, len(texts), batch) for d in pipelines.annotate(texts[i:i + batch], lang, cfg)]
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    pairs = [(raw, extract(d, raw, lang)) for d, raw in zip(annotated, raws)]
    t_ex = time.perf_counter() - t0
    from flows.tasks import load, validate
    from warehouse.db import session

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "stages.duckdb"
        with session(db):
            pass
        validate.fn((pairs[:2], []), "warm", "bench", {})
        t0 = time.perf_counter()
        checked = [validate.fn((pairs[i:i + load_size], []), "bench", "bench", {})
                   for i in range(0, len(pairs), load_size)]
        t_val = time.perf_counter() - t0
        t0 = time.perf_counter()
        for b in checked:
            load.fn(str(db), b, "bench")
        t_load = time.perf_counter() - t0
    work = t_nlp + t_ex + t_val + t_load
    return {"nlp_ms": 1000 * t_nlp / docs, "extract_ms": 1000 * t_ex / docs, "validate_ms": 1000 * t_val / docs,
            "load_ms": 1000 * t_load / docs, "bound": t_nlp / (t_nlp + t_ex), "bound_all": t_nlp / work}


def _child(kind: str, docs: int, workers: int, tokens: int, batch: int, lang: str = "ru", api: str = "server") -> dict:
    cmd = [sys.executable, __file__, "--one", kind, "--docs", str(docs), "--workers", str(workers),
           "--tokens", str(tokens), "--batch", str(batch), "--lang", lang, "--api", api]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"benchmark child failed: {' '.join(cmd)}\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return json.loads(lines[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=sorted(PROFILE), default="ru", help="ru: natasha profile; en: compact models")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--scale", type=int, default=10, help="also run docs×scale with 1 worker (0: skip)")
    ap.add_argument("--tokens", type=int, default=100, help="tokens per generated document")
    ap.add_argument("--batch", type=int, default=128, help="documents per batch (the product default)")
    ap.add_argument("--loader-events", type=int, default=1_000_000)
    ap.add_argument("--api", choices=["server", "ephemeral"], default="server",
                    help="server: a temporary local Prefect server; ephemeral: Prefect's ephemeral API, as a "
                         "plain `communique run` (no flow-run heartbeats)")
    ap.add_argument("--one", choices=["pipeline", "raw", "stages"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        fn = {"pipeline": one_pipeline, "raw": one_raw, "stages": one_stages}[a.one]
        print(json.dumps(fn(a.docs, a.workers[0], a.tokens, a.batch, a.lang, a.api)))
        return
    print(f"# {a.docs} generated {a.lang} documents of ~{a.tokens} tokens, {PROFILE[a.lang]} profile, batch {a.batch}, "
          f"{os.cpu_count()} CPUs, Prefect API: {a.api}", flush=True)
    print(f"{'measure':<44}{'value':>14}", flush=True)
    rows = []
    st = _child("stages", a.docs, 1, a.tokens, a.batch, a.lang)
    for r in [("NLP ms/doc, one process", f"{st['nlp_ms']:.2f}"),
              ("extraction ms/doc, one process", f"{st['extract_ms']:.2f}"),
              ("validation ms/doc, one process", f"{st['validate_ms']:.2f}"),
              ("loading ms/doc, one process", f"{st['load_ms']:.2f}"),
              ("  ratio bound: NLP / (NLP + extraction)", f"{st['bound']:.2f}"),
              ("  ratio bound: NLP / (all four stages)", f"{st['bound_all']:.2f}")]:
        print(f"{r[0]:<44}{r[1]:>14}", flush=True)
    for w in a.workers:
        raw = _child("raw", a.docs, w, a.tokens, a.batch, a.lang)
        pipe = _child("pipeline", a.docs, w, a.tokens, a.batch, a.lang, a.api)
        rows += [(f"raw NLP docs/s, {w} worker(s)", f"{raw['docs_s']:.1f}"),
                 (f"pipeline docs/s, {w} worker(s)", f"{pipe['docs_s']:.1f}"),
                 (f"pipeline / raw ratio, {w} worker(s)", f"{pipe['docs_s'] / raw['docs_s']:.2f}"),
                 (f"  raw with start-up, {w} worker(s)", f"{raw['cold_docs_s']:.1f}"),
                 (f"  pipeline / raw with start-up, {w} w.", f"{pipe['docs_s'] / raw['cold_docs_s']:.2f}"),
                 (f"rerun with nothing new / full run, {w} w.", f"{pipe['rerun_s'] / pipe['seconds']:.3f}"),
                 (f"peak RSS MB, pipeline, {w} worker(s)", f"{pipe['peak_rss_mb']:.0f}")]
        for r in rows[-7:]:
            print(f"{r[0]:<44}{r[1]:>14}", flush=True)
        if w == 1:
            base = pipe
    if a.scale and 1 in a.workers:
        big = _child("pipeline", a.docs * a.scale, 1, a.tokens, a.batch, a.lang, a.api)
        for r in [(f"pipeline seconds, {a.docs} docs", f"{base['seconds']:.1f}"),
                  (f"pipeline seconds, {a.docs * a.scale} docs", f"{big['seconds']:.1f}"),
                  (f"time ratio for {a.scale}x documents", f"{big['seconds'] / base['seconds']:.2f}"),
                  (f"peak RSS MB, {a.docs} docs", f"{base['peak_rss_mb']:.0f}"),
                  (f"peak RSS MB, {a.docs * a.scale} docs", f"{big['peak_rss_mb']:.0f}")]:
            print(f"{r[0]:<44}{r[1]:>14}", flush=True)
    from benchmarks.load import measure

    n, secs, _ = measure(a.loader_events)
    print(f"{'loader events/s (' + format(n, ',') + ' events)':<44}{n / secs:>14,.0f}", flush=True)


if __name__ == "__main__":
    main()
