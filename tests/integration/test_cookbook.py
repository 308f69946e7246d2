"""Every query in docs/sql-cookbook.md runs against a warehouse built by the real pipeline."""
from __future__ import annotations

import re

import duckdb
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
COOKBOOK = ROOT / "docs" / "sql-cookbook.md"


def queries() -> list[tuple[str, str]]:
    text = COOKBOOK.read_text(encoding="utf-8")
    out, title = [], ""
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        title = block.splitlines()[0].strip()
        for sql in re.findall(r"```sql\n(.*?)```", block, flags=re.S):
            out.append((title, sql))
    return out


def test_cookbook_has_at_least_ten_queries():
    assert len(queries()) >= 10


def test_every_cookbook_query_runs(ru_warehouse):
    con = duckdb.connect(str(ru_warehouse), read_only=True)
    try:
        results = {title: con.sql(sql).fetchall() for title, sql in queries()}
    finally:
        con.close()
    with_rows = [t for t, rows in results.items() if rows]
    assert len(with_rows) >= len(results) - 3, f"queries returning nothing: {set(results) - set(with_rows)}"
    conditions = results["2. The conditions attached to one country's positions"]
    assert any("Совета Безопасности ООН" in row[3] for row in conditions)
    requests = results["1. Who requested what from whom last week"]
    assert all(row[0] is not None for row in requests)


def test_a_duckdb_1x_client_opens_the_warehouse_and_runs_the_cookbook(ru_warehouse):
    """BI tools and the DuckDB CLI on PyPI are DuckDB 1.x: the warehouse is written in a storage format
    they read (warehouse.db.STORAGE_COMPATIBILITY), and every cookbook query runs in the 1.5 CLI."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    cli = shutil.which("duckdb", path=str(Path(sys.executable).parent))
    assert cli, "duckdb-cli is a test dependency (pyproject [test], requirements.lock)"
    version = subprocess.run([cli, "-version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1."), version
    for title, sql in queries():
        res = subprocess.run([cli, "-readonly", "-csv", str(ru_warehouse), "-c", sql], capture_output=True,
                             text=True, timeout=60)
        assert res.returncode == 0 and "Error" not in res.stderr, (title, res.stderr)
