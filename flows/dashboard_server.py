"""Serve the dashboard on 127.0.0.1: every request for ``/`` rebuilds the page from the warehouse,
so a browser refresh shows the latest run. Only ``/`` (and ``/index.html``) exist."""
from __future__ import annotations

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warehouse.dashboard.build import build


def make_server(db_path: Path, port: int = 8765, limit: int = 20_000, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 — http.server's naming
            if self.path.split("?")[0] not in ("/", "/index.html"):
                self.send_error(404, "only / is served")
                return
            try:
                body = build(db_path, limit).encode("utf-8")
            except Exception as e:  # noqa: BLE001 — show the reason in the browser, keep serving
                self.send_error(503, f"cannot read the warehouse: {type(e).__name__}: {e}"[:300])
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt: str, *args) -> None:  # quiet: the CLI prints the address once
            pass

    return ThreadingHTTPServer((host, port), Handler)
