"""End-to-end scores of a model directory on a treebank: raw text in, CoNLL-U out, compared with the
gold file by Stanza's copy of the CoNLL 2018 shared-task scorer (tokens, UPOS, lemma, UAS, LAS).

Usage: ``python -m extractors.nlp.training.score MODEL_DIR GOLD.conllu [GOLD2.conllu ...] [--save SYSTEM.conllu] [--product]``
(``--save`` keeps the system output for error analysis). By default the models alone are scored, as a
plain Stanza pipeline; ``--product`` scores the compact profile as the product runs it, with its tag
and lemma repairs between tagging and parsing (``extractors.nlp.pipelines.compact_pipeline``)."""
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


def score(model_dir: Path, gold_files: list[Path], save: Path | None = None,
          product: bool = False) -> dict[str, float]:
    from stanza.models.common.utils import ud_scores

    from extractors.nlp.pipelines import compact_pipeline

    nlp = compact_pipeline(model_dir, "en") if product else _models_only(model_dir)
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
    save, product = None, "--product" in argv
    argv = [a for a in argv if a != "--product"]
    if "--save" in argv:
        i = argv.index("--save")
        save, argv = Path(argv[i + 1]), argv[:i] + argv[i + 2:]
    model_dir, golds = Path(argv[0]), [Path(p) for p in argv[1:]]
    for name, value in score(model_dir, golds, save, product).items():
        print(f"{name:<10}{value:6.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
