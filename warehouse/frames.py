"""Polars frames with the warehouse contract's columns and types, built from extractor records."""
from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl

S, I, D, F, B, T = pl.Utf8, pl.Int64, pl.Date, pl.Float64, pl.Boolean, pl.Datetime("us")

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "documents": {"doc_id": S, "external_id": S, "source": S, "title": S, "url": S, "published": D, "lang": S,
                  "text": S, "ingested_at": T, "run_id": S, "extractor_version": S, "nlp_profile": S},
    "sentences": {"doc_id": S, "sentence_idx": I, "start_char": I, "end_char": I, "text": S},
    "mentions": {"doc_id": S, "sentence_idx": I, "start_char": I, "end_char": I, "text": S, "ner_type": S,
                 "actor_norm": S, "actor_code": S, "actor_type": S, "source": S},
    "events": {"event_id": S, "doc_id": S, "sentence_idx": I, "event_type": S, "action_text": S,
               "action_lemma": S, "action_start": I, "action_end": I, "actor_text": S, "actor_norm": S,
               "actor_type": S, "actor_code": S, "target_text": S, "target_norm": S, "target_type": S,
               "target_code": S, "condition_text": S, "condition_start": I, "condition_end": I, "negated": B,
               "modality": S, "event_date": D, "date_source": S, "confidence": F, "extractor_version": S,
               "run_id": S, "rule": S, "actor_start": I, "actor_end": I, "target_start": I, "target_end": I,
               "actor_codes": S, "actor_types": S, "target_codes": S, "target_types": S},
    "diagnostics": {"doc_id": S, "sentence_idx": I, "predicate": S, "predicate_start": I, "reason": S, "run_id": S},
    "validations": {"run_id": S, "suite": S, "evaluated": I, "failed_rows": I, "expectations": I,
                    "successful_expectations": I, "success": B, "created_at": T},
    "quarantine": {"run_id": S, "stage": S, "doc_id": S, "external_id": S, "source": S, "reason": S,
                   "payload": S, "created_at": T},
}
BATCH_TABLES = {k: SCHEMAS[k] for k in ("documents", "sentences", "mentions", "events", "diagnostics",
                                                   "validations")}


def frame(kind: str, rows: list[dict]) -> pl.DataFrame:
    schema = SCHEMAS[kind]
    return pl.DataFrame([{k: r.get(k) for k in schema} for r in rows], schema=schema, orient="row") if rows \
        else pl.DataFrame(schema=schema)


def records(objs: list, **extra) -> list[dict]:
    """Shallow field dicts (``dataclasses.asdict`` deep-copies, which costs more than the load)."""
    if not objs:
        return []
    names = [f.name for f in dataclasses.fields(objs[0])]
    return [{**{n: getattr(o, n) for n in names}, **extra} for o in objs]


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
