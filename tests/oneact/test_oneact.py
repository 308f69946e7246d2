"""One-act sentences per event type (``tests/oneact/<lang>.yaml``), run through the real NLP
pipeline and the extractor: the share of sentences whose act is typed right, per type.

Each type must keep at least its recorded floor (``floors.yaml``, raised as coverage grows; the
project's target is 0.8 in every type). ``python -m tests.oneact.test_oneact [ru|en]`` prints the
table and the sentences typed wrong."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).parent


def load(lang: str) -> dict[str, list[dict]]:
    return yaml.safe_load((HERE / f"{lang}.yaml").read_text(encoding="utf-8"))


def run(lang: str, cfg) -> dict[str, list[tuple[dict, list]]]:
    """Per type: (case, events) for every sentence, annotated in one batch."""
    from extractors.extract import extract
    from extractors.nlp import pipelines
    from extractors.records import RawDocument

    cases = [(t, c) for t, cs in load(lang).items() for c in cs]
    raws = [RawDocument(text=c["text"], source="oneact", published=dt.date(2025, 10, 30), lang=lang) for _, c in cases]
    docs = pipelines.annotate([r.text for r in raws], lang, cfg)
    out: dict[str, list[tuple[dict, list]]] = {}
    for (t, c), raw, doc in zip(cases, raws, docs):
        out.setdefault(t, []).append((c, extract(doc, raw, lang).events))
    return out


def typed_right(etype: str, case: dict, events: list) -> bool:
    return any(e.event_type == etype for e in events)


def shares(results) -> dict[str, float]:
    return {t: sum(typed_right(t, c, evs) for c, evs in rs) / len(rs) for t, rs in results.items()}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_one_act_types(lang, nlp_config, en_available):
    if lang == "en" and not en_available:
        pytest.skip("compact English models not present")
    floors = yaml.safe_load((HERE / "floors.yaml").read_text(encoding="utf-8"))[lang]
    results = run(lang, nlp_config)
    assert set(results) == set(floors), "every type has sentences and a floor"
    got = shares(results)
    low = {t: (round(got[t], 2), floors[t]) for t in got if got[t] + 1e-9 < floors[t]}
    assert not low, f"types below their floor (share, floor): {low}"


def main() -> None:  # pragma: no cover - a report for developers
    from extractors.nlp.profiles import NLPConfig

    for lang in sys.argv[1:] or ["en", "ru"]:
        results = run(lang, NLPConfig())
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
