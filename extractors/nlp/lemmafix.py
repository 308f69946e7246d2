"""Lemma repairs for the compact models, between tagging and parsing; tags are never changed:
- irregular pasts and participles listed in ``lexicons/<lang>/irregular_verbs.tsv`` ("froze", "sought");
- lemmas that depend on the fine tag or the next word (``tag_lemmas.tsv``: "her"/PRP → she);
- capitalised words the lemmatizer's dictionary knows only in lower case ("Angry" → angry), and a
  sentence's first word tagged as a name that the dictionary knows only as a common noun;
- regular inflections the seq2seq model mangled ("digge" → dig), when exactly one stem is a known lemma;
- plural proper nouns left as their form ("Libraries" → Library), as UD lemmatises them, when exactly
  one singular is a known lemma."""
from __future__ import annotations

import functools

from extractors.nlp.repairtables import read_rows, sentences, with_next, words

VERBAL = ("VERB", "AUX")


@functools.lru_cache(maxsize=8)
def table(lang: str) -> dict[str, str]:
    """form → lemma; empty for a language without a table."""
    return {r["form"].lower(): r["lemma"] for r in read_rows(lang, "irregular_verbs.tsv")}


def fix_irregular_lemmas(docs, lang: str) -> int:
    """Set lemmas in place; returns how many were changed."""
    forms = table(lang)
    changed = 0
    for w in words(docs) if forms else ():
        lemma = forms.get(w.text.lower()) if w.upos in VERBAL else None
        if lemma is not None and w.lemma != lemma:
            w.lemma = lemma
            changed += 1
    return changed


# Names keep their capital by the UD convention; numbers, symbols and punctuation have no case to fold.
KEEP_CASE = frozenset({"PROPN", "X", "SYM", "PUNCT", "NUM"})


def fix_capitalised_lemmas(docs, lookup) -> int:
    """A capitalised or upper-case word (a headline's "Angry", "CLOSED") that the lemmatizer's own
    dictionary does not know, but knows in lower case with the same tag, gets the dictionary's lemma
    instead of the seq2seq guess ("Angry", "unlimite"). ``lookup(form, upos)`` is the lemmatizer's
    dictionary lookup (None for an unseen word); words tagged as names are left alone, and so is a
    capitalised form the dictionary knows ("American"). Returns how many lemmas changed."""
    changed = 0
    for w in words(docs):
        if w.upos in KEEP_CASE or w.text == w.text.lower() or lookup(w.text, w.upos) is not None:
            continue
        lemma = lookup(w.text.lower(), w.upos)
        if lemma is not None and lemma != w.lemma:
            w.lemma = lemma
            changed += 1
    return changed


VOWELS = frozenset("aeiou")


def regular_stems(form: str, upos: str) -> list[str]:
    """The lemmas English regular inflection allows for ``form``: -ing and -ed forms of verbs (with
    a final e restored or a doubled consonant undone: "digging" → dig, "fined" → fine), -s forms of
    verbs and nouns ("skis" → ski, "carries" → carry). Candidates only; nothing checks them here."""
    w, out = form.lower(), []
    if upos == "VERB" and w.endswith("ing") and len(w) > 5:
        s = w[:-3]
        out += [s, s + "e"] + ([s[:-1]] if _doubled(s) else [])
    if upos == "VERB" and w.endswith("ed") and len(w) > 4:
        s = w[:-2]
        out += [w[:-1], s] + ([s[:-1]] if _doubled(s) else []) + ([w[:-3] + "y"] if w.endswith("ied") else [])
    if upos in ("VERB", "NOUN") and w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        out += [w[:-1]] + ([w[:-2]] if w.endswith("es") else []) + ([w[:-3] + "y"] if w.endswith("ies") else [])
    return list(dict.fromkeys(out))


def _doubled(stem: str) -> bool:
    return len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS


def fix_regular_inflections(docs, lookup, known_lemmas: frozenset[str]) -> int:
    """An English verb or noun the lemmatizer's dictionary does not know, whose seq2seq lemma is no
    lemma the dictionary knows ("mopp", "clubbe", "skis"), gets the one regular-inflection stem that
    is a known lemma ("mop", "club", "ski"). With none or several such stems the guess stays. Returns
    how many lemmas changed."""
    changed = 0
    for w in words(docs):
        if w.upos not in ("VERB", "NOUN") or w.lemma is None or w.lemma.lower() in known_lemmas:
            continue
        if lookup(w.text, w.upos) is not None or lookup(w.text.lower(), w.upos) is not None:
            continue
        stems = [s for s in regular_stems(w.text, w.upos) if s in known_lemmas]
        if len(stems) == 1:
            w.lemma = stems[0]
            changed += 1
    return changed


def fix_plural_names(docs, known_lemmas: frozenset[str]) -> int:
    """A plural proper noun (NNPS) whose lemma the lemmatizer left as its form ("Scholars", "Libraries")
    gets its singular, in the form's case ("Scholar", "Library"), when exactly one regular singular is
    a lemma the dictionary knows; names that only look plural ("Athens", "Reynolds") are left alone.
    Returns how many lemmas changed."""
    changed = 0
    for w in words(docs):
        if w.upos != "PROPN" or w.xpos != "NNPS" or w.lemma != w.text:
            continue
        stems = [s for s in regular_stems(w.text, "NOUN") if s in known_lemmas]
        if len(stems) == 1:
            w.lemma = _in_case_of(w.text, stems[0])
            changed += 1
    return changed


def _in_case_of(form: str, stem: str) -> str:
    """``stem`` written as ``form`` is: upper case, capitalised or lower case."""
    if form.isupper():
        return stem.upper()
    return stem[:1].upper() + stem[1:] if form[:1].isupper() else stem


@functools.lru_cache(maxsize=8)
def tag_table(lang: str) -> dict[str, list[tuple[str, frozenset[str], str]]]:
    """form → [(xpos or "", the next words or empty, lemma)]; empty for a language without a table."""
    out: dict[str, list[tuple[str, frozenset[str], str]]] = {}
    for r in read_rows(lang, "tag_lemmas.tsv"):
        before = frozenset(r["before"].split(",")) if r.get("before") else frozenset()
        out.setdefault(r["form"].lower(), []).append((r.get("xpos") or "", before, r["lemma"]))
    return out


def fix_tag_lemmas(docs, lang: str) -> int:
    """Lemmas that depend on the fine tag or the next word (``lexicons/<lang>/tag_lemmas.tsv``:
    "her"/PRP → she, "'s been" → have). The first matching row wins. Returns how many changed."""
    rules = tag_table(lang)
    changed = 0
    for sent in sentences(docs) if rules else ():
        for w, nxt in with_next(sent.words):
            for xpos, before, lemma in rules.get(w.text.lower(), ()):
                if (not xpos or w.xpos == xpos) and (not before or nxt in before):
                    if w.lemma != lemma:
                        w.lemma = lemma
                        changed += 1
                    break
    return changed


def fix_initial_capitals(docs, lookup) -> int:
    """The first word of a sentence is capitalised whatever it is, so a title-case first word tagged
    as a name ("Laughter", "Passport" opening a heading or a transcript line) whose capitalised form
    the lemmatizer's dictionary has never seen, but whose lower case it knows as a common noun, gets
    that noun's lemma. The tag stays; a name the dictionary knows ("Turkey") is left alone. Returns
    how many lemmas changed."""
    changed = 0
    for sent in sentences(docs):
        first = next((w for w in sent.words if w.upos != "PUNCT"), None)
        if first is None or first.upos != "PROPN" or not (first.text[:1].isupper() and first.text[1:].islower()):
            continue
        if lookup(first.text, "PROPN") is not None:
            continue
        lemma = lookup(first.text.lower(), "NOUN")
        if lemma is not None and lemma != first.lemma:
            first.lemma = lemma
            changed += 1
    return changed
