"""Discourse-level steps of extraction that look beyond one predicate: who speaks in a sentence,
agents taken from speakers, third-party claims, demonstrative targets, reports attributed by the next
sentence, dates attached to a clause, one name per unknown person."""
from __future__ import annotations

from extractors.events import modality as mod, rules
from extractors.events.arguments import Arg, Resolver
from extractors.events.tree import Tree
from extractors.records import Event

REFERENT = {"этот", "это", "this", "that", "these"}
MAX_DATE_DISTANCE = 3
DEMONSTRATIVES = {"это", "этот", "то", "this", "that", "it"}
REACTIONS = {"ACCUSE", "REJECT", "SUPPORT", "PROTEST", "THREATEN"}


def reported_next(trees: list[Tree], k: int, lex) -> bool:
    """Sentence k+1 attributes what precedes it to sources ("Об этом сообщили источники")."""
    if k + 1 >= len(trees):
        return False
    nxt = trees[k + 1]
    return mod.is_reporting_sentence(nxt, lex) and any(n.lemma in REFERENT for n in nxt.nodes.values())


def attached_dates(tree: Tree, anchor: int, found: list) -> list:
    """Date mentions that hang from the event's clause (not from another phrase of the sentence)."""
    out = []
    for d in found:
        nodes = [n.id for n in tree.nodes.values() if d.start <= n.start < d.end]
        if nodes and min(tree.distance(anchor, i) for i in nodes) <= MAX_DATE_DISTANCE:
            out.append(d)
    return out


OPENING_QUOTES = "\"“«„'‘"


def opens_quote(sentence: str) -> bool:
    """The sentence starts inside quotation marks (a quote that goes on from the previous one)."""
    return sentence.lstrip()[:1] in OPENING_QUOTES


def speaker(tree: Tree, cands, res: Resolver, lex) -> Arg | None:
    """The resolved subject of the sentence's speech verb ("…, - сказал Лавров")."""
    # the main clause's speech verb first ("…Hamas saying yes…," Blinken said): fewest ancestors
    for c in sorted(cands, key=lambda c: len(tree.ancestors(c.node.id))):
        if c.entry.speech and c.node.upos in ("VERB", "AUX"):
            arg, _ = res.subject(c.node.id)
            if arg is not None and arg.via in ("mention", "coref"):
                return arg
    return None


def speaker_as_agent(tree: Tree, cands, res: Resolver) -> None:
    """An agentless predicate inside what someone says is that speaker's act."""
    speech = {c.node.id: c for c in cands if c.entry.speech and c.actor is not None and not c.suppressed}
    only = next(iter(speech.values())) if len(speech) == 1 else None
    for c in cands:
        if c.entry.speech or c.entry.type in rules.SYMMETRIC and c.actor_how == "between" or c.actor_how == "passive" or \
                (c.suppressed != "noun_without_agent" and not (c.actor is None and not c.suppressed)):
            continue
        ups = [a.id for a in tree.ancestors(rules.anchor(c).id) if a.id in speech]
        # the speech verb governing it, or the one speaker of a quoted sentence ("…", - указал X)
        src = speech[ups[0]] if ups else only
        if src is not None:
            sp = src.actor
            c.actor, c.actor_how = Arg(sp.text, sp.norm, sp.code, sp.type, sp.start, sp.end, "speaker"), "speaker"
            c.suppressed = ""


def demonstrative_targets(tree: Tree, cands, events: list[Event], lex) -> None:
    """"Москва считает это нарушением": a reaction to "this" targets whoever did the act just reported."""
    for c in cands:
        if c.suppressed or c.target is not None or c.entry.type not in REACTIONS:
            continue
        heads = [c.node.id, *c.frame_ids]
        if not any(k.lemma in DEMONSTRATIVES and not (c.actor is not None and c.actor.start == k.start)
                   for h in heads for k in tree.children(h, "obj", "obl", "nsubj", "nsubj:pass")):
            continue
        before = [o for o in cands if o is not c and not o.suppressed and o.actor and o.node.start < c.node.start
                  and not o.entry.speech]  # what was done, not who is saying it
        prev = before[-1].actor if before else None
        if prev is None and events:
            e = events[-1]
            prev = Arg(e.actor_text, e.actor_norm, e.actor_code, e.actor_type, e.actor_start, e.actor_end, "coref")
        if prev is not None and (c.actor is None or prev.norm != c.actor.norm):
            c.target = prev


def third_party_claim(tree: Tree, c, speakers) -> bool:
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


def canonical_persons(mentions, seen: dict[str, str], lang: str) -> None:
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


DEFINITE = {"the", "this", "that", "these", "этот", "данный", "такой"}
ANAPHORA_SENTENCES = 6


def definite_acts(tree: Tree, cands, events: list[Event], sidx: int) -> None:
    """"The call for tangible progress came as…": a definite noun predicate with no agent of its own,
    as the subject of its clause, names an act of the same type reported just before; it takes that
    act's actor."""
    for c in cands:
        if c.suppressed != "noun_without_agent" or c.node.rel not in ("nsubj", "root"):
            continue
        if not any(k.lemma.lower() in DEFINITE for k in tree.children(c.node.id, "det")) and c.node.rel != "root":
            continue
        prev = next((e for e in reversed(events) if e.event_type == c.entry.type
                     and sidx - e.sentence_idx <= ANAPHORA_SENTENCES), None)
        if prev is not None:
            c.actor = Arg(prev.actor_text, prev.actor_norm, prev.actor_code, prev.actor_type,
                          prev.actor_start, prev.actor_end, "coref")
            c.actor_how, c.suppressed = "definite_anaphor", ""
