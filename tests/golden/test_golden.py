"""Sentence -> expected events, the rules run on the sentence's frozen parse (``tests/parses/``, made by
the real NLP pipelines: Natasha variants for ru, compact for en; ``make parses`` after adding a case).
``tests/parses/test_parser_drift.py`` checks that the live parsers still agree with the frozen parses.
The keys of a case are documented at the top of each YAML file; ``blocked`` names the predicate a
negative case stops and the diagnostic reason it must give (``Extraction.diagnostics``), so a negative
case no longer passes when the predicate is simply never found."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import yaml

from extractors.events import lexicon, patterns
from extractors.extract import extract
from tests.parses import cases, store


def params(lang):
    return [pytest.param(lang, c, id=f"{lang}-{i}") for i, c in enumerate(cases.golden(lang))]


CASE_KEYS = {"text", "events", "absent", "blocked", "count"}
# what a diagnostic's reason and an event's rule may say (extractors/lexicons/reasons.yaml)
DOCUMENTED = yaml.safe_load((lexicon.LEXICON_DIR / "reasons.yaml").read_text(encoding="utf-8"))
REASONS = set(DOCUMENTED["reasons"]) | {r.id for r in patterns.load("en").rules}
EVENT_KEYS = {"type", "actor", "target", "condition", "condition_not", "action", "negated", "modality", "actor_norm",
              "target_norm", "date"}


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


def _own_events(events, lemma: str, start: int) -> list:
    """The events made by the predicate word at ``start`` (an event's ``rule`` starts with its entry's lemma),
    not those of another predicate whose action span merely covers the word ("broke off talks")."""
    return [e for e in events if e.action_start <= start < e.action_end
            and e.rule.split(":")[0].lower() == lemma.lower()]


def _check_blocked(exp, events, diagnostics) -> None:
    """``blocked: [{lemma, reason}]``: a diagnostic for ``lemma`` gives ``reason``, and that word made no event."""
    lemma, reason = exp["lemma"], exp["reason"]
    said = [(d.predicate, d.reason) for d in diagnostics]
    hits = [d for d in diagnostics if d.predicate == lemma and d.reason == reason]
    assert hits, f"expected {lemma!r} blocked as {reason!r}; diagnostics {said}"
    for d in hits:
        own = _own_events(events, lemma, d.predicate_start)
        assert not own, f"{lemma!r} at {d.predicate_start} diagnosed {reason!r} yet gave {[e.event_type for e in own]}"


def check(lang: str, case: dict) -> None:
    assert set(case) <= CASE_KEYS, f"unknown case keys {set(case) - CASE_KEYS}"
    assert all(set(exp) <= EVENT_KEYS for exp in case["events"]), f"unknown event keys in {case['events']}"
    assert all(set(b) == {"lemma", "reason"} for b in case.get("blocked", [])), f"blocked takes lemma and reason"
    doc = store.load(lang, [case["text"]])[0]
    extraction = extract(doc, cases.raw(case["text"], lang, "golden"), lang)
    events = extraction.events
    got = [(e.event_type, e.actor_code, e.target_code, e.condition_text, e.negated, e.modality) for e in events]
    for exp in case["events"]:
        assert any(_matches(e, exp) for e in events), f"expected {exp} in {got}"
    for t in case.get("absent", []):
        assert all(e.event_type != t for e in events), f"unexpected {t} in {got}"
    for t, n in case.get("count", {}).items():
        assert sum(e.event_type == t for e in events) == n, f"expected {n} x {t} in {got}"
    for b in case.get("blocked", []):
        _check_blocked(b, events, extraction.diagnostics)
    assert {d.reason for d in extraction.diagnostics} <= REASONS, "a diagnostic reason not in reasons.yaml or rules/"
    for e in events:  # lemma:step:…:way
        *steps, way = e.rule.split(":")[1:]
        assert way in DOCUMENTED["ways"] and set(steps) <= set(DOCUMENTED["steps"]), f"undocumented rule {e.rule!r}"


@pytest.mark.parametrize("lang,case", params("ru") + params("en"))
def test_golden(lang, case):
    check(lang, case)


def test_blocked_fails_on_another_reason_or_an_unknown_lemma():
    case = {"text": "Poland will not take part in the summit.", "events": [{"type": "REJECT", "actor": "POL"}],
            "blocked": [{"lemma": "summit", "reason": "content_of_refusal"}]}
    check("en", case)
    for wrong in ({"lemma": "summit", "reason": "topic"}, {"lemma": "conference", "reason": "content_of_refusal"}):
        with pytest.raises(AssertionError, match="blocked as"):
            check("en", {**case, "blocked": [wrong]})


def test_blocked_fails_when_the_word_made_an_event():
    events = [SimpleNamespace(action_start=16, action_end=25, rule="take:subject", event_type="REJECT")]
    diagnostics = [SimpleNamespace(predicate="take", predicate_start=16, reason="topic")]
    with pytest.raises(AssertionError, match="yet gave"):
        _check_blocked({"lemma": "take", "reason": "topic"}, events, diagnostics)
