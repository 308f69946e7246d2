"""Arguments of events: the ``Arg`` value (an actor or target with its surface, norm, code and
span) and the word lists the argument finders share."""
from __future__ import annotations

from dataclasses import dataclass

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


def is_amount(tree: Tree, node: Node, measures: frozenset[str] = frozenset()) -> bool:
    """"$2 billion", "500 million euros", "a shipment of": a number, a noun counted by one, or a
    measure noun of the lexicon ("a batch of armoured vehicles")."""
    return node.upos in ("NUM", "SYM") or node.lemma in measures or bool(tree.children(node.id, "nummod"))
