"""The live parsers against the frozen parses (a parser-drift detector, in ``make test``, not in
``make check``): for SAMPLE texts per language, spread over the golden and one-act texts, the real
pipeline (no mocks) must give the same extraction events as the text's frozen parse; and every frozen
parse must come from the parser installed now (models and parse-time code, ``parser_id``)."""
from __future__ import annotations

import dataclasses

import pytest

from extractors.extract import extract
from tests.parses import cases, store
from tests.parses.parser_id import parser_id

SAMPLE = 20


def sample(lang: str) -> list[str]:
    """SAMPLE texts, every n-th in the order of their keys (a spread that does not follow the files)."""
    texts = sorted(cases.texts(lang), key=store.key)
    step = max(1, len(texts) // SAMPLE)
    return texts[::step][:SAMPLE]


def events(doc, text: str, lang: str) -> list[dict]:
    return [dataclasses.asdict(e) for e in extract(doc, cases.raw(text, lang, "drift"), lang).events]


def brief(evs: list[dict]) -> list[tuple]:
    return [(e["event_type"], e["actor_code"], e["target_code"], e["action_text"], e["modality"]) for e in evs]


@pytest.mark.slow
@pytest.mark.parametrize("lang,text", [pytest.param(lang, t, id=f"{lang}-{store.key(t)}")
                                       for lang in cases.LANGS for t in sample(lang)])
def test_live_parse_gives_the_frozen_events(lang, text, nlp_config, en_available):
    from extractors.nlp import pipelines

    if lang == "en" and not en_available:
        pytest.skip("compact English models not present (communique models train en)")
    frozen = events(store.load(lang, [text])[0], text, lang)
    live = events(pipelines.annotate([text], lang, nlp_config)[0], text, lang)
    assert live == frozen, (f"the live {lang} parser gives other events than the frozen parse "
                            f"({brief(live)} live, {brief(frozen)} frozen): if the parser changed on purpose, "
                            f"{store.REGENERATE} and review the golden results")


@pytest.mark.slow
@pytest.mark.parametrize("lang", cases.LANGS)
def test_frozen_parses_come_from_the_installed_parser(lang, nlp_config, en_available):
    if lang == "en" and not en_available:
        pytest.skip("compact English models not present (communique models train en)")
    now = parser_id(lang, nlp_config)
    made = {k: store.read(p).comments.get("parser") for k, p in store.stored(lang).items()}
    other = sorted(k for k, pid in made.items() if pid != now)
    assert made and not other, (f"{len(other)} of {len(made)} frozen {lang} parses were made by another parser "
                                f"than the installed {now!r} (e.g. {other[:1]}): {store.REGENERATE}")
