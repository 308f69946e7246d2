"""The extractor version: package version + a hash of the extraction code and its data files.
It changes whenever a rule, lexicon or actor file changes, so ``--reprocess`` can find stale events."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PACKAGE_VERSION = "0.1.0"
ROOT = Path(__file__).resolve().parent
PARTS = ("events", "actors", "lexicons")


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    h = hashlib.sha256()
    files = [ROOT / "extract.py", ROOT / "dates.py", ROOT / "records.py", ROOT / "nlp" / "namefix.py",
             ROOT / "nlp" / "closedclass.py", ROOT / "nlp" / "lemmafix.py", ROOT / "nlp" / "modalfix.py",
             ROOT / "nlp" / "contractions.py", ROOT / "nlp" / "pipelines.py", ROOT / "nlp" / "repairtables.py",
             ROOT / "nlp" / "natasha_variants.py", ROOT / "nlp" / "namednouns.py"]
    # the compact profile's inference speed-ups (NLPConfig.fast_nlp): their parses differ slightly
    files += [ROOT / "nlp" / f for f in ("speedups.py", "arc_labels.py", "spanning_tree.py", "word_chars.py",
                                         "tag_scorers.py", "quantise.py")]
    for part in PARTS:
        files += sorted(p for p in (ROOT / part).rglob("*") if p.suffix in (".py", ".yaml", ".tsv"))
    for f in files:
        h.update(f.relative_to(ROOT).as_posix().encode())
        h.update(f.read_bytes())
    return f"{PACKAGE_VERSION}+{h.hexdigest()[:10]}"
