"""Who does what to whom for each candidate predicate: actor, target, negation and type, or why it
is no event of its own (a setting, a background phrase, a topic, part of another predicate's frame).
Language-neutral; everything lexical comes from the lexicon data files."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.events import modality as mod
from extractors.events import patterns
from extractors.events.arguments import Arg, Resolver, join
from extractors.events.derivation import verb_keys
from extractors.events.lexicon import Lexicon
from extractors.event_types import CLAIMED, HOSTILE, SYMMETRIC
from extractors.events.predicates import GOVERNOR_RELS, VERBAL, Candidate, anchor
from extractors.events.tree import Node, Tree


SAID_TYPES = {"THREATEN", "REQUEST", "ACCUSE", "SUPPORT", "REJECT"}  # acts done by saying them


def _consumed(cands: list[Candidate]) -> set[int]:
    return {i for c in cands for i in c.frame_ids}


def resolve(tree: Tree, cands: list[Candidate], res: Resolver, lex: Lexicon) -> None:
    """Fill actor, target, negation and type of each candidate, or mark it suppressed."""
    by_id = {c.node.id: c for c in cands}
    # a negated "rule out" frees its frame ("did not rule out talks": the talks, left open)
    consumed = _consumed([c for c in cands if not (c.entry.affirmed_only and mod.negated(tree, c.node.id, lex))])
    # two predicates in each other's frame ("a telephone conversation": each names the other): the head
    # carries the act, its modifier is part of its frame
    consumed -= {c.node.id for c in cands for f in c.frame_ids
                 if (o := by_id.get(f)) is not None and c.node.id in o.frame_ids and o.node.head == c.node.id}
    m = patterns.Match(tree, by_id, FACTS, _Facts(res, lex, consumed), TARGETS)
    for c in cands:
        # the rules of each stage (lexicons/rules/suppressions.yaml) may stop the candidate
        if _stopped("on_candidate", m, c) or _received(tree, c, res, lex):
            continue
        n = c.node
        c.negated = mod.negated(tree, n.id, lex)
        if _stopped("on_negation", m, c) or not _agent(tree, c, res, lex, by_id, m):
            continue
        c.event_type = c.entry.type
        _symmetric_parties(tree, c, res, lex)
        patterns.load(lex.lang).fill("on_find_target", m, c)  # whom it reaches: lexicons/rules/targets.yaml
        if not _stopped("on_target", m, c):
            _final_type(tree, c, lex)


def _stopped(stage: str, m: patterns.Match, c: Candidate) -> bool:
    """Whether a rule of ``stage`` stops the candidate: its id is then the reason it gives no event."""
    rule = patterns.load(m.extra.lex.lang).first(stage, m, c.node)
    if rule is not None:
        c.suppressed = rule.id
    return rule is not None


@dataclass
class _Facts:
    """What the rules' facts read beyond the tree."""
    res: Resolver
    lex: Lexicon
    consumed: set[int]


def _others_readiness(m: patterns.Match, n: Node) -> bool:
    """The readiness noun's own holder is not its actor ("spoke of another side's readiness")."""
    c = m.events[n.id]
    holder = m.extra.res.noun_agent(n.id) if c.actor is not None else None
    return holder is not None and holder.norm != c.actor.norm


# the facts the rules name (``is:``), for what the pattern language cannot say
FACTS = {
    "in_frame": lambda m, n: n.id in m.extra.consumed,
    "in_long_name": lambda m, n: (x := m.extra.res.by_word.get(n.id)) is not None and len(x.word_ids) > 1,
    "has_partner": lambda m, n: m.extra.res.has_partner(n.id),
    "named_word": lambda m, n: bool(m.extra.res.by_word.get(n.id)),
    # a noun act whose own agent is named ("the calls of Ruritania", "criticism from Borduria")
    "own_agent": lambda m, n: bool((a := m.extra.res.noun_agent(n.id, said=True)) is not None and a.code),
    "others_readiness": _others_readiness,
    "domestic_meeting": lambda m, n: _domestic(m.events[n.id], m.extra.lex, m.extra.res.countries),
}


def _received(tree: Tree, c: Candidate, res: Resolver, lex: Lexicon) -> bool:
    """An act noun its clause's subject receives ("Ukraine received an invitation from NATO"): resolved
    from its source (or suppressed when it has none); True when handled."""
    n = c.node
    parent = tree.parent(n.id)
    if n.upos in ("NOUN", "PROPN") and n.rel in ("obj", "obl", "iobj") and parent is not None \
            and parent.lemma in lex.receivers:  # "iobj": "came under attack" with a dative the parser may label so
        source = _received_from(tree, parent, n, res, lex)
        if source is None:
            # the act's own agent inside its phrase: "came under attack by Russian drones",
            # "received US aid" (not the receiver itself)
            own = res.noun_agent(n.id)
            if own is not None and own.code:
                subject = res.subject(parent.id)[0]
                source = own if subject is None or own.code != subject.code else None
        if source is None and (answer := _answer_to_act(tree, parent, c, res)) is not None:
            # "any attack will be met with a crushing response", said by a party: the speaker's threat
            # against whoever commits the act
            c.actor, c.actor_how, c.light = answer[0], "speaker", parent
            c.target, c.negated, c.event_type = answer[1], mod.negated(tree, parent.id, lex), c.entry.type
            return True
        if source is None:
            c.suppressed = "received"  # "Scholz, who has drawn criticism": he is its target, not its agent
            return True
        # "Ukraine received an invitation from NATO": NATO invites Ukraine
        c.actor, c.actor_how, c.light = source, "source", parent
        c.target = res.subject(parent.id)[0]
        c.negated = mod.negated(tree, parent.id, lex)
        c.event_type = c.entry.type
        return True
    return False


def _agent(tree: Tree, c: Candidate, res: Resolver, lex: Lexicon, by_id, m: patterns.Match) -> bool:
    """Who acts: a noun predicate's light verb subject, own agent or governor; a verb's subject. False
    when the candidate is suppressed on the way."""
    n = c.node
    if n.upos in ("NOUN", "PROPN") and c.entry.pos:
        parent = tree.parent(n.id)
        framed = parent is not None and parent.id in c.frame_ids and parent.upos in VERBAL  # "lodged a protest"
        # "did not rule out talks | with Damascus": the verb that leaves the act open carries its arguments
        left_open = parent is not None and (o := by_id.get(parent.id)) is not None \
            and o.entry.affirmed_only and mod.negated(tree, parent.id, lex)
        framed = framed or left_open
        if parent is not None and (parent.lemma in lex.light_verbs or framed) and n.rel in ("obj", "nsubj", "obl", "nsubj:pass") \
                and not (n.rel == "obl" and tree.children(n.id, "nmod:poss")) \
                and not _own_preposition(tree, parent, n, lex) \
                and not _others_act(tree, parent, n, res, lex):  # "held at Ankara's request"
            c.light = parent
            if n.rel == "nsubj" and parent.lemma in lex.happen_verbs:
                c.actor, c.actor_how = res.noun_agent(n.id), "noun_agent"
                if c.actor is None:
                    c.actor = res.between(n.id)
                    c.actor_how = "between" if c.actor is not None else "noun_without_agent"
            else:
                c.actor, c.actor_how = res.subject(parent.id)
            if _stopped("on_agent", m, c):
                return False
            c.negated = c.negated or (mod.negated(tree, parent.id, lex) and not left_open)
        elif parent is not None and parent.upos == "NOUN" and parent.id in c.frame_ids and parent.rel == "obj" \
                and parent.head and tree[parent.head].upos in VERBAL and n.rel == "nmod" \
                and (tree[parent.head].lemma in lex.light_verbs or tree[parent.head].lemma not in lex.entries):
            # (not a verb that is an act of its own: "condemned Japan's imposition of tariffs" condemns Japan's tariffs)
            # "handed the ambassador a note of protest": the frame noun's verb carries the act and its addressee
            c.light = tree[parent.head]
            c.actor, c.actor_how = res.subject(c.light.id)
            c.negated = c.negated or mod.negated(tree, c.light.id, lex)
        else:
            c.actor, c.actor_how = _noun_actor(tree, c, res, lex)
            if c.actor is None:
                # "Beijing imposed sanctions" parsed with "imposed" as a modifier of "sanctions": the
                # frame verb still has its subject
                for f in sorted(c.frame_ids):
                    if tree[f].upos in VERBAL and tree[f].head == n.id and tree.children(f, "nsubj"):
                        c.actor, c.actor_how = res.subject(f)
                        c.light = tree[f]
                        break
            if c.actor is None and n.rel == "nsubj" and parent is not None and parent.lemma in lex.happen_verbs \
                    and (both := res.between(n.id)) is not None:
                c.actor, c.actor_how = both, "between"  # "the talks between Iran and the IAEA ended…"
            if c.entry.own_agent and c.actor_how.startswith("governor") and not _announced(tree, n, c, lex) \
                    and not _told_own_force(tree, n, c, res, lex):
                c.actor = None  # a derived noun needs its own agent: "condemned the expulsion" is no expulsion by the critic
            if c.actor is None and not c.entry.stance:
                # a prospect has no agent at all, not even the speaker ("reported on the consequences of a strike"):
                # the on_governor rule (or told_not_done) that ended the governor's walk says why
                c.suppressed = c.actor_how if c.actor_how == "told_not_done" \
                    or c.actor_how in {r.id for r in patterns.load(lex.lang).rules} else "noun_without_agent"
                return False
    else:
        c.actor, c.actor_how = res.subject(n.id)
        if _stopped("on_subject", m, c):
            return False
    return True


def _symmetric_parties(tree: Tree, c: Candidate, res: Resolver, lex: Lexicon) -> None:
    """Both parties of a symmetric or mutual act: "between A and B", or "A and B agreed" as A with B."""
    n = c.node
    gov = c.light or (tree[n.head] if n.head and n.rel in ("obj", "obl") else None)
    if c.entry.type in SYMMETRIC or c.entry.mutual or _reciprocal(tree, anchor(c)) or (
            gov is not None and gov.lemma in tree.g.mutual_light_verbs):  # "exchanged accusations"
        # "was discussed between A and B": both parties; "A and B agreed": actor A, target B
        both = res.between(anchor(c).id) or res.between(n.id) or next(
            (b for f in sorted(c.frame_ids) if (b := res.between(f)) is not None), None)  # "an agreement was reached … between X and Y"
        if both is not None and (c.actor is None or c.actor_how in ("none", "passive", "noun_without_agent")):
            c.actor, c.actor_how = both, "between"
        if c.actor is not None and c.actor.via == "conj" and len(c.actor.parts) > 1 \
                and (both is None or c.actor_how == "between") and c.entry.lemma not in lex.one_sided \
                and not any(res.has_partner(i) for i in (anchor(c).id, n.id, *(o.id for o in tree.children(
                    anchor(c).id, "obj")))) \
                and not _recipient(tree, anchor(c).id, res):  # "A and B work with C", "A and B pledged X to C"
            c.actor, c.target = c.actor.parts[0], join(list(c.actor.parts[1:]), source=tree.text)


def _domestic(c: Candidate, lex: Lexicon, countries) -> bool:
    """A meeting of one state's own bodies: its cabinet, council or ministers meet, or its leader meets them
    (its own, named so, or named with the state: "the Security Council of Russia", norms "…|Russia")."""
    words = lambda a: {w.lower().strip(".,") for w in f"{a.text} {a.norm or ''}".split()} if a is not None else set()  # noqa: E731
    actor, target = c.actor, c.target
    if actor is None or len(actor.parts) > 1 or "|" in (actor.norm or "") or actor.type not in ("COUNTRY", "PERSON"):
        return False  # (the ministers of two states meeting is no domestic meeting)
    if target is None:
        return bool(words(actor) & lex.domestic_bodies)
    own = words(target) & lex.own_possessives  # "met his ministers"
    home = countries.get(actor.code, (None, None))[0] if actor.code else None
    return bool(words(target) & lex.domestic_bodies) and (bool(own) and target.code is None or target.code == actor.code
                                                          or (home is not None and home in (target.norm or "").split("|")))


def _final_type(tree: Tree, c: Candidate, lex: Lexicon) -> None:
    """The type and negation the act ends with (a crowd's hostile act is a protest; a negated
    participation is a refusal; a failure is negated)."""
    if c.actor is not None and c.actor.via == "crowd" and c.event_type in HOSTILE:
        c.event_type = "PROTEST"  # a crowd storming or picketing a party's embassy protests (the guidelines' PROTEST)
    if c.entry.unaddressed and _unaddressed(tree, c, lex):
        c.event_type = c.entry.unaddressed
    if c.negated and c.entry.on_negation:
        c.event_type, c.negated = c.entry.on_negation, False
    if c.entry.negated_only:
        c.negated = False
    elif mod.failed(tree, anchor(c).id, lex):
        c.negated = True  # "failed to agree on sanctions": not reached, and no refusal either


def _other_party(found, actor: Arg | None) -> Arg | None:
    """The first coded party among ``found`` (None where nothing was found) that is not ``actor``."""
    return next((t for t in found if t is not None and t.code and not (actor is not None and t.code == actor.code)), None)


def _outside(both: Arg | None, actor: Arg | None) -> Arg | None:
    """The parties of a "between A and B" phrase, unless the actor is one of them."""
    return both if both is not None and (actor is None or actor.code not in {p.code for p in both.parts}) else None


def _step(f):
    """A value of the stage on_find_target (lexicons/rules/targets.yaml): ``f(candidate, tree, resolver, lexicon)``."""
    return lambda m, n: f(m.events[n.id], m.tree, m.extra.res, m.extra.lex)


def _act_owner(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon) -> Arg | None:
    acts = [o for o in tree.children(anchor(c).id, "obj") if o.lemma.lower() in lex.act_nouns]
    owner = next((t for o in acts if (t := res.nationality_of(o.id)) is not None), None)
    return None if owner is None or (c.actor is not None and owner.code == c.actor.code) else owner


def _argument(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon, own: bool = False) -> Arg | None:
    """The target among the arguments of the act's light verb (else of its word; ``own``: of its own word)."""
    reach, hostile = 2 if c.entry.speech else 3, c.event_type in HOSTILE  # "said in Moscow": no locative target
    if own:
        return res.target(c.node.id, c.actor, c.frame_ids, reach, c.entry.directional, hostile=hostile)
    return res.target((c.light or c.node).id, c.actor, c.frame_ids | {c.node.id}, reach, c.entry.directional,
                      hostile=hostile, pronouns=c.event_type in lex.pronoun_targets)


def _between(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon) -> Arg | None:
    both = res.between(anchor(c).id) or res.between(c.node.id) or next(
        (b for f in sorted(c.frame_ids) if (b := res.between(f)) is not None), None)
    return None if both is None or (c.actor and both.norm == c.actor.norm) else both


def _possessor(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon) -> Arg | None:
    case = tree.g.possessor_case  # (a language whose genitive needs no preposition)
    return None if case is None else _other_party((res.np(k.id, allow_coref=False) for k in tree.children(c.node.id, "nmod")
                                                   if not tree.cases(k.id) and k.feats.get("Case") == case), c.actor)


def _second_subject(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon) -> Arg | None:
    for k in tree.children(c.node.id, "nsubj"):
        arg = res.np(k.id, allow_coref=False) if k.id > c.node.id else None
        if arg is not None and arg.code and arg.code != c.actor.code and arg.start >= c.actor.end:
            return arg
    return None


def _copular_place(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon) -> Arg | None:
    place = res.np(c.node.head, allow_coref=False)
    return place if place is not None and place.code and not (c.actor and place.code == c.actor.code) else None


def _object_owner(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon) -> Arg | None:
    owner = res.object_owner(anchor(c).id, c.actor)  # (an uncoded target gives way only to a coded owner)
    return owner if owner is not None and (c.target is None or owner.code) else None


def _protested_mission(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon) -> Arg | None:
    return _other_party((t for k in tree.children(anchor(c).id, "obl")
                         if {x.lemma.lower() for x in tree.children(k.id, "case")} & tree.g.protest_sites
                         or k.lemma.lower() in lex.missions
                         for t in (res.np(k.id, allow_coref=False), res.mission_owner(k.id))), c.actor)


def _governor_place(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon) -> Arg | None:
    verb = next((a for a in tree.ancestors(anchor(c).id) if a.upos in VERBAL), None)
    return res.attacked_place(verb.id, c.actor, tree.g.aimed_place_cases) \
        if verb is not None and c.actor_how.startswith("governor") else None


def _offered_between(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon) -> Arg | None:
    near = [anchor(c)] + tree.children(anchor(c).id, "xcomp", "obj", "obl")
    near += [k for x in near[1:] for k in tree.children(x.id, "obj", "obl")]
    return _outside(next((b for k in near if (b := res.between(k.id)) is not None), None), c.actor)


def _object_surface(c: Candidate, tree: Tree, res: Resolver, lex: Lexicon) -> Arg | None:
    own = {c.node.id} | (set() if c.entry.type in lex.frame_targets else set(c.frame_ids))
    return res.object_surface(anchor(c).id, c.actor, own, {c.node.id} | set(c.frame_ids))


# the targets the rules of the stage on_find_target name (lexicons/rules/targets.yaml says when each is tried)
_FINDERS = {
    "act_owner": _act_owner, "light_argument": _argument, "own_argument": lambda *a: _argument(*a, own=True),
    "between_parties": _between, "possessor": _possessor, "second_subject": _second_subject,
    "copular_place": _copular_place, "object_owner": _object_owner, "protested_mission": _protested_mission,
    "governor_place": _governor_place, "offered_between": _offered_between, "object_surface": _object_surface,
    "response_to": lambda c, t, res, lex: _other_party((res.noun_agent(f) for f in sorted(c.frame_ids)
                                                        if t[f].upos == "NOUN"), c.actor),
    "stranded_partner": lambda c, t, res, lex: res.stranded_partner(c.node.id, c.actor),
    "judged_maker": lambda c, t, res, lex: res.judged_maker(anchor(c).id, c.actor),
    "deep_target": lambda c, t, res, lex: res.deep_target(anchor(c).id, c.actor, nationality=c.entry.type == "ACCUSE"),
    "place_topic_party": lambda c, t, res, lex: next((x for f in sorted(c.frame_ids) if t[f].lemma.lower() in lex.place_topics
                                                      for h in (f, anchor(c).id)
                                                      if (x := res.deep_target(h, c.actor, depth=1)) is not None), None),
    "aid_purpose_party": lambda c, t, res, lex: next((x for k in t.children(anchor(c).id, "advcl", "xcomp", "obl", "nmod")
                                                      if k.lemma.lower() in lex.aid_purposes
                                                      and (x := res.deep_target(k.id, c.actor, depth=2)) is not None), None),
    "attacked_place": lambda c, t, res, lex: res.attacked_place(anchor(c).id, c.actor),
    "aimed_place": lambda c, t, res, lex: res.attacked_place(anchor(c).id, c.actor, t.g.aimed_place_cases),
    "owned_space": lambda c, t, res, lex: res.owned_space(anchor(c).id, c.actor),
    "content_subject": lambda c, t, res, lex: _other_party((res.np(s.id, allow_coref=False)
                                                            for k in t.children(anchor(c).id, "ccomp")
                                                            for s in t.children(k.id, "nsubj", "nsubj:pass")), c.actor),
    "content_argument": lambda c, t, res, lex: next((x for k in t.children(anchor(c).id, "ccomp")
                                                     if (x := res.target(k.id, c.actor, hostile=True)) is not None), None),
    "between_holding": lambda c, t, res, lex: _outside(_between_holding(t, res, c.target), c.actor),
    "conjunct_addressee": lambda c, t, res, lex: res.target(anchor(c).head, c.actor),
    "obliged_party": lambda c, t, res, lex: _other_party((res.np(s.id, allow_coref=False)
                                                         for s in t.children(anchor(c).head, "nsubj", "nsubj:pass")), c.actor),
}
TARGETS = {name: _step(f) for name, f in _FINDERS.items()}


def _reciprocal(tree: Tree, n: Node) -> bool:
    """The act is done to each other ("accused each other": the grammar's reciprocal_pairs): its subjects are also
    its targets, as for a mutual act."""
    words = {tree[i].text.lower() for k in tree.children(n.id, "obj", "obl", "iobj") for i in tree.subtree(k.id)}
    return any(set(pair.split()) <= words for pair in tree.g.reciprocal_pairs)


def _between_holding(tree: Tree, res: Resolver, target: Arg) -> Arg | None:
    """The parties of a "between A and B" phrase of the sentence that the one-party ``target`` is part of."""
    for n in tree.nodes.values():
        if n.head and n.rel in ("nmod", "obl") and {k.lemma for k in tree.children(n.id, "case")} & tree.g.between_cases:
            both = res.between(n.head, depth=1)
            if both is not None and target.code in {p.code for p in both.parts} \
                    and both.start <= target.start and target.end <= both.end:
                return both
    return None


def _answer_to_act(tree: Tree, verb: Node, c: Candidate, res: Resolver) -> tuple[Arg, Arg | None] | None:
    """A hostile act announced for the receiving verb's subject: "any aggression will receive a decisive
    response", "an attack would be met with force", "Kyiv will get a firm response". The speaker answers,
    and the target is the receiving party or the received act's own agent, if named. None when this is no
    such announcement."""
    speaker = res.scope.seen.speaker
    if c.entry.type not in HOSTILE or speaker is None or not mod.foretold(tree, verb.id):
        return None
    subj = [k for k in tree.children(verb.id) if k.rel in ("nsubj", "nsubj:pass") and k.upos in ("NOUN", "PROPN")]
    if not subj:
        return None
    # the receiver a party ("Kyiv will get a firm response") or an act and its agent ("any attack by X")
    agent = res.np(subj[0].id) if res.by_word.get(subj[0].id) is not None else res.noun_agent(subj[0].id)
    return speaker, (agent if agent is not None and agent.code != speaker.code else None)


def _received_from(tree: Tree, verb: Node, noun: Node, res: Resolver, lex: Lexicon) -> Arg | None:
    """The party a received act comes from: "from X" on the receiving verb or anywhere in the act's
    phrase ("a package of military aid worth $400 million from the United States")."""
    deeper = [tree[i] for i in sorted(tree.subtree(noun.id))
              if i != noun.id and tree[i].head != noun.id and tree[i].rel in ("nmod", "obl")]
    for k in tree.children(verb.id, "obl") + tree.children(noun.id, "nmod") + deeper:
        # a preposition with its fixed words, lemmas joined ("from", "on the part of"): receiver_sources lists them so
        cases = {" ".join([x.lemma.lower()] + [f.lemma.lower() for f in tree.children(x.id, "fixed")])
                 for x in tree.children(k.id, "case")}
        if cases & lex.receiver_sources:
            src = res.np(k.id)
            if src is not None and src.code:
                return src
    return None


def _own_preposition(tree: Tree, verb: Node, noun: Node, lex: Lexicon) -> bool:
    """The verb governs the noun through a preposition of its own frame ("speaks out against sanctions":
    opposing sanctions is a refusal, not a sanction), so it is no light verb of that noun."""
    cases = {k.lemma.lower() for k in tree.children(noun.id, "case")}
    return bool(cases) and any(e.dep is not None and cases & e.dep.lemmas for e in lex.entries.get(verb.lemma, ()))




def _unaddressed(tree: Tree, c: Candidate, lex: Lexicon) -> bool:
    """The act reaches no party other than its actor: no target, the actor's own side, or forces sent
    to a place where they are posted ("to its border with Syria", "into the waters"). Aid with no recipient
    named stays aid: the recipient is usually clear from the story ("France will not send troops")."""
    if c.target is None:
        if c.entry.type != "AID":
            return True
    elif c.actor is not None and c.target.code and c.target.code == c.actor.code:
        return True
    elif c.target.code is None and (c.entry.gloss == "deploy" or any(
            k.lemma in lex.military_assets or k.text.lower() in lex.military_assets
            for k in tree.children(anchor(c).id, "obj"))):
        # forces sent to a place that is no party: "deployed an aircraft carrier to the eastern
        # Mediterranean", "sent troops to Kursk" (aid sent to an unknown place stays aid)
        return True
    heads = {anchor(c).id, c.node.id}
    for node in list(heads):
        heads.update(k.id for k in tree.children(node, "obj"))  # "send frigates | to the Red Sea"
    for node in heads:
        for k in tree.children(node, "obl", "nmod"):
            cases = {x.lemma.lower() for x in tree.children(k.id, "case")}
            # (a place of another party fired at is struck, not where forces are posted: "fired missiles at a US base")
            if k.lemma in lex.force_places and cases & tree.g.destination_cases \
                    and not (c.entry.type == "ASSAULT" and cases & lex.struck_cases and c.target.code):
                return True
    return False


def _recipient(tree: Tree, node: int, res: Resolver) -> bool:
    """The predicate names a party it is given or addressed to ("pledged air defence to Ukraine")."""
    args = tree.children(node, "obl", "iobj") + [k for o in tree.children(node, "obj") for k in tree.children(o.id, "nmod")]
    for k in args:
        if k.deprel == "iobj" or {x.lemma for x in tree.children(k.id, "case")} & tree.g.recipient_preps:
            m = res.by_word.get(k.id)
            if m is not None and m.actor_code:
                return True
    return False


def _noun_actor(tree: Tree, c: Candidate, res: Resolver, lex: Lexicon) -> tuple[Arg | None, str]:
    """Who acts in a noun predicate with no light verb, most specific evidence first."""
    n = c.node
    # "the request of the US", "Russia's proposal", "the warning by X", "a threat from X"
    arg = res.noun_agent(n.id, c.entry.type in SAID_TYPES, c.entry.own_agent, c.frame_ids)
    if arg is None and n.rel == "nmod" and n.head and _light_noun(tree[n.head], lex):
        arg = res.noun_agent(n.head, derived=True)  # the light noun's own agent: "the imposition by X of tariffs"
    if arg is not None:
        return arg, "noun_agent"
    if tree.children(n.id, "nsubj"):
        arg, how = res.subject(n.id)  # copular: "Japan is in regular contact with X"
        if arg is not None:
            return arg, how
    if res.has_partner(n.id):
        arg, how = _governor_subject(tree, n, res, lex, c.entry.type)  # "at the meeting with X, Y said"
        if arg is not None:
            return arg, how
    arg = res.between(n.id)  # "talks between A and B"
    if arg is not None:
        return arg, "between"
    return _governor_subject(tree, n, res, lex, c.entry.type)


def _governor_subject(tree: Tree, n: Node, res: Resolver, lex: Lexicon, etype: str = "") -> tuple[Arg | None, str]:
    """A noun predicate with no agent of its own, as the object of a clause ("Russia does not rule out
    developing cooperation", "at the meeting with X, Y said"): the clause's subject acts. Not through a
    noun of prospect ("warned of the consequences of a strike", "of the threat of an attack"): what might
    happen has no agent in the clause (a rule of the stage on_governor, lexicons/rules/suppressions.yaml, ends
    the walk at a governor). A forceful act (``event_types.CLAIMED``) that a speech verb tells is not the
    speaker's ("Lithuania reported a violation of its airspace"): it is told, by whomever done."""
    cur, steps, m = n, 0, patterns.Match(tree)
    while cur.rel in GOVERNOR_RELS and cur.head and steps < 2:
        gov = tree[cur.head]
        if (rule := patterns.load(lex.lang).first("on_governor", m, gov)) is not None:
            return None, rule.id
        if gov.upos == "NOUN" and gov.lemma.lower() in lex.planned and res.noun_agent(gov.id) is not None:
            # "against the EU's plan to give up gas": the act under another's plan is no act of the clause's subject
            return None, "noun_without_agent"
        if gov.upos in VERBAL or (gov.upos == "ADJ" and gov.feats.get("VerbForm") == "Part"):
            if _in_accusation(tree, cur, gov, lex) or (gov.head and _in_accusation(tree, gov, tree[gov.head], lex)):
                # "accused London of sabotaging the peace talks", "accused London of the disruption of talks":
                # what is accused is no act of the accuser
                return None, "accused_content"
            if cur is not n and not _light_noun(cur, lex) and _judging(gov, lex):
                return None, "argument_of_object"  # "condemned the decision on imposing tariffs": not the critic's tariffs
            arg, how = res.subject(gov.id)
            if etype in CLAIMED and gov.lemma.lower() in lex.speech_lemmas and arg is not None:
                # the speaker's own strike names another party it is aimed at ("announced a strike on
                # Kharkiv"); one on the speaker's side, or on no one named, is told, not done
                s, e, _ = tree.span_text(tree.subtree(n.id))
                other = res.party_in(s, e, arg)
                if other is None:
                    return None, "told_not_done"
            return arg, f"governor:{how}" if arg else "noun_without_agent"
        # "signed a decree on imposing tariffs"; a light noun is its act's ("a statement on the imposition of sanctions")
        cur, steps = gov, steps + (gov.lemma.lower() not in lex.decrees and not _light_noun(gov, lex))
    return None, "noun_without_agent"


JUDGING = ("SUPPORT", "ACCUSE", "REJECT")  # verbs that judge another's act: approve, condemn, reject


def _others_act(tree: Tree, verb: Node, n: Node, res: Resolver, lex: Lexicon) -> bool:
    """A verb that judges (approving, condemning) another party's act noun is its own
    event, not a light verb: "Belgium approved the Dutch proposal" approves the Dutch proposal
    (while "approved the sale of jets" is the approver's own sale)."""
    if not _judging(verb, lex):  # (not a light verb that judges only through its frame: "expressed condemnation")
        return False
    own = res.noun_agent(n.id) or res.nationality_of(n.id)
    subject = res.subject(verb.id)[0]
    return own is not None and subject is not None and bool(own.norm) and own.norm != subject.norm \
        and not (own.code and own.code == subject.code)


def _judging(verb: Node, lex: Lexicon) -> bool:
    """A verb that judges whatever it takes (approve, condemn, reject), with no frame of its own."""
    return any(e.type in JUDGING and e.dep is None for e in lex.entries.get(verb.lemma, ()))


def _light_noun(n: Node, lex: Lexicon) -> bool:
    """A noun that only carries its act ("the conduct of drills", "the imposition of tariffs"): listed, or a light verb's."""
    lemma = n.lemma.lower()
    return n.upos == "NOUN" and (lemma in lex.light_nouns or any(v in lex.light_verbs for v in verb_keys(lemma, "NOUN", lex)))


def _announced(tree: Tree, n: Node, c: Candidate, lex: Lexicon) -> bool:
    """A decision announced by its maker: the act noun is what a speech verb states ("Baku announced the
    suspension of talks", "Lima declared the severing of relations"), so the speaker did it; a
    forceful act told so is someone else's, told or claimed (``event_types.CLAIMED``)."""
    gov = tree[n.head] if n.head else None
    if gov is not None and gov.upos == "NOUN" and gov.lemma.lower() in lex.speech_lemmas | lex.decision_nouns \
            and n.rel in GOVERNOR_RELS \
            and gov.rel in GOVERNOR_RELS and gov.head and tree[gov.head].upos in VERBAL \
            and not any(k.feats.get("Case") == tree.g.possessor_case and not tree.cases(k.id)
                        for k in tree.children(gov.id, "nmod", "nmod:poss")) \
            and not _judging(tree[gov.head], lex):
        # "issued a statement on the severing of ties", "took a decision to cut ties": a statement or decision
        # with no maker of its own is the clause subject's
        return c.entry.type not in CLAIMED
    if gov is None or n.rel not in GOVERNOR_RELS or gov.upos not in VERBAL:
        return False
    said = gov.lemma.lower() in lex.speech_lemmas or gov.lemma.lower() in lex.confirming_verbs
    return gov.lemma.lower() in lex.decision_verbs or said and c.entry.type not in CLAIMED  # "ordered the expulsion"


def _told_own_force(tree: Tree, n: Node, c: Candidate, res: Resolver, lex: Lexicon) -> bool:
    """A forceful act a body tells of, done to people of another party named in its bare genitive ("the ministry
    reported the detention of two foreign nationals"): the teller's own forces did it (the guidelines' arrests of
    foreign nationals); one done to the teller's own people, or to no people named, is told, not done."""
    if c.actor is None or c.entry.type not in CLAIMED or not _told(tree, n, lex):
        return False
    for k in tree.children(n.id, "nmod"):
        if tree.cases(k.id) or k.feats.get("Case") != tree.g.possessor_case:
            continue
        if k.lemma in lex.roles or k.lemma in lex.groups or k.feats.get("Animacy") == "Anim":
            s, e, _ = tree.span_text(tree.subtree(k.id))
            if res.party_in(s, e, c.actor) is not None:
                return True
    return False


def _told(tree: Tree, n: Node, lex: Lexicon) -> bool:
    gov = tree[n.head] if n.head else None
    return gov is not None and n.rel in GOVERNOR_RELS and gov.upos in VERBAL and gov.lemma.lower() in lex.speech_lemmas


def _in_accusation(tree: Tree, part: Node, verb: Node, lex: Lexicon) -> bool:
    """``part`` is what the accusation ``verb`` accuses of (not its addressee, the object)."""
    return part.head == verb.id and part.rel not in ("obj", "nsubj", "iobj") and verb.upos in VERBAL \
        and any(e.type == "ACCUSE" for e in lex.entries.get(verb.lemma, ()))
