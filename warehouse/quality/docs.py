"""GX Data Docs (offline HTML) for the rows a run loaded: the same suites, run through a file-backed
GX context so the validation results and the rendered site persist."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from warehouse import db
from warehouse.quality import validate as gxv


def build(db_path: Path, gx_root: Path, run_id: str | None = None) -> tuple[str, dict[str, bool]]:
    """Validate the last run's (or ``run_id``'s) documents, mentions and events; build Data Docs.
    Returns the index page path and each suite's success."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.expectations.registry import get_expectation_impl

    con = db.connect(db_path, read_only=True)
    try:
        if run_id is None:
            rows = con.execute(db.sql("last_run")).fetchall()
            run_id = rows[0][0] if rows else None
        run = run_id
        if run is None:
            raise LookupError(f"{db_path} has no runs yet")
        if not con.execute(db.sql("run_exists"), [run]).fetchall()[0][0]:
            raise LookupError(f"no run {run!r} in {db_path} (`communique status` lists the runs)")
        frames = {kind: con.sql(db.sql(f"run_{kind}"), params=[run]).pl() for kind in ("documents", "mentions", "events")}
    finally:
        con.close()
    texts = dict(zip(frames["documents"]["doc_id"].to_list(), frames["documents"]["text"].to_list()))
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    gx_root.mkdir(parents=True, exist_ok=True)
    ctx = gx.get_context(mode="file", project_root_dir=str(gx_root))
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = ctx.data_sources.add_or_update_pandas("communique")
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
        results[kind] = bool(vd.run(batch_parameters={"dataframe": checked}).success)
    ctx.build_data_docs()
    url = ctx.get_docs_sites_urls()[0]["site_url"]
    return url.removeprefix("file://"), results
