"""Scoring against a gold set: pairing, the three levels, and the attribute differences that
``communique eval --details`` lists (pure functions over event records, no pipeline)."""
from __future__ import annotations

from extractors.evaluation import Gold, Sys, render, score


def _event(cls, start: int, etype: str, actor: str, modality: str = "asserted", date: str = "2026-01-02", **kw):
    return cls("d1", (0, 100), start, start + 6, etype, actor, actor, kw.get("target"), kw.get("target"),
               kw.get("condition"), kw.get("negated", False), modality, date, "en")


def test_matches_are_scored_by_level_and_attribute_differences_are_listed():
    gold = [_event(Gold, 10, "REQUEST", "Russia", modality="reported"),
            _event(Gold, 40, "CONSULT", "France", target="Germany")]
    system = [_event(Sys, 11, "REQUEST", "Russia"),  # right event, wrong modality
              _event(Sys, 40, "CONSULT", "France", target="Italy"),  # right type, wrong target
              _event(Sys, 70, "ACCUSE", "Iran")]  # nothing in the gold
    sc = score(system, gold, "en")
    assert (sc.trigger, sc.typed, sc.full) == (2, 2, 1)
    assert sc.mod_ok == 1 and sc.date_ok == 2
    assert [(a, g.event_type) for a, _, g in sc.attribute_diffs] == [("modality", "REQUEST")]
    assert [s.event_type for s in sc.unmatched_sys] == ["ACCUSE"]
    text = render([sc], details=True)
    assert "modality d1 REQUEST   Russia -> None: gold reported, system asserted" in text
    assert "differs d1 gold CONSULT   France -> Germany" in text
    assert "modality d1" not in render([sc], details=False)
