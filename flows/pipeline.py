"""The ``pipeline`` flow: ingest -> annotate -> extract -> validate -> load, over batches."""
from __future__ import annotations

import collections
import contextlib
import hashlib
import itertools
import json
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.context import get_run_context
from prefect.exceptions import ExternalSignal
from prefect.states import Failed
from prefect.utilities.annotations import quote

from extractors.nlp.profiles import NLPConfig
from extractors.version import extractor_version
from flows import pool, stopping, tasks
from flows.runners import Parallelism
from extractors.records import RawDocument
from warehouse import db
from warehouse.load import finish_run, known_documents, stale_documents, start_run
from warehouse import snapshot
from warehouse.run_lock import run_lock


class FailureRatioExceeded(RuntimeError):
    pass


@dataclass
class RunSummary:
    run_id: str
    db: str
    docs_seen: int = 0
    docs_loaded: int = 0
    docs_skipped: int = 0
    sentences: int = 0
    events: int = 0
    events_by_type: dict[str, int] = field(default_factory=dict)
    quarantined: int = 0
    quarantine_by_reason: dict[str, int] = field(default_factory=dict)
    status: str = "completed"
    # annotation worker pid -> NLP pipelines it has built (models loaded) in its life: 1 per language
    # for a pool that started with this run or earlier in the process
    workers: dict[int, int] = field(default_factory=dict)


def code_version() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                             cwd=Path(__file__).parent, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        rev = ""
    return f"{extractor_version()}" + (f" git:{rev}" if rev else "")


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="documents", disable=not enabled or total == 0,
                file=sys.stderr, dynamic_ncols=True, leave=False)


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _checked_batches(jobs: list[tuple[str, list[RawDocument]]], nlp: NLPConfig, model_key: str, parallel: int,
                     run_id: str, version: str, profile: dict[str, str], remote_validation: bool = False,
                     load_size: int = 512, on_annotated=None):
    """Yield (documents, BatchResult) in job order. Annotation and extraction of a batch run as tasks
    (threads of this process) that hand the work to the run's warm pool (``flows.pool``: worker
    processes, or a Dask cluster), ahead of the caller. GX validation runs here, in this process,
    while the workers annotate the next batches: one GX context for the run, and a batch's
    extraction travels once (worker → here). Consecutive annotated batches are validated
    together once they hold ``load_size`` documents (or the input ends): a GX call costs nearly the
    same for 128 documents as for 512 (0.20 s against 0.30 s for short Russian ones), so fewer,
    larger calls spread it. With ``remote_validation`` (a running Dask cluster does the work) each batch is
    validated on the workers as it comes.

    Overlap: two batches per worker are in flight (``2 × parallel``), topped up as each result comes
    back, before it is validated: while this process validates and loads, every worker has a batch
    queued behind the one it is annotating, and a slow batch at the head of the line (results are
    taken in order) does not leave the other workers idle. Memory stays bounded however large the
    input: at most 2 × ``parallel`` batches in flight and ``load_size`` documents waiting for
    validation.
    ``on_annotated(n)`` is called as each batch of n documents comes back (progress).

    Arguments built in this process go to tasks wrapped in ``quote``: otherwise Prefect walks every
    nested object of a batch twice per task call looking for futures, which cost more than the GX
    suites themselves."""
    def submit(lang: str, chunk: list[RawDocument]):
        annotated = tasks.annotate_extract.submit(quote(chunk), lang, nlp, model_key)
        if remote_validation:
            return chunk, tasks.validate.submit(annotated, run_id, version, profile)
        return chunk, annotated

    queue = iter(jobs)
    pending = collections.deque(submit(l, c) for l, c in itertools.islice(queue, 2 * parallel))
    held_docs: list[RawDocument] = []
    held: tuple[list, list] = ([], [])
    while pending:
        chunk, future = pending.popleft()
        result = future.result()
        pending.extend(submit(l, c) for l, c in itertools.islice(queue, 1))
        if on_annotated is not None:
            on_annotated(len(chunk))
        if remote_validation:
            yield chunk, result
            continue
        held_docs += chunk
        held[0].extend(result[0])
        held[1].extend(result[1])
        if len(held_docs) >= load_size or not pending:
            yield held_docs, tasks.validate(quote(held), run_id, version, profile)
            held_docs, held = [], ([], [])


@flow(name="pipeline", log_prints=False, validate_parameters=False)
def pipeline(inputs: list[str], db_path: str, nlp: NLPConfig, lang: str = "auto", batch_size: int = 32,
             reprocess: bool = False, max_failure_ratio: float = 0.5, progress: bool = False,
             from_warehouse: bool = False, workers: int = 1, dask_address: str | None = None,
             dask_local: int | None = None, load_size: int = 512, wait: bool = False,
             bi_snapshot: bool = True) -> RunSummary:
    """Ingest → annotate → extract → validate → load. With ``from_warehouse`` the documents come from
    the database itself: those extracted by another extractor version (all of them with ``reprocess``).
    Annotation and extraction run on this process's warm pool for ``workers`` / ``dask_local`` /
    ``dask_address`` (``flows.pool``: started once, models loaded once per worker, kept for the next
    run of the process), two batches per worker in flight; validation (on the cluster with
    ``dask_address``) and loading stay in this process, in order, one short write transaction per
    ``load_size`` documents. One run at a time writes a warehouse (``warehouse.run_lock``): another run
    on it is refused at once, or waited for with ``wait``; a run that waited finds the documents the
    other one loaded and loads only what is new. With ``bi_snapshot`` the run ends by publishing the
    read-only copy BI tools read (``warehouse.snapshot``). A stop request stops the pool's workers
    with the run."""
    stopping.install()  # (over the flow engine's own handlers: a stop is seen at the next batch at the latest)
    par = Parallelism(workers=workers, dask_address=dask_address, dask_local=dask_local)
    with run_lock(db_path, wait=wait):
        workers_pool = pool.shared(par)
        try:
            with pool.using(workers_pool):
                result = _run(inputs, db_path, nlp, lang, batch_size, reprocess, max_failure_ratio, progress,
                              from_warehouse, workers_pool, load_size)
        except (KeyboardInterrupt, ExternalSignal):
            pool.discard(par)  # what the workers are doing is abandoned: stop them now
            raise
        if bi_snapshot and Path(db_path).exists():  # (not after an interrupt: stopping comes first)
            snapshot.publish(db_path)
        return result


def _run(inputs, db_path, nlp, lang, batch_size, reprocess, max_failure_ratio, progress, from_warehouse,
         workers_pool, load_size):
    logger = get_run_logger()
    run_id = uuid.uuid4().hex[:12]
    ctx = get_run_context()
    flow_run_id = str(ctx.flow_run.id) if getattr(ctx, "flow_run", None) else None
    version = extractor_version()
    summary = RunSummary(run_id=run_id, db=db_path)

    docs, bad, aliases = tasks.ingest(inputs) if inputs else ([], [], [])
    known_ids: set[str] = set()
    with db.session(db_path) as con:
        if from_warehouse:
            # re-extract what the warehouse holds from older extractor versions (or everything)
            docs += [RawDocument(**row) for row in stale_documents(con, version, everything=reprocess)]
            reprocess = True
        summary.docs_seen = len(docs) + len(bad)
        gone = start_run(con, run_id, flow_run_id, code_version(), inputs or ["warehouse"])
        if gone:
            logger.warning("marked %d earlier run(s) as interrupted (their process is gone): %s", len(gone),
                           ", ".join(gone))
        if not reprocess:
            known = known_documents(con, [d.doc_id for d in docs], version)
            known_ids = set(known)
            summary.docs_skipped = len(known)
            docs = [d for d in docs if d.doc_id not in known]
    status, models, failure = "failed", {}, ""
    if docs and not workers_pool.remote_validation:
        # GX imported and its suites built while the workers warm up and annotate: only when there is
        # something to validate (a rerun with nothing new does not import GX)
        _prepare_validation()
    try:
        docs, unsupported = tasks.identify_languages(quote(docs), lang, nlp)
        bad += unsupported
        langs = sorted({d.lang for d in docs})
        if docs:
            workers_pool.warm(langs, nlp)  # every worker builds these pipelines now, before its first batch
            # the models' description, from a worker (where the models are; this process imports no Stanza)
            from flows import annotation

            models = workers_pool.submit(annotation.describe, langs, nlp).result()
        profile = {l: m["profile"] for l, m in models.items()}
        by_type: collections.Counter = collections.Counter()
        checked = summary.docs_seen
        model_key = hashlib.sha256(json.dumps([version, models], sort_keys=True, default=str).encode()).hexdigest()[:16]
        jobs = [(l, chunk) for l in langs for chunk in _chunks([d for d in docs if d.lang == l], batch_size)]
        with _progress(len(docs), progress) as bar:
            for chunk, batch in _checked_batches(jobs, nlp, model_key, workers_pool.width, run_id, version, profile,
                                                  workers_pool.remote_validation, max(load_size, batch_size),
                                                  bar.update):
                stopping.check()  # a stop requested while a task swallowed its KeyboardInterrupt
                bad += batch.quarantined
                checked += batch.checked - len(chunk)
                summary.docs_loaded += tasks.load(db_path, quote(batch), run_id)
                summary.sentences += batch.sentences
                summary.events += batch.events
                by_type.update(batch.frames["events"]["event_type"].to_list())
        tasks.quarantine(db_path, quote(bad), run_id)
        # every id each text came under, for the texts that loaded now or earlier (not quarantined ones)
        stored = {d.doc_id for d in docs} - {q.doc_id for q in bad if q.doc_id}
        tasks.record_aliases(db_path, [a for a in aliases if a[0] in stored or a[0] in known_ids], run_id)
        summary.quarantined = len(bad)
        summary.quarantine_by_reason = dict(collections.Counter(q.reason for q in bad).most_common())
        summary.events_by_type = dict(by_type.most_common())
        ratio = len(bad) / checked if checked else 0.0
        status = "completed" if not bad else "completed_with_quarantine"
        if ratio > max_failure_ratio:
            status = "failed"
            failure = (f"{len(bad)} of {checked} records failed ({ratio:.0%} > max {max_failure_ratio:.0%}); "
                       f"see the quarantine table")
    except (KeyboardInterrupt, ExternalSignal):  # Ctrl-C, or SIGTERM (Prefect's TerminationSignal): marked so
        status = "interrupted"
        raise
    finally:
        summary.status = status
        summary.workers = workers_pool.workers()
        with db.connection(db_path) as con:
            finish_run(con, run_id, status, {"docs_seen": summary.docs_seen, "docs_loaded": summary.docs_loaded,
                                             "events_loaded": summary.events, "quarantined": len(bad),
                                             "docs_skipped": summary.docs_skipped}, models)
    logger.info("run %s: %d loaded, %d events, %d quarantined; annotation on %s (pid: models loaded %s)", run_id,
                summary.docs_loaded, summary.events, summary.quarantined, workers_pool.describe(), summary.workers)
    if status == "failed":
        # a Failed state (no traceback in the logs); calling the flow raises FailureRatioExceeded
        return Failed(message=failure, data=FailureRatioExceeded(failure))
    return summary


def _prepare_validation() -> None:
    """Import GX and build its suites in a thread (once per process: ``flows.checks.prepare``)."""
    import threading

    from flows import checks

    threading.Thread(target=checks.prepare, daemon=True, name="gx-prepare").start()


def run_with(settings, **kwargs) -> RunSummary:
    """Run the ``pipeline`` flow with what ``settings`` say: database, NLP config, batch size, failure
    ratio, and where annotation runs (``--workers`` / ``--dask-*``). The annotation pool is started
    here, before Prefect starts the flow run, so its workers import and load their models meanwhile."""
    from flows import local_api

    par = settings.parallelism()
    if local_api.booting() and kwargs.get("inputs"):
        # this process is about to sit idle until its own API server answers (seconds, on a core the
        # server and the workers leave free at the end): import GX and build its suites meanwhile
        _prepare_validation()
    api_ok = local_api.wait()  # (this process's own ephemeral API, when the CLI started one: see flows.local_api)
    # the lock is taken here too, before Prefect starts a flow run, so a refusal is one line, not a failed run
    with run_lock(settings.db_path, wait=settings.wait), _local_api_settings(api_ok):
        pool.shared(par)
        return pipeline(db_path=str(settings.db_path), nlp=settings.nlp_config(), batch_size=settings.batch_size,
                        max_failure_ratio=settings.max_failure_ratio, workers=par.workers,
                        dask_address=par.dask_address, dask_local=par.dask_local, load_size=settings.load_size,
                        wait=settings.wait, bi_snapshot=settings.bi_snapshot, **kwargs)


def _local_api_settings(api_ok: bool = True):
    """Without a Prefect server (no PREFECT_API_URL, or the one this process started itself:
    ``flows.local_api``), the flow runs against an ephemeral API that ends with this process: nothing
    watches its flow-run heartbeats, and stopping the heartbeat thread costs up to a second at the end
    of every run (it sleeps in 1 s steps). Heartbeats stay on whenever a server is configured, which
    uses them to spot crashed runs. If this process's own API did not start (``api_ok`` false), the
    flow runs on Prefect's own ephemeral server. (Annotation workers never talk to Prefect: the tasks
    run in this process and hand them the work.)"""
    from prefect.settings import (PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, get_current_settings,
                                  temporary_settings)

    from flows import local_api

    url = get_current_settings().api.url
    if url and url != local_api.owned() and api_ok:
        return contextlib.nullcontext()
    return temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None},
                              restore_defaults=set() if api_ok else {PREFECT_API_URL})
