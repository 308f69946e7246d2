"""The Prefect API a ``communique`` command runs its flows against, found or started before Prefect is
imported.

- ``PREFECT_API_URL`` set: that server (the user's own).
- ``communique serve`` running for this data directory (``PREFECT_HOME/serve.json`` names its API and
  its process, and the API answers): that server, so the command starts none and its runs show in
  serve's UI.
- Otherwise Prefect's ephemeral API, started here at once, in the background: the same uvicorn app
  Prefect's client would start (``prefect.server.api.server.SubprocessASGIServer``), launched before
  this process imports Prefect, so the server boots while the command imports Prefect and the
  annotation workers load their models, and without importing Prefect's server modules into this
  process (2.4 s on this machine). It lives as long as this process. If it cannot start, nothing is set
  and Prefect starts its own ephemeral server as before.

Nothing here imports Prefect."""
from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

SERVE_FILE = "serve.json"


class _Server:
    def __init__(self, proc: subprocess.Popen, url: str):
        self.proc, self.url = proc, url
        self.ready = False


_OWNED: _Server | None = None


def healthy(url: str, timeout: float = 0.5) -> bool:
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/health", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def announce(home: Path, api_url: str) -> Path:
    """Written by ``communique serve``: its API, for commands run beside it."""
    p = home / SERVE_FILE
    p.write_text(json.dumps({"api_url": api_url, "pid": os.getpid()}), encoding="utf-8")
    return p


def served_api(home: Path) -> str | None:
    """The API of a ``communique serve`` running with this Prefect home, if it answers."""
    try:
        info = json.loads((home / SERVE_FILE).read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    url = str(info.get("api_url") or "")
    return url if url.startswith("http://127.0.0.1:") and healthy(url) else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _end_with_parent():
    """A ``preexec_fn`` that has the kernel send the child SIGTERM when this process ends, however it
    ends (Linux ``PR_SET_PDEATHSIG``; it fires when the thread that started the child ends, and
    ``prepare`` runs on the main thread). None elsewhere: there the server is stopped at exit only."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import signal

    libc = ctypes.CDLL(None, use_errno=True)
    parent = os.getpid()

    def preexec() -> None:
        libc.prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent ended before the signal was armed
            os._exit(0)

    return preexec


def _start_ephemeral() -> _Server | None:
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.origin:
        return None
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    # what Prefect's client sets for its ephemeral server: no UI, ephemeral mode
    env.update({"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"})
    try:
        # its own session: a Ctrl-C at the terminal (SIGINT to the whole foreground process group) does
        # not stop it while this process still reports the stopped run to it (Prefect's crash handling
        # would retry against a dead server for a minute); it ends when this process stops it, or, if
        # this process dies without doing so (SIGKILL), by the parent-death signal
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port), "--log-level",
             "error", "--lifespan", "on"], env=env, stdin=subprocess.DEVNULL, start_new_session=True,
            preexec_fn=_end_with_parent())
    except OSError:
        return None
    return _Server(proc, f"http://127.0.0.1:{port}/api")


def prepare(home: Path) -> str:
    """Choose the API before Prefect is imported (see the module's doc); returns what was chosen:
    "configured", "serve" or "ephemeral" (this process's own, starting now), or "prefect" (left to
    Prefect). Sets ``PREFECT_API_URL`` for the last two but one."""
    global _OWNED
    if os.environ.get("PREFECT_API_URL"):
        return "configured"
    url = served_api(home)
    if url:
        os.environ["PREFECT_API_URL"] = url
        return "serve"
    if _OWNED is None:
        _OWNED = _start_ephemeral()
        if _OWNED is None:
            return "prefect"
        atexit.register(stop)
    os.environ["PREFECT_API_URL"] = _OWNED.url
    return "ephemeral"


def booting() -> bool:
    """Whether this process's own ephemeral API has been started and has not answered yet."""
    return _OWNED is not None and not _OWNED.ready and not healthy(_OWNED.url, timeout=0.2)


def owned() -> str | None:
    """The URL of the ephemeral API this process started (until it is stopped), if any."""
    return _OWNED.url if _OWNED is not None else None


def wait(timeout: float | None = None) -> bool:
    """Block until this process's ephemeral API answers (at once when it already has, or when this
    process has none). False if its server died or did not answer within ``timeout``
    (PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, 120 s by default): it is stopped, and the caller
    runs its flow without the URL, on Prefect's own ephemeral server."""
    if _OWNED is None or _OWNED.ready:
        return True
    limit = timeout or float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 120)
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if _OWNED.proc.poll() is not None:
            break
        if healthy(_OWNED.url, timeout=1):
            _OWNED.ready = True
            return True
        time.sleep(0.05)
    url = _OWNED.url
    stop()
    if os.environ.get("PREFECT_API_URL") == url:
        os.environ.pop("PREFECT_API_URL", None)
    return False


def stop(wait: float = 3.0) -> None:
    """Stop this process's ephemeral API (at exit, or when a run is stopped): SIGTERM, then SIGKILL
    if it has not ended within ``wait`` seconds."""
    global _OWNED
    server, _OWNED = _OWNED, None
    if server is None or server.proc.poll() is not None:
        return
    server.proc.terminate()
    try:
        server.proc.wait(wait)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.proc.wait(3)
