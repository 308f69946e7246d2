import pytest

from extractors.events import lexicon


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_lexicons_load_and_have_provenance_headers(lang):
    lex = lexicon.load(lang)
    assert lex.entries and lex.markers and lex.negation
    for path in lexicon.files(lang):
        head = path.read_text(encoding="utf-8")[:600].lower()
        assert "source:" in head and "licence" in head, path


def test_every_data_file_has_a_provenance_header():
    for path in lexicon.all_files():  # actor tables, tag-repair tables, every YAML
        head = path.read_text(encoding="utf-8")[:800].lower()
        assert "source:" in head and "licence" in head, path


def test_yaml_booleans_are_rejected():
    with pytest.raises(ValueError, match="quote on/off"):
        lexicon._strings(["for", True], "x")


def test_english_particles_survive_yaml():
    lex = lexicon.load("en")
    call = next(e for e in lex.entries["call"] if e.dep and "for" in e.dep.lemmas)
    assert "on" in call.dep.lemmas and "no" in lex.negation


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_type_a_lexicon_names_is_an_event_type(lang):
    from extractors.records import EVENT_TYPES

    entries = [e for v in lexicon.load(lang).entries.values() for e in v]
    named = {e.type for e in entries} | {e.on_negation for e in entries if e.on_negation} \
        | {e.unaddressed for e in entries if e.unaddressed}
    assert named <= set(EVENT_TYPES), named - set(EVENT_TYPES)
    assert any(e.unaddressed == "MOBILIZE" for e in entries)  # "sent troops to the border" is a show of force
