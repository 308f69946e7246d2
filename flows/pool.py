"""Warm annotation pools: worker processes that start once, load their models once and serve every
batch of every run of this process.

- ``ProcessPool`` (``--workers N``): N worker processes of this machine (``flows.annotation.serve``),
  started when the pool is made, before the flow run starts (the CLI makes it before it imports
  Prefect), so their imports and model loads overlap Prefect's own start-up; they are forked from a
  fork server that has imported the NLP code once (``start_method``). Each builds its NLP pipelines
  once and keeps them; a worker that dies is replaced and its batch fails with ``WorkerCrashed``
  (the caller isolates the document that did it).
- ``DaskPool`` (``--dask-local N``: a ``LocalCluster`` of N single-threaded worker processes;
  ``--dask-address``: a running cluster): the same jobs as Dask tasks; each Dask worker process keeps
  the pipelines it built, so a long-lived cluster loads its models once for all runs.
- ``InlinePool``: this process, in the calling thread (the tasks called outside a pipeline run).

The Prefect tasks stay what the UI shows and what retries and caching act on: a task runs in a thread
of the flow's process and hands the pure work (``flows.annotation``) to the run's pool
(``current()``), which the flow sets with ``using()``. Pools live as long as the process that made
them (``shared()``): one ``communique run`` starts its pool once; a long-lived process (a test
session, a benchmark, a Dask cluster under ``communique serve``) reuses it run after run; at most
``KEEP`` pools stay warm in one process. Workers end with the process that made their pool, however
it ends (they watch it), so no worker outlives a stopped run."""
from __future__ import annotations

import atexit
import collections
import contextlib
import os
import threading
import time
from concurrent.futures import CancelledError, Future
from contextvars import ContextVar
from typing import Any, Callable

from flows.runners import Parallelism


class WorkerCrashed(RuntimeError):
    """The worker process died while it worked on this job (a native crash, the OOM killer, …)."""


class Pool:
    """``submit(fn, *args)`` runs ``fn(*args)`` on a warm worker and returns a ``Future``; ``warm``
    asks every worker to build the pipelines of a run's languages now; ``workers()`` maps each worker
    pid seen so far to the NLP pipelines it has built (models loaded)."""

    width: int = 1  # batches worth keeping in flight
    remote_validation: bool = False  # validation runs on the workers too (a running Dask cluster does the work)
    kind: str = "inline"

    def __init__(self) -> None:
        self._stats: dict[int, int] = {}
        self._stats_lock = threading.Lock()
        self.created = time.monotonic()
        self.ready: dict[int, float] = {}  # worker pid -> seconds from the pool's start to its first answer
        self.busy: dict[int, float] = {}  # worker pid -> seconds spent on jobs, warm-up excluded

    def submit(self, fn: Callable, *args) -> Future:
        raise NotImplementedError

    def warm(self, langs: list[str], cfg) -> None:
        """Build the pipelines of ``langs`` on every worker ahead of the first batch (no wait)."""

    def workers(self) -> dict[int, int]:
        with self._stats_lock:
            return dict(self._stats)

    def _seen(self, info: tuple[int, int] | None, busy: float = 0.0) -> None:
        if info:
            with self._stats_lock:
                self._stats[info[0]] = info[1]
                self.ready.setdefault(info[0], time.monotonic() - self.created)
                self.busy[info[0]] = self.busy.get(info[0], 0.0) + busy

    def close(self) -> None:
        """Cancel what has not started, stop the workers (at once: a stop request waits for nothing)."""

    def describe(self) -> str:
        return "in process"


class InlinePool(Pool):
    def submit(self, fn: Callable, *args) -> Future:
        from flows import annotation

        f: Future = Future()
        f.set_running_or_notify_cancel()
        try:
            f.set_result(fn(*args))
        except Exception as e:  # noqa: BLE001 — delivered by result()
            f.set_exception(e)
        self._seen(annotation.info())
        return f


# ---- worker processes of this machine --------------------------------------------------------------

class _Slot:
    """One worker process and the thread of this process that feeds it, one job at a time."""

    def __init__(self, pool: ProcessPool, index: int):
        self.pool, self.index = pool, index
        self.proc = self.conn = None
        self.busy = False
        self.warmed: Any = None
        self._stopping = threading.Lock()
        # the process is started by this thread, not the caller's: with a fork server, the first start
        # waits until the server has imported the NLP code, and the caller goes on meanwhile
        self.thread = threading.Thread(target=self._feed, daemon=True, name=f"annotation-worker-{index}")
        self.thread.start()

    def _spawn(self) -> None:
        from flows import annotation

        ctx = self.pool.ctx
        conn, child = ctx.Pipe()
        proc = ctx.Process(target=annotation.serve, args=(child, os.getpid()), daemon=True,
                           name=f"communique-annotate-{self.index}")
        proc.start()
        child.close()
        self.proc, self.conn, self.warmed = proc, conn, None

    def _next(self):
        pool = self.pool
        with pool.cv:
            while not pool.closed and not pool.jobs and self.warmed == pool.warm_spec:
                pool.cv.wait()
            if pool.closed:
                return None
            self.busy = True
            if self.warmed != pool.warm_spec:
                from flows import annotation

                self.warmed = pool.warm_spec
                return None, annotation.warm, self.warmed
            return pool.jobs.popleft()

    def _feed(self) -> None:
        try:
            if not self.pool.closed:
                self._spawn()
                self._serve()
        finally:
            if self.pool.closed:  # (a close that came while the process was starting)
                self.stop(idle=not self.busy)

    def _serve(self) -> None:
        pool, crashes = self.pool, 0
        while True:
            job = self._next()
            if job is None:
                return
            fut, fn, args = job
            if fut is not None and not fut.set_running_or_notify_cancel():
                self.busy = False
                continue
            t0 = time.monotonic()
            try:
                self.conn.send((fn, args))
                kind, value, info = self.conn.recv()
            except (EOFError, OSError) as e:  # the worker died (or the pool is closing and killed it)
                self.proc.join(2)
                if pool.closed:
                    if fut is not None:
                        fut.set_exception(CancelledError())
                    return
                crashes += 1
                err = WorkerCrashed(f"annotation worker pid {self.proc.pid} died (exit code {self.proc.exitcode}) "
                                    f"while working on {fn.__name__}")
                if fut is not None:
                    fut.set_exception(err)
                if crashes >= 3:  # dies whatever it is given: fail what is queued instead of looping
                    pool.broken(err)
                    return
                with pool.cv:
                    self.busy = False
                    if not pool.closed:
                        self._spawn()
                continue
            except BaseException as e:  # e.g. a job that cannot be pickled
                if fut is not None:
                    fut.set_exception(e)
                self.busy = False
                continue
            crashes = 0
            pool._seen(info, time.monotonic() - t0 if fut is not None else 0.0)
            self.busy = False
            if fut is None:
                continue
            if kind == "ok":
                fut.set_result(value)
            else:
                fut.set_exception(value)

    def stop(self, idle: bool) -> None:
        """Idle: ask the worker to end; busy: its job is abandoned, so end it now."""
        with self._stopping:
            if self.proc is None:
                return
            if idle:
                with contextlib.suppress(OSError, ValueError):
                    self.conn.send(None)
                self.proc.join(1)
            if self.proc.is_alive():
                self.proc.terminate()
                self.proc.join(2)
            if self.proc.is_alive():
                self.proc.kill()
                self.proc.join(2)
            with contextlib.suppress(OSError):
                self.conn.close()


# imported once by the fork server, before it forks the workers (no model is loaded at import)
PRELOAD = ["__main__", "flows.annotation", "extractors.extract", "extractors.nlp.pipelines",
           "extractors.nlp.natasha_variants"]


def start_method(extra: tuple[str, ...] = ()):
    """How worker processes start: forked from a fork server (Linux) that has imported the NLP and
    extraction code once (and ``extra`` modules: Dask's, for a ``LocalCluster``), so N workers pay the
    imports (Stanza, torch, the rules: about 2 s) once instead of N times, and share those pages; else
    spawned, each a fresh interpreter. Never a plain fork of the flow's process, which runs Prefect's
    threads and event loops. (One fork server per process: the preload list of the first pool that
    starts a worker is the one it imports.)"""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD + [m for m in extra if m not in PRELOAD])
        return ctx
    return multiprocessing.get_context("spawn")


class ProcessPool(Pool):
    kind = "process"

    def __init__(self, n: int):
        import multiprocessing

        super().__init__()
        self.width = n
        self.ctx = start_method()
        self.cv = threading.Condition()
        self.jobs: collections.deque = collections.deque()
        self.warm_spec: Any = None
        self.closed = False
        self._error: BaseException | None = None
        self.slots = [_Slot(self, i) for i in range(n)]

    def submit(self, fn: Callable, *args) -> Future:
        f: Future = Future()
        with self.cv:
            if self.closed:
                f.set_exception(self._error or CancelledError())
                return f
            self.jobs.append((f, fn, args))
            self.cv.notify()
        return f

    def warm(self, langs: list[str], cfg) -> None:
        with self.cv:
            self.warm_spec = (sorted(langs), cfg)
            self.cv.notify_all()

    def broken(self, err: BaseException) -> None:
        self._error = err
        self.close()

    def close(self) -> None:
        with self.cv:
            if self.closed:
                return
            self.closed = True
            pending = list(self.jobs)
            self.jobs.clear()
            idle = [not s.busy for s in self.slots]
            self.cv.notify_all()
        for f, _, _ in pending:
            if f.cancel() is False and not f.done():
                f.set_exception(self._error or CancelledError())
        for s, is_idle in zip(self.slots, idle):
            s.stop(is_idle)

    def pids(self) -> list[int]:
        return [s.proc.pid for s in self.slots if s.proc is not None]

    def describe(self) -> str:
        return f"{self.width} worker process(es)"


# ---- Dask --------------------------------------------------------------------------------------------

class DaskPool(Pool):
    kind = "dask"

    def __init__(self, par: Parallelism):
        from distributed import Client, LocalCluster

        super().__init__()
        _close_before_dask_at_exit()
        self.cluster = None
        if par.dask_address:
            self.client = Client(par.dask_address)
        else:
            # on 127.0.0.1 only; no dashboard, and the scheduler's HTTP routes on a free port (by
            # default they take 8787, a user's own dashboard's port, or warn that it is taken)
            with _local_worker_start():
                self.cluster = LocalCluster(n_workers=par.dask_local, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address=None,
                                            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                                            config=_local_worker_config())
            self.client = Client(self.cluster)
        self.address = par.dask_address or self.cluster.scheduler_address
        # a cluster of its own (``--dask-local``) shares this machine: validation stays in the flow's
        # process, as with worker processes (one GX context, 512-document chunks, a batch's extraction
        # sent once); a running cluster (``--dask-address``) validates each batch itself
        self.remote_validation = self.cluster is None
        threads = sum(w.get("nthreads", 1) for w in self.client.scheduler_info().get("workers", {}).values())
        self.width = max(threads, par.dask_local or 0, 2 if par.dask_address else 1)
        self._futures: set = set()

    def submit(self, fn: Callable, *args, **where) -> Future:
        from flows import annotation

        f: Future = Future()
        df = self.client.submit(annotation.call_with_info, fn, *args, pure=False, **where)
        self._futures.add(df)

        def done(df) -> None:
            self._futures.discard(df)
            if f.done():
                return
            if df.cancelled():
                f.cancel() or f.set_exception(CancelledError())
                return
            try:
                result, info, seconds = df.result()
            except BaseException as e:  # noqa: BLE001
                if type(e).__name__ == "KilledWorker":
                    e = WorkerCrashed(f"a Dask worker died while working on {fn.__name__}: {e}")
                f.set_exception(e)
                return
            self._seen(info, 0.0 if fn is annotation.warm else seconds)
            f.set_result(result)

        df.add_done_callback(done)
        return f

    def warm(self, langs: list[str], cfg) -> None:
        from flows import annotation

        for addr in self.client.scheduler_info().get("workers", {}):
            self.submit(annotation.warm, sorted(langs), cfg, workers=[addr], allow_other_workers=False)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.cancel(list(self._futures), force=True)
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()

    def describe(self) -> str:
        return f"dask cluster at {self.address}"


def _local_worker_config() -> dict:
    """The Dask config of a ``LocalCluster``'s workers: this process's, with the worker's statistical
    profiler off. It samples the stack of the thread that runs a task every 10 ms and folds it into
    the dashboard's profile (which ``--dask-local`` does not serve): on the pure-Python NLP and rules
    it costs each worker CPU and GIL hand-offs to its task thread, more so when the workers fill every
    core. (A Nanny merges this dict over the config at the top level only, so it is the whole config.)"""
    import dask

    return dask.config.merge(dask.config.config, {"distributed": {"worker": {"profile": {"enabled": False}}}})


@contextlib.contextmanager
def _local_worker_start():
    """Start a ``LocalCluster``'s worker processes the way ``ProcessPool`` starts its own (where the
    platform has a fork server): forked from the fork server that has imported the NLP and extraction
    code and Dask once, instead of each a fresh interpreter that imports Dask, then (at its first task)
    the NLP code and the rules: N workers start in the time of one, and no longer compete for the
    cores with each other's imports at the start of a run. Dask reads its start method when a worker
    starts (``distributed.worker.multiprocessing-method``), and sets its own fork-server preload list
    the first time it is asked for the context: asked first here, so that ``start_method`` has the
    last word on what the fork server imports."""
    import multiprocessing

    import dask

    if "forkserver" not in multiprocessing.get_all_start_methods():
        yield
        return
    from distributed.utils import get_mp_context

    with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}):
        get_mp_context()
        start_method(extra=("distributed",))
        yield


# ---- the pools of this process -----------------------------------------------------------------------

_POOLS: collections.OrderedDict[Parallelism, Pool] = collections.OrderedDict()
_POOLS_LOCK = threading.Lock()
KEEP = 2  # pools kept warm in one process (the least recently used beyond that is closed)
_INLINE = InlinePool()
_CURRENT: ContextVar[Pool | None] = ContextVar("communique_annotation_pool", default=None)


def make(par: Parallelism) -> Pool:
    if par.dask_address or par.dask_local:
        return DaskPool(par)
    return ProcessPool(par.workers)


def shared(par: Parallelism) -> Pool:
    """This process's warm pool for ``par``, started now if there is none."""
    with _POOLS_LOCK:
        p = _POOLS.get(par)
        if p is not None and not getattr(p, "closed", False):
            _POOLS.move_to_end(par)
            return p
        p = _POOLS[par] = make(par)
        stale = list(_POOLS.items())[:-KEEP]
    for key, old in stale:
        discard(key)
    return p


def discard(par: Parallelism) -> None:
    """Stop the pool for ``par`` (a stopped run: its in-flight work is abandoned)."""
    with _POOLS_LOCK:
        p = _POOLS.pop(par, None)
    if p is not None:
        p.close()


def close_all() -> None:
    import logging

    # at exit: Dask logs its shutdown at INFO, to handlers whose streams may be closed by now
    for name in [n for n in logging.root.manager.loggerDict if n == "distributed" or n.startswith("distributed.")]:
        logging.getLogger(name).setLevel(logging.ERROR)
    for par in list(_POOLS):
        discard(par)


atexit.register(close_all)
_DASK_EXIT = False


def _close_before_dask_at_exit() -> None:
    """Exit handlers run last-registered first: Dask's own (registered when it is imported, after this
    module's) would close a cluster first, logging to streams that may be closed by then. Registered
    again once Dask is imported, ``close_all`` runs before them."""
    global _DASK_EXIT
    if not _DASK_EXIT:
        _DASK_EXIT = True
        atexit.register(close_all)


@contextlib.contextmanager
def using(p: Pool):
    """Tasks run in this block (and in the threads Prefect copies its context to) use ``p``."""
    token = _CURRENT.set(p)
    try:
        yield p
    finally:
        _CURRENT.reset(token)


def current() -> Pool:
    return _CURRENT.get() or _INLINE


def annotate(p: Pool, docs: list, lang: str, cfg, work: Callable | None = None):
    """``work(docs, lang, cfg)`` (``flows.annotation.annotate_extract``) on ``p``. If a worker dies on
    the batch, its documents go again one per job, and a document whose job kills a worker too is
    quarantined (``annotation_error:WorkerCrashed``): one bad document costs only itself."""
    from extractors.records import Quarantined
    from flows import annotation

    work = work or annotation.annotate_extract

    def lost(d, e: WorkerCrashed) -> Quarantined:
        return Quarantined("annotate", "annotation_error:WorkerCrashed", d.source, str(e)[:500], d.doc_id,
                           d.external_id)

    try:
        return p.submit(work, docs, lang, cfg).result()
    except WorkerCrashed as e:
        if len(docs) == 1:
            return [], [lost(docs[0], e)]
    out, bad = [], []
    for i, f in enumerate([p.submit(work, [d], lang, cfg) for d in docs]):
        try:
            found, failed = f.result()
        except WorkerCrashed as e:
            bad.append(lost(docs[i], e))
            continue
        out += [(i, x) for _, x in found]
        bad += failed
    return out, bad
