"""The warm annotation pool's worker processes (``flows.pool.ProcessPool``), driven directly: a worker
that dies costs only the document it died on and is replaced; a closed pool leaves no process behind,
busy or idle; the models a worker loads are counted by the worker itself and loaded once for all the
batches it serves. Real processes throughout (forked from the pool's fork server)."""
from __future__ import annotations

import os
import time

import pytest

from extractors.nlp.profiles import NLPConfig
from extractors.records import RawDocument
from flows import annotation, pool
from tests.fixtures.pool_probe import CRASH, dies_on_marked, probe, sleep

pytestmark = pytest.mark.slow


def _gone(pid: int, within: float = 10.0) -> bool:
    """Whether process ``pid`` has ended (or is a zombie) within ``within`` seconds."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < within:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    return True
        except OSError:
            return True
        time.sleep(0.05)
    return False


def _started(p: pool.ProcessPool) -> list[int]:
    """The pids of ``p``'s workers once every one has started."""
    t0 = time.monotonic()
    while len(p.pids()) < p.width and time.monotonic() - t0 < 120:
        time.sleep(0.05)
    assert len(p.pids()) == p.width
    return p.pids()


def test_a_worker_that_dies_costs_only_its_document_and_is_replaced():
    p = pool.ProcessPool(2)
    try:
        docs = [RawDocument(text=f"text {i}" if i != 2 else f"text {CRASH}", source="t", lang="ru",
                            external_id=str(i)) for i in range(5)]
        first = set(_started(p))
        found, bad = pool.annotate(p, docs, "ru", NLPConfig(profile="natasha"), work=dies_on_marked)
        assert [(q.external_id, q.reason, q.stage) for q in bad] == [("2", "annotation_error:WorkerCrashed", "annotate")]
        assert "died" in bad[0].payload
        assert sorted((i, text) for i, (_, text) in found) == [(0, "TEXT 0"), (1, "TEXT 1"), (3, "TEXT 3"), (4, "TEXT 4")]
        # the workers that died (on the batch, then on the document alone) were replaced: the pool goes on
        assert len(p.pids()) == 2 and all(not _gone(pid, 0) for pid in p.pids())
        dead = first - set(p.pids())
        assert dead and all(_gone(pid) for pid in dead)
        assert {pid for _, pid, _ in [p.submit(probe, i).result(timeout=120) for i in range(4)]} <= set(p.pids())
    finally:
        p.close()


def test_closing_a_pool_ends_its_workers_busy_or_idle():
    p = pool.ProcessPool(2)
    busy = p.submit(sleep, 600)
    waiting = p.submit(sleep, 600)
    queued = p.submit(sleep, 600)  # (no free worker: never started)
    pids = _started(p)
    p.close()
    assert all(_gone(pid) for pid in pids), "a worker outlived its pool"
    assert queued.cancelled()
    for f in (busy, waiting):
        assert f.cancelled() or f.exception(timeout=10) is not None
    assert p.submit(probe, 0).exception() is not None  # a closed pool takes no more work


def test_a_worker_loads_its_models_once_for_every_batch():
    """``annotation.info`` counts, inside the worker, the NLP pipelines it has built (the pipelines'
    cache misses): one per language, however many batches it annotates. A pool that built a pipeline
    per batch would count one per batch."""
    p = pool.ProcessPool(1)
    try:
        cfg = NLPConfig(profile="natasha")
        p.warm(["ru"], cfg)
        texts = ["Министр иностранных дел России встретился с послом Франции в Москве.",
                 "Китай и Индия договорились о встрече министров."]
        for n in range(4):
            docs = [RawDocument(text=t, source="t", lang="ru", external_id=f"{n}-{i}") for i, t in enumerate(texts)]
            found, bad = pool.annotate(p, docs, "ru", cfg)
            assert bad == [] and len(found) == 2
        pid, loads = p.submit(annotation.info).result(timeout=60)
        assert pid != os.getpid() and p.workers() == {pid: 1} and loads == 1
    finally:
        p.close()
