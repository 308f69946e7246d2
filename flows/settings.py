"""Settings: the one place where the environment is read. Everything below receives values."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, TypeAdapter, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


@dataclass(frozen=True)
class PrefectUI:
    """Prefect's UI on a server ``communique serve`` starts."""

    enabled: bool = True
    # Prefect's V2 UI at ``/`` (Prefect's own default) or the V1 UI: the V2 page starts an analytics
    # SDK that fetches its configuration from sr-client-cfg.amplitude.com even with analytics off
    # (Prefect 3.x); the V1 UI asks nothing outside the server. Either can switch to the other.
    v2: bool = False


class Settings(BaseSettings):
    """Environment variables prefixed ``COMMUNIQUE_`` (e.g. ``COMMUNIQUE_DB``); CLI options win."""

    # every value is validated, from the environment, from options and when set later
    model_config = SettingsConfigDict(env_prefix="COMMUNIQUE_", extra="ignore", validate_assignment=True)

    data_dir: Path = Path("data")
    db: Path | None = None
    profile: str = "auto"
    models_dir: Path | None = Field(default=None, description="official Stanza model directory")
    compact_dir: Path | None = None
    languages: tuple[str, ...] = ("ru", "en")
    # documents per batch: GX validation costs about the same per call whatever the batch holds, so
    # larger batches spread it (measured in docs/benchmarks.md); memory holds workers + 1 batches
    batch_size: int = Field(default=128, ge=1, description="documents per batch")
    # documents validated by GX and loaded together (one write transaction): a GX call costs nearly
    # the same for 128 documents as for 512, so consecutive batches are checked together
    load_size: int = Field(default=512, ge=1, description="documents validated and loaded together")
    max_failure_ratio: float = Field(default=0.5, ge=0, le=1, description="share of failed records that fails a run")
    progress: bool = True
    bi_snapshot: bool = Field(default=True, description="publish <warehouse>-bi.duckdb for BI tools after each run")
    doc_timeout: float = Field(default=120, ge=0, description="seconds one document may take to annotate (0: no limit)")
    wait: bool = Field(default=False, description="wait for another run on the same warehouse instead of refusing")
    use_gpu: bool | None = None  # None: use CUDA when it is available
    # the compact profile's inference speed-ups (extractors/nlp/speedups.py: int8 layers on the CPU,
    # labels of the chosen arcs only, one character-model run per distinct word); false: Stanza's own
    fast_nlp: bool = Field(default=True, description="compact profile: faster inference (false: Stanza's own)")
    workers: int = Field(default=1, ge=1, description="annotation processes on this machine")
    dask_address: str | None = Field(default=None, description="tcp://host:port of a Dask scheduler")
    dask_local: int | None = Field(default=None, ge=1, description="workers of a local Dask cluster")

    @property
    def db_path(self) -> Path:
        return self.db or self.data_dir / "communique.duckdb"

    def prefect_api_url(self) -> str:
        """The Prefect API to ask about flow runs: ``PREFECT_API_URL`` or a local server's."""
        return os.environ.get("PREFECT_API_URL") or "http://127.0.0.1:4200/api"

    def prefect_ui(self) -> PrefectUI:
        """Prefect's UI as ``communique serve`` serves it, from the user's own settings in the
        environment or else the active Prefect profile (``PREFECT_HOME/profiles.toml``): on unless
        ``PREFECT_SERVER_UI_ENABLED``/``PREFECT_UI_ENABLED`` says false; the V1 UI at ``/`` unless
        ``PREFECT_SERVER_UI_V2_ENABLED`` says true (see ``PrefectUI.v2``). A value that is not a
        boolean raises ``SettingsError`` naming it."""
        for name in ("PREFECT_SERVER_UI_ENABLED", "PREFECT_UI_ENABLED", "PREFECT_SERVER_UI_V2_ENABLED"):
            raw = os.environ.get(name)
            if raw is not None:  # checked here: Prefect would print a pydantic report at import
                try:
                    TypeAdapter(bool).validate_python(raw)
                except ValidationError:
                    raise SettingsError(f"{name}: not a boolean (got {raw!r})") from None
        from prefect.settings.models.server.ui import ServerUISettings

        try:
            ui = ServerUISettings()  # Prefect's own reading: both names, environment, then profile
        except ValidationError as e:
            err = e.errors()[0]
            name = str(err["loc"][0]) if err["loc"] else "?"
            raise SettingsError(f"{name.upper() if name.startswith('prefect_') else name} (environment or Prefect "
                                f"profile): {err['msg'].lower()} (got {err.get('input')!r})") from None
        return PrefectUI(enabled=ui.enabled, v2=ui.v2_enabled if "v2_enabled" in ui.model_fields_set else False)

    def stanza_dir(self) -> Path | None:
        if self.models_dir:
            return self.models_dir
        env = os.environ.get("STANZA_RESOURCES_DIR")
        return Path(env) if env else None

    def nlp_config(self):
        from extractors.nlp.profiles import PACKAGE_MODELS, NLPConfig

        # use_gpu None: CUDA when it is available, decided where a pipeline is built (Stanza's own
        # default), so this process imports no torch to find out
        return NLPConfig(profile=self.profile, stanza_dir=self.stanza_dir(),
                         compact_dir=self.compact_dir or PACKAGE_MODELS, languages=tuple(self.languages),
                         use_gpu=self.use_gpu, torch_threads=1 if self.parallelism().distributed else None,
                         doc_timeout=self.doc_timeout or None, fast_nlp=self.fast_nlp)

    def parallelism(self):
        from flows.runners import Parallelism

        return Parallelism(workers=self.workers, dask_address=self.dask_address, dask_local=self.dask_local)


class SettingsError(ValueError):
    """A setting that is not valid, from whichever source it came; its message is one line."""


def _one_line(e: ValidationError, explicit: dict) -> str:
    parts = []
    for err in e.errors():
        name = str(err["loc"][0]) if err["loc"] else "?"
        source = f"--{name.replace('_', '-')}" if name in explicit else f"COMMUNIQUE_{name.upper()}"
        parts.append(f"{source}: {err['msg'].lower()} (got {err.get('input')!r})")
    return "; ".join(parts)


def load(db: Path | str | None = None, db_access: str | None = None, **overrides) -> Settings:
    """Settings from the environment, with explicit values (CLI options, flow parameters; None
    ignored) on top, all validated alike, and the runtime configured for their data directory.
    Raises ``SettingsError`` (one line naming the option or variable) for a value that is not valid,
    and with ``db_access`` ("read"/"write") ``warehouse.db.DatabasePathError`` for a warehouse path
    that cannot be used so."""
    explicit = {k: v for k, v in overrides.items() if v is not None}
    unknown = sorted(set(explicit) - set(Settings.model_fields))
    if unknown:
        raise SettingsError(f"unknown setting(s): {', '.join(unknown)}")
    if db is not None:
        explicit["db"] = Path(db)
    try:
        s = Settings(**explicit)
    except ValidationError as e:
        raise SettingsError(_one_line(e, explicit)) from None
    if db_access is not None:
        from warehouse.db import check_path

        check_path(s.db_path, write=db_access == "write")
    try:
        # a read-only command (status, export, dashboard) creates nothing: it may read a read-only share
        configure_runtime(s.data_dir if s.db is None else s.db_path.parent, s.db_path, create=db_access != "read")
    except OSError as e:
        raise SettingsError(f"cannot prepare {e.filename or s.db_path.parent}: {e.strerror or e}") from None
    return s


def configure_runtime(data_dir: Path, db_path: Path | None = None, create: bool = True) -> None:
    """Defaults for Prefect and libraries, set before they are imported; a user's own values win.
    The machine may be offline: telemetry off everywhere. Each warehouse has its own Prefect server
    database (``prefect/server-<warehouse>.db``): runs on two warehouses of one folder at once would
    otherwise start two temporary servers migrating one SQLite file (runs on one warehouse are one at
    a time: ``warehouse.run_lock``)."""
    home = (data_dir / "prefect").resolve()
    stem = db_path.stem if db_path is not None else "communique"
    defaults = {
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home / f'server-{stem}.db'}",
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_LOGGING_TO_API_ENABLED": "false",
        # no UI default: ephemeral servers never serve it, `communique serve` follows the user (prefect_ui)
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",  # a busy machine starts it slowly
        "DO_NOT_TRACK": "1",
        "GX_ANALYTICS_ENABLED": "false",
        "OPENBLAS_NUM_THREADS": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }
    if os.environ.get("PREFECT_API_DATABASE_CONNECTION_URL"):  # the user's own server database (older name)
        defaults.pop("PREFECT_SERVER_DATABASE_CONNECTION_URL")
    for k, v in defaults.items():
        os.environ.setdefault(k, v)
    import logging

    for name in ("great_expectations", "stanza"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if create:
        Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
        # the server database's folder too: it is under the data directory even when the user's own
        # PREFECT_HOME is elsewhere (else the API server cannot open its database)
        url = os.environ.get("PREFECT_SERVER_DATABASE_CONNECTION_URL", "")
        if url == defaults.get("PREFECT_SERVER_DATABASE_CONNECTION_URL"):
            home.mkdir(parents=True, exist_ok=True)
