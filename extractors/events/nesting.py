"""Candidates that are part of another event rather than events of their own: the content of a
speech act, request, refusal or threat; gerund complements; purpose clauses; light-verb duplicates;
a second mention of one meeting."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.events import patterns
from extractors.events.predicates import VERBAL, Candidate, anchor
from extractors.events.tree import Node, Tree


CONTENT_HOLDERS = {"THREATEN", "REQUEST", "REJECT"}  # a threat, call or refusal "to X" says what X is


def _through_light_noun(tree: Tree, node: Node, light_nouns: frozenset[str]) -> Node:
    """The node that stands for ``node`` in its clause: the nominalised light verb it hangs on, if any
    ("the carrying out of strikes" stands where "strikes" would)."""
    head = tree[node.head] if node.rel == "nmod" and node.head else None
    if head is not None and head.upos == "NOUN" and head.lemma.lower() in light_nouns:
        return head
    return node


# acts that judge another act that took place ("condemned the downing", "welcomed the withdrawal"); what a
# request, offer or refusal is about has not taken place
EVALUATING = frozenset({"ACCUSE", "SUPPORT", "PROTEST"})


def _own_agent_act(c: Candidate, governor: Candidate | None, reactions: frozenset[str] = frozenset()) -> bool:
    """A nominal act whose own agent is named on it ("Ruritania's expulsion of two diplomats", "the
    Bordurian strikes") is an event of its own even as what another act is about (the guidelines'
    "nominal acts with a named agent") when that act judges it or reacts to it (``reactions``: "responded to
    Aoun's condemnation"), unless that agent is the governing act's own actor ("rejected its own proposal") or
    the act is a statement."""
    if governor is None or c.light is not None or c.actor is None or c.actor_how != "noun_agent" \
            or not (governor.event_type in EVALUATING or governor.node.lemma.lower() in reactions) \
            or c.entry.speech or c.entry.type == "DISCUSS":
        return False
    own = governor.actor
    return not (own is not None and (own.norm == c.actor.norm or (own.code and own.code == c.actor.code)))


@dataclass
class _Nested:
    """What the nesting rules' facts read beyond the tree."""
    live: dict[int, Candidate]
    light_nouns: frozenset[str]
    reactions: frozenset[str]


def _own_agent(m: patterns.Match, n: Node) -> bool:
    held = _through_light_noun(m.tree, n, m.extra.light_nouns)
    # the governing act, or the act whose frame word or light verb governs it ("expressed concern | over X's deployment")
    gov = m.events.get(held.head) or next((e for e in m.events.values() if held.head in e.frame_ids
                                           or (e.light is not None and e.light.id == held.head)), None)
    return _own_agent_act(m.events[n.id], gov, m.extra.reactions)


def _content_holder(m: patterns.Match, n: Node) -> bool:
    c = m.events[n.id]
    holder = _noun_before_infinitive(m.tree, anchor(c), m.events) or _called_for(m.tree, c, m.events)
    return holder is not None and holder is not c


# the facts the rules name (``is:``), for what the pattern language cannot say
FACTS = {"own_agent_act": _own_agent, "content_holder": _content_holder,
         "answered_act": lambda m, n: _answered(m.tree, n)}


def suppress_nested(tree: Tree, cands: list[Candidate], readiness: frozenset[str] = frozenset(),
                    light_nouns: frozenset[str] = frozenset(), reactions: frozenset[str] = frozenset()) -> None:
    """Speech acts whose content clause holds an event are coded by that event; complements of a
    fired refusal or request are its content, not separate events (the stages of lexicons/rules/nesting.yaml)."""
    live = {c.node.id: c for c in cands if not c.suppressed}
    m = patterns.Match(tree, live, FACTS, _Nested(live, light_nouns, reactions))
    rules = patterns.load(tree.g.lang)
    for c in cands:
        if c.suppressed or rules.stop("on_nesting", m, c.node) is not None \
                or (c.node.lemma in readiness and _readiness(c, live, rules, m)) \
                or rules.stop("on_statement", m, c.node) is not None:
            continue
        for _ in cands:  # a speech act's content: every statement of the same speaker in it, then the act that codes it
            rule = rules.stop("on_content", m, c.node)
            if rule is None or not rule.stops:
                break
    for c in cands:
        # the light verb an act noun codes, once (lexicons/rules/nesting.yaml's on_light_verb); then what another
        # act is about ("support Ukraine's bid to join"); last the sentence's own (one meeting, an actor)
        if c.suppressed or ((rule := rules.stop("on_light_verb", m, c.node)) is not None and not rule.stops):
            continue
        rules.stop("on_argument", m, c.node)
    for c in sorted(cands, key=lambda c: c.node.id):
        if not c.suppressed:
            rules.stop("on_sentence", m, c.node)


def _readiness(c: Candidate, live: dict[int, Candidate], rules: patterns.RuleSet, m: patterns.Match) -> bool:
    """A readiness noun's content: a hostile act is the threat itself (``c`` is then stopped by a rule of
    on_content, coded_as_content: True); any other content belongs to the offer ("willing to cooperate"),
    whose target it gives."""
    if rules.stop("on_content", m, c.node) is not None:
        return True
    inner = [o for o in live.values() if o is not c and anchor(o).head == c.node.id
             and (anchor(o).rel in ("xcomp", "obl", "ccomp", "advcl")
                  # "of the readiness to release", "its readiness to host talks"
                  or (anchor(o).rel in ("nmod", "acl") and anchor(o).upos in VERBAL))]
    for o in inner:  # "willing to cooperate": the offer is the event, to whom the content says
        o.suppressed = "complement_of_event"
        if c.target is None and o.target is not None:
            c.target = o.target
    return False


def _called_for(tree: Tree, c: Candidate, live: dict) -> Candidate | None:
    """A noun predicate right after "<request> for", however the parser hung it ("Chad calls for the
    withdrawal" with "calls" read as a noun): what is called for, not a second act."""
    if c.light is not None or c.node.upos not in ("NOUN", "PROPN"):
        return None
    first = min(tree.subtree(c.node.id))
    prep = tree.nodes.get(first)
    holder = live.get(first - 1)
    if prep is None or prep.lemma not in tree.g.request_cases or holder is None or holder.entry.type != "REQUEST":
        return None
    return holder


def _answered(tree: Tree, node: Node) -> bool:
    """``node`` is what a reply answers: "respond to the proposal", "will respond to the proposal" in
    Russian, whose preposition takes the direction case (the grammar's answer_direction_cases)."""
    cases = {k.lemma.lower() for k in tree.children(node.id, "case")}
    g = tree.g
    return bool(cases & g.answer_cases) or bool(g.direction_case and cases & g.answer_direction_cases
                                                and node.feats.get("Case") == g.direction_case)


def _noun_before_infinitive(tree: Tree, a: Node, live: dict) -> Candidate | None:
    """The noun predicate whose content a to-infinitive is: its head ("threat to restore" as acl), or,
    where the parser hung the infinitive elsewhere, the noun predicate right before its "to"."""
    if a.upos not in VERBAL or not any(k.lemma in tree.g.infinitive_marks for k in tree.children(a.id, "mark")):
        return None
    holder = live.get(a.head) if a.rel == "acl" else None
    if holder is None and a.rel in ("advcl", "xcomp", "acl"):
        ids = tree.ids
        first = min(tree.subtree(a.id))
        k = ids.index(first)
        holder = live.get(ids[k - 1]) if k > 0 else None
    if holder is None or holder.node.upos not in ("NOUN", "PROPN") or holder.light is not None \
            or holder.entry.type not in CONTENT_HOLDERS or holder.entry.conditional_only:
        return None
    return holder
