"""A read-only view of one Stanza sentence as a dependency tree with character offsets (read-only once
the parse repairs have run on it)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from extractors.events.grammar import Grammar
from extractors.events.repairs import repair


@dataclass(slots=True)
class Node:
    id: int
    text: str
    lemma: str
    upos: str
    feats: dict[str, str]
    head: int
    deprel: str
    start: int
    end: int
    children: list[int] = field(default_factory=list)
    rel: str = ""  # the universal part of the relation (``obl:agent`` -> ``obl``)

    def __post_init__(self) -> None:
        self.rel = self.deprel.split(":")[0]  # computed once: the tree is read-only after it is built


@functools.lru_cache(maxsize=4096)
def _parsed_feats(s: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(p.split("=", 1)) for p in s.split("|") if "=" in p)


def _feats(s: str | None) -> dict[str, str]:
    return dict(_parsed_feats(s)) if s else {}


class Tree:
    def __init__(self, sentence, text: str, measures: frozenset[str] = frozenset(),
                 clause_nouns: frozenset[str] = frozenset(), grammar: Grammar | None = None,
                 skip_repairs: frozenset[str] = frozenset()):
        self.text = text
        self.g = grammar if grammar is not None else Grammar(lang="")  # the language's words and features
        self.nodes: dict[int, Node] = {}
        for tok in sentence.tokens:
            for w in tok.words:
                start = w.start_char if w.start_char is not None else tok.start_char
                end = w.end_char if w.end_char is not None else tok.end_char
                self.nodes[w.id] = Node(
                    id=w.id, text=w.text, lemma=self.g.fold((w.lemma or w.text).lower()),
                    upos=w.upos or "X", feats=_feats(w.feats), head=w.head if w.head is not None else 0,
                    deprel=w.deprel or "dep", start=start, end=end)
        self.ids = sorted(self.nodes)
        self.start = min((n.start for n in self.nodes.values()), default=0)
        self.end = max((n.end for n in self.nodes.values()), default=0)
        self.link()
        # the ids of the parse repairs (lexicons/rules/repairs.yaml) that changed the tree, once per place
        self.repaired_by = repair(self, measures, clause_nouns, skip_repairs)
        self.repaired = len(self.repaired_by)

    def link(self) -> None:
        """The children lists built from the heads (again after a repair moved a word)."""
        for n in self.nodes.values():
            n.children = []
        for n in self.nodes.values():
            if n.head in self.nodes:
                self.nodes[n.head].children.append(n.id)

    def __getitem__(self, i: int) -> Node:
        return self.nodes[i]

    def children(self, i: int, *rels: str) -> list[Node]:
        kids = [self.nodes[c] for c in self.nodes[i].children]
        if not rels:
            return kids
        return [k for k in kids if k.deprel in rels or k.rel in rels]

    def cases(self, i: int) -> set[str]:
        """The lemmas of the case markers (prepositions) on ``i``, with the noun fixed to one in a
        multi-word preposition (the grammar's ``preposition_nouns``: "with regard to")."""
        cases = self.children(i, "case")
        return {k.lemma for k in cases} | {f.lemma for k in cases for f in self.children(k.id, "fixed")
                                          if f.lemma in self.g.preposition_nouns}

    def parent(self, i: int) -> Node | None:
        return self.nodes.get(self.nodes[i].head)

    def ancestors(self, i: int) -> list[Node]:
        out, seen = [], {i}
        p = self.parent(i)
        while p is not None and p.id not in seen:
            out.append(p)
            seen.add(p.id)
            p = self.parent(p.id)
        return out

    def subtree(self, i: int, skip_rels: tuple[str, ...] = ()) -> list[int]:
        """Ids in the subtree of ``i`` (sorted); children attached by ``skip_rels`` are left out."""
        out, stack, seen = [], [i], set()
        while stack:
            j = stack.pop()
            if j in seen:
                continue
            seen.add(j)
            out.append(j)
            for c in self.nodes[j].children:
                n = self.nodes[c]
                if n.deprel in skip_rels or n.rel in skip_rels:
                    continue
                stack.append(c)
        return sorted(out)

    def span(self, ids: list[int]) -> tuple[int, int]:
        return min(self.nodes[i].start for i in ids), max(self.nodes[i].end for i in ids)

    def span_text(self, ids: list[int]) -> tuple[int, int, str]:
        s, e = self.span(ids)
        return s, e, self.text[s:e]

    def distance(self, a: int, b: int) -> int:
        """Path length between two nodes in the tree (large if disconnected)."""
        up_a = [a] + [n.id for n in self.ancestors(a)]
        up_b = [b] + [n.id for n in self.ancestors(b)]
        pos_b = {n: k for k, n in enumerate(up_b)}
        for k, n in enumerate(up_a):
            if n in pos_b:
                return k + pos_b[n]
        return 99
