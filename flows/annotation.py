"""Annotation and extraction of one batch as a pure function, and what an annotation worker process
runs (``serve``). Nothing here imports Prefect: a worker process imports this module, the NLP
pipelines and the extraction rules, and nothing else of the flows. Importing it costs nothing (the
NLP pipelines, Stanza and torch are imported where they are used): the flow's process names these
functions to its workers without importing any model code.

A worker builds each NLP pipeline once (``extractors.nlp.pipelines`` caches them per process) and
reports with every answer its pid and how many pipelines it has built (``info``), so the flow can
tell how often models were loaded."""
from __future__ import annotations

import dataclasses
import os
import traceback
from pathlib import Path

from extractors.nlp.profiles import NLPConfig
from extractors.records import Extraction, Quarantined, RawDocument
from flows.deadline import DeadlineExceeded, deadline

LONE_CHARS = 20_000  # a document this long is annotated alone, under its own time budget


def _models(cfg: NLPConfig) -> NLPConfig:
    """The config the pipelines are built and cached under: the time budget is not the models' (a
    process that serves runs with other budgets keeps one pipeline)."""
    return dataclasses.replace(cfg, doc_timeout=None) if cfg.doc_timeout is not None else cfg


def _annotate(docs: list[RawDocument], lang: str, cfg: NLPConfig):
    """Annotate in bulk; if the bulk call fails or runs past its budget (``cfg.doc_timeout`` per
    document), one by one, so one bad or runaway document costs only itself: it is quarantined as
    ``timeout`` after its own budget. Long documents are annotated alone from the start."""
    from extractors.nlp import pipelines

    budget, cfg = cfg.doc_timeout, _models(cfg)
    alone = [d for d in docs if budget and len(d.text) > LONE_CHARS]
    bulk = [d for d in docs if not (budget and len(d.text) > LONE_CHARS)]
    pairs, bad = [], []
    if bulk:
        try:
            with deadline(budget * len(bulk) if budget else None):
                pairs = list(zip(bulk, pipelines.annotate([d.text for d in bulk], lang, cfg)))
        except Exception:  # noqa: BLE001 — isolate the failing (or runaway) document below
            alone = bulk + alone
    for d in alone:
        try:
            with deadline(budget):
                pairs.append((d, pipelines.annotate([d.text], lang, cfg)[0]))
        except DeadlineExceeded:
            bad.append(Quarantined(stage="annotate", reason="timeout", source=d.source,
                                   payload=f"annotation took over {budget:g} s ({len(d.text)} characters)",
                                   doc_id=d.doc_id, external_id=d.external_id))
        except Exception as e:  # noqa: BLE001
            bad.append(Quarantined(stage="annotate", reason=f"annotation_error:{type(e).__name__}",
                                   source=d.source, payload=str(e)[:500], doc_id=d.doc_id, external_id=d.external_id))
    return pairs, bad


def annotate_extract(docs: list[RawDocument], lang: str, cfg: NLPConfig) -> tuple[list[tuple[int, Extraction]], list[Quarantined]]:
    """Annotate and extract one batch of documents of one language: (index in ``docs``, extraction)
    for each document that went through, and quarantine rows for those that did not (annotation
    error or timeout, extraction error). One batch at a time per process."""
    from extractors.extract import extract
    from extractors.nlp import pipelines

    index = {id(d): i for i, d in enumerate(docs)}
    with pipelines.LOCK:  # NLP pipelines, Snowball stemmers and dateparser share state
        try:  # the models load before any budget starts: a budget is for annotating, not model loading
            pipelines.pipeline(lang, _models(cfg))  # (built once per process; a failure shows below, per document)
        except Exception:  # noqa: BLE001
            pass
        pairs, bad = _annotate(docs, lang, cfg)
        out = []
        for d, sdoc in pairs:
            try:
                out.append((index[id(d)], extract(sdoc, d, lang)))
            except Exception as e:  # noqa: BLE001 — a rule bug must not lose the batch
                where = traceback.extract_tb(e.__traceback__)[-1]
                bad.append(Quarantined(stage="extract", reason=f"extraction_error:{type(e).__name__}", source=d.source,
                                       payload=f"{e} (at {Path(where.filename).name}:{where.lineno})"[:500],
                                       doc_id=d.doc_id, external_id=d.external_id))
    return out, bad


WARM_TEXT = {"ru": "Министр иностранных дел России встретился с послом Франции в Москве.",
             "en": "The foreign minister of France met the Russian ambassador in Paris."}


def warm(langs: list[str], cfg: NLPConfig) -> None:
    """Build the pipelines of ``langs`` and run extraction once on a short text (lexicons, actor
    dictionary and rule tables load on first use), so the first batch of a run pays neither."""
    for lang in langs:
        text = WARM_TEXT.get(lang, WARM_TEXT["en"])
        annotate_extract([RawDocument(text=text, source="warm-up", lang=lang)], lang, cfg)


def describe(langs: list[str], cfg: NLPConfig) -> dict[str, dict]:
    """``pipelines.describe`` of each language (profile, model files and their hashes), where the models
    are: asked of a worker, so the flow's process never imports Stanza."""
    from extractors.nlp import pipelines

    return {lang: pipelines.describe(lang, _models(cfg)) for lang in langs}


def info() -> tuple[int, int]:
    """(pid, NLP pipelines built by this process so far: its model loads, ``pipelines.built``)."""
    import sys

    pipelines = sys.modules.get("extractors.nlp.pipelines")
    return os.getpid(), pipelines.built() if pipelines is not None else 0


def call_with_info(fn, *args):
    """``fn(*args)``, ``info()`` and the seconds the call took: how a Dask worker answers
    (``flows.pool.DaskPool``)."""
    import time

    t0 = time.perf_counter()
    result = fn(*args)
    return result, info(), time.perf_counter() - t0


# ---- the worker process ----------------------------------------------------------------------------

def _watch_parent(owner: int) -> None:
    """End this worker when the process that started the pool is gone (killed with SIGKILL, or ended
    with ``os._exit`` after a stop request), or when this worker's own parent is (the pool's fork
    server, which ends with the pool's process): no worker outlives its run."""
    import time

    parent = os.getppid()
    while True:
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass
        if os.getppid() != parent:
            os._exit(0)
        time.sleep(0.5)


def serve(conn, owner: int) -> None:
    """A worker process's main loop: receive ``(fn, args)``, answer ``("ok", result, info())`` or
    ``("error", exception, info())``; ``None`` ends it. Ctrl-C is left to the parent (it reaches the
    whole process group; the parent stops the workers itself)."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(owner,), daemon=True, name="watch-parent").start()
    import extractors.extract  # noqa: F401  — the rules and the NLP code, imported while the parent starts its flow
    import extractors.nlp.pipelines  # noqa: F401

    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        fn, args = msg
        try:
            reply = ("ok", fn(*args), info())
        except Exception as e:  # noqa: BLE001 — the parent decides; the worker keeps serving
            reply = ("error", e, info())
        try:
            conn.send(reply)
        except Exception as e:  # noqa: BLE001 — an answer that cannot be pickled
            conn.send(("error", RuntimeError(f"{type(e).__name__}: {e}"), info()))
