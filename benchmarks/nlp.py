"""Raw NLP throughput per profile with 1 and 2 processes: docs/s, tokens/s, peak RSS.

Run: ``.venv/bin/python benchmarks/nlp.py [--docs 60] [--workers 1 2]`` (prints a table; asserts nothing)."""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from benchmarks.corpus import documents  # noqa: E402
from extractors.nlp import pipelines, profiles  # noqa: E402
from extractors.nlp.profiles import NLPConfig  # noqa: E402

_CFG: NLPConfig | None = None


def _init(profile: str) -> None:
    global _CFG
    import torch

    torch.set_num_threads(1)
    _CFG = NLPConfig(profile=profile)


def _work(args: tuple[str, list[str]]) -> int:
    lang, texts = args
    docs = pipelines.annotate(texts, lang, _CFG)
    return sum(len(s.words) for d in docs for s in d.sentences)


def run(lang: str, profile: str, texts: list[str], workers: int, batch: int = 8) -> dict:
    """Throughput of a process pool over ``texts``, models loaded before timing (``docs_s``); also
    timed from the pool's creation, worker start-up and model loading included (``cold_docs_s``)."""
    chunks = [(lang, texts[i:i + batch]) for i in range(0, len(texts), batch)]
    t_cold = time.perf_counter()
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(profile,)) as pool:
        list(pool.map(_work, [(lang, texts[:1])] * workers))  # load models once per process
        t0 = time.perf_counter()
        tokens = sum(pool.map(_work, chunks))
        dt = time.perf_counter() - t0
        cold = time.perf_counter() - t_cold
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"docs_s": len(texts) / dt, "tokens_s": tokens / dt, "rss_mb": rss_mb, "seconds": dt,
            "cold_docs_s": len(texts) / cold}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    cfg = NLPConfig()
    print(f"{'lang':<5}{'profile':<9}{'workers':>8}{'docs/s':>9}{'tokens/s':>10}{'peak RSS MB':>13}")
    for lang, profile in (("ru", "natasha"), ("en", "compact")):
        if not profiles.available(lang, cfg)[profile]:
            print(f"{lang:<5}{profile:<9}  (models not available)")
            continue
        texts = documents(lang, args.docs)
        for w in args.workers:
            r = run(lang, profile, texts, w)
            print(f"{lang:<5}{profile:<9}{w:>8}{r['docs_s']:>9.2f}{r['tokens_s']:>10.0f}{r['rss_mb']:>13.0f}")


if __name__ == "__main__":
    main()
