"""A read-only copy of the warehouse for BI tools, published after every run.

BI tools (Metabase, DBeaver, Superset) keep their connection open; on the warehouse itself that lock
would stop the next run. They point at ``<warehouse>-bi.duckdb`` instead: after a run the warehouse is
checkpointed, copied to a temporary name beside the snapshot and renamed over it in one step, so a
reader that holds the old snapshot open keeps reading it undisturbed and the next connection sees the
new one."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from warehouse import db


def snapshot_path(db_path: Path | str) -> Path:
    p = Path(db_path)
    return p.with_name(f"{p.stem}-bi{p.suffix or '.duckdb'}")


def publish(db_path: Path | str) -> Path:
    """Checkpoint the warehouse and publish its snapshot atomically; returns the snapshot's path."""
    src, dest = Path(db_path), snapshot_path(db_path)
    with db.connection(src) as con:
        con.execute("CHECKPOINT")  # everything in the main file, nothing left in the WAL
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
        os.close(fd)
        try:
            shutil.copyfile(src, tmp)  # while the write lock is held: no half-written state is copied
            os.chmod(tmp, src.stat().st_mode & 0o777)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return dest
