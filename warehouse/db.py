"""Connections, migrations and views. DuckDB allows one writer per file: ``connect`` waits for a
lock held by another process up to a timeout, then raises ``DatabaseBusyError`` with a clear message."""
from __future__ import annotations

import datetime as dt
import re
import os
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"
VIEWS = HERE / "views"
SQL = HERE / "sql"


class DatabaseBusyError(RuntimeError):
    """Another process holds the database's write lock."""


def sql(name: str) -> str:
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def statements(text: str) -> list[str]:
    """Split a .sql file into statements (our files hold no semicolons inside literals)."""
    body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]


def rows(con: duckdb.DuckDBPyConnection, name: str, params: list | None = None) -> list[dict]:
    """The rows of ``sql/<name>.sql`` as dicts keyed by column name."""
    cur = con.execute(sql(name), params) if params else con.execute(sql(name))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def run_file(con: duckdb.DuckDBPyConnection, name: str, params: list | None = None) -> None:
    for stmt in statements(sql(name)):
        con.execute(stmt, params) if params else con.execute(stmt)


class DatabasePathError(ValueError):
    """A warehouse path that cannot be a DuckDB warehouse (a folder, another kind of file, no write
    access); its message is one line."""


DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def check_path(path: Path | str, write: bool = True) -> None:
    """Raise ``DatabasePathError`` when ``path`` cannot be opened as a warehouse (for writing)."""
    p = Path(path)
    if p.is_dir():
        raise DatabasePathError(f"{p} is a folder, not a DuckDB file")
    if p.exists():
        try:
            with p.open("rb") as f:
                head = f.read(12)
        except OSError as e:
            raise DatabasePathError(f"{p} cannot be read: {e.strerror or e}") from None
        if head[8:12] != DUCKDB_MAGIC:
            raise DatabasePathError(f"{p} is not a DuckDB database (another kind of file)")
        if write and not os.access(p, os.W_OK):
            raise DatabasePathError(f"{p} is read-only")
        return
    if write:
        parent = p.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not parent.is_dir() or not os.access(parent, os.W_OK):
            raise DatabasePathError(f"cannot create {p}: {parent} is not a writable folder")


# the storage format new warehouses are written in: the oldest DuckDB clients can read (the CLI 1.5,
# JDBC drivers of BI tools are 1.x); DuckDB 2 writes its own newer format unless told (a file keeps
# the format it was created in)
STORAGE_COMPATIBILITY = "v1.0.0"


def connect(path: Path | str, read_only: bool = False, wait_s: float = 30.0) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            if read_only:
                return duckdb.connect(str(path), read_only=True)
            return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
        except duckdb.IOException as e:
            if "lock" not in str(e).lower():
                raise
            if time.monotonic() >= deadline:
                held = re.search(r"held in (\S+) \(PID (\d+)\)", str(e))
                who = f"{Path(held.group(1)).name} (PID {held.group(2)})" if held else "another process"
                raise DatabaseBusyError(
                    f"{path} is held open by {who}; waited {wait_s:.0f}s. A BI tool should read the snapshot "
                    f"{path.with_name(path.stem + '-bi' + path.suffix)} instead; or wait for the holder to finish.") from None
            time.sleep(0.5)


@contextmanager
def _signals_held():
    """Hold SIGTERM and SIGINT back while DuckDB writes (delivered when the write ends): a signal that
    interrupts DuckDB inside a write can leave the process unable to open the file again."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGTERM, signal.SIGINT}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextmanager
def connection(path: Path | str, wait_s: float = 30.0):
    """A short-lived writer connection: the file stays free for readers between batches. Stop
    signals wait until it is closed."""
    with _signals_held():
        con = connect(path, wait_s=wait_s)
        try:
            yield con
        finally:
            con.close()


@contextmanager
def session(path: Path | str, wait_s: float = 30.0):
    """A writer connection on an upgraded schema."""
    with connection(path, wait_s) as con:
        upgrade(con)
        yield con


def migration_files() -> list[tuple[int, Path]]:
    out = []
    for p in sorted(MIGRATIONS.glob("*.sql")):
        m = re.match(r"(\d+)_", p.name)
        if m:
            out.append((int(m.group(1)), p))
    return out


def upgrade(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending migrations in order, record them, (re)create views. Returns applied names."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    done = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, path in migration_files():
        if version in done:
            continue
        con.execute("BEGIN")
        try:
            for stmt in statements(path.read_text(encoding="utf-8")):
                con.execute(stmt)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, path.name, dt.datetime.now()])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(path.name)
    seed_event_types(con)
    create_views(con)
    return applied


def seed_event_types(con: duckdb.DuckDBPyConnection) -> None:
    """The ``event_types`` rows, from the one definition of the event types (extractors/event_types.tsv)."""
    from extractors.event_types import rows

    con.executemany(sql("seed_event_types"), rows())


def view_files() -> list[Path]:
    """Staging views first, then marts built on them (dbt's layering)."""
    layer = {"staging": 0, "marts": 1}
    return sorted(VIEWS.rglob("*.sql"), key=lambda p: (layer.get(p.parent.name, 2), p.name))


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for p in view_files():
        for stmt in statements(p.read_text(encoding="utf-8")):
            con.execute(stmt)


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when every migration is applied (readable through a read-only connection)."""
    try:
        done = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    except duckdb.CatalogException:
        return False
    return all(v in done for v, _ in migration_files())


def reader(path: Path | str, wait_s: float = 30.0) -> duckdb.DuckDBPyConnection:
    """A read-only connection on a current schema: upgrades first (briefly as writer) only when needed."""
    con = connect(path, read_only=True, wait_s=wait_s)
    if is_current(con):
        return con
    con.close()
    with session(path, wait_s):
        pass
    return connect(path, read_only=True, wait_s=wait_s)
