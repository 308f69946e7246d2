"""The environment `communique serve` gives Prefect's server and worker: its UI settings describe this
server, whatever stale values the user's environment holds, and only ``enabled``/``v2`` are the user's."""
from __future__ import annotations

from flows import serve
from flows.settings import PrefectUI


def test_ui_settings_name_this_server_under_both_of_prefects_names(monkeypatch, tmp_path):
    monkeypatch.setenv("PREFECT_SERVER_UI_API_URL", "http://elsewhere.example:4200/api")
    monkeypatch.setenv("PREFECT_UI_SERVE_BASE", "/old")
    monkeypatch.setenv("PREFECT_SERVER_UI_ENABLED", "true")
    env = serve.environment(tmp_path / "prefect", 4321, tmp_path / "w.duckdb", PrefectUI(enabled=False))
    for prefix in ("PREFECT_SERVER_UI_", "PREFECT_UI_"):
        assert env[prefix + "API_URL"] == "http://127.0.0.1:4321/api"
        assert env[prefix + "SERVE_BASE"] == "/"
        assert env[prefix + "ENABLED"] == "false"
    assert env["PREFECT_SERVER_UI_V2_ENABLED"] == "false" and env["PREFECT_UI_URL"] == "http://127.0.0.1:4321"
    assert serve.environment(tmp_path, 4321, tmp_path / "w.duckdb", PrefectUI(v2=True))["PREFECT_SERVER_UI_V2_ENABLED"] == "true"
