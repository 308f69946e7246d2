"""Who and whom: resolving a noun phrase of the tree to an actor mention, with coreference for
pronouns and role nouns, and finding the subject and target of a predicate."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.events.lexicon import Lexicon
from extractors.events.tree import Tree
from extractors.records import Mention

NP_SKIP = ("acl", "acl:relcl", "conj", "parataxis", "advcl", "ccomp", "csubj", "cc", "punct", "dep", "xcomp")
TARGET_CASES = {  # prepositions introducing a target, best first
    "ru": {"к": 1, "с": 1, "со": 1, "против": 1, "перед": 1, "у": 2, "для": 2, "между": 2, "из": 2, "от": 2, "в": 3, "во": 3, "на": 3},
    "en": {"with": 1, "to": 1, "on": 1, "against": 1, "upon": 1, "toward": 1, "towards": 1, "from": 2,
           "for": 2, "between": 2, "in": 3},
}
SUBJ = ("nsubj", "csubj")
TEMPORAL = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье", "день", "неделя",
            "месяц", "год", "day", "week", "month", "year"}
LOCATIVE = {"at", "in", "near", "inside", "outside", "в", "во", "на", "около", "возле"}
DEMONSTRATIVES = {"это", "этот", "то", "тот", "this", "that", "these", "those"}


@dataclass
class Arg:
    text: str
    norm: str | None
    code: str | None
    type: str | None
    start: int
    end: int
    via: str  # mention | coref | fallback | conj | speaker
    parts: tuple["Arg", ...] = ()

    @classmethod
    def of(cls, m: Mention, via: str = "mention", text: str | None = None, start: int | None = None,
           end: int | None = None) -> "Arg":
        return cls(text or m.text, m.actor_norm, m.actor_code, m.actor_type,
                   m.start_char if start is None else start, m.end_char if end is None else end, via)


def join(args: list[Arg], via: str | None = None) -> Arg:
    if len(args) == 1:
        return args[0]
    norms = [a.norm for a in args if a.norm]
    return Arg(text=", ".join(a.text for a in args), norm="|".join(dict.fromkeys(norms)) or None,
               code=next((a.code for a in args if a.code), None),
               type=args[0].type if len({a.type for a in args}) == 1 else "GROUP",
               start=min(a.start for a in args), end=max(a.end for a in args), via=via or args[0].via,
               parts=tuple(args))


class Resolver:
    """Resolves tree nodes to actors for one sentence, with the document's earlier mentions."""

    def __init__(self, tree: Tree, mentions: list[Mention], history: list[Mention], lex: Lexicon,
                 last_pair: Arg | None = None, countries: dict[str, tuple[str, str]] | None = None):
        self.tree, self.mentions, self.history, self.lex = tree, mentions, history, lex
        mentions = [m for m in mentions if m.source != "media"]
        self.mentions = mentions
        self.by_word = {w: m for m in mentions for w in m.word_ids}
        self.last_pair = last_pair  # actor and target of the previous event, joined ("the parties")
        self.speaker: Arg | None = None  # who speaks in this sentence (for я/мы, I/we in quotes)
        self.last_actor: Arg | None = None  # the previous event's actor: the most salient antecedent
        self.last_actor_recent = True  # False when the sentence just before produced no event
        self._in_speaker = False
        self.countries = countries or {}  # code -> (norm, type) for "we" = the speaker's country

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

    def _inner_addressees(self, node: int, cases: dict[str, int], depth: int = 2) -> list:
        out = []
        for g in self.tree.children(node, "nmod", "obl", "iobj"):
            gc = {k.lemma for k in self.tree.children(g.id, "case")}
            if g.deprel == "iobj" or any(cases.get(x, 9) <= 1 for x in gc) or (not gc and g.feats.get("Case") == "Dat"):
                out.append(g)  # "против X", or a bare dative addressee ("поставлять оружие Тайваню")
            elif depth > 1:
                out += self._inner_addressees(g.id, cases, depth - 1)
        return out

    def _via_locative(self, node: int, head: int) -> bool:
        tree = self.tree
        cur = tree[head]
        while cur.id != node and cur.head:
            if {k.lemma for k in tree.children(cur.id, "case")} & LOCATIVE:
                return True
            cur = tree[cur.head]
        return False

    def _has_coded_inside(self, node: int, own: Mention) -> bool:
        sub = set(self.tree.subtree(node, skip_rels=NP_SKIP))
        return any(m is not own and m.actor_code and set(m.word_ids) <= sub for m in self.mentions)

    def _coref(self, node: int, types: tuple[str, ...], exclude: Arg | None = None) -> Arg | None:
        """The nearest earlier mention of a compatible type; types are tried in the order given
        ("the group" prefers a GROUP to a nearer ORG)."""
        n = self.tree[node]
        before = [m for m in self.mentions if m.end_char <= n.start] + []
        pool = [m for m in list(reversed(before)) + list(reversed(self.history))
                if m.actor_norm and not (exclude is not None and m.actor_norm == exclude.norm)]
        for t in types:
            for m in pool:
                if t == "ANY" or m.actor_type == t:
                    return Arg(n.text, m.actor_norm, m.actor_code, m.actor_type, n.start, n.end, "coref")
        return None

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
            if m.sentence_idx == last and m.actor_norm and ("ANY" in types or m.actor_type in types):
                return m
        return None

    def np(self, node: int, allow_coref: bool = True) -> Arg | None:
        """The actor a noun phrase headed by ``node`` stands for (conjuncts joined)."""
        heads = [node] + [c.id for c in self.tree.children(node, "conj")]
        args = [a for h in heads if (a := self._np_single(h, allow_coref))]
        # one actor named twice (the same norm) is one actor
        uniq: dict[str | None, Arg] = {}
        for a in args:
            uniq.setdefault(a.norm or a.text, a)
        return join(list(uniq.values()), "conj" if len(uniq) > 1 else None) if uniq else None

    def _np_single(self, node: int, allow_coref: bool) -> Arg | None:
        tree = self.tree
        own = self.by_word.get(node)
        if own is not None:
            # a person named in apposition wins ("министр Лавров")
            for c in tree.children(node, "appos", "flat", "flat:name"):
                pm = self.by_word.get(c.id)
                if pm is not None and pm is not own and pm.actor_type == "PERSON":
                    return Arg.of(pm)
            if own.actor_code or not self._has_coded_inside(node, own):
                return Arg.of(own)
        sub = tree.subtree(node, skip_rels=NP_SKIP)
        inside = []
        body = tree[node].lemma in self.lex.bodies
        for m in self.mentions:
            if m is own:
                continue
            if set(m.word_ids) <= set(sub):
                head = min(m.word_ids, key=lambda w: tree.distance(node, w))
                # "a Ukraine peace conference": a modifier of a thing is not an actor; of a body it is
                if not body and tree[head].deprel in ("amod", "compound") and tree[head].head == node:
                    continue
                # "a conference at the Burgenstock Resort": a place is not a party
                if not body and self._via_locative(node, head):
                    continue
                inside.append((tree.distance(node, head), m))
        if inside:
            persons = [x for x in inside if x[1].actor_type == "PERSON" and x[0] <= 2]
            if persons:
                person = Arg.of(min(persons, key=lambda x: x[0])[1])
                if person.code is None:  # "Президент Аргентины Хавьер Милей" serves Argentina
                    country = [x for x in inside if x[1].actor_type == "COUNTRY" and x[1].actor_code and x[0] <= 2]
                    if country:
                        person.code = min(country, key=lambda x: x[0])[1].actor_code
                return person
            coded = [x for x in inside if x[1].actor_code and x[0] <= 3]
            pick = min(coded or inside, key=lambda x: x[0])
            if pick[0] <= 3:
                n = tree[node]
                m = pick[1]
                if own is not None and not m.actor_code:
                    return Arg.of(own)
                # body noun + country ("МИД России", "лидеры РФ и КНДР"): surface of the whole phrase,
                # every coded party inside it
                if n.lemma in self.lex.bodies and m.actor_type in ("COUNTRY", "ORG"):
                    wide = tree.subtree(node, skip_rels=tuple(r for r in NP_SKIP if r != "conj"))
                    parties = [x for x in self.mentions if x.actor_code and set(x.word_ids) <= set(wide)
                               and x.actor_type in ("COUNTRY", "ORG")]
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
            if first == "COUNTRY" and sp.type == "PERSON" and not sp.code and allow_coref:
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
            a = self.last_pair
            return Arg(n.text, a.norm, a.code, a.type, n.start, n.end, "coref")
        if n.lemma in DEMONSTRATIVES:
            return None  # "это" points at a situation, not at an actor
        if n.upos == "PRON" or n.lemma in self.lex.pronouns or n.text.lower() in self.lex.pronouns:
            types = self.lex.pronouns.get(n.lemma) or self.lex.pronouns.get(n.text.lower(), ("ANY",))
            speaker = self._clause_speaker(node)
            if speaker is not None and ("ANY" in types or speaker.type in types):
                return Arg(n.text, speaker.norm, speaker.code, speaker.type, n.start, n.end, "coref")
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
                return self._coref(node, self.lex.roles[n.lemma])  # "the ministry", "the group"
            if n.feats.get("Number") != "Plur" and not n.text.lower().endswith("s") \
                    and any(d.lemma == "the" for d in tree.children(node, "det")):
                # "the Palestinian militant group", "the Southeast Asian bloc": a described definite role
                # noun points back like a bare one
                return self._coref(node, self.lex.roles[n.lemma])
            if n.feats.get("Number") == "Plur" or n.text.lower().endswith("s"):
                # a described, unnamed group ("human rights groups"): kept by its surface, no code
                s, e, text = self._phrase(tree.subtree(node, skip_rels=NP_SKIP + ("det",)), node)
                return Arg(text, text.lower(), None, "GROUP", s, e, "phrase")
        return None

    def subject(self, node: int) -> tuple[Arg | None, str]:
        """The agent of a predicate: its subject, the passive agent, or inherited from a governor."""
        tree = self.tree
        n = tree[node]
        subj = [c for c in tree.children(node) if c.rel in SUBJ and c.deprel != "nsubj:pass"]
        if not subj and n.lemma in self.lex.stative_passives:
            subj = tree.children(node, "nsubj:pass")  # "he was engaged in talks": the subject acts
        if not subj and n.rel == "xcomp" and n.head and tree[n.head].lemma in self.lex.raising_passives:
            subj = tree.children(n.head, "nsubj:pass")  # "Germany is expected to announce": Germany will
        if not subj:
            # the compact tagger sometimes takes a sentence-initial name for an auxiliary or modifier
            # ("Beijing/VERB lodged a protest"): a party named before the verb and hung on it acts
            subj = [c for c in tree.children(node, "aux", "dep", "advmod", "compound", "amod", "det")
                    if c.id < node and c.id == tree.ids[0] and (m := self.by_word.get(c.id)) is not None and m.actor_code]
        if not subj and self.lex.lang == "en" \
                and not any(a.lemma in ("be", "get") for a in tree.children(node, "aux:pass", "aux")) \
                and not (n.rel in ("acl", "amod") and n.feats.get("VerbForm") == "Part"):
            subj = tree.children(node, "nsubj:pass")  # no passive auxiliary: an active subject mislabelled
        if len(subj) > 1 and any(tree[i].lemma in ("and", "и", "&") for i in range(subj[0].id, subj[-1].id)
                                 if i in tree.nodes):
            # two subjects joined by "and" that the parser did not link as a coordination
            args = [a for c in subj if (a := self.np(c.id)) is not None]
            if len(args) > 1:
                return join(args, "conj"), "subject"
        if len(subj) > 1:
            # "Russian … Lavrov met", "Spain, the host of the summit, said": the subject
            # nearest the verb that names an actor
            for c in reversed(subj):
                arg = self.np(c.id)
                if arg is not None:
                    return arg, "subject"
            subj = [subj[-1]]
        if subj:
            arg = self.np(subj[0].id)
            if arg is None and subj[0].lemma in self.lex.documents:
                return self._signers(subj[0].id), "document_signers"
            return arg, "subject"
        agent = [c for c in tree.children(node, "obl:agent")]
        if not agent and (n.feats.get("Voice") == "Pass" or tree.children(node, "aux:pass", "nsubj:pass")):
            for c in tree.children(node, "obl", "nmod"):
                cases = {k.lemma for k in tree.children(c.id, "case")}
                if cases & {"by"} or (self.lex.lang == "ru" and not cases and (c.feats.get("Case") == "Ins" or (
                        "Case" not in c.feats and (m := self.by_word.get(c.id)) is not None and m.actor_code))):
                    agent = [c]  # "приглашена НАТО": an indeclinable name has no case to show it is the agent
        if agent:
            return self.np(agent[0].id), "agent"
        cop_subj = [c for c in tree.children(node, "nsubj:pass")]
        if n.upos == "ADJ" and cop_subj:
            return self.np(cop_subj[0].id), "subject"
        if tree.children(node, "nsubj:pass") and not subj:
            return None, "passive"  # a passive with no agent phrase: the agent is not its governor's subject
        # inherited: xcomp/ccomp/conj/advcl take the governor's subject; participles their noun
        if n.rel in ("xcomp", "conj", "ccomp", "advcl", "parataxis", "csubj") and n.head:
            gov = tree[n.head]
            if n.rel == "conj" and gov.rel in ("nsubj", "obj", "obl", "nmod"):
                if n.upos == "VERB" and gov.upos in ("NOUN", "PROPN") and gov.head \
                        and tree[gov.head].upos in ("VERB", "AUX") and n.id > gov.head:
                    # "condemned the attack and called for restraint", the verb hung on the noun: a verb is
                    # no conjunct of a noun, so it shares the clause verb's subject
                    arg, how = self.subject(gov.head)
                    return arg, f"inherited:{how}"
                return None, "none"
            arg, how = self.subject(gov.id)
            return arg, f"inherited:{how}"
        if n.rel in ("acl", "nmod") and n.head and n.feats.get("VerbForm") == "Inf":
            holder = tree[n.head]  # "приняли решение прекратить", "took the decision to end": the taker acts
            if holder.upos == "NOUN" and holder.rel in ("obj", "nsubj:pass", "nsubj") and holder.head \
                    and tree[holder.head].upos in ("VERB", "AUX"):
                for c in tree.children(holder.head, "obl"):  # "у Путина нет планов посетить": the possessor
                    if {k.lemma for k in tree.children(c.id, "case")} & {"у"}:
                        arg = self.np(c.id)
                        if arg is not None:
                            return arg, "possessor"
                if holder.rel != "nsubj":
                    arg, how = self.subject(holder.head)
                    if arg is not None:
                        return arg, f"inherited:{how}"
        if n.rel == "acl" and n.head:
            arg = self.np(n.head)
            holder = tree[n.head]
            if arg is None and holder.lemma in self.lex.documents and holder.rel == "obj" and holder.head:
                # "the Council adopted a resolution demanding a ceasefire": who adopted it demands
                arg, how = self.subject(holder.head)
                return arg, f"document_adopter:{how}"
            return arg, "modified_noun"
        # indefinite-personal clauses: "в Кремле заявили", "в МИД отметили" -> the institution
        if self.lex.lang == "ru" and n.feats.get("Number") == "Plur" and n.upos in ("VERB", "ADJ"):
            for c in tree.children(node, "obl"):
                if {k.lemma for k in tree.children(c.id, "case")} & {"в", "во"}:
                    arg = self.np(c.id, allow_coref=False)
                    if arg and arg.code and arg.type in ("COUNTRY", "ORG"):
                        return arg, "institution"
        if n.deprel == "acl:relcl" and n.head and not tree.children(node, "aux:pass"):
            return self.np(n.head), "relative"
        return None, "none"

    def _phrase(self, ids: list[int], head: int) -> tuple[int, int, str]:
        """Surface of a noun phrase: without a dangling time phrase ("leaders on Friday") and without
        a leading preposition or conjunction the parser hung on the head ("as human rights groups")."""
        tree = self.tree
        drop: set[int] = set()
        for c in tree.children(head):
            if c.lemma.lower() in TEMPORAL or c.deprel.endswith("tmod") or (
                    c.rel in ("nmod", "obl") and c.upos == "NUM"):
                drop.update(tree.subtree(c.id))
            if c.rel in ("case", "mark", "cc") and c.id < head:
                drop.add(c.id)
        keep = sorted(i for i in ids if i not in drop)
        while len(keep) > 1 and tree[keep[0]].rel in ("case", "mark", "cc", "punct"):
            keep.pop(0)
        return tree.span_text(keep or ids)

    def _names_party(self, c, visit: bool) -> bool:
        """A locative-case argument is a target only when it names a party itself and, in Russian, is
        not in the locative case ("визит в Китай", not "в Китае") unless a visit names the country
        visited ("находящийся с визитом в Турции")."""
        m = self.by_word.get(c.id)
        if m is None:
            return False
        if visit:
            return c.feats.get("Case") != "Loc" or m.actor_type == "COUNTRY"
        return self.lex.lang != "en" and c.feats.get("Case") not in ("Loc", None)  # "в Китай", not "in Abuja"

    def target(self, node: int, exclude: Arg | None, frame_ids: set[int] = frozenset(),
               max_rank: int = 3, visit: bool = False) -> Arg | None:
        tree = self.tree
        n = tree[node]
        cases = TARGET_CASES.get(self.lex.lang, set())
        cands = []
        passive_subj = tree.children(node, "nsubj:pass")
        for c in passive_subj + tree.children(node, "iobj", "obj", "obl", "nmod", "nmod:poss", "xcomp"):
            if c.deprel in ("obl:tmod", "obl:npmod", "nmod:tmod") or c.lemma in TEMPORAL:
                continue
            frame_prep = [k for k in tree.children(c.id, "case", "mark") if k.id in frame_ids]
            if (c.id in frame_ids or (frame_prep and all(cases.get(k.lemma, 9) > 1 for k in frame_prep))) \
                    and c.upos not in ("PROPN",):
                # a frame noun ("санкции против X", "sanctions on X") may carry the target inside it,
                # behind an addressee preposition; "call for the withdrawal of X" names no addressee
                for g in self._inner_addressees(c.id, cases):
                    cands.append((2, g))
                for g in tree.children(c.id, "nsubj"):  # "called for the Council to withdraw"
                    cands.append((2, g))
                if c.lemma in self.lex.bodies:  # "выслала российского дипломата": whose diplomat
                    cands.append((2, c))
                continue
            if c.rel in ("obl", "nmod"):
                cs = {k.lemma for k in tree.children(c.id, "case")}
                if c.deprel == "nmod:poss" or (n.upos == "NOUN" and c.feats.get("Case") == "Gen" and not cs):
                    continue  # a possessor or genitive of a noun predicate is its agent, not target
                if cs and not cs & set(cases):
                    continue
                if not cs and c.feats.get("Case") not in ("Dat", None) and self.lex.lang == "ru":
                    continue
                rank = min((cases[x] for x in cs if x in cases), default=1)
                if rank >= 3 and (rank > max_rank or not self._names_party(c, visit)):
                    continue  # "на полях саммита БРИКС", "in Israel the day before": a place, not a party
            elif c.rel == "xcomp":
                rank = 4
            else:
                rank = 0
            cands.append((rank, c))
        def ok(a: Arg | None) -> bool:
            return bool(a and a.norm and not (exclude and (a.norm == exclude.norm or a.start == exclude.start)))

        ordered = sorted(cands, key=lambda x: (x[0], x[1].id))
        for _, c in ordered:
            if c.rel == "xcomp" and c.upos in ("VERB", "AUX"):
                arg = self.target(c.id, exclude, frame_ids, max_rank, visit)  # "не намерен продвигать отношения с X"
            else:
                arg = self.np(c.id, allow_coref=False)
                if arg is None and c.rel == "obj" and c.lemma in self.lex.entries:
                    arg = self.noun_agent(c.id)  # "rejected the UN call": whoever made the call
                if arg is None and c.lemma in self.lex.roles and c.upos == "NOUN":
                    arg = self._coref(c.id, self.lex.roles[c.lemma], exclude)  # "из африканской страны"
            if ok(arg):
                return arg
        # no named party: an unnamed group of people addressed by the act ("пригласил 160 делегаций",
        # "met with local leaders") is kept by its surface, without a code
        for rank, c in ordered:
            if max_rank < 3:
                break  # a statement's audience ("told diplomats", "сказал журналистам") is no party
            if rank <= 2 and c.upos == "NOUN" and c.rel in ("obj", "iobj", "obl", "nmod") and self._people(c) \
                    and c.id not in frame_ids:  # "направлять собственных военных": the troops sent, not a target
                s, e, text = tree.span_text(tree.subtree(c.id, skip_rels=NP_SKIP + ("case",)))
                return Arg(text, c.lemma, None, "GROUP", s, e, "phrase")
        return None

    def deep_target(self, node: int, exclude: Arg | None, skip: set[int] = frozenset(), depth: int = 4) -> Arg | None:
        """A coded party inside what the act is about, when no argument names one: "called for progress
        in their peace plan for Myanmar", "reserved the right to review Myanmar's representation".
        Breadth first through objects, obliques, nominal modifiers and infinitive complements; places,
        times and the speaker's content clauses are not entered."""
        tree = self.tree
        frontier = [node]
        for _ in range(depth):
            nxt = []
            for h in frontier:
                for c in tree.children(h, "obj", "obl", "nmod", "nmod:poss", "xcomp", "acl", "advcl", "iobj"):
                    if c.id in skip or c.lemma.lower() in TEMPORAL or c.deprel.endswith("tmod"):
                        continue
                    if {k.lemma for k in tree.children(c.id, "case")} & LOCATIVE and not self._about_place(h, c):
                        continue  # "a force in the Strip" is where; "the situation in Myanmar" is what
                    m = self.by_word.get(c.id)
                    if m is not None and m.actor_code and not (
                            exclude is not None and (m.actor_code == exclude.code or m.actor_norm == exclude.norm)):
                        return Arg.of(m)
                    nxt.append(c.id)
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

    def _signers(self, node: int) -> Arg | None:
        """Who stands behind a document: the agent of its participle ("подписанный лидерами РФ и
        КНДР", "signed by X"), else the parties of the previous event."""
        for acl in self.tree.children(node, "acl", "amod"):
            for c in self.tree.children(acl.id, "obl", "obl:agent", "nmod"):
                cs = {k.lemma for k in self.tree.children(c.id, "case")}
                if "by" in cs or (self.lex.lang == "ru" and c.feats.get("Case") == "Ins" and not cs):
                    arg = self.np(c.id, allow_coref=False)
                    if arg is not None:
                        return arg
        return self.last_pair

    def between(self, node: int, depth: int = 3) -> Arg | None:
        """Parties of "между A и B" / "between A and B" under a predicate (or its nmod chain)."""
        for c in self.tree.children(node, "obl", "nmod"):
            if {k.lemma for k in self.tree.children(c.id, "case")} & {"между", "between"}:
                arg = self.np(c.id, allow_coref=False)
                if arg and arg.parts:
                    return arg
            elif depth > 1 and c.rel == "nmod":
                arg = self.between(c.id, depth - 1)
                if arg:
                    return arg
        return None

    def has_partner(self, node: int) -> bool:
        """A noun predicate naming whom it is with ("встреча с X", "talks with X")."""
        return any({k.lemma for k in self.tree.children(c.id, "case")} & {"с", "со", "with"}
                   for c in self.tree.children(node, "nmod", "obl"))

    def noun_agent(self, node: int) -> Arg | None:
        """The agent of a noun predicate: possessor, genitive or adjective (Russia's proposal,
        просьба США, российское предложение)."""
        tree = self.tree
        for c in tree.children(node, "nmod:poss", "nmod", "amod", "compound", "det:poss"):
            cs = {k.lemma for k in tree.children(c.id, "case")}
            if c.rel == "nmod" and cs and not cs & {"of", "'s", "by", "от", "со", "стороны"}:
                continue
            if c.rel == "nmod" and not cs and self.lex.lang == "ru" and c.feats.get("Case") != "Gen":
                continue
            if c.deprel == "nmod" and not cs and self.lex.lang == "en":
                continue  # "the summit in Phnom Penh" split by the parser: a bare nmod is no possessor
            arg = self.np(c.id, allow_coref=c.upos == "PRON" or c.deprel == "det:poss")
            if arg and arg.norm:
                return arg
        return None
