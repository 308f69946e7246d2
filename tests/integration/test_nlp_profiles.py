"""Real Stanza pipelines: the Natasha variants (ru) and the compact models (en) through the same
profile machinery the product uses. Nothing here mocks stanza.Pipeline."""
from __future__ import annotations

import pytest

from extractors.nlp import pipelines, profiles
from extractors.nlp.profiles import NLPConfig

pytestmark = pytest.mark.slow


def test_natasha_profile_builds_a_real_stanza_document(nlp_config):
    import stanza

    doc = pipelines.annotate(["Россия и Китай подписали соглашение в Пекине."], "ru", nlp_config)[0]
    assert isinstance(doc, stanza.Document)
    words = doc.sentences[0].words
    assert [w.upos for w in words][:3] == ["PROPN", "CCONJ", "PROPN"]
    root = [w for w in words if w.head == 0]
    assert len(root) == 1 and root[0].lemma == "подписать"
    assert {e.type for e in doc.ents} >= {"LOC"}
    text = "Россия и Китай подписали соглашение в Пекине."
    assert all(text[t.start_char:t.end_char] == t.text for s in doc.sentences for t in s.tokens)


def test_models_are_cached_per_process(nlp_config):
    a = pipelines.pipeline("ru", nlp_config)[1]
    b = pipelines.pipeline("ru", nlp_config)[1]
    assert a is b


def test_auto_profile_and_missing_model_message(tmp_path):
    cfg = NLPConfig(compact_dir=tmp_path)  # an empty model directory: no English models here
    assert profiles.resolve("ru", cfg) == "natasha"
    with pytest.raises(profiles.ModelMissingError, match="communique models download en"):
        profiles.resolve("en", cfg)
    with pytest.raises(profiles.ModelMissingError, match="communique models train en"):
        profiles.resolve("en", NLPConfig(profile="compact", compact_dir=tmp_path))


def test_compact_english_models_load_and_parse(nlp_config, en_available):
    if not en_available:
        pytest.skip("compact English models not present")
    text = "The U.S. and Russia signed an agreement in Geneva on Monday."
    doc = pipelines.annotate([text], "en", nlp_config)[0]
    words = doc.sentences[0].words
    assert any(w.lemma == "sign" and w.upos == "VERB" for w in words)
    assert sum(1 for w in words if w.head == 0) == 1
    assert any(t.text == "U.S." for t in doc.sentences[0].tokens)
    info = pipelines.describe("en", nlp_config)
    assert info["profile"] == "compact" and "depparse.pt" in info["files"]


def test_compact_english_splits_contractions_without_apostrophes(nlp_config, en_available):
    """A contraction written without its apostrophe is split as the treebanks split it, with their
    lemmas; a possessive "its" stays whole; the words still point into the text."""
    if not en_available:
        pytest.skip("compact English models not present")
    text = "i dont think its a good idea, but its leaders say theyre ready."
    doc = pipelines.annotate([text], "en", nlp_config)[0]
    words = [(w.text, w.lemma) for s in doc.sentences for w in s.words]
    assert ("do", "do") in words and ("nt", "not") in words and ("re", "be") in words
    assert [w for w in words if w[0].lower().startswith("it")] == [("it", "it"), ("its", "its")]
    assert all(text[w.start_char:w.end_char] == w.text for s in doc.sentences for w in s.words)


def test_official_stanza_layout_loads_through_the_stanza_profile(tmp_path, en_available):
    """The `stanza` profile reads an official model directory (resources.json + <lang>/<processor>/
    <package>.pt). Built here from real Stanza model files (the compact ones), loaded for real."""
    import json
    import shutil

    if not en_available:
        pytest.skip("compact English models not present")
    src = profiles.PACKAGE_MODELS / "en_compact"
    procs = ["tokenize", "mwt", "pos", "lemma", "depparse"]
    for p in procs:
        (tmp_path / "en" / p).mkdir(parents=True)
        shutil.copy(src / f"{p}.pt", tmp_path / "en" / p / "compact.pt")
    (tmp_path / "resources.json").write_text(json.dumps({"en": {
        "lang_name": "English", "default_processors": {p: "compact" for p in procs},
        "packages": {"default": {p: "compact" for p in procs}}, "default_dependencies": {},
        **{p: {"compact": {}} for p in procs}}}))
    cfg = NLPConfig(stanza_dir=tmp_path)
    assert profiles.resolve("en", cfg) == "stanza"  # auto prefers official models when present
    doc = pipelines.annotate(["The U.S. and Russia signed an agreement."], "en", cfg)[0]
    assert any(w.deprel == "root" and w.lemma == "sign" for w in doc.sentences[0].words)
    assert pipelines.describe("en", cfg)["profile"] == "stanza"
