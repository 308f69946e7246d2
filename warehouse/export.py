"""Export every table and view to Parquet or CSV. Events are partitioned by month in Parquet.

CSV is for spreadsheets, which run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula: such a text cell is written with a leading apostrophe (``'=1+1``), as spreadsheet
exporters do (OWASP "CSV injection"). Text from documents (titles, sentences, quarantine payloads) can
start that way. The check is on the values as stored, whatever ingest normalised; number and date
columns are left alone (``-0.5`` stays a number). Parquet keeps every value verbatim."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import polars as pl

from warehouse import db

FORMULA_START = r"^[=+\-@\t\r]"
TABLES = ("documents", "sentences", "mentions", "events", "sentence_diagnostics", "runs", "quarantine", "event_types",
          "validation_results", "document_aliases")


def relations() -> list[str]:
    return list(TABLES) + [p.stem for p in db.view_files()]


def neutralise_formulas(df: pl.DataFrame) -> pl.DataFrame:
    """Text cells a spreadsheet would run as a formula, prefixed with an apostrophe."""
    return df.with_columns([
        pl.when(pl.col(c).str.contains(FORMULA_START)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c, t in df.schema.items() if t == pl.Utf8])


def export(db_path: Path, out: Path, fmt: str = "parquet") -> dict[str, int]:
    """Write every relation into ``out``: first into a temporary folder beside it, then each relation's
    file (or the events' partition folder) replaces the old one, so no stale month partition or file of
    an earlier export is left behind (other files in ``out`` are not touched)."""
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown format {fmt!r}; use parquet or csv")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=out.parent))
    try:
        counts = _write(db_path, tmp, fmt)
        if fmt == "parquet" and not (tmp / "events").exists() and (out / "events").is_dir():
            shutil.rmtree(out / "events")  # no events now: none of an earlier export's partitions stay
        for item in sorted(tmp.iterdir()):
            dest = out / item.name
            if dest.is_dir() and not dest.is_symlink():
                shutil.rmtree(dest)
            elif dest.exists() or dest.is_symlink():
                dest.unlink()
            item.replace(dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return counts


def _write(db_path: Path, out: Path, fmt: str) -> dict[str, int]:
    con = db.connect(db_path, read_only=True)
    counts: dict[str, int] = {}
    try:
        for name in relations():
            df = con.sql(db.sql("select_relation").replace("{relation}", name)).pl()
            counts[name] = df.height
            if fmt == "csv":
                flat = df.with_columns([pl.col(c).cast(pl.Utf8) for c, t in df.schema.items() if t == pl.Object])
                neutralise_formulas(flat).write_csv(out / f"{name}.csv")
            elif name == "events" and df.height:
                df = df.with_columns(pl.col("event_date").dt.strftime("%Y-%m").fill_null("unknown").alias("month"))
                for (month,), part in df.group_by(["month"]):
                    d = out / "events" / f"month={month}"
                    d.mkdir(parents=True, exist_ok=True)
                    part.drop("month").write_parquet(d / "part-0.parquet")
            else:
                df.write_parquet(out / f"{name}.parquet")
    finally:
        con.close()
    return counts
