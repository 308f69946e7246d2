"""Language identification: short texts are told by the full models or, failing that, by their
script; text in a language we do not support stays recognised as such."""
from __future__ import annotations

import pytest

from extractors.nlp import langid


@pytest.mark.parametrize("text,lang", [
    ("Kenya praised Egypt.", "en"),  # one short sentence: the fast mode took it for French
    ("Japan protested.", "en"),
    ("Mali expelled the envoy.", "en"),
    ("Россия осудила Грецию.", "ru"),
    ("Berlin lehnt den Vorschlag ab.", "de"),  # short, but not English: still quarantined later
    ("Україна засудила Росію.", "uk"),
])
def test_short_texts(text, lang):
    assert langid.detect(text) == lang


def test_too_few_letters_are_told_by_script():
    assert langid.detect("EU") == "en" and langid.detect("ЕС") == "ru"
    assert langid.detect("ЄС") is None  # another Cyrillic language's letter: not Russian
    assert langid.detect("12 34") is None


def test_long_texts_use_the_fast_mode():
    text = "The foreign ministers met in Geneva on Monday and agreed to resume talks next month. " * 4
    assert langid.detect(text) == "en"
    assert langid._detector.cache_info().currsize >= 1
