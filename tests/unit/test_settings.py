"""Settings are validated on every path: environment, options and flow parameters, and later
assignments; a bad value is one line naming where it came from."""
from __future__ import annotations

import pytest

from flows.settings import Settings, SettingsError, load


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    for k in ("COMMUNIQUE_WORKERS", "COMMUNIQUE_BATCH_SIZE", "COMMUNIQUE_MAX_FAILURE_RATIO"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))


def test_an_override_is_validated_like_the_environment(tmp_path):
    with pytest.raises(SettingsError, match=r"--workers: input should be greater than or equal to 1"):
        load(tmp_path / "w.duckdb", workers=-3)
    assert load(tmp_path / "w.duckdb", workers=2, batch_size=None).workers == 2  # None: not given


def test_the_environment_is_named_in_its_error(monkeypatch, tmp_path):
    monkeypatch.setenv("COMMUNIQUE_BATCH_SIZE", "0")
    with pytest.raises(SettingsError, match=r"^COMMUNIQUE_BATCH_SIZE: .*got '0'"):
        load(tmp_path / "w.duckdb")
    monkeypatch.setenv("COMMUNIQUE_BATCH_SIZE", "64")
    monkeypatch.setenv("COMMUNIQUE_MAX_FAILURE_RATIO", "1.5")
    with pytest.raises(SettingsError, match="COMMUNIQUE_MAX_FAILURE_RATIO"):
        load(tmp_path / "w.duckdb")


def test_an_unknown_override_is_refused(tmp_path):
    with pytest.raises(SettingsError, match="unknown setting"):
        load(tmp_path / "w.duckdb", wrokers=2)


def test_a_later_assignment_is_validated_too():
    s = Settings()
    with pytest.raises(ValueError):
        s.workers = 0


def test_each_warehouse_has_its_own_prefect_server_database(monkeypatch, tmp_path):
    import os

    monkeypatch.delenv("PREFECT_SERVER_DATABASE_CONNECTION_URL", raising=False)
    monkeypatch.delenv("PREFECT_API_DATABASE_CONNECTION_URL", raising=False)
    load(tmp_path / "a.duckdb")
    assert os.environ["PREFECT_SERVER_DATABASE_CONNECTION_URL"].endswith("/prefect/server-a.db")


UI_VARS = ("PREFECT_SERVER_UI_ENABLED", "PREFECT_UI_ENABLED", "PREFECT_SERVER_UI_V2_ENABLED")


def test_prefect_ui_is_on_unless_the_environment_or_the_profile_turns_it_off(monkeypatch, tmp_path):
    from flows.settings import PrefectUI

    for k in UI_VARS + ("PREFECT_PROFILES_PATH", "PREFECT_PROFILE"):
        monkeypatch.delenv(k, raising=False)
    load(tmp_path / "w.duckdb")  # the runtime defaults leave the UI to the user
    assert Settings().prefect_ui() == PrefectUI(enabled=True, v2=False)
    monkeypatch.setenv("PREFECT_UI_ENABLED", "false")
    assert Settings().prefect_ui().enabled is False
    monkeypatch.delenv("PREFECT_UI_ENABLED")
    profiles = tmp_path / "prefect" / "profiles.toml"  # PREFECT_HOME is tmp_path/prefect
    profiles.parent.mkdir(parents=True, exist_ok=True)
    profiles.write_text('active = "mine"\n[profiles.mine]\nPREFECT_SERVER_UI_ENABLED = "false"\n'
                        'PREFECT_SERVER_UI_V2_ENABLED = "true"\n', encoding="utf-8")
    assert Settings().prefect_ui() == PrefectUI(enabled=False, v2=True)


@pytest.mark.parametrize("name", UI_VARS)
def test_a_prefect_ui_setting_that_is_not_a_boolean_is_one_line(monkeypatch, name):
    for k in UI_VARS:
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv(name, "sometimes")
    with pytest.raises(SettingsError, match=rf"^{name}: not a boolean \(got 'sometimes'\)$"):
        Settings().prefect_ui()


def test_fast_nlp_is_on_unless_turned_off_and_reaches_the_nlp_config(monkeypatch, tmp_path):
    monkeypatch.delenv("COMMUNIQUE_FAST_NLP", raising=False)
    assert load(tmp_path / "w.duckdb", use_gpu=False).nlp_config().fast_nlp is True
    monkeypatch.setenv("COMMUNIQUE_FAST_NLP", "false")
    assert load(tmp_path / "w.duckdb", use_gpu=False).nlp_config().fast_nlp is False
    monkeypatch.setenv("COMMUNIQUE_FAST_NLP", "sometimes")
    with pytest.raises(SettingsError, match=r"^COMMUNIQUE_FAST_NLP: .*got 'sometimes'"):
        load(tmp_path / "w.duckdb")
