"""One run at a time per warehouse: a second run is refused at once with one line naming the holder,
or waits with ``wait``; the lock is released however its holder exits."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from warehouse.db import DatabaseBusyError
from warehouse.run_lock import lock_path, run_lock

HOLD = "import sys, time; from warehouse.run_lock import run_lock\nwith run_lock(sys.argv[1]):\n    print('held', flush=True); time.sleep(float(sys.argv[2]))"


def _holder(db, seconds: float) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    return p


def test_a_held_warehouse_is_refused_with_its_holder_named(tmp_path):
    db = tmp_path / "w.duckdb"
    p = _holder(db, 30)
    try:
        with pytest.raises(DatabaseBusyError, match=rf"being written by run pid {p.pid} since .*--wait"):
            with run_lock(db):
                pass
    finally:
        p.kill()  # killed, not finished: the operating system releases the lock
        p.wait()
    with run_lock(db):
        assert lock_path(db).exists()


def test_wait_waits_for_the_holder(tmp_path):
    db = tmp_path / "w.duckdb"
    p = _holder(db, 1.5)
    t0 = time.monotonic()
    with run_lock(db, wait=True, poll_s=0.1):
        waited = time.monotonic() - t0
    p.wait()
    assert waited >= 0.5


def test_the_lock_is_reentrant_in_one_process(tmp_path):
    db = tmp_path / "w.duckdb"
    with run_lock(db):
        with run_lock(db):  # the CLI takes it before the flow, the flow again
            pass
