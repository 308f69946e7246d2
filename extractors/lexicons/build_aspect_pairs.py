"""Build ``lexicons/ru/aspect_pairs.tsv``: the other-aspect partner of every Russian verb the
predicate lexicon lists (``predicates.yaml`` entries and ``verb_classes.tsv``), so that a verb class or
frame written for one aspect («отозвать посла») serves the other («отзывает посла»).

Candidates come from Russian aspect morphology (secondary imperfectives in -ывать/-ивать/-ать/-ять,
the consonant alternations т/щ, т/ч, д/ж, з/ж, с/ш, ст/щ, the labial + л of -влять/-блять/-плять/-млять,
-ести/-одить, -ойти/-ходить, -ать/-авать, -ять/-имать, -нуть/-гать, the о/а alternation of -овить/-авливать and -отреть/-атривать, and a perfectivising prefix
dropped), each kept only when pymorphy2's dictionary knows the candidate as an infinitive of the
opposite aspect. ``REJECTED`` lists candidates that are real verbs but not the partner in the sense the
lexicon means (checked by hand). Run: ``python -m extractors.lexicons.build_aspect_pairs``.
"""
from __future__ import annotations

import csv
from pathlib import Path

import yaml

HERE = Path(__file__).parent / "ru"
OUT = HERE / "aspect_pairs.tsv"

# (perfective ending, imperfective ending): suffix rewrites of the stem, tried in order
SUFFIXES = [
    ("орвать", "рывать"), ("ести", "одить"), ("ести", "осить"), ("есть", "итать"), ("озить", "аживать"),
    ("осить", "ашивать"), ("омнить", "оминать"), ("оять", "аивать"), ("оить", "аивать"), ("онить", "анивать"),
    ("хать", "зжать"), ("рать", "ирать"), ("лать", "ылать"), ("озвать", "зывать"), ("звать", "зывать"), ("ечь", "игать"),
    ("нуть", "гивать"), ("лить", "левать"), ("ойти", "ходить"), ("йти", "ходить"), ("ыть", "ывать"),
    ("стить", "щать"), ("тить", "щать"), ("тить", "чать"), ("дить", "ждать"), ("дить", "жать"),
    ("зить", "жать"), ("сить", "шать"), ("вить", "влять"), ("бить", "блять"), ("пить", "плять"),
    ("мить", "млять"), ("нять", "нимать"), ("ять", "имать"), ("ить", "ять"), ("ить", "ать"),
    ("ать", "авать"), ("ать", "ывать"), ("ать", "ивать"), ("ять", "ивать"), ("ергнуть", "ергать"),
    ("игнуть", "игать"), ("нуть", "ать"), ("ечь", "егать"), ("очь", "огать"), ("ить", "ивать"),
    ("ерить", "еривать"), ("олить", "аливать"), ("овить", "авливать"), ("отреть", "атривать"), ("орить", "аривать"), ("ить", "ывать"), ("еть", "ать"),
]
# partners of another stem or with a vowel alternation, which no rewrite reaches
SUPPLETIVE = [("вернуть", "возвращать"), ("досмотреть", "досматривать"), ("взять", "брать"), ("сказать", "говорить"),
              ("пересечь", "пересекать")]
PREFIXES = ["по", "с", "со", "за", "про", "на", "о", "об", "у", "раз", "рас", "вы", "при", "от", "пере", "под"]
# real verbs the rules reach that are not the partner the lexicon means
REJECTED = {
    ("заставить", "ставить"), ("поставить", "ставить"), ("предоставить", "ставить"),
    ("назвать", "звать"), ("вызвать", "звать"), ("отозвать", "звать"), ("призвать", "звать"),
    ("сказать", "казать"), ("показать", "казать"), ("указать", "казать"), ("сказать", "сказывать"),
    ("поделиться", "поделываться"), ("похвалить", "похваливать"), ("захватать", "захватывать"),
    ("отомстить", "отомщать"), ("съездить", "съезжать"), ("обучить", "бучить"),
    ("разблокировать", "блокировать"), ("пойти", "походить"), ("забросать", "бросать"),
    ("пересечь", "сечь"),
}


def _infinitive_aspects(morph, word: str) -> set[str]:
    if not morph.word_is_known(word):
        return set()
    return {str(p.tag.aspect) for p in morph.parse(word) if p.tag.POS == "INFN" and p.normal_form == word}


def _candidates(verb: str, to_impf: bool) -> tuple[list[str], list[str]]:
    """Suffix candidates (in the order of ``SUFFIXES``) and, for a perfective, prefix-dropped ones."""
    suffixed = []
    for perf, impf in SUFFIXES:
        src, dst = (perf, impf) if to_impf else (impf, perf)
        if verb.endswith(src) and len(verb) > len(src) + 1:
            suffixed.append(verb[: -len(src)] + dst)
    prefixed = [verb[len(p):] for p in PREFIXES if to_impf and verb.startswith(p) and len(verb) - len(p) > 3]
    return suffixed, prefixed


def partners(morph, verb: str) -> list[str]:
    """The verb's partner of the other aspect: the first suffix candidate pymorphy2 knows as such,
    else (a perfective) the first prefix-dropped one; none for biaspectual or unknown verbs."""
    refl = verb.endswith(("ся", "сь"))
    base = verb[:-2] if refl else verb
    aspects = _infinitive_aspects(morph, verb)
    if len(aspects) != 1:
        return []
    to_impf = aspects == {"perf"}
    want = "impf" if to_impf else "perf"
    for group in _candidates(base, to_impf):
        for c in group:
            word = c + "ся" if refl else c
            if (word != verb and want in _infinitive_aspects(morph, word)
                    and (verb, word) not in REJECTED and (word, verb) not in REJECTED):
                return [word]
    return []


def lexicon_verbs() -> list[str]:
    pred = yaml.safe_load((HERE / "predicates.yaml").read_text(encoding="utf-8"))
    verbs = {e["lemma"] for e in pred["entries"] if not set(e.get("pos") or []) & {"NOUN", "ADJ"}}
    with (HERE / "verb_classes.tsv").open(encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        next(rows)
        verbs |= {r[0] for r in rows if r}
    return sorted(v for v in verbs if v.endswith(("ть", "ться", "ти", "чь", "тись")))


def build() -> list[tuple[str, str]]:
    import inspect

    if not hasattr(inspect, "getargspec"):  # pymorphy2 0.9 predates Python 3.11
        inspect.getargspec = lambda f: inspect.getfullargspec(f)[:4]
    import pymorphy2

    morph = pymorphy2.MorphAnalyzer()
    pairs = set()
    for v in lexicon_verbs():
        asp = _infinitive_aspects(morph, v)
        for w in partners(morph, v):
            pairs.add((v, w) if asp == {"perf"} else (w, v))
    known = set(lexicon_verbs())
    pairs |= {(a, b) for a, b in SUPPLETIVE if a in known or b in known}
    return sorted(pairs)


def main() -> None:
    pairs = build()
    head = [
        "# Russian aspect partners (perfective, imperfective) of the verbs the predicate lexicon lists: an entry",
        "# written for one aspect serves the other (events/lexicon.py copies the entries a partner lacks).",
        "# source: generated by extractors/lexicons/build_aspect_pairs.py from predicates.yaml and verb_classes.tsv,",
        "#         candidates by Russian aspect morphology checked against the pymorphy2 dictionary",
        "#         (OpenCorpora data, CC-BY-SA 3.0; pymorphy2 MIT); no corpus copied. licence: CC-BY-SA-3.0",
        "perfective\timperfective",
    ]
    OUT.write_text("\n".join(head + [f"{a}\t{b}" for a, b in pairs]) + "\n", encoding="utf-8")
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
