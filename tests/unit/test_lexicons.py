import pytest

from extractors.events import lexicon
from extractors.events.lexicon import word_classes


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
        | {e.unaddressed for e in entries if e.unaddressed} | {e.if_condition for e in entries if e.if_condition}
    assert named <= set(EVENT_TYPES), named - set(EVENT_TYPES)
    assert any(e.unaddressed == "MOBILIZE" for e in entries)  # "sent troops to the border" is a show of force


# --- word classes (`classes` in predicates.yaml) ---


def test_word_classes_expand_field_classes_other_classes_and_top_level_lists():
    pred = {"light_verbs": ["hold", "stage"],
            "classes": {"forces": ["&military", "contingent"], "all": ["@forces", "@light_verbs", "Tanker"]},
            "entries": []}
    got = word_classes(pred, {"military": ["troops", "soldiers"]})
    assert got["forces"] == {"troops", "soldiers", "contingent"}
    assert got["all"] == {"troops", "soldiers", "contingent", "hold", "stage", "tanker"}


@pytest.mark.parametrize("classes,field", [
    ({"a": ["@missing"]}, {}),            # an unknown class
    ({"a": ["@b"], "b": ["@a"]}, {}),     # a cycle
    ({"a": ["&nosuch"]}, {}),             # an unknown field class
])
def test_word_classes_reject_unknown_and_circular_references(classes, field):
    with pytest.raises(ValueError):
        word_classes({"classes": classes, "entries": []}, field)


def test_shipped_frames_take_in_their_classes():
    en, ru = lexicon.load("en"), lexicon.load("ru")
    send = next(e for e in en.entries["send"] if e.type == "AID" and e.dep is not None)
    assert {"paratroopers", "servicemen", "warplane", "frigate"} <= send.dep.lemmas  # field synsets and own words
    assert "@forces" not in send.dep.lemmas and "@model" in send.dep.lemmas  # classes expanded, tests kept
    shoot = next(e for e in ru.entries["сбить"] if e.dep is not None)
    assert {"бомбардировщик", "беспилотник"} <= shoot.dep.lemmas
