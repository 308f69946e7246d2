"""Negation and modality of an event predicate from the tree and lexicon cues."""
from __future__ import annotations

from extractors.events.lexicon import Lexicon
from extractors.events.tree import Tree

CLAUSE_UP = ("xcomp", "ccomp", "csubj", "advcl", "conj", "parataxis", "acl", "obj", "nsubj", "obl", "nmod", "root")


def negated(tree: Tree, node: int, lex: Lexicon) -> bool:
    """A negation particle on the predicate, its auxiliaries or copula."""
    targets = [node] + [c.id for c in tree.children(node, "aux", "cop", "aux:pass")]
    n = tree[node]
    if n.rel in ("acl", "xcomp", "advcl", "nmod") and n.head:
        # "had no plans to visit", "there is no intention to impose": the negated plan noun governs the act
        g = tree[n.head]
        nouns = [g] if g.upos == "NOUN" else tree.children(g.id, "obj")
        plans = [x for x in nouns if x.upos == "NOUN" and x.lemma in lex.planned | lex.hypothetical]
        if any(x.head and tree[x.head].lemma in lex.negation for x in plans):
            return True  # "Putin has no plans to visit…" (Russian: "at Putin there are no plans")
        targets += [x.id for x in plans]
        if g.lemma in lex.negation_carriers and n.deprel in ("acl", "xcomp"):
            targets.append(g.id)  # "would be unable to extend", "not able to attend"
            targets += [c.id for c in tree.children(g.id, "aux", "cop")]
    if n.upos == "NOUN" and n.rel == "nsubj" and n.head and tree[n.head].lemma in lex.planned:
        targets.append(n.head)  # "a meeting … is not planned", "no meeting is planned": the plan is denied
    for t in targets:
        for c in tree.children(t, "advmod", "neg", "part", "discourse", "det"):
            if c.lemma in lex.negation or c.text.lower() in lex.negation:
                return True
    # a subject coordinated by "neither … nor", or "neither" on it ("Neither country has recognised…")
    return any(k.text.lower() in tree.g.correlatives_first for s in tree.children(node, "nsubj", "nsubj:pass")
               for k in tree.children(s.id, "cc:preconj", "amod", "det"))


def failed(tree: Tree, node: int, lex: Lexicon) -> bool:
    """The act is the complement of a verb of failure: "failed to agree on sanctions" is an agreement
    not reached (negated), not a refusal, so it is checked after a refusal type has been chosen."""
    n = tree[node]
    return n.rel == "xcomp" and bool(n.head) and (tree[n.head].lemma in lex.failure_verbs or any(
        c.lemma in lex.pending_marks for c in tree.children(n.head, "advmod")))  # "has yet to ratify"


def governors(tree: Tree, node: int, limit: int = 3) -> list[int]:
    """The predicate and the chain of clauses it is the complement of (xcomp/ccomp…), nearest first."""
    out = [node]
    cur = tree[node]
    for _ in range(limit):
        if cur.rel not in ("xcomp", "ccomp", "csubj") or cur.head == 0:
            break
        cur = tree[cur.head]
        if author_voice(tree, cur):
            break  # "Let us note that Poland closed…": the article's aside says nothing of when
        out.append(cur.id)
    return out


def author_voice(tree: Tree, n) -> bool:
    """A sentence-initial first-person-plural verb with no subject ("Let us recall, …", "Let us note that …"):
    the article speaking, not a party."""
    return n.feats.get("Person") == "1" and n.feats.get("Number") == "Plur" and n.start == tree.start \
        and not tree.children(n.id, "nsubj")


def foretold(tree: Tree, node: int) -> bool:
    """A clause told for the future, also in reported speech ("will be met", "would be met")."""
    return _future(tree, node) or any(a.lemma in tree.g.reported_future_aux or a.text.lower() in tree.g.reported_future_aux
                                      for a in tree.children(node, "aux"))


def _future(tree: Tree, node: int) -> bool:
    n, g = tree[node], tree.g
    if n.feats.get("Tense") == "Fut":
        return True
    for a in tree.children(node, "aux"):
        if a.feats.get("Tense") == "Fut" or a.lemma in g.future_aux or a.text.lower() in g.future_aux:
            return True
        if a.lemma in g.analytic_future_aux and n.feats.get("VerbForm") == "Inf":
            return True  # "[I] will meet": the analytic future, whatever tense the tagger gave its auxiliary
    if g.future_be_forms and n.feats.get("VerbForm") == "Inf":
        # "[I] will today meet" with the auxiliary hung elsewhere by the parser: the word before the
        # infinitive, past any adverbs, is a future form of "be" (the grammar's future_be_forms)
        k = node - 1
        while k in tree.nodes and tree[k].upos == "ADV":
            k -= 1
        if k in tree.nodes and tree[k].text.lower() in g.future_be_forms:
            return True
    return False


def modality(tree: Tree, node: int, lex: Lexicon, sentence_text: str, reported_context: bool,
             named_source: bool = False) -> str:
    """``named_source``: the sentence's attribution names a party or person ("According to Fidan", "as
    the Moldovan foreign ministry reported"), so its phrase makes nothing reported."""
    low = sentence_text.lower()
    chain = governors(tree, node)
    if any(k.lemma.lower() in lex.hypothetical_marks for g in chain[:2] for k in tree.children(g, "mark", "advmod", "discourse")):
        return "hypothetical"  # "had not decided whether to send troops": undecided, whoever tells it
    if reported_context or any(p in low for p in lex.reported_phrases if not (
            named_source and any(p.startswith(a) or a.startswith(p) for a in lex.attributions))):
        return "reported"  # (but "according to him", "According to Fidan" give a named speaker's words)
    for g in chain:
        aux = [a.lemma for a in tree.children(g, "aux")] + [a.text.lower() for a in tree.children(g, "aux")]
        if tree[g].lemma in lex.hypothetical and g != node:
            return "hypothetical"  # (also "said it would consider imposing sanctions")
        told = tree[tree[g].head] if tree[g].rel == "conj" and tree[g].head else tree[g]  # "said it … and would …"
        if set(aux) & tree.g.reported_future_aux and (
                told.rel == "ccomp" and told.head and tree[told.head].lemma in lex.speech_lemmas - lex.hypothetical
                or told.id != g and told.lemma in lex.speech_lemmas
                or any(k.lemma in lex.speech_lemmas for k in tree.children(g, "parataxis"))):
            return "planned"  # "Macron said France would support…", "France would support…, Macron said"
        if any(a in lex.hypothetical for a in aux):
            return "hypothetical"
        if any(k.lemma.lower() in lex.hypothetical for k in tree.children(g, "advmod")):
            return "hypothetical"  # "will probably deliver", "is unlikely to deliver"
    # an impersonal hypothetical matrix ("It is expected that…")
    for a in tree.ancestors(node):
        if a.lemma in lex.hypothetical and a.upos in ("VERB", "ADJ", "ADV", "AUX", "NOUN"):  # (also "hope that…")
            return "hypothetical"
    if any(p in low for p in lex.hypothetical_phrases):
        return "hypothetical"
    for g in chain:
        if _future(tree, g) or (tree[g].lemma in lex.planned and g != node):
            return "planned"
        if tree[g].lemma in tree.g.planned_copulas and g != node:
            return "planned"  # "are to meet"
        if any(k.lemma in tree.g.planned_copulas for k in tree.children(g, "aux", "cop")) \
                and any(k.lemma in tree.g.infinitive_marks for k in tree.children(g, "mark")):
            return "planned"  # "are to meet" with "are" read as the infinitive's copula
    n = tree[node]
    if n.upos == "NOUN" and any(a.lemma in lex.planned for a in tree.ancestors(node)[:2]):
        return "planned"  # "the plan for the troops' withdrawal", "plans for a withdrawal"
    if n.rel in ("acl", "nmod", "xcomp") and n.head and tree[n.head].upos == "NOUN" and tree[n.head].lemma in lex.planned:
        return "planned"  # "announced his intention to visit Moscow", "spoke of his intention to visit Moscow"
    return "asserted"


def conditional_would(tree: Tree, node: int) -> bool:
    """The act's only mark of possibility is the "would" of a conditional ("would hand them back if the
    occupation ends"): an offer or threat made on a condition, not a guess."""
    auxes = [a.text.lower() for g in governors(tree, node) for a in tree.children(g, "aux")]
    return bool(auxes) and set(auxes) <= tree.g.conditional_aux


def is_reporting_sentence(tree: Tree, lex: Lexicon) -> bool:
    """A sentence whose main act is media or sources reporting ("sources reported this"), or that
    cites sources ("Reuters reported, citing three sources, that…")."""
    for n in tree.nodes.values():
        if n.lemma in lex.citing_verbs and any(c.lemma in lex.reported_sources for c in tree.children(n.id, "obj")):
            return True
        if n.lemma in lex.reported_verbs and n.upos == "VERB":
            for c in tree.children(n.id, "nsubj", "obl", "nmod"):
                if c.lemma in lex.reported_sources or any(
                        tree[i].lemma in lex.reported_sources for i in tree.subtree(c.id)):
                    return True
    return False


def anonymous_source(tree: Tree, lex: Lexicon) -> bool:
    """The sentence is told by an unnamed official ("…, a Kremlin official told reporters"): what it says
    is reported, unless it is already planned or hypothetical."""
    if any(_anonymous(tree, c.id, lex) for n in tree.nodes.values()
           if n.lemma in lex.reported_verbs and n.upos == "VERB" for c in tree.children(n.id, "nsubj")):
        return True
    if tree.g.impersonal_plural and any(n.lemma in lex.reported_verbs and n.upos == "VERB" and n.feats.get("Number") == "Plur"
                                and not tree.children(n.id, "nsubj") and not any(
                                    k.lemma.lower() in lex.bodies and tree.cases(k.id) & tree.g.institution_cases
                                    for k in tree.children(n.id, "obl")) for n in tree.nodes.values()):
        return True  # "…, [they] said in Seoul": an indefinite "they" tells it ("[they] said in the ministry": the ministry)
    # surface fallback for a closing attribution the parser did not attach: ", a … official said today."
    ids = tree.ids
    commas = [k for k, i in enumerate(ids) if tree[i].text == ","]
    if not commas:
        return False
    tail = [tree[i] for i in ids[commas[-1] + 1:] if tree[i].upos != "PUNCT"]
    roles = [k for k, t in enumerate(tail) if t.lemma.lower() in lex.anonymous_roles]
    return len(tail) <= 8 and bool(roles) and any(t.lemma in lex.reported_verbs for t in tail[roles[0] + 1:roles[0] + 2])


def _anonymous(tree: Tree, node: int, lex: Lexicon) -> bool:
    """An unnamed official as a source: "a senior official", "the official", "officials"."""
    n = tree[node]
    return n.lemma.lower() in lex.anonymous_roles and not tree.children(node, "appos", "flat", "flat:name")


def named_attribution(tree: Tree, sentence_text: str, offset: int, mentions, lex: Lexicon) -> bool:
    """An attribution phrase of the sentence ("according to", "as reported") is followed closely by a
    named party or person, or by a state body, not by media or sources: "According to Fidan, …", "As
    the republic's foreign ministry reported, …" give that speaker's words, not a report."""
    low = sentence_text.lower()
    if any(o in low for o in lex.named_sources):
        return True  # "according to him", "according to them": a speaker already named
    for a in lex.attributions:
        k = low.find(a)
        if k < 0:
            continue
        after = offset + k + len(a)
        words = [n for n in (tree[i] for i in tree.ids) if n.start >= after and n.upos not in ("ADP", "DET", "PUNCT")][:1]
        if words and words[0].lemma.lower() in lex.bodies:
            return True  # "as the ministry reported", "according to the ministry"
        nxt = min((m for m in mentions if m.start_char >= after), key=lambda m: m.start_char, default=None)
        between = low[k + len(a):nxt.start_char - offset] if nxt is not None else ""
        if nxt is not None and nxt.start_char - after <= 30 and nxt.source != "media" \
                and (nxt.actor_code or nxt.actor_type == "PERSON") \
                and not any(w in between for w in lex.reported_sources):
            return True
    return False
