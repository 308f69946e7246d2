"""Who: resolving a noun phrase of the tree to an actor mention, with coreference for pronouns and
role nouns, and finding the subject of a predicate (targets: ``extractors/events/targets.py``)."""
from __future__ import annotations

from extractors.events.arg import (NP_SKIP, SUBJ, Arg,  # noqa: F401 (re-exported)
                                   join)
from extractors.events.lexicon import Lexicon
from extractors.events.targets import TargetFinder
from extractors.events.tree import Tree
from extractors.records import Mention

class Resolver(TargetFinder):
    """Resolves tree nodes to actors for one sentence, with the document's earlier mentions."""

    def __init__(self, tree: Tree, mentions: list[Mention], history: list[Mention], lex: Lexicon,
                 last_pair: Arg | None = None, countries: dict[str, tuple[str, str]] | None = None):
        self.tree, self.mentions, self.history, self.lex = tree, mentions, history, lex
        mentions = [m for m in mentions if m.source != "media"]
        self.mentions = mentions
        self.by_word = {w: m for m in mentions for w in m.word_ids}
        self.last_pair = last_pair  # actor and target of the previous event, joined ("the parties")
        self.speaker: Arg | None = None  # who speaks in this sentence (for I/we in quotes)
        self.last_actor: Arg | None = None  # the previous event's actor: the most salient antecedent
        self.last_actor_recent = True  # False when the sentence just before produced no event
        self._in_speaker = False
        self.countries = countries or {}  # code -> (norm, type) for "we" = the speaker's country
        # ids of country mentions that name an unnamed person's side ("the Iranian foreign minister"):
        # "he" may point back to them (filled by the caller for the whole document)
        self.person_sides: set[int] = set()

    def person_side_mentions(self) -> list[Mention]:
        """This sentence's country mentions that modify a person role noun ("the Iranian foreign minister")."""
        tree, out = self.tree, []
        for m in self.mentions:
            if m.actor_type != "COUNTRY":
                continue
            for w in m.word_ids:
                n = tree[w]
                head = tree.nodes.get(n.head)
                if n.deprel in ("amod", "compound", "nmod:poss", "nmod") and head is not None \
                        and "PERSON" in self.lex.roles.get(head.lemma, ()) and head.upos == "NOUN":
                    out.append(m)
                    break
        return out

    def _fits(self, m: Mention, t: str) -> bool:
        return t == "ANY" or m.actor_type == t or (t == "PERSON" and id(m) in self.person_sides)

    def _clause_speaker(self, node: int) -> Arg | None:
        """"France said it will retaliate": a pronoun in the content clause of a speech verb refers to
        the speaker."""
        if self._in_speaker:
            return None
        tree = self.tree
        cur = tree[node]
        while cur.head and cur.rel not in ("ccomp",):  # up to the clause that is someone's content
            cur = tree[cur.head]
            if cur.upos in ("VERB", "AUX") and cur.rel not in ("conj", "xcomp", "advcl", "ccomp"):
                break
        if cur.rel != "ccomp" or not cur.head:
            return None
        for a in [tree[cur.head]]:
            if a.upos in ("VERB", "AUX", "ADJ") or a.lemma in self.lex.speech_lemmas:
                subj = [c for c in tree.children(a.id, "nsubj") if c.upos != "PRON"]
                self._in_speaker = True
                try:
                    for c in reversed(subj):
                        arg = self.np(c.id, allow_coref=False)
                        if arg is not None:
                            return arg
                    return None
                finally:
                    self._in_speaker = False
        return None

    def _via_locative(self, node: int, head: int, cases: frozenset[str] | set[str] | None = None) -> bool:
        """``head`` hangs below ``node`` through a phrase of place (or of the other ``cases``)."""
        tree = self.tree
        cases = tree.g.locative_cases if cases is None else cases
        cur = tree[head]
        while cur.id != node and cur.head:
            if {k.lemma for k in tree.children(cur.id, "case")} & cases:
                return True
            cur = tree[cur.head]
        return False

    def _words(self, m: Mention) -> set[int]:
        """A mention's words less punctuation ("el-Sisi": the hyphen hangs as punct, outside NP subtrees)."""
        return {w for w in m.word_ids if self.tree[w].upos != "PUNCT"} or set(m.word_ids)

    def _has_coded_inside(self, node: int, own: Mention) -> bool:
        sub = set(self.tree.subtree(node, skip_rels=NP_SKIP))
        return any(m is not own and m.actor_code and self._words(m) <= sub for m in self.mentions)

    def _coref(self, node: int, types: tuple[str, ...], exclude: Arg | None = None) -> Arg | None:
        """The nearest earlier mention of a compatible type; types are tried in the order given
        ("the group" prefers a GROUP to a nearer ORG)."""
        n = self.tree[node]
        before = [m for m in self.mentions if m.end_char <= n.start] + []
        pool = [m for m in list(reversed(before)) + list(reversed(self.history))
                if m.actor_norm and not (exclude is not None and m.actor_norm == exclude.norm)]
        for t in types:
            for m in pool:
                if self._fits(m, t):
                    return Arg(n.text, m.actor_norm, m.actor_code, m.actor_type, n.start, n.end, "coref")
        return None

    def _own_subject(self, node: int) -> Arg | None:
        """A possessive pronoun's own clause subject, named before it: the nearest verb above the
        pronoun and the last subject it has before the pronoun ("ASEAN leaders reaffirmed their
        commitment"). None when that verb has no subject of its own ("urged Israel to halt its
        offensive": whose offensive is for the caller to decide)."""
        tree = self.tree
        verb = next((a for a in tree.ancestors(node) if a.upos in ("VERB", "AUX")), None)
        if verb is None:
            return None
        subj = [c for c in tree.children(verb.id, "nsubj") if c.end <= tree[node].start and c.upos != "PRON"]
        if not subj:
            return None
        arg = self.np(subj[-1].id, allow_coref=False)
        return arg if arg is not None and arg.norm else None

    def _main_subject(self, node: int, types: tuple[str, ...]) -> Arg | None:
        """The named subject of the clause a pronoun's clause hangs from, when it comes first."""
        if self._in_speaker:
            return None
        tree = self.tree
        for a in tree.ancestors(node):
            if a.upos not in ("VERB", "AUX", "ADJ") or a.id == tree[node].head:
                continue
            subj = [c for c in tree.children(a.id, "nsubj") if c.upos == "PROPN" and c.end <= tree[node].start]
            if subj:
                self._in_speaker = True
                try:
                    arg = self.np(subj[0].id, allow_coref=False)
                finally:
                    self._in_speaker = False
                if arg is not None and arg.norm and ("ANY" in types or arg.type in types):
                    return arg
                return None
        return None

    def _previous_topic(self, types: tuple[str, ...]) -> Mention | None:
        """The first party of a compatible type named in the previous sentence."""
        if not self.history:
            return None
        last = max(m.sentence_idx for m in self.history)
        for m in self.history:
            if m.sentence_idx == last and m.actor_norm and any(self._fits(m, t) for t in types):
                return m
        return None

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
            and all(k.feats.get("Animacy") == "Anim" and k.feats.get("Number") == "Plur" for k in tree.children(node, "nmod"))
        # (the count made a modifier of the people it counts: "Serbs" with "thousands" under it)
        counted = counted or (n.rel in ("nsubj", "nsubj:pass") and n.feats.get("Animacy") == "Anim"
                              and n.feats.get("Number") == "Plur"
                              and any(k.lemma.lower() in self.lex.crowd_counts for k in tree.children(node)))
        if counted or n.lemma.lower() in self.lex.crowds or (
                n.upos in ("NUM", "NOUN") and any(k.lemma.lower() in self.lex.crowds for k in tree.children(node, "nmod"))):
            s, e, text = self._phrase(tree.subtree(node, skip_rels=NP_SKIP + ("acl", "acl:relcl")), node)
            return Arg(text, text.lower(), None, "GROUP", s, e, "crowd")
        return None

    def _np_single(self, node: int, allow_coref: bool) -> Arg | None:
        tree = self.tree
        own = self.by_word.get(node)
        if own is not None and not own.actor_code and (crowd := self._crowd(node)) is not None:
            return crowd  # "Protesters" read as an uncoded name is still a crowd
        if tree[node].lemma.lower() in self.lex.crowd_counts and (crowd := self._crowd(node)) is not None:
            return crowd  # "Thousands of Serbs": a count of people, not the country they come from
        if own is not None:
            # a person named in apposition wins ("Minister Lavrov")
            for c in tree.children(node, "appos", "flat", "flat:name"):
                pm = self.by_word.get(c.id)
                if pm is not None and pm is not own and pm.actor_type == "PERSON":
                    return Arg.of(pm)
            if own.actor_code or not self._has_coded_inside(node, own):
                return Arg.of(own)
        sub = tree.subtree(node, skip_rels=NP_SKIP)
        inside = []
        # the surface too: "forces" is a body where the lemma "force" ("the use of force") is not
        body = tree[node].lemma in self.lex.bodies or tree[node].text.lower() in self.lex.bodies
        for m in self.mentions:
            if m is own:
                continue
            if self._words(m) <= set(sub):
                head = min(m.word_ids, key=lambda w: tree.distance(node, w))
                # "a Ukraine peace conference": a modifier of a thing is not an actor; of a body it is
                if not body and self._modifier_of(head, node):
                    continue
                # "a forum at the Lakeside Palace Hotel": a place is not a party
                if not body and self._via_locative(node, head):
                    continue
                inside.append((tree.distance(node, head), m))
        if inside:
            persons = [x for x in inside if x[1].actor_type == "PERSON" and x[0] <= 2]
            if persons:
                pm = min(persons, key=lambda x: x[0])[1]
                head = min(pm.word_ids, key=lambda w: tree.distance(node, w))
                if body and pm.actor_code in self.countries and tree[head].deprel in ("compound", "nmod:poss") \
                        and tree[head].head == node:
                    # "the Biden administration", "Putin's spokesman": the leader's side, not the leader
                    norm, typ = self.countries[pm.actor_code]
                    s, e, text = self._phrase(sub, node)
                    return Arg(text, norm, pm.actor_code, typ, s, e, "mention")
                person = Arg.of(pm)
                if person.code is None:  # "the President of Argentina Javier Milei" serves Argentina
                    country = [x for x in inside if x[1].actor_type == "COUNTRY" and x[1].actor_code and x[0] <= 2]
                    if country:
                        person.code = min(country, key=lambda x: x[0])[1].actor_code
                return person
            coded = [x for x in inside if x[1].actor_code and x[0] <= 3]
            pick = min(coded or inside, key=lambda x: x[0])
            if pick[0] <= 3:
                n = tree[node]
                m = pick[1]
                if n.lemma in self.lex.relational_nouns and m.actor_type in ("COUNTRY", "PERSON"):
                    return None  # "Ukraine's allies", "a close ally of Moscow": neither Ukraine nor Moscow
                if own is not None and not m.actor_code:
                    return Arg.of(own)
                # body noun + country ("the Russian foreign ministry", "the leaders of Russia and the
                # DPRK"): surface of the whole phrase, every coded party inside it
                if n.lemma in self.lex.bodies and m.actor_type in ("COUNTRY", "ORG", "GROUP"):
                    wide = tree.subtree(node, skip_rels=tuple(r for r in NP_SKIP if r != "conj"))
                    # not a place the body is at: "with his Argentine counterpart in Brasilia" is Argentina's
                    parties = [x for x in self.mentions if x.actor_code and self._words(x) <= set(wide)
                               and x.actor_type in ("COUNTRY", "ORG", "GROUP")
                               and not self._via_locative(node, min(x.word_ids, key=lambda w: tree.distance(node, w)),
                                                          tree.g.locative_cases | tree.g.topical_cases)]
                    parties = parties or [m]
                    s, e, text = self._phrase(wide if len(parties) > 1 else sub, node)
                    if len(parties) > 1:
                        norms = "|".join(dict.fromkeys(x.actor_norm for x in parties))
                        # "the foreign ministers of Russia and China": one collective actor (not split into
                        # actor and target even for symmetric acts, as the annotation guidelines say)
                        return Arg(text, norms, parties[0].actor_code, parties[0].actor_type, s, e, "mention")
                    return Arg(text, m.actor_norm, m.actor_code, m.actor_type, s, e, "mention")
                return Arg.of(m)
        if own is not None:
            return Arg.of(own)
        n = tree[node]
        if (crowd := self._crowd(node)) is not None:
            return crowd
        if allow_coref and n.upos == "NOUN" and n.lemma not in self.lex.roles:
            for c in tree.children(node, "nmod:poss"):  # "the bloc's defence chiefs": the bloc's people
                if c.lemma in self.lex.roles and c.upos == "NOUN":
                    arg = self._np_single(c.id, allow_coref)
                    if arg is not None and arg.code:
                        s, e, text = self._phrase(tree.subtree(node, skip_rels=NP_SKIP), node)
                        return Arg(text, arg.norm, arg.code, arg.type, s, e, "coref")
        first = self.lex.first_person.get(n.lemma) or self.lex.first_person.get(n.text.lower())
        if first and self.speaker is not None:
            sp = self.speaker
            if first == "COUNTRY" and sp.type == "PERSON" and sp.code in self.countries:
                norm, typ = self.countries[sp.code]
                return Arg(n.text, norm, sp.code, typ, n.start, n.end, "speaker")
            if first == "COUNTRY" and sp.type in ("PERSON", None) and not sp.code and allow_coref:
                # "we" of a speaker we cannot place: the side the text is about ("…,” Hayya added)
                side = self.last_actor if self.last_actor is not None and self.last_actor.type in (
                    "ORG", "GROUP", "COUNTRY") else None
                if side is not None:
                    return Arg(n.text, side.norm, side.code, side.type, n.start, n.end, "coref")
                arg = self._coref(node, ("GROUP", "ORG", "COUNTRY"))
                if arg is not None:
                    return arg
            return Arg(n.text, sp.norm, sp.code, sp.type, n.start, n.end, "speaker")
        if not allow_coref:
            return None
        if n.lemma in self.lex.collective and n.feats.get("Number") == "Plur" and self.last_pair is not None:
            a = self.last_pair  # "The two leaders agreed": one collective actor, as the guidelines say
            return Arg(n.text, a.norm, a.code, a.type, n.start, n.end, "coref")
        if n.lemma in tree.g.demonstratives:
            return None  # "this" points at a situation, not at an actor
        if n.upos == "PRON" or n.lemma in self.lex.pronouns or n.text.lower() in self.lex.pronouns:
            types = self.lex.pronouns.get(n.lemma) or self.lex.pronouns.get(n.text.lower(), ("ANY",))
            speaker = self._clause_speaker(node)
            if speaker is not None and ("ANY" in types or speaker.type in types):
                return Arg(n.text, speaker.norm, speaker.code, speaker.type, n.start, n.end, "coref")
            own = self._own_subject(node) if n.deprel == "nmod:poss" or n.feats.get("Poss") == "Yes" else None
            if own is not None:  # "ASEAN leaders reaffirmed their commitment": their own
                return Arg(n.text, own.norm, own.code, own.type, n.start, n.end, "coref")
            main = self._main_subject(node, types)
            if main is not None:  # "Sánchez flew to Rabat, where he held talks with the king"
                return Arg(n.text, main.norm, main.code, main.type, n.start, n.end, "coref")
            la = self.last_actor
            if not self.last_actor_recent and not any(m.end_char <= n.start for m in self.mentions):
                # the previous sentence acted on nothing: its topic, the first party it names, is the
                # likelier antecedent than an older event's actor ("Ecowas … imposed sanctions. It demanded…")
                topic = self._previous_topic(types)
                if topic is not None:
                    return Arg(n.text, topic.actor_norm, topic.actor_code, topic.actor_type, n.start, n.end, "coref")
            if la is not None and la.norm and ("ANY" in types or la.type in types):
                return Arg(n.text, la.norm, la.code, la.type, n.start, n.end, "coref")
            return self._coref(node, types)
        if n.lemma in self.lex.roles:
            described = [c for c in tree.children(node, "amod", "compound", "nmod") if c.lemma not in self.lex.roles]
            if not described:
                arg = self._coref(node, self.lex.roles[n.lemma])  # "the ministry", "the group"
                if arg is None and n.lemma in self.lex.armed_groups:  # "the rebels", with no group named before
                    s, e, text = self._phrase(tree.subtree(node, skip_rels=NP_SKIP + ("det",)), node)
                    return Arg(text, text.lower(), None, "GROUP", s, e, "phrase")
                return arg
            if n.feats.get("Number") != "Plur" and not n.text.lower().endswith(tuple(tree.g.plural_endings)) \
                    and any(d.lemma in tree.g.definite_articles for d in tree.children(node, "det")):
                # "the Palestinian militant group", "the Southeast Asian bloc": a described definite role
                # noun points back like a bare one
                return self._coref(node, self.lex.roles[n.lemma])
            if n.feats.get("Number") == "Plur" or n.text.lower().endswith(tuple(tree.g.plural_endings)):
                # a described, unnamed group ("human rights groups"): kept by its surface, no code
                s, e, text = self._phrase(tree.subtree(node, skip_rels=NP_SKIP + ("det",)), node)
                return Arg(text, text.lower(), None, "GROUP", s, e, "phrase")
        return None

    def _institution(self, node: int) -> Arg | None:
        """Indefinite-personal clauses: "in the Kremlin [they] said" -> the institution."""
        tree, n = self.tree, self.tree[node]
        if tree.g.impersonal_plural and n.feats.get("Number") == "Plur" and n.upos in ("VERB", "ADJ"):
            for c in tree.children(node, "obl"):
                if {k.lemma for k in tree.children(c.id, "case")} & tree.g.institution_cases:
                    arg = self.np(c.id, allow_coref=False)
                    if arg and arg.code and arg.type in ("COUNTRY", "ORG"):
                        return arg
        return None

    def _modifier_of(self, word: int, node: int) -> bool:
        """``word`` modifies ``node`` through compounds and adjectives only ("a Syria peace conference")."""
        tree = self.tree
        cur = tree[word]
        while cur.deprel in ("amod", "compound") and cur.head:
            if cur.head == node:
                return True
            cur = tree[cur.head]
        return False

    def _antecedent(self, head: int) -> Arg | None:
        """The party a relative clause is about: its head noun, if that names or stands for a party
        ("License 12, which grants an exemption" has none)."""
        arg = self.np(head)
        holder = self.tree[head]
        if arg is None or (arg.code is None and arg.type is None):
            return None
        if self.by_word.get(head) is None and holder.lemma not in self.lex.roles \
                and holder.lemma not in self.lex.bodies and holder.lemma not in self.lex.groups:
            return None
        return arg

    def subject(self, node: int) -> tuple[Arg | None, str]:
        """The agent of a predicate: its subject, the passive agent, or inherited from a governor."""
        tree = self.tree
        n = tree[node]
        subj = [c for c in tree.children(node) if c.rel in SUBJ and c.deprel != "nsubj:pass"]
        if not subj and n.lemma in self.lex.stative_passives:
            # "he was engaged in talks", "Russia is open to dialogue": the subject acts, if it is a party
            # (not "the border with Poland was opened")
            subj = [c for c in tree.children(node, "nsubj:pass")
                    if c.id in self.by_word or c.upos == "PRON" or c.lemma in self.lex.bodies]
        if not subj and n.rel == "xcomp" and n.head and tree[n.head].lemma in self.lex.raising_passives:
            subj = tree.children(n.head, "nsubj:pass")  # "Germany is expected to announce": Germany will
        if not subj:
            # the compact tagger sometimes takes a sentence-initial name for an auxiliary or modifier
            # ("Beijing/VERB lodged a protest"): a party named before the verb and hung on it acts
            subj = [c for c in tree.children(node, "aux", "dep", "advmod", "compound", "amod", "det")
                    if c.id < node and c.id == tree.ids[0] and (m := self.by_word.get(c.id)) is not None and m.actor_code]
        if not subj and tree.g.passive_needs_aux \
                and not any(a.lemma in tree.g.passive_aux for a in tree.children(node, "aux:pass", "aux")) \
                and not (n.rel in ("acl", "amod") and n.feats.get("VerbForm") == "Part"):
            subj = tree.children(node, "nsubj:pass")  # no passive auxiliary: an active subject mislabelled
        if len(subj) > 1 and any(tree[i].lemma in tree.g.coordinators for i in range(subj[0].id, subj[-1].id)
                                 if i in tree.nodes):
            # two subjects joined by "and" that the parser did not link as a coordination
            args = [a for c in subj if (a := self.np(c.id)) is not None]
            if len(args) > 1:
                return join(args, "conj", tree.text), "subject"
        if len(subj) > 1:
            # "Russian … Lavrov met", "Spain, the host of the summit, said": the subject
            # nearest the verb that names an actor. In Russian those before the verb first: a second
            # "subject" after it is mostly an object whose accusative looks nominative ("Israel's Defence
            # Minister visited Washington"); in English one after it is a real subject ("…, said
            # Mali's foreign minister")
            ordered = list(reversed(subj)) if not tree.g.subject_after_verb_is_object else \
                [c for c in reversed(subj) if c.id < node] + [c for c in subj if c.id > node]
            for c in ordered:
                arg = self.np(c.id)
                if arg is not None:
                    return arg, "subject"
            subj = [subj[-1]]
        if subj and n.deprel == "acl:relcl" and n.head and (
                subj[0].feats.get("PronType") == "Rel" or subj[0].lemma.lower() in tree.g.relative_pronouns):
            return self._antecedent(n.head), "relative"  # "X, which provides relief": X, if a party
        if subj:
            arg = self.np(subj[0].id)
            if arg is None and subj[0].lemma in self.lex.documents:
                return self._signers(subj[0].id), "document_signers"
            return arg, "subject"
        agent = [c for c in tree.children(node, "obl:agent")]
        if not agent and (n.feats.get("Voice") == "Pass" or tree.children(node, "aux:pass", "nsubj:pass")):
            # the agent may hang on the passive subject ("sanctions were imposed by the EU", with no preposition)
            hung = [k for p in tree.children(node, "nsubj:pass") for k in tree.children(p.id, "nmod")]
            for c in tree.children(node, "obl", "nmod") + hung:
                cases = {k.lemma for k in tree.children(c.id, "case")}
                if cases & tree.g.agent_preps or (tree.g.agent_case and not cases and (c.feats.get("Case") == tree.g.agent_case or (
                        "Case" not in c.feats and (m := self.by_word.get(c.id)) is not None and m.actor_code))):
                    agent = [c]  # "invited by NATO": an indeclinable name has no case to show it is the agent
        if agent:
            return self.np(agent[0].id), "agent"
        cop_subj = [c for c in tree.children(node, "nsubj:pass")]
        if n.upos == "ADJ" and cop_subj:
            return self.np(cop_subj[0].id), "subject"
        if tree.children(node, "nsubj:pass") and not subj and n.lemma in self.lex.summons:
            for c in tree.children(node, "obl"):  # "was summoned to the Chinese foreign ministry": who summons
                if {k.lemma.lower() for k in tree.children(c.id, "case")} & tree.g.summoner_cases:
                    arg = self.np(c.id, allow_coref=False)
                    if arg is not None and arg.code:
                        return arg, "summoner"
        if tree.children(node, "nsubj:pass") and not subj:
            return None, "passive"  # a passive with no agent phrase: the agent is not its governor's subject
        if n.rel == "parataxis" and (arg := self._institution(node)) is not None:
            return arg, "institution"  # "…, [they] said at Egypt's ministry": the ministry, not the quoted clause's subject
        if n.rel == "parataxis" and n.lemma.lower() in self.lex.speech_lemmas:
            return None, "none"  # a closing "— [they] said at the ministry" names its speaker or no one, never the quote's subject
        if n.rel in ("advcl", "acl") and n.head and {k.lemma.lower() for k in tree.children(node, "mark")} & tree.g.reason_marks:
            return self._reason_agent(n.head), "reason"  # "sanctioned X for supplying drones": X supplied
        # inherited: xcomp/ccomp/conj/advcl take the governor's subject; participles their noun
        if n.rel in ("xcomp", "conj", "ccomp", "advcl", "parataxis", "csubj") and n.head:
            gov = tree[n.head]
            if n.rel == "advcl" and self._trailing_participle(n, gov):
                # "Katz said the government bears responsibility, urging it to disarm Hezbollah": the
                # speaker urges, not the subject of what was said
                arg, how = self.subject(gov.head)
                return arg, f"inherited:{how}"
            if n.rel == "conj" and gov.rel in ("nsubj", "obj", "obl", "nmod"):
                if n.upos == "VERB" and gov.upos in ("NOUN", "PROPN") and gov.head \
                        and tree[gov.head].upos in ("VERB", "AUX") and n.id > gov.head:
                    # "condemned the attack and called for restraint", the verb hung on the noun: a verb is
                    # no conjunct of a noun, so it shares the clause verb's subject
                    arg, how = self.subject(gov.head)
                    return arg, f"inherited:{how}"
                return None, "none"
            if n.rel == "xcomp" and gov.upos in ("VERB", "AUX") and gov.lemma.lower() not in self.lex.subject_control:
                for o in tree.children(gov.id, "obj"):  # "pushed Chile to recall its envoy": Chile recalls
                    arg = self.np(o.id, allow_coref=o.upos == "PRON")
                    if arg is not None and arg.norm and o.id < node:
                        return arg, "controller"
            arg, how = self.subject(gov.id)
            return arg, f"inherited:{how}"
        if n.rel in ("acl", "nmod") and n.head and (n.feats.get("VerbForm") == "Inf" or (
                n.feats.get("VerbForm") in ("Ger", "Part") and n.feats.get("Tense") != "Past"
                and any(k.lemma.lower() in tree.g.noun_gerund_marks for k in tree.children(node, "mark", "case")))):
            # ("has no intention of joining": the gerund after "of" too)
            holder = tree[n.head]  # "took the decision to end": the taker acts
            if holder.upos == "NOUN" and (own := self.noun_agent(holder.id)) is not None:
                return own, "noun_owner"  # "blocked the EU's decision to open talks": the EU would open them
            if holder.upos == "NOUN" and tree.children(holder.id, "cop") and tree.children(holder.id, "nsubj"):
                arg, how = self.subject(holder.id)  # "we are in a position to extend": the subject acts
                if arg is not None:
                    return arg, f"inherited:{how}"
            if holder.upos == "NOUN" and holder.rel in ("obj", "nsubj:pass", "nsubj") and holder.head \
                    and tree[holder.head].upos in ("VERB", "AUX"):
                for c in tree.children(holder.head, "obl"):  # "Putin has no plans to visit": the possessor
                    if {k.lemma for k in tree.children(c.id, "case")} & tree.g.possessor_cases:
                        arg = self.np(c.id)
                        if arg is not None:
                            return arg, "possessor"
                if holder.rel != "nsubj":
                    arg, how = self.subject(holder.head)
                    if arg is not None:
                        return arg, f"inherited:{how}"
        if n.rel == "acl" and n.deprel != "acl:relcl" and n.head:
            arg = self.np(n.head)
            holder = tree[n.head]
            if arg is None and holder.lemma in self.lex.documents | self.lex.decrees and holder.rel == "obj" \
                    and holder.head:
                # "the Council adopted a resolution demanding a ceasefire": who adopted it demands
                arg, how = self.subject(holder.head)
                return arg, f"document_adopter:{how}"
            return arg, "modified_noun"
        arg = self._institution(node)
        if arg is not None:
            return arg, "institution"
        if n.deprel == "acl:relcl" and n.head and not tree.children(node, "aux:pass"):
            return self._antecedent(n.head), "relative"
        return None, "none"

    def _phrase(self, ids: list[int], head: int) -> tuple[int, int, str]:
        """Surface of a noun phrase: without a dangling time phrase ("leaders on Friday") and without
        a leading preposition or conjunction the parser hung on the head ("as human rights groups")."""
        tree = self.tree
        drop: set[int] = set()
        for c in tree.children(head):
            if c.lemma.lower() in tree.g.temporal_nouns or c.deprel.endswith("tmod") or (
                    c.rel in ("nmod", "obl") and c.upos == "NUM"):
                drop.update(tree.subtree(c.id))
            if c.rel in ("case", "mark", "cc") and c.id < head:
                drop.add(c.id)
        keep = sorted(i for i in ids if i not in drop)
        while len(keep) > 1 and tree[keep[0]].rel in ("case", "mark", "cc", "punct"):
            keep.pop(0)
        return tree.span_text(keep or ids)

    def _signers(self, node: int) -> Arg | None:
        """Who stands behind a document: the agent of its participle ("signed by the leaders of China and
        Pakistan", "signed by X"), else the parties of the previous event."""
        for acl in self.tree.children(node, "acl", "amod"):
            for c in self.tree.children(acl.id, "obl", "obl:agent", "nmod"):
                cs = {k.lemma for k in self.tree.children(c.id, "case")}
                if cs & self.tree.g.agent_preps or (self.tree.g.agent_case and c.feats.get("Case") == self.tree.g.agent_case and not cs):
                    arg = self.np(c.id, allow_coref=False)
                    if arg is not None:
                        return arg
        return self.last_pair

    def between(self, node: int, depth: int = 3) -> Arg | None:
        """Parties of "between A and B" under a predicate (or its nmod chain)."""
        for c in self.tree.children(node, "obl", "nmod"):
            if {k.lemma for k in self.tree.children(c.id, "case")} & self.tree.g.between_cases:
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

    def _reason_agent(self, gov: int) -> Arg | None:
        """Who did what a "for"-gerund gives as the reason of an act: the party it is done to ("expelled
        two Turkish diplomats for spying", "imposed sanctions on companies for supplying drones",
        "was praised for mediating"), never the one who acts on it."""
        tree = self.tree
        if tree[gov].upos in ("NOUN", "PROPN"):
            return self.np(gov)
        held = tree.children(gov, "obj", "nsubj:pass") + [
            c for c in tree.children(gov, "obl") if {k.lemma for k in tree.children(c.id, "case")} & tree.g.reason_doer_cases]
        for c in held:
            arg = self.np(c.id)
            if arg is not None and arg.norm:
                return arg
        return None

    def has_partner(self, node: int) -> bool:
        """A noun predicate naming whom it is with ("a meeting with X", "talks with X"); not a helper
        ("with the mediation of the UAE", "with the help of Qatar")."""
        return any({k.lemma for k in self.tree.children(c.id, "case")} & self.tree.g.with_cases
                   and c.lemma not in self.lex.helper_nouns
                   for c in self.tree.children(node, "nmod", "obl"))

    def _trailing_participle(self, n, gov) -> bool:
        """A participle clause after a comma, hung on the content clause of a speech verb ("said X…,
        calling on Y to…", "stated that…, calling…" in Russian too): it goes with the speech verb's subject."""
        tree = self.tree
        form = n.feats.get("VerbForm")
        participle = form in ("Ger", "Conv") or (form == "Part" and n.feats.get("Tense") == "Pres")
        comma = any(k.upos == "PUNCT" and k.id < n.id for k in tree.children(n.id, "punct"))
        return participle and comma and not tree.children(n.id, "nsubj") and gov.rel == "ccomp" \
            and gov.head and gov.id < n.id and tree[gov.head].lemma.lower() in self.lex.speech_lemmas

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
        for c in tree.children(node, "nmod:poss", "nmod", "amod", "compound", "det:poss"):
            if c.id in frame and (c.lemma in self.lex.roles or c.lemma in self.lex.groups
                                  or c.feats.get("Animacy") == "Anim"):
                continue  # the people it is done to ("the expulsion of | two Russian envoys"); a thing it uses
                # names its owner ("the launch of a North Korean missile")
            cs = {k.lemma for k in tree.children(c.id, "case")}
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
            arg = self.np(c.id, allow_coref=c.upos == "PRON" or c.deprel == "det:poss")
            if arg and arg.norm and not self._aimed_at(arg):
                return arg
        return None

    def _aimed_at(self, arg: Arg) -> bool:
        """The party stands in a phrase saying whom something is aimed at ("the use of force against
        Taiwan"): the target, never the agent."""
        for n in self.tree.nodes.values():
            if arg.start <= n.start < arg.end and n.upos in ("PROPN", "NOUN") and {
                    k.lemma.lower() for k in self.tree.children(n.id, "case")} & self.tree.g.aimed_cases:
                return True
        return False
