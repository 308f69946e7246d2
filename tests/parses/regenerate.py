"""``make parses`` (``python -m tests.parses.regenerate [LANG...]``): bring the frozen parses up to date.

Parses each golden or one-act text that has no frozen parse, or one another parser made (new or edited
cases, new models, changed parse-time code), one text at a time as the live tests did, and removes
the parses no case uses any more. Texts already frozen by the current parser are not parsed again,
so after a merge only the new cases cost time."""
from __future__ import annotations

import sys
import time

from extractors.nlp import pipelines
from extractors.nlp.profiles import NLPConfig
from tests.parses import cases, store
from tests.parses.parser_id import parser_id


def regenerate(lang: str, cfg: NLPConfig) -> str:
    """Update ``lang``'s frozen parses; a one-line summary."""
    t0 = time.perf_counter()
    parser = parser_id(lang, cfg)
    texts = cases.texts(lang)
    todo = [t for t in texts if not store.current(lang, t, parser)]
    for t in todo:
        store.save(lang, t, pipelines.annotate([t], lang, cfg)[0], parser)
    on_disk = store.stored(lang)
    unused = sorted(set(on_disk) - {store.key(t) for t in texts})
    for k in unused:
        on_disk[k].unlink()
    return (f"{lang}: {len(texts)} texts, {len(todo)} parsed, {len(texts) - len(todo)} unchanged, "
            f"{len(unused)} unused removed ({parser}; {time.perf_counter() - t0:.0f} s)")


def main(argv: list[str] | None = None) -> None:
    langs = (argv if argv is not None else sys.argv[1:]) or list(cases.LANGS)
    for lang in langs:
        print(regenerate(lang, NLPConfig()), flush=True)


if __name__ == "__main__":
    main()
