"""Raw NLP throughput per profile with 1 and 2 processes: docs/s, tokens/s, peak RSS; English compact
with and without its inference speed-ups, timed in the same run; their accuracy on EWT test.

Run: ``.venv/bin/python benchmarks/nlp.py [--docs 60] [--workers 1 2]`` (the table; English compact
with Stanza's own inference and with the speed-ups the product runs);
``benchmarks/nlp.py --compare [--docs 40] [--reps 5] [--corpus samples cases news]``: English compact
tokens/s per core, Stanza's own inference (``fast_nlp`` off: the speed before the speed-ups) against
the product's, one process each, repetitions interleaved, medians and the target (2x), per corpus:
``samples`` the generated documents of the table (they repeat 9 sample sentences), ``cases`` the
golden and one-act test texts (605 news sentences), ``news`` the dev gold set's real English
articles (read from ``../shared``, skipped when absent);
``benchmarks/nlp.py --accuracy [--ewt DIR]``: UPOS, lemma, UAS and LAS of both on EWT test, on the
treebank's own words and end to end from raw text, beside the model card's figures.
Prints figures; asserts nothing."""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from benchmarks.corpus import CORPORA, corpus, documents  # noqa: E402
from extractors.nlp import pipelines, profiles  # noqa: E402
from extractors.nlp.profiles import NLPConfig  # noqa: E402

_CFG: NLPConfig | None = None
TARGET = 2.0  # issue 27: English compact NLP >= 2x the tokens/s per core of Stanza's own inference
# the model card's product-pipeline row for EWT test (end to end, Stanza's own inference)
CARD_EWT_TEST = {"UPOS": 93.09, "Lemmas": 96.01, "UAS": 82.36, "LAS": 78.78}
METRICS = ("UPOS", "Lemmas", "UAS", "LAS")
RAW_METRICS = ("Tokens", "Sentences", "Words")  # (end to end only: 100 on the gold words)


def _init(profile: str, fast: bool = True) -> None:
    global _CFG
    import torch

    torch.set_num_threads(1)
    _CFG = NLPConfig(profile=profile, fast_nlp=fast)


def _work(args: tuple[str, list[str]]) -> tuple[int, float]:
    """Annotate one batch: (words, CPU seconds this process spent on it)."""
    lang, texts = args
    t0 = time.process_time()
    docs = pipelines.annotate(texts, lang, _CFG)
    return sum(len(s.words) for d in docs for s in d.sentences), time.process_time() - t0


def _rss_mb(_: int = 0) -> float:
    """This worker's peak resident memory."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _chunks(lang: str, texts: list[str], batch: int) -> list[tuple[str, list[str]]]:
    return [(lang, texts[i:i + batch]) for i in range(0, len(texts), batch)]


def _timed(pool, chunks) -> tuple[int, float, float]:
    """(words, wall seconds, CPU seconds of the workers) for one pass over ``chunks``."""
    t0 = time.perf_counter()
    done = list(pool.map(_work, chunks))
    return sum(n for n, _ in done), time.perf_counter() - t0, sum(c for _, c in done)


def run(lang: str, profile: str, texts: list[str], workers: int, batch: int = 8, fast: bool = True) -> dict:
    """Throughput of a process pool over ``texts``, models loaded before timing (``docs_s``); also
    timed from the pool's creation, worker start-up and model loading included (``cold_docs_s``)."""
    t_cold = time.perf_counter()
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(profile, fast)) as pool:
        list(pool.map(_work, [(lang, texts[:1])] * workers))  # load models once per process
        tokens, dt, cpu = _timed(pool, _chunks(lang, texts, batch))
        cold = time.perf_counter() - t_cold
        rss_mb = max(pool.map(_rss_mb, range(workers * 4)))  # (each worker's own peak; several asked)
    return {"docs_s": len(texts) / dt, "tokens_s": tokens / dt, "rss_mb": rss_mb, "seconds": dt,
            "cold_docs_s": len(texts) / cold, "tokens_cpu_s": tokens / cpu}


def compare(texts: list[str], reps: int, batch: int = 8) -> dict[str, dict]:
    """English compact, Stanza's own inference ("stanza") against the speed-ups ("fast"): one worker
    process each, both loaded before timing, their passes over ``texts`` alternated ``reps`` times.
    Per variant: tokens/s (wall, one process = one core) and tokens per CPU second of the worker
    (less sensitive to other load on the machine), each pass and their medians."""
    variants = {"stanza": False, "fast": True}
    pools = {v: ProcessPoolExecutor(1, initializer=_init, initargs=("compact", fast)) for v, fast in variants.items()}
    out: dict[str, dict] = {v: {"wall": [], "cpu": []} for v in variants}
    try:
        for pool in pools.values():
            list(pool.map(_work, [("en", texts[:2])]))  # models loaded, first call paid
        chunks = _chunks("en", texts, batch)
        for _ in range(reps):
            for v, pool in pools.items():
                tokens, wall, cpu = _timed(pool, chunks)
                out[v]["wall"].append(tokens / wall)
                out[v]["cpu"].append(tokens / cpu)
                out[v]["tokens"] = tokens
    finally:
        for pool in pools.values():
            pool.shutdown()
    for r in out.values():
        r["wall_median"], r["cpu_median"] = statistics.median(r["wall"]), statistics.median(r["cpu"])
    return out


def print_compare(res: dict[str, dict], name: str, docs: int) -> None:
    base, fast = res["stanza"], res["fast"]
    print(f"English compact, corpus {name}: {docs} documents ({base['tokens']} words) per pass, 1 process, "
          f"1 thread, {len(base['wall'])} passes each, interleaved")
    print(f"{'inference':<10}{'tokens/s per core (median)':>28}{'tokens per CPU-s (median)':>27}   passes (tokens/s)")
    for name, r in res.items():
        passes = " ".join(f"{x:.0f}" for x in r["wall"])
        print(f"{name:<10}{r['wall_median']:>28.0f}{r['cpu_median']:>27.0f}   {passes}")
    wall, cpu = fast["wall_median"] / base["wall_median"], fast["cpu_median"] / base["cpu_median"]
    met = "met" if min(wall, cpu) >= TARGET else "NOT met"
    print(f"speed-up: {wall:.2f}x tokens/s per core, {cpu:.2f}x tokens per CPU-s "
          f"(target >= {TARGET:.1f}x the speed before the speed-ups: {met})")


def accuracy(ewt: Path) -> dict[str, dict[str, float]]:
    """EWT test scores of the compact English product pipeline, Stanza's own inference and the fast
    one: on the treebank's words (``words``) and end to end from raw text (``raw``)."""
    import torch

    from extractors.nlp.training.score import score, score_gold_words

    torch.set_num_threads(1)
    d, gold = profiles.compact_path("en", NLPConfig()), [ewt / "en_ewt-ud-test.conllu"]
    out = {}
    for name, fast in (("stanza", False), ("fast", True)):
        nlp = pipelines.compact_pipeline(d, "en", fast=fast)
        out[f"{name} words"] = score_gold_words(d, gold, nlp=nlp)
        out[f"{name} raw"] = score(d, gold, product=True, fast=fast)
    return out


def print_accuracy(res: dict[str, dict[str, float]]) -> None:
    print("EWT test (en_ewt-ud-test.conllu), compact English product pipeline, CoNLL 2018 scorer")
    print(f"{'':<24}" + "".join(f"{m:>9}" for m in METRICS))
    print(f"{'model card, raw text':<24}" + "".join(f"{CARD_EWT_TEST[m]:>9.2f}" for m in METRICS))
    for name, scores in res.items():
        text = "gold words" if name.endswith("words") else "raw text"
        print(f"{name.split()[0] + ', ' + text:<24}" + "".join(f"{scores[m]:>9.2f}" for m in METRICS))
    print("end to end from raw text: " + "; ".join(
        f"{v} " + ", ".join(f"{m} {res[f'{v} raw'][m]:.2f}" for m in RAW_METRICS) for v in ("stanza", "fast")))
    for text in ("words", "raw"):
        diff = {m: res[f"fast {text}"][m] - res[f"stanza {text}"][m] for m in METRICS}
        worst = min(diff.values())
        print(f"fast - stanza ({'gold words' if text == 'words' else 'raw text'}): "
              + ", ".join(f"{m} {v:+.2f}" for m, v in diff.items())
              + f" ({'within' if worst >= -0.3 else 'NOT within'} 0.3 points)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--compare", action="store_true", help="English compact: Stanza's inference against the speed-ups")
    ap.add_argument("--reps", type=int, default=5, help="passes per variant with --compare")
    ap.add_argument("--corpus", nargs="+", choices=CORPORA, default=list(CORPORA), help="corpora for --compare")
    ap.add_argument("--accuracy", action="store_true", help="EWT test scores of both variants")
    ap.add_argument("--ewt", type=Path, default=ROOT.parent / "shared" / "ud" / "en_ewt",
                    help="directory of UD English-EWT (en_ewt-ud-test.conllu)")
    args = ap.parse_args()
    cfg = NLPConfig()
    if args.compare or args.accuracy:
        if not profiles.compact_available("en", cfg):
            sys.exit("compact English models not available (communique models train en)")
        for name in args.corpus if args.compare else ():
            texts = corpus(name, "en", args.docs)
            if not texts:
                print(f"corpus {name}: not available (../shared/eval/dev is absent)")
                continue
            print_compare(compare(texts, args.reps), name, len(texts))
        if args.accuracy:
            print_accuracy(accuracy(args.ewt))
        return
    print(f"{'lang':<5}{'profile':<9}{'inference':<11}{'workers':>8}{'docs/s':>9}{'tokens/s':>10}{'peak RSS MB':>13}")
    for lang, profile in (("ru", "natasha"), ("en", "compact")):
        if not profiles.available(lang, cfg)[profile]:
            print(f"{lang:<5}{profile:<9}  (models not available)")
            continue
        texts = documents(lang, args.docs)
        # English compact: Stanza's own inference (before the speed-ups) and the product's
        for inference, fast in ((("stanza", False), ("fast", True)) if profile == "compact" else (("", True),)):
            for w in args.workers:
                r = run(lang, profile, texts, w, fast=fast)
                print(f"{lang:<5}{profile:<9}{inference:<11}{w:>8}{r['docs_s']:>9.2f}{r['tokens_s']:>10.0f}"
                      f"{r['rss_mb']:>13.0f}")


if __name__ == "__main__":
    main()
