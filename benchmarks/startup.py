"""A one-document ``communique run`` against the sum of its unavoidable fixed costs, measured in the same
invocation on the same machine. Prints figures and the target (run ≤ 1.5 × the sum); asserts nothing.

Fixed costs, each timed in a fresh process from its launch (interpreter start included):
- cli+prefect: Python, the CLI module, Prefect and its flow and task engines imported (any run does)
- api: Prefect's ephemeral API server from its launch to its first answer (with ``--api server`` the
  run reuses a running server, and this cost is 0)
- nlp: an annotation worker's imports, model load and first extraction (``flows.annotation.warm``)
- gx: Great Expectations imported, its context and suites built, one document's frames validated
- warehouse: a new DuckDB warehouse created (schema and views), the run recorded, one document loaded
- flow: one flow run of six empty tasks (the pipeline's count for one document) against a running
  API: Prefect's own bookkeeping for a run, imports excluded
The same work in one process, in sequence (``in-one-process``: the cli+prefect imports, nlp, gx and
warehouse one after another, each shared import paid once), plus api and flow, gives a tighter sum;
the run is compared with both.
The run: ``communique run --input one.jsonl --db fresh.duckdb --no-progress`` in a fresh process,
timed from launch to exit. Every run writes a fresh warehouse in the same data directory, so the
Prefect server database already exists, as for every run after a machine's first (one untimed run
creates it), and reads a document no run has seen (numbered), so nothing comes from the annotation
cache. With ``--repeat N`` everything runs N times, interleaved; the table shows medians.

``--baseline DIR`` also times the one-document run of another checkout (e.g. a worktree of main),
interleaved, for a before/after in the same invocation.

Run: ``.venv/bin/python benchmarks/startup.py [--repeat 3] [--api ephemeral server] [--baseline DIR]``"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLI = str(Path(sys.executable).with_name("communique"))
TEXT = ("Евросоюз ввел новые санкции против Ирана в связи с ракетной программой. МИД Ирана осудил "
        "решение и пригрозил ответными мерами.")
TARGET = 1.5

SNIPPETS = {
    "cli+prefect": "import flows.cli, flows.settings\nfrom prefect import flow, task\n"
                   "import prefect.flow_engine, prefect.task_engine",
    "nlp": "from extractors.nlp.profiles import NLPConfig\nfrom flows import annotation\n"
           "annotation.warm(['ru'], NLPConfig(profile='natasha'))",
    "gx": "import pickle, sys\npairs = pickle.load(open(sys.argv[1], 'rb'))\nfrom flows.checks import check_batch\n"
          "check_batch((pairs, []), 'bench', 'bench', {'ru': 'natasha'})",
    "warehouse": "import pickle, sys\nbatch = pickle.load(open(sys.argv[1], 'rb'))\nfrom warehouse import db\n"
                 "from warehouse.load import finish_run, load_batch, start_run\n"
                 "with db.session(sys.argv[2]) as con:\n    start_run(con, 'bench', None, 'bench', ['bench'])\n"
                 "with db.connection(sys.argv[2]) as con:\n    load_batch(con, batch.frames)\n"
                 "    finish_run(con, 'bench', 'completed', {'docs_loaded': 1}, {})",
    "in-one-process": "import pickle, sys\nimport flows.cli, flows.settings\nfrom prefect import flow, task\n"
                      "import prefect.flow_engine, prefect.task_engine\n"
                      "from extractors.nlp.profiles import NLPConfig\nfrom flows import annotation\n"
                      "annotation.warm(['ru'], NLPConfig(profile='natasha'))\n"
                      "pairs = pickle.load(open(sys.argv[1], 'rb'))\nfrom flows.checks import check_batch\n"
                      "batch = check_batch((pairs, []), 'bench', 'bench', {'ru': 'natasha'})\nfrom warehouse import db\n"
                      "from warehouse.load import finish_run, load_batch, start_run\n"
                      "with db.session(sys.argv[2]) as con:\n    start_run(con, 'bench', None, 'bench', ['bench'])\n"
                      "with db.connection(sys.argv[2]) as con:\n    load_batch(con, batch.frames)\n"
                      "    finish_run(con, 'bench', 'completed', {'docs_loaded': 1}, {})",
    "flow": "import time\nfrom prefect import flow, task\n"
            "@task\ndef step(i: int) -> int:\n    return i\n"
            "@flow\ndef empty() -> int:\n    return sum(step(i) for i in range(6))\n"
            "t0 = time.perf_counter()\nempty()\nprint('ELAPSED', time.perf_counter() - t0)",
}


def _env(home: Path, code: Path = ROOT, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "COMMUNIQUE_"))}
    env.update(PYTHONPATH=str(code), PREFECT_HOME=str(home), COMMUNIQUE_PROFILE="natasha",
               PREFECT_LOGGING_LEVEL="WARNING", DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false",
               GX_ANALYTICS_ENABLED="false", **extra)
    return env


def _timed(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, str]:
    t0 = time.perf_counter()
    out = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if out.returncode not in (0, 3):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return dt, out.stdout


def _snippet(name: str, env: dict[str, str], *args: str) -> float:
    dt, out = _timed([sys.executable, "-c", SNIPPETS[name], *args], env)
    if name == "flow":  # the flow run alone: its imports are cli+prefect's
        return float(next(l for l in out.splitlines() if l.startswith("ELAPSED")).split()[1])
    return dt


def _api_start(home: Path) -> float:
    """Launch to first answer of the ephemeral API server (as flows.local_api starts it) on ``home``'s
    server database."""
    from flows import local_api

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(_env(home, PREFECT_SERVER_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{home / 'server-w.db'}"))
    try:
        t0 = time.perf_counter()
        server = local_api._start_ephemeral()
        while not local_api.healthy(server.url, timeout=1):
            if server.proc.poll() is not None:
                raise SystemExit("the API server exited")
            time.sleep(0.05)
        dt = time.perf_counter() - t0
        server.proc.terminate()
        server.proc.wait(10)
        return dt
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _fixtures(d: Path) -> tuple[Path, Path]:
    """One annotated document and its checked batch, pickled for the gx and warehouse measures."""
    from extractors.nlp.profiles import NLPConfig
    from extractors.records import RawDocument
    from flows import annotation
    from flows.checks import check_batch

    doc = RawDocument(text=TEXT, source="bench", lang="ru")
    found, _ = annotation.annotate_extract([doc], "ru", NLPConfig(profile="natasha"))
    pairs = [(doc, x) for _, x in found]
    batch = check_batch((pairs, []), "bench", "bench", {"ru": "natasha"})
    (d / "pairs.pkl").write_bytes(pickle.dumps(pairs))
    (d / "batch.pkl").write_bytes(pickle.dumps(batch))
    return d / "pairs.pkl", d / "batch.pkl"


def _fresh(run_dir: Path) -> Path:
    for p in run_dir.glob("w*.duckdb*"):
        p.unlink()
    return run_dir / "w.duckdb"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--api", nargs="+", choices=["ephemeral", "server"], default=["ephemeral", "server"])
    ap.add_argument("--baseline", type=Path, help="another checkout whose one-document run is timed too")
    a = ap.parse_args()
    from flows import local_api

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        one = tmp / "one.jsonl"
        seen = [0]

        def new_doc() -> Path:  # a text no earlier run has annotated: no annotation cache hit
            seen[0] += 1
            one.write_text(json.dumps({"id": f"one-{seen[0]}", "text": f"{TEXT} (№{seen[0]})", "lang": "ru",
                                       "published": "2025-06-20"}, ensure_ascii=False) + "\n", encoding="utf-8")
            return one
        pairs, batch = _fixtures(tmp)
        run_dir = tmp / "run"
        run_dir.mkdir()
        home = run_dir / "prefect"
        # a running API for the flow measure and the --api server runs (its own home and database)
        api_home = tmp / "api"
        api_home.mkdir()
        saved = dict(os.environ)
        os.environ.update(_env(api_home, PREFECT_SERVER_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{api_home / 'server.db'}"))
        server = local_api._start_ephemeral()
        os.environ.clear()
        os.environ.update(saved)
        while not local_api.healthy(server.url, timeout=1):
            time.sleep(0.1)
        try:
            def run_cmd(db: Path) -> list[str]:
                return [CLI, "run", "--input", str(new_doc()), "--no-progress", "--db", str(db)]

            _timed(run_cmd(_fresh(run_dir)), _env(home), tmp)  # creates the server database; untimed
            _snippet("flow", _env(api_home, PREFECT_API_URL=server.url))  # the server's first flow; untimed
            costs: dict[str, list[float]] = {k: [] for k in ("cli+prefect", "api", "nlp", "gx", "warehouse", "flow")}
            together: list[float] = []
            runs: dict[str, list[float]] = {m: [] for m in a.api}
            base: dict[str, list[float]] = {m: [] for m in a.api} if a.baseline else {}
            loads: list[float] = []
            for rep in range(a.repeat):
                costs["cli+prefect"].append(_snippet("cli+prefect", _env(home)))
                costs["api"].append(_api_start(home))
                costs["nlp"].append(_snippet("nlp", _env(home)))
                costs["gx"].append(_snippet("gx", _env(home), str(pairs)))
                costs["warehouse"].append(_snippet("warehouse", _env(home), str(batch), str(tmp / f"wh{rep}.duckdb")))
                costs["flow"].append(_snippet("flow", _env(api_home, PREFECT_API_URL=server.url)))
                together.append(_snippet("in-one-process", _env(home), str(pairs), str(tmp / f"one{rep}.duckdb")))
                for mode in a.api:
                    for code, out in ([(a.baseline.resolve(), base)] if a.baseline else []) + [(ROOT, runs)]:
                        env = (_env(home, code) if mode == "ephemeral"
                               else _env(api_home, code, PREFECT_API_URL=server.url))
                        out[mode].append(_timed(run_cmd(_fresh(run_dir)), env, tmp)[0])
                loads.append(float(Path("/proc/loadavg").read_text().split()[0]))
                print(f"  run {rep + 1}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in costs.items())
                      + f", in one process {together[-1]:.2f}; "
                      + ", ".join(f"one-document run ({m} API) {v[-1]:.2f}" for m, v in runs.items())
                      + "".join(f", baseline ({m} API) {v[-1]:.2f}" for m, v in base.items())
                      + f" s (load {loads[-1]:.1f})", flush=True)
        finally:
            server.proc.terminate()
            server.proc.wait(10)
    med = {k: statistics.median(v) for k, v in costs.items()}
    print(f"\n{'fixed cost (fresh process each)':<44}{'median s':>10}")
    for k, v in med.items():
        print(f"  {k:<42}{v:>10.2f}")
    one_proc = statistics.median(together)
    print(f"  {'cli+prefect, nlp, gx, warehouse in one process':<42}{one_proc:>10.2f}")
    for mode, times in runs.items():
        total = sum(v for k, v in med.items() if not (mode == "server" and k == "api"))
        run = statistics.median(times)
        print(f"one-document run, {mode} API{'' if mode == 'ephemeral' else ' (reused)':<22}{run:>10.2f}   "
              f"(each: {' / '.join(f'{t:.2f}' for t in times)})")
        print(f"  sum of its fixed costs{'':<20}{total:>10.2f}")
        print(f"  run / sum{'':<33}{run / total:>10.2f}   target <= {TARGET}")
        tight = one_proc + med["flow"] + (med["api"] if mode == "ephemeral" else 0)
        print(f"  tighter sum (the work in one process){'':<5}{tight:>10.2f}   run / tighter sum {run / tight:.2f}")
        if base:
            b = statistics.median(base[mode])
            print(f"  baseline ({a.baseline.name}) run{'':<20}{b:>10.2f}   (each: {' / '.join(f'{t:.2f}' for t in base[mode])}); "
                  f"/ sum {b / total:.2f}")
    print(f"1-minute load average: {min(loads):.1f}–{max(loads):.1f} ({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
