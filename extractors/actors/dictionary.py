"""The multilingual actor dictionary (data files under ``lexicons/actors``) and its matcher.

Aliases and text are compared token by token on Snowball stems (lowercased, ё→е), so Russian case
forms resolve to one entry (Азербайджану, Азербайджана → Azerbaijan) without depending on a
particular lemmatiser. Single-token proper-name aliases only match capitalised tokens. Aliases of the
generated group and organisation tables (``PROPER_NAME_TABLES``) match as proper names only: each
acronym in capitals ("ETA" is no "eta"), each capitalised name word capitalised ("Army of God", not
"army of god"); name particles (al-, of, the) in any case."""
from __future__ import annotations

import csv
import functools
import threading
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer

ACTOR_DIR = Path(__file__).resolve().parent.parent / "lexicons" / "actors"
STEMMERS = {"ru": "russian", "en": "english"}
MAX_ALIAS_TOKENS = 8
_TOKEN = re.compile(r"[\w.'’&-]+|[^\w\s]", re.U)
TABLES = ("not_actors.tsv", "curated.tsv", "world.tsv", "countries.tsv", "phoenix_countries.tsv",
          "phoenix_orgs.tsv", "phoenix_groups.tsv")
PROPER_NAME_TABLES = frozenset({"phoenix_orgs.tsv", "phoenix_groups.tsv"})
PARTICLES = frozenset("al el ash as ad an ar at the of de la le ul wa fi and for in on to".split())


@dataclass(frozen=True)
class Actor:
    code: str
    type: str
    norm: str


@dataclass(frozen=True)
class Match:
    start: int  # token index in the given list, inclusive
    end: int  # exclusive
    actor: Actor


_LOCAL = threading.local()


def _stemmer(lang: str):
    """One Snowball stemmer per thread and language: a stemmer keeps its cursor state while it works,
    so a shared one breaks when two extractions run at once."""
    cache = _LOCAL.__dict__.setdefault("stemmers", {})
    if lang not in cache:
        cache[lang] = snowballstemmer.stemmer(STEMMERS.get(lang, "english"))
    return cache[lang]


def fold_latin(text: str) -> str:
    """Latin letters without diacritics (Türkiye → Turkiye, Élysée → Elysee); Cyrillic untouched."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if 0x80 <= ord(ch) < 0x250:
            ch = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(ch)
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def stem(token: str, lang: str) -> str:
    token = fold_latin(token)
    t = token.lower().replace("ё", "е").replace("’", "'").strip(".") or token.lower()
    if len(t) <= 3 or not t.isalpha():
        return t
    return _stemmer(lang).stemWord(t)


RU_ENDINGS = sorted("""ами ями ого его ому ему ыми ими ией ией ах ях ам ям ом ем ой ей ою ею ов ев ий ый ой ая яя
    ое ее ые ие ых их ым им ую юю ия ии ию а я о е у ю ы и ь""".split(), key=len, reverse=True)


@functools.lru_cache(maxsize=65536)
def light_stem(token: str, lang: str) -> str:
    """Strip one Russian case ending (keeps at least 4 letters); Snowball alone is inconsistent on
    names (Азербайджан -> азербайджа, Азербайджану -> азербайджан)."""
    t = token.lower().replace("ё", "е")
    if lang != "ru" or not t.isalpha():
        return t
    for e in RU_ENDINGS:
        if t.endswith(e) and len(t) - len(e) >= 4:
            return t[: -len(e)]
    return t


@functools.lru_cache(maxsize=65536)
def variants(token: str, lang: str) -> frozenset[str]:
    return frozenset((stem(token, lang), light_stem(token, lang)))


@functools.lru_cache(maxsize=65536)
def exact_key(token: str) -> str:
    return fold_latin(token).lower().replace("ё", "е").replace("’", "'")


def alias_tokens(alias: str) -> list[str]:
    return _TOKEN.findall(alias)


def case_pattern(toks: list[str]) -> tuple[str, ...]:
    """Per alias token: "U" an acronym (to be written in capitals), "C" a name word (capitalised, or
    with a capital after a hyphen: al-Shabaab), "" anything (particles, punctuation, lower-case words)."""
    out = []
    for t in toks:
        letters = [c for c in t if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            out.append("U")
        elif letters and t[:1].isupper() and t.lower() not in PARTICLES:
            out.append("C")
        else:
            out.append("")
    return tuple(out)


def case_fits(pattern: tuple[str, ...] | None, tokens: list[str], i: int) -> bool:
    if not pattern:
        return True
    for req, tok in zip(pattern, tokens[i:]):
        if req == "U" and not all(c.isupper() for c in tok if c.isalpha()):
            return False
        if req == "C" and not any(c.isupper() for c in tok):
            return False
    return True


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        rows = (line for line in fh if not line.startswith("#") and line.strip())
        return list(csv.DictReader(rows, delimiter="\t"))


class ActorDictionary:
    """Alias trie per language over token stems. A text token matches an alias token when the stem
    of its surface form or of its lemma equals the alias token's stem."""

    _END = "\x00"

    def __init__(self, rows: list[dict[str, str]]):
        self._tries: dict[str, dict] = {}
        self._exact: dict[str, dict] = {}
        self.actors: dict[str, Actor] = {}
        for r in rows:
            actor = Actor(r["code"], r["type"], r["norm"])
            self.actors.setdefault(r["norm"], actor)
            self._index(r, actor, alias_tokens(r["alias"]))
            if re.search(r"\w-\w", r["alias"]):  # "secretary-general" tokenised as secretary - general
                self._index(r, actor, alias_tokens(re.sub(r"(?<=\w)-(?=\w)", " - ", r["alias"])))

    def _index(self, r: dict[str, str], actor: Actor, toks: list[str]) -> None:
        if toks and len(toks) <= MAX_ALIAS_TOKENS:
            proper = bool(r.get("_proper"))
            needs_capital = len(toks) == 1 and toks[0][:1].isupper() and not proper
            pattern = case_pattern(toks) if proper else None
            nodes = [self._tries.setdefault(r["lang"], {})]
            for t in toks:
                nodes = [n.setdefault(v, {}) for n in nodes for v in variants(t, r["lang"])]
            for node in nodes:
                node.setdefault(self._END, (actor, needs_capital, pattern))  # first row wins: curated before generated
            node = self._exact.setdefault(r["lang"], {})
            for t in toks:
                node = node.setdefault(exact_key(t), {})
            node.setdefault(self._END, (actor, needs_capital, pattern))

    def countries(self) -> dict[str, tuple[str, str]]:
        """{code: (norm, type)} of the countries (computed once)."""
        if not hasattr(self, "_countries"):
            self._countries = {a.code: (a.norm, a.type) for a in self.actors.values() if a.type == "COUNTRY"}
        return self._countries

    @classmethod
    def load(cls, directory: Path = ACTOR_DIR) -> "ActorDictionary":
        rows: list[dict[str, str]] = []
        # names that stand for no party first: "Real Madrid" is no mention of Spain
        # then the field's country aliases (Phoenix), which only add names the others lack, and its
        # organisations and groups, matched as proper names only
        for name in TABLES:
            table = read_tsv(directory / name)
            if name in PROPER_NAME_TABLES:
                for r in table:
                    r["_proper"] = "1"
            rows.extend(table)
        return cls(rows)

    def _longest(self, keys: list[set[str]], tokens: list[str], i: int, lang: str, trie: dict) -> Match | None:
        best = None
        frontier = [trie.get(lang, {})]
        j = i
        while frontier and j < len(tokens) and j - i < MAX_ALIAS_TOKENS:
            nxt = [child for node in frontier for k in keys[j] if (child := node.get(k)) is not None]
            j += 1
            for node in nxt:
                hit = node.get(self._END)
                if hit and not (hit[1] and not tokens[i][:1].isupper()) and case_fits(hit[2], tokens, i):
                    best = Match(i, j, hit[0])
            frontier = nxt
        return best

    def match(self, tokens: list[str], lang: str, lemmas: list[str] | None = None) -> list[Match]:
        """Longest non-overlapping alias matches over a token list, left to right."""
        pairs = [_keys(t, lemmas[j] if lemmas else None, lang) for j, t in enumerate(tokens)]
        keys = [k for k, _ in pairs]
        exact = [e for _, e in pairs]
        out: list[Match] = []
        root_exact, root_stem = self._exact.get(lang, {}), self._tries.get(lang, {})
        i = 0
        while i < len(tokens):
            # an exact (surface or lemma) alias wins over a stem match of the same length or shorter:
            # Нигер/Нигера -> Niger, not Nigeria, although their stems coincide (no alias starts with
            # most words: those are ruled out before the search)
            m_exact = self._longest(exact, tokens, i, lang, self._exact) \
                if any(k in root_exact for k in exact[i]) else None
            m_stem = self._longest(keys, tokens, i, lang, self._tries) \
                if any(k in root_stem for k in keys[i]) else None
            m = m_exact if m_exact and (not m_stem or m_exact.end >= m_stem.end) else m_stem
            if m:
                out.append(m)
                i = m.end
            else:
                i += 1
        return out

    def lookup(self, tokens: list[str], lang: str) -> Actor | None:
        m = self.match(tokens, lang)
        return m[0].actor if len(m) == 1 and m[0].start == 0 and m[0].end == len(tokens) else None


@functools.lru_cache(maxsize=65536)
def _keys(token: str, lemma: str | None, lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The stem keys and exact keys a word (with its lemma) is looked up by."""
    if not lemma:
        return variants(token, lang), (exact_key(token),)
    return variants(token, lang) | variants(lemma, lang), (exact_key(token), exact_key(lemma))


@functools.lru_cache(maxsize=1)
def default_dictionary() -> ActorDictionary:
    return ActorDictionary.load()
