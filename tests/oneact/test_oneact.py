"""One-act sentences per event type (``tests/oneact/<lang>.yaml``), the extractor run on their frozen
parses (``tests/parses/``, made by the real NLP pipelines; ``make parses`` after adding a sentence):
the share of sentences whose act is typed right, per type.

Each type must keep at least its recorded floor (``floors.yaml``, raised as coverage grows; the
project's target is 0.8 in every type). ``python -m tests.oneact.test_oneact [ru|en]`` prints the
table and the sentences typed wrong."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from extractors.extract import extract
from tests.parses import cases as case_files
from tests.parses import store

HERE = Path(__file__).parent


def run(lang: str) -> dict[str, list[tuple[dict, list]]]:
    """Per type: (case, events) for every sentence."""
    cases = [(t, c) for t, cs in case_files.oneact(lang).items() for c in cs]
    docs = store.load(lang, [c["text"] for _, c in cases])
    out: dict[str, list[tuple[dict, list]]] = {}
    for (t, c), doc in zip(cases, docs):
        out.setdefault(t, []).append((c, extract(doc, case_files.raw(c["text"], lang, "oneact"), lang).events))
    return out


def typed_right(etype: str, case: dict, events: list) -> bool:
    return any(e.event_type == etype for e in events)


def shares(results) -> dict[str, float]:
    return {t: sum(typed_right(t, c, evs) for c, evs in rs) / len(rs) for t, rs in results.items()}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_one_act_types(lang):
    floors = yaml.safe_load((HERE / "floors.yaml").read_text(encoding="utf-8"))[lang]
    results = run(lang)
    assert set(results) == set(floors), "every type has sentences and a floor"
    got = shares(results)
    low = {t: (round(got[t], 2), floors[t]) for t in got if got[t] + 1e-9 < floors[t]}
    assert not low, f"types below their floor (share, floor): {low}"


def main() -> None:  # pragma: no cover - a report for developers
    for lang in sys.argv[1:] or ["en", "ru"]:
        results = run(lang)
        got = shares(results)
        for t, rs in results.items():
            print(f"{lang} {t:<10} {got[t]:.2f} ({sum(typed_right(t, c, e) for c, e in rs)}/{len(rs)})")
            for c, evs in rs:
                if not typed_right(t, c, evs):
                    print(f"      wrong: {c['text']}  -> {[e.event_type for e in evs]}")
        total = sum(len(rs) for rs in results.values())
        print(f"{lang} all        {sum(typed_right(t, c, e) for t, rs in results.items() for c, e in rs) / total:.2f}")


if __name__ == "__main__":
    main()
