"""The tree-pattern engine (``extractors/events/patterns.py``) and its rules (``extractors/lexicons/rules/``): each
rule's examples run on their frozen parses (``make parses`` after adding one), and the engine's features are
checked on a small hand-built tree."""
from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

import extractors
from extractors import event_types

from extractors.events import grammar, lexicon, nesting, patterns, rules
from extractors.events.tree import Tree
from extractors.extract import extract
from tests.parses import cases, store

EXAMPLES = cases.rule_examples()


def _rules(lang: str) -> list[patterns.Rule]:
    return patterns.load(lang).rules


@pytest.mark.parametrize("lang", cases.LANGS)
def test_every_rule_compiles_names_known_facts_and_has_an_example(lang):
    ids = [r.id for r in _rules(lang)]
    assert len(ids) == len(set(ids))
    facts = set(rules.FACTS) | set(nesting.FACTS)
    for p in patterns.files():
        text = p.read_text(encoding="utf-8")
        named = {line.split("is:", 1)[1].strip(" {}") for line in text.splitlines() if " is: " in line or "{is: " in line}
        assert {n.split(",")[0].split("}")[0] for n in named} <= facts, p.name
    assert {e["id"] for e in EXAMPLES} == set(ids), set(ids) - {e["id"] for e in EXAMPLES}


@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda e: f"{e['id']}-{e['lang']}")
def test_rule_example(ex):
    """The example's predicate gives the rule's id as its diagnostic reason and no event (a ``keep`` rule's
    example: it gives an event)."""
    doc = store.load(ex["lang"], [ex["text"]])[0]
    got = extract(doc, cases.raw(ex["text"], ex["lang"], "rule"), ex["lang"])
    said = [(d.predicate, d.reason) for d in got.diagnostics]
    made = [e for e in got.events if e.rule.split(":")[0] == ex["lemma"]]
    if ex["sets"]:  # a rule that sets the predicate's arguments: the event it makes, its rule ``lemma:actor_how``
        how = dict(ex["sets"]).get("actor_how")
        want = {k: ex[k] for k in ("type", "actor", "target") if k in ex}
        seen = [(e.rule, {"type": e.event_type, "actor": e.actor_code, "target": e.target_code}) for e in made]
        assert any((how is None or r == f"{ex['lemma']}:{how}") and all(f[k] == v for k, v in want.items())
                   for r, f in seen), f"expected {ex['lemma']!r} set by {ex['id']} to {how} {want}; got {seen}"
    elif ex["keep"]:
        assert made, f"{ex['lemma']!r} kept by {ex['id']} gave no event; diagnostics {said}"
    else:
        assert (ex["lemma"], ex["id"]) in said, f"expected {ex['lemma']!r} stopped by {ex['id']}; diagnostics {said}"


# -- the engine on a hand-built tree: "Russia did not reject the talks in Geneva" -------------------------------
WORDS = [  # id, text, lemma, upos, feats, head, deprel
    (1, "Russia", "russia", "PROPN", "", 4, "nsubj"), (2, "did", "do", "AUX", "", 4, "aux"),
    (3, "not", "not", "PART", "", 4, "advmod"), (4, "reject", "reject", "VERB", "VerbForm=Fin", 0, "root"),
    (5, "the", "the", "DET", "", 6, "det"), (6, "talks", "talk", "NOUN", "Number=Plur", 4, "obj"),
    (7, "in", "in", "ADP", "", 8, "case"), (8, "Geneva", "geneva", "PROPN", "", 6, "nmod:loc"),
]


def _tree() -> Tree:
    words, pos = [], 0
    for i, text, lemma, upos, feats, head, deprel in WORDS:
        words.append(SimpleNamespace(id=i, text=text, lemma=lemma, upos=upos, feats=feats or None, head=head,
                                     deprel=deprel, start_char=pos, end_char=pos + len(text)))
        pos += len(text) + 1
    sent = SimpleNamespace(tokens=[SimpleNamespace(words=[w], start_char=w.start_char, end_char=w.end_char) for w in words])
    return Tree(sent, " ".join(w[1] for w in WORDS))


LISTS = {"negators": frozenset({"not", "never"}), "places": frozenset({"in", "at"})}


def _match(pattern: dict, node: int, events=None, facts=None) -> bool:
    tree = _tree()
    rule = patterns.compile_rules([{"id": "r", "reason": "x", "stage": "s", "pattern": pattern}], LISTS.__getitem__)
    m = patterns.Match(tree, events or {}, facts or {})
    return patterns.RuleSet(rule).first("s", m, tree[node]) is not None


def test_node_attributes():
    assert _match({"lemma": "talk", "upos": ["NOUN", "PROPN"], "feats": {"Number": "Plur"}}, 6)
    assert not _match({"lemma": "talk", "upos": "VERB"}, 6)
    assert _match({"rel": "nmod"}, 8) and not _match({"deprel": "nmod"}, 8) and _match({"deprel": "nmod:loc"}, 8)
    assert _match({"text": "geneva"}, 8) and _match({"first": True}, 1) and not _match({"first": True}, 4)
    assert _match({"before_head": True}, 1) and not _match({"before_head": True}, 8)


def test_relations_with_relation_names():
    assert _match({"child": {"rel": "advmod", "lemma": "@negators"}}, 4)
    assert _match({"child": [{"rel": "nsubj"}, {"rel": "obj", "lemma": "talk"}]}, 4)
    assert not _match({"child": {"rel": "iobj"}}, 4)
    assert _match({"parent": {"lemma": "reject", "rel": "root"}}, 6)
    assert _match({"ancestor": {"upos": "VERB"}, "parent": {"upos": "NOUN"}}, 8)
    assert _match({"descendant": {"rel": "case", "lemma": "@places"}}, 4)
    assert not _match({"ancestor": {"upos": "NOUN"}}, 6)


def test_negation_and_alternatives():
    assert _match({"none": {"child": {"rel": "case"}}}, 6)
    assert not _match({"none": [{"upos": "VERB"}, {"upos": "NOUN"}]}, 6)
    assert _match({"any": [{"upos": "VERB"}, {"lemma": "talk"}]}, 6)
    assert not _match({"any": [{"upos": "VERB"}, {"lemma": "geneva"}]}, 6)


def test_events_facts_and_anchor():
    entry = SimpleNamespace(type="REJECT", speech=False)
    light = SimpleNamespace(node=None, entry=SimpleNamespace(type="CONSULT", speech=False), light=None, negated=False)
    tree = _tree()
    light.node, light.light = tree[6], tree[4]
    verb = SimpleNamespace(node=tree[4], entry=entry, light=None, negated=True, actor=None)
    events = {4: verb, 6: light}
    assert _match({"event": {"type": "REJECT", "negated": True, "actor.via": False}}, 4, events)
    assert not _match({"event": {"type": ["AGREE", "CONSULT"]}}, 4, events)
    hostile = _match({"event": {"type": "@hostile"}}, 4, events)  # a class of event_types.tsv
    assert hostile == ("REJECT" in event_types.HOSTILE) and _match({"event": {"type": "@hostile"}}, 6, events) is False
    assert _match({"event": {}, "child": {"event": {"type": "CONSULT"}}}, 4, events)
    assert _match({"anchor": {"lemma": "reject"}}, 6, events) and _match({"carries": {"lemma": "talk"}}, 4, events)
    assert _match({"is": "far"}, 8, facts={"far": lambda m, n: n.id > 7}) and not _match({"is": "far"}, 1, facts={"far": lambda m, n: n.id > 7})


def test_preceding_frame_references_and_stops():
    tree = _tree()
    verb = SimpleNamespace(node=tree[4], entry=SimpleNamespace(type="REJECT"), light=None, negated=True, frame_ids=set(),
                           suppressed="")
    noun = SimpleNamespace(node=tree[6], entry=SimpleNamespace(type="CONSULT"), light=tree[4], negated=True,
                           frame_ids={8}, suppressed="")
    events = {4: verb, 6: noun}
    assert _match({"preceding": {"lemma": "russia"}}, 4) and not _match({"preceding": {}}, 1)
    assert _match({"frame": {"lemma": "geneva"}}, 6, events) and not _match({"frame": {}}, 4, events)
    assert _match({"anchored": {"lemma": "talk"}}, 4, events) and not _match({"anchored": {}}, 6, events)
    # (``any`` is tried after the relations, so ``anchor`` has bound its name)
    assert _match({"anchor": {"name": "v"}, "any": [{"event": {"negated": "$v.negated", "type": "CONSULT"}}]}, 6, events)
    assert not _match({"anchor": {"name": "v"}, "any": [{"event": {"type": "$v.type"}}]}, 6, events)
    data = [{"id": "dup", "reason": "x", "stage": "s", "stops": "v", "pattern": {"anchor": {"name": "v", "asked": False}}}]
    rs = patterns.RuleSet(patterns.compile_rules(data, LISTS.__getitem__))
    assert rs.stop("s", patterns.Match(tree, events), tree[6]).stops == "v"
    assert verb.suppressed == "dup" and noun.suppressed == ""  # the rule stops the light verb, not the noun


def test_values_same_party_and_rules_that_set_fields():
    tree = _tree()
    party = lambda norm, code=None: SimpleNamespace(norm=norm, code=code, text=norm)  # noqa: E731
    noun = SimpleNamespace(node=tree[6], entry=SimpleNamespace(type="CONSULT"), light=None, negated=False,
                           actor=party("Kyiv", "UKR"), actor_how="subject", target=None, event_type="CONSULT", suppressed="")
    verb = SimpleNamespace(node=tree[4], entry=SimpleNamespace(type="REJECT"), light=None, negated=False,
                           actor=party("Moscow", "RUS"), actor_how="subject", target=None, event_type="REJECT",
                           suppressed="x")
    values = {"teller": lambda m, n: party("Ukraine", "UKR") if n.id == 6 else None}
    events = {4: verb, 6: noun}
    m = lambda: patterns.Match(tree, events, values=values)  # noqa: E731
    data = [{"id": "own", "reason": "x", "stage": "s", "pattern": {"lemma": "reject", "same": ["actor", "teller"]}},
            {"id": "told", "reason": "x", "stage": "s", "pattern": {"event": {"teller": True, "actor.text": "@places"}}},
            {"id": "call", "reason": "x", "stage": "s", "pattern": {"event": {"teller.code": "UKR"}, "parent": {"name": "v"}},
             "sets": {"target": "actor", "actor": "teller", "light": "v", "event_type": "REQUEST", "actor_how": "call"}},
            {"id": "stop", "reason": "x", "stage": "s", "pattern": {"event": {}}}]
    rs = patterns.RuleSet(patterns.compile_rules(data, LISTS.__getitem__))
    assert rs.first("s", m(), tree[6]).id == "call"  # one party by code: "own" needs the verb; "told" a word of @places
    rs.settle("s", m(), [noun, verb])
    assert (noun.actor.norm, noun.target.norm, noun.light, noun.event_type, noun.actor_how) == (
        "Ukraine", "Kyiv", tree[4], "REQUEST", "call")
    assert verb.suppressed == "stop" and noun.suppressed == ""
    with pytest.raises(ValueError, match="sets"):
        patterns.compile_rules([{"id": "r", "reason": "x", "stage": "s", "pattern": {}, "sets": {"negated": True}}],
                               LISTS.__getitem__)
    with pytest.raises(ValueError, match="does not bind"):
        patterns.compile_rules([{"id": "r", "reason": "x", "stage": "s", "pattern": {}, "sets": {"light": "v"}}],
                               LISTS.__getitem__)


def test_a_cascade_sets_what_each_step_finds():
    """``RuleSet.fill``: each rule in turn on the candidate as it stands; one whose party is not found sets nothing."""
    tree = _tree()
    party = lambda norm, code=None: SimpleNamespace(norm=norm, code=code, text=norm)  # noqa: E731
    verb = SimpleNamespace(node=tree[4], entry=SimpleNamespace(type="REJECT"), light=None, actor=party("Moscow", "RUS"),
                           target=None, event_type="REJECT")
    found = {"nobody": lambda m, n: None, "geneva": lambda m, n: party("Geneva"), "swiss": lambda m, n: party("Swiss", "CHE")}
    data = [{"id": f"r{i}", "reason": "x", "stage": "s", "pattern": p, "sets": {"target": v}} for i, (p, v) in enumerate([
        ({"event": {"target": False}}, "nobody"), ({"event": {"target": False, "type": "@places"}}, "swiss"),
        ({"event": {"target": False}}, "geneva"), ({"event": {"target": False}}, "swiss"),
        ({"event": {"target.code": False}}, "swiss")])]
    rs = patterns.RuleSet(patterns.compile_rules(data, {"places": frozenset({"In", "Reject"})}.__getitem__))
    rs.fill("s", patterns.Match(tree, {4: verb}, values=found), verb)  # (an @name list matches lower-cased: "reject")
    assert verb.target.code == "CHE"  # r1: "Swiss"; then no rule matches (the target is set, with a code)
    verb.target = None
    rs.fill("s", patterns.Match(tree, {4: verb}, values={**found, "swiss": lambda m, n: None}), verb)
    assert verb.target.norm == "Geneva"  # r0 and r1 find nothing, r2 Geneva; r3 and r4 find nothing


def test_the_index_tries_only_rules_that_can_match():
    tried = []
    data = [{"id": f"r{i}", "reason": "x", "stage": "s", "pattern": {**p, "is": "log"}} for i, p in
            enumerate([{"upos": "VERB"}, {"lemma": "talk"}, {"upos": "NOUN", "lemma": "@places"}, {}])]
    rs = patterns.RuleSet(patterns.compile_rules(data, LISTS.__getitem__))
    tree = _tree()
    m = patterns.Match(tree, facts={"log": lambda m, n: tried.append(n.id) or False})
    assert rs.first("s", m, tree[6]) is None and tried == [6, 6]  # r1 (lemma) and r3 (no key)
    assert [r.id for r in rs._for("s", "NOUN")] == ["r1", "r2", "r3"]


def test_keep_rules_and_errors():
    data = [{"id": "k", "reason": "x", "stage": "s", "keep": True, "pattern": {"lemma": "talk"}},
            {"id": "r", "reason": "x", "stage": "s", "pattern": {"upos": "NOUN"}}]
    rs = patterns.RuleSet(patterns.compile_rules(data, LISTS.__getitem__))
    tree = _tree()
    assert rs.first("s", patterns.Match(tree), tree[6]).keep
    with pytest.raises(ValueError, match="unknown keys"):
        patterns.compile_rules([{"id": "r", "reason": "x", "stage": "s", "pattern": {"lema": "x"}}], LISTS.__getitem__)
    with pytest.raises(ValueError, match="does not bind"):
        patterns.compile_rules([{"id": "r", "reason": "x", "stage": "s", "stops": "v", "pattern": {"upos": "NOUN"}}],
                               LISTS.__getitem__)
    with pytest.raises(ValueError, match="twice"):
        patterns.compile_rules(data + data[:1], LISTS.__getitem__)
    with pytest.raises(AttributeError, match="no word set"):
        patterns.compile_rules([{"id": "r", "reason": "x", "stage": "s", "pattern": {"lemma": "@no_such_list"}}],
                               patterns.lexicon_words(lexicon.load("en")))


def test_word_lists_come_from_the_lexicon_and_the_grammar():
    words = patterns.lexicon_words(lexicon.load("en"))
    assert words("light_verbs") == lexicon.load("en").light_verbs
    assert words("purpose_marks") == grammar.load("en").purpose_marks  # a grammar set
    assert words("grammar.demonstratives") == grammar.load("en").demonstratives  # the grammar's, by prefix


# -- every reason and every way of finding an actor the code can write is documented ---------------------------
CODE = sorted(Path(extractors.__file__).parent.glob("**/*.py"))
DOCUMENTED = yaml.safe_load((lexicon.LEXICON_DIR / "reasons.yaml").read_text(encoding="utf-8"))


def _strings(node: ast.AST) -> set[str]:
    return {k.value for k in ast.walk(node) if isinstance(k, ast.Constant) and isinstance(k.value, str)}


def _written(name: str) -> set[str]:
    """The string constants the code assigns to an attribute or variable ``name`` (alone or in a tuple) or
    passes as a keyword ``name``."""
    out: set[str] = set()
    for path in CODE:
        for a in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(a, ast.keyword) and a.arg == name:
                out |= _strings(a.value)
            if not isinstance(a, ast.Assign):
                continue
            for t in a.targets:
                parts = list(zip(t.elts, a.value.elts)) if isinstance(t, ast.Tuple) and isinstance(a.value, ast.Tuple) \
                    else [(t, a.value)]
                out |= {s for x, v in parts if getattr(x, "attr", getattr(x, "id", None)) == name for s in _strings(v)}
    return out


def _diagnosed() -> set[str]:
    """The reasons written straight into a diagnostic (its fifth argument)."""
    return {s for path in CODE for a in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(a, ast.Call) and getattr(a.func, "id", None) == "Diagnostic" and len(a.args) == 5
            for s in _strings(a.args[4])}


def _found_how() -> set[str]:
    """The ways a function that finds an actor (``-> Found``, ``-> tuple[Arg | None, str]``) returns, its
    f-string's parts (a step and a way) as well."""
    out: set[str] = set()
    for path in CODE:
        for f in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(f, ast.FunctionDef) and f.returns is not None and (
                    "Found" in ast.unparse(f.returns) or ast.unparse(f.returns) == "tuple[Arg | None, str]"):
                out |= {p for r in ast.walk(f) if isinstance(r, ast.Return) and isinstance(r.value, ast.Tuple)
                        for s in _strings(r.value.elts[1]) for p in s.split(":") if p}
    return out


def test_every_reason_the_code_writes_is_a_rule_or_documented():
    ids = {r.id for r in _rules("en")}
    code = set(DOCUMENTED["reasons"])
    written = _written("suppressed") | _written("reason") | _diagnosed()
    written -= {""}  # (a suppression lifted)
    assert written <= ids | code, sorted(written - ids - code)
    assert not code & ids, sorted(code & ids)
    assert code <= written, f"documented but never written: {sorted(code - written)}"


def _set_by_rules(name: str) -> set[str]:
    """What the rules that set a predicate's fields (``sets:``) give its field ``name``."""
    return {str(dict(r.sets)[name]) for r in _rules("en") if name in dict(r.sets)}


def test_every_way_of_finding_an_actor_is_documented():
    ways, steps = set(DOCUMENTED["ways"]), set(DOCUMENTED["steps"])
    how = (_written("actor_how") | _found_how() | _set_by_rules("actor_how")) - {""}
    assert how <= ways | steps, sorted(how - ways - steps)
    assert ways | steps <= how, f"documented but never written: {sorted(ways | steps - how)}"
