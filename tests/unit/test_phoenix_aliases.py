"""Country aliases derived from the Phoenix country dictionary: names of the country itself and
acronyms of its names, not the provinces and towns listed in the same block."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extractors.actors import build_phoenix
from extractors.actors.dictionary import default_dictionary

FIELD = Path(__file__).resolve().parents[2].parent / "shared" / "field"

BLOCK = """# header
DEMOCRATIC_REPUBLIC_OF_THE_CONGO_  [COD]
+CONGOLESE_
+DR_CONGO_
+THE_DRC_
+GOMA_
+ZAIRE_
JOSEPH_KABILA_ [COD]
+KABILA_
"""


def test_a_block_gives_the_countrys_names_and_acronyms_only(tmp_path):
    (tmp_path / "universalpetrarch").mkdir()
    (tmp_path / build_phoenix.SOURCE).write_text(BLOCK, encoding="latin-1")
    aliases = {r[4] for r in build_phoenix.build(tmp_path)}
    assert {"Congolese", "Dr Congo", "DRC"} <= aliases
    assert not aliases & {"GOMA", "Goma", "ZAIRE", "Zaire", "Kabila", "KABILA"}


def test_the_shipped_aliases_resolve_to_the_projects_names():
    d = default_dictionary()
    assert d.lookup(["DRC"], "en").norm == "DR Congo"
    assert d.lookup(["DPRK"], "en").code == "PRK"
    assert d.lookup(["Latin", "America"], "en").type == "NONE"  # no mention of the United States


@pytest.mark.skipif(not FIELD.exists(), reason="../shared/field not present")
def test_the_shipped_table_is_what_the_build_writes(tmp_path, monkeypatch):
    out = tmp_path / "phoenix.tsv"
    monkeypatch.setattr(sys, "argv", ["build", "--field", str(FIELD), "--out", str(out)])
    build_phoenix.main()
    assert out.read_text(encoding="utf-8") == build_phoenix.OUT.read_text(encoding="utf-8")
