"""Sentence -> expected events, the rules run on the sentence's frozen parse (``tests/parses/``, made by
the real NLP pipelines: Natasha variants for ru, compact for en; ``make parses`` after adding a case).
``tests/parses/test_parser_drift.py`` checks that the live parsers still agree with the frozen parses."""
from __future__ import annotations

import pytest

from extractors.extract import extract
from tests.parses import cases, store


def params(lang):
    return [pytest.param(lang, c, id=f"{lang}-{i}") for i, c in enumerate(cases.golden(lang))]


def _matches(ev, exp) -> bool:
    if ev.event_type != exp["type"]:
        return False
    if "actor" in exp and ev.actor_code != exp["actor"]:
        return False
    if "target" in exp and ev.target_code != exp["target"]:
        return False
    if "condition" in exp and (ev.condition_text is not None if exp["condition"] is None
                               else exp["condition"] not in (ev.condition_text or "")):
        return False  # condition: null means none at all
    if "action" in exp and exp["action"] not in ev.action_text:
        return False
    if "negated" in exp and ev.negated != exp["negated"]:
        return False
    if "modality" in exp and ev.modality != exp["modality"]:
        return False
    if "actor_norm" in exp and ev.actor_norm != exp["actor_norm"]:
        return False
    if "target_norm" in exp and ev.target_norm != exp["target_norm"]:
        return False
    if "date" in exp and str(ev.event_date) != exp["date"]:
        return False
    if "condition_not" in exp and exp["condition_not"] in (ev.condition_text or ""):
        return False
    return True


@pytest.mark.parametrize("lang,case", params("ru") + params("en"))
def test_golden(lang, case):
    doc = store.load(lang, [case["text"]])[0]
    events = extract(doc, cases.raw(case["text"], lang, "golden"), lang).events
    got = [(e.event_type, e.actor_code, e.target_code, e.condition_text, e.negated, e.modality) for e in events]
    for exp in case["events"]:
        assert any(_matches(e, exp) for e in events), f"expected {exp} in {got}"
    for t in case.get("absent", []):
        assert all(e.event_type != t for e in events), f"unexpected {t} in {got}"
    for t, n in case.get("count", {}).items():
        assert sum(e.event_type == t for e in events) == n, f"expected {n} x {t} in {got}"
