"""A small tree-pattern engine over ``Tree`` (in the manner of Semgrex and spaCy's DependencyMatcher):
rules are data (``lexicons/rules/*.yaml``), each with an id, a one-line reason, the stage of the
extraction that asks for it, a pattern and example sentences. A stage asks for the first rule whose
pattern matches a node; that rule's id is the reason the diagnostics give (a rule marked ``keep`` is an
exception: what it matches is kept). A rule with ``stops: name`` stops the candidate of the node its
pattern bound to that name (the light verb an act noun codes) instead of the node asked about.

A pattern is a mapping whose every key must hold of the node:
  lemma, text    a word, a list of words, or ``@name``: a word list of the lexicon (a ``Lexicon`` field)
                 or of the grammar (``grammar.yaml``'s words; ``@grammar.name`` where both have one)
  phrase         the same, for the word with its ``fixed`` dependents, lemmas joined by spaces
  case_phrase    the same, for a preposition of the word with the word ("in support")
  upos           a tag or a list of tags
  rel            relations: the node's deprel or its universal part in the list (as ``Tree.children``)
  deprel         the same, the full deprel only
  feats          {Feature: value or list of values}; null: the node has no such feature
  lemma_ends, text_ends
                 the lemma (the text, lower-cased) ends with one of the words (endings) given
  first          true: the node starts the sentence
  glued          true: no space between the node and the word after it ("test-fired")
  before_head    true: the node stands before its head
  asked          true: the node is the one the stage asks about (false: another node)
  precedes, follows
                 the node stands before (after) the node bound to that name
  event          the node is a predicate of the stage's candidates; the mapping tests the candidate's
                 fields by name or dotted path (``negated``, ``actor.via``; its lexicon entry's where the
                 candidate has no such field: ``type``, ``speech``): a value, a list (one of) or
                 true/false (whether the field is set); ``@hostile``: the types of a class of event_types.tsv
                 (another ``@name``: a word list, matched lower-cased); ``$name.field``: equal to that field
                 of the candidate of the node bound to ``name``; a path may start at a value the stage
                 supplies (``told_by: true``: it has one)
  is             a name or list of names of facts the stage supplies: tests the language cannot state
  same           [a, b]: two parties of the candidate are one (the same norm, or the same code): each its
                 field (``actor``, ``target``) or a value the stage supplies (``told_by``)
  parent, ancestor, child, descendant, sibling, word_before, word_after, preceding, anchor, anchored, carries,
  frame
                 some node in that relation matches the nested pattern (a list: each matches some
                 node); ``sibling``: another child of the node's head; ``word_before``, ``word_after``:
                 the word right before (after) the node; ``preceding``: any word before it; ``anchor``: the
                 candidate's clause-level word, its light verb or itself (``anchored``: the predicates whose
                 clause-level word the node is); ``carries``: the noun predicates
                 whose light verb the node is; ``frame``: the words of the candidate's frame
  name           binds the node to that name, for ``precedes``/``follows`` and a repair's actions (a
                 name is bound as its pattern is tried: where a match holds, to the node it held of;
                 the keys of a pattern are tried in the order listed here, so ``parent`` binds before
                 ``child`` is tried)
  any            a list of patterns, one of which holds
  none           a pattern or a list of patterns, none of which holds (the negation)
Rules are indexed by the upos and lemma their pattern requires, so a stage tries only those that can
match its node. A rule of a stage that settles candidates (``RuleSet.settle``) may set (``sets``) the candidate's
fields instead of stopping it: ``actor`` and ``target`` to a value of the stage or the candidate's old
``actor``/``target`` (null: none), ``light`` to a bound node, ``event_type`` and ``actor_how`` to what is
given; every candidate is matched on the sentence as it stands, then acted on. A stage that fills a candidate
(``RuleSet.fill``: a cascade of steps) tries each of its rules in turn on the candidate as it stands, each that
matches setting what it finds (where every party it sets is found). The parse repairs (``rules/repairs.yaml``, run
by ``repairs``) are patterns with rewrite actions (``compile_action``, ``rewrite``)."""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

import yaml

from extractors import event_types
from extractors.events import lexicon

if TYPE_CHECKING:  # the tree runs the repairs, which are patterns: no import of it at run time
    from extractors.events.tree import Node, Tree

RULES_DIR = lexicon.LEXICON_DIR / "rules"
REPAIRS = RULES_DIR / "repairs.yaml"
RELATIONS = ("parent", "ancestor", "child", "descendant", "sibling", "word_before", "word_after", "preceding", "anchor",
             "anchored", "carries", "frame")
ATTRIBUTES = ("upos", "rel", "deprel", "lemma", "text", "lemma_ends", "text_ends", "phrase", "case_phrase", "feats",
              "first", "glued", "before_head", "asked", "precedes", "follows", "event", "is", "same")
KEYWORDS = frozenset(ATTRIBUTES + RELATIONS + ("any", "none", "name"))
RULE_KEYS = frozenset({"id", "reason", "stage", "pattern", "examples", "keep", "stops", "sets"})
SET_KEYS = ("actor", "target", "light", "event_type", "actor_how")  # what a rule may ``sets`` of a candidate
PARTIES = ("actor", "target")


@dataclass
class Match:
    """What one stage matches against: the tree, the candidates by node id, the candidate asked about,
    the facts the stage supplies and what they need."""
    tree: Tree
    events: Mapping[int, object] = field(default_factory=dict)
    facts: Mapping[str, Callable[[Match, Node], bool]] = field(default_factory=dict)
    extra: object = None  # what the facts read beyond the tree (the resolver, the lexicon, …)
    values: Mapping[str, Callable[[Match, Node], object]] = field(default_factory=dict)  # the parties a stage names
    node: Node | None = None  # the node asked about
    names: dict[str, Node] = field(default_factory=dict)  # the nodes bound by ``name``


Test = Callable[..., bool]  # a compiled pattern: (Match, Node) -> whether it holds of the node


@dataclass(frozen=True)
class Rule:
    id: str
    reason: str
    stage: str
    test: Test
    upos: frozenset[str] | None  # the index keys: None where the pattern does not require one
    lemmas: frozenset[str] | None
    examples: tuple[dict, ...] = ()
    keep: bool = False  # an exception: the candidate matched is kept, and no later rule of the stage is tried
    stops: str = ""  # the name of the node whose candidate the rule stops (else the node asked about)
    sets: tuple[tuple[str, object], ...] = ()  # the candidate's fields the rule sets (``SET_KEYS``), in order


def _list(v) -> list:
    return list(v) if isinstance(v, list | tuple) else [v]


class Compiler:
    """Turns pattern mappings into tests, word lists looked up by name in ``words``."""

    def __init__(self, words: Callable[[str], frozenset[str]]):
        self.words = words

    def wordset(self, v) -> frozenset[str]:
        out: set[str] = set()
        for w in _list(v):
            out |= self.words(w[1:]) if str(w).startswith("@") else {str(w).lower()}
        return frozenset(out)

    def compile(self, p: Mapping, where: str) -> Test:
        unknown = set(p) - KEYWORDS
        if unknown:
            raise ValueError(f"pattern {where}: unknown keys {sorted(unknown)}")
        tests = [self._key(k, p[k], f"{where}.{k}") for k in ATTRIBUTES + RELATIONS + ("any", "none") if k in p]
        if "name" in p:  # bound first, so that the nested patterns can name the node
            tests.insert(0, _binder(str(p["name"])))
        return _all(tests)

    def _key(self, k: str, v, where: str) -> Test:
        if k in ("upos", "rel", "deprel"):
            s = frozenset(str(x) for x in _list(v))
            return {"upos": lambda m, n: n.upos in s, "deprel": lambda m, n: n.deprel in s,
                    "rel": lambda m, n: n.deprel in s or n.rel in s}[k]
        if k in ("lemma", "text", "phrase"):
            s = self.wordset(v)
            get = {"lemma": lambda m, n: n.lemma, "text": lambda m, n: n.text.lower(), "phrase": _phrase}[k]
            return lambda m, n: get(m, n) in s
        if k in ("lemma_ends", "text_ends"):
            ends = tuple(sorted(self.wordset(v)))
            get = {"lemma_ends": lambda n: n.lemma, "text_ends": lambda n: n.text.lower()}[k]
            return lambda m, n: bool(ends) and get(n).endswith(ends)
        if k == "case_phrase":
            s = self.wordset(v)
            return lambda m, n: any(f"{x.lemma} {n.lemma}" in s for x in m.tree.children(n.id, "case"))
        if k == "feats":
            want = [(f, frozenset(None if x is None else str(x) for x in _list(val))) for f, val in v.items()]
            return lambda m, n: all(n.feats.get(f) in vals for f, vals in want)
        if k == "first":
            return lambda m, n: (n.start == m.tree.start) is bool(v)
        if k == "glued":
            return lambda m, n: ((o := m.tree.nodes.get(n.id + 1)) is not None and o.start == n.end) is bool(v)
        if k == "before_head":
            return lambda m, n: bool(n.head and n.id < n.head) is bool(v)
        if k == "asked":
            return lambda m, n: (n is m.node) is bool(v)
        if k in ("precedes", "follows"):
            name, sign = str(v), (1 if k == "precedes" else -1)
            return lambda m, n: (o := m.names.get(name)) is not None and sign * (o.id - n.id) > 0
        if k == "event":
            return self._event(v or {})
        if k == "is":
            names = [str(x) for x in _list(v)]
            return lambda m, n: all(m.facts[x](m, n) for x in names)
        if k == "same":
            a, b = (str(x).split(".") for x in v)
            return lambda m, n: (c := m.events.get(n.id)) is not None and _one_party(_field(m, c, a), _field(m, c, b))
        if k in RELATIONS:
            subs = [self.compile(x, where) for x in _list(v)]
            near = _NEIGHBOURS[k]
            return lambda m, n: all(any(t(m, o) for o in near(m, n)) for t in subs)
        subs = [self.compile(x, where) for x in _list(v)]
        if k == "any":
            return lambda m, n: any(t(m, n) for t in subs)
        return lambda m, n: not any(t(m, n) for t in subs)  # none

    def _event(self, want: Mapping) -> Test:
        ref = lambda v: isinstance(v, str) and v.startswith("$")  # noqa: E731
        items = [(str(f).split("."), self._values(v)) for f, v in want.items() if not ref(v)]
        same = [(str(f).split("."), v[1:].split(".")) for f, v in want.items() if ref(v)]
        return lambda m, n: (c := m.events.get(n.id)) is not None and all(_holds(_field(m, c, f), v) for f, v in items) \
            and all(_same(m, c, f, name, path) for f, (name, *path) in same)

    def _values(self, v):
        """``@hostile``: the event types of that class (a flag of ``event_types.tsv``), as a list; another
        ``@name``: that word list (a frozenset, matched lower-cased)."""
        if not str(v).startswith("@"):
            return v
        if hasattr(event_types.TYPES[0], v[1:]):
            return [t.name for t in event_types.TYPES if getattr(t, v[1:])]
        return frozenset(w.lower() for w in self.wordset(v))


def _all(tests: list[Test]) -> Test:
    """Every test in order, the first that fails ending it (chained: no generator on the hot path)."""
    if not tests:
        return lambda m, n: True
    if len(tests) == 1:
        return tests[0]
    first, rest = tests[0], _all(tests[1:])
    return lambda m, n: first(m, n) and rest(m, n)


def _binder(name: str) -> Test:
    def bind(m: Match, n: Node) -> bool:
        m.names[name] = n
        return True
    return bind


def _field(m: Match, c, path: list[str]):
    """A candidate's field by a dotted path (``actor.via``), its lexicon entry's where it has none of
    that name (``type``, ``speech``), or a value the stage supplies (``told_by.norm``); None past a missing part."""
    if path[0] in m.values:
        v, path = m.values[path[0]](m, c.node), path[1:]
    else:
        v = c if hasattr(c, path[0]) else c.entry
    for p in path:
        v = getattr(v, p, None)
        if v is None:
            return None
    return v


def _one_party(a, b) -> bool:
    """Two parties (``Arg``) that are one: the same norm, or the same code."""
    return a is not None and b is not None and (a.norm == b.norm or bool(a.code) and a.code == b.code)


def _same(m: Match, c, f: list[str], name: str, path: list[str]) -> bool:
    """The candidate's field ``f`` equals the field ``path`` of the candidate of the node bound to ``name``."""
    o = m.events.get(m.names[name].id) if name in m.names else None
    return o is not None and _field(m, c, f) == _field(m, o, path)


def _holds(got, want) -> bool:
    if isinstance(want, bool):
        return bool(got) is want
    if isinstance(want, frozenset):
        return got is not None and str(got).lower() in want
    return got in want if isinstance(want, list) else got == want


def _phrase(m: Match, n: Node) -> str:
    """A word with its fixed words, lemmas joined ("in order", "so that")."""
    return " ".join([n.lemma] + [k.lemma for k in sorted(m.tree.children(n.id, "fixed"), key=lambda k: k.id)])


def _anchor(m: Match, n: Node) -> list[Node]:
    c = m.events.get(n.id)
    return [] if c is None else [c.light if c.light is not None else c.node]


def _anchored(m: Match, n: Node) -> list[Node]:
    return [c.node for c in m.events.values() if (c.light if c.light is not None else c.node).id == n.id]


def _carried(m: Match, n: Node) -> list[Node]:
    return [c.node for c in m.events.values() if c.light is not None and c.light.id == n.id]


def _descendants(m: Match, n: Node) -> list[Node]:
    return [m.tree[i] for i in m.tree.subtree(n.id) if i != n.id]


def _siblings(m: Match, n: Node) -> list[Node]:
    return [k for k in m.tree.children(n.head) if k is not n] if n.head in m.tree.nodes else []


def _word(m: Match, n: Node, step: int) -> list[Node]:
    return [o] if (o := m.tree.nodes.get(n.id + step)) is not None else []


_NEIGHBOURS: dict[str, Callable[[Match, Node], list[Node]]] = {
    "parent": lambda m, n: [p] if (p := m.tree.parent(n.id)) is not None else [],
    "ancestor": lambda m, n: m.tree.ancestors(n.id),
    "child": lambda m, n: m.tree.children(n.id),
    "descendant": _descendants,
    "sibling": _siblings,
    "word_before": lambda m, n: _word(m, n, -1),
    "word_after": lambda m, n: _word(m, n, 1),
    "anchor": _anchor,
    "anchored": _anchored,
    "carries": _carried,
    "frame": lambda m, n: [m.tree[i] for i in sorted(c.frame_ids)] if (c := m.events.get(n.id)) is not None else [],
    "preceding": lambda m, n: [o for o in m.tree.nodes.values() if o.id < n.id],
}


ACTION_KEYS = frozenset({"node", "children_of", "matching", "place", "head", "deprel", "subtype", "upos", "feats", "lemma"})
Action = Callable[[Match], None]


def compile_action(c: Compiler, d: Mapping, where: str) -> Action:
    """A rewrite (in the manner of Ssurgeon) of the nodes a match named: ``node`` (the node matched where
    not given) or the children of ``children_of`` ``matching`` a pattern; ``place`` (take that node's head and
    relation), ``head`` (hang on that node), then ``deprel`` (``subtype``: the same relation with that
    subtype), ``upos``, ``feats`` (replaced), ``lemma``."""
    if set(d) - ACTION_KEYS:
        raise ValueError(f"action {where}: unknown keys {sorted(set(d) - ACTION_KEYS)}")
    pick = c.compile(d.get("matching") or {}, where) if "children_of" in d else None
    feats = {str(f): str(v) for f, v in (d.get("feats") or {}).items()}

    def targets(m: Match) -> list[Node]:
        if pick is None:
            return [m.names[d["node"]] if "node" in d else m.node]
        return [k for k in m.tree.children(m.names[d["children_of"]].id) if pick(m, k)]

    def act(m: Match) -> None:
        for n in targets(m):
            if "place" in d:
                n.head, n.deprel = m.names[d["place"]].head, m.names[d["place"]].deprel
            if "head" in d:
                n.head = m.names[d["head"]].id
            n.deprel = d.get("deprel", n.deprel)
            n.rel = n.deprel.split(":")[0]
            if "subtype" in d:
                n.deprel = f"{n.rel}:{d['subtype']}"
            n.upos, n.lemma = d.get("upos", n.upos), d.get("lemma", n.lemma)
            if "feats" in d:
                n.feats = dict(feats)
        m.tree.link()
    return act


def rewrite(tree: Tree, test: Test, upos: frozenset[str] | None, lemmas: frozenset[str] | None,
            actions: list[Action]) -> int:
    """Each word of ``tree`` in order that the pattern ``test`` holds of (its upos and lemma in the index
    keys) rewritten by ``actions``; returns how many were."""
    changed, m = 0, Match(tree)
    for n in tree.nodes.values():  # (a rewrite changes the nodes, never the map)
        if (upos is None or n.upos in upos) and (lemmas is None or n.lemma in lemmas):
            m.node = n
            m.names.clear()
            if test(m, n):
                for a in actions:
                    a(m)
                changed += 1
    return changed


class RuleSet:
    """A language's compiled rules in file order, indexed by stage, then by upos and lemma."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self._index: dict[tuple[str, str], list[Rule]] = {}

    def _for(self, stage: str, upos: str) -> list[Rule]:
        key = (stage, upos)
        if key not in self._index:
            self._index[key] = [r for r in self.rules if r.stage == stage and (r.upos is None or upos in r.upos)]
        return self._index[key]

    def first(self, stage: str, m: Match, node: Node) -> Rule | None:
        """The first rule of ``stage`` whose pattern matches ``node``."""
        m.node = node
        for r in self._for(stage, node.upos):
            m.names.clear()
            if (r.lemmas is None or node.lemma in r.lemmas) and r.test(m, node):
                return r
        return None

    def stop(self, stage: str, m: Match, node: Node) -> Rule | None:
        """The first rule of ``stage`` that matches ``node``, applied: the candidate it stops (the one its
        ``stops`` names, else the node's) gets its id as the reason it gives no event (a ``keep`` rule: none)."""
        rule = self.first(stage, m, node)
        if rule is not None and not rule.keep:
            m.events[(m.names[rule.stops] if rule.stops else node).id].suppressed = rule.id
        return rule

    def settle(self, stage: str, m: Match, cands: list) -> None:
        """Each candidate matched against the rules of ``stage`` on the sentence as it stands, then acted on:
        a rule that ``sets`` fields gives them to it (and lifts any suppression), another stops it."""
        got = [(c, r, dict(m.names)) for c in cands if (r := self.first(stage, m, c.node)) is not None and not r.keep]
        for c, rule, names in got:
            m.node, m.names = c.node, names
            if not rule.sets:
                m.events[(names[rule.stops] if rule.stops else c.node).id].suppressed = rule.id
                continue
            new = [(k, _value(m, c, k, v)) for k, v in rule.sets]
            for k, v in new:
                setattr(c, k, v)
            c.suppressed = ""

    def fill(self, stage: str, m: Match, c) -> None:
        """Each rule of ``stage`` in file order matched on the candidate as it stands: one that matches gives it
        the fields it ``sets`` where every party it sets is found (a step of a cascade: "if no target yet, …")."""
        m.node = c.node
        for r in self._for(stage, c.node.upos):
            m.names.clear()
            if (r.lemmas is None or c.node.lemma in r.lemmas) and r.test(m, c.node):
                new = [(k, _value(m, c, k, v)) for k, v in r.sets]
                if all(v is not None for k, v in new if k in PARTIES):
                    for k, v in new:
                        setattr(c, k, v)


def _value(m: Match, c, key: str, v):
    """What a rule sets a field to: a party (a value of the stage, or the candidate's own ``actor``/``target``;
    None for null), a bound node (``light``), else the value given."""
    if key == "light":
        return m.names[v]
    if key in PARTIES:
        return None if v is None else m.values[v](m, c.node) if v in m.values else getattr(c, v)
    return v


def index_key(c: Compiler, p: Mapping, k: str) -> frozenset[str] | None:
    if k not in p:
        return None
    return c.wordset(p[k]) if k == "lemma" else frozenset(str(x) for x in _list(p[k]))


def compile_rules(data: list[dict], words: Callable[[str], frozenset[str]], source: str = "rules") -> list[Rule]:
    c, out, seen = Compiler(words), [], set()
    for d in data:
        if set(d) - RULE_KEYS or not {"id", "reason", "stage", "pattern"} <= set(d):
            raise ValueError(f"{source}: rule {d.get('id')!r} takes {sorted(RULE_KEYS)}")
        if d["id"] in seen:
            raise ValueError(f"{source}: rule id {d['id']!r} given twice")
        seen.add(d["id"])
        p = d["pattern"]
        sets = d.get("sets") or {}
        for name in [d.get("stops")] + ([sets["light"]] if "light" in sets else []):
            if name and f"'name': '{name}'" not in str(p):
                raise ValueError(f"{source}: rule {d['id']!r} names {name!r}, a name its pattern does not bind")
        if set(sets) - set(SET_KEYS):
            raise ValueError(f"{source}: rule {d['id']!r} sets {sorted(set(sets) - set(SET_KEYS))}, not one of {SET_KEYS}")
        out.append(Rule(str(d["id"]), str(d["reason"]), str(d["stage"]), c.compile(p, str(d["id"])),
                        index_key(c, p, "upos"), index_key(c, p, "lemma"), tuple(d.get("examples") or ()),
                        bool(d.get("keep")), str(d.get("stops") or ""), tuple(sets.items())))
    return out


def lexicon_words(lex: lexicon.Lexicon) -> Callable[[str], frozenset[str]]:
    """Word lists by name: a ``Lexicon`` field, else a grammar word set (``grammar.`` names the grammar's)."""
    def words(name: str) -> frozenset[str]:
        if name.startswith("grammar."):
            return frozenset(getattr(lex.grammar, name.split(".", 1)[1]))
        got = getattr(lex, name) if name in lexicon.Lexicon.__dataclass_fields__ else getattr(lex.grammar, name)
        got = got.keys() if isinstance(got, Mapping) else got
        return frozenset(" ".join(w) if isinstance(w, tuple) else w for w in got)  # a phrase as its words
    return words


def files() -> list[Path]:
    """The files of the rules the stages ask for (the parse repairs, ``REPAIRS``, are rewrites run by ``repairs``)."""
    return sorted(p for p in RULES_DIR.glob("*.yaml") if p != REPAIRS)


@functools.lru_cache(maxsize=8)
def load(lang: str) -> RuleSet:
    words = lexicon_words(lexicon.load(lang))
    rules = [r for p in files() for r in compile_rules(yaml.safe_load(p.read_text(encoding="utf-8"))["rules"], words, p.name)]
    return RuleSet(rules)
