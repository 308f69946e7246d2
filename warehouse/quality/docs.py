"""Data Docs for the rows a run loaded: the same Great Expectations suites, run through a file-backed GX
context (results kept in its store under the Communique run id), then rendered as one self-contained
page (``docs_page.py``). GX's own site builder is not used: its pages load jQuery, bootstrap-table and
Font Awesome from CDNs and show nothing offline."""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from warehouse import db
from warehouse.quality import docs_page
from warehouse.quality import validate as gxv

SUITES = ("documents", "mentions", "events")


def site_dir(gx_root: Path) -> Path:
    return gx_root / "data_docs"


def _run_rows(db_path: Path, run_id: str | None) -> tuple[dict, dict, list[dict]]:
    """The run's row, its loaded documents, mentions and events (polars frames), and its load-time
    validation results. LookupError when the warehouse has no such run."""
    con = db.connect(db_path, read_only=True)
    try:
        if run_id is None:
            rows = con.execute(db.sql("last_run")).fetchall()
            run_id = rows[0][0] if rows else None
        if run_id is None:
            raise LookupError(f"{db_path} has no runs yet")
        run = db.rows(con, "quality_run", [run_id])
        if not run:
            raise LookupError(f"no run {run_id!r} in {db_path} (`communique status` lists the runs)")
        frames = {kind: con.sql(db.sql(f"run_{kind}"), params=[run_id]).pl() for kind in SUITES}
        return run[0], frames, db.rows(con, "quality_load_results", [run_id])
    finally:
        con.close()


def validate_run(gx_root: Path, run_id: str, frames: dict) -> dict[str, dict]:
    """Each suite's GX validation result (JSON form) on the run's rows; the results are also stored in
    the GX context under ``gx_root`` with the run id as their run name."""
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.expectations.registry import get_expectation_impl

    texts = dict(zip(frames["documents"]["doc_id"].to_list(), frames["documents"]["text"].to_list()))
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    gx_root.mkdir(parents=True, exist_ok=True)
    ctx = gx.get_context(mode="file", project_root_dir=str(gx_root))
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = ctx.data_sources.add_or_update_pandas("communique")
    gx_run = RunIdentifier(run_name=run_id, run_time=dt.datetime.now(dt.timezone.utc))
    results = {}
    for kind, df in frames.items():
        spec = json.loads((gxv.SUITES / f"{kind}.json").read_text(encoding="utf-8"))
        exps = [get_expectation_impl(e["type"])(**gxv.resolved_kwargs(e["kwargs"])) for e in spec["expectations"]]
        suite = ctx.suites.add_or_update(gx.ExpectationSuite(name=kind, expectations=exps))
        asset = next((a for a in source.assets if a.name == kind), None) or source.add_dataframe_asset(kind)
        batch_def = next((b for b in asset.batch_definitions if b.name == f"{kind}_run"), None) \
            or asset.add_batch_definition_whole_dataframe(f"{kind}_run")
        vd = ctx.validation_definitions.add_or_update(gx.ValidationDefinition(name=f"{kind}_run", data=batch_def, suite=suite))
        checked = gxv.with_checks(kind, df, texts).to_pandas()
        results[kind] = vd.run(batch_parameters={"dataframe": checked}, run_id=gx_run).to_json_dict()
    return results


def build(db_path: Path, gx_root: Path, run_id: str | None = None) -> tuple[str, dict[str, bool]]:
    """Validate the last run's (or ``run_id``'s) documents, mentions and events and write the Data Docs
    page. Returns the page's path and each suite's success."""
    import great_expectations as gx

    run, frames, load_rows = _run_rows(db_path, run_id)
    suites = validate_run(gx_root, run["run_id"], frames)
    page = docs_page.render(run, suites, load_rows, Path(db_path).name,
                            dt.datetime.now().isoformat(timespec="seconds"), gx.__version__)
    site = site_dir(gx_root)
    site.mkdir(parents=True, exist_ok=True)
    index = site / "index.html"
    tmp = index.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(index)
    return str(index), {kind: bool(result["success"]) for kind, result in suites.items()}
