"""Groups and intergovernmental organisations derived from the Phoenix MilNonState and International
dictionaries (``build_phoenix_groups``): parsing, what is kept and dropped, and proper-name matching."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extractors.actors import build_phoenix_groups as bg
from extractors.actors.dictionary import ActorDictionary, default_dictionary

FIELD = Path(__file__).resolve().parents[2].parent / "shared" / "field"

# made-up entries in the source's format (names of real groups and bodies; people invented)
GROUPS = """# Phoenix MNSA actor file
ZARANI_LIBERATION_ARMY_(ZLA)_ [XYZREB] #  kkl 21 Mar 13
+ZARANI_LIBERATION_ARMY_
+LIBERATION_ARMY_OF_ZARANI_
+NORTHERN_HILLS_LIBERATION_ARMY_
+ZLA_
+KHALED_EXAMPLEMAN
+NH_

AL-SHABAAB\t[SOMREB]
+AL-SHABAB
+SHABAAB_
+AHMED_INVENTED_NAME

ANGRY_BRIGADE_ [ITAREB] #  kkl 21 Mar 13

21_JUNE_ [GRCREB] #  kkl 21 Mar 13

SHEIKH_IMAGINARY_PERSON
+IMAGINARY_PERSON
\t[XYZREBHMS 19870101-20040322]

HEZBOLLAH_ [LBNREB]
+HIZBULLAH
+ISLAMIC_JIHAD

# KEDS Project International Militarized Groups, ca. 2009
JOHN_MADEUP__ [IMGXYZ] #  senior leader
KASHMIR_FREEDOM_FRONT__ [IMGKASMUS]
"""

INTERNATIONAL = """# CAMEO international actors file
INTERNATIONAL_ATOMIC_ENERGY_AGENCY_\t[IGOUNOIAE]# NGO_Actors
IAEA_\t[IGOUNOIAE]# Intl Atomic Energy Agency
JANE_EXAMPLE_\t[IGOUNOIAE 971201-091130]\t# IAEA
UN_ENVOY_\t[IGOUNO] #MleH 06 Aug 2009
WORLD_FOOD_PROGRAM_
+WFP_
+WORLD_FOOD_PROGRAMME
\t[IGOUNOWFP] #MleH 23 Jul 2009
NATO_
+NORTH_ATLANTIC_TREATY_ORGANIZATION_
\t[IGOWSTNAT]
OAU_\t[IGOAFROAU]# Organization of African Unity
REUTERS
\t[MED]
AMNESTY_INTERNATIONAL_\t[NGOHRI]
ACME_WIDGETS_\t[MNC]
"""


@pytest.fixture()
def field(tmp_path):
    (tmp_path / "universalpetrarch").mkdir()
    (tmp_path / bg.GROUPS_SOURCE).write_text(GROUPS, encoding="latin-1")
    (tmp_path / bg.ORGS_SOURCE).write_text(INTERNATIONAL, encoding="utf-8")
    return tmp_path


def test_parse_reads_names_synonyms_and_codes_after_them():
    entries = bg.parse(GROUPS)
    person = next(e for e in entries if e.name == "SHEIKH_IMAGINARY_PERSON")
    assert person.synonyms == ["IMAGINARY_PERSON"] and person.codes == ["XYZREBHMS 19870101-20040322"]
    shabaab = next(e for e in entries if e.name == "AL-SHABAAB")
    assert shabaab.codes == ["SOMREB"] and "AL-SHABAB" in shabaab.synonyms
    assert entries[-1].section.startswith("KEDS")


def test_acronyms_and_readable_names():
    assert bg.split_parens(bg.clean("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_")) == ("ADEN ABYAN ISLAMIC ARMY", ["AAIA"])
    assert bg.display("AL-SHABAAB", set()) == "Al-Shabaab"
    assert bg.display("UN HIGH COMMISSION FOR REFUGEES", {"UN"}) == "UN High Commission for Refugees"
    assert bg.initials("INTERNATIONAL ATOMIC ENERGY AGENCY") == "IAEA"
    assert bg.same("Organisation for Security and Co-operation in Europe") == \
        bg.same("ORGANIZATION FOR SECURITY AND COOPERATION IN EUROPE")


def test_guards():
    assert bg.guard("NH", True, "GROUP") == "shorter than 3 characters"
    assert bg.guard("CAR", True, "GROUP")  # an acronym that spells a word (and the Central African Republic)
    assert bg.guard("21 June", False, "GROUP") == "a date or a number"
    assert bg.guard("Angry Brigade", False, "GROUP") == "a phrase of common English words"
    assert bg.guard("Islamic Jihad", False, "GROUP")
    assert bg.guard("World Bank", False, "ORG") is None  # formal organisation names keep common words
    assert bg.guard("Al-Shabaab", False, "GROUP") is None


def test_groups_keep_names_and_acronyms_not_people_or_phrases(field):
    counts = bg.Counts()
    groups, _ = bg.build(field, counts)
    aliases = {r[4]: r for r in groups}
    assert {"Zarani Liberation Army", "Liberation Army of Zarani", "ZLA", "Al-Shabaab", "Al-Shabab", "Shabaab"} \
        <= aliases.keys()
    assert aliases["ZLA"][:3] == aliases["Liberation Army of Zarani"][:3] == \
        ("ZARANI_LIBERATION_ARMY", "GROUP", "Zarani Liberation Army")
    assert aliases["Al-Shabaab"][:3] == ("AL_SHABAAB", "GROUP", "Al-Shabaab")
    left_out = {"Khaled Exampleman", "Ahmed Invented Name", "NH", "Angry Brigade", "21 June", "Imaginary Person",
                "John Madeup", "Islamic Jihad", "Northern Hills Liberation Army"}
    assert not left_out & aliases.keys()
    assert "Kashmir Freedom Front" in aliases  # a KEDS entry with a group word
    # Hezbollah is curated: the source's spellings join the curated actor, its own name is not repeated
    assert aliases["Hizbullah"][:3] == ("HEZBOLLAH", "GROUP", "Hezbollah") and "Hezbollah" not in aliases
    assert counts["dropped: group synonym: a person (personal name or title)"] == 2
    assert counts["dropped: group entry: a person (date range, leader comment or personal name)"] == 2


def test_organisations_are_igos_only_merged_and_curated_codes_reused(field):
    counts = bg.Counts()
    _, orgs = bg.build(field, counts)
    aliases = {r[4]: r for r in orgs}
    assert aliases["WFP"][0] == aliases["World Food Programme"][0] == "WORLD_FOOD_PROGRAM"
    assert aliases["North Atlantic Treaty Organization"][:3] == ("NATO", "ORG", "NATO")
    assert not {"IAEA", "International Atomic Energy Agency"} & aliases.keys()  # curated has both
    assert not {"Jane Example", "UN Envoy", "Reuters", "Amnesty International", "Acme Widgets", "OAU"} & aliases.keys()
    assert counts["dropped: international entry: media outlet (a source, not an actor)"] == 1
    assert counts["dropped: IGO entry: office-holder (date range or office in the comment)"] == 1
    assert counts["dropped: IGO entry: organisation that no longer exists"] == 1


def test_generated_aliases_match_as_proper_names_only():
    rows = [{"code": "ETA", "type": "GROUP", "norm": "Basque Fatherland and Freedom", "lang": "en", "alias": a,
             "_proper": "1"} for a in ("ETA", "Army of God", "Al-Shabaab")]
    d = ActorDictionary(rows)

    def codes(text):
        return [m.actor.code for m in d.match(text.split(), "en")]
    assert codes("ETA claimed it") == ["ETA"] and codes("the eta of the ship") == [] and codes("Eta") == []
    assert codes("the Army of God said") == ["ETA"] and codes("an army of god") == []
    assert codes("al-Shabaab said") == ["ETA"]


def test_the_shipped_tables_resolve():
    d = default_dictionary()
    assert d.lookup(["Al-Shabaab"], "en").norm == "Al-Shabaab"
    assert d.lookup(["FARC"], "en").type == "GROUP"
    assert d.lookup(["UNHCR"], "en").type == "ORG"
    assert d.lookup(["Hizbullah"], "en").code == "HEZBOLLAH"
    assert d.lookup("North Atlantic Treaty Organization".split(), "en").code == "NATO"
    assert d.lookup(["farc"], "en") is None and d.lookup(["Let"], "en") is None
    assert d.lookup("Сил быстрого реагирования".split(), "ru").code == "RSF"
    assert d.lookup(["ОДКБ"], "ru").code == "CSTO"


@pytest.mark.skipif(not FIELD.exists(), reason="../shared/field not present")
def test_the_shipped_tables_are_what_the_build_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["build", "--field", str(FIELD), "--out-dir", str(tmp_path)])
    bg.main()
    for shipped in (bg.GROUPS_OUT, bg.ORGS_OUT):
        assert (tmp_path / shipped.name).read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
