"""The ``pipeline`` flow: ingest -> annotate -> extract -> validate -> load, over batches."""
from __future__ import annotations

import collections
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.context import get_run_context
from prefect.states import Failed

from extractors.nlp import pipelines
from extractors.nlp.profiles import NLPConfig
from extractors.version import extractor_version
from flows import tasks
from warehouse import db
from extractors.records import RawDocument
from warehouse.load import finish_run, known_documents, stale_documents, start_run


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


@flow(name="pipeline", log_prints=False, validate_parameters=False)
def pipeline(inputs: list[str], db_path: str, nlp: NLPConfig, lang: str = "auto", batch_size: int = 16,
             reprocess: bool = False, max_failure_ratio: float = 0.5, progress: bool = False,
             from_warehouse: bool = False) -> RunSummary:
    """Ingest → annotate → extract → validate → load. With ``from_warehouse`` the documents come from
    the database itself: those extracted by another extractor version (all of them with ``reprocess``)."""
    logger = get_run_logger()
    run_id = uuid.uuid4().hex[:12]
    ctx = get_run_context()
    flow_run_id = str(ctx.flow_run.id) if getattr(ctx, "flow_run", None) else None
    version = extractor_version()
    summary = RunSummary(run_id=run_id, db=db_path)

    docs, bad = tasks.ingest(inputs) if inputs else ([], [])
    with db.session(db_path) as con:
        if from_warehouse:
            # re-extract what the warehouse holds from older extractor versions (or everything)
            docs += [RawDocument(**row) for row in stale_documents(con, version, everything=reprocess)]
            reprocess = True
        summary.docs_seen = len(docs) + len(bad)
        start_run(con, run_id, flow_run_id, code_version(), inputs or ["warehouse"])
        if not reprocess:
            known = known_documents(con, [d.doc_id for d in docs], version)
            summary.docs_skipped = len(known)
            docs = [d for d in docs if d.doc_id not in known]
    status, models, failure = "failed", {}, ""
    try:
        docs, unsupported = tasks.identify_languages(docs, lang, nlp)
        bad += unsupported
        langs = sorted({d.lang for d in docs})
        models = {l: pipelines.describe(l, nlp) for l in langs}
        profile = {l: m["profile"] for l, m in models.items()}
        by_type: collections.Counter = collections.Counter()
        checked = summary.docs_seen
        with _progress(len(docs), progress) as bar:
            for l in langs:
                group = [d for d in docs if d.lang == l]
                for i in range(0, len(group), batch_size):
                    chunk = group[i:i + batch_size]
                    extracted, failed = tasks.annotate_extract(chunk, l, nlp)
                    bad += failed
                    batch = tasks.validate(extracted, run_id, version, profile)
                    bad += batch.quarantined
                    checked += batch.checked - len(chunk)
                    summary.docs_loaded += tasks.load(db_path, batch, run_id)
                    summary.sentences += batch.sentences
                    summary.events += batch.events
                    by_type.update(batch.frames["events"]["event_type"].to_list())
                    bar.update(len(chunk))
        tasks.quarantine(db_path, bad, run_id)
        summary.quarantined = len(bad)
        summary.quarantine_by_reason = dict(collections.Counter(q.reason for q in bad).most_common())
        summary.events_by_type = dict(by_type.most_common())
        ratio = len(bad) / checked if checked else 0.0
        status = "completed" if not bad else "completed_with_quarantine"
        if ratio > max_failure_ratio:
            status = "failed"
            failure = (f"{len(bad)} of {checked} records failed ({ratio:.0%} > max {max_failure_ratio:.0%}); "
                       f"see the quarantine table")
    finally:
        summary.status = status
        with db.connection(db_path) as con:
            finish_run(con, run_id, status, {"docs_seen": summary.docs_seen, "docs_loaded": summary.docs_loaded,
                                             "events_loaded": summary.events, "quarantined": len(bad),
                                             "docs_skipped": summary.docs_skipped}, models)
    logger.info("run %s: %d loaded, %d events, %d quarantined", run_id, summary.docs_loaded, summary.events, summary.quarantined)
    if status == "failed":
        # a Failed state (no traceback in the logs); calling the flow raises FailureRatioExceeded
        return Failed(message=failure, data=FailureRatioExceeded(failure))
    return summary
