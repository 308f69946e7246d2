"""``communique status``: runs from the warehouse, and their Prefect states when a server answers."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path


def last_runs(db_path: Path, limit: int = 10) -> list[dict]:
    from warehouse import db

    con = db.reader(db_path)
    try:
        return db.rows(con, "status_runs", [limit])
    finally:
        con.close()


def flow_states(api_url: str, flow_run_ids: list[str], timeout: float = 3.0) -> dict[str, str] | None:
    """{flow_run_id: state name} from the Prefect REST API; None when no server answers."""
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=timeout):
            pass
    except (OSError, urllib.error.URLError):
        return None
    if not flow_run_ids:
        return {}
    body = json.dumps({"flow_runs": {"id": {"any_": flow_run_ids}}, "limit": len(flow_run_ids)}).encode()
    req = urllib.request.Request(api_url.rstrip("/") + "/flow_runs/filter", data=body,
                                 headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            rows = json.loads(r.read())
    except (OSError, urllib.error.URLError, ValueError):
        return None
    return {row["id"]: (row.get("state") or {}).get("name", "?") for row in rows}
