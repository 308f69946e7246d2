"""Arguments of events: the ``Arg`` value (an actor or target with its surface, norm, code and
span), the word lists the argument finders share and the ``Scope`` of one sentence they read."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from extractors.events.lexicon import Lexicon
from extractors.events.tree import Node, Tree
from extractors.records import Mention

NP_SKIP = ("acl", "acl:relcl", "conj", "parataxis", "advcl", "ccomp", "csubj", "cc", "punct", "dep", "xcomp")
SUBJ = ("nsubj", "csubj")


@dataclass
class Arg:
    text: str
    norm: str | None
    code: str | None
    type: str | None
    start: int
    end: int
    via: str  # mention | coref | fallback | conj | speaker | phrase | crowd
    parts: tuple["Arg", ...] = ()

    @classmethod
    def of(cls, m: Mention, via: str = "mention", text: str | None = None, start: int | None = None,
           end: int | None = None) -> "Arg":
        return cls(text or m.text, m.actor_norm, m.actor_code, m.actor_type,
                   m.start_char if start is None else start, m.end_char if end is None else end, via)

    def found(self, via: str) -> "Arg":
        """The same party found another way (its parts left out)."""
        return Arg(self.text, self.norm, self.code, self.type, self.start, self.end, via)

    @classmethod
    def at(cls, word: Node, party: "Arg", via: str = "coref") -> "Arg":
        """``party`` as the word that stands for it (a pronoun, "we", "the two leaders")."""
        return cls(word.text, party.norm, party.code, party.type, word.start, word.end, via)


def party_columns(arg: Arg | None) -> tuple[str | None, str | None]:
    """The codes and types of an argument's parties, "|"-joined in the order of its joined norms (one
    entry per distinct norm, "" where a party has no code or type)."""
    if arg is None or not arg.norm:
        return None, None
    flat, stack = [], [arg]
    while stack:
        a = stack.pop(0)
        if a.parts:
            stack = list(a.parts) + stack
        else:
            flat.append(a)
    seen: dict[str, Arg] = {}
    for a in flat:
        if a.norm:
            seen.setdefault(a.norm, a)
    if list(seen) != arg.norm.split("|"):  # a single party (or norms joined otherwise): the argument itself
        return arg.code or "", arg.type or ""
    return "|".join(a.code or "" for a in seen.values()), "|".join(a.type or "" for a in seen.values())


def join(args: list[Arg], via: str | None = None, source: str | None = None) -> Arg:
    """Several parties as one argument ("France and Germany"): its span runs from the first part to the
    last, and with the ``source`` text its surface is that span's text, so the span reproduces it."""
    if len(args) == 1:
        return args[0]
    norms = [a.norm for a in args if a.norm]
    start, end = min(a.start for a in args), max(a.end for a in args)
    surface = source[start:end] if source is not None else ", ".join(a.text for a in args)
    return Arg(text=surface, norm="|".join(dict.fromkeys(norms)) or None,
               code=next((a.code for a in args if a.code), None),
               type=args[0].type if len({a.type for a in args}) == 1 else "GROUP",
               start=min(a.start for a in args), end=max(a.end for a in args), via=via or args[0].via,
               parts=tuple(args))


def phrase(tree: Tree, ids: list[int], head: int) -> tuple[int, int, str]:
    """Surface of a noun phrase: without a dangling time phrase ("leaders on Friday") and without
    a leading preposition or conjunction the parser hung on the head ("as human rights groups")."""
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


def apart(code: str | None, norm: str | None, exclude: Arg | None) -> bool:
    """A party (by its code and norm) that is not ``exclude``: another norm, and another code if it has one."""
    return exclude is None or not (norm == exclude.norm or code and code == exclude.code)


def is_amount(tree: Tree, node: Node, measures: frozenset[str] = frozenset()) -> bool:
    """"$2 billion", "500 million euros", "a shipment of": a number, a noun counted by one, or a
    measure noun of the lexicon ("a batch of armoured vehicles")."""
    return node.upos in ("NUM", "SYM") or node.lemma in measures or bool(tree.children(node.id, "nummod"))


@dataclass(frozen=True)
class Salience:
    """What the document read so far makes salient in one sentence: given by the caller, read by coreference."""
    last_pair: Arg | None = None  # actor and target of the previous event, joined ("the parties")
    last_actor: Arg | None = None  # the previous event's actor: the most salient antecedent
    last_actor_recent: bool = True  # False when the sentence just before produced no event
    speaker: Arg | None = None  # who speaks in this sentence (for I/we in quotes)
    countries: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # code -> (norm, type): "we" = the speaker's country
    # ids of country mentions that name an unnamed person's side ("the Iranian foreign minister"): "he"
    # may point back to them (collected by the caller for the whole document)
    person_sides: frozenset[int] | set[int] = frozenset()
    groups: tuple[Arg, ...] = ()  # recent events' parties of three or more, the latest first ("the three states")
    last_two: Arg | None = None  # the last two or more parties that acted together or on each other ("the two sides")


class Scope:
    """One sentence as the argument finders read it: its tree, its mentions (news media aside) and the
    mention of each word, the document's earlier mentions, the lexicon and what is salient."""

    def __init__(self, tree: Tree, mentions: list[Mention], history: list[Mention], lex: Lexicon,
                 salience: Salience = Salience()):
        self.tree, self.lex, self.seen = tree, lex, salience
        # an uncoded "name" that is only a role word ("the Foreign Ministry head", "the Republic denied":
        # a capital the tagger took for a name) names no party: coreference resolves it
        bare = lex.roles.keys() | lex.latter_words
        self.history = [m for m in history if m.actor_code or (m.actor_norm or "").lower() not in bare]
        self.mentions = [m for m in mentions if m.source != "media" and (m.actor_code or not {
            tree[w].lemma.lower() for w in m.word_ids if tree[w].upos != "PUNCT"} <= bare)]
        self.by_word = {w: m for m in self.mentions for w in m.word_ids}

    def words(self, m: Mention) -> set[int]:
        """A mention's words less punctuation ("el-Sisi": the hyphen hangs as punct, outside NP subtrees)."""
        return {w for w in m.word_ids if self.tree[w].upos != "PUNCT"} or set(m.word_ids)


class Part:
    """One of the argument finders of a sentence, reading its ``Scope``."""

    def __init__(self, scope: Scope):
        self.scope, self.tree, self.lex, self.seen = scope, scope.tree, scope.lex, scope.seen
        self.mentions, self.by_word, self.history = scope.mentions, scope.by_word, scope.history
