"""Coreference: what a word that names no party stands for ("I" and "we" the speaker, "the two
leaders" the last pair, a pronoun or a role noun its antecedent), from the sentence, the mentions
before it and what the document makes salient (``arg.Salience``)."""
from __future__ import annotations

from collections.abc import Callable

from extractors.events.arg import NP_SKIP, Arg, Part, Scope, join, phrase
from extractors.records import Mention

OPENING_MARKS, CLOSING_MARKS = "“«„", "”»"


class Antecedents(Part):
    """Antecedents of pronouns, role nouns and first-person words; ``np`` resolves a noun phrase."""

    def __init__(self, scope: Scope, np: Callable[..., Arg | None]):
        super().__init__(scope)
        self.np = np
        self._in_speaker = False  # resolving a speaker's or a main clause's subject: no such lookup inside it

    def stands_for(self, node: int, allow_coref: bool) -> Arg | None:
        """The party a word that names none stands for (without ``allow_coref``, only "I" or "we")."""
        n = self.tree[node]
        first = self.lex.first_person.get(n.lemma) or self.lex.first_person.get(n.text.lower())
        if first and self.seen.speaker is not None:
            return self._first_person(node, first, allow_coref)
        counted = self._counted(node)
        group = self._counted_group(n, counted)
        if group is not None:
            return group
        pair = any(k.lemma in self.lex.pair_words for k in counted) or (  # "both countries", "the sides"
            n.lemma.lower() in self.tree.g.side_nouns and n.feats.get("Number") == "Plur")
        if pair and n.upos == "NOUN" and self.seen.last_two is not None:
            return Arg.at(n, self._as_states(n, self.seen.last_two))  # "criticised the two neighbours": a target too
        if not allow_coref:
            return None
        # (a pair word may take the singular: the Russian genitive after "both", "two")
        named = any(k.text[:1].isupper() for k in self.tree.children(node, "amod", "compound"))
        if (pair or n.lemma in self.lex.collective and n.feats.get("Number") == "Plur" and not named) \
                and self.seen.last_two is not None:  # (not "Caribbean leaders": a group of their own)
            # "The two leaders agreed", "both countries pledged": one collective actor, as the guidelines say
            return Arg.at(n, self._as_states(n, self.seen.last_two))
        if pair and n.upos == "NOUN":
            return None  # "the two sides" with no pair told before: not the one party named last
        place, two = self.lex.pair_places.get(n.lemma.lower()), self.seen.last_two
        if place is not None and two is not None and len(two.parts) > 1:  # "the latter": the pair's second
            return Arg.at(n, two.parts[place])
        if n.lemma in self.tree.g.demonstratives:
            return None  # "this" points at a situation, not at an actor
        told, arg = self.kind_party(node)
        if told:  # "the island nation", "the Gulf state", "the court": the last party of that kind
            return arg
        if n.lemma.lower() in self.lex.latter_words and not self.tree.children(node, "nmod", "obl"):
            return self.nearest(node, ("ANY",))  # "The latter denied the charges": the party named last
        if n.upos == "PRON" or n.lemma in self.lex.pronouns or n.text.lower() in self.lex.pronouns:
            return self._pronoun(node)
        if n.lemma in self.lex.roles:
            return self._role(node)
        return None

    def _kinds(self, node: int) -> tuple[set[str], bool] | None:
        """The kinds of party (lexicon kind_words) a definite singular description names ("the island
        nation", "the kingdom", "the Central Asian republic"), and whether a word besides its head names one; no
        kinds for an indefinite one ("an island nation": no party named before)."""
        tree, n, kw, g = self.tree, self.tree[node], self.lex.kind_words, self.tree.g
        if n.upos != "NOUN" or n.lemma.lower() not in self.lex.kind_heads or n.feats.get("Number") == "Plur":
            return None
        words = [tree[i] for i in sorted(tree.subtree(node, skip_rels=NP_SKIP + ("det", "case"))) if i != node]
        forms = [w.lemma.lower() for w in words] + [w.text.lower() for w in words]
        forms += [f"{a.text.lower()} {b.text.lower()}" for a, b in zip(words, words[1:])]
        kinds = {kw[f] for f in forms if f in kw}
        own = kw.get(n.lemma.lower())
        if not kinds and own is None:
            return None
        dets = [d.lemma.lower() for d in tree.children(node, "det")]
        if not all(d in g.definite_articles or d in g.demonstratives for d in dets) or (g.definite_articles and not dets):
            return set(), True  # "an island nation", "some court": no party named before
        return kinds | ({own} if own else set()), bool(kinds)

    def kind_party(self, node: int, exclude: Arg | None = None) -> tuple[bool, Arg | None]:
        """Whether ``node`` is a description of a kind of party, and the party it stands for. A bare role
        noun whose only kind is its own ("the bloc") and finds none of that kind is left to the role lookup."""
        kinds = self._kinds(node)
        if kinds is None:
            return False, None
        arg = self._of_kind(node, kinds[0], exclude) if kinds[0] else None
        return arg is not None or kinds[1] or self.tree[node].lemma not in self.lex.roles, arg

    def _of_kind(self, node: int, kinds: set[str], exclude: Arg | None = None) -> Arg | None:
        """The last party named before ``node`` that is of every kind in ``kinds`` (actors/kinds.tsv); a
        person stands for the country they serve."""
        n = self.tree[node]
        before = [m for m in self.mentions if m.end_char <= n.start]
        for m in list(reversed(before)) + list(reversed(self.history)):
            if not m.actor_code or not m.actor_norm or not kinds <= self.lex.party_kinds.get(m.actor_code, frozenset()) \
                    or exclude is not None and m.actor_code == exclude.code:
                continue
            if m.actor_type != "PERSON":
                return Arg.of(m, "coref", n.text, n.start, n.end)
            if m.actor_code in self.seen.countries:
                norm, typ = self.seen.countries[m.actor_code]
                return Arg(n.text, norm, m.actor_code, typ, n.start, n.end, "coref")
        return None

    def _counted(self, node: int) -> list:
        """The count words of a noun; none where the noun is a compound modifier of another noun, a measure
        ("a two-day meeting", "a three-day summit"), not a count of parties."""
        n = self.tree[node]
        if n.rel == "compound" and n.head and self.tree[n.head].upos in ("NOUN", "PROPN"):
            return []
        return self.tree.children(node, "nummod", "det", "amod")

    def _counted_group(self, n, counted) -> Arg | None:
        """"The three governments", "all four states": the latest group of that many parties."""
        count = next((self.lex.count_words[k.lemma.lower()] for k in counted if k.lemma.lower() in self.lex.count_words), 0)
        if not count or n.upos != "NOUN":
            return None
        group = next((g for g in self.seen.groups if len(set(g.norm.split("|"))) == count), None)
        return Arg.at(n, self._as_states(n, group)) if group is not None else None

    def _as_states(self, n, party: Arg) -> Arg:
        """"Both countries" after a talk of two leaders: their states (lexicon state_nouns), where each is known."""
        if n.lemma.lower() not in self.lex.state_nouns:
            return party
        states = []
        for p in party.parts or (party,):
            if p.type == "PERSON":
                if not p.code or p.code not in self.seen.countries:
                    return party
                norm, typ = self.seen.countries[p.code]
                p = Arg(p.text, norm, p.code, typ, p.start, p.end, p.via)
            states.append(p)
        return join(states, "conj") if len(states) > 1 else states[0]

    def _first_person(self, node: int, first: str, allow_coref: bool) -> Arg | None:
        """"I", "we": the speaker, or "we" the speaker's country."""
        n, sp = self.tree[node], self.seen.speaker
        if first == "COUNTRY" and sp.type == "PERSON" and sp.code in self.seen.countries:
            norm, typ = self.seen.countries[sp.code]
            return Arg(n.text, norm, sp.code, typ, n.start, n.end, "speaker")
        if first == "COUNTRY" and sp.type in ("PERSON", None) and not sp.code and allow_coref:
            # "we" of a speaker we cannot place: the side the text is about ("…,” Hayya added)
            last = self.seen.last_actor
            if last is not None and last.type in ("ORG", "GROUP", "COUNTRY"):
                return Arg.at(n, last)
            arg = self.nearest(node, ("GROUP", "ORG", "COUNTRY"))
            if arg is not None:
                return arg
        return Arg.at(n, sp, "speaker")

    def _pronoun(self, node: int) -> Arg | None:
        n = self.tree[node]
        types = self.lex.pronouns.get(n.lemma) or self.lex.pronouns.get(n.text.lower(), ("ANY",))
        speaker = self._clause_speaker(node)
        if speaker is not None and ("ANY" in types or speaker.type in types):
            return Arg.at(n, speaker)
        own = self._own_subject(node) if n.deprel == "nmod:poss" or n.feats.get("Poss") == "Yes" else None
        if own is not None:  # "ASEAN leaders reaffirmed their commitment": their own
            return Arg.at(n, own)
        main = self._main_subject(node, types)
        if main is not None:  # "Sánchez flew to Rabat, where he held talks with the king"
            return Arg.at(n, main)
        quoter = self.seen.speaker if quoted(self.tree, n.start) else None
        if quoter is not None and quoter.norm:  # "“We think he is a danger,” X said": in X's words, "he" is not X
            last = self.seen.last_actor
            if last is not None and last.norm and last.norm != quoter.norm and ("ANY" in types or last.type in types):
                return Arg.at(n, last)
            return self.nearest(node, types, exclude=quoter)
        if not self.seen.last_actor_recent and not any(m.end_char <= n.start for m in self.mentions):
            # the previous sentence acted on nothing: its topic, the first party it names, is the
            # likelier antecedent than an older event's actor ("Ecowas … imposed sanctions. It demanded…")
            topic = self._previous_topic(types)
            if topic is not None:
                return Arg.of(topic, "coref", n.text, n.start, n.end)
        last = self.seen.last_actor
        if last is not None and last.norm and ("ANY" in types or last.type in types or told_by_official(self, last, types)):
            return Arg.at(n, last)
        return self.nearest(node, types)

    def _role(self, node: int) -> Arg | None:
        """A role noun ("the ministry", "the group"): the party named before it, when it is bare or a
        described definite one; a described plural names an unnamed group by its surface."""
        tree, n = self.tree, self.tree[node]
        described = [c for c in tree.children(node, "amod", "compound", "nmod") if c.lemma not in self.lex.roles]
        if not described:
            last = self.seen.last_actor
            if n.lemma in self.lex.voice_roles and last is not None and self.seen.last_actor_recent \
                    and last.type in ("COUNTRY", "ORG") and last.code:
                return Arg.at(n, last)  # "A spokesman warned…" after Iran acted: Iran's spokesman
            if n.deprel.startswith("nsubj") and last is not None and last.norm and self.seen.last_actor_recent \
                    and last.type in self.lex.roles[n.lemma]:
                return Arg.at(n, last)  # "Jaishankar met Wang Yi. The minister said…": the last actor
            arg = self.nearest(node, self.lex.roles[n.lemma]) or office_of_last(self, n)  # "the ministry", "the group"
            if arg is None and n.lemma in self.lex.armed_groups:  # "the rebels", with no group named before
                return self._unnamed_group(node)
            return arg
        plural = n.feats.get("Number") == "Plur" or n.text.lower().endswith(tuple(tree.g.plural_endings))
        if not plural and any(d.lemma in tree.g.definite_articles for d in tree.children(node, "det")):
            # "the Palestinian militant group", "the Southeast Asian bloc": a described definite role
            # noun points back like a bare one
            return self.nearest(node, self.lex.roles[n.lemma]) or (
                None if any(k.id in self.by_word for k in described) else office_of_last(self, n))
        if plural:  # a described, unnamed group ("human rights groups"): kept by its surface, no code
            return self._unnamed_group(node)
        return None

    def armed_group(self, node: int, exclude: Arg | None = None) -> Arg | None:
        """An unnamed armed group as an argument ("arming the insurgents", "supplied the paramilitary forces"):
        a bare or definite one is the group named before it, else it stands for itself by its surface."""
        tree, n, words = self.tree, self.tree[node], self.lex.armed_groups
        mods = tree.children(node, "amod", "compound")
        if n.upos != "NOUN" or not (n.lemma in words or n.text.lower() in words or any(
                k.lemma in words or k.text.lower() in words for k in mods)):
            return None
        if not any(k.lemma not in words and k.text.lower() not in words for k in mods):
            arg = self.nearest(node, ("GROUP",), exclude)
            if arg is not None:
                return arg
        s, e, text = phrase(tree, tree.subtree(node, skip_rels=NP_SKIP + ("det", "nmod", "obl")), node)
        return Arg(text, text.lower(), None, "GROUP", s, e, "phrase")  # (not "the militia | with rifles")

    def _unnamed_group(self, node: int) -> Arg:
        s, e, text = phrase(self.tree, self.tree.subtree(node, skip_rels=NP_SKIP + ("det",)), node)
        return Arg(text, text.lower(), None, "GROUP", s, e, "phrase")

    def _fits(self, m: Mention, t: str) -> bool:
        return t == "ANY" or m.actor_type == t or (t == "PERSON" and id(m) in self.seen.person_sides)

    def nearest(self, node: int, types: tuple[str, ...], exclude: Arg | None = None) -> Arg | None:
        """The nearest earlier mention of a compatible type; types are tried in the order given
        ("the group" prefers a GROUP to a nearer ORG)."""
        n = self.tree[node]
        before = [m for m in self.mentions if m.end_char <= n.start]
        pool = [m for m in list(reversed(before)) + list(reversed(self.history))
                if m.actor_norm and not (exclude is not None and m.actor_norm == exclude.norm)]
        for t in types:
            for m in pool:
                if self._fits(m, t):
                    return Arg.of(m, "coref", n.text, n.start, n.end)
        return None

    def _quiet_np(self, node: int) -> Arg | None:
        """``np`` without coreference and without a speaker's lookup inside it."""
        self._in_speaker = True
        try:
            return self.np(node, allow_coref=False)
        finally:
            self._in_speaker = False

    def _clause_speaker(self, node: int) -> Arg | None:
        """"France said it will retaliate": a pronoun in the content clause of a speech verb refers to
        the speaker (the shared subject of a conjoined one: "X condemned … and said it would …")."""
        if self._in_speaker:
            return None
        tree = self.tree
        cur = tree[node]
        while cur.head and cur.rel != "ccomp":  # up to the clause that is someone's content
            cur = tree[cur.head]
            if cur.upos in ("VERB", "AUX") and cur.rel not in ("conj", "xcomp", "advcl", "ccomp"):
                break
        if cur.rel != "ccomp" or not cur.head:
            return None
        a = tree[cur.head]
        while a.rel == "conj" and a.head and not tree.children(a.id, "nsubj"):
            a = tree[a.head]
        if a.upos in ("VERB", "AUX", "ADJ") or a.lemma in self.lex.speech_lemmas:
            for c in reversed([c for c in tree.children(a.id, "nsubj") if c.upos != "PRON"]):
                arg = self._quiet_np(c.id)
                if arg is not None:
                    return arg
        return None

    def _own_subject(self, node: int) -> Arg | None:
        """A possessive pronoun's own clause subject named before it ("ASEAN leaders reaffirmed their
        commitment"); None when that verb has none ("urged Israel to halt its offensive")."""
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
        """The named subject of the clause a pronoun's clause hangs from, when it comes first (inside the
        quote, for a pronoun in a direct quote)."""
        if self._in_speaker:
            return None
        tree = self.tree
        in_quote = quoted(tree, tree[node].start)
        for a in tree.ancestors(node):
            if in_quote and not quoted(tree, a.start):
                return None
            if a.upos not in ("VERB", "AUX", "ADJ") or a.id == tree[node].head:
                continue
            subj = [c for c in tree.children(a.id, "nsubj") if c.upos == "PROPN" and c.end <= tree[node].start]
            if subj:
                arg = self._quiet_np(subj[0].id)
                return arg if arg is not None and arg.norm and ("ANY" in types or arg.type in types) else None
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


def office_of_last(ante: Antecedents, n) -> Arg | None:
    """An unnamed holder of a state's office as a subject ("The President also urged…", "the minister called"), with no
    person named before: an official of the state whose act was just told (not an envoy: "the ambassador" is as
    often the other side's)."""
    last = ante.seen.last_actor
    if n.lemma in ante.lex.home_offices and n.deprel.startswith("nsubj") and last is not None \
            and ante.seen.last_actor_recent and last.type == "COUNTRY" and last.code:
        return Arg.at(n, last)
    return None


def told_by_official(ante: Antecedents, last: Arg, types: tuple[str, ...]) -> bool:
    """A state's act told by its unnamed official ("The Swiss president met the Iranian minister. He urged …"): "he"
    may stand for that state, the previous actor, before a nearer official."""
    return "PERSON" in types and any(id(m) in ante.seen.person_sides and m.actor_code == last.code
                                     and last.start <= m.start_char < last.end for m in ante.history)


def quoted(tree, at: int) -> bool:
    """The character offset lies inside quotation marks opened in its sentence."""
    before = tree.text[tree.start:at]
    opened = sum(before.count(q) for q in OPENING_MARKS) - sum(before.count(q) for q in CLOSING_MARKS)
    return opened > 0 or before.count('"') % 2 == 1
