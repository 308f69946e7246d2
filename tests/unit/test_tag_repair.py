"""Tag repair between tagging and parsing: one-use function words get their tag back; nothing else
changes. Real Stanza documents built from CoNLL-U text (no model needed)."""
from __future__ import annotations

import pytest
from stanza.utils.conll import CoNLL

from extractors.nlp.closedclass import fix_function_words, table
from extractors.nlp.training import runner

TAGGED = """# text = Talks resumed amid criticism unless Russia objects.
1\tTalks\ttalk\tNOUN\tNNS\t_\t0\t_\t_\t_
2\tresumed\tresume\tVERB\tVBD\t_\t0\t_\t_\t_
3\tamid\tamid\tNOUN\tNN\tNumber=Sing\t0\t_\t_\t_
4\tcriticism\tcriticism\tNOUN\tNN\t_\t0\t_\t_\t_
5\tunless\tunless\tADP\tIN\t_\t0\t_\t_\t_
6\tRussia\tRussia\tPROPN\tNNP\t_\t0\t_\t_\t_
7\tobjects\tobject\tVERB\tVBZ\t_\t0\t_\t_\t_
8\t.\t.\tPUNCT\t.\t_\t0\t_\t_\t_
"""


def _doc(tmp_path, text: str = TAGGED):
    path = tmp_path / "tagged.conllu"
    path.write_text(text + "\n", encoding="utf-8")
    return CoNLL.conll2doc(input_file=str(path))


def test_function_words_get_their_one_tag_back(tmp_path):
    doc = _doc(tmp_path)
    assert fix_function_words([doc], "en") == 2
    words = {w.text: w for w in doc.sentences[0].words}
    assert (words["amid"].upos, words["amid"].xpos, words["amid"].feats) == ("ADP", "IN", None)
    assert words["unless"].upos == "SCONJ"  # a subordinator read as a preposition
    assert [w.upos for w in doc.sentences[0].words if w.text not in ("amid", "unless")] == \
        ["NOUN", "VERB", "NOUN", "PROPN", "VERB", "PUNCT"]


def test_a_language_without_a_table_is_left_alone(tmp_path):
    doc = _doc(tmp_path)
    assert table("xx") == {}
    assert fix_function_words([doc], "xx") == 0


def test_the_table_is_read_from_its_data_file():
    assert table("en")["amid"][:2] == ("ADP", "IN")
    assert table("en")["unless"][:2] == ("SCONJ", "IN")
    assert table("en")["once"][2] == {"ADP"}  # "once again" (ADV) is left alone


def test_warm_start_is_for_the_tagger_only():
    with pytest.raises(SystemExit, match="tagger only"):
        runner.main(["--warm-start", "model.pt", "stanza.models.parser"])


LEMMAS = """# text = Armenia froze talks and the frozen assets left.
1\tArmenia\tArmenia\tPROPN\tNNP\t_\t0\t_\t_\t_
2\tfroze\tfrize\tVERB\tVBD\t_\t0\t_\t_\t_
3\ttalks\ttalk\tNOUN\tNNS\t_\t0\t_\t_\t_
4\tand\tand\tCCONJ\tCC\t_\t0\t_\t_\t_
5\tthe\tthe\tDET\tDT\t_\t0\t_\t_\t_
6\tfrozen\tfrozen\tADJ\tJJ\t_\t0\t_\t_\t_
7\tassets\tasset\tNOUN\tNNS\t_\t0\t_\t_\t_
8\tleft\tleave\tVERB\tVBD\t_\t0\t_\t_\t_
9\t.\t.\tPUNCT\t.\t_\t0\t_\t_\t_
"""


def test_irregular_verb_forms_get_their_lemma(tmp_path):
    from extractors.nlp.lemmafix import fix_irregular_lemmas

    doc = _doc(tmp_path, LEMMAS)
    assert fix_irregular_lemmas([doc], "en") == 1  # "left" was already right
    lemmas = {w.text: w.lemma for w in doc.sentences[0].words}
    assert lemmas["froze"] == "freeze"
    assert lemmas["frozen"] == "frozen"  # an adjective keeps its own lemma
    assert fix_irregular_lemmas([doc], "xx") == 0


MODAL = """# text = Israel will free 150 prisoners but will be free of blame.
1\tIsrael\tIsrael\tPROPN\tNNP\t_\t0\t_\t_\t_
2\twill\twill\tAUX\tMD\t_\t0\t_\t_\t_
3\tfree\tfree\tADJ\tJJ\tDegree=Pos\t0\t_\t_\t_
4\t150\t150\tNUM\tCD\t_\t0\t_\t_\t_
5\tprisoners\tprisoner\tNOUN\tNNS\t_\t0\t_\t_\t_
6\tbut\tbut\tCCONJ\tCC\t_\t0\t_\t_\t_
7\twill\twill\tAUX\tMD\t_\t0\t_\t_\t_
8\tbe\tbe\tAUX\tVB\t_\t0\t_\t_\t_
9\tfree\tfree\tADJ\tJJ\tDegree=Pos\t0\t_\t_\t_
10\tof\tof\tADP\tIN\t_\t0\t_\t_\t_
11\tblame\tblame\tNOUN\tNN\t_\t0\t_\t_\t_
12\t.\t.\tPUNCT\t.\t_\t0\t_\t_\t_
"""


def test_a_bare_verb_after_a_modal_is_a_verb_and_an_adjective_after_be_stays(tmp_path):
    from extractors.nlp.modalfix import fix_bare_verbs

    doc = _doc(tmp_path, MODAL)
    assert fix_bare_verbs([doc]) == 1
    words = doc.sentences[0].words
    assert (words[2].upos, words[2].xpos, words[2].lemma) == ("VERB", "VB", "free")
    assert words[8].upos == "ADJ"  # "will be free of blame"


HEADLINE = """# text = Angry Protesters CLOSED American Embassy
1\tAngry\tAngry\tADJ\tJJ\t_\t0\t_\t_\t_
2\tProtesters\tProtesters\tPROPN\tNNPS\t_\t0\t_\t_\t_
3\tCLOSED\tclosed\tVERB\tVBD\t_\t0\t_\t_\t_
4\tAmerican\tAmerican\tADJ\tJJ\t_\t0\t_\t_\t_
5\tEmbassy\tEmbassy\tNOUN\tNN\t_\t0\t_\t_\t_
"""


def test_capitalised_words_take_the_lemma_their_lower_case_has(tmp_path):
    from extractors.nlp.lemmafix import fix_capitalised_lemmas

    known = {("angry", "ADJ"): "angry", ("closed", "VERB"): "close", ("American", "ADJ"): "American",
             ("protesters", "PROPN"): "protester"}
    doc = _doc(tmp_path, HEADLINE)
    assert fix_capitalised_lemmas([doc], lambda form, upos: known.get((form, upos))) == 2
    lemmas = [w.lemma for w in doc.sentences[0].words]
    # a name keeps its capital; a capitalised form the dictionary knows is its own; an unknown word is left
    assert lemmas == ["angry", "Protesters", "close", "American", "Embassy"]
