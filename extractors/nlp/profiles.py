"""Model profiles: where a language's Stanza models come from, and which one ``auto`` picks.

- ``stanza``: official Stanza models in a model directory (``communique models download``).
- ``natasha``: Russian offline through Natasha/Slovnet registered as Stanza processor variants.
- ``compact``: the project's own Stanza models shipped in ``extractors/models/<lang>_compact``.
- ``auto``: official if present, else the bundled offline profile for the language.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROFILES = ("auto", "stanza", "natasha", "compact")
PACKAGE_MODELS = Path(__file__).resolve().parent.parent / "models"
NATASHA_RESOURCES = Path(__file__).resolve().parent / "natasha_resources"
COMPACT_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
OFFLINE_PROFILE = {"ru": "natasha", "en": "compact"}


class ModelMissingError(RuntimeError):
    """No usable model for a language; the message says how to get one."""


@dataclass(frozen=True)
class NLPConfig:
    """Injected by the flows' settings; nothing here reads the environment."""

    profile: str = "auto"
    stanza_dir: Path | None = None  # official Stanza model directory
    compact_dir: Path = PACKAGE_MODELS
    languages: tuple[str, ...] = ("ru", "en")
    use_gpu: bool | None = False  # None: CUDA when the process building a pipeline sees it (pipelines.use_gpu)
    torch_threads: int | None = None  # intra-op threads per process (1 when several processes share the CPUs)
    doc_timeout: float | None = None  # seconds one document may take to annotate (None: no limit)
    fast_nlp: bool = True  # compact profile: the inference speed-ups of ``speedups`` (False: Stanza's own)


def compact_path(lang: str, cfg: NLPConfig) -> Path:
    return Path(cfg.compact_dir) / f"{lang}_compact"


def compact_available(lang: str, cfg: NLPConfig) -> bool:
    d = compact_path(lang, cfg)
    return all((d / f"{p}.pt").exists() for p in ("tokenize", "pos", "lemma", "depparse"))


def official_available(lang: str, cfg: NLPConfig) -> bool:
    if cfg.stanza_dir is None:
        return False
    d = Path(cfg.stanza_dir) / lang
    return (Path(cfg.stanza_dir) / "resources.json").exists() and (d / "tokenize").is_dir() and (d / "depparse").is_dir()


def available(lang: str, cfg: NLPConfig) -> dict[str, bool]:
    return {"stanza": official_available(lang, cfg), "natasha": lang == "ru",
            "compact": compact_available(lang, cfg)}


def resolve(lang: str, cfg: NLPConfig) -> str:
    """The concrete profile used for ``lang``; raises ModelMissingError with the fixing command."""
    if lang not in cfg.languages:
        raise ModelMissingError(f"language {lang!r} is not enabled (enabled: {', '.join(cfg.languages)})")
    have = available(lang, cfg)
    if cfg.profile != "auto":
        if cfg.profile not in have:
            raise ValueError(f"unknown profile {cfg.profile!r}; choose from {', '.join(PROFILES)}")
        if not have[cfg.profile]:
            raise ModelMissingError(_missing_message(lang, cfg.profile))
        return cfg.profile
    if have["stanza"]:
        return "stanza"
    offline = OFFLINE_PROFILE.get(lang)
    if offline and have[offline]:
        return offline
    raise ModelMissingError(_missing_message(lang, "auto"))


def _missing_message(lang: str, profile: str) -> str:
    if profile == "compact":
        return (f"no compact {lang} models in {lang}_compact/: train them with "
                f"`communique models train {lang} --ud DIR...`")
    if profile == "natasha":
        return f"the natasha profile covers Russian only, not {lang!r}"
    return (f"no {lang} model available: run `communique models download {lang}` on a machine that "
            f"reaches the Stanza model hub, or copy a Stanza model directory in and pass --models-dir")
