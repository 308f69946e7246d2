"""Flows for the ``reprocess`` (manual) and ``export-nightly`` (cron) deployments."""
from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger

from flows.settings import load as load_settings


@flow(name="reprocess")
def reprocess(everything: bool = False, db_path: str | None = None) -> dict:
    """Re-extract documents loaded by an older extractor version (all of them with ``everything``)."""
    from flows.pipeline import run_with

    s = load_settings(db_path)
    summary = run_with(s, inputs=[], reprocess=everything, from_warehouse=True)
    return {"run_id": summary.run_id, "docs_loaded": summary.docs_loaded, "events": summary.events}


@flow(name="export")
def export_warehouse(out_dir: str = "data/exports", format: str = "parquet", db_path: str | None = None) -> dict[str, int]:
    """Export every table and mart (Parquet, events partitioned by month; or CSV)."""
    from warehouse.export import export

    s = load_settings(db_path)
    counts = export(s.db_path, Path(out_dir), format)
    get_run_logger().warning("exported %d relations to %s", len(counts), out_dir)
    return counts
