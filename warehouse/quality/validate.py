"""Great Expectations suites (JSON files in ``suites/``) run on each batch as pandas frames.

GX 1.24's SQL datasource on DuckDB releases the connection before fetching, so batches are validated
in memory through GX's pandas datasource. One ephemeral context per process, built on first use."""
from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass
from pathlib import Path

import polars as pl

SUITES = Path(__file__).resolve().parent / "suites"
_LOCK = threading.Lock()


@dataclass
class Failure:
    row: int
    reason: str  # "<expectation>:<column>"


@dataclass
class SuiteResult:
    suite: str
    success: bool
    evaluated: int
    failures: list[Failure]
    statistics: dict

    def failed_rows(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for f in self.failures:
            out.setdefault(f.row, []).append(f.reason)
        return out


def resolved_kwargs(kwargs: dict) -> dict:
    """A suite's value set named by reference ("@event_types": the event types' table)."""
    if kwargs.get("value_set") == "@event_types":
        from extractors.event_types import NAMES

        return {**kwargs, "value_set": list(NAMES)}
    return kwargs


def suite_names() -> list[str]:
    return sorted(p.stem for p in SUITES.glob("*.json"))


@functools.lru_cache(maxsize=1)
def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.expectations.registry import get_expectation_impl

    import logging

    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.WARNING)
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    ds = ctx.data_sources.add_pandas("communique")
    batches, suites = {}, {}
    for name in suite_names():
        spec = json.loads((SUITES / f"{name}.json").read_text(encoding="utf-8"))
        exps = [get_expectation_impl(e["type"])(**resolved_kwargs(e["kwargs"])) for e in spec["expectations"]]
        suites[name] = ctx.suites.add(gx.ExpectationSuite(name=name, expectations=exps, notes=spec.get("notes")))
        batches[name] = ds.add_dataframe_asset(name).add_batch_definition_whole_dataframe(f"{name}_batch")
    return ctx, batches, suites


def validate(name: str, df: pl.DataFrame) -> SuiteResult:
    """Run suite ``name`` on a frame; rows failing any expectation are listed by index."""
    if df.is_empty():
        return SuiteResult(name, True, 0, [], {})
    _, batches, suites = _context()
    pdf = df.to_pandas()
    with _LOCK:  # one GX context per process, shared by threads: validate one frame at a time
        res = batches[name].get_batch(batch_parameters={"dataframe": pdf}).validate(
            suites[name], result_format={"result_format": "COMPLETE"})
    failures: list[Failure] = []
    for r in res.results:
        if r.success:
            continue
        cfg = r.expectation_config
        col = cfg.kwargs.get("column") or cfg.kwargs.get("column_A") or "table"
        reason = f"{cfg.type}:{col}"
        idx = (r.result or {}).get("unexpected_index_list")
        if idx is None:
            idx = list(range(len(pdf)))  # a table-level failure marks the whole batch
        for i in idx:
            failures.append(Failure(int(i if not isinstance(i, dict) else next(iter(i.values()))), reason))
    return SuiteResult(name, bool(res.success), len(pdf), failures, dict(res.statistics))


SPANS = {"events": ("action_start", "action_end", "action_text"), "mentions": ("start_char", "end_char", "text")}


def with_checks(kind: str, df: pl.DataFrame, texts: dict[str, str]) -> pl.DataFrame:
    """Add the derived columns the suites check: ``offset_overflow`` (the span does not reproduce
    its text in the document) and, for events, ``event_year``."""
    if kind not in SPANS or df.is_empty():
        return df
    start, end, text_col = SPANS[kind]
    flags = []
    for doc_id, s, e, t in df.select("doc_id", start, end, text_col).iter_rows():
        body = texts.get(doc_id, "")
        flags.append(0 if s is not None and e is not None and 0 <= s <= e <= len(body) and body[s:e] == t else 1)
    out = df.with_columns(pl.Series("offset_overflow", flags, dtype=pl.Int64))
    if kind == "events":
        out = out.with_columns(pl.col("event_date").dt.year().alias("event_year"))
    return out
