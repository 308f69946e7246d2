"""Build the offline dashboard: query the warehouse (SQL in ``warehouse/sql/dashboard_*.sql``), embed
the rows as JSON in one HTML page together with the page's own JavaScript and CSS. No CDN, no network:
a Content-Security-Policy forbids every fetch. Document text reaches the page only as JSON data and is
put on screen with ``textContent``, so markup inside documents is shown, never run."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

from warehouse import db

HERE = Path(__file__).resolve().parent
DEFAULT_LIMIT = 20_000
QUERIES = ("totals", "clusters", "quarantine", "validations", "runs")


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: list | None = None) -> list[dict]:
    return db.rows(con, f"dashboard_{name}", params)


def collect(con: duckdb.DuckDBPyConnection, limit: int = DEFAULT_LIMIT) -> dict:
    """Everything the page shows, as plain JSON-able rows."""
    data = {name: _rows(con, name) for name in QUERIES}
    data["totals"] = data["totals"][0]
    data["events"] = _rows(con, "events", [limit])
    data["limit"] = limit
    data["generated_at"] = dt.datetime.now().isoformat(timespec="seconds")
    return data


def embed_json(data: dict) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' survives literally."""
    text = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render(data: dict) -> str:
    page = (HERE / "template.html").read_text(encoding="utf-8")
    parts = {"/*@CSS@*/": (HERE / "app.css").read_text(encoding="utf-8"),
             "/*@JS@*/": (HERE / "app.js").read_text(encoding="utf-8"),
             "@DATA@": embed_json(data)}
    for key, value in parts.items():
        page = page.replace(key, value, 1)
    return page


def build(db_path: Path | str, limit: int = DEFAULT_LIMIT) -> str:
    """The page for a warehouse file, read through a read-only connection (upgrading an old schema first)."""
    con = db.reader(db_path)
    try:
        return render(collect(con, limit))
    finally:
        con.close()


def write(db_path: Path | str, out: Path | str, limit: int = DEFAULT_LIMIT) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build(db_path, limit), encoding="utf-8")
    return out
