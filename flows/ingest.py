"""Reading input files into RawDocuments; anything unreadable becomes a Quarantined record.

Pure functions (no Prefect): ``read_path`` never raises on file content, only on paths that
do not exist. Formats: .txt/.md (optional YAML front matter or a ``date YYYY-MM-DD`` header),
.jsonl (one JSON object a line) and .csv (same columns), ``text`` required. Each record (a text file,
a JSONL line, a CSV row) is parsed, normalised and validated in its own guard: whatever it raises
becomes a Quarantined row (``ingest_error:<exception>``) with its location, and the rest goes on."""
from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from extractors.records import Quarantined, RawDocument, normalise_text
from flows.untrusted import LongNumber, load_front_matter, load_json

TEXT_SUFFIXES = {".txt", ".md"}
SUFFIXES = TEXT_SUFFIXES | {".jsonl", ".csv"}
META_FIELDS = ("id", "title", "published", "url", "lang")
MAX_CHARS = 2_000_000
MAX_SENTENCE_CHARS = 20_000  # a "sentence" this long is not prose; parsers are quadratic in its length
SENTENCE_BREAK = re.compile(r"[.!?…\n]")
DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
SURROGATE = re.compile("[\ud800-\udfff]")  # JSON and YAML escapes can write lone ones; UTF-8 cannot hold them
FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?)\n---[ \t]*(\n|$)", re.S)

Record = RawDocument | Quarantined


class InputError(ValueError):
    """A path given on the command line that cannot be read at all."""


def _outside(link: Path, root: Path) -> Path | None:
    """Where ``link`` leads if that is outside ``root`` (resolved), else None (also for a symlink loop)."""
    try:
        target = link.resolve()
    except (OSError, RuntimeError):
        return None
    return None if target.is_relative_to(root) else target


def iter_inputs(paths: list[Path]) -> Iterator[Path | Quarantined]:
    """Files to read: explicit files as given; directories recursively, supported suffixes only. A symlink
    in a directory that leads out of it (to a file, a folder or nowhere) is not followed: it is a
    Quarantined row ``symlink_outside_input``."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            root = p.resolve()
            for f in sorted(p.rglob("*")):
                if any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                target = _outside(f, root) if f.is_symlink() else None
                if target is not None:
                    yield Quarantined(stage="ingest", reason="symlink_outside_input", source=path_text(f),
                                      payload=f"-> {path_text(target)}")
                elif f.is_file() and f.suffix.lower() in SUFFIXES:
                    yield f
        elif p.is_file():
            yield p
        else:
            raise InputError(f"input path not found: {p}")


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """The files ``iter_inputs`` would read."""
    return (f for f in iter_inputs(paths) if isinstance(f, Path))


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason). Handles UTF-8 (with or without BOM) and UTF-16 with BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "invalid_utf16"
    head = data[:8192]
    if b"\x00" in head:
        return None, "binary_file"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "invalid_utf8"
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 20):
        return None, "binary_file"
    return text, None


def parse_date(value: object) -> tuple[dt.date | None, str | None]:
    """A published date from YYYY-MM-DD, an ISO timestamp or a date YAML already read; (None, reason) if
    unusable or outside 1900-2100."""
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        d = value.date()
    elif isinstance(value, dt.date):
        d = value
    elif not isinstance(value, str):
        return None, "invalid_published"
    else:
        s = value.strip()
        try:
            d = dt.date.fromisoformat(s[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", s) else None
        except ValueError:
            d = None
    if d is None or not (1900 <= d.year <= 2100):
        return None, "invalid_published"
    return d, None


def printable(s: str) -> str:
    """``s`` with lone surrogates escaped, so that it can be stored."""
    return s.encode("utf-8", "backslashreplace").decode("utf-8")


def path_text(path: Path) -> str:
    """A path as stored: bytes of its name that are not UTF-8 shown as \\xNN (Python holds them as surrogates)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def guarded(source: str, parse: Callable[..., Record], *args: object) -> Record:
    """``parse(*args)``, or a Quarantined row saying what it raised: one record costs only itself."""
    try:
        return parse(*args)
    except Exception as e:  # noqa: BLE001 — whatever one record's content raises is that record's problem
        return Quarantined(stage="ingest", reason=f"ingest_error:{type(e).__name__}", source=source,
                           payload=printable(str(e))[:500])


def _id_string(ext: object) -> str | None:
    """The external id as stored (a string), or None where there is none or it cannot be written."""
    if ext is None or isinstance(ext, LongNumber):
        return None
    try:
        return str(ext)
    except (ValueError, RecursionError):  # an int over 4,300 digits (e.g. YAML hex), a list nested too deep
        return None


def _payload(meta: dict) -> str:
    shown = {k: meta.get(k) for k in META_FIELDS if meta.get(k) is not None}
    try:
        return json.dumps(shown, default=str)[:2000]
    except (ValueError, RecursionError):
        return json.dumps({k: f"<{type(v).__name__}>" for k, v in shown.items()})[:2000]


def make_document(meta: dict, text: object, source: str) -> Record:
    """Validate one record's fields and build a RawDocument, or say why not."""
    ext = meta.get("id")
    ext_s = _id_string(ext)

    def bad(reason: str) -> Quarantined:
        return Quarantined(stage="ingest", reason=reason, source=source, payload=_payload(meta),
                           external_id=None if ext_s is None else printable(ext_s))

    if text is None:
        return bad("missing_text")
    if not isinstance(text, str):
        return bad("wrong_field_type:text")
    for k in ("title", "url", "lang"):
        if meta.get(k) is not None and not isinstance(meta[k], str):
            return bad(f"wrong_field_type:{k}")
    if isinstance(ext, LongNumber) or (isinstance(ext, int) and ext_s is None):
        return bad("invalid_id")
    if ext is not None and not isinstance(ext, (str, int)):
        return bad("wrong_field_type:id")
    for k, v in (("id", ext_s), ("text", text), ("title", meta.get("title")), ("url", meta.get("url")),
                 ("lang", meta.get("lang"))):
        if v is not None and SURROGATE.search(v):
            return bad(f"invalid_unicode:{k}")
    text = normalise_text(text)
    if not text:
        return bad("empty_text")
    if len(text) > MAX_CHARS:
        return bad("text_too_long")
    if len(text) > MAX_SENTENCE_CHARS and max(map(len, SENTENCE_BREAK.split(text))) > MAX_SENTENCE_CHARS:
        return bad("sentence_too_long")
    published, why = parse_date(meta.get("published"))
    if why:
        return bad(why)
    lang = (meta.get("lang") or "").strip().lower() or None
    return RawDocument(text=text, source=source, external_id=ext_s, title=meta.get("title"),
                       url=meta.get("url"), published=published, lang=lang)


def parse_text_file(text: str, source: str) -> Record:
    meta: dict = {}
    m = FRONT_MATTER.match(text)
    if m:
        try:
            loaded = load_front_matter(m.group(1))
        except Exception:  # noqa: BLE001 — YAMLError, RecursionError on deep nesting: not front matter we read
            return Quarantined(stage="ingest", reason="malformed_front_matter", source=source, payload=text[:500])
        if not isinstance(loaded, dict):
            return Quarantined(stage="ingest", reason="malformed_front_matter", source=source, payload=text[:500])
        meta = {k: loaded.get(k) for k in META_FIELDS}
        text = text[m.end():]
    else:
        h = DATE_HEADER.match(text)
        if h:
            meta["published"] = h.group(1)
            text = text[h.end():]
    return make_document(meta, text, source)


def parse_jsonl(text: str, source: str) -> Iterator[Record]:
    """One record a line. Lines end at "\\n" only (an optional "\\r" before it is dropped): U+2028, U+0085,
    \\x0c and the other breaks of ``str.splitlines`` may stand inside a JSON string."""
    for n, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{source}:{n}"
        yield guarded(where, parse_json_line, line, where)


def parse_json_line(line: str, where: str) -> Record:
    try:
        obj = load_json(line)
    except json.JSONDecodeError as e:
        return Quarantined(stage="ingest", reason="malformed_jsonl", source=where, payload=f"{e.msg}: {line[:500]}")
    except RecursionError:
        return Quarantined(stage="ingest", reason="malformed_jsonl", source=where,
                           payload=f"nested too deeply: {line[:500]}")
    if not isinstance(obj, dict):
        return Quarantined(stage="ingest", reason="malformed_jsonl", source=where, payload=line[:500])
    return make_document(obj, obj.get("text"), where)


def parse_csv(text: str, source: str) -> Iterator[Record]:
    """Rows numbered from 2 (the header is 1). No field is longer than the file, so with the csv module's
    field limit (process-wide) raised to that a long field is read whole and judged like any other text
    (``text_too_long``); a row the module still refuses is one ``malformed_csv`` row and reading goes on."""
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fields = reader.fieldnames
    except csv.Error as e:
        yield Quarantined(stage="ingest", reason="malformed_csv", source=source, payload=str(e))
        return
    if not fields or "text" not in fields:
        yield Quarantined(stage="ingest", reason="csv_missing_text_column", source=source, payload=text[:500])
        return
    for n in itertools.count(2):
        where, line = f"{source}:{n}", reader.reader.line_num  # physical lines read (DictReader's lags on errors)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield Quarantined(stage="ingest", reason="malformed_csv", source=where, payload=f"line {line + 1}: {e}")
            if reader.reader.line_num == line:  # read nothing: it would fail again
                return
            continue
        yield guarded(where, csv_document, row, where)


def csv_document(row: dict, where: str) -> Record:
    meta = {k: (row.get(k) or None) for k in META_FIELDS}
    return make_document(meta, row.get("text"), where)


def read_file(path: Path) -> Iterator[Record]:
    source = str(path)
    if SURROGATE.search(source):
        yield Quarantined(stage="ingest", reason="invalid_unicode:path", source=path_text(path))
        return
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Quarantined(stage="ingest", reason="unsupported_format", source=source)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Quarantined(stage="ingest", reason="unreadable_file", source=source, payload=str(e))
        return
    if not data.strip():
        yield Quarantined(stage="ingest", reason="empty_file", source=source)
        return
    text, why = decode(data)
    if why:
        yield Quarantined(stage="ingest", reason=why, source=source, payload=repr(data[:200]))
        return
    if suffix in TEXT_SUFFIXES:
        yield guarded(source, parse_text_file, text, source)
    elif suffix == ".jsonl":
        yield from parse_jsonl(text, source)
    else:
        yield from parse_csv(text, source)


def read_paths(paths: list[Path]) -> Iterator[Record]:
    for f in iter_inputs(paths):
        if isinstance(f, Quarantined):
            yield f
        else:
            yield from read_file(f)
