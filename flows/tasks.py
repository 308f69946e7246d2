"""Prefect tasks: thin typed wrappers around the pure functions in extractors/ and warehouse/."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import task
from prefect.cache_policies import NO_CACHE

from extractors.nlp import langid, pipelines, profiles
from extractors.nlp.profiles import NLPConfig
from extractors.records import Extraction, Quarantined, RawDocument
from flows.deadline import DeadlineExceeded, deadline
from flows import ingest as ingest_mod

# polars, the frame builders and the GX wrapper are imported inside the tasks that use them: annotation
# workers import this module only for ``annotate_extract`` and never need them (0.3 s less per worker)
if TYPE_CHECKING:
    import polars as pl


@dataclass
class BatchResult:
    frames: dict[str, pl.DataFrame]
    quarantined: list[Quarantined] = field(default_factory=list)
    events: int = 0
    sentences: int = 0
    checked: int = 0


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


LONE_CHARS = 20_000  # a document this long is annotated alone, under its own time budget


def _annotate(docs: list[RawDocument], lang: str, cfg: NLPConfig):
    """Annotate in bulk; if the bulk call fails or runs past its budget (``cfg.doc_timeout`` per
    document), one by one, so one bad or runaway document costs only itself: it is quarantined as
    ``timeout`` after its own budget. Long documents are annotated alone from the start."""
    budget = cfg.doc_timeout
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


def annotation_cache_key(context, parameters: dict) -> str:
    """Documents (id and the metadata extraction reads) + language + model and extractor version."""
    docs = parameters["docs"]
    ident = "|".join(f"{d.doc_id}:{d.published}:{d.external_id}:{d.source}" for d in docs)
    raw = f"{parameters['lang']}|{parameters.get('model_key', '')}|{ident}"
    return "annotate-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


@task(name="annotate-extract", cache_key_fn=annotation_cache_key, cache_expiration=dt.timedelta(days=7),
      persist_result=True)
def annotate_extract(docs: list[RawDocument], lang: str, cfg: NLPConfig, model_key: str = "") -> tuple[list[tuple[RawDocument, Extraction]], list[Quarantined]]:
    """Annotate and extract one batch. Cached by ``annotation_cache_key`` (results persisted under
    PREFECT_HOME), so a retried or rerun flow does not annotate the same batch again."""
    from extractors.extract import extract

    with pipelines.LOCK:  # one batch at a time per process: NLP pipelines, Snowball and dateparser share state
        pairs, bad = _annotate(docs, lang, cfg)
        out = []
        for d, sdoc in pairs:
            try:
                out.append((d, extract(sdoc, d, lang)))
            except Exception as e:  # noqa: BLE001 — a rule bug must not lose the batch
                where = traceback.extract_tb(e.__traceback__)[-1]
                bad.append(Quarantined(stage="extract", reason=f"extraction_error:{type(e).__name__}", source=d.source,
                                       payload=f"{e} (at {Path(where.filename).name}:{where.lineno})"[:500],
                                       doc_id=d.doc_id, external_id=d.external_id))
        return out, bad


@task(name="validate", cache_policy=NO_CACHE)
def validate(annotated: tuple[list[tuple[RawDocument, Extraction]], list[Quarantined]], run_id: str, version: str,
             profile: dict[str, str]) -> BatchResult:
    """Build the batch's frames from an annotate-extract result and run the GX suites; failing rows,
    and the documents annotation could not handle, move to quarantine."""
    import polars as pl

    from warehouse import frames as fr
    from warehouse.quality import validate as gxv

    results, failed = annotated
    ts = fr.now()
    docs = [{"doc_id": d.doc_id, "external_id": d.external_id, "source": d.source, "title": d.title, "url": d.url,
             "published": d.published, "lang": d.lang, "text": d.text, "ingested_at": ts, "run_id": run_id,
             "extractor_version": version, "nlp_profile": profile.get(d.lang)} for d, _ in results]
    ex = [x for _, x in results]
    frames = {
        "documents": fr.frame("documents", docs),
        "sentences": fr.frame("sentences", fr.records([s for x in ex for s in x.sentences])),
        "mentions": fr.frame("mentions", fr.records([m for x in ex for m in x.mentions])),
        "events": fr.frame("events", fr.records([e for x in ex for e in x.events], extractor_version=version, run_id=run_id)),
        "diagnostics": fr.frame("diagnostics", fr.records([g for x in ex for g in x.diagnostics], run_id=run_id)),
    }
    texts = {d.doc_id: d.text for d, _ in results}
    quarantined: list[Quarantined] = list(failed)
    by_doc = {d.doc_id: d for d, _ in results}

    # documents: a failing document takes its children with it
    res = gxv.validate("documents", frames["documents"])
    checked = [res]
    bad_docs = res.failed_rows()
    if bad_docs:
        ids = frames["documents"]["doc_id"].to_list()
        drop = {ids[i] for i in bad_docs}
        for i, reasons in bad_docs.items():
            d = by_doc[ids[i]]
            quarantined.append(Quarantined("validate", "; ".join(sorted(set(reasons))), d.source, d.text[:300], d.doc_id, d.external_id))
        frames = {k: v.filter(~pl.col("doc_id").is_in(list(drop))) for k, v in frames.items()}

    for kind in ("events", "mentions"):
        df = frames[kind]
        res = gxv.validate(kind, gxv.with_checks(kind, df, texts))
        checked.append(res)
        bad = res.failed_rows()
        if bad:
            rows = df.to_dicts()
            for i, reasons in bad.items():
                d = by_doc[rows[i]["doc_id"]]
                quarantined.append(Quarantined("validate", "; ".join(sorted(set(reasons))), d.source,
                                               json.dumps(rows[i], default=str)[:1000], d.doc_id, d.external_id))
            keep = [i not in bad for i in range(df.height)]
            frames[kind] = df.filter(pl.Series(keep))
    frames["validations"] = fr.frame("validations", [
        {"run_id": run_id, "suite": r.suite, "evaluated": r.evaluated, "failed_rows": len(r.failed_rows()),
         "expectations": r.statistics.get("evaluated_expectations"),
         "successful_expectations": r.statistics.get("successful_expectations"), "success": r.success,
         "created_at": ts} for r in checked])
    checked_rows = len(results) + sum(x.height for k, x in frames.items() if k in ("events", "mentions")) \
        + len(quarantined) - len(failed)
    return BatchResult(frames, quarantined, frames["events"].height, frames["sentences"].height, checked_rows)


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
