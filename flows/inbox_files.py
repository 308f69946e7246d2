"""Inbox folder bookkeeping (pure functions): scan files with their content hash, decide which are
new, archive processed ones. Hidden files and ``*.part`` / ``*.tmp`` (files still being written) are
left for a later run; every other file is taken, so an unsupported one is quarantined, not skipped."""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

IN_PROGRESS = (".part", ".tmp", ".partial", ".crdownload")


@dataclass(frozen=True)
class InboxFile:
    path: str
    sha256: str
    size_bytes: int


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def scan(folder: Path) -> list[InboxFile]:
    """The inbox's files, hidden and in-progress ones left out, and so is anything reached through a
    symlink that leads out of the inbox (the inbox is the boundary of what is read, as for ``run``)."""
    from flows.ingest import _outside

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"inbox folder not found: {folder}")
    root = folder.resolve()
    out = []
    for f in sorted(folder.rglob("*")):
        rel = f.relative_to(folder).parts
        if not f.is_file() or any(p.startswith(".") for p in rel) or f.suffix.lower() in IN_PROGRESS:
            continue
        if any(_outside(folder.joinpath(*rel[:k + 1]), root) for k in range(len(rel))
               if folder.joinpath(*rel[:k + 1]).is_symlink()):
            continue
        out.append(InboxFile(str(f), sha256_of(f), f.stat().st_size))
    return out


def new_files(files: list[InboxFile], known: set[str]) -> tuple[list[InboxFile], list[InboxFile]]:
    """(new, already processed); two files with the same content count once."""
    fresh, old, seen = [], [], set(known)
    for f in files:
        (old if f.sha256 in seen else fresh).append(f)
        seen.add(f.sha256)
    return fresh, old


def archive(f: InboxFile, inbox: Path, archive_dir: Path, today: dt.date | None = None) -> str:
    """Move a processed file to ``archive_dir/YYYY-MM-DD/<path inside the inbox>``; never overwrites."""
    today = today or dt.date.today()
    rel = Path(f.path).relative_to(inbox)
    dest = archive_dir / today.isoformat() / rel
    if dest.exists():
        dest = dest.with_name(f"{dest.stem}.{f.sha256[:8]}{dest.suffix}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(f.path, dest)
    return str(dest)
