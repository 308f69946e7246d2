"""Predicates of a sentence tree -> events. Language-neutral; everything lexical comes from the
lexicon data files.

Confidence (documented in the README): the lexicon entry's strength (0.7 unless set), +0.15 when
the actor carries a code, +0.05 when the target does, -0.1 for noun predicates, -0.15 when the
actor was found by coreference and -0.25 when it was inherited from an earlier event; clamped to
[0.05, 0.99]."""
from __future__ import annotations

from dataclasses import dataclass, field

from extractors.events import modality as mod
from extractors.events.arguments import TEMPORAL, Arg, Resolver, join
from extractors.events.lexicon import Entry, Lexicon
from extractors.events.tree import Node, Tree

VERBAL = {"VERB", "AUX"}
CONTENT_RELS = ("ccomp", "parataxis", "xcomp", "csubj", "advcl", "conj")
ABOUT = {"о", "об", "обо", "about", "on"}
COMPLEMENTISERS = {"что", "чтобы", "that"}
GERUND_LINKS = {"of", "against", "for", "from"}  # "accused X of doing", "warned X against doing"
PLACE_NOUNS = {"sidelines", "sideline", "margins", "margin", "поле", "полях", "кулуары", "кулуарах", "рамка"}
DEMONSTRATIVE_DETS = {"this", "these", "that", "those", "этот", "тот", "такой", "данный"}
READINESS = {"готовый", "ready", "willing", "prepared", "open"}
PURPOSE = {"чтобы", "дабы", "so", "in"}
HOSTILE = {"THREATEN", "SANCTION", "ASSAULT", "COERCE", "REJECT", "ACCUSE", "PROTEST", "MOBILIZE"}
GOVERNOR_RELS = ("obj", "obl", "nmod", "iobj")
HAPPEN = {"состояться", "пройти", "проходить", "начаться", "начинаться", "take", "occur", "happen",
          "begin", "start", "continue", "resume", "be", "hold", "stop", "end"}
CONTENT_HOLDERS = {"THREATEN", "REQUEST", "REJECT"}  # a threat, call or refusal "to X" says what X is
PUNITIVE = {"SANCTION", "ASSAULT", "COERCE", "MOBILIZE"}
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
DIRECTED = {"REQUEST", "THREATEN", "ACCUSE", "REJECT", "SANCTION", "COERCE"}  # acts aimed at someone


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


def _frame_match(tree: Tree, node: Node, entry: Entry) -> set[int] | None:
    """Ids of the dependents satisfying the entry's frame (empty set when it has none); None if unmet."""
    if entry.dep is None:
        return set()
    f = entry.dep
    related = [(c, c.deprel) for c in tree.children(node.id)]
    # a preposition heading an argument ("выступили против присутствия") counts as a frame word
    related += [(k, "case") for c in tree.children(node.id) for k in tree.children(c.id, "case", "mark")
                if c.lemma not in TEMPORAL and not c.deprel.endswith("tmod")]  # "on Friday" is no "call on"
    # "allow the suspension to expire" with "expire" hung on the object: the object's infinitive
    # counts as the verb's own complement
    objs = tree.children(node.id, "obj")
    objs += [m for c in objs for m in tree.children(c.id, "nmod")]  # "allow the suspension of sanctions to expire"
    related += [(k, "xcomp") for c in objs for k in tree.children(c.id, "acl") if tree.children(k.id, "mark")]
    parent = tree.parent(node.id)
    if parent is not None:
        related.append((parent, node.deprel))
    for c, rel in related:
        # a name made of words ("General License 44"): any of its words may be the frame word
        words = [tree[i] for i in tree.subtree(c.id) if tree[i].upos in ("PROPN", "NUM")] if c.upos == "PROPN" else [c]
        if not any(w.lemma.lower() in f.lemmas or w.text.lower() in f.lemmas for w in words):
            continue
        if f.rels and rel not in f.rels and rel.split(":")[0] not in f.rels:
            continue
        if f.case and not {k.lemma for k in tree.children(c.id, "case")} & f.case:
            continue
        return {c.id} | {w.id for w in words}
    return None


EN_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("es", ""), ("s", ""))


def _lookup_keys(node: Node, lang: str) -> list[str]:
    """The lemma, the surface, and for English verbs regular de-inflections of the surface: a compact
    lemmatiser sometimes mangles a past form ("expelled" -> "expelle")."""
    text = node.text.lower()
    keys = [node.lemma, text]
    if lang == "en" and node.upos in ("VERB", "NOUN", "ADJ"):
        for suf, rep in EN_SUFFIXES:
            if text.endswith(suf) and len(text) - len(suf) >= 3:
                stem = text[: -len(suf)] + rep
                keys.append(stem)
                if suf == "ed" and len(stem) > 3 and stem[-1] == stem[-2]:
                    keys.append(stem[:-1])  # "expelled" -> "expell" -> "expel"
    return keys


def _pos_ok(node: Node, entry: Entry) -> bool:
    if entry.pos:
        return node.upos in entry.pos or (node.upos == "PROPN" and "NOUN" in entry.pos)
    return node.upos in VERBAL or (node.upos == "ADJ" and node.feats.get("VerbForm") == "Part")


def candidates(tree: Tree, lex: Lexicon) -> tuple[list[Candidate], list[tuple[Node, str]]]:
    """Lexicon predicates in the tree, and the lemmas that were candidates but failed (with reason)."""
    out: list[Candidate] = []
    misses: list[tuple[Node, str]] = []
    for node in (tree[i] for i in tree.ids):
        keyed = [lex.entries[k] for k in dict.fromkeys(_lookup_keys(node, lex.lang)) if k in lex.entries]
        if not keyed:
            continue
        # the first key with an entry for this part of speech ("Meeting" lemmatised as the noun, tagged VERB)
        entries = next((e for e in keyed if any(_pos_ok(node, x) for x in e)), keyed[0])
        reason = "pos_mismatch"
        for entry in entries:
            if not _pos_ok(node, entry):
                continue
            ids = _frame_match(tree, node, entry)
            if ids is None:
                reason = "frame_not_matched"
                continue
            out.append(Candidate(node=node, entry=entry, frame_ids=ids, event_type=entry.type))
            break
        else:
            misses.append((node, reason))
    return out, misses


def _consumed(cands: list[Candidate]) -> set[int]:
    return {i for c in cands for i in c.frame_ids}


def resolve(tree: Tree, cands: list[Candidate], res: Resolver, lex: Lexicon) -> None:
    """Fill actor, target, negation and type of each candidate, or mark it suppressed."""
    by_id = {c.node.id: c for c in cands}
    consumed = _consumed(cands)
    for c in cands:
        n = c.node
        # a word inside another predicate's frame is that predicate's ("ввести санкции"); a verb is
        # never consumed by the frame of its own object noun
        if n.id in consumed and n.upos not in VERBAL and not (by_id.get(n.head) and by_id[n.head].frame_ids == set()):
            c.suppressed = "part_of_frame"
            continue
        named = res.by_word.get(n.id)
        if named is not None and len(named.word_ids) > 1:
            c.suppressed = "inside_name"  # "Организация исламского сотрудничества"
            continue
        if c.entry.stance and n.rel not in ("nsubj", "root", "nsubj:pass"):
            c.suppressed = "stance_not_subject"
            continue
        if n.feats.get("VerbForm") == "Part" and n.rel in ("amod", "acl") and n.head and (
                (n.rel == "amod" and tree[n.head].rel in ("obl", "nmod"))
                or (n.id < n.head and tree.children(n.id, "obl", "obl:agent", "nmod"))):
            c.suppressed = "background_participle"  # "в связи с подписанным договором", "поддерживаемая США миссия"
            continue
        if anchor(c).rel == "advcl" and any(k.lemma in PURPOSE for k in tree.children(anchor(c).id, "mark")):
            c.suppressed = "purpose_clause"  # "чтобы ввести санкции": an aim, not an act
            continue
        if n.lemma in lex.negation_carriers and any(k.id in by_id for k in tree.children(n.id, "acl", "xcomp")):
            c.suppressed = "ability"  # "(not) in a position to renew": the act governed is the event
            continue
        if n.upos in ("NOUN", "PROPN") and n.rel in ("obj", "obl", "nmod") and n.head \
                and tree[n.head].lemma in lex.topic_verbs and tree[n.head].upos in VERBAL:
            c.suppressed = "topic"  # "focused on the ceasefire negotiations", "would require the coordination"
            continue
        if n.upos in ("NOUN", "PROPN") and n.rel == "nmod" and n.head and tree[n.head].lemma in lex.reported_sources:
            c.suppressed = "topic"  # "опроверг сообщения о встрече", "denied reports of talks": what is reported
            continue
        if n.upos in ("NOUN", "PROPN") and n.rel not in ("nsubj", "root") \
                and any(k.lemma.lower() in lex.demonstratives for k in tree.children(n.id, "det")):
            c.suppressed = "refers_back"  # "described these discussions as the last chance"
            continue
        if _inferred(tree, anchor(c), lex.inference_verbs):
            c.suppressed = "inference"  # "…, suggesting the group rejects the deployment"
            continue
        if _background(tree, n, lex.background):
            c.suppressed = "background"  # "amid growing criticism", "rallied in support of": not the news
            continue
        if _setting(tree, n, c, res):
            c.suppressed = "setting"  # "review its representation at its meetings": where, not what
            continue
        parent = tree.parent(n.id)
        if n.upos in ("NOUN", "PROPN") and n.rel in ("obj", "obl") and parent is not None and parent.lemma in lex.receivers:
            c.suppressed = "received"  # "Blinken, who has faced criticism": he is its target, not its agent
            continue
        c.negated = mod.negated(tree, n.id, lex)
        if c.entry.negated_only and not c.negated:
            c.suppressed = "not_negated"
            continue
        if n.upos in ("NOUN", "PROPN") and c.entry.pos:
            parent = tree.parent(n.id)
            framed = parent is not None and parent.id in c.frame_ids and parent.upos in VERBAL  # "заявил протест"
            if parent is not None and (parent.lemma in lex.light_verbs or framed) and n.rel in ("obj", "nsubj", "obl", "nsubj:pass") \
                    and not (n.rel == "obl" and tree.children(n.id, "nmod:poss")):  # "held at Washington's request"
                c.light = parent
                if n.rel == "nsubj" and parent.lemma in HAPPEN:
                    c.actor, c.actor_how = res.noun_agent(n.id), "noun_agent"
                    if c.actor is None:
                        c.actor = res.between(n.id)
                        c.actor_how = "between" if c.actor is not None else "noun_without_agent"
                else:
                    c.actor, c.actor_how = res.subject(parent.id)
                c.negated = c.negated or mod.negated(tree, parent.id, lex)
            else:
                c.actor, c.actor_how = _noun_actor(tree, n, res, lex)
                if c.actor is None:
                    # "Beijing imposed sanctions" parsed with "imposed" as a modifier of "sanctions": the
                    # frame verb still has its subject
                    for f in sorted(c.frame_ids):
                        if tree[f].upos in VERBAL and tree[f].head == n.id and tree.children(f, "nsubj"):
                            c.actor, c.actor_how = res.subject(f)
                            c.light = tree[f]
                            break
                if c.actor is None and not c.entry.stance:
                    c.suppressed = "noun_without_agent"
                    continue
        else:
            c.actor, c.actor_how = res.subject(n.id)
            if c.entry.speech and _source_subject(tree, n.id, lex):
                c.suppressed = "reporting_source"
                continue
        c.event_type = c.entry.type
        if c.entry.type in SYMMETRIC or c.entry.mutual:
            # "обсуждалась между A и B": both parties; "A и B договорились": actor A, target B
            both = res.between(anchor(c).id) or res.between(n.id)
            if both is not None and (c.actor is None or c.actor_how in ("none", "passive", "noun_without_agent")):
                c.actor, c.actor_how = both, "between"
            if c.actor is not None and c.actor.via == "conj" and len(c.actor.parts) > 1 \
                    and (both is None or c.actor_how == "between") \
                    and not res.has_partner(anchor(c).id) and not res.has_partner(n.id) \
                    and not _recipient(tree, anchor(c).id, res):  # "A and B work with C", "A and B pledged X to C"
                c.actor, c.target = c.actor.parts[0], join(list(c.actor.parts[1:]))
        reach = 2 if c.entry.speech else 3  # "said in Moscow": a statement has no locative target
        visit = c.entry.directional  # the country visited may stand in the locative ("с визитом в Турции")
        if c.target is None:
            c.target = res.target(n.id if c.light is None else c.light.id, c.actor, c.frame_ids | {n.id}, reach, visit)
        if c.target is None and c.light is not None:
            c.target = res.target(n.id, c.actor, c.frame_ids, reach, visit)
        if c.target is None and c.entry.type in SYMMETRIC and c.actor_how != "between":
            both = res.between(anchor(c).id) or res.between(n.id)
            if both is not None and not (c.actor and both.norm == c.actor.norm):
                c.target = both  # "Qatar and Egypt mediated between Israel and Hamas"
        if c.target is None and c.entry.type in DIRECTED and not c.entry.speech:
            c.target = res.deep_target(anchor(c).id, c.actor)
        if c.negated and c.entry.on_negation:
            c.event_type, c.negated = c.entry.on_negation, False
        if c.entry.negated_only:
            c.negated = False


def _inferred(tree: Tree, a: Node, verbs: frozenset[str]) -> bool:
    """The act is the content of a participial inference ("suggesting that…", "свидетельствуя о…")."""
    cur = a
    for _ in range(2):
        if cur.rel not in ("ccomp", "xcomp", "obj", "obl") or not cur.head:
            return False
        gov = tree[cur.head]
        if gov.lemma in verbs and gov.upos == "VERB" and (
                gov.feats.get("VerbForm") in ("Ger", "Part", "Conv") or gov.rel in ("advcl", "acl")):
            return True
        cur = gov
    return False


def _recipient(tree: Tree, node: int, res: Resolver) -> bool:
    """The predicate names a party it is given or addressed to ("pledged air defence to Ukraine")."""
    args = tree.children(node, "obl", "iobj") + [k for o in tree.children(node, "obj") for k in tree.children(o.id, "nmod")]
    for k in args:
        if k.deprel == "iobj" or {x.lemma for x in tree.children(k.id, "case")} & {"to", "к"}:
            m = res.by_word.get(k.id)
            if m is not None and m.actor_code:
                return True
    return False


def _background(tree: Tree, n: Node, markers: tuple[tuple[str, ...], ...], depth: int = 0) -> bool:
    """A noun predicate in a background phrase of another clause: after a one-word marker ("amid
    criticism"), or a marker of a preposition and a noun, on the predicate itself ("in support of")
    or on its head ("на фоне критики"); or inside such a phrase ("amid criticism of the talks")."""
    if n.upos not in ("NOUN", "PROPN") or n.rel not in ("obl", "nmod") or not markers:
        return False
    if n.rel == "nmod" and n.head and depth < 2 and _background(tree, tree[n.head], markers, depth + 1):
        return True
    cases = {k.lemma.lower() for k in tree.children(n.id, "case")}
    head = tree[n.head] if n.head else None
    for m in markers:
        if len(m) == 1 and m[0] in cases:
            return True
        if len(m) == 2 and m[1] == n.lemma.lower() and m[0] in cases and tree.children(n.id, "nmod"):
            return True
        if (len(m) == 2 and n.rel == "nmod" and head is not None and head.lemma.lower() == m[1]
                and m[0] in {k.lemma.lower() for k in tree.children(head.id, "case")}):
            return True
    return False


def _setting(tree: Tree, n: Node, c: Candidate, res: Resolver) -> bool:
    """A noun predicate in a place phrase of another clause ("at its meetings", "на его встречах")
    with no partner and no named party of its own is the setting of that clause."""
    if n.upos not in ("NOUN", "PROPN") or n.rel not in ("obl", "nmod") or res.has_partner(n.id):
        return False
    place = n
    if not {k.lemma for k in tree.children(n.id, "case")} & {"at", "на", "during"}:
        # "on the sidelines of the summit", "на полях саммита": the place phrase is the noun's head
        place = tree[n.head] if n.rel == "nmod" and n.head else None
        if place is None or place.rel not in ("obl", "nmod") or place.lemma not in PLACE_NOUNS \
                or not {k.lemma for k in tree.children(place.id, "case")} & {"at", "on", "на", "в"}:
            return False
    if place is not n:
        return True
    own = [k for k in tree.children(n.id, "nmod", "nmod:poss", "amod", "compound")
           if res.by_word.get(k.id) and k.upos != "PRON"]
    return not own


def _noun_actor(tree: Tree, n: Node, res: Resolver, lex: Lexicon) -> tuple[Arg | None, str]:
    """Who acts in a noun predicate with no light verb, most specific evidence first."""
    arg = res.noun_agent(n.id)  # "просьба США", "Russia's proposal", "the warning by X"
    if arg is not None:
        return arg, "noun_agent"
    if tree.children(n.id, "nsubj"):
        arg, how = res.subject(n.id)  # copular: "the US is in daily contact with X"
        if arg is not None:
            return arg, how
    if res.has_partner(n.id):
        arg, how = _governor_subject(tree, n, res, lex)  # "на встрече с X заявил Y"
        if arg is not None:
            return arg, how
    arg = res.between(n.id)  # "переговоры между A и B"
    if arg is not None:
        return arg, "between"
    return _governor_subject(tree, n, res, lex)


def _governor_subject(tree: Tree, n: Node, res: Resolver, lex: Lexicon) -> tuple[Arg | None, str]:
    """A noun predicate with no agent of its own, as the object of a clause ("Россия не исключает
    развития сотрудничества", "на встрече с X заявил Y"): the clause's subject acts."""
    cur, steps = n, 0
    while cur.rel in GOVERNOR_RELS and cur.head and steps < 2:
        gov = tree[cur.head]
        if gov.upos in VERBAL or (gov.upos == "ADJ" and gov.feats.get("VerbForm") == "Part"):
            arg, how = res.subject(gov.id)
            return arg, f"governor:{how}" if arg else "noun_without_agent"
        cur, steps = gov, steps + 1
    return None, "noun_without_agent"


def _source_subject(tree: Tree, node: int, lex: Lexicon) -> bool:
    """The subject of a speech verb is a news source ("сообщили источники", "media reported")."""
    for c in tree.children(node, "nsubj"):
        if c.lemma in lex.reported_sources:
            return True
    return False


def _is_content(tree: Tree, speech: int, node: Node) -> bool:
    """``node`` lies in what the speech verb says: a clause under it, an "о…/about…" phrase, or an act
    named as its object ("заявил протест", "announced sanctions")."""
    path = [node] + tree.ancestors(node.id)
    for i, a in enumerate(path):
        if a.head == speech:
            if a.rel in CONTENT_RELS or (i == 0 and a.rel == "obj" and a.upos in ("NOUN", "PROPN") and not any(
                    k.lemma in DEMONSTRATIVE_DETS for k in tree.children(a.id, "det"))):  # not "described these talks"
                return True
            return a.rel == "obl" and bool({k.lemma for k in tree.children(a.id, "case")} & ABOUT)
    return False


def _following_clause(tree: Tree, speech: Node) -> int | None:
    """The clause a complementiser right after a speech verb opens ("подчеркнул, что …", "stressed
    that …"), wherever the parser attached it."""
    ids = tree.ids
    k = ids.index(speech.id)
    for i in ids[k + 1:k + 3]:
        n = tree[i]
        if n.lemma in COMPLEMENTISERS and n.deprel == "mark" and n.head:
            return n.head
        if n.upos != "PUNCT":
            return None
    return None


def _content_governor(tree: Tree, node: Node, live: dict[int, Candidate], depth: int = 3) -> Candidate | None:
    """The nearest live event whose complement clause (xcomp/ccomp) holds ``node``, within a few
    steps ("решили, что обе стороны начнут готовить обмен пленными")."""
    cur = node
    for _ in range(depth):
        if not cur.head:
            return None
        head = tree[cur.head]
        if cur.rel in ("xcomp", "ccomp") and head.id in live:
            return live[head.id]
        if head.id in live and cur.rel not in ("obj", "nmod", "obl"):
            return None
        cur = head
    return None


def anchor(c: Candidate) -> Node:
    """The clause-level word of a candidate: its light verb, or the predicate itself."""
    return c.light if c.light is not None else c.node


def suppress_nested(tree: Tree, cands: list[Candidate]) -> None:
    """Speech acts whose content clause holds an event are coded by that event; complements of a
    fired refusal or request are its content, not separate events."""
    live = {c.node.id: c for c in cands if not c.suppressed}
    by_anchor = {anchor(c).id: c for c in live.values()}
    for c in cands:
        if c.suppressed:
            continue
        about = {k.lemma for k in tree.children(c.node.id, "case")} & ABOUT
        held = by_anchor.get(c.node.head)
        if c.light is None and c.node.upos in ("NOUN", "PROPN") and held is not None and held is not c \
                and held.light is not None and c.node.rel in ("obl", "nmod") and not held.entry.speech:
            c.suppressed = "argument_of_event"  # "reach an agreement on a proposal": what it is about
            continue
        if c.light is None and c.node.upos in ("NOUN", "PROPN") and c.node.head in live \
                and c.node.rel in GOVERNOR_RELS and not c.entry.stance and not live[c.node.head].entry.speech:
            c.suppressed = "argument_of_event"  # "отказалась поддержать заявление": the statement is an object
            continue
        a = anchor(c)
        if a.upos in VERBAL and a.rel in ("advcl", "acl", "obl") and a.head in live and live[a.head] is not c \
                and live[a.head].event_type in ("ACCUSE", "THREATEN", "REQUEST", "REJECT") \
                and any(k.lemma in GERUND_LINKS for k in tree.children(a.id, "mark", "case")):
            c.suppressed = "complement_of_event"  # "accused Moscow of attacking", "warned against deploying"
            continue
        if c.light is None and c.node.upos in ("NOUN", "PROPN") and c.node.rel == "nmod" and c.node.head \
                and tree[c.node.head].rel in ("obj", "nsubj:pass") and tree[c.node.head].head in live \
                and not live[tree[c.node.head].head].entry.speech and not c.entry.stance:
            c.suppressed = "argument_of_event"  # "discussed the latest developments in the negotiations"
            continue
        a = anchor(c)
        holder = _noun_before_infinitive(tree, a, live)
        if holder is not None and holder is not c:
            c.suppressed = "content_of_act"  # "a U.S. threat to restore sanctions", "calls to lift the ban"
            continue
        if a.rel == "advcl" and a.head in live and live[a.head] is not c and a.upos in VERBAL \
                and any(k.lemma in ("to", "in order") for k in tree.children(a.id, "mark")):
            c.suppressed = "purpose_clause"  # "are to meet to discuss…", "work with X to reach a deal"
            continue
        if c.node.lemma in READINESS:
            inner = [o for o in live.values() if o is not c and anchor(o).head == c.node.id
                     and anchor(o).rel in ("xcomp", "obl", "ccomp", "advcl")]
            if any(o.entry.type in HOSTILE for o in inner):
                c.suppressed = "coded_as_content"  # "готовы дать жесткий ответ" is the threat itself
                continue
            for o in inner:  # "willing to cooperate": the offer is the event, to whom the content says
                o.suppressed = "complement_of_event"
                if c.target is None and o.target is not None:
                    c.target = o.target
        if c.entry.attribution:
            c.suppressed = "attribution"
            continue
        if c.entry.speech and c.node.rel == "parataxis" and c.node.head in live:
            c.suppressed = "coded_as_content"  # quote first, then "- сказал Лавров"
            continue
        if c.entry.speech:
            follows = _following_clause(tree, c.node)
            for other in live.values():
                if other is c or other.entry.speech:
                    continue
                if _is_content(tree, c.node.id, anchor(other)) or (
                        follows is not None and anchor(other).id in tree.subtree(follows)):
                    c.suppressed = "coded_as_content"
                    break
        elif (gov := _content_governor(tree, anchor(c), live)) is not None:
            if gov.entry.negated_only or gov.event_type in ("REQUEST", "REJECT", "THREATEN", "SUPPORT") \
                    or gov.entry.type in ("REQUEST",) or (gov.event_type == "AGREE" and c.entry.type not in HOSTILE):
                c.suppressed = "complement_of_event"  # "agreed to resume talks" is one agreement

    for c in cands:
        if c.suppressed:
            continue
        a = anchor(c)
        # "signed an agreement": one event, not "signed" and "signed an agreement"
        if c.light is not None and c.light.id in live and not live[c.light.id].suppressed \
                and (live[c.light.id].entry.type == c.entry.type or live[c.light.id].entry.speech):
            # "signed an agreement", "announced new aid": one event, coded by the noun
            live[c.light.id].suppressed = "duplicate_of_light_verb"
        # "support Ukraine's bid to join the EU": what is supported is not a second act
        if a.rel in ("acl", "acl:relcl") and a.head:
            holder = tree[a.head]
            if holder.rel in GOVERNOR_RELS and holder.head in live and live[holder.head] is not c \
                    and not live[holder.head].entry.speech:
                c.suppressed = "argument_of_event"
    _one_encounter(cands)
    # control: an xcomp event under a request takes the requested party as its actor — not emitted
    for c in cands:
        if not c.suppressed and c.actor is None:
            c.suppressed = "no_actor"


def _one_encounter(cands: list[Candidate]) -> None:
    """"plans to meet the UN chief and intends to discuss the grain deal with him": one sentence, one
    actor, one meeting. A later CONSULT of the same actor that names no other party is the same one."""
    seen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.node.id):
        if c.suppressed or c.event_type != "CONSULT" or c.actor is None:
            continue
        earlier = next((o for o in seen if o.actor.norm == c.actor.norm), None)
        if earlier is not None and (c.target is None or c.target.via in ("coref", "speaker")
                                    or (earlier.target is not None and c.target.norm == earlier.target.norm)):
            c.suppressed = "same_encounter"
            continue
        seen.append(c)


def _noun_before_infinitive(tree: Tree, a: Node, live: dict) -> Candidate | None:
    """The noun predicate whose content a to-infinitive is: its head ("threat to restore" as acl), or,
    where the parser hung the infinitive elsewhere, the noun predicate right before its "to"."""
    if a.upos not in VERBAL or not any(k.lemma == "to" for k in tree.children(a.id, "mark")):
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


def adjust_type(c: Candidate, has_condition: bool, modality: str) -> str:
    """A punitive act announced under a condition is a threat (PLOVER THREATEN)."""
    if has_condition and c.event_type in PUNITIVE:
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
