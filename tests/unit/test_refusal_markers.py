"""A negated act on a condition opened by a refusal marker is a refusal, with or without the clause's
subject between the marker and its negation."""
from __future__ import annotations

import pytest

from extractors.events.conditions import is_refusal
from extractors.events.lexicon import load

RU = load("ru")
EN = load("en")


@pytest.mark.parametrize("text", ["пока не будут сняты санкции", "пока Киев не откажется от вступления в НАТО",
                                  "до тех пор, пока Стокгольм не выдаст подозреваемых"])
def test_russian_refusal_conditions(text):
    assert is_refusal(text, RU.refusal_markers, RU.negation)


@pytest.mark.parametrize("text", ["если Киев не откажется от НАТО", "пока действует военное положение",
                                  "только на основании резолюции"])
def test_russian_conditions_that_are_no_refusal(text):
    assert not is_refusal(text, RU.refusal_markers, RU.negation)


def test_english_refusal_conditions():
    assert is_refusal("until all hostages are released", EN.refusal_markers, EN.negation)
    assert is_refusal("unless sanctions are lifted", EN.refusal_markers, EN.negation)
    assert not is_refusal("if sanctions are lifted", EN.refusal_markers, EN.negation)
