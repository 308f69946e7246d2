"""Who acts: the agent of a predicate (its subject, a passive's agent, or inherited from the clause or
noun it hangs on)."""
from __future__ import annotations

from extractors.events.arg import SUBJ, Arg, Part, Scope, join
from extractors.events.phrases import NounPhrases

Found = tuple[Arg | None, str]  # the agent and how it was found ("subject", "agent", "inherited:subject", …)


class Subjects(Part):
    """The agents of a sentence's predicates; ``phrases`` resolves the noun phrases that name them."""

    def __init__(self, scope: Scope, phrases: NounPhrases):
        super().__init__(scope)
        self.np, self.noun_agent = phrases.np, phrases.noun_agent

    def subject(self, node: int) -> Found:
        """The agent of a predicate: its subject, the passive agent, or inherited from a governor."""
        subj = self._subjects(node)
        if subj:
            return self._of_subjects(node, subj)
        return self._passive_agent(node) or self._clause_agent(node) or self._noun_holder(node) \
            or self._last_resort(node)

    def _subjects(self, node: int) -> list:
        """The subjects of a predicate, read past the tagger's and parser's usual slips."""
        tree, n = self.tree, self.tree[node]
        subj = [c for c in tree.children(node) if c.rel in SUBJ and c.deprel != "nsubj:pass"]
        # a "subject" opened by a subordinator is the content clause the parser misread ("stressed that the
        # decision [is] final" with a verbless clause)
        subj = [c for c in subj if not (c.upos == "ADJ" and tree.children(c.id, "mark"))]
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
        return subj

    def _of_subjects(self, node: int, subj: list) -> Found:
        tree, n = self.tree, self.tree[node]
        if len(subj) > 1:
            arg = self._several(node, subj)
            if arg is not None:
                return arg, "subject"
            subj = [subj[-1]]
        if n.deprel == "acl:relcl" and n.head and (
                subj[0].feats.get("PronType") == "Rel" or subj[0].lemma.lower() in tree.g.relative_pronouns):
            return self._antecedent(n.head), "relative"  # "X, which provides relief": X, if a party
        if n.deprel == "acl:relcl" and n.head and subj[0].lemma in self.lex.bodies and any(
                c.lemma.lower() in tree.g.relative_pronouns for c in tree.children(subj[0].id, "det", "nmod:poss")):
            return self._antecedent(n.head), "relative"  # "X, whose president backed the plan": X's president
        arg = self.np(subj[0].id)
        if arg is None and subj[0].lemma in self.lex.documents:
            return self._signers(subj[0].id), "document_signers"
        return arg, "subject"

    def _several(self, node: int, subj: list) -> Arg | None:
        tree = self.tree
        if any(tree[i].lemma in tree.g.coordinators for i in range(subj[0].id, subj[-1].id) if i in tree.nodes):
            # two subjects joined by "and" that the parser did not link as a coordination
            args = [a for c in subj if (a := self.np(c.id)) is not None]
            if len(args) > 1:
                return join(args, "conj", tree.text)
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
                return arg
        return None

    def _passive_agent(self, node: int) -> Found | None:
        """A passive's agent phrase, or who summons; a passive with no agent phrase has none."""
        tree, n = self.tree, self.tree[node]
        agent = [c for c in tree.children(node, "obl:agent")]
        if not agent and (n.feats.get("Voice") == "Pass" or tree.children(node, "aux:pass", "nsubj:pass")):
            # the agent may hang on the passive subject ("sanctions were imposed by the EU", with no preposition)
            hung = [k for p in tree.children(node, "nsubj:pass") for k in tree.children(p.id, "nmod")]
            # or on the instrument before it ("was hit with water cannon | by the coast guard")
            hung += [k for o in tree.children(node, "obl") for k in tree.children(o.id, "nmod")
                     if tree.cases(k.id) & tree.g.agent_preps and self.np(k.id, allow_coref=False) is not None]
            for c in tree.children(node, "obl", "nmod") + hung:
                cases = tree.cases(c.id)
                if cases & tree.g.agent_preps or (tree.g.agent_case and not cases and (c.feats.get("Case") == tree.g.agent_case or (
                        "Case" not in c.feats and (m := self.by_word.get(c.id)) is not None and m.actor_code))):
                    agent = [c]  # "invited by NATO": an indeclinable name has no case to show it is the agent
        if agent:
            return self.np(agent[0].id), "agent"
        passive = tree.children(node, "nsubj:pass")
        if n.upos == "ADJ" and passive:
            return self.np(passive[0].id), "subject"
        if passive and n.lemma in self.lex.summons:
            for c in tree.children(node, "obl"):  # "was summoned to the Chinese foreign ministry": who summons
                if tree.cases(c.id) & tree.g.summoner_cases:
                    arg = self.np(c.id, allow_coref=False)
                    if arg is not None and arg.code:
                        return arg, "summoner"
        if passive and n.lemma in self.lex.place_agent_verbs:
            for c in tree.children(node, "obl"):  # "were expelled from Norway", "were detained in Russia": that state
                if tree.cases(c.id) & tree.g.place_agent_cases:
                    arg = self.np(c.id, allow_coref=False)
                    if arg is not None and arg.code and arg.type == "COUNTRY":
                        return arg, "place_state"
        if passive:
            return None, "passive"  # a passive with no agent phrase: the agent is not its governor's subject
        return None

    def _clause_agent(self, node: int) -> Found | None:
        """The agent of a clause with no subject of its own: a quote's institution, the party a reason
        is about, or the governor's agent."""
        tree, n = self.tree, self.tree[node]
        if n.rel == "parataxis" and (arg := self._institution(node)) is not None:
            return arg, "institution"  # "…, [they] said at Egypt's ministry": the ministry, not the quoted clause's subject
        if n.rel == "parataxis" and n.lemma.lower() in self.lex.speech_lemmas:
            return None, "none"  # a closing "— [they] said at the ministry" names its speaker or no one, never the quote's subject
        if n.rel in ("advcl", "acl") and n.head and {k.lemma.lower() for k in tree.children(node, "mark")} & tree.g.reason_marks:
            return self._reason_agent(n.head), "reason"  # "sanctioned X for supplying drones": X supplied
        # inherited: xcomp/ccomp/conj/advcl take the governor's subject; participles their noun
        if n.rel in ("xcomp", "conj", "ccomp", "advcl", "parataxis", "csubj") and n.head:
            return self._governor_agent(node)
        return None

    def _inherit(self, node: int) -> Found:
        arg, how = self.subject(node)
        return arg, f"inherited:{how}"

    def _governor_agent(self, node: int) -> Found:
        tree, n = self.tree, self.tree[node]
        gov = tree[n.head]
        if n.rel == "advcl" and _trailing_participle(self.tree, n, gov, self.lex.speech_lemmas):
            # "Katz said the government bears responsibility, urging it to disarm Hezbollah": the
            # speaker urges, not the subject of what was said
            return self._inherit(gov.head)
        if n.rel == "conj" and gov.rel in ("nsubj", "obj", "obl", "nmod"):
            if n.upos == "VERB" and gov.upos in ("NOUN", "PROPN") and gov.head \
                    and tree[gov.head].upos in ("VERB", "AUX") and n.id > gov.head:
                # "condemned the attack and called for restraint", the verb hung on the noun: a verb is
                # no conjunct of a noun, so it shares the clause verb's subject
                return self._inherit(gov.head)
            return None, "none"
        if n.rel == "xcomp" and gov.upos in ("VERB", "AUX") and gov.lemma.lower() not in self.lex.subject_control:
            for o in tree.children(gov.id, "obj"):  # "pushed Chile to recall its envoy": Chile recalls
                arg = self.np(o.id, allow_coref=o.upos == "PRON")
                if arg is not None and arg.norm and o.id < node:
                    return arg, "controller"
        return self._inherit(gov.id)

    def _noun_holder(self, node: int) -> Found | None:
        """The agent of a clause on a noun: "took the decision to end" (the taker acts), "has no
        intention of joining", the noun the clause modifies."""
        tree, n = self.tree, self.tree[node]
        if n.rel in ("acl", "nmod") and n.head and (n.feats.get("VerbForm") == "Inf" or (
                n.feats.get("VerbForm") in ("Ger", "Part") and n.feats.get("Tense") != "Past"
                and any(k.lemma.lower() in tree.g.noun_gerund_marks for k in tree.children(node, "mark", "case")))):
            found = self._holder_agent(tree[n.head])  # ("has no intention of joining": the gerund after "of" too)
            if found is not None:
                return found
        if n.rel == "acl" and n.deprel != "acl:relcl" and n.head:
            arg = self.np(n.head)
            holder = tree[n.head]
            if arg is None and holder.lemma in self.lex.documents | self.lex.decrees and holder.rel == "obj" \
                    and holder.head:
                # "the Council adopted a resolution demanding a ceasefire": who adopted it demands
                arg, how = self.subject(holder.head)
                return arg, f"document_adopter:{how}"
            return arg, "modified_noun"
        return None

    def _holder_agent(self, holder) -> Found | None:
        tree = self.tree
        if holder.upos == "NOUN" and (own := self.noun_agent(holder.id)) is not None:
            return own, "noun_owner"  # "blocked the EU's decision to open talks": the EU would open them
        if holder.upos == "NOUN" and tree.children(holder.id, "cop") and tree.children(holder.id, "nsubj"):
            found = self._inherit(holder.id)  # "we are in a position to extend": the subject acts
            if found[0] is not None:
                return found
        if holder.upos == "NOUN" and holder.rel in ("obj", "nsubj:pass", "nsubj") and holder.head \
                and tree[holder.head].upos in ("VERB", "AUX"):
            for c in tree.children(holder.head, "obl"):  # "Putin has no plans to visit": the possessor
                if tree.cases(c.id) & tree.g.possessor_cases:
                    arg = self.np(c.id)
                    if arg is not None:
                        return arg, "possessor"
            if holder.rel != "nsubj":
                found = self._inherit(holder.head)
                if found[0] is not None:
                    return found
        if holder.rel == "obl" and holder.lemma.lower() in tree.g.attempt_nouns and holder.head \
                and tree[holder.head].upos == "VERB":
            return self._inherit(holder.head)  # "the guards, in an attempt to stop the ship, fired": the guards would stop it
        return None

    def _last_resort(self, node: int) -> Found:
        n = self.tree[node]
        arg = self._institution(node)
        if arg is not None:
            return arg, "institution"
        if n.deprel == "acl:relcl" and n.head and not self.tree.children(node, "aux:pass"):
            found = self._statement_maker(node)
            if found is not None:
                return found
            return self._antecedent(n.head), "relative"
        return None, "none"

    def _statement_maker(self, node: int) -> Found | None:
        """A relative clause on a statement or document noun that the relative word does not open as subject ("a
        statement in which [it] condemned the attack"): the statement's maker speaks in it."""
        tree = self.tree
        holder = tree[tree[node].head]
        if holder.upos != "NOUN" or holder.lemma.lower() not in self.lex.speech_lemmas | self.lex.documents:
            return None
        if not any(c.feats.get("PronType") == "Rel" or c.lemma.lower() in tree.g.relative_pronouns
                   for c in tree.children(node, "obl", "nmod")):
            return None
        own = self.noun_agent(holder.id)
        if own is not None:
            return own, "statement_maker:noun_agent"
        if holder.rel in ("obl", "obj") and holder.head and tree[holder.head].upos in ("VERB", "AUX"):
            arg, how = self.subject(holder.head)
            if arg is not None:
                return arg, f"statement_maker:{how}"
        return None

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

    def _institution(self, node: int) -> Arg | None:
        """Indefinite-personal clauses: "in the Kremlin [they] said" -> the institution."""
        tree, n = self.tree, self.tree[node]
        if tree.g.impersonal_plural and n.feats.get("Number") == "Plur" and n.upos in ("VERB", "ADJ"):
            for c in tree.children(node, "obl"):
                if tree.cases(c.id) & tree.g.institution_cases:
                    arg = self.np(c.id, allow_coref=False)
                    if (arg is None or not arg.code) and c.lemma.lower() in self.lex.bodies \
                            and not tree.children(c.id, "amod", "nmod"):
                        arg = self._own_body(c)  # "at the ministry [they] stressed": the ministry of the party just named
                    if arg and arg.code and arg.type in ("COUNTRY", "ORG"):
                        return arg
        return None

    def _own_body(self, c) -> Arg | None:
        """A bare body noun ("the ministry", "the foreign ministry" with no country): the body of the party of
        the latest event told (not the nearest party named: "protested X's remarks … the ministry said" is the
        protester's ministry)."""
        last = self.seen.last_actor
        if last is not None and last.type in ("COUNTRY", "ORG") and last.code:
            return Arg.at(c, last)
        return None

    def _signers(self, node: int) -> Arg | None:
        """Who stands behind a document: the agent of its participle ("signed by the leaders of China and
        Pakistan", "signed by X"), else the parties of the previous event."""
        tree = self.tree
        for acl in tree.children(node, "acl", "amod"):
            for c in tree.children(acl.id, "obl", "obl:agent", "nmod"):
                cs = tree.cases(c.id)
                if cs & tree.g.agent_preps or (tree.g.agent_case and c.feats.get("Case") == tree.g.agent_case and not cs):
                    arg = self.np(c.id, allow_coref=False)
                    if arg is not None:
                        return arg
        return self.seen.last_pair

    def _reason_agent(self, gov: int) -> Arg | None:
        """Who did what a "for"-gerund gives as the reason of an act: the party it is done to ("expelled
        two Turkish diplomats for spying", "imposed sanctions on companies for supplying drones",
        "was praised for mediating"), never the one who acts on it."""
        tree = self.tree
        if tree[gov].upos in ("NOUN", "PROPN"):
            return self.np(gov)
        held = tree.children(gov, "obj", "nsubj:pass") + [
            c for c in tree.children(gov, "obl") if tree.cases(c.id) & tree.g.reason_doer_cases]
        for c in held:
            arg = self.np(c.id)
            if arg is not None and arg.norm:
                return arg
        return None


def _trailing_participle(tree, n, gov, speech_lemmas: frozenset[str]) -> bool:
    """A participle clause after a comma, hung on the content clause of a speech verb ("said X…,
    calling on Y to…", "stated that…, calling…" in Russian too): it goes with the speech verb's subject."""
    form = n.feats.get("VerbForm")
    participle = form in ("Ger", "Conv") or (form == "Part" and n.feats.get("Tense") == "Pres")
    comma = any(k.upos == "PUNCT" and k.id < n.id for k in tree.children(n.id, "punct"))
    return participle and comma and not tree.children(n.id, "nsubj") and gov.rel == "ccomp" \
        and gov.head and gov.id < n.id and tree[gov.head].lemma.lower() in speech_lemmas
