"""Lexicon predicates of a sentence tree: the candidates for events, their anchor, type
adjustment, action span and confidence. Language-neutral; everything lexical comes from the lexicon
data files.

Confidence (documented in the README): the lexicon entry's strength (0.7 unless set), +0.15 when
the actor carries a code, +0.05 when the target does, -0.1 for noun predicates, -0.15 when the
actor was found by coreference or inferred and -0.25 when it was inherited from an earlier event;
clamped to [0.05, 0.99]."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractors.events import derivation
from extractors.events.arg import is_amount
from extractors.event_types import PLANNED_THREAT, PUNITIVE
from extractors.events.arguments import Arg
from extractors.events.lexicon import Entry, Lexicon
from extractors.events.tree import Node, Tree


VERBAL = {"VERB", "AUX"}
GOVERNOR_RELS = ("obj", "obl", "nmod", "iobj")


@dataclass
class Candidate:
    node: Node
    entry: Entry
    frame_ids: set[int] = field(default_factory=set)
    light: Node | None = None  # light verb governing a noun predicate
    actor: Arg | None = None
    actor_how: str = ""
    target: Arg | None = None
    negated: bool = False
    event_type: str = ""
    suppressed: str = ""  # why it produced no event


def _counted(tree: Tree, node: Node, objs: list[Node]) -> list[Node]:
    """What an object that counts names: "transferred more than 1,000 containers" parsed with "more" as
    the object, a number counted out of a whole ("shot down 40 of 55 drones", with the number perhaps
    hung on the verb as a count and the whole as the verb's own oblique)."""
    more = [k for c in objs if c.lemma.lower() in tree.g.comparatives for k in tree.children(c.id, "obl", "nmod")
            if any(x.lemma.lower() in tree.g.comparison_cases for x in tree.children(k.id, "case"))]
    counts = [c for c in objs + tree.children(node.id, "nummod") if c.upos == "NUM"]
    return more + [k for c in counts + ([node] if counts else []) for k in tree.children(c.id, "obl", "nmod")
                   if any(x.lemma.lower() in tree.g.partitive_cases for x in tree.children(k.id, "case"))]


def _frame_match(tree: Tree, node: Node, entry: Entry, measures: frozenset[str] = frozenset()) -> set[int] | None:
    """Ids of the dependents satisfying the entry's frame (empty set when it has none); None if unmet."""
    if entry.dep is None:
        return set()
    f = entry.dep
    related = [(c, c.deprel) for c in tree.children(node.id)]
    # a preposition heading an argument ("spoke out against the presence") counts as a frame word
    related += [(k, "case") for c in tree.children(node.id) for k in tree.children(c.id, "case", "mark")
                if c.lemma not in tree.g.temporal_nouns and not c.deprel.endswith("tmod")]  # "on Friday" is no "call on"
    # "allow the suspension to expire" with "expire" hung on the object: the object's infinitive
    # counts as the verb's own complement
    objs = tree.children(node.id, "obj")
    # "expressed support for X and concern over Y": a conjoined object is an object too
    # (the parser may hang it on the first object's own phrase: "support for [the Philippines and concern]")
    objs += [k for c in list(objs) for k in tree.children(c.id, "conj") if k.upos in ("NOUN", "PROPN")] \
        + [k for c in list(objs) for m in tree.children(c.id, "nmod") for k in tree.children(m.id, "conj")
           if k.upos == "NOUN"]
    related += [(k, "obj") for k in objs if k.head != node.id]
    # "blasted a boat | with water cannon", "provided the Philippines | with patrol boats" hung on the object,
    # an instrumental read as an indirect object (grammar instrument_case): the verb's own oblique
    related += [(m, "obl") for o in objs for m in tree.children(o.id, "nmod") if tree.children(m.id, "case")]
    related += [(k, "obl") for k in tree.children(node.id, "iobj") if tree.g.instrument_case and k.feats.get("Case") == tree.g.instrument_case]
    counted = _counted(tree, node, objs)
    objs += counted
    related += [(k, "obj") for k in counted]
    # an amount as the object ("$2 billion in loans", "500 million euros in aid"): what it counts is
    # the object the frame asks for
    amounts = [c for c in objs if is_amount(tree, c, measures)]
    related += [(m, "obj") for c in amounts for m in tree.children(c.id, "nmod")
                if {k.lemma for k in tree.children(m.id, "case")} & tree.g.content_cases or not tree.children(m.id, "case")]
    if amounts:  # "provide $2 billion | in loans" with the counted noun hung on the verb
        related += [(m, "obj") for m in tree.children(node.id, "obl")
                    if {k.lemma for k in tree.children(m.id, "case")} & tree.g.counted_cases]
    # "described the move | as a provocation" with the as-phrase hung on the object: what the verb calls it
    related += [(m, "obl") for c in objs for m in tree.children(c.id, "nmod")
                if {k.lemma.lower() for k in tree.children(m.id, "case", "mark")} & tree.g.predicative_cases]
    objs += [m for c in objs for m in tree.children(c.id, "nmod")]  # "allow the suspension of sanctions to expire"
    related += [(k, "xcomp") for c in objs for k in tree.children(c.id, "acl") if tree.children(k.id, "mark")]
    # the next word, where the parser hung a particle or preposition elsewhere ("Chad calls | for the
    # withdrawal" with "calls" read as a plural noun)
    nxt = tree.nodes.get(node.id + 1)
    if nxt is not None and nxt.upos in ("ADP", "PART", "SCONJ") and nxt.head != node.id:
        related.append((nxt, "case"))
    elif nxt is not None and nxt.upos == "ADV" and nxt.head != node.id:
        related.append((nxt, "advmod"))  # "respond firmly | should Manila…" with the adverb hung on the next verb
    # an adjective on an object or oblique names what it is ("designated the group a terrorist
    # organization", or with no "as" but the instrumental in Russian)
    named = [(c, rel) for c, rel in related if rel.split(":")[0] in ("obj", "obl", "nmod", "xcomp")] + [(c, "obj") for c in objs]
    # (a noun compound too: "raised its alert level")
    related += [(a, rel) for c, rel in named for a in tree.children(c.id, "amod", "compound") if a.upos in ("ADJ", "NOUN")]
    parent = tree.parent(node.id)
    if parent is not None:
        related.append((parent, node.deprel))
        if parent.lemma.lower() in tree.g.transparent_heads and parent.head:
            related.append((tree[parent.head], parent.deprel))  # "held a series of | exercises"
    for c, rel in related:
        # a name made of words ("General License 44"): any of its words may be the frame word
        # (the parser may make the number its head: "License 44" as 44 with a compound)
        words = [tree[i] for i in tree.subtree(c.id) if tree[i].upos in ("PROPN", "NUM")] if c.upos in ("PROPN", "NUM") else [c]
        if "*" in f.lemmas:
            if c.upos not in VERBAL:
                continue  # "*": any verb ("resisted sending tanks"), not "resisted the offensive"
        elif "@name" in f.lemmas and c.upos == "PROPN":
            pass  # "@name": any proper name ("does not recognise Kosovo"), not "admitted a mistake" (one verb in Russian)
        elif "@person" in f.lemmas and c.upos == "PROPN" and c.feats.get("Animacy") == "Anim":
            pass  # "@person": a name the morphology marks animate ("received Zelensky", not "took Crimea": one verb in Russian)
        elif "@model" in f.lemmas and _model_designation(tree, c):
            pass  # "@model": a weapon's designation ("send F-16s", "will hand Kyiv F-16s")
        elif not any(w.lemma.lower() in f.lemmas or w.text.lower() in f.lemmas for w in words) and not any(
                f"{a.lemma.lower()} {k}" in f.lemmas for a in tree.children(c.id, "advmod") for k in (c.lemma.lower(), c.text.lower())):
            # (a frame word may be written with its adverb: "politically motivated")
            continue
        if f.rels and rel not in f.rels and rel.split(":")[0] not in f.rels \
                and not (rel == "nsubj:pass" and "obj" in f.rels):  # "the sanctions were lifted": the object
            continue
        # (case "-": the bare phrase, with no preposition: a genitive agent, not "protests in Paris")
        if f.case and not ({k.lemma for k in tree.children(c.id, "case")} or {"-"}) & f.case:
            continue
        return {c.id} | {w.id for w in words}
    return None


# letters, a hyphen and a number, with at most a short suffix: F-16s, Su-35, S-400 (in any script), T-72B3
MODEL = re.compile(r"^[^\W\d_]{1,4}-\d{1,3}[^\W_]{0,3}$")


def _model_designation(tree: Tree, node: Node) -> bool:
    """A name written as a model designation ("F-16s" may come as three tokens: F, -, 16s): the
    node with the tokens of its name right after it."""
    if node.upos not in ("PROPN", "NOUN", "NUM", "X"):
        return False
    ids = [node.id]
    for i in sorted(tree.subtree(node.id)):
        if i == ids[-1] + 1 and tree[i].upos in ("PROPN", "NUM", "SYM", "PUNCT", "X"):
            ids.append(i)
    text = tree.span_text(ids)[2]
    return bool(text) and text[0].isupper() and bool(MODEL.match(text))


def _lookup_keys(node: Node, g) -> list[str]:
    """The lemma, the surface, and regular de-inflections of the surface (the grammar's
    ``deinflection``): a compact lemmatiser sometimes mangles a past form ("expelled" -> "expelle")."""
    text = node.text.lower()
    keys = [node.lemma, text]
    if g.deinflection and node.upos in ("VERB", "NOUN", "ADJ"):
        for suf, rep in g.deinflection:
            if text.endswith(suf) and len(text) - len(suf) >= 3:
                stem = text[: -len(suf)] + rep
                keys.append(stem)
                if suf in g.undouble_suffixes and len(stem) > 3 and stem[-1] == stem[-2]:
                    keys.append(stem[:-1])  # "expelled" -> "expell" -> "expel"
    return keys


MODIFIER_RELS = ("amod", "compound", "acl")  # a derived verb modifying a noun describes it ("an operation targeting…")


def _pos_ok(node: Node, entry: Entry) -> bool:
    if entry.clausal_only and node.deprel in MODIFIER_RELS:
        return False
    if entry.pos:
        # (an adverb with an adjective's own lemma is that adjective mis-tagged: "called the step unfriendly";
        # a true adverb has a lemma of its own, "illegally")
        # (a participle serves as an adjective of that form: "unwarranted", "unprovoked")
        return node.upos in entry.pos or (node.upos == "PROPN" and "NOUN" in entry.pos) or "ADJ" in entry.pos and (
            node.upos == "ADV" and node.deprel != "amod" or node.feats.get("VerbForm") == "Part")
    return node.upos in VERBAL or (node.upos == "ADJ" and node.feats.get("VerbForm") == "Part")


def candidates(tree: Tree, lex: Lexicon) -> tuple[list[Candidate], list[tuple[Node, str]]]:
    """Lexicon predicates in the tree, and the lemmas that were candidates but failed (with reason)."""
    out: list[Candidate] = []
    misses: list[tuple[Node, str]] = []
    for node in (tree[i] for i in tree.ids):
        keyed = [lex.entries[k] for k in dict.fromkeys(_lookup_keys(node, tree.g)) if k in lex.entries]
        if not any(_pos_ok(node, x) for e in keyed for x in e):
            # a deverbal noun or a participle of a listed verb ("the expulsion of", "the imposition of sanctions")
            derived = derivation.entries(node.lemma, node.upos, lex)
            keyed = keyed + [derived] if derived else keyed
        if not keyed:
            continue
        # keys in order, those with an entry for this part of speech ("Meeting" lemmatised as the noun,
        # tagged VERB); a key whose frames all fail gives way to the next ("prepared to" after "prepare")
        groups = [e for e in keyed if any(_pos_ok(node, x) for x in e)] or keyed[:1]
        found, reason = None, "pos_mismatch"
        for entries in groups:
            for entry in entries:
                if not _pos_ok(node, entry) or entry.future_only and past(tree, Candidate(node, entry)):
                    continue  # (a response told in the past is no threat: its frame's words stay free)
                ids = _frame_match(tree, node, entry, lex.measures)
                more = _frame_match(tree, node, replace(entry, dep=entry.also), lex.measures) if ids is not None else None
                ids = ids if more is not None else None  # (the claim stays free: its owner is the target)
                if ids is None:
                    reason = "frame_not_matched"
                    continue
                found = Candidate(node=node, entry=entry, frame_ids=ids, event_type=entry.type)
                break
            if found is not None:
                break
        if found is not None:
            out.append(found)
        else:
            misses.append((node, reason))
    return out, misses


def anchor(c: Candidate) -> Node:
    """The clause-level word of a candidate: its light verb, or the predicate itself."""
    return c.light if c.light is not None else c.node


def past(tree: Tree, c: Candidate) -> bool:
    """Whether the clause of a candidate is in the past ("ended", "has ended", a Russian past); a noun
    predicate is read through the verb it is the subject or object of ("the talks ended")."""
    n = anchor(c)
    if n.upos not in VERBAL and n.head and n.rel in ("nsubj", "obj"):
        n = tree[n.head]
    if n.upos not in VERBAL:
        return False
    return n.feats.get("Tense") == "Past" or any(a.feats.get("Tense") == "Past" for a in tree.children(n.id, "aux"))


def perfect(tree: Tree, n: Node) -> bool:
    """An English present perfect ("has repeatedly rejected"): a summary of what has gone on, not the
    news of the day."""
    return n.feats.get("VerbForm") == "Part" and n.feats.get("Tense") == "Past" and any(
        a.lemma in tree.g.perfect_aux and a.feats.get("Tense") == "Pres" for a in tree.children(n.id, "aux"))


def present_state(tree: Tree, n: Node) -> bool:
    """A finite verb in the simple present with no auxiliary ("Guyana believes the court is the proper
    forum"): a standing view or state, not an act of the news day; a speaker's own ("we accept") is the act."""
    return (n.upos == "VERB" and n.feats.get("VerbForm") == "Fin" and n.feats.get("Tense") == "Pres"
            and not tree.children(n.id, "aux")
            and not any(k.feats.get("Person") in ("1", "2") for k in tree.children(n.id, "nsubj")))


def adjust_type(c: Candidate, has_condition: bool, modality: str, told_past: bool = False) -> str:
    """A punitive act announced under a condition is a threat (PLOVER THREATEN), and so is an entry's
    ``if_condition`` reading (a reply: "will respond if…"); so is an attack
    announced for the future ("vowed to crush…", "will strike…": ``event_types.PLANNED_THREAT``)."""
    if has_condition and c.event_type in PUNITIVE:
        return "THREATEN"
    if has_condition and c.entry.if_condition and c.event_type == c.entry.type and not told_past:
        return c.entry.if_condition  # a reply announced under a condition ("will respond if…"), not one made
    if modality == "planned" and c.event_type in PLANNED_THREAT and not c.negated:
        return "THREATEN"
    return c.event_type


def confidence(c: Candidate) -> float:
    x = c.entry.strength
    if c.actor and c.actor.code:
        x += 0.15
    if c.target and c.target.code:
        x += 0.05
    if c.node.upos in ("NOUN", "PROPN"):
        x -= 0.1
    if c.actor and c.actor.via in ("coref", "inferred"):
        x -= 0.15
    if c.actor and c.actor.via == "fallback":
        x -= 0.25
    return round(min(0.99, max(0.05, x)), 3)


def action_span(tree: Tree, c: Candidate) -> tuple[int, int]:
    ids = [c.node.id]
    if c.light is not None and abs(c.light.id - c.node.id) <= 3:
        ids.append(c.light.id)
    for f in c.frame_ids:
        if abs(f - c.node.id) <= 3:
            ids.append(f)
    lo, hi = min(ids), max(ids)
    return tree.span(list(range(lo, hi + 1)) if all(i in tree.nodes for i in range(lo, hi + 1)) else ids)
