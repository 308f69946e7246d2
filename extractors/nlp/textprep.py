"""Text preparation before parsing that keeps every character offset: agency datelines
("Минск. 12 марта. INTERFAX.RU - ", "WASHINGTON, Oct 3 (Reuters) - ") are blanked out with spaces
of the same length, so the parser sees the sentence that follows and offsets into the stored text
stay valid."""
from __future__ import annotations

import re

DATELINES = [
    # Минск. 12 марта. INTERFAX.RU -   /   Баку, 3 октября, Trend -
    re.compile(r"(?m)^[ \t]*[А-ЯЁ][\w-]+(?:[ -][А-ЯЁ][\w-]+)?[.,][ \t]+\d{1,2}[ \t]+[а-яё]+[.,][ \t]+"
               r"[\w.«»\"() -]{2,40}?[ \t]+[-–—][ \t]+"),
    # WASHINGTON, Oct 3 (Reuters) -   /   MOSCOW (AP) —
    re.compile(r"(?m)^[ \t]*[A-Z][A-Z .'/-]{2,40}(?:,[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?[ \t]+\([\w .-]{2,30}\)[ \t]*(?:--|[-–—])[ \t]+"),
    # BAMAKO, April 7 —   /   MANILA, June 12, 2025 -   /   KYIV, 3 March --
    re.compile(r"(?m)^[ \t]*[A-Z][A-Z .'/-]{2,40},[ \t]+(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?)"
               r"(?:,[ \t]+\d{4})?[ \t]+(?:--|[-–—])[ \t]+"),
    # МОСКВА, 12 мар — РИА Новости.   /   КИЕВ, 3 марта —
    re.compile(r"(?m)^[ \t]*[А-ЯЁ][А-ЯЁ -]{2,40},[ \t]+\d{1,2}[ \t]+[а-яё]{3,8}\.?(?:[ \t]+\d{4})?[ \t]+[-–—][ \t]+"
               r"(?:(?:РИА Новости|ТАСС|Интерфакс|ИА Регнум|Прайм)\.[ \t]+)?"),
]
# bumped with any change above: cached parses of texts prepared otherwise are stale
VERSION = "2"


def mask_datelines(text: str) -> str:
    for rx in DATELINES:
        text = rx.sub(lambda m: " " * len(m.group(0)), text)
    return text
