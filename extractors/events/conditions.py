"""Condition spans: a phrase or clause that starts with a condition marker (lexicon data).

The span starts at the marker and runs to the end of the smallest subtree that holds the marker and
what it introduces; a trailing relative clause and final punctuation are left out."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from extractors.events.tree import Node, Tree

RELATIVE_RELS = ("acl:relcl",)
STOP_PUNCT = ".;!?"


@dataclass(frozen=True)
class Condition:
    start: int
    end: int
    text: str
    head: int  # node id the condition phrase hangs from
    stated: bool = True  # False: a concessive clause ("even if Kyiv agrees"): no condition, and no act of its own


@functools.lru_cache(maxsize=16)
def _by_first(markers: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Markers grouped by their first word, longest first within each group."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for m in markers:
        out.setdefault(m[0], []).append(m)
    return {k: tuple(v) for k, v in out.items()}


def _find_markers(tree: Tree, markers: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """(first index, last index) into tree.ids of each marker occurrence, longest first, no overlap."""
    words = [tree[i].text.lower() for i in tree.ids]
    found: list[tuple[int, int]] = []
    used: set[int] = set()
    by_first = _by_first(markers)
    for k in range(len(words)):
        if k in used:
            continue
        for m in by_first.get(words[k], ()):
            n = len(m)
            if tuple(words[k:k + n]) == m:
                found.append((k, k + n - 1))
                used.update(range(k, k + n))
                break
    return found


def _phrase_root(tree: Tree, first: int, last: int) -> int | None:
    """The lowest node whose subtree holds the marker and at least one word after it."""
    ids = tree.ids
    marker = set(ids[first:last + 1])
    if last + 1 >= len(ids):
        return None
    end = tree[ids[last]]
    if first < last and end.deprel == "mark" and end.head > end.id:
        # "in the event that X", "provided that X": the marker's last word introduces clause X, which
        # the first words (a noun, a participle) need not dominate in the tree
        return end.head
    candidates = [ids[first]] + [a.id for a in tree.ancestors(ids[first])]
    for c in candidates:
        sub = set(tree.subtree(c))
        if marker <= sub and any(i > ids[last] for i in sub):
            return c
    return None


def _trimmed(tree: Tree, first: int, last: int) -> list[int]:
    ids = [i for i in tree.ids if first <= i <= last]
    while ids and (tree[ids[-1]].upos == "PUNCT" or tree[ids[-1]].text in STOP_PUNCT):
        ids.pop()
    return ids


def explicit(tree: Tree, lead_ins: frozenset[str], speech: frozenset[str] = frozenset()) -> list[Condition]:
    """Conditions a sentence names as such, without the lead-in: "two conditions must be met: X"
    (the clause after the colon), "the conditions … included that X" (the clause the
    verb of which "conditions" is the subject introduces)."""
    out: list[Condition] = []
    for n in list(tree.nodes.values()):
        if n.lemma not in lead_ins and n.text.lower() not in lead_ins:
            continue
        after = [i for i in tree.ids if i > n.id]
        colon = next((i for i in after[:4] if tree[i].text == ":"), None)
        if colon is not None:
            rest = [i for i in tree.ids if i > colon]
            roots = [i for i in rest if tree[i].head not in rest and tree[i].upos != "PUNCT"]
            if not roots:
                continue
            sub = tree.subtree(roots[0], skip_rels=RELATIVE_RELS + ("parataxis",))
            ids = _trimmed(tree, colon + 1, max(sub))
            if ids:
                s, e = tree.span(ids)
                out.append(Condition(s, e, tree.text[s:e], n.head or n.id))
            continue
        found = len(out)
        if n.rel == "nsubj" and n.head:
            for c in tree.children(n.head, "ccomp"):
                marks = [k for k in tree.children(c.id, "mark") if k.id < c.id]
                if not marks:
                    continue
                sub = tree.subtree(c.id, skip_rels=RELATIVE_RELS + ("parataxis",))
                ids = _trimmed(tree, marks[0].id + 1, max(sub))
                if ids:
                    s, e = tree.span(ids)
                    out.append(Condition(s, e, tree.text[s:e], n.head))
        if len(out) == found:
            cond = _unmet(tree, n, speech)
            if cond is not None:
                out.append(cond)
        if len(out) == found:
            cond = _listed_after(tree, n)
            if cond is not None:
                out.append(cond)
    return out


def _unmet(tree: Tree, lead: Node, speech: frozenset[str]) -> Condition | None:
    """"refused as the terms for X to join had not been met": the clause of the
    conditions and the verb saying whether they are met; by the tree, or where the parser hung the
    noun elsewhere, from the noun's phrase to the first such verb after it."""
    verb = tree[lead.head] if lead.rel == "nsubj" and lead.head and tree[lead.head].lemma in tree.g.unmet_verbs else None
    if verb is not None:
        sub = [i for i in tree.subtree(verb.id, skip_rels=RELATIVE_RELS + ("parataxis", "mark"))
               if i >= min(tree.subtree(lead.id))]
    else:
        after = [i for i in tree.ids if lead.id < i <= lead.id + 12]
        verb_id = next((i for i in after if tree[i].lemma in tree.g.unmet_verbs and tree[i].upos == "VERB"), None)
        if verb_id is None or any(tree[i].lemma.lower() in tree.g.relative_markers for i in after if i < verb_id):
            return None  # "the conditions that went unmet included…": named, not stated here
        first = min([lead.id] + [k.id for k in tree.children(lead.id, "det")])
        sub = [i for i in tree.ids if first <= i <= verb_id]
    ids = _without_attribution(tree, _trimmed(tree, sub[0], max(sub)), speech) if sub else []
    if not ids:
        return None
    s, e = tree.span(ids)
    return Condition(s, e, tree.text[s:e], verb.id if verb is not None else max(ids))




def _listed_after(tree: Tree, lead: Node) -> Condition | None:
    """Surface fallback for "the conditions … included that X, and that Y" when the parse does not
    link the clause to the lead-in: from after the first complementiser that follows a stating verb
    to the end of the sentence, less a closing attribution (", the source said")."""
    after = [i for i in tree.ids if i > lead.id][:12]
    pairs = [(v, c) for v in after if tree[v].lemma in tree.g.condition_stating_verbs and tree[v].upos in ("VERB", "AUX")
             for c in tree.ids if v < c <= v + 2 and tree[c].lemma in tree.g.condition_complementisers and tree[c].upos == "SCONJ"]
    if not pairs:
        return None
    verb, comp = pairs[0]
    last = tree.ids[-1]
    for i in tree.ids:
        n = tree[i]
        if i > comp and n.rel == "parataxis" and n.head and n.head < comp:
            last = min(tree.subtree(i)) - 1
            break
    ids = _trimmed(tree, comp + 1, last)
    if not ids:
        return None
    s, e = tree.span(ids)
    return Condition(s, e, tree.text[s:e], verb)


def _clause_root(tree: Tree, root: int, marker_id: int, clause_markers: frozenset[str]) -> int:
    """A conjunction the tagger took for a preposition ("unless the UN approves": unless -> case of
    UN): the clause is the verb the noun belongs to, when that verb comes after the marker."""
    if tree[marker_id].text.lower() not in clause_markers or tree[root].upos in ("VERB", "AUX"):
        return root
    head = tree[root].head
    if head and head > marker_id and tree[head].upos in ("VERB", "AUX", "ADJ"):
        return head
    return root


ATTRIBUTION_WORDS = 8  # ", a senior Kremlin official told reporters on Friday": the longest closing attribution cut


def _without_attribution(tree: Tree, ids: list[int], speech: frozenset[str]) -> list[int]:
    """Surface fallback: a span that ends in ", <who> said [when]" loses that tail, however the
    parser attached it."""
    for k, i in enumerate(ids):
        if tree[i].text != ",":
            continue
        tail = ids[k + 1:]
        verbs = [j for j, t in enumerate(tail) if tree[t].lemma in speech and tree[t].upos == "VERB"]
        if verbs and len(tail) <= ATTRIBUTION_WORDS and len(tail) - verbs[-1] <= 3 and verbs[-1] >= 1:
            return ids[:k]
    return ids


SUBJECT_START = ("DET", "PROPN", "NOUN", "PRON", "NUM", "ADJ")


def _to_comma(tree: Tree, k: int) -> list[int]:
    """tree.ids from index ``k`` up to (not including) the next comma or final punctuation."""
    out = []
    for i in tree.ids[k:]:
        if tree[i].text == "," or tree[i].text in STOP_PUNCT:
            break
        out.append(i)
    return out


def inverted(tree: Tree, auxiliaries: frozenset[str], inside: frozenset[str] = frozenset()) -> list[Condition]:
    """"Should Turkey block the accession, Sweden will …": a sentence that opens with an auxiliary
    before its subject and goes on after a comma states a condition up to that comma. Parsers often
    make the condition the root here, so this reads the surface; the condition hangs from the first
    verb of the main clause."""
    ids = tree.ids
    k0 = next((k for k, i in enumerate(ids) if tree[i].upos != "PUNCT"), 0)  # after an opening quote mark
    ids = ids[k0:]
    if len(ids) < 5:
        return []
    if tree[ids[0]].text.lower() not in auxiliaries or tree[ids[1]].upos not in SUBJECT_START:
        return _inverted_inside(tree, inside)
    if tree.text[tree.start:tree.end].rstrip().endswith("?"):
        return []  # "Should the EU act now?" asks
    clause = _to_comma(tree, k0)
    rest = ids[len(clause):]
    if len(clause) < 3 or not rest or tree[rest[0]].text != ",":
        return []
    if tree[ids[1]].text.lower() not in tree.g.existential_subjects and not any(tree[i].upos in ("VERB", "ADJ") for i in clause[2:]):
        return []  # "Were there talks, …" has no verb of its own
    main = next((i for i in rest if tree[i].upos == "VERB"), None)
    if main is None:
        return []
    s, e = tree.span(clause)
    return [Condition(s, e, tree.text[s:e], main)]


def _inverted_inside(tree: Tree, inside: frozenset[str]) -> list[Condition]:
    """"… would respond firmly should Manila continue its provocations": inside a sentence an auxiliary
    of ``inside`` (lexicon ``inverted_inside``) opens an inverted condition — after a verb, an adverb, a comma or the verb's object (not after its own subject: "the
    EU should act"), before a subject and then a verb; the condition runs to the next comma and hangs
    from the verb before it."""
    ids = tree.ids
    out = []
    for k in range(1, len(ids) - 2):
        n = tree[ids[k]]
        if n.text.lower() not in inside or tree[ids[k + 1]].upos not in SUBJECT_START \
                or (tree[ids[k - 1]].upos not in ("VERB", "ADV", "PUNCT") and tree[ids[k - 1]].rel not in ("obj", "obl", "root")):
            continue  # (after the verb's object too: "will impose countermeasures should Washington…"; or after a
            # nominal clause head: "there will be a response | should Kyiv escalate")
        span = _to_comma(tree, k)
        if len(span) < 3 or not any(tree[i].upos == "VERB" for i in span[2:]):
            continue
        main = next((i for i in reversed(ids[:k]) if tree[i].upos == "VERB" or tree[i].rel == "root"), None)
        if main is None:
            continue
        s, e = tree.span(span)
        out.append(Condition(s, e, tree.text[s:e], main))
    return out


def participial(tree: Tree, participles: frozenset[str], speech: frozenset[str]) -> list[Condition]:
    """"… ready to resume dialogue provided the EU guarantees the rights of Serbs": a participle marker
    followed by a clause of its own (a subject, then a verb) opens a condition running to the next
    comma. Not when the participle is the clause's verb ("Germany provided weapons": the root, or after
    an auxiliary or a relative pronoun) or a passive one ("aid provided by the EU")."""
    out = []
    ids = tree.ids
    for k, i in enumerate(ids):
        n = tree[i]
        if n.text.lower() not in participles or n.deprel == "root" or k + 2 >= len(ids):
            continue
        if k and tree[ids[k - 1]].upos in ("AUX", "PRON"):
            continue  # "has provided", "which provided"
        if tree[ids[k + 1]].upos not in SUBJECT_START or tree[ids[k + 1]].text.lower() in tree.g.condition_complementisers:
            continue  # "provided by", "provided that" (a marker of its own)
        span = _to_comma(tree, k)
        if not any(tree[j].upos in ("VERB", "AUX") for j in span[2:]):
            continue
        span = _without_attribution(tree, span, speech)
        s, e = tree.span(span)
        out.append(Condition(s, e, tree.text[s:e], n.head or i))
    return out


def _ahead(tree: Tree, verb: int) -> bool:
    """A main clause not told in the past (neither its verb nor an auxiliary of it in the past tense)."""
    return tree[verb].upos in ("VERB", "AUX") and not any(
        n.feats.get("Tense") == "Past" for n in [tree[verb]] + tree.children(verb, "aux"))


def _opens_clause(tree: Tree, marker: int) -> bool:
    """The marker word starts the clause it hangs on: a subordinate clause, or one the parser read as a
    conjunct after a comma ("will not agree…, while the rebels hold the city")."""
    head = tree[tree[marker].head]
    first = min(i for i in tree.subtree(head.id) if tree[i].upos != "PUNCT")
    # (or a fronted clause the parser left as a root of its own: "as long as troops stay …, Moldova will not …")
    second_root = head.rel == "root" and any(tree[i].head == 0 and i != head.id for i in tree.ids)
    return head.rel == "advcl" or ((head.rel == "conj" or second_root) and first == marker)


def find(tree: Tree, markers: tuple[tuple[str, ...], ...],
         not_conditions: tuple[tuple[str, ...], ...] = (), lead_ins: frozenset[str] = frozenset(),
         clause_markers: frozenset[str] = frozenset(), speech: frozenset[str] = frozenset(),
         inverted_markers: frozenset[str] = frozenset(),
         participle_markers: frozenset[str] = frozenset(),
         inverted_inside: frozenset[str] = frozenset()) -> list[Condition]:
    out: list[Condition] = explicit(tree, lead_ins, speech) if lead_ins else []
    out += inverted(tree, inverted_markers, inverted_inside) if inverted_markers else []
    out += participial(tree, participle_markers, speech) if participle_markers else []
    words = [tree[i].text.lower() for i in tree.ids]
    for first, last in _find_markers(tree, markers):
        fixed = [x for x in not_conditions for j in range(min(len(x), first + 1)) if tuple(words[first - j:first - j + len(x)]) == x]
        concessive = any(" ".join(x) in tree.g.concessive_markers for x in fixed)
        if fixed and not concessive:
            continue  # "without delay", "if any,": fixed phrases, not conditions (one may start before the marker)
        if words[last] in tree.g.time_limits and last + 1 < len(words) and tree[tree.ids[last + 1]].upos == "NUM":
            continue  # "suspended talks until 2028" (either language): a date, not a condition
        root = _phrase_root(tree, first, last)
        if root is None or (first == last and tree[root].rel == "ccomp" and tree[root].head
                            and tree[tree[root].head].lemma in tree.g.question_verbs):
            continue  # "asked if Sweden had changed its laws": a complement clause (whether), not a condition
        start_id = tree.ids[first]
        if tree[start_id].lemma in tree.g.condition_subordinators and tree[start_id].deprel != "mark" and not (
                tree[start_id].head and _opens_clause(tree, start_id)):
            continue  # "does not see yet" (Russian "until/while" + "not") is negation, not "until"; in a
            # subordinate clause the parser may still read it as an adverb (", until the issue is settled")
        # (a clause the parser left as a second root hangs from the sentence's first one)
        main = tree[root].head or next((i for i in tree.ids if tree[i].head == 0 and i != root), None)
        if " ".join(words[first:last + 1]) in tree.g.negated_clause_markers and not any(
                tree[i].lemma in tree.g.negators for i in tree.subtree(root)) and not (
                main is not None and (any(k.lemma in tree.g.negators for k in tree.children(main, "advmod"))
                                      or _ahead(tree, main))):
            continue  # the marker alone is "while", unless what it governs is refused ("will not hold
            # talks while the troops stay…": as long as) or still ahead ("will supply gas as long as
            # payments are made"); Russian examples by the grammar's word sets
        if first == last:
            root = _clause_root(tree, root, start_id, clause_markers)
        # from the marker to the end of its phrase; a relative clause closing the phrase is left out,
        # one inside it ("as soon as everything that was agreed on is done") is kept. After a marker
        # ending in a complementiser ("on condition that India halts…") a "relative clause" is the
        # parser's reading of the condition itself.
        skip = () if words[last] in tree.g.condition_complementisers else RELATIVE_RELS
        sub = [i for i in tree.subtree(root, skip_rels=skip) if i >= start_id]
        if not sub:
            continue
        verb = tree[root].head or main
        if verb and start_id < verb < max(sub):
            # a comma the parser hung on the condition from across the verb it conditions does not
            # stretch it over that verb ("If Minsk deploys troops, Vilnius will close…, the minister said")
            sub = [i for i in sub if tree[i].upos != "PUNCT"]
        contiguous = [i for i in tree.ids if start_id <= i <= max(sub)]
        # "as long as Washington | lifts the embargo" with the verb hung elsewhere: a subjectless verb
        # right after the phrase is the rest of its clause
        nxt = tree.nodes.get(contiguous[-1] + 1) if contiguous else None
        if nxt is not None and nxt.upos == "VERB" and nxt.rel in ("advcl", "conj", "ccomp", "acl") \
                and not tree.children(nxt.id, "nsubj", "nsubj:pass") and len(contiguous) > last - first + 1:
            rest = tree.subtree(nxt.id, skip_rels=RELATIVE_RELS + ("parataxis",))
            contiguous = [i for i in tree.ids if start_id <= i <= max(rest)]
            root = nxt.id
        # a closing attribution the parser hung inside the clause (", a Kremlin official told reporters")
        said = [min(tree.subtree(i)) for i in contiguous if tree[i].rel == "parataxis" and tree[i].lemma in speech]
        if said and min(said) > start_id:
            contiguous = [i for i in contiguous if i < min(said)]
        contiguous = _without_attribution(tree, contiguous, speech)
        while contiguous and (tree[contiguous[-1]].upos == "PUNCT" or tree[contiguous[-1]].text in STOP_PUNCT):
            contiguous.pop()
        if len(contiguous) <= last - first + 1:
            continue
        s, e = tree.span(contiguous)
        if any(x.start <= s and e <= x.end for x in out):
            continue  # a marker inside an explicitly named condition is part of it
        out.append(Condition(s, e, tree.text[s:e], root if tree[root].head or main is None else main, not concessive))
    return out


def is_refusal(text: str, markers: tuple[str, ...], negation: frozenset[str]) -> bool:
    """A negated act on this condition is a refusal ("will not X unless C", "will not X until Y does
    Z"). A marker ending in a negation matches with the clause's subject in between (Russian "until
    Stockholm [not] hands over", "as long as Kyiv does not give up": examples by the refusal_markers of
    ru/conditions.yaml)."""
    low = text.lower()
    words = low.replace(",", " ").split()
    for m in markers:
        head, _, last = m.rpartition(" ")
        if low.startswith(m) or (head and last in negation and low.startswith(head) and last in words):
            return True
    return False
