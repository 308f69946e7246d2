"""Shared fixtures. Runtime defaults (offline telemetry, Prefect home) are set before Prefect loads."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"

_home = Path(tempfile.mkdtemp(prefix="communique-test-"))
os.environ.setdefault("PREFECT_HOME", str(_home / "prefect"))
from flows.settings import configure_runtime  # noqa: E402

configure_runtime(_home)


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def nlp_config():
    from extractors.nlp.profiles import NLPConfig

    return NLPConfig()


@pytest.fixture(scope="session")
def en_available(nlp_config):
    from extractors.nlp import profiles

    return profiles.compact_available("en", nlp_config)
