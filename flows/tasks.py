"""Prefect tasks: thin typed wrappers around the pure functions in extractors/ and warehouse/."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from extractors.nlp import langid, profiles
from extractors.nlp.profiles import NLPConfig
from extractors.records import Extraction, Quarantined, RawDocument
from flows import ingest as ingest_mod
from flows.checks import BatchResult

# The NLP pipelines, polars, the frame builders and the GX wrapper are imported where they are used:
# annotation runs in worker processes (flows.annotation, flows.pool), and GX only once validation starts


@task(name="ingest", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def ingest(paths: list[str]) -> tuple[list[RawDocument], list[Quarantined], list[tuple[str, str | None, str]]]:
    """Read input files; bad records become quarantine rows. Duplicate texts are read once; every
    (doc_id, external id, source) a text came under is returned too (the warehouse's document_aliases)."""
    docs: list[RawDocument] = []
    bad: list[Quarantined] = []
    seen: set[str] = set()
    aliases: list[tuple[str, str | None, str]] = []
    for rec in ingest_mod.read_paths([Path(p) for p in paths]):
        if isinstance(rec, Quarantined):
            bad.append(rec)
            continue
        aliases.append((rec.doc_id, rec.external_id, rec.source))
        if rec.doc_id not in seen:
            seen.add(rec.doc_id)
            docs.append(rec)
    return docs, bad, aliases


def record_aliases(db_path: str, aliases: list[tuple[str, str | None, str]], run_id: str) -> None:
    """Keep every id a loaded or known text came under (idempotent)."""
    if not aliases:
        return
    from warehouse import frames as fr
    from warehouse.db import connection
    from warehouse.load import load_aliases

    ts = fr.now()
    rows = [{"doc_id": d, "external_id": e, "source": s, "run_id": run_id, "created_at": ts} for d, e, s in aliases]
    with connection(db_path) as con:
        load_aliases(con, rows)


@task(name="identify-languages", cache_policy=NO_CACHE)
def identify_languages(docs: list[RawDocument], forced: str, cfg: NLPConfig) -> tuple[list[RawDocument], list[Quarantined]]:
    """Fill ``lang`` (forced, given, or detected); unsupported or missing models -> quarantine."""
    ok, bad = [], []
    for d in docs:
        lang = forced if forced != "auto" else (d.lang or langid.detect(d.text))
        reason = None
        if lang is None or lang not in cfg.languages:
            reason = "unsupported_language"
        else:
            try:
                profiles.resolve(lang, cfg)
            except profiles.ModelMissingError:
                reason = "model_missing"
        if reason:
            bad.append(Quarantined(stage="annotate", reason=reason if lang is None else f"{reason}:{lang}",
                                   source=d.source, payload=d.text[:300], doc_id=d.doc_id, external_id=d.external_id))
        else:
            d.lang = lang
            ok.append(d)
    return ok, bad


def annotation_cache_key(context, parameters: dict) -> str:
    """Documents (id and the metadata extraction reads) + language + model and extractor version."""
    docs = parameters["docs"]
    ident = "|".join(f"{d.doc_id}:{d.published}:{d.external_id}:{d.source}" for d in docs)
    raw = f"{parameters['lang']}|{parameters.get('model_key', '')}|{ident}"
    return "annotate-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


@task(name="annotate-extract", cache_key_fn=annotation_cache_key, cache_expiration=dt.timedelta(days=7),
      persist_result=True)
def annotate_extract(docs: list[RawDocument], lang: str, cfg: NLPConfig, model_key: str = "") -> tuple[list[tuple[RawDocument, Extraction]], list[Quarantined]]:
    """Annotate and extract one batch on the run's warm annotation pool (``flows.pool``: a worker
    process that has its models loaded; this process outside a pipeline run). Cached by
    ``annotation_cache_key`` (results persisted under PREFECT_HOME), so a retried or rerun flow does
    not annotate the same batch again."""
    from flows import pool

    found, bad = pool.annotate(pool.current(), docs, lang, cfg)
    return [(docs[i], x) for i, x in found], bad


@task(name="validate", cache_policy=NO_CACHE)
def validate(annotated: tuple[list[tuple[RawDocument, Extraction]], list[Quarantined]], run_id: str, version: str,
             profile: dict[str, str]) -> BatchResult:
    """Build the batch's frames from an annotate-extract result and run the GX suites; failing rows,
    and the documents annotation could not handle, move to quarantine (``flows.checks``). In this
    process, or on the run's Dask cluster when it validates too."""
    from flows import pool
    from flows.checks import check_batch

    p = pool.current()
    if p.remote_validation:
        return p.submit(check_batch, annotated, run_id, version, profile).result()
    return check_batch(annotated, run_id, version, profile)


@task(name="load", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def load(db_path: str, batch: BatchResult, run_id: str) -> int:
    """One transaction per batch; replaces what these documents had before. The connection lives
    only as long as the load, so read-only readers can open the file during a run."""
    from warehouse.db import connection
    from warehouse.load import load_batch

    with connection(db_path) as con:
        load_batch(con, batch.frames)
    return batch.frames["documents"].height


@task(name="quarantine", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def quarantine(db_path: str, items: list[Quarantined], run_id: str) -> int:
    from warehouse import frames as fr
    from warehouse.db import connection
    from warehouse.load import load_quarantine

    ts = fr.now()
    rows = [{"run_id": run_id, "stage": q.stage, "doc_id": q.doc_id, "external_id": q.external_id, "source": q.source,
             "reason": q.reason, "payload": q.payload, "created_at": ts} for q in items]
    with connection(db_path) as con:
        load_quarantine(con, fr.frame("quarantine", rows))
    return len(rows)
