"""Discourse-level steps of extraction that look beyond one predicate: who speaks in a sentence,
agents taken from speakers, third-party claims, demonstrative targets, reports attributed by the next
sentence, dates attached to a clause, one name per unknown person."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.event_types import CLAIMED, SYMMETRIC
from extractors.events import derivation, modality as mod, patterns, predicates
from extractors.events.arguments import Arg, Resolver
from extractors.events.lexicon import Entry
from extractors.events.predicates import Candidate
from extractors.events.tree import Node, Tree
from extractors.records import Event

MAX_DATE_DISTANCE = 3
REACTIONS = {"ACCUSE", "REJECT", "SUPPORT", "PROTEST", "THREATEN"}


def reported_next(trees: list[Tree], k: int, lex) -> bool:
    """Sentence k+1 attributes what precedes it to sources ("Sources reported this")."""
    if k + 1 >= len(trees):
        return False
    nxt = trees[k + 1]
    # "this" pointing back, not the "that" opening the report's own clause ("reported that …")
    return mod.is_reporting_sentence(nxt, lex) and any(n.lemma in nxt.g.referents and n.upos in ("PRON", "DET")
                                                       and n.rel != "mark" for n in nxt.nodes.values())


CLAUSE_RELS = {"root", "ccomp", "xcomp", "advcl", "acl", "parataxis", "csubj", "conj"}
REPORTED_CLAUSE = {"ccomp", "xcomp", "parataxis"}
CONTENT_CLAUSE = {"ccomp", "xcomp", "csubj"}


def _clause_of(tree: Tree, i: int) -> int:
    """The predicate whose clause a word is in: the word itself or its nearest clausal ancestor."""
    n = tree[i]
    while n.rel not in CLAUSE_RELS and n.upos not in ("VERB", "AUX") and n.head:
        n = tree[n.head]
    return n.id


def _participle_adjunct(tree: Tree, k: int) -> bool:
    """A gerund or participle clause hung on another clause, with no subject of its own."""
    n = tree[k]
    return n.rel == "advcl" and n.feats.get("VerbForm") in ("Ger", "Conv", "Part") and not tree.children(k, "nsubj")


def attached_dates(tree: Tree, anchor: int, found: list) -> tuple[list, list]:
    """Date mentions that hang from the event's clause (not from another clause of the sentence),
    nearest first; then those of the clause that reports the event ("Iran on Friday stated that it
    was ready…", even where the parser hung "on Friday" on the name): the date it was said."""
    up = [n.id for n in tree.ancestors(anchor)]
    reporting, k = {anchor}, anchor  # the anchor and the clauses it is reported by
    # (or, for a participle adjunct with no subject of its own, the clause it belongs to: "released a
    # communiqué on Friday, withdrawing its envoy", "said on Monday, calling…")
    while tree[k].head and (tree[k].rel in REPORTED_CLAUSE or _participle_adjunct(tree, k)):
        k = tree[k].head
        reporting.add(k)
    # (a quote's reporting clause after it: "'…,' the agency quotes the words he spoke on Friday")
    reporters = {n.id for n in tree.children(anchor, "parataxis")}
    own, inherited = [], []
    for d in found:
        nodes = [n.id for n in tree.nodes.values() if d.start <= n.start < d.end]
        if not nodes:
            continue
        dist = min(tree.distance(anchor, i) for i in nodes)
        top = min(nodes, key=lambda i: len(tree.ancestors(i)))
        clause = _clause_of(tree, top)
        sibling = clause != anchor and clause not in up and anchor not in [n.id for n in tree.ancestors(clause)]
        if clause != anchor and tree[clause].rel in CONTENT_CLAUSE and anchor in [n.id for n in tree.ancestors(clause)]:
            continue  # "invited Argentina to join from 1 January": when the content is to happen
        if clause in reporting and clause != anchor or _words_said_when(tree, clause, reporters):
            inherited.append((dist, d))
        elif dist <= MAX_DATE_DISTANCE and not sibling:  # (at equal distance, a date inside the clause first)
            own.append((dist + (anchor not in [n.id for n in tree.ancestors(top)]) / 2, d))
    own_d, said = [d for _, d in sorted(own, key=lambda x: x[0])], [d for _, d in sorted(inherited, key=lambda x: x[0])]
    if not own_d and not said and _shared_subject_conj(tree, anchor):
        # "late Monday, the minister denounced the deal and blamed the envoys": the second verb of one
        # subject is done when the first is
        return attached_dates(tree, tree[anchor].head, found)
    return own_d, said


def outermost_date(tree: Tree, found: list):
    """The date mention nearest the sentence's root ("X said on Wednesday that Y attacked on Sunday": Wednesday),
    the day the sentence itself tells; None when there is none."""
    depth = {id(d): min((len(tree.ancestors(n.id)) for n in tree.nodes.values() if d.start <= n.start < d.end),
                        default=99) for d in found}
    return min(found, key=lambda d: depth[id(d)], default=None)


def _words_said_when(tree: Tree, clause: int, reporters: set[int]) -> bool:
    """A participle or relative clause of the object of the reporting clause after a quote ("'…,' the agency
    quotes the words he spoke on Friday", a Russian "relays the words said the day before"): it dates the
    words reported."""
    n = tree[clause]
    return n.rel == "acl" and bool(n.head) and tree[n.head].upos == "NOUN" and tree[n.head].rel == "obj" \
        and tree[n.head].head in reporters


def _shared_subject_conj(tree: Tree, k: int) -> bool:
    """A verb conjoined to another verb, with no subject or auxiliary of its own (same doer, same tense)."""
    n = tree[k]
    return (n.rel == "conj" and n.upos == "VERB" and bool(n.head) and tree[n.head].upos == "VERB"
            and not tree.children(k, "nsubj") and not tree.children(k, "nsubj:pass")
            and not tree.children(k, "aux") and not tree.children(k, "aux:pass"))


def own_periods(tree: Tree, anchor: int, periods: list) -> list:
    """Periods ("in 2016", "in the year 2019") that date the event's own clause, not a clause inside it
    ("would mediate, as it did when Colombia signed a deal in 2016": 2016 is the signing's)."""
    out = []
    for d in periods:
        nodes = [n.id for n in tree.nodes.values() if d.start <= n.start < d.end]
        if nodes and _clause_of(tree, min(nodes, key=lambda i: len(tree.ancestors(i)))) == anchor:
            out.append(d)
    return out


OPENING_QUOTES = "\"“«„'‘"


def opens_quote(sentence: str) -> bool:
    """The sentence starts inside quotation marks (a quote that goes on from the previous one)."""
    return sentence.lstrip()[:1] in OPENING_QUOTES


def speaker(tree: Tree, cands, res: Resolver, lex) -> Arg | None:
    """The resolved subject of the sentence's speech verb ("…, - said Lavrov")."""
    # the main clause's speech verb first ("…Hamas saying yes…," Blinken said): fewest ancestors
    for c in sorted(cands, key=lambda c: len(tree.ancestors(c.node.id))):
        if c.entry.speech and c.node.upos in ("VERB", "AUX"):
            arg, _ = res.subject(c.node.id)
            if arg is not None and arg.via in ("mention", "coref"):
                return arg
    # no speech verb with a subject: a statement named as the source ("'…', — the ministry's statement
    # says", "…, according to a statement by the ministry"): whose statement it is
    for c in cands:
        if c.entry.speech and c.node.upos == "NOUN" and c.node.rel in ("obl", "nmod"):
            arg = res.noun_agent(c.node.id)
            if arg is not None and arg.via in ("mention", "coref"):
                return arg
    return None


ANAPHORA_SENTENCES = 6  # how far back a definite act noun finds the act it names
DENIAL_SENTENCES = 3  # how far back a denial finds the accusation it answers
STEM = 5  # letters of a word's stem that name the same act again (the scorer's stem length)


@dataclass
class _Told:
    """What the discourse rules' values read beyond the tree: the resolver, the live speech acts with an
    actor, the document's events so far and the sentence's index."""
    res: Resolver
    speech: dict[int, Candidate]
    only: Candidate | None  # the sentence's one speech act, if it has one
    events: list[Event]
    sidx: int


def settle(tree: Tree, cands, res: Resolver, stage: str = "on_discourse", events: list[Event] = (), sidx: int = 0) -> None:
    """Who tells an evaluation or an obligation, whose act an agentless one is (stage on_discourse), which act a
    definite act noun names (on_anaphora): the rules of lexicons/rules/discourse.yaml, with the values they name
    (``VALUES``)."""
    speech = {c.node.id: c for c in cands if c.entry.speech and c.actor is not None and not c.suppressed}
    told = _Told(res, speech, next(iter(speech.values())) if len(speech) == 1 else None, events, sidx)
    m = patterns.Match(tree, {c.node.id: c for c in cands}, extra=told, values=VALUES)
    patterns.load(res.lex.lang).settle(stage, m, cands)


def _said_by(m: patterns.Match, n: Node) -> Arg | None:
    """The actor of the speech act whose words hold the candidate: the nearest above it, else the sentence's only one."""
    speech = m.extra.speech
    ups = [a.id for a in m.tree.ancestors(predicates.anchor(m.events[n.id]).id) if a.id in speech]
    src = speech[ups[0]] if ups else m.extra.only
    return src.actor.found("speaker") if src is not None else None


def _told_by(m: patterns.Match, n: Node) -> Arg | None:
    """Who tells the candidate: its speech act's actor, else the sentence's speaker."""
    sp = _said_by(m, n) or m.extra.res.speaker
    return sp.found("speaker") if sp is not None else None


def _blamed(m: patterns.Match, n: Node) -> Arg | None:
    """Whom an evaluation blames: its own named subject (not its teller), else the owner of what it evaluates."""
    c, sp = m.events[n.id], _told_by(m, n)
    if c.actor is not None and c.actor.norm and c.actor.norm != (sp.norm if sp is not None else None):
        return c.actor
    return _blamed_owner(m.tree, c, m.extra.res)


def _responder(m: patterns.Match, n: Node) -> Arg | None:
    """Who gives an agentless answer to the offer the pattern named ("the offer was turned down as the terms for
    Hanoi to join had not been met"): the first coded party the sentence names outside the offer."""
    own = set(m.tree.subtree(m.names["offer_noun"].id))
    return next((Arg.of(x, "inferred") for x in sorted(m.extra.res.mentions, key=lambda x: x.start_char)
                 if x.actor_code and not set(x.word_ids) & own and x.source != "media"), None)


def _answered(m: patterns.Match, n: Node) -> Arg | None:
    """The answer's target, unless the responder's own party (whoever answers is not also whom it answers)."""
    c, who = m.events[n.id], _responder(m, n)
    return None if c.target is not None and who is not None and c.target.code == who.code else c.target


def _antecedent_event(m: patterns.Match, n: Node) -> Event | None:
    """The latest event of the noun's type, or whose trigger holds the noun's own word ("imposed restrictions
    … the restrictions will stay"), a few sentences back at most."""
    t, kind, stem = m.extra, m.events[n.id].entry.type, n.text.lower()[:STEM]
    return next((e for e in reversed(t.events) if (e.event_type == kind or (len(stem) == STEM and stem in e.action_text.lower()))
                 and t.sidx - e.sentence_idx <= ANAPHORA_SENTENCES), None)


def _antecedent(m: patterns.Match, n: Node) -> Arg | None:
    """The actor of the act a definite act noun names again."""
    e = _antecedent_event(m, n)
    return None if e is None else Arg(e.actor_text, e.actor_norm, e.actor_code, e.actor_type, e.actor_start, e.actor_end, "coref")


def _antecedent_target(m: patterns.Match, n: Node) -> Arg | None:
    """The noun's own target, else the target of the act it names again."""
    own = m.events[n.id].target
    if own is not None:
        return own
    e = _antecedent_event(m, n)
    if e is None or e.target_norm is None and e.target_text is None:
        return None
    return Arg(e.target_text, e.target_norm, e.target_code, e.target_type, e.target_start, e.target_end, "coref")


def _accusation(m: patterns.Match, n: Node) -> Event | None:
    """The latest accusation aimed at a party, a few sentences back at most (what a denial answers)."""
    t = m.extra
    return next((e for e in reversed(t.events) if e.event_type == "ACCUSE" and e.target_norm
                 and 0 < t.sidx - e.sentence_idx <= DENIAL_SENTENCES), None)


def _accuser(m: patterns.Match, n: Node) -> Arg | None:
    e = _accusation(m, n)
    return None if e is None else Arg(e.actor_text, e.actor_norm, e.actor_code, e.actor_type, e.actor_start,
                                      e.actor_end, "coref")


def _accused(m: patterns.Match, n: Node) -> Arg | None:
    """Whom that accusation is aimed at, named by the candidate's own subject word where it has one ("the
    country denied": the word kept, the party the accused)."""
    e, a = _accusation(m, n), m.events[n.id].actor
    if e is None:
        return None
    text, start, end = (a.text, a.start, a.end) if a is not None else (e.target_text, e.target_start, e.target_end)
    return Arg(text, e.target_norm, e.target_code, e.target_type, start, end, "coref")


def _act_actor(m: patterns.Match, n: Node) -> Arg | None:
    """Who does the act the pattern names ``act_noun`` (its own actor, else that of the act it names again)."""
    a = m.names.get("act_noun")
    c = m.events.get(a.id) if a is not None else None
    if c is None:
        return None
    if c.actor is not None:
        return c.actor
    return _antecedent(m, a)


def _warned(m: patterns.Match, n: Node) -> Arg | None:
    """Whom a warning that an act serves as is addressed to: the noun's own target, else a party hung on it with no
    preposition ("a warning to Japan", a case form the parser may read as possessive), never the act's own actor."""
    own = m.events[n.id].target
    if own is not None:
        return own
    actor, tree = _act_actor(m, n), m.tree
    for k in tree.children(n.id, "nmod", "iobj"):
        arg = None if tree.cases(k.id) else m.extra.res.np(k.id, allow_coref=False)
        if arg is not None and arg.code and not (actor is not None and arg.code == actor.code):
            return arg
    return None


def _grievance_target(m: patterns.Match, n: Node) -> Arg | None:
    """Whom the protest the pattern names ``protest_act`` is addressed to."""
    g = m.names.get("protest_act")
    c = m.events.get(g.id) if g is not None else None
    return c.target if c is not None else None


# the parties the discourse rules name
VALUES = {"said_by": _said_by, "told_by": _told_by, "blamed_party": _blamed, "responder": _responder,
          "answered_party": _answered, "antecedent_actor": _antecedent,
          "antecedent_target": _antecedent_target, "act_actor": _act_actor,
          "warned_party": _warned, "grievance_target": _grievance_target, "accusing_party": _accuser,
          "accused_party": _accused,
          # "Moscow must halt the strikes or face sanctions": the party the act's clause obliges, its subject
          "obliged_party": lambda m, n: m.extra.res.subject(n.head)[0] if n.head else None}


def _blamed_owner(tree: Tree, c, res: Resolver) -> Arg | None:
    """Whose act an evaluation blames when its subject is a thing: "the Somali move undermined...",
    "called Moscow's actions provocative" (the evaluated object of the naming verb)."""
    n = predicates.anchor(c)
    things = tree.children(n.id, "nsubj")
    if not things and n.rel in ("xcomp", "obl", "advmod") and n.head:  # (advmod: a mis-tagged adjective)
        things = tree.children(n.head, "obj")
    if not things and n.rel == "xcomp" and n.head:
        things = tree.children(n.head, "nsubj")  # "the step is a provocation": the linking verb's subject
    if not things and n.rel == "amod" and n.head:
        things = [tree[n.head]]  # "a hostile act by Algeria", "Minsk's unfriendly step": the act's owner
    # what the act is said to show, owned by the one blamed ("the move exposed Ruritania's contempt")
    things = things + [tree[i] for i in sorted(c.frame_ids) if tree[i].upos == "NOUN" and i != n.id]
    for t in things:
        # (a pronoun subject stands for its antecedent: "he is a danger to the region")
        arg = res.noun_agent(t.id) or res.maker(t.id) or res.nationality_of(t.id) or res.np(
            t.id, allow_coref=t.upos == "PRON" and t.rel == "nsubj")
        if arg is None and n.rel == "amod" and t.rel == "obl" and t.head:
            arg, _ = res.subject(t.head)  # "acted in an unlawful manner": the one who acted so
        if arg is not None and arg.norm:
            return arg
    # "called this decision unfriendly": the decision just told, its maker (when no thing names its own)
    arg = res.last_actor if res.last_actor_recent and any(_refers_back(tree, t, res.lex) for t in things) else None
    return arg if arg is not None and arg.norm else None


def demonstrative_targets(tree: Tree, cands, events: list[Event], lex) -> None:
    """"Moscow considers this a violation": a reaction to "this" targets whoever did the act just
    reported; so does a reaction to a definite act noun with no owner ("criticised the decision",
    "condemned this decision")."""
    for c in cands:
        if c.suppressed or c.target is not None or c.entry.type not in REACTIONS:
            continue
        heads = [c.node.id, *c.frame_ids]
        args = [k for h in heads for k in tree.children(h, "obj", "obl", "nsubj", "nsubj:pass")
                if not (c.actor is not None and c.actor.start <= k.start < c.actor.end)]
        refs = [k for k in args if k.lemma in tree.g.back_pointers or _refers_back(tree, k, lex)]
        if not refs:
            continue
        before = [o for o in cands if o is not c and not o.suppressed and o.actor and o.node.start < c.node.start
                  and not o.entry.speech]  # what was done, not who is saying it
        prev = before[-1].actor if before else None
        if prev is None and events:
            # the last act of the kind the noun names ("welcomed the visit": the last visit), else the last act
            glosses = {x.gloss for k in refs for x in lex.entries.get(k.lemma.lower(), ())}
            types = {x.type for k in refs if k.lemma.lower() not in lex.act_nouns for x in _act_entries(k, lex)}
            # (first an act of the same kind, its verb sharing a gloss: "condemned the launch" is the missile's, not the drills')
            e = next((x for x in reversed(events) if x.action_lemma in glosses or glosses & {
                y.gloss for y in lex.entries.get(x.action_lemma, ())}), None) \
                or next((x for x in reversed(events) if x.event_type in types), events[-1])
            prev = Arg(e.actor_text, e.actor_norm, e.actor_code, e.actor_type, e.actor_start, e.actor_end, "coref")
        if prev is not None and (c.actor is None or prev.norm != c.actor.norm):
            c.target = prev


def _refers_back(tree: Tree, k, lex) -> bool:
    """A definite act noun with nothing of its own that names a party: "the decision", "this decision",
    or a noun of the lexicon's acts ("condemned the exercises", "condemned these manoeuvres")."""
    # (in a language with no articles a bare act noun of the lexicon is definite too: Russian "condemned detention")
    bare = not tree.g.definite_articles and k.lemma.lower() not in lex.act_nouns and not tree.children(k.id, "det")
    # (a determiner the parser takes for an adjective, "this" tagged as an adjective, is a determiner still)
    pointing = tree.g.definite_determiners | tree.g.back_pointers
    dets = [d for d in tree.children(k.id, "det", "amod") if d.rel == "det" or d.lemma.lower() in pointing]
    # (a verb's noun names whom it is done to, never its agent, in the patient case: "the seizure of the vessel")
    own = [x for x in tree.children(k.id, "nmod", "nmod:poss", "amod", "acl", "compound")
           if x not in dets and not (k.lemma.lower() not in lex.act_nouns and _patient(tree, x, lex))]
    # (a light noun stands for the act it carries: "the introduction of tariffs")
    acts = [k] + [x for x in tree.children(k.id, "nmod") if k.lemma.lower() in lex.light_nouns]
    return k.upos == "NOUN" and any(a.lemma.lower() in lex.act_nouns or _act_entries(a, lex) for a in acts) \
        and (bare or any(d.lemma.lower() in pointing for d in dets)) and not own


def _patient(tree: Tree, x, lex) -> bool:
    """A dependent of a verb's noun in the patient case: a preposition of ``patient_cases``, or a bare
    case-marked noun neither the agent case nor a party's adjective."""
    if x.deprel != "nmod":
        return False
    cs = tree.cases(x.id)
    return bool(cs & lex.patient_cases) if cs else bool(tree.g.possessor_case) \
        and x.feats.get("Case") == tree.g.possessor_case


def _act_entries(k, lex) -> list:
    """The lexicon's entries for an act noun: its own (for a noun) or its verb's ("the detention"); a noun
    that judges an act ("a provocation", "a mistake") names no act of its own."""
    own = [e for e in lex.entries.get(k.lemma.lower(), ())
           if "NOUN" in e.pos and not e.speech and not e.stance and not e.blame]
    return own or [e for e in derivation.entries(k.lemma.lower(), "NOUN", lex) if not e.speech and not e.stance]


SPEAKER_CLAUSE = {"root", "ccomp", "parataxis", "conj", "xcomp"}


@dataclass
class Claimant:
    """Who tells an act without being a coded speech event: the subject of a verb of claiming or
    reporting ("Japan has repeatedly claimed…", "in Lithuania [they] told…"), or the party of an
    attribution phrase ("according to the minister", "in the words of the minister"); ``head`` is the
    clause the words cover."""
    node: Node
    actor: Arg
    content: frozenset[int]  # the words of what is told

    def covers(self, node_id: int) -> bool:
        return node_id in self.content


# what a claim tells: its content clause; an attribution phrase tells its own clause, not a clause joined to it
CLAIM_CONTENT = ("ccomp", "parataxis")
NOT_TOLD = ("advcl", "conj", "parataxis", "acl", "acl:relcl")


def claimants(tree: Tree, res, lex) -> list[Claimant]:
    """The claimants of a sentence (``Claimant``), from the lexicon's ``claim_verbs`` and
    ``attribution_nouns`` (roles)."""
    out = []
    for n in tree.nodes.values():
        if n.lemma.lower() in lex.claim_verbs and n.upos in ("VERB", "AUX"):
            subj = next((k for k in tree.children(n.id, "nsubj")), None)
            arg = res.np(subj.id) if subj is not None else None
            told = {i for k in tree.children(n.id, *CLAIM_CONTENT) for i in tree.subtree(k.id, skip_rels=NOT_TOLD[:2])}
            if arg is not None and (arg.code or arg.norm) and told:
                out.append(Claimant(n, arg, frozenset(told)))
        elif n.lemma.lower() in lex.attribution_nouns and n.head and n.rel in ("obl", "nmod", "parataxis"):
            who = next((k for k in tree.children(n.id, "nmod", "nmod:poss") if k.id in res.by_word or k.upos == "NOUN"), None)
            arg = res.np(who.id) if who is not None else None
            if (arg is None or not (arg.code or arg.norm)) and who is not None and who.lemma.lower() in lex.roles:
                # an official not named here ("in the words of the minister") is still someone telling
                arg = Arg(who.text, who.lemma.lower(), None, None, who.start, who.end, "phrase")
            if arg is not None and (arg.code or arg.norm):
                told = set(tree.subtree(n.head, skip_rels=NOT_TOLD)) - set(tree.subtree(n.id))
                out.append(Claimant(n, arg, frozenset(told)))
    return out


def third_party_claim(tree: Tree, c, speakers) -> bool:
    """An act someone else is said to have done, in what a speaker says ("Putin recalled that Western
    countries allowed…"): a third-party claim. The speaker's own side stays asserted."""
    return claim_speaker(tree, c, speakers) is not None


def claim_speaker(tree: Tree, c, speakers):
    """The speaker (a speech candidate or a ``Claimant``) who tells ``c`` as another party's act, or None."""
    if c.entry.speech or c.actor is None or not (c.actor.code or c.actor.norm) or not speakers:
        return None
    a = predicates.anchor(c)
    up = [x.id for x in tree.ancestors(a.id)]
    # the speaker whose words hold the act: the nearest speech verb above it that heads a clause of
    # its own (not a gerund inside a noun phrase: "Hamas' saying yes"), or a closing "- said X"
    # (a claimant says what its content covers: "claimed that …", "in the minister's words, …")
    told = [sp for sp in speakers if (sp.covers(a.id) if isinstance(sp, Claimant) else sp is not c and (
        (sp.node.id in up and sp.node.rel in SPEAKER_CLAUSE) or (sp.node.rel == "parataxis" and sp.node.head == a.id)))]
    if not told:
        return None
    sp = min(told, key=lambda s: up.index(s.node.id) if s.node.id in up else 0)
    # a party with no code ("Western countries") is another side when its name differs; the other party of a joint
    # act ("X signed a deal with Y, Y's ministry said") tells what it took part in
    joint = c.entry.type in SYMMETRIC and c.target is not None and sp.actor.code and sp.actor.code == c.target.code
    return None if (c.actor.code and sp.actor.code == c.actor.code) or sp.actor.norm == c.actor.norm or joint else sp


# what a speech candidate told instead of being an event of its own: revived as the accusation
TOLD_REASONS = ("coded_as_content", "attribution", "same_statement")


def claimed_accusations(tree: Tree, live: list, speakers, report_verbs: frozenset[str]) -> list:
    """A forceful act (``event_types.CLAIMED``: an attack, a seizure, an incursion) that one party says
    another did is also that party's accusation (the guidelines: "the claim itself (an accusation)"):
    the speech verb or verb of claiming becomes ACCUSE, aimed at the act's agent ("Estonia said Moscow
    sent a fighter into NATO airspace", "Caracas said a US destroyer attacked a vessel"), when that
    party is a coded one and the verb does more than report (``report_verbs``). Returns the candidates
    that become events (a speech verb that only told the act, or a claim verb)."""
    out, done = [], set()
    # (a party the sentence's evaluation already blames, "said the drills by X were reckless": that is the accusation)
    judged = {o.target.code for o in live if o.entry.blame and o.event_type == "ACCUSE" and not o.suppressed
              and o.target is not None and o.target.code}
    for c in live:
        if c.event_type not in CLAIMED or c.entry.sighting or c.negated or not c.actor or not c.actor.code or c.actor.code in judged:
            continue
        sp = claim_speaker(tree, c, speakers)
        if sp is None or sp.node.id in done or sp.node.upos not in ("VERB", "AUX") \
                or sp.node.lemma.lower() in report_verbs:
            continue
        done.add(sp.node.id)
        if isinstance(sp, Claimant):
            entry = Entry(sp.node.lemma.lower(), "ACCUSE", "accuse", strength=0.4)
            out.append(Candidate(sp.node, entry, actor=sp.actor, actor_how="claimant", target=c.actor,
                                 event_type="ACCUSE"))
        elif sp.suppressed in TOLD_REASONS or (not sp.suppressed and sp.event_type == "DISCUSS"):
            if sp.suppressed:
                out.append(sp)
            sp.suppressed, sp.event_type, sp.target = "", "ACCUSE", c.actor
    return out


def person_countries(cands, seen: dict[str, tuple[str, str | None]]) -> None:
    """The country an act's actor was placed in by its title or apposition ("Chad's defence chief, General X")
    stays with that person's name for the rest of the document: a later surname alone takes it."""
    for c in cands:
        a = c.actor
        if c.suppressed or a is None or not a.code or not a.norm or "|" in a.norm:
            continue
        for key, (norm, code) in list(seen.items()):
            if norm == a.norm and not code:
                seen[key] = (norm, a.code)


def canonical_persons(mentions, seen: dict[str, tuple[str, str | None]], lang: str) -> None:
    """One name per unknown person in a document: later inflected mentions take the first form, and
    a surname alone takes the full name it was first given with ("Abdoulaye Diop … Diop said"), also
    where there is no NER and the names are proper-noun chunks with no type; and the country a title
    placed the name in ("Kenyan Foreign Minister Musalia Mudavadi … Mudavadi")."""
    from extractors.actors.dictionary import light_stem

    for m in mentions:
        if m.actor_type not in ("PERSON", None) or not m.actor_norm or m.source == "media":
            continue
        words = m.text.split()
        key = light_stem(words[-1], lang)
        # a name the dictionaries know (or placed by a title) keeps its own form, and still gives its surname
        # to later mentions ("Defense Minister Israel Katz … Katz said")
        known = bool(m.actor_code) and m.source != "propn"
        if key in seen and not known:
            if m.actor_type == "PERSON" or len(words) == 1:
                m.actor_norm, code = seen[key]
                if code and not m.actor_code:
                    m.actor_code, m.actor_type = code, "PERSON"
        elif key not in seen and (m.actor_type == "PERSON" or len(words) > 1):
            seen[key] = (m.actor_norm, m.actor_code)
            # a family name written first ("Kim Hong-kyun … Kim said"): a one-word mention may be the first word
            first = light_stem(words[0], lang)
            if len(words) > 1 and "-" in words[-1]:
                seen.setdefault(first, (m.actor_norm, m.actor_code))
                # a surname after a particle ("Ahmed al-Tamimi … Tamimi"): later mentions may drop the particle
                tail = words[-1].rsplit("-", 1)[1]
                if tail[:1].isupper():
                    seen.setdefault(light_stem(tail, lang), (m.actor_norm, m.actor_code))
