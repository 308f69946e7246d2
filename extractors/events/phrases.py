"""Noun phrases as actors: the party a phrase of the tree names, by the mentions in it, a crowd by its
surface, what a word that names no one stands for (``coref.Antecedents``), and the agent of a noun
predicate (possessor, genitive, adjective)."""
from __future__ import annotations

from extractors.events.arg import NP_SKIP, Arg, Part, Scope, join, phrase
from extractors.events.coref import Antecedents
from extractors.events.tree import Tree
from extractors.records import Mention


def via_locative(tree: Tree, node: int, head: int, cases: frozenset[str] | set[str] | None = None) -> bool:
    """``head`` hangs below ``node`` through a phrase of place (or of the other ``cases``)."""
    cases = tree.g.locative_cases if cases is None else cases
    cur = tree[head]
    while cur.id != node and cur.head:
        if tree.cases(cur.id) & cases:
            return True
        cur = tree[cur.head]
    return False


def modifier_of(tree: Tree, word: int, node: int) -> bool:
    """``word`` modifies ``node`` through compounds and adjectives only ("a Syria peace conference")."""
    cur = tree[word]
    while cur.deprel in ("amod", "compound") and cur.head:
        if cur.head == node:
            return True
        cur = tree[cur.head]
    return False


class NounPhrases(Part):
    """The actor a noun phrase stands for: a mention it is or holds, a crowd, or (``coref``) an antecedent."""

    def __init__(self, scope: Scope):
        super().__init__(scope)
        self.coref = Antecedents(scope, self.np)

    def np(self, node: int, allow_coref: bool = True) -> Arg | None:
        """The actor a noun phrase headed by ``node`` stands for (conjuncts joined)."""
        heads = [node]
        for h in heads:  # conjuncts of conjuncts too: "Norway, Ireland and Spain" with Spain hung on Ireland
            heads += [c.id for c in self.tree.children(h, "conj") if c.id not in heads]
        args = [a for h in heads if (a := self._np_single(h, allow_coref))]
        # one actor named twice (the same norm) is one actor
        uniq: dict[str | None, Arg] = {}
        for a in args:
            uniq.setdefault(a.norm or a.text, a)
        return join(list(uniq.values()), "conj" if len(uniq) > 1 else None, self.tree.text) if uniq else None

    def _crowd(self, node: int) -> Arg | None:
        """"Protesters in Belgrade", "Thousands of protesters": a crowd stands for itself, by its surface."""
        tree, n = self.tree, self.tree[node]
        # "Hundreds rallied", "Thousands took to the streets", "Thousands of Serbs held a rally": a count of people
        counted = n.rel in ("nsubj", "nsubj:pass") and n.lemma.lower() in self.lex.crowd_counts \
            and all(self._people(k) for k in tree.children(node, "nmod"))
        # (the count made a modifier of the people it counts: "Serbs" with "thousands" under it)
        counted = counted or (n.rel in ("nsubj", "nsubj:pass") and self._people(n)
                              and any(k.lemma.lower() in self.lex.crowd_counts for k in tree.children(node)))
        if counted or n.lemma.lower() in self.lex.crowds or (
                n.upos in ("NUM", "NOUN") and any(k.lemma.lower() in self.lex.crowds for k in tree.children(node, "nmod"))):
            s, e, text = phrase(tree, tree.subtree(node, skip_rels=NP_SKIP + ("acl", "acl:relcl")), node)
            return Arg(text, text.lower(), None, "GROUP", s, e, "crowd")
        return None

    def _people(self, k) -> bool:
        """Plural people: animate by the tagger's features, or (where the language marks no animacy) the
        people of a country ("Thousands of Armenians") or a crowd noun."""
        if "Animacy" in k.feats:
            return k.feats["Animacy"] == "Anim" and k.feats.get("Number") == "Plur"
        if k.feats.get("Number") != "Plur" and k.text.lower() == k.lemma.lower():
            return False  # (a demonym the tagger took for a singular name: "Bangladeshis", lemma "Bangladeshi")
        m = self.by_word.get(k.id)
        return (m is not None and m.actor_type == "COUNTRY" and k.upos in ("NOUN", "PROPN")) \
            or k.lemma.lower() in self.lex.crowds

    def _np_single(self, node: int, allow_coref: bool) -> Arg | None:
        tree = self.tree
        own = self.by_word.get(node)
        # "Protesters" read as an uncoded name is still a crowd; "Thousands of Serbs": a count of people,
        # not the country they come from
        if (own is not None and not own.actor_code or tree[node].lemma.lower() in self.lex.crowd_counts or any(
                k.lemma.lower() in self.lex.crowd_counts for k in tree.children(node))) \
                and (crowd := self._crowd(node)) is not None:
            return crowd
        if own is not None:
            # a person named in apposition wins ("Minister Lavrov")
            for c in tree.children(node, "appos", "flat", "flat:name"):
                pm = self.by_word.get(c.id)
                if pm is not None and pm is not own and pm.actor_type == "PERSON":
                    return Arg.of(pm)
            if own.actor_code and (arg := self._state_body(node, own)) is not None:
                return arg
            if own.actor_code or not self._has_coded_inside(node, own):
                return Arg.of(own)
        sub = tree.subtree(node, skip_rels=NP_SKIP)
        # the surface too: "forces" is a body where the lemma "force" ("the use of force") is not
        body = tree[node].lemma in self.lex.bodies or tree[node].text.lower() in self.lex.bodies
        inside = self._inside(node, own, sub, body)
        if inside:
            persons = [x for x in inside if x[1].actor_type == "PERSON" and x[0] <= 2]
            if persons:
                return self._person_inside(node, sub, body, persons, inside)
            pick = min([x for x in inside if x[1].actor_code and x[0] <= 3] or inside, key=lambda x: x[0])
            if tree[node].lemma in self.lex.armed_groups and pick[1].actor_type == "COUNTRY":
                # "Syrian rebels", "Kurdish militants": an armed group of that land, not its state
                s, e, text = phrase(tree, sub, node)
                return Arg(text, text.lower(), None, "GROUP", s, e, "phrase")
            if pick[0] <= 3:
                if tree[node].lemma in self.lex.relational_nouns and pick[1].actor_type in ("COUNTRY", "PERSON"):
                    # "Ukraine's allies", "a close ally of Moscow": neither; "Washington's ally Israel": the ally named
                    return next((a for k in tree.children(node, "appos") if (a := self._np_single(k.id, False))), None)
                return self._picked(node, own, sub, pick[1])
        if own is not None:
            return Arg.of(own)
        if (crowd := self._crowd(node)) is not None:
            return crowd
        if allow_coref and (arg := self._possessor_people(node)) is not None:
            return arg
        return self.coref.stands_for(node, allow_coref)

    def _state_body(self, node: int, own: Mention) -> Arg | None:
        """A name a state's own body shares ("Congress", "the Security Council": domestic_bodies) owned by a
        country ("Chile's Congress", "the Security Council of Russia"): that country's body."""
        tree = self.tree
        if not {tree[node].text.lower(), tree[node].lemma.lower()} & self.lex.domestic_bodies:
            return None
        for m in self.mentions:
            k = tree[min(m.word_ids, key=lambda w: tree.distance(node, w))]
            if m is not own and m.actor_type == "COUNTRY" and m.actor_code and k.head in {node, *own.word_ids} \
                    and (k.deprel in ("nmod:poss", "amod") or k.deprel == "nmod"
                         and {c.lemma for c in tree.children(k.id, "case")} <= tree.g.genitive_preps):
                s, e, text = phrase(tree, tree.subtree(node, skip_rels=NP_SKIP), node)
                return Arg(text, m.actor_norm, m.actor_code, m.actor_type, s, e, "mention")
        return None

    def _has_coded_inside(self, node: int, own: Mention) -> bool:
        sub = set(self.tree.subtree(node, skip_rels=NP_SKIP))
        return any(m is not own and m.actor_code and self.scope.words(m) <= sub for m in self.mentions)

    def _inside(self, node: int, own: Mention | None, sub: list[int], body: bool) -> list[tuple[int, Mention]]:
        """The other mentions inside the phrase, with their distance from its head."""
        tree, words, out = self.tree, set(sub), []
        for m in self.mentions:
            if m is own or not self.scope.words(m) <= words:
                continue
            head = min(m.word_ids, key=lambda w: tree.distance(node, w))
            # "a Ukraine peace conference": a modifier of a thing is not an actor; of a body it is
            # "a forum at the Lakeside Palace Hotel": a place is not a party
            if not body and (modifier_of(tree, head, node) or via_locative(tree, node, head)):
                continue
            out.append((tree.distance(node, head), m))
        return out

    def _person_inside(self, node: int, sub: list[int], body: bool, persons: list, inside: list) -> Arg:
        """The nearest person named inside the phrase, or a leader's side ("the Biden administration")."""
        tree = self.tree
        pm = min(persons, key=lambda x: x[0])[1]
        head = min(pm.word_ids, key=lambda w: tree.distance(node, w))
        if body and pm.actor_code in self.seen.countries and tree[head].deprel in ("compound", "nmod:poss") \
                and tree[head].head == node:
            # "the Biden administration", "Putin's spokesman": the leader's side, not the leader
            norm, typ = self.seen.countries[pm.actor_code]
            s, e, text = phrase(tree, sub, node)
            return Arg(text, norm, pm.actor_code, typ, s, e, "mention")
        person = Arg.of(pm)
        if person.code is None:  # "the President of Argentina Javier Milei" serves Argentina
            country = [x for x in inside if x[1].actor_type == "COUNTRY" and x[1].actor_code and x[0] <= 2]
            if country:
                person.code = min(country, key=lambda x: x[0])[1].actor_code
        return person

    def _picked(self, node: int, own: Mention | None, sub: list[int], m: Mention) -> Arg:
        """The phrase by the mention picked inside it: a body noun with a country ("the Russian foreign
        ministry", "the leaders of Russia and the DPRK") by the surface of the whole phrase, with every
        coded party inside it."""
        tree = self.tree
        if own is not None and not m.actor_code:
            return Arg.of(own)
        if tree[node].lemma not in self.lex.bodies or m.actor_type not in ("COUNTRY", "ORG", "GROUP"):
            return Arg.of(m)
        wide = tree.subtree(node, skip_rels=tuple(r for r in NP_SKIP if r != "conj"))
        # not a place the body is at: "with his Argentine counterpart in Brasilia" is Argentina's
        parties = [x for x in self.mentions if x.actor_code and self.scope.words(x) <= set(wide)
                   and x.actor_type in ("COUNTRY", "ORG", "GROUP")
                   and not via_locative(tree, node, min(x.word_ids, key=lambda w: tree.distance(node, w)),
                                        tree.g.locative_cases | tree.g.topical_cases)]
        parties = parties or [m]
        s, e, text = phrase(tree, wide if len(parties) > 1 else sub, node)
        if len(parties) > 1:
            norms = "|".join(dict.fromkeys(x.actor_norm for x in parties))
            # "the foreign ministers of Russia and China": one collective actor (not split into
            # actor and target even for symmetric acts, as the annotation guidelines say)
            return Arg(text, norms, parties[0].actor_code, parties[0].actor_type, s, e, "mention")
        return Arg(text, m.actor_norm, m.actor_code, m.actor_type, s, e, "mention")

    def _possessor_people(self, node: int) -> Arg | None:
        """"The bloc's defence chiefs": the people of the party a possessive role noun points back to."""
        tree, n = self.tree, self.tree[node]
        if n.upos != "NOUN" or n.lemma in self.lex.roles:
            return None
        for c in tree.children(node, "nmod:poss"):
            if c.lemma in self.lex.roles and c.upos == "NOUN":
                arg = self._np_single(c.id, True)
                if arg is not None and arg.code:
                    s, e, text = phrase(tree, tree.subtree(node, skip_rels=NP_SKIP), node)
                    return Arg(text, arg.norm, arg.code, arg.type, s, e, "coref")
        return None

    def nationality(self, node: int) -> Arg | None:
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

    def noun_agent(self, node: int, said: bool = False, derived: bool = False,
                   frame: frozenset[int] | set[int] = frozenset()) -> Arg | None:
        """The agent of a noun predicate: possessor, genitive or adjective (Russia's proposal, the
        request of the US, the Russian proposal); for an act done by saying it (``said``: a threat, a
        call, an accusation) also its source ("a threat from the Houthi leader"). A noun ``derived``
        from a verb has its object there instead ("the expulsion of two envoys", "the suspension of
        talks": roles ``patient_cases``, the genitive): its agent is a possessor, a by-phrase or the
        agent case ("the imposition by Japan of tariffs" with no preposition). People among the words of the noun's
        ``frame`` are whom it is done to ("the expulsion of | diplomats"), never its agent."""
        tree = self.tree
        cases = self.lex.agent_cases | (self.lex.source_cases if said else frozenset())
        if derived:
            cases = cases - self.lex.patient_cases
        # a derived noun with an agent phrase ("her arrest by the junta"): its possessor is
        # whom it is done to, never its agent
        by_phrase = derived and any(c.deprel == "nmod" and tree.cases(c.id) & cases for c in tree.children(node, "nmod"))
        for c in tree.children(node, "nmod:poss", "nmod", "amod", "compound", "det:poss"):
            if by_phrase and c.deprel in ("nmod:poss", "det:poss"):
                continue
            if c.id in frame and (c.lemma in self.lex.roles or c.lemma in self.lex.groups
                                  or c.feats.get("Animacy") == "Anim"):
                continue  # the people it is done to ("the expulsion of | two Russian envoys"); a thing it uses
                # names its owner ("the launch of a North Korean missile")
            cs = tree.cases(c.id)
            if c.rel == "nmod" and cs and not cs & cases:
                continue
            poss = tree.g.possessor_case
            by_agent = tree.g.agent_case is not None and c.feats.get("Case") == tree.g.agent_case
            if c.rel == "nmod" and not cs and poss and c.feats.get("Case") != poss and not by_agent:
                continue
            if derived and c.deprel == "nmod" and not cs and poss and not by_agent:
                continue
            if c.upos == "NOUN" and c.lemma in self.lex.entries and c.id not in self.by_word:
                # an act named inside ("the first stop of Macron's tour", "the suspension of talks with Yerevan"):
                # its own agent, not its partners
                arg = self.noun_agent(c.id)
                if arg and arg.norm and not self._aimed_at(arg):
                    return arg
                continue
            if c.deprel == "nmod" and not cs and not poss:
                continue  # "the summit in Vientiane" split by the parser: a bare nmod is no possessor
            # a state's or an organisation's role noun in a bare genitive (the language's possessor case: "the proposal
            # of the European countries", "of the country's new authorities") stands for the party it describes or
            # points back at, as a subject does (not armed groups: "the positions of militants in Syria" is a place)
            role = bool(set(self.lex.roles.get(c.lemma, ())) & {"COUNTRY", "ORG"}) and not cs and poss is not None \
                and c.feats.get("Case") == poss
            arg = self.np(c.id, allow_coref=c.upos == "PRON" or c.deprel == "det:poss" or role)
            if arg and arg.norm and not self._aimed_at(arg):
                return arg
        return None

    def _aimed_at(self, arg: Arg) -> bool:
        """The party stands in a phrase saying whom something is aimed at ("the use of force against
        Taiwan"): the target, never the agent."""
        for n in self.tree.nodes.values():
            if arg.start <= n.start < arg.end and n.upos in ("PROPN", "NOUN") \
                    and self.tree.cases(n.id) & self.tree.g.aimed_cases:
                return True
        return False
