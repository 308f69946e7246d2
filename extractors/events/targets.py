"""Whom: the target of a predicate (object, addressee, partner, a party inside what a directed act is
about, the party a condition names). A mixin of ``arguments.Resolver``: it reads the resolver's tree,
mentions and lexicon and its noun-phrase resolution (``np``, ``_coref``, ``noun_agent``)."""
from __future__ import annotations

from extractors.events.arg import NP_SKIP, Arg, is_amount


class TargetFinder:
    """Target finding for ``Resolver`` (which provides tree, mentions, by_word, lex, np, _coref,
    noun_agent)."""

    def _inner_addressees(self, node: int, cases: dict[str, int], depth: int = 3) -> list:
        out = []
        for g in self.tree.children(node, "nmod", "obl", "iobj"):
            gc = {k.lemma for k in self.tree.children(g.id, "case")}
            if g.deprel == "iobj" or any(cases.get(x, 9) <= 1 for x in gc) or (not gc and g.feats.get("Case") == "Dat") \
                    or self._membership(node, gc) or (gc & self.tree.g.addressed_cases and (self._nationality(g.id) is not None or (
                        (m := self.by_word.get(g.id)) is not None and m.actor_code))):  # "a complaint … against Israel"
                out.append(g)  # "against X", a bare dative addressee ("supply weapons to Taiwan"), "participation in the CSTO"
            elif depth > 1:
                out += self._inner_addressees(g.id, cases, depth - 1)
        return out

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
            cs = {k.lemma.lower() for k in tree.children(g.id, "case")}
            if min(tree.subtree(g.id)) == end + 1 and cs & tree.g.partner_cases:
                arg = self.np(g.id, allow_coref=False)
                if arg is not None and arg.norm and not (exclude is not None and arg.norm == exclude.norm):
                    return arg
        return None

    def object_owner(self, node: int, exclude: Arg | None) -> Arg | None:
        """The party a nationality adjective on the object names: whose drones were shot down, whose
        citizens were released, arrested or banned ("released two American prisoners")."""
        objs = self.tree.children(node, "obj")
        if self.tree[node].upos == "NOUN":  # a noun's object is its "of" or genitive phrase: "the expulsion of
            # three Russian diplomats", or the same with the genitive alone
            objs += [m for m in self.tree.children(node, "nmod")
                     if {k.lemma.lower() for k in self.tree.children(m.id, "case")} <= self.tree.g.genitive_preps
                     and (not self.tree.g.possessor_case or m.feats.get("Case") == self.tree.g.possessor_case
                          or self.tree.children(m.id, "nummod"))]
        for o in objs:
            # the object itself, or what it belongs to ("froze the assets of five Russian oligarchs")
            # (or a noun compounded onto it: "declared a Ukrainian diplomat persona non grata")
            owners = [o] + [m for m in self.tree.children(o.id, "nmod")
                            if {k.lemma.lower() for k in self.tree.children(m.id, "case")} <= self.tree.g.genitive_preps] + [
                m for m in self.tree.children(o.id, "compound") if m.upos == "NOUN"]
            for x in owners:
                arg = self._nationality(x.id)
                if arg is not None and not (exclude is not None and arg.code == exclude.code):
                    return arg
        return None

    def _membership(self, node: int, cases: set[str]) -> bool:
        """"participation in the CSTO", "membership in NATO": the body one belongs to, not a place."""
        nouns = self.lex.membership_nouns
        return bool(cases & self.tree.g.membership_cases) and (self.tree[node].lemma in nouns or any(
            o.lemma in nouns for o in self.tree.children(node, "obj")))  # "froze its participation | in the CSTO"

    def _names_party(self, c, visit: bool) -> bool:
        """A locative-case argument is a target only when it names a party itself and, in Russian, is
        not in the locative case ("a visit to China", not "in China", with the same preposition) unless
        a visit names the country visited ("on a visit in Egypt")."""
        m = self.by_word.get(c.id)
        if m is None:
            return False
        if visit:
            return c.feats.get("Case") != "Loc" or m.actor_type == "COUNTRY"
        place = self.tree.g.place_case  # "into China", not "in Abuja" (a language with no case says neither)
        return place is not None and c.feats.get("Case") not in (place, None)

    def target(self, node: int, exclude: Arg | None, frame_ids: set[int] = frozenset(),
               max_rank: int = 3, visit: bool = False, hostile: bool = False, pronouns: bool = False) -> Arg | None:
        tree = self.tree
        n = tree[node]
        # a hostile act's "at" names whom it is aimed at ("fired water cannon at a Philippine vessel")
        cases = {**self.lex.target_cases, **self.lex.hostile_cases} if hostile else self.lex.target_cases
        cands = []
        # a verb of handing over with its recipient named: the object is the thing handed over
        handed = n.lemma in self.lex.transfer_verbs and any(
            k.rel == "iobj" or {x.lemma.lower() for x in tree.children(k.id, "case")} & self.lex.recipient_cases
            for k in tree.children(node, "obl", "iobj"))
        passive_subj = tree.children(node, "nsubj:pass")
        for c in passive_subj + tree.children(node, "iobj", "obj", "obl", "nmod", "nmod:poss", "xcomp"):
            if c.deprel in ("obl:tmod", "obl:npmod", "nmod:tmod") or c.lemma in tree.g.temporal_nouns:
                continue
            if c.id in frame_ids and c.upos == "PROPN" and not any(
                    (m := self.by_word.get(i)) is not None and m.actor_code for i in tree.subtree(c.id)):
                continue  # the frame's own name ("renew General License 44") is what is acted on, not whom
            frame_prep = [k for k in tree.children(c.id, "case", "mark") if k.id in frame_ids]
            if (c.id in frame_ids or (frame_prep and all(cases.get(k.lemma, 9) > 1 for k in frame_prep))) \
                    and c.upos not in ("PROPN",):
                # a frame noun ("sanctions against X", "sanctions on X") may carry the target inside it,
                # behind an addressee preposition; "call for the withdrawal of X" names no addressee
                for g in self._inner_addressees(c.id, cases):
                    cands.append((2, g))
                for g in tree.children(c.id, "nsubj"):  # "called for the Council to withdraw"
                    cands.append((2, g))
                if c.lemma in self.lex.bodies:  # "expelled a Russian diplomat": whose diplomat
                    cands.append((2, c))
                if c.lemma in self.lex.entries or c.lemma in self.lex.owned_nouns:
                    # "does not accept Moscow's ultimatum": whose ultimatum; "violated Swedish airspace",
                    # "violated NATO airspace", "held Venezuelan fishermen": whose airspace, whose citizens
                    # (after an addressee of the noun itself: sanctions of the EU | against Russia are against Russia)
                    cands += [(2.5, g) for g in tree.children(c.id, "nmod", "nmod:poss")
                              if not tree.children(g.id, "case") and g.feats.get("Case") in ("Gen", None)]
                if c.lemma in self.lex.owned_nouns:
                    cands += [(2, a) for a in tree.children(c.id, "amod", "compound") if a.id in self.by_word]
                continue
            if c.rel == "obj" and is_amount(tree, c, self.lex.measures):
                # an amount ("$2 billion in loans to Indonesia"): the addressee hangs inside it
                cands += [(2, g) for g in self._inner_addressees(c.id, cases)]
            if c.rel in ("obl", "nmod"):
                cs = {k.lemma for k in tree.children(c.id, "case")}
                if c.deprel == "nmod:poss" or (n.upos == "NOUN" and c.feats.get("Case") == "Gen" and not cs):
                    continue  # a possessor or genitive of a noun predicate is its agent, not target
                if cs and not cs & set(cases):
                    continue
                if not cs and tree.g.recipient_case and c.feats.get("Case") not in (tree.g.recipient_case, None):
                    continue
                rank = min((cases[x] for x in cs if x in cases), default=1)
                if rank >= 3 and (rank > max_rank or not self._names_party(c, visit)) and not self._membership(node, cs) and not (
                        n.upos == "NOUN" and cs & tree.g.addressed_cases and self._nationality(c.id) is not None):
                    continue  # "on the sidelines of the BRICS summit", "in Abuja the week before": a place,
                    # not a party (but "tariffs on Chinese steel": what a measure is laid on names its party)
            elif c.rel == "xcomp":
                rank = 4
            elif c.rel == "obj" and handed:
                rank = 3  # "supply LNG to Germany": Germany first, LNG only if nothing else
            else:
                rank = 0
            cands.append((rank, c))
        for c in tree.children(node, "obj"):  # "value the part that Norway could play": who plays it
            for r in tree.children(c.id, "acl:relcl", "acl"):  # a relative read as "that"-clause too
                cands += [(1, k) for k in tree.children(r.id, "nsubj") if k.upos != "PRON"]

        def ok(a: Arg | None, node=None) -> bool:
            if not (a and a.norm) or (exclude and (a.norm == exclude.norm or a.start == exclude.start)):
                return False
            # a party of the actor's own side found inside a phrase ("denied reports of a meeting between
            # Putin and…") is not whom the act is aimed at; one named as the argument itself may be
            inside = node is not None and self.by_word.get(node.id) is None
            return not (inside and exclude is not None and a.code and a.code == exclude.code)

        ordered = sorted(cands, key=lambda x: (x[0], x[1].id))
        for _, c in ordered:
            if c.rel == "xcomp" and c.upos in ("VERB", "AUX"):
                arg = self.target(c.id, exclude, frame_ids, max_rank, visit, hostile)  # "does not intend to develop ties with X"
            else:
                arg = self.np(c.id, allow_coref=False)
                if arg is None and pronouns and c.upos == "PRON" and c.rel in ("obj", "iobj"):
                    arg = self.object_pronoun(c, exclude)  # "criticised Tajikistan and urged it to…"
                if arg is None and c.rel == "obj" and c.lemma in self.lex.entries:
                    arg = self.noun_agent(c.id)  # "rejected the UN call": whoever made the call
                if arg is None and c.lemma in self.lex.roles and c.upos == "NOUN":
                    arg = self._coref(c.id, self.lex.roles[c.lemma], exclude)  # "from the African country"
                if arg is None and c.upos == "NOUN" and c.rel in ("obl", "nmod") and {
                        k.lemma for k in tree.children(c.id, "case")} & tree.g.addressed_cases:
                    arg = self._nationality(c.id)  # "sanctions on Russian banks"
            if ok(arg, c):
                return arg
        # no named party: an unnamed group of people addressed by the act ("invited 160 delegations",
        # "met with local leaders") is kept by its surface, without a code
        for rank, c in ordered:
            if max_rank < 3:
                break  # a statement's audience ("told diplomats", "said to journalists") is no party
            if rank <= 2.5 and c.upos == "NOUN" and c.rel in ("obj", "iobj", "obl", "nmod") and self._people(c) \
                    and c.id not in frame_ids:  # "send its own troops": the troops sent, not a target
                s, e, text = tree.span_text(tree.subtree(c.id, skip_rels=NP_SKIP + ("case",)))
                return Arg(text, c.lemma, None, "GROUP", s, e, "phrase")
        return None

    def object_pronoun(self, pron, exclude: Arg | None) -> Arg | None:
        """A third-person pronoun as the object of an act stands for the nearest party named before it
        (in its sentence, then the sentences before) that is not the actor's own side: "Kyrgyzstan
        criticised Tajikistan and urged it to…", "criticised Estonia and called on her…" (a country's gender)."""
        if pron.feats.get("Person", "3") != "3" or pron.feats.get("Reflex") == "Yes" \
                or pron.feats.get("PronType", "Prs") != "Prs" or pron.lemma.lower() in self.tree.g.demonstratives:
            return None  # "urged you", "urged us", "itself", "considers this": not a party named before
        gender = pron.feats.get("Gender")
        # English marks a person's pronoun ("him", "her") apart from a thing's or a country's ("it")
        person = {"Masc": True, "Fem": True, "Neut": False}.get(gender) if self.tree.g.pronoun_gender_is_person else None
        before = [m for m in self.mentions if m.end_char <= pron.start]
        for m in list(reversed(before)) + list(reversed(self.history)):
            if not m.actor_code or m.actor_type not in ("COUNTRY", "ORG", "GROUP", "PERSON"):
                continue
            if exclude is not None and (m.actor_code == exclude.code or m.actor_norm == exclude.norm):
                continue
            if person is not None and person != (m.actor_type == "PERSON"):
                continue
            return Arg(pron.text, m.actor_norm, m.actor_code, m.actor_type, pron.start, pron.end, "coref")
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
            if c.id in skip or c.upos != "NOUN" or c.lemma.lower() in tree.g.temporal_nouns or is_amount(tree, c, self.lex.measures) \
                    and not tree.children(c.id, "nummod"):
                continue
            # the noun with its own words, not a place or time phrase on it ("a tanker | in the Gulf")
            ids = set(tree.subtree(c.id, skip_rels=NP_SKIP + ("case", "nmod:tmod", "obl:tmod", "advmod")))
            for m in tree.children(c.id, "nmod"):
                if tree.children(m.id, "case"):
                    ids -= set(tree.subtree(m.id))
            s, e, text = tree.span_text(sorted(ids))
            if exclude is not None and s < exclude.end and exclude.start < e:
                continue
            return Arg(text, c.lemma.lower(), None, None, s, e, "phrase")
        return None

    def mission_owner(self, node: int) -> Arg | None:
        """The party whose embassy, consulate or mission ``node`` is: by a nationality adjective ("the
        Chinese consulate") or a genitive or "of" phrase ("the embassy of Sweden", in either form)."""
        tree = self.tree
        if tree[node].lemma.lower() not in self.lex.missions:
            return None
        arg = self._nationality(node)
        if arg is not None:
            return arg
        for m in tree.children(node, "nmod", "nmod:poss"):
            if {k.lemma.lower() for k in tree.children(m.id, "case")} <= tree.g.owner_cases and m.id in self.by_word \
                    and self.by_word[m.id].actor_code:
                return Arg.of(self.by_word[m.id])
        return None

    def nationality_of(self, node: int) -> Arg | None:
        """The party a nationality adjective on ``node`` names, if any."""
        return self._nationality(node)

    def _nationality(self, node: int) -> Arg | None:
        """The party a nationality adjective on a noun names ("Russian banks", "of Chinese companies"; the
        tagger may read the adjective as a proper-noun compound: "Belarusian citizens")."""
        for a in self.tree.children(node, "amod", "compound"):
            m = self.by_word.get(a.id)
            if m is not None and m.actor_code:
                return Arg.of(m)
            if a.lemma.lower() in self.lex.ownership_participles:  # "a British-flagged tanker", "Greek-owned"
                for k in self.tree.children(a.id, "amod", "compound", "advmod", "nmod"):
                    m = self.by_word.get(k.id)
                    if m is not None and m.actor_code and k.id < a.id:
                        return Arg.of(m)
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
                    if m is not None and m.actor_code and not (
                            exclude is not None and (m.actor_code == exclude.code or m.actor_norm == exclude.norm)):
                        return Arg.of(m)
                    if nationality and (a := self._nationality(c.id)) is not None and not (
                            exclude is not None and (a.code == exclude.code or a.norm == exclude.norm)):
                        return a
                    nxt.append(c.id)
            frontier = nxt
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
                    if not {k.lemma.lower() for k in tree.children(c.id, "case")} & cases:
                        continue
                    for i in sorted(tree.subtree(c.id, skip_rels=NP_SKIP)):
                        m = self.by_word.get(i)
                        if m is not None and m.actor_code and not (
                                exclude is not None and (m.actor_code == exclude.code or m.actor_norm == exclude.norm)):
                            return Arg.of(m)
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
            if start <= m.start_char and m.end_char <= end and m.actor_norm and not (
                    exclude is not None and (m.actor_norm == exclude.norm or m.actor_code and m.actor_code == exclude.code)):
                return Arg.of(m)
        for n in self.tree.nodes.values():
            if start <= n.start < end and n.rel in ("nsubj", "nsubj:pass") and n.lemma in self.lex.roles \
                    and n.upos == "NOUN":
                arg = self._coref(n.id, self.lex.roles[n.lemma], exclude)
                if arg is not None:
                    return arg
                s, e, text = self.tree.span_text(self.tree.subtree(n.id, skip_rels=NP_SKIP + ("det",)))
                return Arg(text, text.lower(), None, self.lex.roles[n.lemma][0], s, e, "phrase")
        return None

    def _people(self, n) -> bool:
        return n.lemma in self.lex.groups or (n.feats.get("Animacy") == "Anim" and n.feats.get("Number") == "Plur")
