"""Validation of one annotated batch as a pure function: the batch's frames, the GX suites, and the
rows that fail them moved to quarantine. No Prefect here: a worker of a running Dask cluster
(``--dask-address``) imports this module to validate on the cluster."""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractors.records import Extraction, Quarantined, RawDocument

# polars, the frame builders and the GX wrapper are imported inside check_batch: importing this module
# costs nothing
if TYPE_CHECKING:
    import polars as pl


@dataclass
class BatchResult:
    frames: dict[str, pl.DataFrame]
    quarantined: list[Quarantined] = field(default_factory=list)
    events: int = 0
    sentences: int = 0
    checked: int = 0


_PREPARED = threading.Lock()


def prepare() -> None:
    """Import GX and build its context and suites (once per process; ``warehouse.quality.validate``
    caches them). The flow calls it in a thread while it waits for something else (its API server to
    boot, the workers to annotate), so the first validation finds them ready; ``check_batch`` waits
    here if that is still under way."""
    with _PREPARED:
        from warehouse.quality import validate as gxv

        gxv._context()


def check_batch(annotated: tuple[list[tuple[RawDocument, Extraction]], list[Quarantined]], run_id: str, version: str,
                profile: dict[str, str]) -> BatchResult:
    """Build the batch's frames from an annotate-extract result and run the GX suites; failing rows,
    and the documents annotation could not handle, move to quarantine."""
    import polars as pl

    from warehouse import frames as fr
    from warehouse.quality import validate as gxv

    prepare()
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
