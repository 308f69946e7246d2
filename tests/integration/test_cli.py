"""The CLI end to end, in process, with exit codes."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow
runner = CliRunner()


def test_help_everywhere():
    for args in (["--help"], ["run", "--help"], ["eval", "--help"], ["models", "--help"], ["models", "train", "--help"],
                 ["annotate", "--help"], ["db", "upgrade", "--help"], ["dashboard", "--help"], ["explain", "--help"]):
        res = runner.invoke(app, args)
        assert res.exit_code == 0, args
        assert "Usage" in res.output


def test_usage_error_exit_2(tmp_path):
    res = runner.invoke(app, ["run", "--input", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.duckdb")])
    assert res.exit_code == 2
    assert "input not found" in res.output


def test_run_prints_summary_and_exit_status(tmp_path, prefect_harness):
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "a", "text": "Китай и Индия договорились о встрече министров.", "lang": "ru"}\n{oops\n')
    res = runner.invoke(app, ["run", "--input", str(bad), "--db", str(tmp_path / "w.duckdb"), "--no-progress"])
    assert res.exit_code == 3, res.output
    assert "documents: 2 seen, 1 loaded" in res.output
    assert "malformed_jsonl" in res.output
    page = tmp_path / "report.html"
    res = runner.invoke(app, ["dashboard", "--db", str(tmp_path / "w.duckdb"), "--out", str(page)])
    assert res.exit_code == 0, res.output
    assert "dashboard:" in res.output and "malformed_jsonl" in page.read_text(encoding="utf-8")
    res = runner.invoke(app, ["dashboard", "--db", str(tmp_path / "missing.duckdb")])
    assert res.exit_code == 2 and "no database" in res.output


def test_models_list_names_the_offline_profile():
    res = runner.invoke(app, ["models", "list"])
    assert res.exit_code == 0
    assert "ru:" in res.output and "natasha=yes" in res.output


def test_annotate_writes_conllu(tmp_path):
    out = tmp_path / "a.conllu"
    res = runner.invoke(app, ["annotate", "--input", str(SAMPLES / "ru_news.jsonl"), "--out", str(out), "--lang", "ru"])
    assert res.exit_code == 0, res.output
    text = out.read_text()
    assert "# newdoc id = ru-sanctions-002" in text and "\tnsubj\t" in text


def test_explain_shows_events_and_reasons(tmp_path):
    res = runner.invoke(app, ["explain", "Россия осудила санкции ЕС. Погода была хорошей.", "--lang", "ru",
                              "--published", "2025-10-30", "--tree"])
    assert res.exit_code == 0, res.output
    assert "EVENT    ACCUSE 'осудила'" in res.output and "= Russia (RUS)" in res.output
    assert "mention  'ЕС' = European Union (EU, ORG)" in res.output
    assert "nsubj" in res.output  # the --tree lines
    assert "no event 'хороший': predicate_not_in_lexicon" in res.output
    f = tmp_path / "t.txt"
    f.write_text("Турция пригласила делегацию Ирана.", encoding="utf-8")
    res = runner.invoke(app, ["explain", "--file", str(f), "--lang", "ru", "--published", "2025-10-30"])
    assert res.exit_code == 0 and "EVENT    REQUEST" in res.output, res.output
    res = runner.invoke(app, ["explain", "x", "--published", "30.10.2025"])
    assert res.exit_code == 2 and "is not a date" in res.output
    res = runner.invoke(app, ["explain"])
    assert res.exit_code == 2 and "as an argument or with --file" in res.output


@pytest.mark.parametrize("case", ["folder", "not_duckdb", "read_only", "env_batch", "env_ratio", "option"])
def test_common_mistakes_are_one_line_and_exit_2(tmp_path, monkeypatch, case):
    """A warehouse path that is a folder, another kind of file or read-only, and a bad value from the
    environment or an option: one 'error:' line naming it, exit 2, no traceback."""
    text = tmp_path / "in.txt"
    text.write_text("Kenya praised Egypt.", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    args = ["run", "--input", str(text), "--db", str(db), "--no-progress"]
    if case == "folder":
        db.mkdir()
    elif case == "not_duckdb":
        db.write_text("a spreadsheet, perhaps", encoding="utf-8")
    elif case == "read_only":
        import duckdb

        duckdb.connect(str(db)).close()
        db.chmod(0o444)
        import os

        if os.access(db, os.W_OK):
            pytest.skip("running as a user who can write a read-only file")
    elif case == "env_batch":
        monkeypatch.setenv("COMMUNIQUE_BATCH_SIZE", "0")
    elif case == "env_ratio":
        monkeypatch.setenv("COMMUNIQUE_MAX_FAILURE_RATIO", "abc")
    elif case == "option":
        args += ["--workers", "0"]
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert "Traceback" not in res.output and len(lines) <= 5, res.output
    if case != "option":  # typer reports its own option bounds in its usage box
        assert lines[-1].startswith("error: ") and len(lines) == 1, res.output
    named = {"folder": "folder", "not_duckdb": "not a DuckDB", "read_only": "read-only",
             "env_batch": "COMMUNIQUE_BATCH_SIZE", "env_ratio": "COMMUNIQUE_MAX_FAILURE_RATIO", "option": "workers"}
    assert named[case] in res.output


def test_a_second_run_on_a_held_warehouse_is_refused_then_waits(tmp_path, prefect_harness):
    import subprocess
    import sys

    text = tmp_path / "in.txt"
    text.write_text("Kenya praised Egypt.", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    hold = ("import sys, time; from warehouse.run_lock import run_lock\n"
            "with run_lock(sys.argv[1]):\n    print('held', flush=True); time.sleep(3)")
    p = subprocess.Popen([sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    try:
        res = runner.invoke(app, ["run", "--input", str(text), "--db", str(db), "--no-progress"])
        assert res.exit_code == 1 and f"being written by run pid {p.pid}" in res.output, res.output
        assert not db.exists()  # refused before anything was read or written
        res = runner.invoke(app, ["run", "--input", str(text), "--db", str(db), "--no-progress", "--wait"])
        assert res.exit_code == 0 and "1 loaded" in res.output, res.output
    finally:
        p.kill()
        p.wait()
    res = runner.invoke(app, ["run", "--input", str(text), "--db", str(db), "--no-progress", "--wait"])
    assert res.exit_code == 0 and "0 loaded, 1 already loaded" in res.output, res.output


def test_usage_mistakes_through_the_real_entry_point_are_one_line(tmp_path):
    """The installed command (not the test runner): --version, -h, usage mistakes as one 'error:' line
    with exit 2, and help that shows its defaults."""
    import subprocess
    import sys
    from pathlib import Path

    cli = str(Path(sys.executable).with_name("communique"))

    def call(*args):
        return subprocess.run([cli, *args], capture_output=True, text=True, timeout=120, cwd=tmp_path)

    res = call("--version")
    assert res.returncode == 0 and res.stdout.startswith("communique ")
    assert call("-h").returncode == 0 and "Usage: communique" in call("-h").stdout
    assert "[default: data/communique.duckdb]" in call("run", "--help").stdout
    for args in (["nosuch"], ["run", "--input"], ["run", "--input", "x", "--workers", "0"],
                 ["run", "--input", "x", "--lang", "xx"]):
        res = call(*args)
        lines = [x for x in res.stderr.splitlines() if x.strip()]
        assert res.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: "), (args, res.stderr)
        assert "Traceback" not in res.stderr + res.stdout


def test_status_shows_run_ids_and_quality_refuses_an_unknown_run(tmp_path, prefect_harness):
    text = tmp_path / "in.txt"
    text.write_text("Kenya praised Egypt.", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert runner.invoke(app, ["run", "--input", str(text), "--db", str(db), "--no-progress"]).exit_code == 0
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    [(run_id,)] = con.execute("SELECT run_id FROM runs").fetchall()
    con.close()
    res = runner.invoke(app, ["status", "--db", str(db)])
    assert res.exit_code == 0 and run_id in res.output  # the id `quality --run-id` takes
    res = runner.invoke(app, ["quality", "--db", str(db), "--run-id", "nope"])
    assert res.exit_code == 2 and "no run 'nope'" in res.output


def test_explain_file_reads_it_as_run_does(tmp_path):
    """Front matter and a date header are metadata, not sentences: the file's own date dates the text."""
    fm = tmp_path / "a.md"
    fm.write_text("---\ntitle: Talks in Geneva\npublished: 2025-03-14\n---\nRussia on Tuesday urged Japan to resume talks.\n",
                  encoding="utf-8")
    header = tmp_path / "b.txt"
    header.write_text("date 2025-03-14 Russia on Tuesday urged Japan to resume talks.\n", encoding="utf-8")
    for f in (fm, header):
        res = runner.invoke(app, ["explain", "--file", str(f)])
        assert res.exit_code == 0, res.output
        assert "published 2025-03-14" in res.output and "date 2025-03-11 (text)" in res.output
        assert "Geneva" not in res.output and "[1]" not in res.output  # one sentence, no title in it
    bad = tmp_path / "c.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    res = runner.invoke(app, ["explain", "--file", str(bad)])
    assert res.exit_code == 2 and "missing_text" in res.output


def test_read_only_commands_write_nothing_beside_the_warehouse(tmp_path, prefect_harness, monkeypatch):
    """status, export and dashboard read a warehouse on a read-only share: they create no folder
    (no Prefect home) and no file next to it."""
    text = tmp_path / "in.txt"
    text.write_text("Kenya praised Egypt.", encoding="utf-8")
    share = tmp_path / "share"
    db = share / "w.duckdb"
    assert runner.invoke(app, ["run", "--input", str(text), "--db", str(db), "--no-progress"]).exit_code == 0
    before = sorted(p.name for p in share.iterdir())
    monkeypatch.delenv("PREFECT_HOME")  # as for a user: the default home would be <warehouse folder>/prefect
    for args in (["status"], ["export", "--out", str(tmp_path / "x")], ["dashboard", "--out", str(tmp_path / "d.html")]):
        res = runner.invoke(app, [*args, "--db", str(db)])
        assert res.exit_code == 0, (args, res.output)
    assert sorted(p.name for p in share.iterdir()) == before


def test_serve_refuses_a_ui_setting_that_is_not_a_boolean(tmp_path, monkeypatch):
    """Checked before anything starts: one 'error:' line, exit 2. (Were it not, the server would meet
    a port already taken and the command would fail otherwise.)"""
    import socket

    monkeypatch.setenv("PREFECT_UI_ENABLED", "sometimes")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        res = runner.invoke(app, ["serve", "--db", str(tmp_path / "w.duckdb"), "--port", str(taken.getsockname()[1])])
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert res.exit_code == 2 and lines == ["error: PREFECT_UI_ENABLED: not a boolean (got 'sometimes')"], res.output


# `communique run` in a fresh interpreter that reports, at exit, which heavy modules its own process imported
PROBE = ("import atexit, json, sys\n"
         "atexit.register(lambda: print('MODULES', json.dumps(sorted(m for m in ('torch', 'stanza', "
         "'great_expectations', 'prefect.server.api.server') if m in sys.modules))))\n"
         "sys.argv = ['communique'] + sys.argv[1:]\nfrom flows.cli import main\nmain()")


def _probe_run(doc, db, env) -> tuple[list[str], str]:
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    res = subprocess.run([sys.executable, "-c", PROBE, "run", "--input", str(doc), "--db", str(db), "--no-progress"],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-3000:]
    return json.loads(res.stdout.split("MODULES", 1)[1].strip().splitlines()[0]), res.stdout


def test_a_one_document_run_imports_only_what_it_needs(tmp_path, prefect_harness):
    """The flow's process of a natasha run imports neither Stanza nor torch (the workers do) nor
    Prefect's server modules; GX only when there is something to validate: a rerun with nothing new
    does not import it. With no server configured the run starts its own API and leaves nothing behind."""
    import os

    from prefect.settings import get_current_settings

    from tests.conftest import ROOT

    doc = tmp_path / "one.jsonl"
    doc.write_text('{"id": "one", "lang": "ru", "text": "Китай и Индия договорились о встрече министров."}\n',
                   encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "COMMUNIQUE_"))}
    own = dict(base, PYTHONPATH=str(ROOT), COMMUNIQUE_PROFILE="natasha", PREFECT_HOME=str(tmp_path / "prefect"))
    first, out = _probe_run(doc, tmp_path / "w.duckdb", own)  # no server configured: its own ephemeral API
    assert first == ["great_expectations"] and "1 loaded" in out
    # the rerun on the session's server (so no API boot to fill with GX's import): nothing new, no GX
    again, out = _probe_run(doc, tmp_path / "w.duckdb", dict(own, PREFECT_API_URL=get_current_settings().api.url))
    assert again == [] and "1 already loaded" in out
