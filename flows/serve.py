"""``communique serve``: a local Prefect server on 127.0.0.1, the ``communique-local`` process work pool,
the deployments of ``prefect.yaml``, a worker, and a warm annotation pool (a local Dask scheduler and
N single-threaded Dask worker processes) in the foreground; Ctrl-C stops them all.

Prefect's process worker runs every flow run in a new process, so a pool inside a flow run would start
(and load its models) for every scheduled run. The annotation workers live as long as ``serve``
instead: flow runs find them through ``COMMUNIQUE_DASK_ADDRESS`` (the ``--dask-address`` path), and
each worker process loads its models once for all the runs it serves.

Each step is a function of its own so the tests drive the same code."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from flows.settings import PrefectUI

ROOT = Path(__file__).resolve().parent.parent
POOL = "communique-local"


class ServeError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prefect_bin() -> str:
    exe = Path(sys.executable).with_name("prefect")
    return str(exe) if exe.exists() else "prefect"


@dataclass
class Services:
    api_url: str
    env: dict[str, str]
    logs: Path
    ui_url: str | None = None  # None: the UI is off
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    annotators: str | None = None  # the annotation pool's Dask scheduler (None: none started)
    announced: Path | None = None  # PREFECT_HOME/serve.json, for commands run beside this serve

    def stop(self, timeout: float = 20.0) -> None:
        """Worker first, then the annotation pool, then the server: SIGINT, then SIGKILL after ``timeout``."""
        if self.announced is not None:
            self.announced.unlink(missing_ok=True)
        for name in ("worker", "annotators", "scheduler", "server"):
            p = self.procs.get(name)
            if p is None or p.poll() is not None:
                continue
            try:
                os.killpg(p.pid, signal.SIGINT)
                p.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(5)
            except ProcessLookupError:
                pass


def ui_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/"


def environment(home: Path, port: int, db_path: Path, ui: PrefectUI = PrefectUI(),
                extra: dict[str, str] | None = None) -> dict[str, str]:
    """The services' environment. ``ui`` (from the user's own settings: ``Settings.prefect_ui``):
    Prefect's UI at the root of the server's port, calling this server's API. Prefect reads most UI
    settings under two names, the ``PREFECT_SERVER_`` one first, so both are set."""
    base = ui_url(port).rstrip("/")
    env = dict(os.environ)
    env.update({
        "PREFECT_HOME": str(home.resolve()),
        "PREFECT_API_URL": f"{base}/api",
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_URL": base,  # the run links `prefect deployment run` prints
        "DO_NOT_TRACK": "1",
        "COMMUNIQUE_ROOT": str(ROOT),
        "COMMUNIQUE_DB": str(db_path.resolve()),
    })
    for name, value in (("ENABLED", str(ui.enabled).lower()), ("API_URL", f"{base}/api"), ("SERVE_BASE", "/")):
        env[f"PREFECT_SERVER_UI_{name}"] = env[f"PREFECT_UI_{name}"] = value
    env["PREFECT_SERVER_UI_V2_ENABLED"] = str(ui.v2).lower()
    env.update(extra or {})
    return env


def _spawn(name: str, args: list[str], svc: Services, command: list[str] | None = None) -> subprocess.Popen:
    svc.logs.mkdir(parents=True, exist_ok=True)
    log = (svc.logs / f"{name}.log").open("ab")
    p = subprocess.Popen([*(command or [prefect_bin()]), *args], env=svc.env, cwd=ROOT, stdout=log,
                         stderr=subprocess.STDOUT, start_new_session=True)
    svc.procs[name] = p
    return p


def wait_healthy(svc: Services, timeout: float = 120.0) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        server = svc.procs.get("server")
        if server is not None and server.poll() is not None:
            raise ServeError(f"the Prefect server exited (status {server.returncode}); see {svc.logs / 'server.log'}")
        try:
            with urllib.request.urlopen(svc.api_url + "/health", timeout=2) as r:
                if r.status == 200:
                    return time.monotonic() - t0
        except OSError:
            pass
        time.sleep(0.5)
    raise ServeError(f"the Prefect server did not answer {svc.api_url}/health within {timeout:.0f}s")


def ui_answers(url: str, timeout: float = 10.0) -> bool:
    """Whether the UI's page loads (Prefect logs, and goes on without it, when it cannot unpack it)."""
    req = urllib.request.Request(url, headers={"Accept": "text/html"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status == 200 and b"<html" in r.read(4096).lower()
    except OSError:
        return False


def _cli(args: list[str], svc: Services, timeout: float = 180.0) -> str:
    res = subprocess.run([prefect_bin(), "--no-prompt", *args], env=svc.env, cwd=ROOT, capture_output=True,
                         text=True, timeout=timeout)
    if res.returncode != 0:
        raise ServeError(f"`prefect {' '.join(args)}` failed:\n{(res.stdout + res.stderr)[-2000:]}")
    return res.stdout


def start_server(svc: Services, port: int) -> float:
    _spawn("server", ["server", "start", "--host", "127.0.0.1", "--port", str(port)], svc)
    return wait_healthy(svc)


def create_pool(svc: Services) -> None:
    out = subprocess.run([prefect_bin(), "work-pool", "inspect", POOL], env=svc.env, cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        _cli(["work-pool", "create", POOL, "--type", "process"], svc)


def deploy(svc: Services) -> str:
    return _cli(["deploy", "--all"], svc, timeout=300)


def start_worker(svc: Services) -> subprocess.Popen:
    return _spawn("worker", ["worker", "start", "--pool", POOL, "--type", "process"], svc)


def start_annotators(svc: Services, workers: int, timeout: float = 120.0) -> str:
    """A Dask scheduler on 127.0.0.1 and ``workers`` single-threaded Dask worker processes (the
    modules run with ``python -m`` from the project root, so they import the project as the flow runs
    do); their address goes to the flow runs' environment as ``COMMUNIQUE_DASK_ADDRESS``. Returns it
    once the scheduler answers."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    py = [sys.executable, "-m"]
    _spawn("scheduler", ["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                         "--no-dashboard", "--no-show"], svc, py)
    t0 = time.monotonic()
    while True:
        if svc.procs["scheduler"].poll() is not None:
            raise ServeError(f"the Dask scheduler exited; see {svc.logs / 'scheduler.log'}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() - t0 > timeout:
                raise ServeError(f"the Dask scheduler did not listen on {address} within {timeout:.0f}s") from None
            time.sleep(0.2)
    _spawn("annotators", ["distributed.cli.dask_worker", address, "--nworkers", str(workers), "--nthreads", "1",
                          "--no-dashboard", "--name", "communique-annotate"], svc, py)
    svc.env["COMMUNIQUE_DASK_ADDRESS"] = address
    return address


def start_all(data_dir: Path, db_path: Path, port: int | None = None, ui: PrefectUI = PrefectUI(),
              extra_env: dict[str, str] | None = None, annotators: int = 1) -> Services:
    """Server (with Prefect's UI unless ``ui.enabled`` is false), pool, deployments, the annotation
    pool of ``annotators`` worker processes (0: none, each flow run starts its own), worker. On any
    failure everything started so far is stopped."""
    port = port or free_port()
    svc = Services(api_url=f"http://127.0.0.1:{port}/api",
                   env=environment(data_dir / "prefect", port, db_path, ui, extra_env), logs=data_dir / "serve-logs",
                   ui_url=ui_url(port) if ui.enabled else None)
    try:
        if annotators:
            # first: the workers import and start while the server starts
            svc.annotators = start_annotators(svc, annotators)
        start_server(svc, port)
        create_pool(svc)
        deploy(svc)
        start_worker(svc)
        from flows import local_api

        # `communique run` beside this serve (same data directory) uses this server instead of starting one
        svc.announced = local_api.announce(data_dir / "prefect", svc.api_url)
    except BaseException:
        svc.stop()
        raise
    return svc
