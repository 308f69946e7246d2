"""One run at a time per warehouse: an exclusive lock on ``<warehouse>.lock`` held for the whole run
(DuckDB's own lock is per connection, and a run opens one per batch, so two runs on the same input
would otherwise both annotate and load everything). The lock file names its holder; the operating
system releases it when the holder exits, however it exits."""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from warehouse.db import DatabaseBusyError


_held: set[str] = set()  # locks this process holds (taking one again is a no-op: the lock is re-entrant)


def lock_path(db_path: Path | str) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + ".lock")


@contextmanager
def run_lock(db_path: Path | str, wait: bool = False, poll_s: float = 0.5):
    """Hold the warehouse's run lock; without ``wait`` a held lock raises ``DatabaseBusyError`` at once
    (one line naming the holder), with ``wait`` it waits for the holder to finish."""
    path = lock_path(db_path)
    key = str(path.resolve())
    if key in _held:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another run"
                    raise DatabaseBusyError(f"{db_path} is being written by {holder}; wait for it to finish "
                                            "or run with --wait") from None
                time.sleep(poll_s)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"run pid {os.getpid()} since {dt.datetime.now():%Y-%m-%d %H:%M:%S}".encode(), 0)
        _held.add(key)
        try:
            yield
        finally:
            _held.discard(key)
    finally:
        os.close(fd)  # closing the descriptor releases the lock
