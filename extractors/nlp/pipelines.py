"""Stanza pipelines per (language, profile), built once per process and reused."""
from __future__ import annotations

import functools
import threading
import hashlib
import logging
from pathlib import Path

import stanza

from extractors.nlp import profiles
from extractors.nlp.profiles import NLPConfig

NATASHA_PROCESSORS = {p: "natasha" for p in ("tokenize", "pos", "lemma", "depparse", "ner")}
OFFICIAL_PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"


def _quiet() -> None:
    logging.getLogger("stanza").setLevel(logging.WARNING)


def use_gpu(cfg: NLPConfig) -> bool:
    """``cfg.use_gpu``, or where it is None (the default: CUDA when it is available) whether this
    process sees CUDA; decided here, where pipelines are built, so that a process that builds none
    never imports torch."""
    if cfg.use_gpu is not None:
        return bool(cfg.use_gpu)
    import torch

    return torch.cuda.is_available()


_BUILT = [0]  # pipelines this process has built (models loaded), cache clears included


def built() -> int:
    """How many NLP pipelines this process has built so far: its model loads. Counted where they are
    built, so a cache that is cleared, or a pipeline built again, still counts."""
    return _BUILT[0]


@functools.lru_cache(maxsize=8)
def _build(lang: str, profile: str, cfg: NLPConfig) -> stanza.Pipeline:
    _BUILT[0] += 1
    _quiet()
    if cfg.torch_threads:
        import torch

        torch.set_num_threads(cfg.torch_threads)
    if profile == "natasha":
        from extractors.nlp import natasha_variants  # noqa: F401  (registers the variants)

        return stanza.Pipeline(lang, dir=str(profiles.NATASHA_RESOURCES), processors=NATASHA_PROCESSORS,
                               download_method=None, logging_level="WARN", use_gpu=False)
    if profile == "compact":
        return compact_pipeline(profiles.compact_path(lang, cfg), lang, use_gpu(cfg), cfg.fast_nlp)
    if profile == "stanza":
        present = [p for p in OFFICIAL_PROCESSORS.split(",") if (Path(cfg.stanza_dir) / lang / p).is_dir()]
        return stanza.Pipeline(lang, dir=str(cfg.stanza_dir), processors=",".join(present),
                               download_method=None, logging_level="WARN", use_gpu=use_gpu(cfg))
    raise ValueError(f"unknown profile {profile!r}")


def compact_pipeline(d: Path, lang: str, use_gpu: bool = False, fast: bool = True):
    """The compact profile's pipeline over the model directory ``d``: tag, repair, parse. ``fast``:
    with the inference speed-ups of ``speedups`` (int8 layers on the CPU only)."""
    from extractors.nlp import speedups

    paths = {f"{p}_model_path": str(d / f"{p}.pt") for p in profiles.COMPACT_PROCESSORS if (d / f"{p}.pt").exists()}
    procs = [p for p in profiles.COMPACT_PROCESSORS if f"{p}_model_path" in paths]
    common = dict(download_method=None, allow_unknown_language=True, logging_level="WARN", use_gpu=use_gpu)
    tagger = stanza.Pipeline(lang, dir=str(d), processors=",".join(p for p in procs if p != "depparse"),
                             pos_pretrain_path=None, **common, **(speedups.TAGGER_OPTIONS if fast else {}),
                             **{k: v for k, v in paths.items() if not k.startswith("depparse")})
    parser = None
    if "depparse" in procs:
        parser = stanza.Pipeline(lang, dir=str(d), processors="depparse", depparse_pretagged=True,
                                 depparse_pretrain_path=None, depparse_model_path=paths["depparse_model_path"],
                                 **common)
    if fast:
        speedups.apply(tagger, parser, int8=not use_gpu)
    return tagger if parser is None else TagFixParse(tagger, parser, lang)


class TagFixParse:
    """Tokenize, mark contractions written without an apostrophe as multi-word tokens
    (``contractions``), expand and tag; repair names the tagger took for verbs (``namefix``),
    function words it took for content words (``closedclass``), plural nouns after a model name it
    took for verbs (``namednouns``), bare verbs after a modal it took for adjectives (``modalfix``,
    English); repair lemmas of contractions, irregular verb forms, words whose lemma depends on the
    fine tag, capitalised words the lemmatizer's dictionary knows in lower case (also a sentence's
    first word tagged as a name), regular inflections the seq2seq model mangled and plural names left
    as their form (``lemmafix``); then parse the repaired tags: the compact profile's pipeline, with
    the same ``bulk_process`` as a Stanza pipeline."""

    def __init__(self, tagger: stanza.Pipeline, parser: stanza.Pipeline, lang: str):
        self.tagger, self.parser, self.lang = tagger, parser, lang
        lemma = tagger.processors.get("lemma")
        self.lemma_lookup = lemma.trainer._lookup if lemma is not None and lemma.trainer is not None else None
        self.known_lemmas = frozenset(
            lem.lower() for d in lemma.trainer.pos_dict.values() for lem in d.values() if lem
        ) if self.lemma_lookup is not None else frozenset()
        mwt = tagger.processors.get("mwt")
        if mwt is not None and mwt.trainer is not None:  # contractions are expanded as listed
            from extractors.nlp.contractions import expansions
            mwt.trainer.expansion_dict.update(expansions(lang))

    def bulk_process(self, docs: list[stanza.Document]) -> list[stanza.Document]:
        from extractors.nlp.contractions import mark_contractions

        docs = [d if isinstance(d, stanza.Document) else stanza.Document([], text=d) for d in docs]
        docs = self.tagger.processors["tokenize"].bulk_process(docs)
        mark_contractions(docs, self.lang)
        if self.tagger.processors.get("mwt") is not None:
            docs = self.tagger.processors["mwt"].bulk_process(docs)
        return self.tag_fix_parse(docs)

    def tag_fix_parse(self, docs: list[stanza.Document]) -> list[stanza.Document]:
        """Tag, repair and parse documents already split into sentences and words (also gold words,
        for scoring on a treebank's own tokenisation)."""
        from extractors.nlp.closedclass import fix_function_words
        from extractors.nlp.contractions import fix_contraction_lemmas
        from extractors.nlp.lemmafix import (fix_capitalised_lemmas, fix_initial_capitals, fix_irregular_lemmas,
                                             fix_plural_names, fix_regular_inflections, fix_tag_lemmas)
        from extractors.nlp.modalfix import fix_bare_verbs
        from extractors.nlp.namednouns import fix_named_nouns
        from extractors.nlp.namefix import fix_names

        for name in ("pos", "lemma"):  # the rest of the tagger pipeline, in Stanza's order
            if self.tagger.processors.get(name) is not None:
                docs = self.tagger.processors[name].bulk_process(docs)
        fix_names(docs, self.lang)
        fix_function_words(docs, self.lang)
        fix_named_nouns(docs, self.lang)
        if self.lang == "en":
            fix_bare_verbs(docs)
        fix_irregular_lemmas(docs, self.lang)
        fix_contraction_lemmas(docs, self.lang)
        fix_tag_lemmas(docs, self.lang)
        if self.lemma_lookup is not None:
            fix_capitalised_lemmas(docs, self.lemma_lookup)
            fix_initial_capitals(docs, self.lemma_lookup)
            if self.lang == "en":
                fix_regular_inflections(docs, self.lemma_lookup, self.known_lemmas)
                fix_plural_names(docs, self.known_lemmas)
        return self.parser.bulk_process(docs)

    def __call__(self, text: str) -> stanza.Document:
        return self.bulk_process([stanza.Document([], text=text)])[0]


def pipeline(lang: str, cfg: NLPConfig) -> tuple[str, stanza.Pipeline]:
    """(profile, pipeline) for a language; raises profiles.ModelMissingError when there is none."""
    profile = profiles.resolve(lang, cfg)
    return profile, _build(lang, profile, cfg)


# One annotation (and, for callers that hold it, one extraction) at a time per process: pipelines,
# Snowball stemmers and dateparser keep state while they work. Reentrant: callers may hold it around
# annotate().
LOCK = threading.RLock()


def annotate(texts: list[str], lang: str, cfg: NLPConfig) -> list[stanza.Document]:
    """Annotate a batch of texts of one language in bulk."""
    if not texts:
        return []
    from extractors.nlp.textprep import mask_datelines

    with LOCK:
        _, nlp = pipeline(lang, cfg)
        docs = nlp.bulk_process([stanza.Document([], text=mask_datelines(t)) for t in texts])
    for d, t in zip(docs, texts):
        d.text = t  # offsets are unchanged: masking keeps the length
    return docs


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


@functools.lru_cache(maxsize=16)
def describe(lang: str, cfg: NLPConfig) -> dict:
    """Profile, model names, versions and file hashes for ``runs.nlp_models``."""
    profile = profiles.resolve(lang, cfg)
    info: dict = {"lang": lang, "profile": profile, "stanza": stanza.__version__, "files": {}}
    if profile == "natasha":
        from extractors.nlp import natasha_variants

        files = [Path(p) for p in natasha_variants.model_files()]
        info["models"] = "natasha/slovnet news (navec news v1, slovnet morph/syntax/ner news v1)"
    elif profile == "compact":
        d = profiles.compact_path(lang, cfg)
        files = sorted(d.glob("*.pt"))
        info["models"] = f"communique compact ({d.name})"
        from extractors.nlp import speedups

        info["inference"] = speedups.describe(cfg.fast_nlp, use_gpu(cfg))
    else:
        files = sorted((Path(cfg.stanza_dir) / lang).rglob("*.pt"))
        info["models"] = f"stanza official ({cfg.stanza_dir})"
    info["files"] = {f.name: _sha(f) for f in files if f.exists()}
    return info
