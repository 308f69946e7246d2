"""One annotated document in, its sentences, mentions, events and diagnostics out."""
from __future__ import annotations

from dataclasses import dataclass, field

from extractors import dates
from extractors.actors.dictionary import ActorDictionary, default_dictionary
from extractors.event_types import ANNOUNCED, UNTARGETED
from extractors.events import conditions, discourse, lexicon, mentions as mention_finder, nesting, predicates, rules
from extractors.events import modality as mod
from extractors.events.arg import party_columns
from extractors.events.arguments import Arg, Resolver, Salience, join, person_side_mentions
from extractors.events.tree import Tree
from extractors.records import Diagnostic, Event, Extraction, RawDocument, SentenceRow, stable_id

MAX_CONDITION_DISTANCE = 5
FALLBACK_SENTENCES = 2
GROUP_SENTENCES = 4  # how far back "the three governments" looks for its group
QUOTE_CARRY = 2  # sentences a speaker carries over to a following quote
BACKGROUND_DAYS = 90  # an act its own clause dates this long before publication is background, not news


@dataclass
class _LastActor:
    arg: Arg | None = None
    sentence: int = -10
    pair: Arg | None = None
    two: Arg | None = None  # the last pair of two or more parties (an act of one alone leaves it)


@dataclass
class _Doc:
    """What the sentences of one document share while they are read in order."""
    raw: RawDocument
    lang: str
    lex: lexicon.Lexicon
    actors: ActorDictionary
    trees: list[Tree]
    sentences: list[SentenceRow] = field(default_factory=list)
    mentions: list = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)
    history: list = field(default_factory=list)  # the mentions of the sentences read so far
    last: _LastActor = field(default_factory=_LastActor)
    groups: list = field(default_factory=list)  # (sentence, party of three or more) of recent events, latest first
    prev_speaker: tuple[Arg | None, int] = (None, -10)
    person_names: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    person_sides: set[int] = field(default_factory=set)  # mentions naming an unnamed person's side ("the Iranian minister")
    reported_paragraph: int = -1
    other_thread_paragraph: int = -1  # a paragraph that opened another thread ("Earlier, …", «Ранее …»)
    reported_sentence: int = -1  # the last sentence told by sources or media
    lead_date: object = None  # the date of the lead sentence's event, if it names one
    told: list = field(default_factory=list)  # (sentence, day) the text gave acts, in order ("the following day")

    def __post_init__(self) -> None:
        self.text = self.raw.text
        self.countries = self.actors.countries()
        self.first_sentence = next((k for k, t in enumerate(self.trees) if t.nodes), -1)
        self.dateline = dates.dateline_end(self.text, self.lang)
        self.name_nouns = self.lex.geographic_features | self.lex.instrument_names  # names that hold a place


@dataclass
class _Reading:
    """How one sentence tells what it tells: its paragraph, sources and speakers."""
    sidx: int
    tree: Tree
    text: str
    para: int
    opening: str
    res: Resolver
    named_source: bool
    reported: bool
    anonymous: bool
    speakers: list
    periods: list
    vague: bool


def extract(doc, raw: RawDocument, lang: str, actors: ActorDictionary | None = None) -> Extraction:
    lex = lexicon.load(lang)
    trees = [Tree(s, raw.text, lex.measures, lex.clause_nouns, lex.grammar) for s in doc.sentences]
    st = _Doc(raw, lang, lex, actors or default_dictionary(), trees)
    for sidx, (sent, tree) in enumerate(zip(doc.sentences, trees)):
        if tree.nodes:
            _sentence(st, sidx, sent, tree)
    # one event id per (doc, span, type): keep the most confident duplicate
    uniq: dict[str, Event] = {}
    for e in st.events:
        if e.event_id not in uniq or e.confidence > uniq[e.event_id].confidence:
            uniq[e.event_id] = e
    return Extraction(raw.doc_id, st.sentences, st.mentions, list(uniq.values()), st.diags)


def _sentence(st: _Doc, sidx: int, sent, tree: Tree) -> None:
    st.sentences.append(SentenceRow(st.raw.doc_id, sidx, tree.start, tree.end, st.text[tree.start:tree.end]))
    ms, cands, misses, res = _resolve(st, sidx, sent, tree)
    live, attached = _conditions(st, tree, cands)
    r = _reading(st, sidx, tree, ms, res, cands)
    live += discourse.claimed_accusations(tree, live, r.speakers, st.lex.report_verbs)
    for c in live:
        _event(st, r, c, attached.get(id(c)))
    _diagnose(st, sidx, tree, cands, misses)
    st.history.extend(ms)


def _resolve(st: _Doc, sidx: int, sent, tree: Tree):
    """Mentions, predicates and their arguments, and the discourse steps over them."""
    lex = st.lex
    ms = mention_finder.find(tree, sent, st.raw.doc_id, sidx, st.lang, st.actors, lex.media, st.name_nouns,
                             lex.person_titles, lex.title_modifiers, lex.name_particles, lex.noun_lemmas)
    st.mentions.extend(ms)
    discourse.canonical_persons(ms, st.person_names, st.lang)
    cands, misses = predicates.candidates(tree, lex)
    st.person_sides.update(id(m) for m in person_side_mentions(tree, ms, lex))
    res = Resolver(tree, ms, st.history, lex, Salience(st.last.pair, st.last.arg, st.last.sentence >= sidx - 1,
                                                       groups=tuple(g for s, g in st.groups if sidx - s <= GROUP_SENTENCES),
                                                       countries=st.countries, person_sides=st.person_sides,
                                                       last_two=st.last.two))
    speaker = discourse.speaker(tree, cands, res, lex)
    if speaker is None and sidx - st.prev_speaker[1] <= QUOTE_CARRY \
            and discourse.opens_quote(st.text[tree.start:tree.end]):
        speaker = st.prev_speaker[0]  # a quote continued from the previous paragraph: same speaker
    if speaker is not None:
        st.prev_speaker = (speaker, sidx)
    res = res.with_speaker(speaker)
    rules.resolve(tree, cands, res, lex)
    discourse.settle(tree, cands, res)
    discourse.demonstrative_targets(tree, cands, st.events, lex)
    for c in cands:
        # an elided subject (none in the tree at all) is taken from the previous event nearby
        if (not c.suppressed and c.actor is None and not c.entry.speech and st.last.arg is not None
                and (c.actor_how == "none" and sidx - st.last.sentence <= FALLBACK_SENTENCES
                     or _passive_carried(st, sidx, c))):
            c.actor, c.actor_how = st.last.arg.found("fallback"), "previous_event"
    discourse.settle(tree, cands, res, "on_anaphora", st.events, sidx)
    discourse.person_countries(cands, st.person_names)
    return ms, cands, misses, res


def _passive_carried(st: _Doc, sidx: int, c) -> bool:
    """A main-clause passive with no agent ("The envoy was given 72 hours to leave") right after an event:
    the guidelines take its agent from that neighbouring sentence, the party that just acted (not the one
    it is done to: "X attacked Y. X was condemned" names no agent)."""
    last = st.last.arg
    return (c.actor_how == "passive" and sidx - st.last.sentence == 1 and predicates.anchor(c).rel == "root"
            and (c.target is None or not c.target.norm or c.target.norm != last.norm))


def _conditions(st: _Doc, tree: Tree, cands) -> tuple[list, dict[int, conditions.Condition]]:
    """The sentence's conditions, each attached to the nearest live predicate; what lies inside a
    condition or is nested in another act is no event of its own."""
    lex = st.lex
    conds = conditions.find(tree, lex.markers, lex.not_conditions, lex.lead_ins, lex.clause_markers,
                            lex.speech_lemmas, lex.inverted_markers, lex.participle_markers, lex.inverted_inside)
    for c in cands:  # a predicate inside a condition states the condition, not an act
        if not c.suppressed and any(k.start <= c.node.start < k.end for k in conds):
            c.suppressed = "inside_condition"
    nesting.suppress_nested(tree, cands, lex.readiness, lex.light_nouns, lex.reaction_verbs)
    live = [c for c in cands if not c.suppressed]
    attached: dict[int, conditions.Condition] = {}
    # a nominal act with its own agent ("Aoun's condemnation") was done already: a verbal act of the clause
    # takes the sentence's condition before it
    hosts = [c for c in live if not (c.light is None and c.actor_how == "noun_agent")] or live
    for cond in (k for k in conds if k.stated):
        best = min(hosts, key=lambda c: tree.distance(cond.head, c.node.id), default=None)
        if best is not None and tree.distance(cond.head, best.node.id) <= MAX_CONDITION_DISTANCE:
            attached.setdefault(id(best), cond)
    for c in live:
        if c.entry.conditional_only and id(c) not in attached:
            c.suppressed = "no_condition"  # "took measures" alone is no threat
    return [c for c in live if not c.suppressed], attached


def _reading(st: _Doc, sidx: int, tree: Tree, ms, res: Resolver, cands) -> _Reading:
    """Sources, reports, speakers and time words of a sentence (and what it sets for the next ones)."""
    lex = st.lex
    sent_text = st.text[tree.start:tree.end]
    para = st.text.count("\n\n", 0, tree.start)
    opening = sent_text[:60].lower()
    named_source = mod.named_attribution(tree, sent_text, tree.start, ms, lex)
    if opening.startswith(lex.reported_phrases) and not named_source:
        # (the phrases are lower-case, like the opening; "According to him, …" is a named speaker's)
        st.reported_paragraph = para  # "Согласно полученной информации, …": the rest of the paragraph too
    reported = (mod.is_reporting_sentence(tree, lex) or discourse.reported_next(st.trees, sidx, lex)
                or st.reported_paragraph == para)
    # "Кроме того, …", "In addition, …" right after a sourced sentence goes on telling the same report
    reported = reported or (st.reported_sentence == sidx - 1 and opening.startswith(lex.continuation_openers))
    anonymous = mod.anonymous_source(tree, lex)
    if reported or anonymous:
        st.reported_sentence = sidx
    # (one who responds to an act does not tell it: "responded to Lebanon's condemnation")
    speakers = [c for c in cands if c.entry.speech and c.node.upos in ("VERB", "AUX") and c.actor is not None
                and c.actor.code and c.actor_how != "speaker" and c.node.lemma.lower() not in lex.reaction_verbs] \
        + discourse.claimants(tree, res, lex)
    days = [d for d in dates.find(sent_text, st.lang, st.raw.published, tree.start) if d.start >= st.dateline]
    st.told += [(sidx, days[0].date)] if days else []  # the day this sentence tells, whatever act it dates
    if opening.startswith(lex.new_thread_openers):
        st.other_thread_paragraph = para  # the rest of the paragraph goes on telling that other time
    return _Reading(sidx, tree, sent_text, para, opening, res, named_source, reported, anonymous, speakers,
                    dates.past_periods(sent_text, st.lang, tree.start),  # "in 2017", «в 2019 году»
                    dates.vague_period(sent_text, st.lang))  # "last month": no day, not the lead's either


def _modality(st: _Doc, r: _Reading, c, cond):
    """The act's modality, type and condition as the sentence tells them."""
    lex, tree = st.lex, r.tree
    modality = mod.modality(tree, c.node.id if c.light is None else c.light.id, lex, r.text, r.reported,
                            r.named_source)
    if modality in ("asserted", "planned") and c.light is not None and c.light.lemma in lex.hypothetical:
        modality = "hypothetical"  # "is mulling a ban", "is considering sanctions": not decided
    if c.entry.future_only and modality not in ("planned", "hypothetical") and cond is None:
        c.suppressed = "done_not_announced"  # "responded to the attack" tells the response, not a threat
    if modality == "asserted" and discourse.third_party_claim(tree, c, r.speakers):
        modality = "reported"
    if (cond is not None and modality == "asserted" and not c.negated and not c.entry.speech
            and c.event_type not in ANNOUNCED and predicates.past(tree, c) and cond.text.lower().startswith(lex.irrealis_markers)):
        cond = None  # "the talks ended without an agreement": how a past act went, no condition
        # (what was said keeps its conditions: "said peacekeepers cannot stay without consent"; so does a refusal
        # or threat, a position: "rejected any truce without a withdrawal")
    if cond is not None and (modality == "planned" or (
            modality == "hypothetical" and mod.conditional_would(tree, predicates.anchor(c).id))):
        modality = "asserted"  # a conditional threat or offer that was made is asserted
    if modality == "asserted" and r.anonymous:
        modality = "reported"
    if c.entry.blame and modality in ("planned", "hypothetical"):
        modality = "asserted"  # the accusation was made, whatever tense the evaluation is in
    etype = predicates.adjust_type(c, cond is not None, modality, predicates.past(tree, c))
    if c.negated and cond is not None and conditions.is_refusal(cond.text, lex.refusal_markers, lex.negation):
        etype, c.negated = "REJECT", False  # "will not send troops unless…": the refusal is the event
    if etype in ANNOUNCED and modality == "planned":
        # a threat or refusal is made when announced ("vowed to crush…", «пообещали дать ответ», "will not
        # take part", "will not attend the summit")
        modality = "asserted"
    return modality, etype, cond


def _date(st: _Doc, r: _Reading, c, modality: str):
    """(date, source) of the act, or None when its own clause dates it as background history."""
    raw, tree = st.raw, r.tree
    at = predicates.anchor(c)
    # an act noun whose own clause is told for the future ("the restrictions will take effect on 1 January"): its
    # days lie ahead, whatever the act's modality
    ahead = modality == "planned" or (at.upos in ("NOUN", "PROPN") and at.rel in ("nsubj", "nsubj:pass") and at.head
                                      and tree[at.head].upos in ("VERB", "AUX") and mod.foretold(tree, at.head))
    own, said = discourse.attached_dates(tree, at.id, [
        d for d in dates.find(r.text, st.lang, raw.published, tree.start, future=ahead,
                              prior=next((d for k, d in reversed(st.told) if k < r.sidx), None))
        if d.start >= st.dateline])  # a wire dateline's day is when the story was filed
    if said and not own and ahead:  # the day it was said is in the past
        past = {d.start: d for d in dates.find(r.text, st.lang, raw.published, tree.start)}
        said = [past.get(d.start, d) for d in said]
    found = own or said
    background = [d for d in own + r.periods if raw.published is not None
                  and (raw.published - d.date).days > BACKGROUND_DAYS]
    if at.upos in ("NOUN", "PROPN") and at.rel in ("nsubj", "nsubj:pass") and at.head:
        at = tree[at.head]  # "Talks … collapsed in 2021": an act noun's clause tells its history
    if background and discourse.own_periods(tree, at.id, background):
        return None  # "when the alliance sent troops into Kosovo in June 1999": history told as background
    if found:
        if r.sidx == st.first_sentence and st.lead_date is None and not st.dateline:
            # (a wire story's lead dates its own act: the dateline files the rest; the lead's day is its main
            # clause's: "said on Wednesday that X attacked on Sunday")
            st.lead_date = discourse.outermost_date(tree, own + said).date
        st.told.append((r.sidx, found[0].date))
        return found[0].date, "text"
    if st.lead_date is not None and st.other_thread_paragraph != r.para and not (
            ahead and raw.published is not None and st.lead_date <= raw.published) and not (
            raw.published is not None and st.lead_date > raw.published and predicates.past(tree, c)) \
            and not predicates.perfect(tree, predicates.anchor(c)) and not r.vague \
            and not predicates.present_state(tree, predicates.anchor(c)):
        # the news day the lead gave ("on Saturday"), but not for another thread ("Meanwhile, …"), an act
        # still ahead of a past lead day, or a perfect, which sums up what has been going on ("has repeatedly rejected")
        return st.lead_date, "text"
    return raw.published, "document"


def _event(st: _Doc, r: _Reading, c, cond) -> None:
    """One live candidate as an event (or a background diagnostic)."""
    raw, tree, lex, sidx = st.raw, r.tree, st.lex, r.sidx
    modality, etype, cond = _modality(st, r, c, cond)
    if c.suppressed:
        st.diags.append(Diagnostic(raw.doc_id, sidx, c.node.lemma, c.node.start, c.suppressed))
        return
    dated = _date(st, r, c, modality)
    if dated is None:
        st.diags.append(Diagnostic(raw.doc_id, sidx, c.node.lemma, c.node.start, "background_past"))
        return
    event_date, date_source = dated
    a_start, a_end = predicates.action_span(tree, c)
    actor, target = c.actor, (None if etype in UNTARGETED else c.target)  # a statement is aimed at no one
    if target is not None and target.via == "phrase" and target.code is None and target.type is None \
            and etype != c.event_type and c.event_type in lex.object_targets:
        target = None  # what an act would seize or strike, when the act is only threatened, is no party
        # (an unnamed group it is aimed at, "the rebels", "will resume operations against the rebels", is one)
    if target is None and cond is not None and etype == "THREATEN":
        target = r.res.party_in(cond.start, cond.end, actor)  # whose conduct the threat is about
        if target is not None and target.code is None:
            target = None  # an unplaced name in the condition is not surely the one threatened
    ev = Event(
        event_id=stable_id(raw.doc_id, sidx, a_start, a_end, etype),
        doc_id=raw.doc_id, sentence_idx=sidx, event_type=etype,
        action_text=st.text[a_start:a_end], action_lemma=c.entry.gloss, action_start=a_start, action_end=a_end,
        actor_text=actor.text, actor_norm=actor.norm, actor_type=actor.type, actor_code=actor.code,
        actor_start=actor.start, actor_end=actor.end,
        target_text=target.text if target else None, target_norm=target.norm if target else None,
        target_type=target.type if target else None, target_code=target.code if target else None,
        target_start=target.start if target else None, target_end=target.end if target else None,
        condition_text=cond.text if cond else None, condition_start=cond.start if cond else None,
        condition_end=cond.end if cond else None, negated=c.negated, modality=modality,
        event_date=event_date, date_source=date_source, confidence=predicates.confidence(c),
        rule=f"{c.entry.lemma}:{c.actor_how}")
    ev.actor_codes, ev.actor_types = party_columns(actor)
    ev.target_codes, ev.target_types = party_columns(target)
    st.events.append(ev)
    if actor.via != "fallback":
        # (a target kept only by its surface, "struck the border", is no party of the pair)
        pair = join([actor, target]) if target is not None and target.norm and target.code else actor
        st.last = _LastActor(actor, sidx, pair, pair if pair.norm and "|" in pair.norm else st.last.two)
        st.groups = [(sidx, a) for a in (actor, target, pair) if a is not None and a.norm and a.norm.count("|") >= 2] \
            + [(s, g) for s, g in st.groups if sidx - s <= GROUP_SENTENCES]


def _diagnose(st: _Doc, sidx: int, tree: Tree, cands, misses) -> None:
    """Every candidate that gave no event says why (part_of_frame, background, …)."""
    for c in cands:
        if c.suppressed:
            st.diags.append(Diagnostic(st.raw.doc_id, sidx, c.node.lemma, c.node.start, c.suppressed))
    for node, reason in misses:
        st.diags.append(Diagnostic(st.raw.doc_id, sidx, node.lemma, node.start, reason))
    if not cands and not misses:
        root = next((n for n in tree.nodes.values() if n.head == 0), None)
        if root is not None and root.upos in ("VERB", "NOUN", "ADJ"):
            st.diags.append(Diagnostic(st.raw.doc_id, sidx, root.lemma, root.start, "predicate_not_in_lexicon"))
