"""The identity of the parser a frozen parse comes from: the profile, Stanza's version and model files
(``pipelines.describe``), plus the code and tables that run at parse time (the modules of
``extractors/nlp/`` but the serialisation and language identification, and the repair tables they read
from ``lexicons/<lang>/``). A change to any of them makes ``make parses`` parse every text of the
language again."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from extractors.nlp import repairtables
from extractors.nlp.profiles import NLPConfig

NLP_DIR = Path(repairtables.__file__).resolve().parent
NOT_PARSE_TIME = ("conllu.py", "langid.py")  # (the frozen files' round trip is tests/unit/test_conllu.py's)
# the tables the repair steps read with repairtables.read_rows (tests/unit/test_conllu.py checks the list)
REPAIR_TABLES = ("closed_class.tsv", "contractions.tsv", "irregular_verbs.tsv", "named_nouns.tsv", "tag_lemmas.tsv")


def parse_time_files(lang: str) -> list[Path]:
    code = [p for p in sorted(NLP_DIR.glob("*.py")) if p.name not in NOT_PARSE_TIME]
    return code + [p for t in REPAIR_TABLES if (p := repairtables.LEXICON_DIR / lang / t).exists()]


def parser_id(lang: str, cfg: NLPConfig) -> str:
    """``<profile> <16 hex digits>``; raises profiles.ModelMissingError when ``lang`` has no model."""
    from extractors.nlp import pipelines  # (loads Stanza)

    info = pipelines.describe(lang, cfg)
    h = hashlib.sha256(json.dumps(info, sort_keys=True, default=str).encode("utf-8"))
    for p in parse_time_files(lang):
        h.update(f"{p.parent.name}/{p.name}\0".encode("utf-8") + p.read_bytes())
    return f"{info['profile']} {h.hexdigest()[:16]}"
