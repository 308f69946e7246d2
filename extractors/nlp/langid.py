"""Language identification with lingua, restricted to a fixed set of candidate languages.

Candidates include common languages we do not support, so that German or Ukrainian text is
recognised as such (and quarantined) instead of being forced into Russian or English."""
from __future__ import annotations

import functools

CANDIDATES = ("en", "ru", "uk", "de", "fr", "es", "it", "pt", "tr", "ar", "zh", "pl", "be", "kk")
# below this many letters the fast (trigram) mode guesses poorly ("Kenya praised Egypt." as French):
# the full models decide, loaded only when a short text comes
SHORT_LETTERS = 200
# letters of the other Cyrillic-script candidates: a short Cyrillic text without them is Russian
NON_RUSSIAN_CYRILLIC = set("іїєґўәғқңөұүһІЇЄҐЎӘҒҚҢӨҰҮҺ")


@functools.lru_cache(maxsize=2)
def _detector(accurate: bool = False):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in CANDIDATES]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    return builder.build() if accurate else builder.with_low_accuracy_mode().build()


def by_script(letters: str) -> str | None:
    """A text too short to tell by its words, told by its script: plain Latin letters are English,
    Cyrillic without the other Cyrillic languages' own letters is Russian."""
    if letters and all(ch.isascii() for ch in letters):
        return "en"
    if letters and all("\u0400" <= ch <= "\u04ff" for ch in letters) and not set(letters) & NON_RUSSIAN_CYRILLIC:
        return "ru"
    return None


def detect(text: str, min_letters: int = 3) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:3000]
    letters = "".join(ch for ch in sample if ch.isalpha())
    if len(letters) < min_letters:
        return by_script(letters)
    lang = _detector(len(letters) < SHORT_LETTERS).detect_language_of(sample)
    if lang is None:
        return by_script(letters)
    return lang.iso_code_639_1.name.lower()
