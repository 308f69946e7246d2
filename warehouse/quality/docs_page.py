"""The Data Docs page: one self-contained HTML file (``docs_page.html``) rendered from Great
Expectations validation results. No script, no font, no stylesheet or image from anywhere: the status
icons are inline SVG, and a Content-Security-Policy forbids every fetch, so the page reads the same
offline. Every value from the data is HTML-escaped."""
from __future__ import annotations

import html
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

_CHECK = ('<svg viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="8" fill="currentColor"/>'
          '<path d="M4.4 8.4l2.3 2.3 4.9-5" stroke="#fff" stroke-width="1.9" fill="none" stroke-linecap="round" '
          'stroke-linejoin="round"/></svg>')
_CROSS = ('<svg viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="8" fill="currentColor"/>'
          '<path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" stroke-width="1.9" fill="none" '
          'stroke-linecap="round"/></svg>')
SHOWN_VALUES = 10  # unexpected values listed per expectation


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def status(ok: bool, words: str | None = None) -> str:
    """A pass/fail mark: an inline SVG icon and words (by default "passed" or "FAILED")."""
    cls = "passed" if ok else "failed"
    words = esc(words) if words is not None else ("passed" if ok else "FAILED")
    return f'<span class="status {cls}" data-status="{cls}">{_CHECK if ok else _CROSS}{words}</span>'


def expectation_name(kind: str) -> str:
    """``expect_column_values_to_be_in_set`` -> ``column values to be in set``."""
    return kind.removeprefix("expect_").replace("_", " ")


def parameters(kwargs: dict) -> str:
    shown = {k: v for k, v in kwargs.items() if k not in ("batch_id", "column")}
    parts = []
    for key, value in shown.items():
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        parts.append(f"<code>{esc(key)}</code> {esc(value)}")
    return "<br>".join(parts)


def unexpected(result: dict) -> str:
    values = result.get("partial_unexpected_list") or []
    count = result.get("unexpected_count")
    if not count:
        return ""
    listed = ", ".join(esc(v) for v in values[:SHOWN_VALUES])
    more = f" (first {min(len(values), SHOWN_VALUES)})" if count > min(len(values), SHOWN_VALUES) else ""
    return f"{esc(count)} row(s){more}: {listed}" if listed else f"{esc(count)} row(s)"


def _counts(suite: dict) -> tuple[int, int, int | None]:
    stats = suite.get("statistics") or {}
    rows = next((r["result"].get("element_count") for r in suite["results"] if (r.get("result") or {}).get("element_count") is not None), None)
    return stats.get("successful_expectations", 0), stats.get("evaluated_expectations", 0), rows


def summary_rows(suites: dict[str, dict]) -> str:
    out = []
    for name, suite in suites.items():
        met, total, rows = _counts(suite)
        unmet = ", ".join(expectation_name(r["expectation_config"]["type"]) + " · " + str(r["expectation_config"]["kwargs"].get("column", ""))
                          for r in suite["results"] if not r["success"])
        out.append(f'    <tr data-suite="{esc(name)}"><td><a href="#suite-{esc(name)}">{esc(name)}</a></td>'
                   f'<td>{status(bool(suite["success"]))}</td><td class="num">{esc(rows)}</td>'
                   f'<td class="num">{met} of {total}</td><td>{esc(unmet)}</td></tr>')
    return "\n".join(out)


def suite_section(name: str, suite: dict) -> str:
    rows = []
    for r in suite["results"]:
        cfg, res = r["expectation_config"], r.get("result") or {}
        error = (r.get("exception_info") or {}).get("exception_message")
        rows.append(f'    <tr><td>{status(bool(r["success"]))}</td><td>{esc(expectation_name(cfg["type"]))}</td>'
                    f'<td><code>{esc(cfg["kwargs"].get("column") or cfg["kwargs"].get("column_A", ""))}</code></td>'
                    f'<td>{parameters(cfg["kwargs"])}</td><td class="num">{esc(res.get("element_count", ""))}</td>'
                    f'<td class="values">{unexpected(res)}{esc(error) if error else ""}</td></tr>')
    met, total, count = _counts(suite)
    return (f'<section id="suite-{esc(name)}" class="suite" data-suite="{esc(name)}">\n'
            f'  <h2>{esc(name)} {status(bool(suite["success"]))}</h2>\n'
            f'  <p class="meta">{met} of {total} expectations met on {esc(count)} rows; validated '
            f'{esc(suite["meta"].get("validation_time", ""))}.</p>\n'
            '  <table>\n    <tr><th>status</th><th>expectation</th><th>column</th><th>parameters</th>'
            '<th class="num">rows</th><th>unexpected</th></tr>\n' + "\n".join(rows) + "\n  </table>\n</section>")


def load_table(rows: list[dict]) -> str:
    if not rows:
        return '<p class="meta">No load-time results recorded for this run.</p>'
    body = "\n".join(
        f'    <tr><td>{esc(r["suite"])}</td><td>{status(r["batches_passed"] == r["batches"])}</td>'
        f'<td class="num">{esc(r["batches"])}</td><td class="num">{esc(r["rows_checked"])}</td>'
        f'<td class="num">{esc(r["rows_failed"])}</td></tr>' for r in rows)
    return ('<table>\n    <tr><th>suite</th><th>status</th><th class="num">batches</th><th class="num">rows checked</th>'
            '<th class="num">rows failed (quarantined)</th></tr>\n' + body + "\n  </table>")


def run_meta(run: dict) -> str:
    return esc(f"started {run['started']} · {run['status']} · {run['docs_loaded']} documents loaded of "
               f"{run['docs_seen']} seen · {run['events_loaded']} events · {run['quarantined']} quarantined · "
               f"code {run['code_version']}")


def render(run: dict, suites: dict[str, dict], load_rows: list[dict], db_name: str, built_at: str,
           gx_version: str) -> str:
    """The page for one run: ``run`` is its runs row, ``suites`` each suite's validation result (GX's
    JSON form), ``load_rows`` the load-time results per suite."""
    failed = [name for name, s in suites.items() if not s["success"]]
    overall = (status(True, f"all {len(suites)} suites passed") if not failed else
               status(False, f"{len(failed)} of {len(suites)} suites failed: {', '.join(failed)}"))
    parts = {"@RUN_ID@": esc(run["run_id"]), "@RUN_META@": run_meta(run), "@OVERALL@": overall,
             "@SUMMARY_ROWS@": summary_rows(suites), "@LOAD_TABLE@": load_table(load_rows),
             "@SUITE_SECTIONS@": "\n".join(suite_section(n, s) for n, s in suites.items()),
             "@BUILT_AT@": esc(built_at), "@GX_VERSION@": esc(gx_version), "@DB_NAME@": f"<code>{esc(db_name)}</code>"}
    page = (HERE / "docs_page.html").read_text(encoding="utf-8")
    # one pass, so a value that happens to read like a placeholder stays as it is
    return re.sub(r"@[A-Z_]+@", lambda m: parts.get(m.group(0), m.group(0)), page)
