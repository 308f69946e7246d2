"""Plain records passed between stages: documents in, annotations and events out.

Field names follow the warehouse contract (README, "Table contract")."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from extractors.event_types import NAMES as EVENT_TYPES  # defined once, in event_types.tsv

MODALITIES = ("asserted", "planned", "hypothetical", "reported")
ACTOR_TYPES = ("COUNTRY", "ORG", "PERSON", "GROUP")


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no NULs or trailing spaces per line, stripped. Offsets index this text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return text.strip()


def stable_id(*parts: object, length: int = 16) -> str:
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass
class RawDocument:
    """A document as read from input, text already normalised."""

    text: str
    source: str
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    lang: str | None = None
    doc_id: str = ""

    def __post_init__(self) -> None:
        if not self.doc_id:
            self.doc_id = stable_id(self.text)


@dataclass
class Quarantined:
    stage: str
    reason: str
    source: str
    payload: str = ""
    doc_id: str | None = None
    external_id: str | None = None


@dataclass
class SentenceRow:
    doc_id: str
    sentence_idx: int
    start_char: int
    end_char: int
    text: str


@dataclass
class Mention:
    doc_id: str
    sentence_idx: int
    start_char: int
    end_char: int
    text: str
    ner_type: str | None
    actor_norm: str | None
    actor_code: str | None
    actor_type: str | None
    # word ids (1-based, within the sentence) covered by the mention; not stored
    word_ids: tuple[int, ...] = field(default=(), repr=False)
    source: str = "dictionary"  # dictionary | ner | coref


@dataclass
class Event:
    event_id: str
    doc_id: str
    sentence_idx: int
    event_type: str
    action_text: str
    action_lemma: str
    action_start: int
    action_end: int
    actor_text: str | None = None
    actor_norm: str | None = None
    actor_type: str | None = None
    actor_code: str | None = None
    target_text: str | None = None
    target_norm: str | None = None
    target_type: str | None = None
    target_code: str | None = None
    condition_text: str | None = None
    condition_start: int | None = None
    condition_end: int | None = None
    negated: bool = False
    modality: str = "asserted"
    event_date: dt.date | None = None
    date_source: str = "document"
    confidence: float = 0.5
    rule: str = ""
    actor_start: int | None = None
    actor_end: int | None = None
    target_start: int | None = None
    target_end: int | None = None
    # each party of a joint actor or target, aligned with the "|"-joined norms ("" where a part has none):
    # the warehouse's event_parties view gives every party its own row
    actor_codes: str | None = None
    actor_types: str | None = None
    target_codes: str | None = None
    target_types: str | None = None


@dataclass
class Diagnostic:
    """Why a sentence with a candidate predicate produced no event."""

    doc_id: str
    sentence_idx: int
    predicate: str
    predicate_start: int
    reason: str


@dataclass
class Extraction:
    """Everything extracted from one annotated document."""

    doc_id: str
    sentences: list[SentenceRow]
    mentions: list[Mention]
    events: list[Event]
    diagnostics: list[Diagnostic]
