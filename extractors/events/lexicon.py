"""Per-language lexicons (YAML data files) loaded into typed, immutable lookups."""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from extractors.actors.dictionary import ACTOR_DIR
from extractors.events import grammar
from extractors.events.grammar import Grammar

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@dataclass(frozen=True)
class Frame:
    lemmas: frozenset[str]
    rels: frozenset[str] = frozenset()
    case: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Entry:
    lemma: str
    type: str
    gloss: str
    pos: frozenset[str] = frozenset()
    dep: Frame | None = None
    also: Frame | None = None  # a second frame that must hold too ("called the accusations baseless": a claim, dismissed)
    on_negation: str | None = None
    negated_only: bool = False
    affirmed_only: bool = False  # no event when negated: "did not rule out talks" leaves the talks open
    speech: bool = False
    stance: bool = False
    attribution: bool = False
    conditional_only: bool = False  # an event only with a condition attached ("will take all measures if…")
    if_condition: str | None = None  # the type when a condition attaches ("will respond if…": a threat)
    future_only: bool = False  # an event only when told for the future ("will respond to any provocation")
    directional: bool = False  # a place phrase names the party reached ("visited…", "send troops to…")
    mutual: bool = False  # done to each other: "A and B exchanged fire" is A against B
    unaddressed: str | None = None  # the type when the act reaches no other party ("sent troops to the border": MOBILIZE)
    clausal_only: bool = False  # only a verb heading a clause: "a devastating war" is no attack
    own_agent: bool = False  # a noun whose agent must be its own (possessor, genitive), not the clause's subject
    crowd_only: bool = False  # an event only with a crowd as actor ("protesters gathered outside the embassy")
    blame: bool = False  # an evaluation that blames its subject: the speaker accuses it ("said X violated the deal")
    sighting: bool = False  # a sighting ("ships were around the island"): reporting it is no accusation
    strength: float = 0.7


@dataclass(frozen=True)
class Lexicon:
    lang: str
    entries: dict[str, tuple[Entry, ...]]
    light_verbs: frozenset[str]
    markers: tuple[tuple[str, ...], ...]
    not_conditions: tuple[tuple[str, ...], ...]
    lead_ins: frozenset[str]
    negation: frozenset[str]
    planned: frozenset[str]
    hypothetical: frozenset[str]
    hypothetical_phrases: tuple[str, ...]
    reported_phrases: tuple[str, ...]
    reported_sources: frozenset[str]
    reported_verbs: frozenset[str]
    pronouns: dict[str, tuple[str, ...]]
    roles: dict[str, tuple[str, ...]]
    bodies: frozenset[str]
    collective: frozenset[str] = frozenset()
    media: frozenset[str] = frozenset()
    first_person: dict[str, str] = field(default_factory=dict)
    # "the three governments": a counted noun stands for the last group of that many parties
    count_words: dict[str, int] = field(default_factory=dict)
    pair_places: dict[str, int] = field(default_factory=dict)  # "the latter": a place in the last pair of parties
    # "the island nation", "the Gulf state", "the bloc": kind words (roles.yaml) and the kinds of each party
    # (actors/kinds.tsv, by code); a definite description of a kind stands for the last party of that kind
    kind_words: dict[str, str] = field(default_factory=dict)
    party_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    documents: frozenset[str] = frozenset()
    decrees: frozenset[str] = frozenset()  # a state's own acts ("signed an executive order"): no agreement
    decision_verbs: frozenset[str] = frozenset()  # "ordered the expulsion": the act noun is the orderer's
    confirming_verbs: frozenset[str] = frozenset()  # "confirmed the severing of ties": as a speech verb
    speech_lemmas: frozenset[str] = frozenset()
    grammar: Grammar = field(default_factory=lambda: Grammar(lang=""))  # closed-class words, grammar features
    object_targets: frozenset[str] = frozenset()  # event types whose unnamed object is kept as the target
    content_targets: frozenset[str] = frozenset()  # event types aimed at the party their content clause is about
    frame_targets: frozenset[str] = frozenset()  # ... and whose frame word is that object ("seized a tanker")
    struck_cases: frozenset[str] = frozenset()  # prepositions of what such an act strikes ("strikes on", "struck at")
    groups: frozenset[str] = frozenset()
    stative_passives: frozenset[str] = frozenset()
    place_topics: frozenset[str] = frozenset()
    receivers: frozenset[str] = frozenset()
    clause_markers: frozenset[str] = frozenset()
    measures: frozenset[str] = frozenset()
    readiness: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    inverted_markers: frozenset[str] = frozenset()
    inverted_inside: frozenset[str] = frozenset()
    participle_markers: frozenset[str] = frozenset()
    raising_passives: frozenset[str] = frozenset()
    refusal_markers: tuple[str, ...] = ()
    withheld_words: frozenset[str] = frozenset()  # "declined to comment": no refusal between parties
    receiver_sources: frozenset[str] = frozenset()  # "received a call from Putin": Putin calls
    transfer_verbs: frozenset[str] = frozenset()  # "supply LNG to Germany": the object is what is handed over
    recipient_cases: frozenset[str] = frozenset()  # the prepositions naming whom it is handed to
    irrealis_markers: tuple[str, ...] = ()  # conditions only of an act not yet done ("ended without a deal": none)
    background: tuple[tuple[str, ...], ...] = ()
    anonymous_roles: frozenset[str] = frozenset()
    negation_carriers: frozenset[str] = frozenset()
    new_thread_openers: tuple[str, ...] = ()  # "Meanwhile, …": not the lead's news day
    named_sources: tuple[str, ...] = ()  # "according to him": a named speaker, not a report
    continuation_openers: tuple[str, ...] = ()  # "In addition, …": the previous sentence's report goes on
    failure_verbs: frozenset[str] = frozenset()  # "failed to agree": the act governed did not happen
    pending_marks: frozenset[str] = frozenset()  # "has yet to ratify": the act governed has not happened
    offers: frozenset[str] = frozenset()
    topic_verbs: frozenset[str] = frozenset()
    evasion_verbs: frozenset[str] = frozenset()  # "circumvent the sanctions": what is evaded is no act told
    inference_verbs: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    force_places: frozenset[str] = frozenset()
    evaluations: frozenset[str] = frozenset()  # "participation is possible": the act judged is not done
    relational_nouns: frozenset[str] = frozenset()  # "Ukraine's allies" are not Ukraine
    military_assets: frozenset[str] = frozenset()  # sent to a place that is no party: MOBILIZE
    geographic_features: frozenset[str] = frozenset()
    helper_nouns: frozenset[str] = frozenset()
    membership_nouns: frozenset[str] = frozenset()
    ownership_participles: frozenset[str] = frozenset()  # "a British-flagged tanker": Britain's
    attributions: tuple[str, ...] = ()  # "according to", "as reported": a report unless a named party follows
    citing_verbs: frozenset[str] = frozenset()  # "citing three sources": what the sentence says is reported
    title_modifiers: frozenset[str] = frozenset()  # "Foreign", "Prime": part of a title, never right before the name
    review_verbs: frozenset[str] = frozenset()  # "will consider the proposal": an offer under review is another's
    instrument_names: frozenset[str] = frozenset()  # "the Ottawa Convention": a place in its name is no party
    crowds: frozenset[str] = frozenset()  # "protesters": a crowd is an actor of its own, with no code
    crowd_counts: frozenset[str] = frozenset()  # "Hundreds rallied": a bare count as the subject is a crowd
    missions: frozenset[str] = frozenset()  # "embassy", "consulate": a party's mission stands for the party
    stating_verbs: frozenset[str] = frozenset()  # "outlined its position": a stance stated as an object
    pronoun_targets: frozenset[str] = frozenset()  # types whose object pronoun stands for a party named before
    patient_cases: frozenset[str] = frozenset()  # "the expulsion of X": a derived noun's object, not its agent
    domestic_bodies: frozenset[str] = frozenset()  # "the cabinet met": a state's own bodies meeting
    own_possessives: frozenset[str] = frozenset()  # "his ministers": the actor's own people  # "the cabinet met": a state's own bodies meeting
    reaction_verbs: frozenset[str] = frozenset()  # "responded to X's condemnation": X's act took place
    follow_verbs: frozenset[str] = frozenset()  # "a response will follow", "there will be a response"
    topic_nouns: frozenset[str] = frozenset()  # "the framework for talks": the act noun inside is a topic
    subject_control: frozenset[str] = frozenset()  # "promised Chile to help": the promiser helps, not Chile
    armed_groups: frozenset[str] = frozenset()  # "the rebels": the group named before, else themselves
    one_sided: frozenset[str] = frozenset()  # symmetric-type predicates done jointly toward a third: no split
    claim_verbs: frozenset[str] = frozenset()  # "claimed that…": whoever tells another's act makes it reported
    report_verbs: frozenset[str] = frozenset()  # "reported that…": telling another's attack without accusing
    attribution_nouns: frozenset[str] = frozenset()  # "in the words of the minister": the same, by a phrase
    summons: frozenset[str] = frozenset()  # "was summoned to the foreign ministry": the ministry's side summons
    act_nouns: frozenset[str] = frozenset()  # "criticised the decision": the act just reported
    person_titles: frozenset[str] = frozenset()  # "Prime Minister Anwar Ibrahim": the name after one is a person's
    clause_nouns: frozenset[str] = frozenset()  # "the EU's decision [to open talks]": the clause is the noun's
    prospect_nouns: frozenset[str] = frozenset()  # "warned of the consequences of a strike": no act done
    reaction_nouns: frozenset[str] = frozenset()  # "in response to the arms sale": the act answered is another's
    voice_roles: frozenset[str] = frozenset()  # "a spokesman", "the ministry": the voice of the party that just acted
    home_offices: frozenset[str] = frozenset()  # "the President", "the minister" unnamed: an official of the state that just acted
    state_nouns: frozenset[str] = frozenset()  # "both countries" after two leaders met: their states
    decision_nouns: frozenset[str] = frozenset()  # "took the decision to cut ties": the act is the decider's
    latter_words: frozenset[str] = frozenset()  # "the latter": the party named last before it
    kind_heads: frozenset[str] = frozenset()  # nouns a kind of party heads ("the island nation", "the kingdom")
    about_nouns: frozenset[str] = frozenset()  # "a resolution on Gaza": their "on" phrase says what they are about
    pair_words: frozenset[str] = frozenset()  # "both countries", "the two neighbours": the last pair of parties
    place_agent_verbs: frozenset[str] = frozenset()  # "were expelled from Norway": the state acts, by its place
    light_nouns: frozenset[str] = frozenset()  # "against the carrying out of strikes": the strikes themselves
    aid_purposes: frozenset[str] = frozenset()  # "pledged $2 billion to rebuild Syria": Syria receives
    purpose_markers: frozenset[str] = frozenset()  # "in order (to)", "so that": the clause is an aim, not an act
    derivations: tuple[tuple[str, str, str], ...] = ()  # (NOUN|ADJ, word ending, verb ending): derivation.tsv
    target_cases: dict[str, int] = field(default_factory=dict)  # prepositions introducing a target -> rank (1 best)
    hostile_cases: dict[str, int] = field(default_factory=dict)  # the same, for hostile acts only ("fired at")
    name_particles: frozenset[str] = frozenset()  # "al", "von": lower-case words inside a person's name
    agent_cases: frozenset[str] = frozenset()  # prepositions naming a noun predicate's agent ("a proposal by X")
    source_cases: frozenset[str] = frozenset()  # the same for acts done by saying them ("a threat from X")
    happen_verbs: frozenset[str] = frozenset()  # "the talks took place", "the exercises will continue": the noun's own agent acts
    owned_nouns: frozenset[str] = frozenset()  # "Swedish airspace", "Venezuelan fishermen": the owner is the target
    version: str = field(default="")

    @functools.cached_property
    def noun_lemmas(self) -> frozenset[str]:
        """Lemmas the lexicon lists as noun predicates ("cooperation", "meeting"): common nouns."""
        return frozenset(k for k, es in self.entries.items() if any("NOUN" in e.pos for e in es))


def _strings(values, where: str) -> list[str]:
    """List items must be strings (``grammar.strings``)."""
    return grammar.strings(values, where, "lexicon")


def _words(section: dict, key: str) -> frozenset[str]:
    """A word list of a lexicon file (empty when absent), checked by ``_strings``."""
    return frozenset(_strings(section.get(key), key))


# frame words that are tests, not classes: any proper name, an animate name, a weapon's designation
SPECIAL_WORDS = frozenset({"@name", "@person", "@model"})


def _field_classes(path: Path) -> dict[str, list[str]]:
    """The field's word classes (``build_field_verbs``: the verb dictionary's synsets), by name."""
    out: dict[str, list[str]] = {}
    if path.exists():
        rows = [x.split("\t") for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
        for r in rows[1:]:
            out.setdefault(r[0], []).append(r[1])
    return out


def word_classes(pred: dict, field: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """Named word classes of a predicates file: its ``classes`` (whose items may take in a field class,
    ``&military``, or another class, ``@forces``) and its top-level word lists (``@light_verbs``)."""
    raw = {k: _strings(v, k) for k, v in pred.items() if isinstance(v, list) and k != "entries"}
    raw.update({str(k): _strings(v, f"classes.{k}") for k, v in (pred.get("classes") or {}).items()})
    out: dict[str, frozenset[str]] = {}

    def expand(name: str, seen: tuple[str, ...] = ()) -> frozenset[str]:
        if name in out:
            return out[name]
        if name not in raw or name in seen:
            raise ValueError(f"lexicon classes: unknown or circular class @{name}")
        words: set[str] = set()
        for w in raw[name]:
            if w.startswith("&"):
                if w[1:] not in field:
                    raise ValueError(f"lexicon classes.{name}: no field class {w}")
                words |= set(field[w[1:]])
            elif w.startswith("@") and w not in SPECIAL_WORDS:
                words |= expand(w[1:], seen + (name,))
            else:
                words.add(w.lower())
        out[name] = frozenset(words)
        return out[name]

    for name in raw:
        expand(name)
    return out


def _frame_words(values: list[str], classes: dict[str, frozenset[str]], where: str) -> frozenset[str]:
    """A frame's words, its ``@class`` references expanded (the special tests kept as they are)."""
    out: set[str] = set()
    for x in _strings(values, where):
        if x.startswith("@") and x not in SPECIAL_WORDS:
            if x[1:] not in classes:
                raise ValueError(f"lexicon {where}: unknown word class {x}")
            out |= classes[x[1:]]
        else:
            out.add(x.lower())
    return frozenset(out)


def _frame(dep: dict | None, classes: dict[str, frozenset[str]] | None, where: str) -> Frame | None:
    if not dep:
        return None
    return Frame(_frame_words(dep.get("lemma", []), classes or {}, where),
                 frozenset(dep.get("rel", []) or []), frozenset(dep.get("case", []) or []))


def _entry(d: dict, classes: dict[str, frozenset[str]] | None = None) -> Entry:
    frame, also = (_frame(d.get(k), classes, f"{d['lemma']}.{k}.lemma") for k in ("dep", "also"))
    return Entry(lemma=str(d["lemma"]).lower(), type=d["type"], gloss=d.get("gloss", d["lemma"]),
                 pos=frozenset(d.get("pos", []) or []), dep=frame, also=also, on_negation=d.get("on_negation"),
                 negated_only=bool(d.get("negated_only")), affirmed_only=bool(d.get("affirmed_only")),
                 speech=bool(d.get("speech")),
                 stance=bool(d.get("stance")), attribution=bool(d.get("attribution")),
                 conditional_only=bool(d.get("conditional_only")), if_condition=d.get("if_condition"),
                 future_only=bool(d.get("future_only")),
                 directional=bool(d.get("directional")),
                 mutual=bool(d.get("mutual")), unaddressed=d.get("unaddressed"), clausal_only=bool(d.get("clausal_only")),
                 crowd_only=bool(d.get("crowd_only")), blame=bool(d.get("blame")), own_agent=bool(d.get("own_agent")),
                 sighting=bool(d.get("sighting")), strength=float(d.get("strength", 0.7)))


PARTICLE_RELS = frozenset({"compound:prt", "prt", "advmod", "case"})
OBJECT_RELS = frozenset({"obj", "obl"})
FIELD_STRENGTH = 0.6  # derived rows type an act less surely than the hand-written entries


def field_entries(path: Path) -> list[Entry]:
    """Entries of a derived field table (``build_field_verbs``): a verb alone, a phrasal verb (verb +
    particle) or a verb with a given object noun, typed through CAMEO, PLOVER and the guidelines."""
    out = []
    if not path.exists():
        return out
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
    cols = lines[0].split("\t")
    for line in lines[1:]:
        r = dict(zip(cols, line.split("\t")))
        kind, word = r.get("kind", ""), r.get("word", "")
        dep = None
        if kind == "particle":
            dep = Frame(frozenset({word}), PARTICLE_RELS)
        elif kind == "object":
            dep = Frame(frozenset({word}), OBJECT_RELS)
        flags = set((r.get("flags") or "").split(","))
        out.append(Entry(lemma=r["lemma"], type=r["type"], gloss=r["lemma"], pos=frozenset({"VERB"}), dep=dep,
                         directional="directional" in flags, clausal_only=True, strength=FIELD_STRENGTH))
    return out


def _derivations(path: Path) -> tuple[tuple[str, str, str], ...]:
    """Suffix rewrites from a derived word to its verb (``events/derivation.py``), longest ending first."""
    if not path.exists():
        return ()
    rows = [x.split("\t") for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
    out = [(r[0], r[1], r[2] if len(r) > 2 else "") for r in rows[1:]]
    return tuple(sorted(out, key=lambda r: -len(r[1])))


def files(lang: str) -> list[Path]:
    d = LEXICON_DIR / lang
    return [d / n for n in ("predicates.yaml", "conditions.yaml", "modality.yaml", "roles.yaml")]


# libyaml's safe loader when PyYAML has it (same result, about 8x faster: 0.10 -> 0.015 s for a
# predicates file, paid once per worker process)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# the plain lists of the four lexicon files (``files``: predicates, conditions, modality, roles), each read
# into the Lexicon field of its own name: word sets (frozensets) and lower-cased phrases (tuples)
WORD_LISTS = (
    ("light_verbs", "stative_passives", "receivers", "raising_passives", "measures", "receiver_sources",
     "transfer_verbs", "recipient_cases", "withheld_words", "light_nouns"),
    ("clause_markers", "inverted_markers", "inverted_inside", "participle_markers"),
    ("reported_sources", "reported_verbs", "citing_verbs", "hypothetical_marks", "inference_verbs",
     "negation_carriers", "failure_verbs", "pending_marks", "anonymous_roles"),
    ("collective", "media", "documents", "decrees", "decision_verbs", "confirming_verbs", "groups", "place_topics", "readiness", "offers", "topic_verbs", "evasion_verbs",
     "demonstratives", "force_places", "military_assets", "relational_nouns", "evaluations",
     "geographic_features", "helper_nouns", "membership_nouns", "prospect_nouns", "reaction_nouns", "pair_words", "about_nouns", "state_nouns", "voice_roles", "home_offices", "place_agent_verbs", "clause_nouns",
     "person_titles", "title_modifiers", "act_nouns", "summons", "crowds", "crowd_counts", "missions",
     "stating_verbs", "claim_verbs", "report_verbs", "pronoun_targets", "one_sided", "armed_groups",
     "subject_control", "topic_nouns", "follow_verbs", "reaction_verbs", "domestic_bodies", "own_possessives",
     "patient_cases", "kind_heads", "latter_words", "decision_nouns", "attribution_nouns", "instrument_names", "review_verbs", "ownership_participles",
     "aid_purposes", "purpose_markers", "name_particles", "agent_cases", "source_cases", "happen_verbs",
     "owned_nouns", "object_targets", "frame_targets", "struck_cases", "content_targets"),
)
PHRASE_LISTS = (
    (),
    ("refusal_markers", "irrealis_markers"),
    ("hypothetical_phrases", "reported_phrases", "attributions", "new_thread_openers", "named_sources",
     "continuation_openers"),
    (),
)


def _lists(sections: tuple[dict, ...]) -> dict:
    """The plain word and phrase lists of the lexicon files (``WORD_LISTS``, ``PHRASE_LISTS``), by field."""
    out: dict = {}
    for section, words, phrases in zip(sections, WORD_LISTS, PHRASE_LISTS):
        out.update({k: _words(section, k) for k in words})
        out.update({k: tuple(x.lower() for x in _strings(section.get(k), k)) for k in phrases})
    return out


def _entries(lang: str, pred: dict) -> dict[str, tuple[Entry, ...]]:
    """The predicate entries by lemma: the hand-written ones, then the field's verbs for lemmas they
    do not have; frames first (an entry with a dependent constraint is more specific than a bare lemma)."""
    classes = word_classes(pred, _field_classes(LEXICON_DIR / lang / "field_classes.tsv"))
    entries: dict[str, list[Entry]] = {}
    for d in pred["entries"]:
        e = _entry(d, classes)
        entries.setdefault(e.lemma, []).append(e)
    _share_with_partners(entries, _partners(LEXICON_DIR / lang / "aspect_pairs.tsv"))
    derived: dict[str, list[Entry]] = {}
    for path in _field_tables(lang):  # hand-written verb classes where no field table exists
        for e in field_entries(path):
            if e.lemma not in entries:
                derived.setdefault(e.lemma, []).append(e)
    entries.update(derived)
    return {k: tuple(sorted(v, key=lambda e: e.dep is None)) for k, v in entries.items()}


def _partners(path: Path) -> list[tuple[str, str]]:
    """Verb partners that share their entries (``aspect_pairs.tsv``: a perfective and its imperfective)."""
    if not path.exists():
        return []
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return [(r[0].strip(), r[1].strip()) for r in rows[1:] if len(r) >= 2]


def _share_with_partners(entries: dict[str, list[Entry]], pairs: list[tuple[str, str]]) -> None:
    """An entry written for one verb of a pair serves the other where that one has no entry of the same
    type and frame ("recall the ambassador" written for one aspect holds for both)."""
    written = {k: list(v) for k, v in entries.items()}
    for a, b in pairs:
        for src, dst in ((a, b), (b, a)):
            have = {(e.type, e.dep) for e in written.get(dst, [])}
            for e in written.get(src, []):
                if (e.type, e.dep) not in have:
                    entries.setdefault(dst, []).append(replace(e, lemma=dst))
                    have.add((e.type, e.dep))


def _field_tables(lang: str) -> list[Path]:
    return [LEXICON_DIR / lang / "field_verbs.tsv", LEXICON_DIR / lang / "verb_classes.tsv"]


def _party_kinds(path: Path) -> dict[str, frozenset[str]]:
    """The kinds of each party by its code (``actors/kinds.tsv``: code, comma-separated kinds)."""
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {r[0].strip(): frozenset(k.strip() for k in r[1].split(",") if k.strip()) for r in rows[1:] if len(r) >= 2}


def _markers(values) -> tuple[tuple[str, ...], ...]:
    """Multi-word markers as word tuples, a comma its own word."""
    return tuple(tuple(m.lower().replace(",", " ,").split()) for m in values)


@functools.lru_cache(maxsize=8)
def load(lang: str) -> Lexicon:
    paths = files(lang)
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no lexicon for language {lang!r}: missing {missing[0]}")
    pred, cond, mod, roles = sections = tuple(yaml.load(p.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
                                              for p in paths)
    ordered = _entries(lang, pred)
    extra = _field_tables(lang) + [LEXICON_DIR / lang / n for n in ("derivation.tsv", "field_classes.tsv", "grammar.yaml",
                                                                     "aspect_pairs.tsv")]
    h = hashlib.sha256(b"".join(p.read_bytes() for p in paths + extra if p.exists())).hexdigest()[:12]
    return Lexicon(
        lang=lang, entries=ordered, markers=tuple(sorted(_markers(cond["markers"]), key=len, reverse=True)),
        not_conditions=_markers(cond.get("not_conditions", [])),
        lead_ins=frozenset(cond.get("explicit_lead_ins", [])),
        negation=frozenset(_strings(mod["negation"], "negation")), planned=frozenset(_strings(mod["planned"], "planned")),
        hypothetical=frozenset(_strings(mod["hypothetical"], "hypothetical")),
        pronouns={k: tuple(v) for k, v in roles["pronouns"].items()},
        roles={k: tuple(v) for k, v in roles["roles"].items()},
        bodies=frozenset(roles["bodies"]), first_person=dict(roles.get("first_person", {})),
        count_words={str(k): int(v) for k, v in (roles.get("count_words") or {}).items()},
        pair_places={str(k): int(v) for k, v in (roles.get("pair_places") or {}).items()},
        kind_words={str(k).lower(): str(v) for k, v in (roles.get("kind_words") or {}).items()},
        party_kinds=_party_kinds(ACTOR_DIR / "kinds.tsv"),
        speech_lemmas=frozenset(e.lemma for v in ordered.values() for e in v if e.speech),
        derivations=_derivations(LEXICON_DIR / lang / "derivation.tsv"),
        target_cases={str(k): int(v) for k, v in (roles.get("target_cases") or {}).items()},
        hostile_cases={str(k): int(v) for k, v in (roles.get("hostile_cases") or {}).items()},
        background=tuple(tuple(m.lower().split()) for m in _strings(roles.get("background"), "background")),
        grammar=grammar.load(lang), version=h, **_lists(sections))


def all_files() -> list[Path]:
    """Every data file the extractor reads (for the extractor version hash)."""
    out = sorted(LEXICON_DIR.rglob("*.yaml")) + sorted(LEXICON_DIR.rglob("*.tsv"))
    return out
