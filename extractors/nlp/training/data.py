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


# Forms that news text never splits into two words. EWT's web text writes "it's" as "its" now and
# then (57 of its 320 "its" are annotated it + s); a tokenizer trained on that splits the possessive
# "its" about one time in ten. For the tokenizer's labels only, those tokens are kept whole.
SINGLE_TOKEN_FORMS = frozenset({"its"})


def merge_mwt(src: Path, dest: Path, forms: frozenset[str] = SINGLE_TOKEN_FORMS) -> Path:
    """A copy of a CoNLL-U file where two-word tokens whose form is in ``forms`` become one word
    (ids and heads renumbered; enhanced dependencies dropped)."""
    out: list[str] = []
    for block in src.read_text(encoding="utf-8").split("\n\n"):
        lines = [l for l in block.split("\n") if l]
        merge = set()
        for l in lines:
            cols = l.split("\t")
            if len(cols) == 10 and "-" in cols[0] and cols[1].lower() in forms:
                a, b = map(int, cols[0].split("-"))
                if b == a + 1:
                    merge.add(a)
        if not merge:
            out.append("\n".join(lines))
            continue

        def new_id(i: int) -> int:
            return i - sum(1 for a in merge if i > a)

        rows, skip = [], set()
        for l in lines:
            cols = l.split("\t")
            if len(cols) != 10:
                rows.append(l)
                continue
            if "-" in cols[0]:
                a, b = map(int, cols[0].split("-"))
                if a in merge:
                    form = cols[1]
                    skip.add(b)
                    pending = form
                    continue
                rows.append("\t".join([f"{new_id(a)}-{new_id(b)}"] + cols[1:]))
                continue
            if "." in cols[0]:
                continue  # empty nodes: not used by the tokenizer
            i = int(cols[0])
            if i in skip:
                continue
            head = int(cols[6]) if cols[6].isdigit() else 0
            if i in merge:
                cols[1], cols[2] = pending, pending.lower()
                if head == i + 1:
                    head = 0
            if head in skip:
                head -= 1
            cols[0], cols[6], cols[8] = str(new_id(i)), str(new_id(head)) if head else "0", "_"
            rows.append("\t".join(cols))
        out.append("\n".join(rows))
    dest.write_text("\n\n".join(b for b in out if b) + "\n\n", encoding="utf-8")
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
    t = _tokenizer_files(merge_mwt(train_conllu, workdir / "train.tok.conllu"), workdir / "train")
    d = _tokenizer_files(dev_conllu, workdir / "dev")
    return PreparedData(train_conllu, dev_conllu, *t, *d)
