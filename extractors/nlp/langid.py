"""Language identification with lingua, restricted to a fixed set of candidate languages.

Candidates include common languages we do not support, so that German or Ukrainian text is
recognised as such (and quarantined) instead of being forced into Russian or English."""
from __future__ import annotations

import functools

CANDIDATES = ("en", "ru", "uk", "de", "fr", "es", "it", "pt", "tr", "ar", "zh", "pl", "be", "kk")


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in CANDIDATES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detect(text: str, min_letters: int = 3) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:3000]
    if sum(ch.isalpha() for ch in sample) < min_letters:
        return None
    lang = _detector().detect_language_of(sample)
    return None if lang is None else lang.iso_code_639_1.name.lower()
