"""Prepare CoNLL-U treebanks for Stanza's trainers: one train and one dev file, plus the raw text,
character labels and MWT expansions the tokenizer trainer reads. Reads the given files only."""
from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PreparedData:
    train_conllu: Path
    dev_conllu: Path
    train_txt: Path
    train_labels: Path
    train_mwt: Path
    dev_txt: Path
    dev_labels: Path
    dev_mwt: Path


def expand(paths: list[Path]) -> list[Path]:
    """Files as given, directories expanded to their ``*.conllu`` files (sorted)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        out.extend(sorted(p.glob("*.conllu")) if p.is_dir() else [p])
    if not out:
        raise FileNotFoundError(f"no .conllu files in {', '.join(map(str, paths))}")
    return out


def concatenate(files: list[Path], dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("w", encoding="utf-8") as out:
        for f in files:
            text = f.read_text(encoding="utf-8").strip("\n")
            out.write(text + "\n\n")
    return dest


def _tokenizer_files(conllu: Path, stem: Path) -> tuple[Path, Path, Path]:
    from stanza.utils.datasets import conllu_to_text, prepare_tokenizer_data

    txt, labels, mwt = stem.with_suffix(".txt"), stem.with_suffix(".toklabels"), stem.with_suffix(".mwt.json")
    with contextlib.redirect_stdout(io.StringIO()):
        conllu_to_text.main([str(conllu), str(txt)])
        prepare_tokenizer_data.main([str(txt), str(conllu), "-o", str(labels), "-m", str(mwt)])
    return txt, labels, mwt


def prepare(train: list[Path], dev: list[Path], workdir: Path, reuse: bool = True) -> PreparedData:
    """Write the prepared files under ``workdir``; with ``reuse``, files already there are kept
    (so a resumed or parallel chain never rewrites data another trainer is reading)."""
    workdir.mkdir(parents=True, exist_ok=True)
    names = ["train.conllu", "dev.conllu", "train.txt", "train.toklabels", "train.mwt.json",
             "dev.txt", "dev.toklabels", "dev.mwt.json"]
    if reuse and all((workdir / n).exists() for n in names):
        return PreparedData(*(workdir / n for n in names))
    train_conllu = concatenate(expand(train), workdir / "train.conllu")
    dev_conllu = concatenate(expand(dev), workdir / "dev.conllu")
    t = _tokenizer_files(train_conllu, workdir / "train")
    d = _tokenizer_files(dev_conllu, workdir / "dev")
    return PreparedData(train_conllu, dev_conllu, *t, *d)
