"""The dependency-tree view stays a tree even when a parser emits head cycles."""
from __future__ import annotations

from types import SimpleNamespace as NS

from extractors.events import grammar
from extractors.events.tree import Tree


def _sentence(heads: list[int], text: str = "a b c d") -> tuple[NS, str]:
    words, pos = [], 0
    for i, (w, h) in enumerate(zip(text.split(), heads), 1):
        words.append(NS(id=i, text=w, lemma=w, upos="X", feats=None, head=h, deprel="dep",
                        start_char=pos, end_char=pos + len(w)))
        pos += len(w) + 1
    return NS(tokens=[NS(words=[w], start_char=w.start_char, end_char=w.end_char) for w in words]), text


def test_a_head_cycle_is_reattached_to_the_root():
    sent, text = _sentence([0, 3, 2, 1])  # 2 <-> 3 form a cycle, detached from root 1
    tree = Tree(sent, text)
    assert tree.repaired == 1
    assert sorted(tree.subtree(1)) == [1, 2, 3, 4]
    assert all(1 in {a.id for a in tree.ancestors(i)} for i in (2, 3, 4))


def test_a_sentence_that_is_only_a_cycle_gets_a_root():
    sent, text = _sentence([2, 1], "a b")
    tree = Tree(sent, text)
    assert tree.repaired == 1 and tree[1].head == 0 and tree.subtree(1) == [1, 2]


def test_a_clean_tree_is_left_alone():
    sent, text = _sentence([0, 1, 2, 2])
    tree = Tree(sent, text)
    assert tree.repaired == 0 and tree.subtree(2) == [2, 3, 4]


EN = grammar.load("en")  # the words the English repairs read (time nouns, marks, auxiliaries) are the language's


def _parsed(rows: list[tuple[str, str, str | None, int, str]], glued: frozenset[int] = frozenset()) -> tuple[NS, str]:
    """(text, upos, feats, head, deprel) rows, one word each, separated by spaces (no space before the
    word ids in ``glued``)."""
    words, pos, text = [], 0, ""
    for i, (w, upos, feats, head, rel) in enumerate(rows, 1):
        if i > 1 and i not in glued:
            text, pos = text + " ", pos + 1
        words.append(NS(id=i, text=w, lemma=w.lower(), upos=upos, feats=feats, head=head, deprel=rel,
                        start_char=pos, end_char=pos + len(w)))
        text, pos = text + w, pos + len(w)
    return NS(tokens=[NS(words=[w], start_char=w.start_char, end_char=w.end_char) for w in words]), text


# "Russia , which has denied any involvement , accused Ukraine ." as the compact parser reads it:
# the name is the root and the main verb a participle hung on the relative clause's object
STRANDED = [("Russia", "PROPN", None, 0, "root"), (",", "PUNCT", None, 1, "punct"),
            ("which", "PRON", None, 5, "nsubj"), ("has", "AUX", "Tense=Pres|VerbForm=Fin", 5, "aux"),
            ("denied", "VERB", "Tense=Past|VerbForm=Part", 1, "acl:relcl"), ("any", "DET", None, 7, "det"),
            ("involvement", "NOUN", None, 5, "obj"), (",", "PUNCT", None, 9, "punct"),
            ("accused", "VERB", "Tense=Past|VerbForm=Part|Voice=Pass", 7, "acl"),
            ("Ukraine", "PROPN", None, 9, "obj"), (".", "PUNCT", None, 1, "punct")]


def test_a_main_verb_stranded_in_a_relative_clause_becomes_the_predicate():
    tree = Tree(*_parsed(STRANDED))
    assert tree.repaired == 1
    assert tree[9].head == 0 and tree[9].deprel == "root"
    assert tree[1].head == 9 and tree[1].deprel == "nsubj"
    assert tree[11].head == 9  # the full stop follows the predicate
    assert tree[9].feats.get("Voice") is None and tree[9].feats["VerbForm"] == "Fin"


def test_a_reduced_passive_relative_without_object_is_left_alone():
    rows = [r if r[0] != "Ukraine" else ("today", "NOUN", None, 9, "obl:tmod") for r in STRANDED]
    tree = Tree(*_parsed(rows))  # "…, accused today ." : no object, so no active main verb
    assert tree.repaired == 0 and tree[1].head == 0


def test_a_counted_act_takes_the_place_of_its_measure_noun():
    rows = [("EU", "PROPN", None, 2, "nsubj"), ("approved", "VERB", "VerbForm=Fin", 0, "root"),
            ("a", "DET", None, 4, "det"), ("package", "NOUN", None, 2, "obj"), ("of", "ADP", None, 6, "case"),
            ("sanctions", "NOUN", None, 4, "nmod")]
    tree = Tree(*_parsed(rows), measures=frozenset({"package"}), grammar=EN)
    assert tree.repaired == 1
    assert tree[6].head == 2 and tree[6].deprel == "obj"  # approved -> sanctions
    assert tree[4].head == 6 and tree[4].rel == "nmod" and tree[5].head == 4
    assert Tree(*_parsed(rows), grammar=EN).repaired == 0  # no measure nouns given: left alone


def test_a_clause_after_a_preposition_gets_its_subject_back():
    # "Warning came after people rallied" with "after" on the noun and the verb a bare conjunct
    rows = [("Warning", "NOUN", None, 2, "nsubj"), ("came", "VERB", "VerbForm=Fin", 0, "root"),
            ("after", "ADP", None, 4, "case"), ("people", "NOUN", None, 2, "obl"),
            ("rallied", "VERB", "VerbForm=Fin", 2, "conj")]
    en = grammar.load("en")  # the prepositions that also head clauses are the language's
    tree = Tree(*_parsed(rows), grammar=en)
    assert tree.repaired == 1
    assert Tree(*_parsed(rows)).repaired == 0  # with no language's grammar there is no such preposition
    assert tree[4].head == 5 and tree[4].deprel == "nsubj"
    assert tree[3].head == 5 and tree[3].deprel == "mark" and tree[5].deprel == "advcl"
    with_and = rows[:4] + [("and", "CCONJ", None, 6, "cc"), ("rallied", "VERB", "VerbForm=Fin", 2, "conj")]
    assert Tree(*_parsed(with_and), grammar=en).repaired == 0  # "came after people and rallied": a real conjunct


# "Mercosur , as the group is called , imposed tariffs on Venezuela ." as the compact parser reads it: the
# name is the root, the aside its clause, and the main verb a participle modifying its own object
ASIDE = [("Mercosur", "PROPN", None, 0, "root"), (",", "PUNCT", None, 1, "punct"),
         ("as", "SCONJ", None, 7, "mark"), ("the", "DET", None, 5, "det"), ("group", "NOUN", None, 7, "nsubj:pass"),
         ("is", "AUX", "Tense=Pres|VerbForm=Fin", 7, "aux:pass"),
         ("called", "VERB", "Tense=Past|VerbForm=Part|Voice=Pass", 1, "acl"), (",", "PUNCT", None, 7, "punct"),
         ("imposed", "VERB", "Tense=Past|VerbForm=Part|Voice=Pass", 10, "amod"),
         ("tariffs", "NOUN", None, 7, "obl"), ("on", "ADP", None, 12, "case"),
         ("Venezuela", "PROPN", None, 10, "nmod"), (".", "PUNCT", None, 1, "punct")]


def test_a_main_verb_after_an_as_aside_becomes_the_predicate_with_its_object():
    tree = Tree(*_parsed(ASIDE), grammar=EN)
    assert tree.repaired == 1
    assert (tree[9].head, tree[9].deprel, tree[9].feats.get("VerbForm")) == (0, "root", "Fin")
    assert (tree[1].head, tree[1].deprel) == (9, "nsubj")
    assert (tree[10].head, tree[10].deprel) == (9, "obj")
    assert tree[7].head == 1  # the aside stays with the name


# "Hungary , a close ally of Moscow , blocked sanctions ." read with two subjects of "blocked"
APPOSITION = [("Hungary", "PROPN", None, 9, "nsubj"), (",", "PUNCT", None, 1, "punct"),
              ("a", "DET", None, 5, "det"), ("close", "ADJ", None, 5, "amod"), ("ally", "NOUN", None, 9, "nsubj"),
              ("of", "ADP", None, 7, "case"), ("Moscow", "PROPN", None, 5, "nmod"), (",", "PUNCT", None, 1, "punct"),
              ("blocked", "VERB", "Tense=Past|VerbForm=Fin", 0, "root"), ("sanctions", "NOUN", None, 9, "obj"),
              (".", "PUNCT", None, 9, "punct")]


def test_a_noun_phrase_between_commas_after_the_subject_is_its_apposition():
    tree = Tree(*_parsed(APPOSITION))
    assert tree.repaired == 1
    assert (tree[5].head, tree[5].deprel) == (1, "appos")
    assert [c.id for c in tree.children(9, "nsubj")] == [1]


def test_two_subjects_without_the_commas_are_left_alone():
    rows = [("Hungary", "PROPN", None, 7, "nsubj"), ("a", "DET", None, 4, "det"), ("close", "ADJ", None, 4, "amod"),
            ("ally", "NOUN", None, 7, "nsubj"), ("of", "ADP", None, 6, "case"), ("Moscow", "PROPN", None, 4, "nmod"),
            ("blocked", "VERB", "Tense=Past|VerbForm=Fin", 0, "root"), ("sanctions", "NOUN", None, 7, "obj"),
            (".", "PUNCT", None, 7, "punct")]
    tree = Tree(*_parsed(rows))
    assert tree.repaired == 0 and [c.id for c in tree.children(7, "nsubj")] == [1, 4]


# "Beijing will impose countermeasures should Washington go ahead ." with the object read as a
# second subject of the inverted conditional clause
INVERTED = [("Beijing", "PROPN", None, 3, "nsubj"), ("will", "AUX", None, 3, "aux"),
            ("impose", "VERB", None, 0, "root"), ("countermeasures", "NOUN", None, 7, "nsubj"),
            ("should", "AUX", None, 7, "aux"), ("Washington", "PROPN", None, 7, "nsubj"),
            ("go", "VERB", None, 3, "ccomp"), ("ahead", "ADV", None, 7, "advmod"), (".", "PUNCT", None, 3, "punct")]


def test_the_noun_before_an_inverted_condition_is_the_main_verbs_object():
    tree = Tree(*_parsed(INVERTED), grammar=EN)
    assert tree.repaired == 1
    assert (tree[4].head, tree[4].deprel) == (3, "obj")
    assert (tree[7].head, tree[7].deprel) == (3, "advcl")
    assert [c.id for c in tree.children(7, "nsubj")] == [6]


# "North Korea fired a missile hours before the summit began ." with "hours" read as the object
SPAN = [("North", "PROPN", None, 2, "compound"), ("Korea", "PROPN", None, 3, "nsubj"),
        ("fired", "VERB", None, 0, "root"), ("a", "DET", None, 6, "det"), ("missile", "NOUN", None, 6, "compound"),
        ("hours", "NOUN", None, 3, "obj"), ("before", "SCONJ", None, 10, "mark"), ("the", "DET", None, 9, "det"),
        ("summit", "NOUN", None, 10, "nsubj"), ("began", "VERB", None, 3, "advcl"), (".", "PUNCT", None, 3, "punct")]


def test_a_time_span_read_as_the_object_gives_the_object_back():
    tree = Tree(*_parsed(SPAN), grammar=EN)
    assert tree.repaired == 1
    assert (tree[5].head, tree[5].deprel) == (3, "obj")
    assert (tree[6].head, tree[6].deprel) == (3, "obl:tmod")
    assert tree[4].head == 5  # "a missile"


# "North Korea test-fired a missile" as the compact parser reads it: the prefix "test" is the subject
# and the name its compound
TEST_FIRED = [("North", "PROPN", None, 2, "compound"), ("Korea", "PROPN", None, 3, "compound"),
              ("test", "NOUN", None, 5, "nsubj"), ("-", "PUNCT", None, 3, "punct"),
              ("fired", "VERB", "VerbForm=Fin", 0, "root"), ("a", "DET", None, 7, "det"),
              ("missile", "NOUN", None, 5, "obj")]


def test_a_hyphenated_verb_prefix_gives_the_subject_back_to_the_name():
    tree = Tree(*_parsed(TEST_FIRED, glued=frozenset({4, 5})))
    assert tree.repaired == 1
    assert tree[2].head == 5 and tree[2].deprel == "nsubj"  # Korea -> fired
    assert tree[1].head == 2 and tree[3].head == 5 and tree[3].deprel == "compound"
    assert Tree(*_parsed(TEST_FIRED)).repaired == 0  # "test - fired" with spaces: no hyphenated word


# "Hungary blocked the EU's decision to open talks" with the infinitive hung on the main verb
DECISION = [("Hungary", "PROPN", None, 2, "nsubj"), ("blocked", "VERB", "VerbForm=Fin", 0, "root"),
            ("decision", "NOUN", None, 2, "obj"), ("to", "PART", None, 5, "mark"),
            ("open", "VERB", "VerbForm=Inf", 2, "advcl"), ("talks", "NOUN", None, 5, "obj")]


def test_a_to_clause_after_a_clause_noun_belongs_to_the_noun():
    tree = Tree(*_parsed(DECISION), clause_nouns=frozenset({"decision"}), grammar=EN)
    assert tree.repaired == 1
    assert tree[5].head == 3 and tree[5].deprel == "acl"
    assert Tree(*_parsed(DECISION), grammar=EN).repaired == 0  # "decision" not listed: left alone


# "After meeting Zelensky , Trump said" tagged with "meeting" as a noun subject and the name as its flat part
AFTER_MEETING = [("After", "SCONJ", None, 2, "mark"), ("meeting", "NOUN", None, 6, "nsubj"),
                 ("Zelensky", "PROPN", None, 2, "flat"), (",", "PUNCT", None, 3, "punct"),
                 ("Trump", "PROPN", None, 6, "nsubj"), ("said", "VERB", "VerbForm=Fin", 0, "root")]


def test_an_ing_noun_after_a_subordinator_is_a_gerund_with_an_object():
    tree = Tree(*_parsed(AFTER_MEETING), grammar=EN)
    assert Tree(*_parsed(AFTER_MEETING)).repaired == 0  # with no language's grammar there is no subordinator
    assert tree.repaired == 1
    assert tree[2].upos == "VERB" and tree[2].deprel == "advcl" and tree[2].head == 6
    assert tree[3].deprel == "obj" and tree[3].head == 2
    untagged = [("After", "ADP", None, 2, "case")] + AFTER_MEETING[1:]
    assert Tree(*_parsed(untagged), grammar=EN).repaired == 0  # no "after" as a mark: left alone


# «Сомали выслало посла» with "выслало" tagged as an adjective whose lemma is the verb
EXPELLED = [("Сомали", "PROPN", None, 2, "nsubj"), ("выслало", "ADJ", "Case=Gen", 0, "root"),
            ("посла", "NOUN", None, 2, "obj")]


def test_an_adjective_with_a_verb_lemma_heading_a_clause_is_a_verb():
    rows = [(w, u, f, h, r) for w, u, f, h, r in EXPELLED]
    sent, text = _parsed(rows)
    sent.tokens[1].words[0].lemma = "выслать"
    ru = grammar.load("ru")  # the endings of a verb's lemma are the language's
    tree = Tree(sent, text, grammar=ru)
    assert tree.repaired == 1 and tree[2].upos == "VERB" and tree[2].feats["VerbForm"] == "Fin"
    sent.tokens[1].words[0].lemma = "высланный"
    assert Tree(sent, text, grammar=ru).repaired == 0  # an adjective's own lemma: left alone


def test_an_object_before_a_subjectless_verb_with_another_object_is_its_subject():
    # «Египет депортировал мигрантов» with the name read as a second object
    sent, text = _parsed([("Египет", "PROPN", None, 2, "obj"), ("депортировал", "VERB", None, 0, "root"),
                          ("мигрантов", "NOUN", None, 2, "obj")])
    tree = Tree(sent, text)
    assert tree[1].deprel == "nsubj" and tree[3].deprel == "obj" and tree.repaired == 1


def test_a_verb_with_its_subject_keeps_its_objects():
    sent, text = _parsed([("Египет", "PROPN", None, 3, "nsubj"), ("мигрантов", "NOUN", None, 3, "obj"),
                          ("депортировал", "VERB", None, 0, "root"), ("вчера", "NOUN", None, 3, "obj")])
    tree = Tree(sent, text)
    assert tree[2].deprel == "obj" and tree.repaired == 0


def test_a_finite_verb_conjoined_to_an_infinitive_complement_joins_the_main_verb():
    # «потребовала прекратить … и призвала …»: призвала is the main verb's conjunct
    sent, text = _parsed([("потребовала", "VERB", "VerbForm=Fin", 0, "root"),
                          ("прекратить", "VERB", "VerbForm=Inf", 1, "xcomp"),
                          ("и", "CCONJ", None, 4, "cc"), ("призвала", "VERB", "VerbForm=Fin", 2, "conj")])
    tree = Tree(sent, text)
    assert tree[4].head == 1 and tree.repaired == 1
