"""The ``communique`` command line. Settings are read here, once, and passed down."""
from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from flows.settings import Settings, load as load_settings

# plain help (Rich markup would swallow "[default: …]") with -h as well as --help
HELP = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(help="Communique: raw news text (ru/en) -> a DuckDB warehouse of diplomatic events.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  rich_markup_mode=None, context_settings=HELP)
models_app = typer.Typer(help="List, download and train NLP models.", no_args_is_help=True, rich_markup_mode=None,
                         context_settings=HELP)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True, rich_markup_mode=None, context_settings=HELP)
app.add_typer(models_app, name="models")
app.add_typer(db_app, name="db")

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_QUARANTINE = 0, 1, 2, 3


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"communique {version('communique')}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                 help="Print the version and exit.")] = False) -> None:
    """Communique: raw news text (ru/en) -> a DuckDB warehouse of diplomatic events."""


class Lang(str, Enum):
    auto = "auto"
    ru = "ru"
    en = "en"


def _fail(msg: str, code: int = EXIT_FAILURE) -> None:
    typer.secho(f"error: {msg}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _settings(db: Optional[Path] = None, db_access: str | None = None, **overrides) -> Settings:
    """Validated settings; with ``db_access`` ("read" or "write") the warehouse path is checked too, so
    a folder, another kind of file or a path without write access is one line, exit 2."""
    try:
        return load_settings(db, db_access, **overrides)
    except ValueError as e:  # SettingsError, DatabasePathError
        _fail(str(e), EXIT_USAGE)


def _prestart(s: Settings, workers: bool = True) -> None:
    """Start what a run will wait for, before this process imports Prefect: the Prefect API (a running
    `communique serve`'s, else this process's own ephemeral server, booting in the background: see
    ``flows.local_api``) and, with ``workers``, the annotation pool, whose processes import and load
    their models meanwhile. Only in a fresh process: where Prefect is already imported (a test calling
    the app in-process) the environment would come too late and nothing is started."""
    if "prefect" in sys.modules:
        return
    from flows import local_api

    local_api.prepare(Path(os.environ["PREFECT_HOME"]))
    if workers:
        from flows import pool

        pool.shared(s.parallelism())


def print_summary(summary) -> None:
    typer.echo(f"run {summary.run_id} → {summary.db}")
    typer.echo(f"  documents: {summary.docs_seen} seen, {summary.docs_loaded} loaded, {summary.docs_skipped} already loaded")
    typer.echo(f"  sentences: {summary.sentences}")
    types = ", ".join(f"{k} {v}" for k, v in summary.events_by_type.items()) or "none"
    typer.echo(f"  events: {summary.events} ({types})")
    typer.echo(f"  quarantined: {summary.quarantined}")
    for reason, n in summary.quarantine_by_reason.items():
        typer.echo(f"    {n:>4} × {reason}")
    if summary.workers:
        typer.echo("  annotation workers: " + ", ".join(f"pid {pid} (models loaded {n}×)"
                                                       for pid, n in sorted(summary.workers.items())))


@app.command()
def run(
    input: Annotated[list[Path], typer.Option("--input", "-i", help="File or directory (.txt .md .jsonl .csv); repeatable.")],
    db: Annotated[Optional[Path], typer.Option(help="DuckDB file [default: data/communique.duckdb].")] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the input, or auto-detect per document.")] = Lang.auto,
    profile: Annotated[Optional[str], typer.Option(help="NLP profile: auto|stanza|natasha|compact.")] = None,
    models_dir: Annotated[Optional[Path], typer.Option(help="Official Stanza model directory.")] = None,
    batch_size: Annotated[Optional[int], typer.Option(min=1, help="Documents per batch [default: 128].")] = None,
    reprocess: Annotated[bool, typer.Option(help="Re-extract documents already loaded.")] = False,
    progress: Annotated[Optional[bool], typer.Option(help="Show a progress bar.")] = None,
    workers: Annotated[Optional[int], typer.Option(min=1, help="Annotation processes (each loads the models once).")] = None,
    dask_address: Annotated[Optional[str], typer.Option(help="Annotate on a Dask cluster: tcp://host:port of its scheduler.")] = None,
    dask_local: Annotated[Optional[int], typer.Option(min=1, help="Annotate on a local Dask cluster of N worker processes.")] = None,
    wait: Annotated[Optional[bool], typer.Option("--wait", help="Wait for another run on the same warehouse instead of refusing.")] = None,
    doc_timeout: Annotated[Optional[float], typer.Option(min=0, help="Seconds one document may take to annotate; over it, quarantined as timeout (0: no limit) [default: 120].")] = None,
) -> None:
    """Run the pipeline on input files and load the results into DuckDB.

    Exit status: 0 all loaded; 3 some records quarantined; 2 usage error; 1 failure."""
    s = _settings(db, "write", profile=profile, models_dir=models_dir, batch_size=batch_size, progress=progress,
                  workers=workers, dask_address=dask_address, dask_local=dask_local, wait=wait,
                  doc_timeout=doc_timeout)
    missing = [str(p) for p in input if not p.exists()]
    if missing:
        _fail(f"input not found: {', '.join(missing)}", EXIT_USAGE)
    from extractors.nlp.profiles import PROFILES

    if s.profile not in PROFILES:
        _fail(f"unknown profile {s.profile!r}; choose from {', '.join(PROFILES)}", EXIT_USAGE)
    _prestart(s)
    from flows.pipeline import FailureRatioExceeded, run_with
    from warehouse.db import DatabaseBusyError

    try:
        summary = run_with(s, inputs=[str(p) for p in input], lang=lang.value, reprocess=reprocess,
                           progress=s.progress and sys.stderr.isatty())
    except DatabaseBusyError as e:
        _fail(str(e))
    except FailureRatioExceeded as e:
        _fail(f"run failed: {e} in {s.db_path}")
    print_summary(summary)
    raise typer.Exit(EXIT_QUARANTINE if summary.quarantined else EXIT_OK)


@app.command()
def reprocess(
    db: Annotated[Optional[Path], typer.Option(help="DuckDB file [default: data/communique.duckdb].")] = None,
    all_documents: Annotated[bool, typer.Option("--all", help="Re-extract every document, not only stale ones.")] = False,
    progress: Annotated[Optional[bool], typer.Option(help="Show a progress bar.")] = None,
    wait: Annotated[Optional[bool], typer.Option("--wait", help="Wait for another run on the same warehouse instead of refusing.")] = None,
) -> None:
    """Re-extract documents whose events came from an older extractor version, from the warehouse's
    own copy of their text, replacing their rows atomically per batch."""
    s = _settings(db, "write", progress=progress, wait=wait)
    if not s.db_path.exists():
        _fail(f"no database at {s.db_path}", EXIT_USAGE)
    _prestart(s)
    from flows.pipeline import run_with
    from warehouse.db import DatabaseBusyError

    try:
        summary = run_with(s, inputs=[], reprocess=all_documents, progress=s.progress and sys.stderr.isatty(),
                           from_warehouse=True)
    except DatabaseBusyError as e:
        _fail(str(e))
    print_summary(summary)
    raise typer.Exit(EXIT_QUARANTINE if summary.quarantined else EXIT_OK)


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Option(help="Directory with docs.jsonl and events.jsonl.")] = Path("../shared/eval/dev"),
    db: Annotated[Optional[Path], typer.Option(help="Keep the evaluation database here [default: temporary].")] = None,
    details: Annotated[bool, typer.Option(help="List unmatched gold and system events, and matched ones whose type or parties differ.")] = False,
    frozen: Annotated[bool, typer.Option(help="Parse each gold document once and keep the parse (under DATA_DIR/parse-cache); "
                                              "then only extraction and scoring run, in this process, in seconds.")] = False,
    only: Annotated[Optional[list[str]], typer.Option(help="Score only documents whose id matches this glob (repeatable; with --frozen).")] = None,
) -> None:
    """Run the pipeline on a gold set into a temporary database and print P/R/F1 and accuracies."""
    import tempfile

    if not (gold / "docs.jsonl").exists() or not (gold / "events.jsonl").exists():
        _fail(f"{gold} has no docs.jsonl and events.jsonl", EXIT_USAGE)
    if only and not frozen:
        _fail("--only needs --frozen", EXIT_USAGE)
    if frozen:
        from extractors.evaluation import render
        from flows.evaluate_frozen import evaluate_frozen

        s = _settings(None, progress=False)
        typer.echo(render(evaluate_frozen(gold, s.nlp_config(), s.data_dir / "parse-cache", only), details=details))
        return
    tmp = Path(tempfile.mkdtemp(prefix="communique-eval-"))
    if db is None:  # the temporary warehouse (and its Prefect home) goes when the command ends
        import atexit
        import shutil

        atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    s = _settings(db or tmp / "eval.duckdb", "write", progress=False)
    from flows.evaluate import evaluate_gold

    report = evaluate_gold(gold, s)
    typer.echo(report.render(details=details))


@app.command()
def explain(
    text: Annotated[Optional[str], typer.Argument(help="The text to explain (or use --file).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the text from this file.")] = None,
    lang: Annotated[Lang, typer.Option()] = Lang.auto,
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) for relative dates [default: the file's own date, else today].")] = None,
    tree: Annotated[bool, typer.Option(help="Also print each word's lemma, tag and dependency.")] = False,
) -> None:
    """Show how one text is read: parse, actor mentions, events and why a predicate gave no event."""
    import datetime as dt

    if (text is None) == (file is None):
        _fail("give the text as an argument or with --file (one of the two)", EXIT_USAGE)
    doc_day = None
    if file is not None:
        if not file.is_file():
            _fail(f"{file} is not a file", EXIT_USAGE)
        # read as `run` reads it: front matter or a date header, JSONL and CSV records (the first one)
        from extractors.records import Quarantined
        from flows.ingest import read_file

        rec = next(iter(read_file(file)), None)
        if rec is None or isinstance(rec, Quarantined):
            _fail(f"{file}: {rec.reason if rec is not None else 'no document'} (as `run` would quarantine it)", EXIT_USAGE)
        text, doc_day = rec.text, rec.published
        if lang == Lang.auto and rec.lang in ("ru", "en"):
            lang = Lang(rec.lang)
    if not text.strip():
        _fail("the text is empty", EXIT_USAGE)
    try:
        day = dt.date.fromisoformat(published) if published else (doc_day or dt.date.today())
    except ValueError:
        _fail(f"--published {published!r} is not a date (YYYY-MM-DD)", EXIT_USAGE)
    s = _settings()
    from extractors.nlp.profiles import ModelMissingError
    from flows.explain import explain_text

    try:
        typer.echo(explain_text(text, lang.value, day, s.nlp_config(), show_tree=tree))
    except ModelMissingError as e:
        _fail(str(e))
    except ValueError as e:
        _fail(str(e), EXIT_USAGE)


@app.command()
def annotate(
    input: Annotated[list[Path], typer.Option("--input", "-i", help="Input files or directories.")],
    out: Annotated[Path, typer.Option(help="CoNLL-U output file.")],
    lang: Annotated[Lang, typer.Option()] = Lang.auto,
) -> None:
    """Annotate documents with Stanza and write CoNLL-U with document and sentence ids."""
    s = _settings()
    from flows.annotate import annotate_to_conllu

    n = annotate_to_conllu(input, out, lang.value, s.nlp_config())
    typer.echo(f"wrote {n} documents to {out}")


@models_app.command("list")
def models_list() -> None:
    """Show, per language, which profiles are available and what `auto` uses."""
    s = _settings()
    from extractors.nlp import profiles

    cfg = s.nlp_config()
    for lang in cfg.languages:
        have = profiles.available(lang, cfg)
        try:
            chosen = profiles.resolve(lang, cfg.__class__(**{**cfg.__dict__, "profile": "auto"}))
        except profiles.ModelMissingError as e:
            chosen = f"none ({e})"
        marks = ", ".join(f"{k}={'yes' if v else 'no'}" for k, v in have.items())
        typer.echo(f"{lang}: {marks}; auto → {chosen}")


@models_app.command("download")
def models_download(langs: Annotated[list[str], typer.Argument(help="Languages, e.g. ru en.")],
                    models_dir: Annotated[Optional[Path], typer.Option()] = None) -> None:
    """Download official Stanza models (needs access to the Stanza model hub)."""
    s = _settings(models_dir=models_dir)
    target = s.stanza_dir() or s.data_dir / "stanza_resources"
    import stanza

    for lang in langs:
        try:
            stanza.download(lang, model_dir=str(target), logging_level="WARN")
        except Exception as e:  # noqa: BLE001 — network errors come in many types
            _fail(f"cannot download Stanza models for {lang!r}: this machine can't reach the Stanza model hub "
                  f"({type(e).__name__}). Copy a Stanza model directory here instead and pass "
                  f"--models-dir DIR (or set STANZA_RESOURCES_DIR).")
        typer.echo(f"{lang}: models in {target}")


def _train_extra(stages: list[str], pos_lr: float | None, save_each: bool) -> dict[str, list[str]]:
    extra: dict[str, list[str]] = {s: [] for s in stages}
    if pos_lr is not None:
        extra["pos"] += ["--lr", str(pos_lr)]
    if save_each and "pos" in extra:
        extra["pos"].append("--save_each")
    return extra


@models_app.command("train")
def models_train(
    lang: Annotated[str, typer.Argument(help="Language code, e.g. en.")],
    ud: Annotated[list[Path], typer.Option(help="Training CoNLL-U files or directories; repeatable.")],
    dev: Annotated[list[Path], typer.Option(help="Dev CoNLL-U files or directories; repeatable.")],
    out: Annotated[Optional[Path], typer.Option(help="Model directory [default: extractors/models/<lang>_compact].")] = None,
    workdir: Annotated[Path, typer.Option(help="Scratch directory for data and checkpoints.")] = Path("data/training"),
    stages: Annotated[str, typer.Option(help="Comma-separated: tokenize,mwt,lemma,pos,depparse.")] = "tokenize,mwt,lemma,pos,depparse",
    pos_steps: Annotated[int, typer.Option()] = 6000,
    pos_hidden: Annotated[int, typer.Option(help="Tagger width (LSTM, char LSTM, biaffine).")] = 128,
    depparse_steps: Annotated[int, typer.Option()] = 6000,
    tokenize_steps: Annotated[int, typer.Option()] = 2000,
    lemma_epochs: Annotated[int, typer.Option()] = 4,
    eval_interval: Annotated[int, typer.Option(help="Parser steps between dev evaluations.")] = 400,
    continue_from: Annotated[Optional[Path], typer.Option(
        help="Warm-start the depparse or pos stage (whichever --stages names) from this model file, "
             "e.g. the shipped one; the optimizer starts afresh. The parser uses it when no checkpoint "
             "exists in the workdir; the tagger must have been trained on the same data.")] = None,
    lr: Annotated[float, typer.Option(help="Tagger learning rate for a --continue-from warm start.")] = 1e-3,
    threads: Annotated[int, typer.Option()] = 1,
    keep_vocab: Annotated[bool, typer.Option(
        help="Tagger warm start: keep the vocabulary of the --continue-from model, so it can be fine-tuned "
             "on other data (e.g. one treebank of the original mix).")] = False,
    save_each: Annotated[bool, typer.Option(
        help="Tagger: also keep the model of every dev evaluation (pos_NNNNN.pt beside the best one).")] = False,
) -> None:
    """Train compact Stanza models with Stanza's own trainers (resumable; see MODEL_CARD.md)."""
    _settings()
    from extractors.nlp.profiles import PACKAGE_MODELS
    from extractors.nlp.training.data import prepare
    from extractors.nlp.training.train import STAGES, TrainConfig, train

    chosen = [x.strip() for x in stages.split(",") if x.strip()]
    unknown = [x for x in chosen if x not in STAGES]
    if unknown:
        _fail(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}", EXIT_USAGE)
    warm = [x for x in chosen if x in ("depparse", "pos")]
    if continue_from and len(warm) != 1:
        _fail("--continue-from warm-starts one stage: give --stages depparse or --stages pos", EXIT_USAGE)
    wd = workdir / lang
    data = prepare(ud, dev, wd)
    cfg = TrainConfig(lang=lang, workdir=wd, out_dir=out or PACKAGE_MODELS / f"{lang}_compact", threads=threads,
                      tokenize_steps=tokenize_steps, pos_steps=pos_steps, pos_hidden=pos_hidden,
                      depparse_steps=depparse_steps,
                      lemma_epochs=lemma_epochs, eval_interval=eval_interval,
                      continue_from={warm[0]: continue_from} if continue_from else {},
                      keep_vocab=keep_vocab,
                      extra=_train_extra(chosen, lr if continue_from and warm == ["pos"] else None, save_each))
    for path in train(chosen, data, cfg):
        typer.echo(f"trained {path}")


@app.command()
def export(
    out: Annotated[Path, typer.Option(help="Output directory.")],
    format: Annotated[str, typer.Option(help="parquet or csv.")] = "parquet",
    db: Annotated[Optional[Path], typer.Option()] = None,
) -> None:
    """Export every table and mart (events partitioned by month in Parquet)."""
    s = _settings(db, "read")
    if format not in ("parquet", "csv"):
        _fail("format must be parquet or csv", EXIT_USAGE)
    if not s.db_path.exists():
        _fail(f"no database at {s.db_path}; run `communique run` first", EXIT_USAGE)
    from warehouse.export import export as do_export

    counts = do_export(s.db_path, out, format)
    typer.echo(f"exported {len(counts)} relations to {out} ({sum(counts.values())} rows)")


@app.command()
def quality(
    db: Annotated[Optional[Path], typer.Option(help="DuckDB file [default: data/communique.duckdb].")] = None,
    run_id: Annotated[Optional[str], typer.Option(help="Run to document [default: the last run that loaded rows].")] = None,
) -> None:
    """Build Great Expectations Data Docs (offline HTML) for the last run and print where they are.

    Exit status: 0 every suite passed; 1 a suite failed; 2 no such run or database."""
    s = _settings(db, "read")
    if not s.db_path.exists():
        _fail(f"no database at {s.db_path}; run `communique run` first", EXIT_USAGE)
    from warehouse.quality.docs import build

    try:
        index, results = build(s.db_path, s.db_path.parent / "gx", run_id)
    except LookupError as e:
        _fail(str(e), EXIT_USAGE)
    for kind, ok in results.items():
        typer.echo(f"  {kind:<10} {'passed' if ok else 'FAILED'}")
    typer.echo(f"Data Docs: {index}")
    if not all(results.values()):
        raise typer.Exit(EXIT_FAILURE)  # a suite failed: scripts and schedulers see it


@app.command()
def dashboard(
    db: Annotated[Optional[Path], typer.Option(help="DuckDB file [default: data/communique.duckdb].")] = None,
    out: Annotated[Path, typer.Option(help="HTML file to write.")] = Path("data/dashboard.html"),
    serve: Annotated[bool, typer.Option(help="Serve the page on 127.0.0.1 instead (rebuilt on every refresh).")] = False,
    port: Annotated[int, typer.Option(help="Port for --serve.")] = 8765,
    limit: Annotated[int, typer.Option(min=1, help="Most recent events to embed.")] = 20_000,
) -> None:
    """Write a self-contained offline HTML dashboard (no CDN, no network), or serve it locally."""
    s = _settings(db, "read")
    if not s.db_path.exists():
        _fail(f"no database at {s.db_path}; run `communique run` first", EXIT_USAGE)
    from warehouse.db import DatabaseBusyError

    if serve:
        from flows.dashboard_server import make_server

        try:
            server = make_server(s.db_path, port, limit)
        except OSError as e:
            _fail(f"cannot listen on 127.0.0.1:{port}: {e.strerror or e}; try --port", EXIT_USAGE)
        typer.echo(f"dashboard on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            typer.echo("stopped")
        finally:
            server.server_close()
        return
    from warehouse.dashboard.build import write

    try:
        path = write(s.db_path, out, limit)
    except DatabaseBusyError as e:
        _fail(str(e))
    typer.echo(f"dashboard: {path} ({path.stat().st_size // 1024} KB)")


@app.command()
def inbox(
    folder: Annotated[Path, typer.Option("--dir", help="Inbox folder.")] = Path("data/inbox"),
    archive: Annotated[Optional[Path], typer.Option(help="Move processed files here (dated subfolders).")] = None,
    db: Annotated[Optional[Path], typer.Option(help="DuckDB file [default: data/communique.duckdb].")] = None,
    workers: Annotated[Optional[int], typer.Option(min=1, help="Annotation processes.")] = None,
) -> None:
    """Process the inbox's new files once (what the inbox-hourly deployment does on a schedule)."""
    s = _settings(db, "write", workers=workers)
    if not folder.is_dir():
        _fail(f"inbox folder not found: {folder}", EXIT_USAGE)
    _prestart(s, workers=False)  # (the folder may hold nothing new: the workers start only for a run)
    from flows.inbox import inbox as inbox_flow
    from flows.pipeline import FailureRatioExceeded

    try:
        out = inbox_flow(inbox_dir=str(folder), archive_dir=str(archive) if archive else None, db_path=str(s.db_path),
                         workers=s.workers)
    except FailureRatioExceeded as e:
        _fail(f"run failed: {e}")
    files = out.get("files") or {}
    typer.echo(f"inbox {folder}: {out['new_files']} new file(s), {out['already_processed']} already processed"
               + (f"; run {out['run_id']}: {out['docs_loaded']} documents loaded, {out['events']} events, "
                  f"{out['quarantined']} quarantined" if out.get("run_id") else "")
               + ("".join(f"\n  {n:>4} × {status}" for status, n in files.items())))
    raise typer.Exit(EXIT_QUARANTINE if out.get("quarantined") else EXIT_OK)


@app.command()
def serve(
    db: Annotated[Optional[Path], typer.Option(help="DuckDB file the deployments write [default: data/communique.duckdb].")] = None,
    port: Annotated[int, typer.Option(help="Prefect server port on 127.0.0.1.")] = 4200,
) -> None:
    """Start a local Prefect server (127.0.0.1) with Prefect's UI at http://127.0.0.1:PORT/ (unless
    PREFECT_UI_ENABLED=false), the communique-local work pool, the deployments of prefect.yaml, a
    worker and a warm annotation pool (COMMUNIQUE_WORKERS processes that load their models once for
    every flow run; none when COMMUNIQUE_DASK_ADDRESS names a cluster), in the foreground. Ctrl-C stops
    them all."""
    s = _settings(db, "write")
    try:
        ui = s.prefect_ui()
    except ValueError as e:  # SettingsError
        _fail(str(e), EXIT_USAGE)
    import signal

    from flows import serve as srv

    def _interrupt(signum, frame):  # Ctrl-C and `kill PID` both stop everything cleanly
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    typer.echo(f"starting the Prefect server on 127.0.0.1:{port} (logs in {s.data_dir / 'serve-logs'}) …")
    try:
        svc = srv.start_all(s.data_dir, s.db_path, port, ui,
                            annotators=0 if s.dask_address else (s.dask_local or s.workers))
    except srv.ServeError as e:
        _fail(str(e))
    except KeyboardInterrupt:
        _fail("interrupted while starting; everything started so far was stopped", 130)
    typer.echo(f"server {svc.api_url}; pool {srv.POOL}; deployments inbox-hourly, reprocess, export-nightly; "
               "worker running. Ctrl-C stops everything.")
    if svc.annotators:
        typer.echo(f"  annotation: {s.dask_local or s.workers} worker process(es) at {svc.annotators}, models "
                   "loaded once for every flow run")
    if svc.ui_url is None:
        typer.echo("  UI: off (PREFECT_UI_ENABLED=false in your environment or Prefect profile)")
    elif srv.ui_answers(svc.ui_url):
        typer.echo(f"  UI: {svc.ui_url}")
    else:
        typer.secho(f"  UI: {svc.ui_url} does not answer; see {svc.logs / 'server.log'}", err=True,
                    fg=typer.colors.YELLOW)
    typer.echo(f"  trigger a run: PREFECT_API_URL={svc.api_url} prefect deployment run inbox/inbox-hourly")
    try:
        while all(p.poll() is None for p in svc.procs.values()):
            import time

            time.sleep(1)
        dead = [n for n, p in svc.procs.items() if p.poll() is not None]
        typer.secho(f"{', '.join(dead)} exited; stopping (see {svc.logs})", err=True, fg=typer.colors.RED)
    except KeyboardInterrupt:
        typer.echo("stopping worker and server …")
    finally:
        svc.stop()
    typer.echo("stopped")


@app.command()
def status(
    db: Annotated[Optional[Path], typer.Option(help="DuckDB file [default: data/communique.duckdb].")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many runs.")] = 10,
    api_url: Annotated[Optional[str], typer.Option(help="Prefect API [default: PREFECT_API_URL or http://127.0.0.1:4200/api].")] = None,
) -> None:
    """The last runs from the warehouse and, when a Prefect server answers, their flow-run states."""
    s = _settings(db, "read")
    if not s.db_path.exists():
        _fail(f"no database at {s.db_path}; run `communique run` first", EXIT_USAGE)
    from flows.status import flow_states, last_runs

    runs = last_runs(s.db_path, limit)
    url = api_url or s.prefect_api_url()
    states = flow_states(url, [r["flow_run_id"] for r in runs if r["flow_run_id"]])
    typer.echo(f"{'run':<14}{'started':<20}{'status':<27}{'loaded':>7}{'events':>7}{'quar.':>6}  prefect")
    for r in runs:
        st = "(no server)" if states is None else states.get(r["flow_run_id"] or "", "(not on this server)")
        typer.echo(f"{r['run_id']:<14}{r['started']:<20}{r['status'] or 'running?':<27}{r['docs_loaded'] or 0:>7}"
                   f"{r['events_loaded'] or 0:>7}{r['quarantined'] or 0:>6}  {st}")
    if not runs:
        typer.echo("no runs yet")


@db_app.command("upgrade")
def db_upgrade(db: Annotated[Optional[Path], typer.Option()] = None) -> None:
    """Apply pending schema migrations and refresh views."""
    s = _settings(db, "write")
    from warehouse import db as wdb

    con = wdb.connect(s.db_path)
    try:
        applied = wdb.upgrade(con)
    finally:
        con.close()
    typer.echo(f"{s.db_path}: applied {', '.join(applied) if applied else 'nothing (up to date)'}")


def main() -> None:
    from flows import stopping

    stopping.install()  # SIGTERM stops a run the way Ctrl-C does: the run is marked interrupted
    from typer._click import exceptions as click_exc  # typer's own copy of click (typer 0.29)

    try:
        # not standalone: a usage mistake is one "error:" line, like the app's own errors, not a box
        code = app(standalone_mode=False)
        if code == 130:  # typer's exit status for an interrupt inside a command: stop now (below)
            raise KeyboardInterrupt
        _finish(code if isinstance(code, int) else EXIT_OK)
    except click_exc.UsageError as e:
        cmd = e.ctx.command_path if e.ctx is not None else "communique"
        typer.secho(f"error: {e.format_message()} (see: {cmd} --help)", fg=typer.colors.RED, err=True)
        sys.exit(EXIT_USAGE)
    except click_exc.ClickException as e:
        typer.secho(f"error: {e.format_message()}", fg=typer.colors.RED, err=True)
        sys.exit(e.exit_code)
    except BaseException as e:  # noqa: BLE001 — Ctrl-C, SIGTERM (Prefect's TerminationSignal inside a flow)
        if not isinstance(e, (KeyboardInterrupt, typer.Abort)) and type(e).__name__ not in INTERRUPTS:
            raise
        typer.echo("interrupted", err=True)
        sys.stdout.flush()
        sys.stderr.flush()
        _stop_children()
        # do not wait for a worker thread still inside a model: its batch is lost anyway, and the run's
        # row already says interrupted
        os._exit(130)


INTERRUPTS = ("TerminationSignal", "ExternalSignal")  # Prefect's, raised when a signal stops a flow run


def _finish(code: int) -> None:
    """End the command: flush, run the exit handlers (Prefect drains its log and event queues, the
    annotation workers and this process's API server stop, DuckDB and logging close), then skip the
    interpreter's teardown of every imported module (1.4 s after a run on 2 cores, measured), which
    has nothing left to write. Every thread still alive then is a daemon."""
    import atexit

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _stop_children() -> None:
    """Before ``os._exit`` (which runs no exit handlers): the annotation workers and the ephemeral
    Prefect API server this process started end with it, Prefect's own ephemeral server too."""
    for name in ("flows.pool", "flows.local_api"):
        mod = sys.modules.get(name)
        if mod is not None:
            with contextlib.suppress(Exception):
                (mod.close_all if name == "flows.pool" else mod.stop)()
    server = sys.modules.get("prefect.server.api.server")
    if server is not None:
        for instance in list(getattr(server.SubprocessASGIServer, "_instances", {}).values()):
            with contextlib.suppress(Exception):
                instance.stop()


if __name__ == "__main__":
    main()
