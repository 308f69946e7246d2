"""Crashes and concurrency with real processes: `communique run` killed with SIGKILL during annotation
and during a load, then rerun, ends with the same tables as a clean run; two runs on one database at
once both finish with a clear outcome and nothing lost."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow
CLI = str(Path(sys.executable).with_name("communique"))
TABLES = {
    "documents": "SELECT doc_id, external_id, text, published, extractor_version FROM documents",
    "sentences": "SELECT * FROM sentences",
    "mentions": "SELECT * FROM mentions",
    "events": "SELECT * EXCLUDE (run_id) FROM events",
    "diagnostics": "SELECT * EXCLUDE (run_id) FROM sentence_diagnostics",
}


def _corpus(path: Path, n: int, offset: int = 0) -> Path:
    from benchmarks.corpus import documents

    docs = documents("ru", n + offset, tokens_per_doc=60, seed=3)[offset:]
    path.write_text("\n".join(json.dumps({"id": f"d{offset + i}", "text": t, "lang": "ru",
                                          "published": "2025-05-0%d" % (1 + i % 9)}, ensure_ascii=False)
                              for i, t in enumerate(docs)) + "\n", encoding="utf-8")
    return path


def _env(tmp: Path) -> dict[str, str]:
    return dict(os.environ, COMMUNIQUE_PROFILE="natasha", COMMUNIQUE_BATCH_SIZE="4", COMMUNIQUE_LOAD_SIZE="4",
                PREFECT_HOME=str(tmp / "prefect"), COMMUNIQUE_DATA_DIR=str(tmp))


def _start(db: Path, inp: Path, tmp: Path, *extra: str) -> subprocess.Popen:
    # its own process group: SIGKILL takes the whole tree down (the run and Prefect's ephemeral API
    # server), as a machine crash would, and leaves no orphans behind the test
    return subprocess.Popen([CLI, "run", "--input", str(inp), "--db", str(db), "--no-progress", *extra], env=_env(tmp),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _tables(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {k: sorted(con.execute(q).fetchall(), key=repr) for k, q in TABLES.items()}
    finally:
        con.close()


def _kill_when(proc: subprocess.Popen, wal: Path, appearances: int, after_gone: bool, timeout: float = 240) -> bool:
    """SIGKILL ``proc`` at the n-th appearance of the DuckDB WAL (a write transaction is open), or
    shortly after it disappears again (the batch is committed; the next one is being annotated).
    False if the run ended first."""
    seen, present, t0 = 0, False, time.monotonic()
    while proc.poll() is None and time.monotonic() - t0 < timeout:
        now = wal.exists()
        if now and not present:
            seen += 1
            if seen == appearances and not after_gone:
                _kill(proc)
                return True
        if present and not now and seen == appearances and after_gone:
            time.sleep(0.2)
            _kill(proc)
            return True
        present = now
        time.sleep(0.0005)
    return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("crash")
    inp = _corpus(d / "in.jsonl", 24)
    clean = d / "clean.duckdb"
    p = _start(clean, inp, d)
    out, _ = p.communicate(timeout=600)
    assert p.returncode == 0, out
    return inp, _tables(clean)


@pytest.mark.parametrize("where", ["during_load", "during_annotation"])
def test_kill_9_then_rerun_equals_a_clean_run(tmp_path, corpus, where):
    inp, expected = corpus
    db = tmp_path / "w.duckdb"
    proc = _start(db, inp, tmp_path)
    # appearance 1 is the run's start (schema, runs row); 2, 3… are batch loads
    killed = _kill_when(proc, Path(str(db) + ".wal"), appearances=3, after_gone=where == "during_annotation")
    assert killed, "the run finished before it could be killed"
    assert proc.returncode == -signal.SIGKILL
    partial = _tables(db)
    assert 0 < len(partial["documents"]) < len(expected["documents"])  # killed midway: some batches landed
    again = _start(db, inp, tmp_path)
    out, _ = again.communicate(timeout=600)
    assert again.returncode == 0, out
    assert _tables(db) == expected
    con = duckdb.connect(str(db), read_only=True)
    try:
        statuses = sorted(str(r[0]) for r in con.execute("SELECT status FROM runs").fetchall())
    finally:
        con.close()
    assert statuses == ["completed", "interrupted"]  # the next run marked the killed one


def test_two_runs_on_one_database_at_once(tmp_path):
    """With --wait the second waits for the first (the warehouse's run lock) and both load."""
    a = _corpus(tmp_path / "a.jsonl", 12)
    b = _corpus(tmp_path / "b.jsonl", 12, offset=12)
    db = tmp_path / "w.duckdb"
    procs = [_start(db, a, tmp_path, "--wait"), _start(db, b, tmp_path, "--wait")]
    outs = [p.communicate(timeout=600)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = {r[0] for r in con.execute("SELECT external_id FROM documents").fetchall()}
        runs = con.execute("SELECT status, docs_loaded FROM runs").fetchall()
        dup = con.execute("SELECT count(*) - count(DISTINCT event_id) FROM events").fetchone()[0]
    finally:
        con.close()
    assert ids == {f"d{i}" for i in range(24)}
    assert sorted(runs) == [("completed", 12), ("completed", 12)] and dup == 0


def _children(pid: int) -> tuple[list[int], list[int]]:
    """The processes under ``pid``: (those multiprocessing started: the annotation workers, forked by
    its fork server or spawned, and the fork server itself; all of them, the Prefect API server too)."""
    parents, cmds = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmds[int(stat.parent.name)] = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue

    def under(p: int) -> bool:
        while p in parents and p > 1:
            p = parents[p]
            if p == pid:
                return True
        return False

    mine = [p for p in cmds if under(p)]
    return [p for p in mine if b"multiprocessing.forkserver" in cmds[p] or b"spawn_main" in cmds[p]], mine


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except (OSError, IndexError):
        return True


@pytest.mark.parametrize("how", ["sigterm", "ctrl-c"])
def test_a_stop_ends_a_pooled_run_within_seconds_and_marks_it_interrupted(tmp_path, how):
    """A run with two annotation worker processes stopped with SIGTERM (to the run's process only), or
    with Ctrl-C (SIGINT to its whole process group, as a terminal sends it): it ends within seconds,
    the run is marked interrupted, and its workers and its Prefect API server end with it."""
    inp = _corpus(tmp_path / "in.jsonl", 400)
    db = tmp_path / "w.duckdb"
    proc = _start(db, inp, tmp_path, "--workers", "2")
    wal, seen, present, t0 = Path(str(db) + ".wal"), 0, False, time.monotonic()
    while proc.poll() is None and seen < 3 and time.monotonic() - t0 < 240:  # a batch or two loaded
        now = wal.exists()
        seen += now and not present
        present = now
        time.sleep(0.001)
    assert proc.poll() is None, "the run ended before it could be stopped"
    workers, children = _children(proc.pid)
    if how == "sigterm":
        proc.send_signal(signal.SIGTERM)
    else:
        os.killpg(proc.pid, signal.SIGINT)
    t1 = time.monotonic()
    try:
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            _kill(proc)
    assert time.monotonic() - t1 < 20 and proc.returncode != 0
    assert len(workers) >= 2  # two workers (and the fork server that forked them)
    deadline = time.monotonic() + 5
    while not all(map(_gone, children)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(map(_gone, workers)), "annotation workers outlived their run"
    assert all(map(_gone, children)), "a process of the run outlived it"
    con = duckdb.connect(str(db), read_only=True)
    try:
        runs = con.execute("SELECT status, docs_loaded FROM runs").fetchall()
    finally:
        con.close()
    assert [r[0] for r in runs] == ["interrupted"] and runs[0][1] < 400
