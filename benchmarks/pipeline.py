"""Pipeline throughput against its stage ceiling, scaling with workers, rerun cost, scaling with the
corpus and memory.

``make bench`` runs this and prints one table. Every measurement runs in a fresh process (so peak RSS
is that configuration's own):
- stages: NLP, extraction, GX validation and loading timed alone, one after another in one process
  (models loaded first, no Prefect); the stage ceiling is the docs/s of the four in sequence.
- pipeline: the real ``pipeline`` flow on a fresh DuckDB file, after a two-document warm-up run (the
  Prefect API and flow engine warm), timed from the call to its return. ``--pool cold`` (default)
  closes the warm-up's annotation pool first, so the timed run starts its workers and loads their
  models as ``communique run`` does; ``--pool warm`` keeps it, as a long-lived process does.
- raw NLP (``--raw``): ``benchmarks/nlp.py``'s process pool over the same texts.
With ``--repeat N`` every configuration runs N times, interleaved (stages, 1 worker, 2 workers, …, then
again), and the table shows medians with every value beside them: on a shared machine the load moves
between runs (the 1-minute load average is printed with each run). ``--baseline DIR`` also runs the
pipeline measure of another checkout (e.g. a worktree of main) interleaved with this one's, for a
before/after in the same invocation. Prints figures and the targets; asserts nothing.

Run: ``.venv/bin/python benchmarks/pipeline.py [--lang ru|en] [--docs 1000] [--workers 1 2] [--repeat 3]
[--scale 10] [--tokens 100] [--api server|ephemeral] [--pool cold|warm] [--baseline ../main]``
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


def one_pipeline(docs: int, workers: int, tokens: int, batch: int, lang: str = "ru", api: str = "server",
                 pool_mode: str = "cold", runner: str = "process") -> dict:
    """In this process: full run, then a rerun with nothing new, on a fresh database. ``api``: "server"
    runs against a temporary local Prefect server (as under `communique serve` or a user's server);
    "ephemeral" against Prefect's ephemeral API, as a plain `communique run` does. ``pool_mode``
    "cold": the timed run starts its annotation workers; "warm": the warm-up run's workers serve it."""
    import contextlib

    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        os.environ["PREFECT_HOME"] = str(d / "prefect")
        from flows.settings import Settings, configure_runtime

        configure_runtime(d)
        from prefect.testing.utilities import prefect_test_harness

        from flows.pipeline import run_with

        corpus = _write_corpus(d / "corpus.jsonl", docs, tokens, lang)
        where = {"workers": workers} if runner == "process" else {"dask_local": workers}
        s = Settings(db=d / "w.duckdb", profile=PROFILE[lang], batch_size=batch, progress=False, **where)
        harness = prefect_test_harness(server_startup_timeout=120) if api == "server" else contextlib.nullcontext()
        with harness:
            run_with(s.model_copy(update={"db": d / "warmup.duckdb"}),
                     inputs=[str(_write_corpus(d / "w.jsonl", 2, 20, lang))])  # API and flow engine warm
            if pool_mode == "cold":
                from flows import pool

                pool.close_all()
            cpu0 = resource.getrusage(resource.RUSAGE_SELF)
            t0 = time.perf_counter()
            full = run_with(s, inputs=[str(corpus)])
            t_full = time.perf_counter() - t0
            cpu1 = resource.getrusage(resource.RUSAGE_SELF)
            t0 = time.perf_counter()
            again = run_with(s, inputs=[str(corpus)])
            t_rerun = time.perf_counter() - t0
    timing = {}
    try:  # the workers end here, so their peak memory counts among this process's children
        from flows import pool

        p = next(iter(pool._POOLS.values()), None)
        if p is not None:
            # seconds from the pool's start to each worker's first answer (its warm-up: imports and models);
            # the share of the run after that each worker spent annotating (cold pool: started with the run)
            timing = {"ready_s": sorted(round(v, 2) for v in p.ready.values()),
                      "busy": sorted(round(p.busy.get(pid, 0) / max(t_full - r, 1e-9), 2) for pid, r in p.ready.items())
                      if p.busy else None}
        pool.close_all()
    except ImportError:  # (a checkout without pools, run as --baseline)
        pass
    return {"docs": docs, "workers": workers, "seconds": t_full, "docs_s": docs / t_full, "events": full.events,
            "loaded": full.docs_loaded, "rerun_s": t_rerun, "rerun_skipped": again.docs_skipped,
            "peak_rss_mb": _peak_rss_mb(), "model_loads": sorted(full.workers.values()), **timing,
            # CPU seconds of the flow's own process during the full run (annotation workers excluded)
            "main_cpu_s": round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 2)}


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


def _load() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0]) if Path("/proc/loadavg").exists() else float("nan")


def _child(kind: str, docs: int, workers: int, tokens: int, batch: int, lang: str = "ru", api: str = "server",
           pool_mode: str | None = None, code: Path = ROOT, runner: str = "process") -> dict:
    script = code / "benchmarks" / "pipeline.py"
    cmd = [sys.executable, str(script), "--one", kind, "--docs", str(docs), "--workers", str(workers),
           "--tokens", str(tokens), "--batch", str(batch), "--lang", lang, "--api", api]
    if pool_mode:
        cmd += ["--pool", pool_mode, "--runner", runner]
    env = dict(os.environ, PYTHONPATH=str(code))
    load0 = _load()
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=code, env=env)
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"benchmark child failed: {' '.join(cmd)}\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return {**json.loads(lines[-1]), "load": max(load0, _load())}


def _median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


def _row(name: str, values: list[float], fmt: str = ".1f", note: str = "") -> None:
    med = format(_median(values), fmt) if values else "-"
    each = " / ".join(format(v, fmt) for v in values) if len(values) > 1 else ""
    print(f"{name:<50}{med:>10}   {each}{('  ' + note) if note else ''}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=sorted(PROFILE), default="ru", help="ru: natasha profile; en: compact models")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1, help="runs of every configuration, interleaved (medians shown)")
    ap.add_argument("--scale", type=int, default=10, help="also run docs×scale with 1 worker (0: skip)")
    ap.add_argument("--tokens", type=int, default=100, help="tokens per generated document")
    ap.add_argument("--batch", type=int, default=128, help="documents per batch (the product default)")
    ap.add_argument("--loader-events", type=int, default=1_000_000)
    ap.add_argument("--api", choices=["server", "ephemeral"], default="server",
                    help="server: a temporary local Prefect server; ephemeral: Prefect's ephemeral API, as a "
                         "plain `communique run` (no flow-run heartbeats)")
    ap.add_argument("--pool", choices=["cold", "warm"], default="cold",
                    help="cold: the timed run starts its annotation workers (as `communique run`); warm: the "
                         "warm-up run's workers serve it (a long-lived process)")
    ap.add_argument("--runner", choices=["process", "dask"], default="process",
                    help="process: --workers N worker processes; dask: --dask-local N (a Dask LocalCluster)")
    ap.add_argument("--raw", action="store_true", help="also time raw NLP (benchmarks/nlp.py's process pool)")
    ap.add_argument("--baseline", type=Path, help="another checkout whose pipeline measure runs interleaved")
    ap.add_argument("--one", choices=["pipeline", "raw", "stages"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        if a.one == "pipeline":
            print(json.dumps(one_pipeline(a.docs, a.workers[0], a.tokens, a.batch, a.lang, a.api, a.pool, a.runner)))
            return
        fn = {"raw": one_raw, "stages": one_stages}[a.one]
        print(json.dumps(fn(a.docs, a.workers[0], a.tokens, a.batch, a.lang, a.api)))
        return
    print(f"# {a.docs} generated {a.lang} documents of ~{a.tokens} tokens, {PROFILE[a.lang]} profile, batch {a.batch}, "
          f"{os.cpu_count()} CPUs, Prefect API: {a.api}, pool: {a.pool} ({a.runner}), {a.repeat} interleaved run(s) each"
          + (f", baseline {a.baseline}" if a.baseline else ""), flush=True)
    stages, pipes, raws, base = [], {w: [] for w in a.workers}, {w: [] for w in a.workers}, {w: [] for w in a.workers}
    for rep in range(a.repeat):
        stages.append(_child("stages", a.docs, 1, a.tokens, a.batch, a.lang))
        print(f"  run {rep + 1}: stages {1000 / sum(stages[-1][k] for k in STAGE_KEYS):.1f} docs/s "
              f"(load {stages[-1]['load']:.1f})", flush=True)
        for w in a.workers:
            if a.raw:
                raws[w].append(_child("raw", a.docs, w, a.tokens, a.batch, a.lang))
            if a.baseline:
                base[w].append(_child("pipeline", a.docs, w, a.tokens, a.batch, a.lang, a.api, code=a.baseline.resolve()))
                print(f"  run {rep + 1}: baseline {w} worker(s) {base[w][-1]['docs_s']:.1f} docs/s "
                      f"(load {base[w][-1]['load']:.1f})", flush=True)
            pipes[w].append(_child("pipeline", a.docs, w, a.tokens, a.batch, a.lang, a.api, a.pool, runner=a.runner))
            p = pipes[w][-1]
            print(f"  run {rep + 1}: pipeline {w} worker(s) {p['docs_s']:.1f} docs/s, model loads per worker "
                  f"{p.get('model_loads')}, workers ready after {p.get('ready_s')} s, then busy {p.get('busy')} of the "
                  f"run, flow process CPU {p.get('main_cpu_s')} s of {p['seconds']:.1f} s (load {p['load']:.1f})", flush=True)
    print(f"{'measure':<50}{'median':>10}   each run", flush=True)
    for key, name in zip(STAGE_KEYS, ("NLP", "extraction", "validation", "loading")):
        _row(f"{name} ms/doc, one process", [st[key] for st in stages], ".2f")
    ceiling = [1000 / sum(st[k] for k in STAGE_KEYS) for st in stages]
    _row("stage ceiling docs/s (the four stages in sequence)", ceiling)
    for w in a.workers:
        _row(f"pipeline docs/s, {w} worker(s)", [p["docs_s"] for p in pipes[w]])
        if a.baseline:
            _row(f"  baseline ({a.baseline.name}) docs/s, {w} worker(s)", [p["docs_s"] for p in base[w]])
        if a.raw:
            _row(f"  raw NLP docs/s, {w} worker(s)", [r["docs_s"] for r in raws[w]])
        _row(f"rerun with nothing new / full run, {w} w.", [p["rerun_s"] / p["seconds"] for p in pipes[w]], ".3f",
             "target <= 0.05")
        _row(f"peak RSS MB, {w} worker(s) (largest process)", [p["peak_rss_mb"] for p in pipes[w]], ".0f")
    if 1 in a.workers:
        one = [p["docs_s"] for p in pipes[1]]
        _row("pipeline 1 worker / stage ceiling", [p / c for p, c in zip(one, ceiling)], ".2f", "target >= 0.90")
        for w in a.workers:
            if w > 1:
                _row(f"pipeline {w} workers / 1 worker", [p["docs_s"] / o for p, o in zip(pipes[w], one)], ".2f",
                     "target >= 1.6" if w == 2 else "")
                if a.baseline:
                    b1 = [p["docs_s"] for p in base[1]]
                    _row(f"  baseline {w} workers / 1 worker", [p["docs_s"] / o for p, o in zip(base[w], b1)], ".2f")
    loads = [p["load"] for ps in pipes.values() for p in ps] + [st["load"] for st in stages]
    print(f"1-minute load average during the runs: {min(loads):.1f}–{max(loads):.1f} ({os.cpu_count()} CPUs)", flush=True)
    if a.scale and 1 in a.workers:
        base1 = pipes[1][-1]
        big = _child("pipeline", a.docs * a.scale, 1, a.tokens, a.batch, a.lang, a.api, a.pool, runner=a.runner)
        _row(f"pipeline seconds, {a.docs} docs", [base1["seconds"]])
        _row(f"pipeline seconds, {a.docs * a.scale} docs", [big["seconds"]])
        _row(f"time ratio for {a.scale}x documents", [big["seconds"] / base1["seconds"]], ".2f",
             f"target <= {a.scale * 1.05:.1f}")
        _row(f"peak RSS MB, {a.docs} docs", [base1["peak_rss_mb"]], ".0f")
        _row(f"peak RSS MB, {a.docs * a.scale} docs", [big["peak_rss_mb"]], ".0f")
    if a.loader_events:
        from benchmarks.load import measure

        n, secs, _ = measure(a.loader_events)
        print(f"{'loader events/s (' + format(n, ',') + ' events)':<50}{n / secs:>10,.0f}", flush=True)


STAGE_KEYS = ("nlp_ms", "extract_ms", "validate_ms", "load_ms")


if __name__ == "__main__":
    main()
