"""The field-derived English verb table: built from the PETRARCH-2 dictionary format and the CAMEO ->
PLOVER crosswalk, typed by the guidelines' overrides, loaded beside the hand-written entries."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.events import lexicon
from extractors.lexicons import build_field_verbs as build

ROOT = Path(__file__).resolve().parents[2]
FIELD = ROOT.parent / "shared" / "field"

VERBS = """# header
####### SYNONYM SETS #######

&CEASEFIRE
+CEASEFIRE
+TRUCE

####### VERB PATTERNS #######

--- SHELL [190] ---
SHELL
BOMBARD {BOMBARDS BOMBARDED}
+GUN_DOWN {+GUNNED_DOWN} [193]
- * &CEASEFIRE [196]  # SHELL <xx 01 Jan 2001>

--- SANCTION [163] ---
EMBARGO
WANT
--- NOTHING [---] ---
IDLE
"""

CROSSWALK = """# crosswalk
19: ASSAULT
190: ASSAULT, , military # Use conventional military force
193: ASSAULT, firearms, military # Fight with small arms
196: ASSAULT, , legal; military # Violate ceasefire
163: COERCE, restrict, diplomatic # Impose embargo
"""


@pytest.fixture()
def field(tmp_path, monkeypatch):
    (tmp_path / "universalpetrarch").mkdir()
    (tmp_path / "plover").mkdir()
    (tmp_path / build.VERB_FILE).write_text(VERBS, encoding="latin-1")
    (tmp_path / build.CROSSWALK).write_text(CROSSWALK, encoding="utf-8")
    return tmp_path


def test_verbs_take_the_crosswalk_type_then_the_guidelines(field):
    rows = {(r[0], r[1], r[2]): r for r in build.build(field)}
    assert rows[("shell", "", "")][4] == "ASSAULT"
    assert rows[("bombard", "", "")][4] == "ASSAULT"
    assert rows[("gun", "particle", "down")][3] == "193"  # a verb's own code wins over its block's
    assert rows[("shell", "object", "truce")][3] == "196"  # synonym sets expand in patterns
    # 163 is COERCE in the crosswalk, SANCTION in the guidelines (field_types.tsv)
    assert rows[("embargo", "", "")][4] == "SANCTION"
    # "want" is a general verb (field_exclude.tsv); a "---" block holds no event
    assert not any(r[0] in ("want", "idle") for r in rows.values())


def test_field_rows_load_as_entries_and_the_hand_written_ones_win():
    lex = lexicon.load("en")
    shell = lex.entries["bombard"]
    assert shell and all(e.strength == lexicon.FIELD_STRENGTH and e.clausal_only for e in shell)
    # "condemn" is hand-written: none of its entries comes from the field table
    assert all(e.strength != lexicon.FIELD_STRENGTH for e in lex.entries["condemn"])
    travel = lex.entries["travel"]
    assert any(e.directional for e in travel)  # field_flags.tsv: the place reached is the party visited


@pytest.mark.skipif(not FIELD.exists(), reason="../shared/field not present")
def test_the_shipped_table_is_what_the_build_writes(tmp_path):
    out = tmp_path / "field_verbs.tsv"
    import sys

    argv = sys.argv
    sys.argv = ["build", "--field", str(FIELD), "--out", str(out)]
    try:
        build.main()
    finally:
        sys.argv = argv
    assert out.read_text(encoding="utf-8") == build.OUT.read_text(encoding="utf-8")
    classes = tmp_path / build.CLASSES_OUT.name  # the field's word classes are written beside it
    assert classes.read_text(encoding="utf-8") == build.CLASSES_OUT.read_text(encoding="utf-8")
    rows = {tuple(x.split("\t")) for x in classes.read_text(encoding="utf-8").splitlines() if not x.startswith("#")}
    assert {("military", "troops"), ("aircraft", "helicopter"), ("hostage", "prisoner")} <= rows
