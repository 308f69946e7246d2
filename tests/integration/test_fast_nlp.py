"""The compact profile's inference speed-ups on the real English models (no mocks): the exact ones
(chosen-arc labels, distinct-word character runs, per-parent tag scorers) give Stanza's own
annotation word for word; with int8 layers as well (the product's default) the parses stay close,
and ``describe`` says how the models ran."""
from __future__ import annotations

import pytest

from extractors.nlp import arc_labels, pipelines, profiles, speedups, tag_scorers, word_chars
from extractors.nlp.profiles import NLPConfig
from extractors.nlp.quantise import quantised_layers
from tests.parses import cases

pytestmark = pytest.mark.slow

TEXTS = cases.texts("en")[:80]


def _words(nlp) -> list[tuple]:
    docs = nlp.bulk_process(list(TEXTS))
    return [(w.text, w.upos, w.xpos, w.feats, w.lemma, w.head, w.deprel)
            for d in docs for s in d.sentences for w in s.words]


@pytest.fixture(scope="module")
def model_dir(en_available):
    if not en_available:
        pytest.skip("compact English models not present")
    return profiles.compact_path("en", NLPConfig())


@pytest.fixture(scope="module")
def stanzas(model_dir):
    return _words(pipelines.compact_pipeline(model_dir, "en", fast=False))


def test_exact_speedups_give_stanzas_annotation(model_dir, stanzas):
    from stanza.models.common.biaffine import BiaffineScorer

    nlp = pipelines.compact_pipeline(model_dir, "en", fast=False)
    pos, dep = nlp.tagger.processors["pos"].trainer.model, nlp.parser.processors["depparse"].trainer.model
    word_chars.install(pos.charmodel)
    word_chars.install(dep.charmodel)
    for scorer in (m for m in pos.tag_clf.modules() if isinstance(m, BiaffineScorer)):
        tag_scorers.install(scorer)
    assert arc_labels.install(dep)
    assert _words(nlp) == stanzas


def test_the_product_default_is_int8_and_stays_close(model_dir, stanzas):
    nlp = pipelines.compact_pipeline(model_dir, "en")  # fast=True: what the product runs
    assert quantised_layers(nlp.parser.processors["depparse"].trainer.model)
    assert quantised_layers(nlp.tagger.processors["lemma"].trainer.model)
    pos_int8 = quantised_layers(nlp.tagger.processors["pos"].trainer.model)
    assert pos_int8 and not any(n.startswith(("taggerlstm.lstm.0", "upos_")) for n in pos_int8)
    fast = _words(nlp)
    assert [w[:5] for w in fast] == [w[:5] for w in stanzas]  # words, tags and lemmas
    same_arcs = sum(a[5:] == b[5:] for a, b in zip(fast, stanzas)) / len(stanzas)
    assert same_arcs > 0.97, same_arcs
    assert pipelines.describe("en", NLPConfig())["inference"] == speedups.describe(True, False) == "fast, int8"
    assert pipelines.describe("en", NLPConfig(fast_nlp=False))["inference"] == "stanza"
