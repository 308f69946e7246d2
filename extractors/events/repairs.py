"""Repairs of a parsed sentence before events are read from it: head cycles, and parses the compact
and natasha parsers get wrong in news text in ways that change who does what ("Hungary, a close ally
of Moscow, blocked…", "Mercosur, as the group is called, suspended…", "…days after Hamas fired…"). The
repairs are the rules of ``lexicons/rules/repairs.yaml``, in its order: tree-pattern rewrites, or where
the pattern language cannot state one, a step of ``CODE`` below, which works on the node map and
returns how many places it changed."""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from extractors.events import patterns
from extractors.events.grammar import Grammar

if TYPE_CHECKING:
    from extractors.events.tree import Node, Tree

FILE = patterns.REPAIRS
RULE_KEYS = frozenset({"id", "reason", "pattern", "actions", "code", "examples"})


@dataclass(frozen=True)
class Words:
    """What the repairs read: the language's grammar and the lexicon's ``measures`` and ``clause_nouns``."""
    g: Grammar
    measures: frozenset[str]
    clause_nouns: frozenset[str]

    def __call__(self, name: str) -> frozenset[str]:
        if name in ("measures", "clause_nouns"):
            return getattr(self, name)
        return frozenset(getattr(self.g, name.removeprefix("grammar.")))


@dataclass(frozen=True)
class Repair:
    id: str
    reason: str
    run: Callable[[Tree, Words], int]
    upos: frozenset[str] | None = None  # a rewrite's index keys: it is tried only on a tree with such a word
    lemmas: frozenset[str] | None = None

    def may_match(self, upos: set[str], lemmas: set[str]) -> bool:
        return (self.upos is None or not self.upos.isdisjoint(upos)) and (
            self.lemmas is None or not self.lemmas.isdisjoint(lemmas))


def _break_cycles(nodes: dict[int, Node]) -> int:
    """Parsers can emit head cycles (a -> b -> a). Reattach the lowest id of each cycle to the
    sentence root (or make it the root when there is none) so every rule sees a tree. Returns how
    many heads were changed."""
    roots = [n.id for n in nodes.values() if n.head == 0]
    changed = 0
    reach_root: set[int] = set()  # nodes already known to lead to the root
    for start in sorted(nodes):
        path, on_path, j = [], set(), start
        while j in nodes and j not in on_path and j not in reach_root:
            path.append(j)
            on_path.add(j)
            j = nodes[j].head
        if j not in on_path:
            reach_root.update(path)
            continue
        cycle = path[path.index(j):]  # a cycle: the nodes from j to the end of path
        low = min(cycle)
        root = next((r for r in roots if r not in cycle), None)
        nodes[low].head = root if root is not None else 0
        if root is None:
            roots.append(low)
        changed += 1
    return changed


STRANDED_RELS = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "parataxis", "dep", "appos", "conj"})


def _false_agent(nodes: dict[int, Node], n: Node, g: Grammar) -> bool:
    """An oblique labelled a passive's agent behind a preposition that names no agent ("mediated
    [between Kabul and Washington]" read as a passive): the participle is an active past form."""
    return n.deprel == "obl:agent" and any(
        k.head == n.id and k.rel == "case" and k.lemma.lower() not in g.agent_preps for k in nodes.values())


def _promote_stranded_predicate(nodes: dict[int, Node], g: Grammar) -> int:
    """"Russia, which has denied any involvement, accused Ukraine of …" parsed with the name as the
    root and the main verb hung inside the relative clause: when the root is a noun with a relative
    clause and, after a comma inside that clause, a finite verb with no subject of its own follows,
    that verb is the sentence's predicate and the noun its subject. Returns 1 if repaired."""
    roots = [n for n in nodes.values() if n.head == 0]
    if len(roots) != 1 or roots[0].upos not in ("NOUN", "PROPN", "PRON"):
        return 0
    root = roots[0]
    # a relative clause, or an aside "as the group is called" ("Mercosur, as the group is called, suspended…")
    relcls = [n for n in nodes.values() if n.head == root.id and (n.deprel == "acl:relcl" or (
        n.deprel in ("acl", "advcl") and any(k.head == n.id and k.rel == "mark" and k.lemma.lower() in g.aside_marks
                                             for k in nodes.values())))]

    def under(n: Node, top: int) -> bool:
        seen = 0
        while n.head and seen < len(nodes):
            if n.head == top:
                return True
            n, seen = nodes.get(n.head, root), seen + 1
        return False

    for v in sorted(nodes.values(), key=lambda n: n.id):
        # a past form read as the modifier of the noun after it ("imposed/amod sanctions"): that noun
        # is its object
        obj = nodes.get(v.head) if v.deprel == "amod" and v.head > v.id and v.upos == "VERB" else None
        if (v.upos != "VERB" or (v.deprel not in STRANDED_RELS and obj is None)
                or v.id - 1 not in nodes or nodes[v.id - 1].text != ","):
            continue
        kids = [n for n in nodes.values() if n.head == v.id]
        if v.deprel == "conj" and any(n.rel == "cc" for n in kids):
            continue  # "which invaded X, and annexed Y": a second verb of the relative clause
        if any(n.rel in ("nsubj", "csubj", "expl") for n in kids):
            continue
        # a finite verb ("accused", "has accused"); or a past form with no auxiliary that the tagger
        # read as a participle ("accused Ukraine") and that takes a direct object, which a reduced
        # passive relative would not
        finite = v.feats.get("VerbForm") == "Fin" or any(
            n.rel == "aux" and n.feats.get("VerbForm") == "Fin" for n in kids)
        # (or one joined to a finite verb: "called for a deal and urged both sides…")
        bare_past = (v.feats.get("VerbForm") == "Part" and v.feats.get("Tense") == "Past"
                     and not any(n.rel == "aux" for n in kids) and (obj is not None or any(
                         n.rel == "obj" or (n.rel == "conj" and n.feats.get("VerbForm") == "Fin") for n in kids)
                         or any(_false_agent(nodes, n, g) for n in kids)))
        if not finite and not bare_past:
            continue
        if not any(r.id < v.id and under(v, r.id) for r in relcls):
            continue
        passive = any(n.deprel == "aux:pass" for n in kids)
        if bare_past:
            v.feats = {k: x for k, x in v.feats.items() if k != "Voice"} | {"Mood": "Ind", "VerbForm": "Fin"}
        for n in nodes.values():  # the sentence's closing punctuation follows the predicate
            if n.head == root.id and n.upos == "PUNCT" and n.id > v.id:
                n.head = v.id
        if obj is not None:
            obj.head, obj.deprel, obj.rel = v.id, "obj", "obj"
        for n in kids:
            if _false_agent(nodes, n, g):
                n.deprel = "obl"
        v.head, v.deprel, v.rel = 0, "root", "root"
        root.head, root.deprel, root.rel = v.id, "nsubj:pass" if passive else "nsubj", "nsubj"
        return 1
    return 0


def _relative_clause_as_root(nodes: dict[int, Node], g: Grammar) -> int:
    """"Peru, whose president backed the plan, signed a deal with Chile" parsed with the relative clause's
    verb as the root, the name hung on it (vocative, dep) and the main verb its conjunct after a comma:
    that conjunct is the sentence's predicate, the name its subject, and the clause whose subject is (or
    is owned by) a relative word the name's relative clause. Returns 1 if repaired."""
    roots = [n for n in nodes.values() if n.head == 0]
    if len(roots) != 1 or roots[0].upos not in ("VERB", "AUX"):
        return 0
    root = roots[0]
    kids = sorted((n for n in nodes.values() if n.head == root.id), key=lambda n: n.id)
    subj = next((n for n in kids if n.rel == "nsubj" and n.id < root.id), None)
    if subj is None or not (subj.lemma.lower() in g.relative_pronouns or any(
            n.head == subj.id and n.lemma.lower() in g.relative_pronouns for n in nodes.values())):
        return 0
    name = next((n for n in kids if n.id < subj.id and n.upos in ("PROPN", "NOUN") and n.rel not in ("nsubj", "obl", "obj")
                 and any(k.text == "," and n.id < k.id < subj.id for k in nodes.values())), None)
    v = next((n for n in kids if n.id > root.id and n.upos == "VERB" and n.rel in ("conj", "parataxis")
              and n.id - 1 in nodes and nodes[n.id - 1].text == ","
              and n.feats.get("VerbForm") == "Fin"), None)
    if name is None or v is None or any(n.head == v.id and n.rel in ("nsubj", "csubj", "expl", "cc") for n in nodes.values()):
        return 0
    for n in kids:  # the sentence's closing punctuation follows the predicate
        if n.upos == "PUNCT" and n.id > v.id:
            n.head = v.id
    v.head, v.deprel, v.rel = 0, "root", "root"
    name.head, name.deprel, name.rel = v.id, "nsubj", "nsubj"
    root.head, root.deprel, root.rel = name.id, "acl:relcl", "acl"
    return 1


# prepositions that also open a clause: "followed after hundreds of students marched"
def _subordinate_clause_after_preposition(nodes: dict[int, Node], clause_preps: frozenset[str]) -> int:
    """"… followed [after hundreds of students] marched" parsed with the preposition on the noun and the
    verb as a conjunct (or complement) of the main verb, with no "and" or comma before it: the noun is
    the verb's subject and the preposition opens its clause ("summoned the ambassador [after an aid
    worker] was killed": a passive subject). Returns how many clauses were rebuilt."""
    changed = 0
    for v in sorted(nodes.values(), key=lambda n: n.id):
        if v.upos != "VERB" or v.deprel not in ("conj", "ccomp", "parataxis") or not v.head:
            continue
        kids = [n for n in nodes.values() if n.head == v.id]
        if any(k.rel in ("nsubj", "csubj", "mark") or (k.rel in ("cc", "punct") and k.id < v.id) for k in kids):
            continue
        # the verb's clause starts at its first auxiliary ("was killed")
        start = min([v.id] + [k.id for k in kids if k.rel == "aux" and k.id < v.id])
        nouns = [n for n in nodes.values() if n.head == v.head and n.rel == "obl" and n.id < v.id
                 and n.upos in ("NOUN", "PROPN", "PRON")][:1]
        # or hung on the verb itself, before it ("protested | after Pyongyang | fired")
        nouns += [k for k in kids if k.rel == "obl" and k.id < v.id and k.upos in ("NOUN", "PROPN", "PRON")][-1:]
        # or hung lower, on the main verb's object or oblique ("launched strikes on Gaza days | after Hamas |
        # fired", "protested on Monday | after a Chinese vessel | fired"): the innermost phrase
        nouns += [n for n in sorted(nodes.values(), key=lambda x: -x.id)
                  if n.rel in ("obl", "nmod") and n.id < v.id and n.head != v.id
                  and n.upos in ("NOUN", "PROPN", "PRON") and max(_span(nodes, n.id)) == start - 1][:1]
        noun = cases = None
        for cand in nouns:
            span = [cand.id]
            for i in span:  # the noun's phrase must end right before the verb
                span += [n.id for n in nodes.values() if n.head == i]
            cs = [nodes[i] for i in span if nodes[i].head == cand.id and nodes[i].rel == "case"]
            if max(span) == start - 1 and len(cs) == 1 and cs[0].lemma.lower() in clause_preps:
                noun, cases = cand, cs
                break
        if noun is None:
            continue
        passive = any(k.deprel == "aux:pass" for k in kids)
        noun.head, noun.deprel, noun.rel = v.id, "nsubj:pass" if passive else "nsubj", "nsubj"
        cases[0].head, cases[0].deprel, cases[0].rel = v.id, "mark", "mark"
        v.deprel, v.rel = "advcl", "advcl"
        changed += 1
    return changed


def _span(nodes: dict[int, Node], top: int) -> list[int]:
    """The ids of ``top``'s subtree without punctuation (while the tree is still being repaired: no
    children lists yet)."""
    out = [top]
    for i in out:
        out += [n.id for n in nodes.values() if n.head == i and n.id not in out and n.upos != "PUNCT"]
    return out


def _apposition_between_commas(nodes: dict[int, Node]) -> int:
    """"Hungary, a close ally of Moscow, blocked…" parsed with two subjects of one verb: a common-noun
    phrase set off by commas right after the first subject describes it (apposition), so Moscow is not
    taken for the actor. Returns how many were reattached."""
    changed = 0
    subjects: dict[int, list[Node]] = {}  # the subjects of each head, in order (one pass over the words)
    for n in sorted(nodes.values(), key=lambda n: n.id):
        if n.deprel in ("nsubj", "nsubj:pass"):
            subjects.setdefault(n.head, []).append(n)
    for vid in sorted(subjects):
        if vid not in nodes or len(subjects[vid]) < 2:
            continue
        v, subj = nodes[vid], subjects[vid]
        for first, second in zip(subj, subj[1:]):
            if second.upos != "NOUN" or second.id > v.id:
                continue
            left, right = _span(nodes, first.id), _span(nodes, second.id)
            before, after = nodes.get(max(left) + 1), nodes.get(max(right) + 1)
            if before is None or after is None or before.text not in (",", "–", "—") or after.text not in (",", "–", "—") \
                    or min(right) != before.id + 1 or max(left) >= min(right):
                continue
            second.head, second.deprel, second.rel = first.id, "appos", "appos"
            changed += 1
    return changed


NAME_UPOS = ("PROPN", "NOUN", "ADJ", "DET")
_UNDER_HEAD = {"PROPN": "flat", "NOUN": "compound", "ADJ": "amod", "DET": "det"}


def _correlative_names(nodes: dict[int, Node], g: Grammar) -> int:
    """"Neither Serbia nor Kosovo attended" parsed as one name with "Neither" and "nor" in it (the grammar's
    ``correlatives``: first word, then the word before each later member): rebuilt as the UD coordination,
    the first member heading, the later ones its conjuncts, the first word a ``cc:preconj`` of the first, so
    the rules see both parties and the negation. Returns how many were rebuilt."""
    first, then = g.correlatives_first, g.correlatives_next
    if not first:
        return 0
    ids = sorted(nodes)
    changed = 0
    for k, i in enumerate(ids):
        if nodes[i].text.lower() not in first:
            continue
        j = next((x for x in ids[k + 1:k + 8] if nodes[x].text.lower() in then), None)
        if j is None:
            continue
        a = [x for x in ids if i < x < j]
        b = []
        for x in ids[ids.index(j) + 1:]:
            if nodes[x].upos not in NAME_UPOS or nodes[x].text.lower() in first | then:
                break
            b.append(x)
        span = set(a + b + [i, j])
        if not a or not b or any(nodes[x].upos not in NAME_UPOS for x in a):
            continue
        out = [nodes[x] for x in sorted(span) if nodes[x].head not in span]
        if len(out) != 1:
            continue
        head_a = next((x for x in a if nodes[x].upos == "PROPN"), a[-1])
        head_b = next((x for x in b if nodes[x].upos == "PROPN"), b[-1])
        nodes[head_a].head, nodes[head_a].deprel = out[0].head, out[0].deprel
        if out[0].deprel == "obl" and out[0].head > j and not any(
                n.head == out[0].head and n.deprel.startswith("nsubj") for n in nodes.values()):
            nodes[head_a].deprel = "nsubj"  # "neither" read as a preposition made the subject an oblique
        for members, h in ((a, head_a), (b, head_b)):
            for x in members:
                if x != h:
                    nodes[x].head, nodes[x].deprel = h, _UNDER_HEAD[nodes[x].upos]
        nodes[head_b].head, nodes[head_b].deprel = head_a, "conj"
        nodes[i].head, nodes[i].deprel, nodes[i].upos = head_a, "cc:preconj", "CCONJ"
        nodes[j].head, nodes[j].deprel, nodes[j].upos = head_b, "cc", "CCONJ"
        for x in span:
            nodes[x].rel = nodes[x].deprel.split(":")[0]
        changed += 1
    return changed


CODE: dict[str, Callable[[dict[int, Node], Words], int]] = {
    "break_cycles": lambda nodes, w: _break_cycles(nodes),
    "promote_stranded_predicate": lambda nodes, w: _promote_stranded_predicate(nodes, w.g),
    "relative_clause_as_root": lambda nodes, w: _relative_clause_as_root(nodes, w.g),
    "subordinate_clause_after_preposition": lambda nodes, w: _subordinate_clause_after_preposition(nodes, w.g.clause_prepositions),
    "apposition_between_commas": lambda nodes, w: _apposition_between_commas(nodes),
    "correlative_names": lambda nodes, w: _correlative_names(nodes, w.g),
}


def _code_step(step: Callable[[dict[int, Node], Words], int]) -> Callable[[Tree, Words], int]:
    def run(tree: Tree, w: Words) -> int:
        changed = step(tree.nodes, w)
        if changed:
            tree.link()
        return changed
    return run


def compile_repairs(data: list[dict], w: Words) -> list[Repair]:
    c, out = patterns.Compiler(w), []
    for d in data:
        if set(d) - RULE_KEYS or not {"id", "reason"} <= set(d) or ("code" in d) == ("pattern" in d):
            raise ValueError(f"{FILE.name}: rule {d.get('id')!r} takes {sorted(RULE_KEYS)}, a pattern or code")
        if "code" in d:
            out.append(Repair(str(d["id"]), str(d["reason"]), _code_step(CODE[d["code"]])))
            continue
        p, rid = d["pattern"], str(d["id"])
        test, upos, lemmas = c.compile(p, rid), patterns.index_key(c, p, "upos"), patterns.index_key(c, p, "lemma")
        actions = [patterns.compile_action(c, a, f"{rid}.actions") for a in d.get("actions") or []]
        out.append(Repair(rid, str(d["reason"]), functools.partial(_rewrite, test, upos, lemmas, actions), upos, lemmas))
    return out


def _rewrite(test, upos, lemmas, actions, tree: Tree, w: Words) -> int:
    return patterns.rewrite(tree, test, upos, lemmas, actions)


@functools.lru_cache(maxsize=1)
def rules() -> list[dict]:
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))["rules"]


_COMPILED: dict[tuple, tuple[Words, list[Repair]]] = {}


def load(w: Words) -> list[Repair]:
    """The repairs compiled against ``w``'s words, once per grammar and word lists."""
    key = (id(w.g), w.measures, w.clause_nouns)
    got = _COMPILED.get(key)
    if got is None or got[0].g is not w.g:
        if len(_COMPILED) > 32:
            _COMPILED.clear()
        got = _COMPILED[key] = (w, compile_repairs(rules(), w))
    return got[1]


def repair(tree: Tree, measures: frozenset[str] = frozenset(), clause_nouns: frozenset[str] = frozenset(),
           skip: frozenset[str] = frozenset()) -> list[str]:
    """Every repair but those in ``skip``, in order, on ``tree`` (its children lists built); the ids of
    those that changed it, once per place changed."""
    out: list[str] = []
    w = Words(tree.g, measures, clause_nouns)
    words: tuple[set[str], set[str]] | None = None  # the tree's tags and lemmas, again after a change
    for r in load(w):
        if r.id in skip:
            continue
        if words is None:
            words = {n.upos for n in tree.nodes.values()}, {n.lemma for n in tree.nodes.values()}
        changed = r.run(tree, w) if r.may_match(*words) else 0
        if changed:
            out += [r.id] * changed
            words = None
    return out
