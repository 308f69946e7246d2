"""Invariants of extraction (hypothesis) on random documents composed from our own sentence parts,
annotated by a real Stanza pipeline: every span reproduces its text in the document, and ids are
stable across runs."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extractors.records import RawDocument

pytestmark = pytest.mark.slow

ACTORS = ["Россия", "Министр иностранных дел Турции", "Китай", "Евросоюз", "Президент Франции",
          "Азербайджан", "Премьер-министр Индии", "МИД Ирана", "Власти Японии", "НАТО",
          # conjoined parties and pronouns: a span over several parts, or standing for an earlier one
          "Франция и Германия", "Китай, Индия и Бразилия", "Он", "Они"]
TARGETS = ["Украине", "Ирану", "Китаю", "Сербии", "Египту", "Бразилии", "Польше", "Казахстану"]
ACTS = ["обратился с просьбой к {t} о помощи", "осудил {t} за удар", "пообещал помочь {t}",
        "отказался вести переговоры с {t}", "пригрозил {t} санкциями", "провел переговоры с {t}"]
CONDS = ["", " только при условии одобрения парламента", " если {t} выполнит соглашение",
         " в случае отказа от эскалации"]
NOISE = ["", " «в ближайшее время»", " (по данным агентства)", " — и это важно —", " 12 марта 2025 года"]

sentence = st.builds(
    lambda a, act, t, c, n, neg: f"{a}{' не' if neg else ''} {act.format(t=t)}{c.format(t=t)}{n}.",  # noqa: E501
    st.sampled_from(ACTORS), st.sampled_from(ACTS), st.sampled_from(TARGETS), st.sampled_from(CONDS),
    st.sampled_from(NOISE), st.booleans())
documents = st.lists(sentence, min_size=1, max_size=5).map(" ".join)


@pytest.fixture(scope="module")
def annotate(nlp_config):
    from extractors.nlp import pipelines

    return lambda text: pipelines.annotate([text], "ru", nlp_config)[0]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=documents, published=st.sampled_from([None, dt.date(2025, 3, 10), dt.date(2024, 12, 31)]))
def test_spans_reproduce_their_text_and_ids_are_stable(annotate, text, published):
    from extractors.extract import extract

    raw = RawDocument(text=text, source="prop", external_id="p1", published=published)
    first = extract(annotate(text), raw, "ru")
    again = extract(annotate(text), RawDocument(text=text, source="prop", external_id="p1", published=published), "ru")
    assert [e.event_id for e in first.events] == [e.event_id for e in again.events]
    assert raw.doc_id == RawDocument(text=text, source="elsewhere").doc_id
    for e in first.events:
        assert text[e.action_start:e.action_end] == e.action_text
        if e.condition_text is not None:
            assert text[e.condition_start:e.condition_end] == e.condition_text
        if e.actor_start is not None and e.actor_text:
            assert text[e.actor_start:e.actor_end] == e.actor_text
        if e.target_start is not None and e.target_text:
            assert text[e.target_start:e.target_end] == e.target_text
    for m in first.mentions:
        assert text[m.start_char:m.end_char] == m.text
    for s in first.sentences:
        assert text[s.start_char:s.end_char] == s.text
