"""The ``inbox`` flow (deployment ``inbox-hourly``): process the new files of an inbox folder.

Files are tracked by content hash in ``inbox_files``, so a scheduled run picks up only files it has
not seen; processed files can be moved to an archive folder. A file whose records fail is recorded
with its quarantine count and stays visible in ``quarantine``. If the run itself crashes nothing is
recorded, and the next run takes the same files again."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from prefect import flow, get_run_logger, task

from flows.inbox_files import InboxFile, archive, new_files, scan
from flows.settings import load as load_settings


@task(name="scan-inbox", retries=2, retry_delay_seconds=2)
def scan_inbox(folder: str) -> list[InboxFile]:
    return scan(Path(folder))


@task(name="known-files", retries=2, retry_delay_seconds=2)
def known_files(db_path: str, hashes: list[str]) -> set[str]:
    from warehouse import db

    with db.session(db_path) as con:
        return {r[0] for r in con.execute(db.sql("inbox_known"), [hashes]).fetchall()}


@task(name="record-files", retries=2, retry_delay_seconds=2)
def record_files(db_path: str, files: list[InboxFile], run_id: str, inbox: str, archive_dir: str | None) -> dict[str, int]:
    from warehouse import db

    statuses: dict[str, int] = {}
    with db.connection(db_path) as con:
        for f in files:
            n = con.execute(db.sql("inbox_quarantined"), [run_id, f.path]).fetchone()[0]
            status = "loaded" if n == 0 else "quarantined"
            moved = archive(f, Path(inbox), Path(archive_dir)) if archive_dir else None
            con.execute(db.sql("inbox_record"), [f.sha256, f.path, f.size_bytes, run_id, status, n, moved,
                                                 dt.datetime.now()])
            statuses[status] = statuses.get(status, 0) + 1
    return statuses


@flow(name="inbox", validate_parameters=True)
def inbox(inbox_dir: str = "data/inbox", archive_dir: str | None = None, db_path: str | None = None,
          workers: int | None = None) -> dict:
    """Run the pipeline on the inbox's new files (by content hash); optionally archive them."""
    s = load_settings(db_path, workers=workers)
    logger = get_run_logger()
    files = scan_inbox(inbox_dir)
    fresh, old = new_files(files, known_files(str(s.db_path), [f.sha256 for f in files]))
    if old:
        logger.info("%d file(s) already processed (same content), left in place: %s", len(old),
                       ", ".join(Path(f.path).name for f in old[:5]))
    if not fresh:
        logger.info("inbox %s: no new files", inbox_dir)
        return {"new_files": 0, "already_processed": len(old)}
    from flows.pipeline import run_with

    summary = run_with(s, inputs=[f.path for f in fresh])
    statuses = record_files(str(s.db_path), fresh, summary.run_id, inbox_dir, archive_dir)
    logger.info("inbox %s: %d new file(s) → %d documents loaded, %d events, %d quarantined", inbox_dir,
                   len(fresh), summary.docs_loaded, summary.events, summary.quarantined)
    return {"new_files": len(fresh), "already_processed": len(old), "run_id": summary.run_id,
            "docs_loaded": summary.docs_loaded, "events": summary.events, "quarantined": summary.quarantined,
            "files": statuses}
