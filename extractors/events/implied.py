"""Parties found outside a predicate's own arguments: the parties of "between A and B", a partner the
parser hung elsewhere, whose people or property an act takes or strikes, a coded party deep inside
what an act is about, the place an attack struck, a party named in a condition."""
from __future__ import annotations

import itertools

from extractors.events.arg import NP_SKIP, Arg, Part, Scope, apart, is_amount, join
from extractors.events.phrases import NounPhrases


class ImpliedParties(Part):
    """Parties an act implies beyond its arguments; ``phrases`` resolves noun phrases."""

    def __init__(self, scope: Scope, phrases: NounPhrases):
        super().__init__(scope)
        self.np, self.nearest, self.nationality = phrases.np, phrases.coref.nearest, phrases.nationality
        self.noun_agent = phrases.noun_agent

    def between(self, node: int, depth: int = 3) -> Arg | None:
        """Parties of "between A and B" under a predicate (or its nmod chain)."""
        for c in self.tree.children(node, "obl", "nmod"):
            if self.tree.cases(c.id) & self.tree.g.between_cases:
                arg = self.np(c.id, allow_coref=False)
                if arg and arg.parts:
                    return arg
                # "the talks between Iran and the IAEA" parsed with "IAEA" as a conjunct of "talks"
                later = [k for k in self.tree.children(node, "conj") if k.id > c.id and not self.tree.children(k.id, "case")]
                others = [a for k in later if (a := self.np(k.id, allow_coref=False)) is not None and a.code]
                if arg is not None and arg.code and others:
                    return join([arg] + others, "conj", self.tree.text)
            elif depth > 1 and c.rel == "nmod":
                arg = self.between(c.id, depth - 1)
                if arg:
                    return arg
        return None

    def has_partner(self, node: int) -> bool:
        """A noun predicate naming whom it is with ("a meeting with X", "talks with X"); not a helper
        ("with the mediation of the UAE", "with the help of Qatar")."""
        return any(self.tree.cases(c.id) & self.tree.g.with_cases
                   and c.lemma not in self.lex.helper_nouns
                   for c in self.tree.children(node, "nmod", "obl"))

    def stranded_partner(self, node: int, exclude: Arg | None) -> Arg | None:
        """A with- or against-phrase right after a noun predicate that the parser hung on the noun's
        governor: "arrived in Moscow for talks | with Putin" (Putin is the partner of the talks, not of
        arriving), "is considering new sanctions | against Belarus"."""
        tree = self.tree
        n = tree[node]
        if not n.head:
            return None
        end = max(tree.subtree(node))
        for g in tree.children(n.head, "obl", "nmod"):
            cs = tree.cases(g.id)
            # (or its recipient: "condemned the German arms sale | to Ukraine")
            if min(tree.subtree(g.id)) == end + 1 and cs & (tree.g.partner_cases | self.lex.recipient_cases):
                arg = self.np(g.id, allow_coref=False)
                if arg is not None and arg.norm and not (exclude is not None and arg.norm == exclude.norm):
                    return arg
        return None

    def object_owner(self, node: int, exclude: Arg | None) -> Arg | None:
        """The party a nationality adjective on the object names: whose drones were shot down, whose
        citizens were released, arrested or banned ("released two American prisoners")."""
        objs = self.tree.children(node, "obj", "nsubj:pass")  # (or a passive's subject: "were detained")
        # the subject of a small clause the verb takes ("declared two Belarusian diplomats | persona non grata")
        objs += [k for x in self.tree.children(node, "ccomp", "xcomp") if not self.tree.children(x.id, "mark")
                 for k in self.tree.children(x.id, "nsubj")]
        if self.tree[node].upos == "NOUN":  # a noun's object is its "of" or genitive phrase: "the expulsion of
            # three Russian diplomats", or the same with the genitive alone
            objs += [m for m in self.tree.children(node, "nmod")
                     if self.tree.cases(m.id) <= self.tree.g.genitive_preps
                     and (not self.tree.g.possessor_case or m.feats.get("Case") == self.tree.g.possessor_case
                          or self.tree.children(m.id, "nummod"))]
        for o in objs:
            # the object itself, or what it belongs to ("froze the assets of five Russian oligarchs")
            # (or a noun compounded onto it: "declared a Ukrainian diplomat persona non grata")
            owners = [o] + [m for m in self.tree.children(o.id, "nmod")
                            if self.tree.cases(m.id) <= self.tree.g.genitive_preps] + [
                m for m in self.tree.children(o.id, "compound") if m.upos == "NOUN"]
            # the trade a measure is laid on, and whose goods it carries ("tariffs on imports of Chinese steel",
            # a ban on the import of a country's oil)
            # (also of a measure named in the object's genitive: "paused the introduction of tariffs on …")
            measures = [o] + [m for m in self.tree.children(o.id, "nmod") if not self.tree.children(m.id, "case")
                              or self.tree.cases(m.id) <= self.tree.g.genitive_preps]
            traded = [k for x in measures for k in self.tree.children(x.id, "nmod") if k.lemma.lower() in self.tree.g.traded_nouns]
            goods = [m for k in traded for m in self.tree.children(k.id, "nmod")]
            owners += traded + [m for m in goods if self.tree.cases(m.id) <= self.tree.g.genitive_preps]
            origins = [m for g in goods + traded for m in self.tree.children(g.id, "nmod", "obl")
                       if self.tree.cases(m.id) & self.tree.g.goods_origin_preps]
            # whom the measure acted on applies to ("lifted the embargo against Turkey")
            addressed = [self._coded(k.id) or self.nationality(k.id) for x in measures
                         for k in self.tree.children(x.id, "nmod") if self.tree.cases(k.id) & self.tree.g.addressed_cases]
            addressed += [self._coded(k.id) for k in origins]
            for arg in itertools.chain(addressed, (self.nationality(x.id) for x in owners)):
                if arg is not None and not (exclude is not None and arg.code == exclude.code):
                    return arg
        return None

    def _coded(self, node: int) -> Arg | None:
        """The coded party the word itself names, if any."""
        m = self.by_word.get(node)
        return Arg.of(m) if m is not None and m.actor_code else None

    def owned_space(self, node: int, exclude: Arg | None) -> Arg | None:
        """The party whose airspace, waters or territory an act sends forces into ("scrambled jets into
        NATO airspace", "sailed into Japanese waters"): the space's nationality adjective or its genitive owner."""
        tree = self.tree
        for c in tree.children(node, "obj", "obl"):
            if c.lemma.lower() not in self.lex.owned_nouns or c.upos != "NOUN":
                continue
            owners = [self.nationality(c.id)] + [Arg.of(m) for g in tree.children(c.id, "nmod")
                                                 if not tree.children(g.id, "case")
                                                 and (m := self.by_word.get(g.id)) is not None and m.actor_code]
            for arg in owners:
                if arg is not None and apart(arg.code, arg.norm, exclude):
                    return arg
        return None

    def object_surface(self, node: int, exclude: Arg | None, skip: set[int] = frozenset(),
                       heads: set[int] = frozenset()) -> Arg | None:
        """What a coercive or violent act takes or strikes when it names no party: its object (the
        subject of its passive, or what it struck: "strikes on a depot", "a strike at a warehouse"), kept by its
        surface without a code ("detained three fishermen", "seized a tanker", "the vessel was boarded")."""
        tree = self.tree
        struck = [k for h in [node] + sorted(heads) for k in tree.children(h, "obl", "nmod")
                  if {x.lemma.lower() for x in tree.children(k.id, "case")} & self.lex.struck_cases]
        for c in tree.children(node, "obj", "nsubj:pass") + struck:  # "struck a depot", "a strike at a warehouse"
            if c.id in skip or c.upos != "NOUN" or c.lemma.lower() in tree.g.temporal_nouns | tree.g.passage_places or is_amount(
                    tree, c, self.lex.measures) and not tree.children(c.id, "nummod"):
                continue  # (a border crossing closed is a place, not whom the closure reaches)
            if any(k.lemma.lower() in self.lex.own_possessives for k in tree.children(c.id, "nmod:poss")):
                continue  # the actor's own ("closed its airspace"): what it acts with, not whom it reaches
            # the noun with its own words, not a place or time phrase on it ("a tanker | in the Gulf")
            ids = set(tree.subtree(c.id, skip_rels=NP_SKIP + ("case", "nmod:tmod", "obl:tmod", "advmod")))
            for m in tree.children(c.id, "nmod"):
                if tree.children(m.id, "case"):
                    ids -= set(tree.subtree(m.id))
            s, e, text = tree.span_text(sorted(ids))
            if exclude is not None and s < exclude.end and exclude.start < e:
                continue
            return self._role_antecedent(c, exclude) or Arg(text, c.lemma.lower(), None, None, s, e, "phrase")
        return None

    def _role_antecedent(self, c, exclude: Arg | None) -> Arg | None:
        """A bare role noun struck or seized ("struck the rebels", "the group") is the party of its kind
        named before it ("M23 … the rebels"), when there is one."""
        if c.lemma.lower() in self.lex.roles and not self.tree.children(c.id, "amod", "nmod", "appos", "flat", "compound"):
            return self.nearest(c.id, self.lex.roles[c.lemma.lower()], exclude)
        return None

    def mission_owner(self, node: int) -> Arg | None:
        """The party whose embassy, consulate or mission ``node`` is: by a nationality adjective ("the
        Chinese consulate") or a genitive or "of" phrase ("the embassy of Sweden", in either form)."""
        tree = self.tree
        if tree[node].lemma.lower() not in self.lex.missions:
            return None
        arg = self.nationality(node)
        if arg is not None:
            return arg
        for m in tree.children(node, "nmod", "nmod:poss"):
            if tree.cases(m.id) <= tree.g.owner_cases and m.id in self.by_word \
                    and self.by_word[m.id].actor_code:
                return Arg.of(self.by_word[m.id])
        return None

    def deep_target(self, node: int, exclude: Arg | None, skip: set[int] = frozenset(), depth: int = 4,
                    nationality: bool = False) -> Arg | None:
        """A coded party inside what the act is about, when no argument names one: "called for progress
        in their road map for Sudan", "kept the option to reconsider Sudan's seat".
        Breadth first through objects, obliques, nominal modifiers and infinitive complements; places,
        times and the speaker's content clauses are not entered. With ``nationality`` (an accusation:
        what is protested is someone's act) a nationality adjective names the party too ("concern over
        the North Korean missile launch", "concern over the launch of a North Korean missile")."""
        tree = self.tree
        frontier = [node]
        for _ in range(depth):
            nxt = []
            for h in frontier:
                for c in tree.children(h, "obj", "obl", "nmod", "nmod:poss", "xcomp", "acl", "advcl", "iobj"):
                    if c.id in skip or c.lemma.lower() in tree.g.temporal_nouns or c.deprel.endswith("tmod"):
                        continue
                    if c.deprel == "advcl" and any(k.lemma.lower() in tree.g.circumstance_subordinators for k in tree.children(c.id, "mark")):
                        continue  # "if Washington continues arms sales to Taipei": when, not what
                    # a preposition with fixed words is another preposition ("in connection with" is no "in")
                    cases = {k.lemma for k in tree.children(c.id, "case") if not tree.children(k.id, "fixed")}
                    if cases & tree.g.locative_cases and not self._about_place(h, c) \
                            and not (tree.g.direction_case and c.feats.get("Case") == tree.g.direction_case):
                        continue  # "a force in the Strip" is where; "the situation in Myanmar" is what
                        # (a Russian accusative is whither: "gas supplies into Austria", the grammar's direction_case)
                    m = self.by_word.get(c.id)
                    if m is not None and m.actor_code and apart(m.actor_code, m.actor_norm, exclude):
                        return Arg.of(m)
                    if nationality and (a := self.nationality(c.id)) is not None and apart(a.code, a.norm, exclude):
                        return a
                    nxt.append(c.id)
            frontier = nxt
        return None

    def judged_maker(self, node: int, exclude: Arg | None) -> Arg | None:
        """Whoever made what an act judges, refuses or takes up: the maker named on its object or on the
        document the object comes from ("welcomed the plan proposed by Russia", "dismissed the claims in a UN
        report", "rejected the findings of the OSCE report")."""
        tree = self.tree
        objs = tree.children(node, "obj")
        objs += [k for o in objs for k in tree.children(o.id, "conj")]
        # (the document hung on the verb: "dismissed the claims | in a UN report")
        for k in [k for o in objs for k in [o] + self._sources(o.id)] + (self._sources(node) if objs else []):
            arg = self.maker(k.id)
            if arg is not None and arg.norm and apart(arg.code, arg.norm, exclude):
                return arg
        return None

    def _sources(self, node: int) -> list:
        """The documents a thing is found in or comes from ("claims in a report", "findings contained in a report")."""
        tree, cases = self.tree, self.tree.g.locative_cases | self.lex.agent_cases | self.lex.source_cases
        near = tree.children(node, "nmod", "obl") + [g for r in tree.children(node, "acl") for g in tree.children(r.id, "obl")]
        return [g for g in near if g.lemma.lower() in tree.g.source_nouns and tree.cases(g.id) & cases]

    def maker(self, node: int) -> Arg | None:
        """Who made a thing: its possessor, a party naming it ("a UN report"), its agent phrase, or the agent of
        the participle that describes it ("the plan proposed by Russia", "the offer put forward by Berlin")."""
        tree = self.tree
        arg = self.noun_agent(node)
        if arg is not None and arg.norm:
            return arg
        for r in tree.children(node, "acl"):
            for g in tree.children(r.id, "obl"):
                if (g.deprel == "obl:agent" or tree.cases(g.id) & self.lex.agent_cases) and (arg := self.np(g.id, allow_coref=False)) is not None:
                    return arg
        return None

    def attacked_place(self, node: int, exclude: Arg | None, cases: frozenset[str] | None = None) -> Arg | None:
        """An attack with no target names where it struck: "struck targets in southern Lebanon",
        "carried out strikes on southern Lebanon" — the party of that place phrase (on the verb or its object).
        With other ``cases``, the place a show of force is aimed at ("drills around Taiwan")."""
        tree = self.tree
        cases = tree.g.struck_place_cases if cases is None else cases
        frontier = [node]
        for _ in range(2):
            nxt = []
            for h in frontier:
                for c in tree.children(h, "obj", "obl", "nmod"):
                    nxt.append(c.id)
                    if not tree.cases(c.id) & cases:
                        continue
                    for i in sorted(tree.subtree(c.id, skip_rels=NP_SKIP)):
                        m = self.by_word.get(i)
                        if m is not None and m.actor_code and apart(m.actor_code, m.actor_norm, exclude):
                            return Arg.of(m)
                    # a show of force around a place told by its kind ("around the island") is aimed at the
                    # last party of that kind
                    kind = self.np(c.id) if cases is not tree.g.struck_place_cases else None
                    if kind is not None and kind.code and apart(kind.code, kind.norm, exclude):
                        return kind
            frontier = nxt
        return None

    def _about_place(self, head: int, c) -> bool:
        """A place phrase that belongs to a situation noun: hung on it, or right after it when the
        parser hung it on the verb ("expressed concern about the situation | in Myanmar")."""
        if self.tree[head].lemma in self.lex.place_topics:
            return True
        first = min(self.tree.subtree(c.id))
        before = self.tree.nodes.get(first - 1)
        return before is not None and before.lemma in self.lex.place_topics

    def party_in(self, start: int, end: int, exclude: Arg | None) -> Arg | None:
        """The first party named inside a char span other than ``exclude`` ("will retaliate if its
        interests suffer from Washington's actions": Washington), else the subject of the span's clause
        when it is a role noun ("unless the junta reinstates…"), kept by its surface."""
        for m in sorted(self.mentions, key=lambda m: m.start_char):
            if start <= m.start_char and m.end_char <= end and m.actor_norm and apart(m.actor_code, m.actor_norm, exclude):
                return Arg.of(m)
        for n in self.tree.nodes.values():
            if start <= n.start < end and n.rel in ("nsubj", "nsubj:pass") and n.lemma in self.lex.roles \
                    and n.upos == "NOUN":
                arg = self.nearest(n.id, self.lex.roles[n.lemma], exclude)
                if arg is not None:
                    return arg
                s, e, text = self.tree.span_text(self.tree.subtree(n.id, skip_rels=NP_SKIP + ("det",)))
                return Arg(text, text.lower(), None, self.lex.roles[n.lemma][0], s, e, "phrase")
        return None
