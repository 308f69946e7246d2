"""Whom: the target of a predicate among its own arguments (object, addressee, partner, a party inside
the frame noun it governs), ranked by the preposition or case that introduces each."""
from __future__ import annotations

from extractors.events.arg import NP_SKIP, Arg, Part, Scope, apart, is_amount
from extractors.events.phrases import NounPhrases


class Targets(Part):
    """The targets of a sentence's predicates; ``phrases`` resolves noun phrases."""

    def __init__(self, scope: Scope, phrases: NounPhrases):
        super().__init__(scope)
        self.np, self.nearest, self.nationality = phrases.np, phrases.coref.nearest, phrases.nationality
        self.noun_agent = phrases.noun_agent
        self.armed_group = phrases.coref.armed_group
        self.kind_party = phrases.coref.kind_party

    def target(self, node: int, exclude: Arg | None, frame_ids: set[int] = frozenset(),
               max_rank: int = 3, visit: bool = False, hostile: bool = False, pronouns: bool = False) -> Arg | None:
        # a hostile act's "at" names whom it is aimed at ("fired water cannon at a Philippine vessel")
        cases = {**self.lex.target_cases, **self.lex.hostile_cases} if hostile else self.lex.target_cases
        ordered = sorted(self._candidates(node, frame_ids, cases, max_rank, visit), key=lambda x: (x[0], x[1].id))
        for _, c in ordered:
            if c.rel == "xcomp" and c.upos in ("VERB", "AUX"):
                arg = self.target(c.id, exclude, frame_ids, max_rank, visit, hostile)  # "does not intend to develop ties with X"
            else:
                arg = self._party(c, exclude, pronouns)
            if self._aimed(arg, c, exclude):
                return arg
            if pronouns and c.rel == "obj" and c.lemma in self.lex.groups and c.id not in frame_ids:
                # an act addressed by its object ("accused the inspectors of partiality toward X"): unnamed people
                # as that object are the target, a party in what they are said to do is not
                return self._unnamed_people([(0, c)], frame_ids, 3)
        return self._unnamed_people(ordered, frame_ids, max_rank)

    def _candidates(self, node: int, frame_ids: set[int], cases: dict[str, int], max_rank: int,
                    visit: bool) -> list[tuple[float, object]]:
        """(rank, word) of each argument that may name the target, the best rank lowest."""
        tree, n = self.tree, self.tree[node]
        cands: list[tuple[float, object]] = []
        # a verb of handing over with its recipient named: the object is the thing handed over
        handed = n.lemma in self.lex.transfer_verbs and any(
            k.rel == "iobj" or tree.cases(k.id) & self.lex.recipient_cases for k in tree.children(node, "obl", "iobj"))
        for c in tree.children(node, "nsubj:pass") + tree.children(node, "iobj", "obj", "obl", "nmod", "nmod:poss", "xcomp"):
            if c.deprel in ("obl:tmod", "obl:npmod", "nmod:tmod") or c.lemma in tree.g.temporal_nouns:
                continue
            if c.id in frame_ids and c.upos == "PROPN" and not any(
                    (m := self.by_word.get(i)) is not None and m.actor_code for i in tree.subtree(c.id)):
                continue  # the frame's own name ("renew General License 44") is what is acted on, not whom
            frame_prep = [k for k in tree.children(c.id, "case", "mark") if k.id in frame_ids]
            if (frame_prep or c.id in frame_ids) and c.rel in ("obl", "nmod") and c.upos == "PROPN" and c.id in self.by_word:
                cands.append((1, c))  # the party behind the frame's own preposition ("stood by Israel")
                continue
            if (c.id in frame_ids or (frame_prep and all(cases.get(k.lemma, 9) > 1 for k in frame_prep))) \
                    and c.upos not in ("PROPN",):
                cands += self._in_frame(c, cases)
                continue
            if c.rel == "obj" and is_amount(tree, c, self.lex.measures):
                # an amount ("$2 billion in loans to Indonesia"): the addressee hangs inside it
                cands += [(2, g) for g in self._inner_addressees(c.id, cases)]
            if c.rel in ("obl", "nmod") and c.lemma.lower() in tree.g.partner_nouns:  # "agreed to a truce with X"
                cands += [(2, g) for g in tree.children(c.id, "nmod") if tree.cases(g.id) & tree.g.with_cases]
            rank = self._rank(n, c, cases, max_rank, visit, handed)
            if rank is not None:
                cands.append((rank, c))
        if n.lemma.lower() in tree.g.grievance_nouns or any(
                k.id in frame_ids and k.lemma.lower() in tree.g.grievance_nouns for k in tree.children(node, "obj")):
            cands += [(0.5, k) for k in self._owned_acts(node)[:1]]  # "concern about Iran's supply of drones to X": Iran
        for c in tree.children(node, "obj"):  # "value the part that Norway could play": who plays it
            for r in tree.children(c.id, "acl:relcl", "acl"):  # a relative read as "that"-clause too
                cands += [(1, k) for k in tree.children(r.id, "nsubj") if k.upos != "PRON"]
        return cands

    def _in_frame(self, c, cases: dict[str, int]) -> list[tuple[float, object]]:
        """A frame noun ("sanctions against X", "sanctions on X") may carry the target inside it, behind
        an addressee preposition; "call for the withdrawal of X" names no addressee."""
        tree = self.tree
        out: list[tuple[float, object]] = [(2, g) for g in self._inner_addressees(c.id, cases)]
        out += [(2, g) for g in tree.children(c.id, "nsubj")]  # "called for the Council to withdraw"
        if c.lemma in self.lex.bodies or self.armed_group(c.id) is not None:  # "expelled a Russian diplomat": whose diplomat
            out.append((2, c))
        if c.lemma in self.lex.entries or c.lemma in self.lex.owned_nouns:
            # "does not accept Moscow's ultimatum": whose ultimatum; "violated Swedish airspace",
            # "violated NATO airspace", "held Venezuelan fishermen": whose airspace, whose citizens
            # (after an addressee of the noun itself: sanctions of the EU | against Russia are against Russia)
            out += [(2.5, g) for g in tree.children(c.id, "nmod", "nmod:poss")
                    if not tree.children(g.id, "case") and g.feats.get("Case") in ("Gen", None)]
        if c.lemma in self.lex.owned_nouns:
            out += [(2, a) for a in tree.children(c.id, "amod", "compound") if a.id in self.by_word]
        return out

    def _rank(self, n, c, cases: dict[str, int], max_rank: int, visit: bool, handed: bool) -> float | None:
        """The rank of an argument ``c`` of ``n`` as a target, None when it cannot be one."""
        tree = self.tree
        if c.rel == "xcomp":
            return 4
        if c.rel == "obj" and handed:
            return 3  # "supply LNG to Germany": Germany first, LNG only if nothing else
        if c.rel not in ("obl", "nmod"):
            return 0
        cs = tree.cases(c.id)
        if c.deprel == "nmod:poss" or (n.upos == "NOUN" and c.feats.get("Case") == "Gen" and not cs):
            return None  # a possessor or genitive of a noun predicate is its agent, not target
        if cs and not cs & set(cases) or any(self._subject_matter(k.id, cs) for k in [n] + tree.children(n.id, "obj")):
            return None  # (not "a resolution on Gaza", "offered a plan | on Syria": what it is about)
        if not cs and tree.g.recipient_case and c.feats.get("Case") not in (tree.g.recipient_case, None):
            return None
        rank = min((cases[x] for x in cs if x in cases), default=1)
        if rank >= 3 and (rank > max_rank or not self._names_party(c, visit)) and not self._membership(n.id, cs) and not (
                (n.upos == "NOUN" or any(o.lemma in self.lex.entries for o in tree.children(n.id, "obj")))
                and cs & tree.g.addressed_cases and self.nationality(c.id) is not None):
            return None  # "on the sidelines of the BRICS summit", "in Abuja the week before": a place,
            # not a party (but "tariffs on Chinese steel": what a measure is laid on names its party, also where
            # the parser hangs it on the measure's light verb)
        return rank

    def _party(self, c, exclude: Arg | None, pronouns: bool) -> Arg | None:
        """The party an argument names or stands for."""
        tree = self.tree
        arg = self.np(c.id, allow_coref=False)
        if c.rel == "obj" and c.lemma in self.lex.entries and any(k.deprel == "nmod:poss" and k.upos != "PRON" or tree.cases(
                k.id) & tree.g.agent_preps for k in tree.children(c.id, "nmod", "nmod:poss")):  # "condemned the attacks on
            own = self.noun_agent(c.id, derived=True)  # ships by X", "the Czech senate's visit to Taiwan": X's act
            arg = own if own is not None and own.code and apart(own.code, own.norm, exclude) \
                and not aimed_inside(tree, c.id, own) else arg
        if arg is None and pronouns and c.upos == "PRON" and c.rel in ("obj", "iobj"):
            arg = self.object_pronoun(c, exclude)  # "criticised Tajikistan and urged it to…"
        if arg is None and c.rel == "obj" and c.lemma in self.lex.entries:
            arg = self.noun_agent(c.id)  # "rejected the UN call": whoever made the call
        told = False
        if arg is None and c.upos == "NOUN":  # "sanctions on the island nation", "urged the court"
            told, arg = self.kind_party(c.id, exclude)
        if arg is None and not told and c.upos == "NOUN":  # "dismissed the body's authority": whose it is
            arg = next((a for k in tree.children(c.id, "nmod:poss") if (a := self.kind_party(k.id, exclude)[1])), None)
        if arg is None and not told and c.lemma in self.lex.roles and c.upos == "NOUN":
            arg = self.nearest(c.id, self.lex.roles[c.lemma], exclude)  # "from the African country"
        if arg is None and c.upos == "NOUN":
            arg = self.armed_group(c.id, exclude)  # "arming the insurgents", "sent weapons to the militia"
        if arg is None and c.upos == "NOUN" and c.rel in ("obl", "nmod") \
                and tree.cases(c.id) & (tree.g.addressed_cases | set(self.lex.hostile_cases) | self.lex.recipient_cases):
            arg = self.nationality(c.id)  # "sanctions on Russian banks", "fired water cannon at a Philippine boat",
            # "closed its airspace to Malian flights"
        if arg is not None and any(self._subject_matter(c.id, tree.cases(g.id)) and any(
                tree[i].start == arg.start for i in tree.subtree(g.id)) for g in tree.children(c.id, "nmod")):
            return None  # "proposed a resolution on Gaza": what the resolution is about
        return arg

    def _aimed(self, a: Arg | None, node, exclude: Arg | None) -> bool:
        """A party the act may be aimed at: not the actor; a party of the actor's own side found inside
        a phrase ("denied reports of a meeting between Putin and…") is not whom the act is aimed at,
        one named as the argument itself may be."""
        if not (a and a.norm) or (exclude and (a.norm == exclude.norm or a.start == exclude.start)):
            return False
        inside = node is not None and self.by_word.get(node.id) is None
        return not (inside and exclude is not None and a.code and a.code == exclude.code)

    def _unnamed_people(self, ordered: list, frame_ids: set[int], max_rank: int) -> Arg | None:
        """No named party: an unnamed group of people addressed by the act ("invited 160 delegations",
        "met with local leaders") is kept by its surface, without a code."""
        if max_rank < 3:
            return None  # a statement's audience ("told diplomats", "said to journalists") is no party
        tree = self.tree
        for rank, c in ordered:
            if rank <= 2.5 and c.upos == "NOUN" and c.rel in ("obj", "iobj", "obl", "nmod") and self._people(c) \
                    and c.id not in frame_ids:  # "send its own troops": the troops sent, not a target
                s, e, text = tree.span_text(tree.subtree(c.id, skip_rels=NP_SKIP + ("case",)))
                return Arg(text, c.lemma, None, "GROUP", s, e, "phrase")
        return None

    def _inner_addressees(self, node: int, cases: dict[str, int], depth: int = 3) -> list:
        out = []
        for g in self.tree.children(node, "nmod", "obl", "iobj"):
            gc = self.tree.cases(g.id)
            if self._subject_matter(node, gc):
                continue
            if g.deprel == "iobj" or any(cases.get(x, 9) <= 1 for x in gc) or (not gc and g.feats.get("Case") == "Dat") \
                    or self._membership(node, gc) or (gc & self.tree.g.addressed_cases and (self.nationality(g.id) is not None or (
                        (m := self.by_word.get(g.id)) is not None and m.actor_code))):  # "a complaint … against Israel"
                out.append(g)  # "against X", a bare dative addressee ("supply weapons to Taiwan"), "participation in the CSTO"
            elif depth > 1:
                out += self._inner_addressees(g.id, cases, depth - 1)
        return out

    def _owned_acts(self, node: int, depth: int = 3) -> list:
        """The named owners of the acts a grievance is about, breadth first through its objects and modifiers."""
        frontier, out = [node], []
        for _ in range(depth):
            nodes = [g for h in frontier for g in self.tree.children(h, "obj", "obl", "nmod")]
            out += [o for g in nodes if (o := self._act_owner(g)) is not None]
            frontier = [g.id for g in nodes]
        return out

    def _act_owner(self, g):
        """The named party whose act the noun ``g`` is ("Somalia's deployment of troops"): where a frame is
        about another's act, that party is whom it is aimed at, not the act's own addressee."""
        if g.lemma not in self.lex.entries:
            return None
        return next((k for k in self.tree.children(g.id, "nmod:poss") if (m := self.by_word.get(k.id)) is not None
                     and m.actor_code), None)

    def _subject_matter(self, node: int, cases: set[str]) -> bool:
        """"a resolution on Gaza", "a plan on Syria": what a document, plan or talk is about, not whom it addresses."""
        return bool(cases & self.tree.g.subject_matter_cases) and self.tree[node].lemma in self.lex.about_nouns

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

    def object_pronoun(self, pron, exclude: Arg | None) -> Arg | None:
        """A third-person pronoun as the object of an act stands for the nearest party named before it
        (in its sentence, then the sentences before) that is not the actor's own side: "Kyrgyzstan
        criticised Tajikistan and urged it to…", "criticised Estonia and called on her…" (a country's gender)."""
        if pron.feats.get("Person", "3") != "3" or pron.feats.get("Reflex") == "Yes" \
                or pron.feats.get("PronType", "Prs") != "Prs" or pron.lemma.lower() in self.tree.g.demonstratives:
            return None  # "urged you", "urged us", "itself", "considers this": not a party named before
        main = main_object(self, pron)
        if main is not None and apart(main.code, main.norm, exclude):
            return main
        gender = pron.feats.get("Gender")
        # English marks a person's pronoun ("him", "her") apart from a thing's or a country's ("it")
        person = {"Masc": True, "Fem": True, "Neut": False}.get(gender) if self.tree.g.pronoun_gender_is_person else None
        before = [m for m in self.mentions if m.end_char <= pron.start]
        other = pair_other(self.seen.last_two, exclude)
        if other is not None and person is not False and not any(apart(m.actor_code, m.actor_norm, exclude) for m in before):
            return Arg(pron.text, other.norm, other.code, other.type, pron.start, pron.end, "coref")  # "Y invited him"
        for m in list(reversed(before)) + list(reversed(self.history)):
            if not m.actor_code or m.actor_type not in ("COUNTRY", "ORG", "GROUP", "PERSON"):
                continue
            if not apart(m.actor_code, m.actor_norm, exclude):
                continue
            if person is not None and person != (m.actor_type == "PERSON"):
                continue
            return Arg.of(m, "coref", pron.text, pron.start, pron.end)
        return None

    def _people(self, n) -> bool:
        return n.lemma in self.lex.groups or (n.feats.get("Animacy") == "Anim" and n.feats.get("Number") == "Plur")


def main_object(part: Part, pron) -> Arg | None:
    """The object of a participle clause is the main verb's object named before it ("summoned the ambassador,
    accusing him of spying"; "singled out X, the US envoy, accusing him …": the first of the object and what
    stands beside it that names a party)."""
    tree = part.tree
    verb = tree[pron.head] if pron.head else None
    if pron.rel != "obj" or verb is None or verb.rel != "advcl" or not verb.head:
        return None
    for c in tree.children(verb.head, "obj", "appos", "obl:unmarked"):
        for k in (k for k in [c] + tree.children(c.id, "appos") if k.end <= pron.start):
            arg = part.np(k.id, allow_coref=False)
            if arg is not None and arg.code:
                return Arg(pron.text, arg.norm, arg.code, arg.type, pron.start, pron.end, "coref")
    return None


def pair_other(pair: Arg | None, actor: Arg | None) -> Arg | None:
    """The other party of the last pair when the actor is one of its two ("X met Y. Y invited him": X)."""
    parts = pair.parts if pair is not None and actor is not None else ()
    other = [p for p in parts if apart(p.code, p.norm, actor)]
    return other[0] if len(parts) == 2 and len(other) == 1 and other[0].code else None


def aimed_inside(tree, node: int, arg: Arg) -> bool:
    """The party stands in a phrase hung inside the act's agent phrase with another preposition ("the visit by the
    speaker | to Taipei" parsed inside "by"): whom the act is aimed at, not its agent."""
    agents = [k for k in tree.children(node, "nmod") if tree.cases(k.id) & tree.g.agent_preps]
    return any(arg.start <= tree[w].start < arg.end for a in agents for x in tree.children(a.id, "nmod")
               if tree.cases(x.id) - tree.g.agent_preps for w in tree.subtree(x.id))
