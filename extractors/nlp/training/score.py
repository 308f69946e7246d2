"""Scores of a model directory on a treebank, by Stanza's copy of the CoNLL 2018 shared-task scorer
(tokens, UPOS, lemma, UAS, LAS): end to end (raw text in, CoNLL-U out), or on the treebank's own words.

Usage: ``python -m extractors.nlp.training.score MODEL_DIR GOLD.conllu [GOLD2.conllu ...] [--save SYSTEM.conllu]
[--product] [--gold-words] [--stanza-inference]``
(``--save`` keeps the system output for error analysis). By default the models alone are scored, as a
plain Stanza pipeline; ``--product`` scores the compact profile as the product runs it, with its tag
and lemma repairs between tagging and parsing (``extractors.nlp.pipelines.compact_pipeline``), with its
inference speed-ups unless ``--stanza-inference``; ``--gold-words`` scores the product pipeline on the
gold file's own sentences, tokens and words (tagging, repairs and parsing only: the scores are
accuracies)."""
from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from extractors.nlp.training.data import concatenate, expand

METRICS = ("Tokens", "Sentences", "Words", "UPOS", "Lemmas", "UAS", "LAS")


def raw_text(conllu: Path) -> str:
    """Document text rebuilt from ``# text`` comments; paragraphs (``# newpar``/``# newdoc``) apart."""
    out, para = [], []
    for line in conllu.read_text(encoding="utf-8").splitlines():
        if line.startswith(("# newdoc", "# newpar")) and para:
            out.append(" ".join(para))
            para = []
        elif line.startswith("# text = "):
            para.append(line[len("# text = "):])
    if para:
        out.append(" ".join(para))
    return "\n\n".join(out)


def _models_only(model_dir: Path):
    import stanza

    from extractors.nlp.profiles import COMPACT_PROCESSORS

    paths = {f"{p}_model_path": str(model_dir / f"{p}.pt") for p in COMPACT_PROCESSORS if (model_dir / f"{p}.pt").exists()}
    procs = ",".join(p for p in COMPACT_PROCESSORS if f"{p}_model_path" in paths)
    return stanza.Pipeline("en", dir=str(model_dir), processors=procs, download_method=None,
                           allow_unknown_language=True, logging_level="WARN", use_gpu=False, **paths)


def gold_words(conllu: Path):
    """A Stanza document of the gold file's sentences, tokens and words with no annotation."""
    from stanza.utils.conll import CoNLL

    doc = CoNLL.conll2doc(input_file=str(conllu))
    for sent in doc.sentences:
        for w in sent.words:
            w.upos = w.xpos = w.feats = w.lemma = w.deprel = w.deps = None
            w.head = None
    return doc


def score_gold_words(model_dir: Path, gold_files: list[Path], fast: bool = True, nlp=None) -> dict[str, float]:
    """The product pipeline's scores on the gold files' own words (``fast``: with its speed-ups)."""
    from stanza.models.common.utils import ud_scores

    from extractors.nlp.pipelines import compact_pipeline

    nlp = nlp or compact_pipeline(model_dir, "en", fast=fast)
    with tempfile.TemporaryDirectory() as tmp:
        gold = concatenate(expand(gold_files), Path(tmp) / "gold.conllu")
        doc = nlp.tag_fix_parse([gold_words(gold)])[0]
        res = ud_scores(str(gold), io.StringIO("{:C}".format(doc).rstrip("\n") + "\n\n"))
    return {m: round(100 * res[m].f1, 2) for m in METRICS if m in res}


def score(model_dir: Path, gold_files: list[Path], save: Path | None = None,
          product: bool = False, fast: bool = True) -> dict[str, float]:
    from stanza.models.common.utils import ud_scores

    from extractors.nlp.pipelines import compact_pipeline

    nlp = compact_pipeline(model_dir, "en", fast=fast) if product else _models_only(model_dir)
    with tempfile.TemporaryDirectory() as tmp:
        gold = concatenate(expand(gold_files), Path(tmp) / "gold.conllu")
        raw = raw_text(gold)
        doc = nlp(raw)
        for sent in doc.sentences:  # Stanza writes <UNK> for over-long tokens (URLs): restore the text
            for tok in sent.tokens:
                if tok.text == "<UNK>" and tok.start_char is not None:
                    tok.text = raw[tok.start_char:tok.end_char]
                    for w in tok.words:
                        w.text = tok.text
        system_text = "{:C}".format(doc).rstrip("\n") + "\n\n"
        if save is not None:
            save.write_text(system_text, encoding="utf-8")
        system = io.StringIO(system_text)
        res = ud_scores(str(gold), system)
    return {m: round(100 * res[m].f1, 2) for m in METRICS if m in res}


def main(argv: list[str]) -> None:
    flags = {"--product", "--gold-words", "--stanza-inference"}
    save, product, words, fast = None, "--product" in argv, "--gold-words" in argv, "--stanza-inference" not in argv
    argv = [a for a in argv if a not in flags]
    if "--save" in argv:
        i = argv.index("--save")
        save, argv = Path(argv[i + 1]), argv[:i] + argv[i + 2:]
    model_dir, golds = Path(argv[0]), [Path(p) for p in argv[1:]]
    scores = score_gold_words(model_dir, golds, fast) if words else score(model_dir, golds, save, product, fast)
    for name, value in scores.items():
        print(f"{name:<10}{value:6.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
