from extractors.actors.dictionary import default_dictionary


def _codes(tokens, lang, lemmas=None):
    return [(m.actor.code, m.actor.type) for m in default_dictionary().match(tokens, lang, lemmas)]


def test_russian_case_forms_resolve():
    for form in ("Азербайджан", "Азербайджана", "Азербайджану", "Азербайджаном"):
        assert _codes([form], "ru") == [("AZE", "COUNTRY")], form
    assert _codes("Соединенных Штатов".split(), "ru") == [("USA", "COUNTRY")]


def test_multiword_org_beats_its_parts():
    assert _codes("Совета Безопасности ООН".split(), "ru") == [("UNSC", "ORG")]
    assert _codes("the UN Security Council".split(), "en") == [("UNSC", "ORG")]


def test_people_and_metonyms():
    assert _codes(["Лавров"], "ru") == [("RUS", "PERSON")]
    assert _codes(["Кремль"], "ru") == [("RUS", "COUNTRY")]
    assert _codes("the White House".split(), "en") == [("USA", "COUNTRY")]


def test_adjectives_and_demonyms():
    assert _codes(["российская"], "ru") == [("RUS", "COUNTRY")]
    assert _codes(["American"], "en") == [("USA", "COUNTRY")]


def test_lowercase_common_word_is_not_a_country():
    assert _codes(["того"], "ru") == []  # Того (Togo) only when capitalised


def test_a_name_that_is_no_party_wins_over_the_place_inside_it():
    assert _codes(["Real", "Madrid"], "en") == [("-", "NONE")]
    assert _codes(["Madrid"], "en") == [("ESP", "COUNTRY")]
    assert _codes(["Парижское", "соглашение"], "ru", ["парижский", "соглашение"]) == [("-", "NONE")]
