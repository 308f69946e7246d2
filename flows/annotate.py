"""``communique annotate``: documents -> Stanza CoNLL-U with document and sentence ids."""
from __future__ import annotations

from pathlib import Path

from extractors.nlp import langid, pipelines
from extractors.nlp.profiles import NLPConfig
from extractors.records import RawDocument
from flows.ingest import read_paths


def annotate_to_conllu(inputs: list[Path], out: Path, lang: str, cfg: NLPConfig) -> int:
    docs = [r for r in read_paths(inputs) if isinstance(r, RawDocument)]
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for d in docs:
            l = lang if lang != "auto" else (d.lang or langid.detect(d.text))
            if l not in cfg.languages:
                continue
            sdoc = pipelines.annotate([d.text], l, cfg)[0]
            fh.write(f"# newdoc id = {d.external_id or d.doc_id}\n# doc_id = {d.doc_id}\n")
            for i, sent in enumerate(sdoc.sentences):
                sent.sent_id = f"{d.doc_id}-{i}"
            fh.write("{:C}".format(sdoc).rstrip("\n") + "\n\n")
            n += 1
    return n
