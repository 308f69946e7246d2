"""One annotated document in, its sentences, mentions, events and diagnostics out."""
from __future__ import annotations

from dataclasses import dataclass

from extractors import dates
from extractors.actors.dictionary import ActorDictionary, default_dictionary
from extractors.events import conditions, lexicon, mentions as mention_finder, rules
from extractors.events import modality as mod
from extractors.events.arguments import Arg, Resolver, join
from extractors.events.tree import Tree
from extractors.records import Diagnostic, Event, Extraction, RawDocument, SentenceRow, stable_id

MAX_CONDITION_DISTANCE = 5
FALLBACK_SENTENCES = 2
REFERENT = {"этот", "это", "this", "that", "these"}


@dataclass
class _LastActor:
    arg: Arg | None = None
    sentence: int = -10
    pair: Arg | None = None


def _reported_next(trees: list[Tree], k: int, lex) -> bool:
    """Sentence k+1 attributes what precedes it to sources ("Об этом сообщили источники")."""
    if k + 1 >= len(trees):
        return False
    nxt = trees[k + 1]
    return mod.is_reporting_sentence(nxt, lex) and any(n.lemma in REFERENT for n in nxt.nodes.values())


MAX_DATE_DISTANCE = 3


def _attached_dates(tree: Tree, anchor: int, found: list) -> list:
    """Date mentions that hang from the event's clause (not from another phrase of the sentence)."""
    out = []
    for d in found:
        nodes = [n.id for n in tree.nodes.values() if d.start <= n.start < d.end]
        if nodes and min(tree.distance(anchor, i) for i in nodes) <= MAX_DATE_DISTANCE:
            out.append(d)
    return out


def _speaker(tree: Tree, cands, res: Resolver, lex) -> Arg | None:
    """The resolved subject of the sentence's speech verb ("…, - сказал Лавров")."""
    for c in cands:
        if c.entry.speech and c.node.upos in ("VERB", "AUX"):
            arg, _ = res.subject(c.node.id)
            if arg is not None and arg.via in ("mention", "coref"):
                return arg
    return None


def _speaker_as_agent(tree: Tree, cands, res: Resolver) -> None:
    """An agentless predicate inside what someone says is that speaker's act."""
    speech = {c.node.id: c for c in cands if c.entry.speech and c.actor is not None and not c.suppressed}
    only = next(iter(speech.values())) if len(speech) == 1 else None
    for c in cands:
        if c.entry.speech or c.entry.type in rules.SYMMETRIC and c.actor_how == "between" or \
                (c.suppressed != "noun_without_agent" and not (c.actor is None and not c.suppressed)):
            continue
        ups = [a.id for a in tree.ancestors(rules.anchor(c).id) if a.id in speech]
        # the speech verb governing it, or the one speaker of a quoted sentence ("…", - указал X)
        src = speech[ups[0]] if ups else only
        if src is not None:
            sp = src.actor
            c.actor, c.actor_how = Arg(sp.text, sp.norm, sp.code, sp.type, sp.start, sp.end, "speaker"), "speaker"
            c.suppressed = ""


DEMONSTRATIVES = {"это", "этот", "то", "this", "that", "it"}
REACTIONS = {"ACCUSE", "REJECT", "SUPPORT", "PROTEST", "THREATEN"}


def _demonstrative_targets(tree: Tree, cands, events: list[Event], lex) -> None:
    """"Москва считает это нарушением": a reaction to "this" targets whoever did the act just reported."""
    for c in cands:
        if c.suppressed or c.target is not None or c.entry.type not in REACTIONS:
            continue
        heads = [c.node.id, *c.frame_ids]
        if not any(k.lemma in DEMONSTRATIVES for h in heads for k in tree.children(h, "obj", "obl", "nsubj", "nsubj:pass")):
            continue
        before = [o for o in cands if o is not c and not o.suppressed and o.actor and o.node.start < c.node.start]
        prev = before[-1].actor if before else None
        if prev is None and events:
            e = events[-1]
            prev = Arg(e.actor_text, e.actor_norm, e.actor_code, e.actor_type, e.actor_start, e.actor_end, "coref")
        if prev is not None and (c.actor is None or prev.norm != c.actor.norm):
            c.target = prev


def _third_party_claim(tree: Tree, c, speakers) -> bool:
    """An act someone else is said to have done, in what a speaker says ("Путин напомнил, что западные
    страны разрешили…"): a third-party claim. The speaker's own side stays asserted."""
    if c.entry.speech or c.actor is None or not c.actor.code or len(speakers) != 1:
        return False
    sp = speakers[0]
    if sp is c or sp.actor.code == c.actor.code:
        return False
    inside = any(a.id == sp.node.id for a in tree.ancestors(rules.anchor(c).id))
    quote_final = sp.node.rel == "parataxis" and sp.node.head == rules.anchor(c).id
    return inside or quote_final


def _canonical_persons(mentions, seen: dict[str, str], lang: str) -> None:
    """One name per unknown person in a document: later inflected mentions take the first form."""
    from extractors.actors.dictionary import light_stem

    for m in mentions:
        if m.actor_code or m.actor_type != "PERSON" or not m.actor_norm:
            continue
        key = light_stem(m.text.split()[-1], lang)
        if key in seen:
            m.actor_norm = seen[key]
        else:
            seen[key] = m.actor_norm


def extract(doc, raw: RawDocument, lang: str, actors: ActorDictionary | None = None) -> Extraction:
    lex = lexicon.load(lang)
    actors = actors or default_dictionary()
    text = raw.text
    trees = [Tree(s, text) for s in doc.sentences]
    sentences: list[SentenceRow] = []
    all_mentions = []
    events: list[Event] = []
    diags: list[Diagnostic] = []
    history = []
    last = _LastActor()
    person_names: dict[str, str] = {}
    reported_paragraph = -1
    countries = {a.code: (a.norm, a.type) for a in actors.actors.values() if a.type == "COUNTRY"}
    for sidx, (sent, tree) in enumerate(zip(doc.sentences, trees)):
        if not tree.nodes:
            continue
        sentences.append(SentenceRow(raw.doc_id, sidx, tree.start, tree.end, text[tree.start:tree.end]))
        ms = mention_finder.find(tree, sent, raw.doc_id, sidx, lang, actors, lex.media)
        all_mentions.extend(ms)
        _canonical_persons(ms, person_names, lang)
        cands, misses = rules.candidates(tree, lex)
        res = Resolver(tree, ms, history, lex, last.pair, countries)
        res.last_actor = last.arg
        res.speaker = _speaker(tree, cands, res, lex)
        rules.resolve(tree, cands, res, lex)
        _speaker_as_agent(tree, cands, res)
        _demonstrative_targets(tree, cands, events, lex)
        for c in cands:
            # an elided subject (none in the tree at all) is taken from the previous event nearby
            if (not c.suppressed and c.actor is None and c.actor_how == "none" and not c.entry.speech
                    and last.arg is not None and sidx - last.sentence <= FALLBACK_SENTENCES):
                a = last.arg
                c.actor = Arg(a.text, a.norm, a.code, a.type, a.start, a.end, "fallback")
                c.actor_how = "previous_event"
        conds = conditions.find(tree, lex.markers, lex.not_conditions)
        for c in cands:  # a predicate inside a condition states the condition, not an act
            if not c.suppressed and any(k.start <= c.node.start < k.end for k in conds):
                c.suppressed = "inside_condition"
        rules.suppress_nested(tree, cands)
        live = [c for c in cands if not c.suppressed]
        attached: dict[int, conditions.Condition] = {}
        for cond in conds:
            best = min(live, key=lambda c: tree.distance(cond.head, c.node.id), default=None)
            if best is not None and tree.distance(cond.head, best.node.id) <= MAX_CONDITION_DISTANCE:
                attached.setdefault(id(best), cond)
        sent_text = text[tree.start:tree.end]
        para = text.count("\n\n", 0, tree.start)
        opening = sent_text[:60].lower()
        if any(opening.startswith(p) or opening.startswith(p.capitalize().lower()) for p in lex.reported_phrases):
            reported_paragraph = para  # "Согласно полученной информации, …": the rest of the paragraph too
        reported = (mod.is_reporting_sentence(tree, lex) or _reported_next(trees, sidx, lex)
                    or reported_paragraph == para)
        speakers = [c for c in cands if c.entry.speech and c.node.upos in ("VERB", "AUX") and c.actor is not None
                    and c.actor.code and c.actor_how != "speaker"]
        for c in live:
            modality = mod.modality(tree, c.node.id if c.light is None else c.light.id, lex, sent_text, reported)
            if modality == "asserted" and _third_party_claim(tree, c, speakers):
                modality = "reported"
            cond = attached.get(id(c))
            if cond is not None and modality == "planned":
                modality = "asserted"  # a conditional threat or offer that was made is asserted
            etype = rules.adjust_type(c, cond is not None, modality)
            found = _attached_dates(tree, rules.anchor(c).id, dates.find(
                sent_text, lang, raw.published, tree.start, future=modality == "planned"))
            if found:
                event_date, date_source = found[0].date, "text"
            else:
                event_date, date_source = raw.published, "document"
            a_start, a_end = rules.action_span(tree, c)
            actor, target = c.actor, c.target
            ev = Event(
                event_id=stable_id(raw.doc_id, sidx, a_start, a_end, etype),
                doc_id=raw.doc_id, sentence_idx=sidx, event_type=etype,
                action_text=text[a_start:a_end], action_lemma=c.entry.gloss, action_start=a_start, action_end=a_end,
                actor_text=actor.text, actor_norm=actor.norm, actor_type=actor.type, actor_code=actor.code,
                actor_start=actor.start, actor_end=actor.end,
                target_text=target.text if target else None, target_norm=target.norm if target else None,
                target_type=target.type if target else None, target_code=target.code if target else None,
                target_start=target.start if target else None, target_end=target.end if target else None,
                condition_text=cond.text if cond else None, condition_start=cond.start if cond else None,
                condition_end=cond.end if cond else None, negated=c.negated, modality=modality,
                event_date=event_date, date_source=date_source, confidence=rules.confidence(c),
                rule=f"{c.entry.lemma}:{c.actor_how}")
            events.append(ev)
            if actor.via != "fallback":
                pair = join([actor, target]) if target is not None and target.norm else actor
                last = _LastActor(actor, sidx, pair)
        for c in cands:
            if c.suppressed in ("no_actor", "noun_without_agent"):
                diags.append(Diagnostic(raw.doc_id, sidx, c.node.lemma, c.node.start, c.suppressed))
        for node, reason in misses:
            diags.append(Diagnostic(raw.doc_id, sidx, node.lemma, node.start, reason))
        if not cands and not misses:
            root = next((n for n in tree.nodes.values() if n.head == 0), None)
            if root is not None and root.upos in ("VERB", "NOUN", "ADJ"):
                diags.append(Diagnostic(raw.doc_id, sidx, root.lemma, root.start, "predicate_not_in_lexicon"))
        history.extend(ms)
    # one event id per (doc, span, type): keep the most confident duplicate
    uniq: dict[str, Event] = {}
    for e in events:
        if e.event_id not in uniq or e.confidence > uniq[e.event_id].confidence:
            uniq[e.event_id] = e
    return Extraction(raw.doc_id, sentences, all_mentions, list(uniq.values()), diags)
