"""Derive ``lexicons/en/field_verbs.tsv`` from the event-data field's own verb dictionary.

Reads the PETRARCH-2 / UniversalPetrarch CAMEO verb dictionary and the official CAMEO -> PLOVER
crosswalk from ``../shared/field`` (or ``--field DIR``) and writes one row per verb (and per simple
verb + object or verb + particle pattern) with its CAMEO code and the project's event type:

    python -m extractors.lexicons.build_field_verbs [--field ../shared/field]

The type is the crosswalk's PLOVER category, then the guidelines' conventions
(``field_types.tsv`` beside the output: codes the guidelines type differently, and codes with no
event in them); verbs listed in ``field_exclude.tsv`` (general verbs whose default block says
little about the act: "want", "need", "go") are left out. The hand-written ``predicates.yaml``
wins for every lemma it lists: the derived rows only add lemmas it does not have."""
from __future__ import annotations

import argparse
import re
from collections import OrderedDict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "en" / "field_verbs.tsv"
CLASSES_OUT = HERE / "en" / "field_classes.tsv"
TYPES = HERE / "en" / "field_types.tsv"
EXCLUDE = HERE / "en" / "field_exclude.tsv"
FLAGS = HERE / "en" / "field_flags.tsv"
VERB_FILE = "universalpetrarch/CAMEO.verbpatterns.150430.txt"
CROSSWALK = "plover/CAMEO2PLOVER-2021.txt"
PARTICLES = {"up", "down", "out", "off", "back", "over", "in", "on", "away", "through", "forward", "aside",
             "along", "around", "apart", "together", "behind"}
HEADER = re.compile(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*---")
CODE = re.compile(r"\[([0-9:-]+)\]")


def _code(s: str) -> str | None:
    """The event code of a bracket ("040:040" -> "040"); None for "---" (no event)."""
    c = s.split(":")[0].strip()
    return c if c and c.isdigit() else None


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows[1:]  # the first non-comment line names the columns


def crosswalk(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def event_type(code: str, walk: dict[str, str], overrides: dict[str, str]) -> str | None:
    """The most specific override or crosswalk entry for a code (longest prefix first)."""
    for table in (overrides, walk):  # an override of a general code covers its specific codes
        for n in range(len(code), 1, -1):
            if code[:n] in table:
                return table[code[:n]] or None
    return None


def synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` blocks of the dictionary: one-word members, lower case."""
    out: dict[str, list[str]] = {}
    name = None
    for line in lines:
        s = line.split("#")[0].strip()
        if s.startswith("&"):
            name = s.rstrip("_")
            out[name] = []
        elif s.startswith("+") and name:
            w = s[1:].strip().rstrip("_").lower()
            if w and "_" not in w and " " not in w:
                out[name].append(w)
        elif not s:
            name = None if line.strip() == "" else name
    return out


def parse(text: str) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, list[str], str, str]]]:
    """(verbs, patterns): verbs as (verb, particle or object word, code, block); simple patterns
    ``- * NOUN [code]`` as (verb named in the comment, object words, code, block)."""
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if "VERB PATTERNS" in l)
    sets = synsets(lines[:start])
    verbs, patterns = [], []
    block, block_code = "", None
    for raw in lines[start + 1:]:
        line = raw.rstrip()
        m = HEADER.match(line)
        if m:
            block, block_code = m.group(1), _code(m.group(2))
            continue
        if not line.strip() or line.startswith("#"):
            continue
        body, _, comment = line.partition("#")
        if line.startswith("-"):
            pm = re.match(r"^-\s+\*\s+(&?[A-Z][A-Z_-]*)\s+\[([^\]]*)\]", body)
            owner = re.match(r"\s*([A-Z][A-Z_]*)", comment or "")
            if not pm or not owner:
                continue
            code = _code(pm.group(2))
            word = pm.group(1)
            words = sets.get(word.rstrip("_"), []) if word.startswith("&") else (
                [word.lower()] if "_" not in word else [])
            if code and words:
                patterns.append((owner.group(1).lower(), words, code, block))
            continue
        body = re.sub(r"\{[^}]*\}", " ", body)
        own = CODE.search(body)
        code = _code(own.group(1)) if own else block_code
        word = CODE.sub(" ", body).strip()
        if not code or not word or " " in word:
            continue
        parts = word.lstrip("+").lower().split("_")
        if len(parts) == 1:
            verbs.append((parts[0], "", code, block))
        elif len(parts) == 2 and parts[1]:
            verbs.append((parts[0], parts[1], code, block))
    return verbs, patterns


def build(field: Path) -> list[tuple[str, ...]]:
    walk = crosswalk(field / CROSSWALK)
    overrides = {r[0]: (r[1] if len(r) > 1 else "") for r in read_tsv(TYPES)}
    exclude = {r[0] for r in read_tsv(EXCLUDE)}
    flags = {r[0]: r[1] for r in read_tsv(FLAGS)}
    verbs, patterns = parse((field / VERB_FILE).read_text(encoding="latin-1"))
    rows: OrderedDict[tuple[str, str, str], tuple] = OrderedDict()
    for verb, second, code, block in verbs:
        t = event_type(code, walk, overrides)
        if t is None or verb in exclude or not verb.isalpha():
            continue
        kind = "" if not second else ("particle" if second in PARTICLES else "object")
        key = (verb, kind, second)
        if key not in rows:  # the first block that lists a verb decides it
            rows[key] = (verb, kind, second, code, t, block, flags.get(block, ""))
    for verb, words, code, block in patterns:
        t = event_type(code, walk, overrides)
        if t is None or verb in exclude:
            continue
        for w in words:
            key = (verb, "object", w)
            if key not in rows:
                rows[key] = (verb, "object", w, code, t, block, flags.get(block, ""))
    return sorted(rows.values(), key=lambda r: (r[0], r[1], r[2]))


def word_classes(field: Path) -> list[tuple[str, str]]:
    """(class, word) rows of the dictionary's synsets ("&MILITARY" -> military: troops, soldiers, …):
    the field's word classes, which the lexicon's ``classes`` take in as ``&military``."""
    text = (field / VERB_FILE).read_text(encoding="latin-1").splitlines()
    start = next(i for i, l in enumerate(text) if "VERB PATTERNS" in l)
    rows = {(name.lstrip("&").lower(), w) for name, words in synsets(text[:start]).items() for w in words}
    return sorted(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--field", type=Path, default=HERE.parent.parent.parent / "shared" / "field")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = build(args.field)
    head = (
        "# English verbs of the event-data field, typed for Communique.\n"
        f"# source: {VERB_FILE} (PETRARCH-2 / UniversalPetrarch CAMEO verb dictionary, 2015-04-30) and\n"
        f"#         {CROSSWALK} (official CAMEO -> PLOVER crosswalk, PLOVER draft 0.8), from ../shared/field;\n"
        "#         types overridden by the project's guidelines in field_types.tsv, verbs left out in field_exclude.tsv,\n"
        "#         entry flags per verb block from field_flags.tsv.\n"
        "# generated by: python -m extractors.lexicons.build_field_verbs (do not edit by hand)\n"
        "# licence: verb list MIT (c) 2015 Open Event Data Alliance; PLOVER categories CC BY-SA 4.0;\n"
        "#          this derived table is shared under CC BY-SA 4.0.\n"
        "# kind: '' (the verb alone), particle (phrasal verb: verb + particle), object (verb + object noun).\n"
        "lemma\tkind\tword\tcameo\ttype\tblock\tflags\n")
    args.out.write_text(head + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} rows -> {args.out}")
    classes = word_classes(args.field)
    out = args.out.with_name(CLASSES_OUT.name)
    out.write_text(
        "# Word classes of the event-data field (the verb dictionary's synsets), one-word members.\n"
        f"# source: {VERB_FILE} (PETRARCH-2 / UniversalPetrarch, 2015-04-30), from ../shared/field.\n"
        "# generated by: python -m extractors.lexicons.build_field_verbs (do not edit by hand)\n"
        "# licence: MIT (c) 2015 Open Event Data Alliance.\n"
        "# used by: the `classes` of predicates.yaml, as `&name`.\n"
        "class\tword\n" + "".join(f"{c}\t{w}\n" for c, w in classes), encoding="utf-8")
    print(f"{len(classes)} class words -> {out}")


if __name__ == "__main__":
    main()
