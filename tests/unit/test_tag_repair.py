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


TOKENS = """# text = i dont think its a pity but its leaders say theyre fine
1\ti\t_\t_\t_\t_\t_\t_\t_\t_
2\tdont\t_\t_\t_\t_\t_\t_\t_\t_
3\tthink\t_\t_\t_\t_\t_\t_\t_\t_
4\tits\t_\t_\t_\t_\t_\t_\t_\t_
5\ta\t_\t_\t_\t_\t_\t_\t_\t_
6\tpity\t_\t_\t_\t_\t_\t_\t_\t_
7\tbut\t_\t_\t_\t_\t_\t_\t_\t_
8\tits\t_\t_\t_\t_\t_\t_\t_\t_
9\tleaders\t_\t_\t_\t_\t_\t_\t_\t_
10\tsay\t_\t_\t_\t_\t_\t_\t_\t_
11\ttheyre\t_\t_\t_\t_\t_\t_\t_\t_
12\tfine\t_\t_\t_\t_\t_\t_\t_\t_
"""


def test_contractions_without_apostrophes_are_marked_for_expansion(tmp_path):
    from extractors.nlp.contractions import expansions, mark_contractions

    doc = _doc(tmp_path, TOKENS)
    assert mark_contractions([doc], "en") == 3
    marked = [t.text for t in doc.sentences[0].tokens if t.misc and "MWT=Yes" in t.misc]
    assert marked == ["dont", "its", "theyre"]  # the possessive "its leaders" is left whole
    assert [t.id for t in doc.sentences[0].tokens if t.text == "its"] == [(4,), (8,)]
    assert expansions("en")["theyre"] == "they re" and expansions("en")["dont"] == "do nt"
    assert mark_contractions([doc], "xx") == 0


SPLIT = """# text = Im sure its not
1-2\tIm\t_\t_\t_\t_\t_\t_\t_\t_
1\tI\tI\tPRON\tPRP\t_\t0\t_\t_\t_
2\tm\tmillion\tAUX\tVBP\t_\t0\t_\t_\t_
3\tsure\tsure\tADJ\tJJ\t_\t0\t_\t_\t_
4-5\tits\t_\t_\t_\t_\t_\t_\t_\t_
4\tit\tit\tPRON\tPRP\t_\t0\t_\t_\t_
5\ts\ts\tAUX\tVBZ\t_\t0\t_\t_\t_
6\tnot\tnot\tPART\tRB\t_\t0\t_\t_\t_
"""


def test_split_contractions_get_the_treebank_lemmas(tmp_path):
    from extractors.nlp.contractions import fix_contraction_lemmas

    doc = _doc(tmp_path, SPLIT)
    assert fix_contraction_lemmas([doc], "en") == 2
    assert [w.lemma for w in doc.sentences[0].words] == ["I", "be", "sure", "it", "be", "not"]


PRONOUNS = """# text = She's been told her views upset her.
1\tShe\tshe\tPRON\tPRP\t_\t0\t_\t_\t_
2\t's\tbe\tAUX\tVBZ\t_\t0\t_\t_\t_
3\tbeen\tbe\tAUX\tVBN\t_\t0\t_\t_\t_
4\ttold\ttell\tVERB\tVBN\t_\t0\t_\t_\t_
5\ther\tshe\tPRON\tPRP$\t_\t0\t_\t_\t_
6\tviews\tview\tNOUN\tNNS\t_\t0\t_\t_\t_
7\tupset\tupset\tVERB\tVBD\t_\t0\t_\t_\t_
8\ther\ther\tPRON\tPRP\t_\t0\t_\t_\t_
9\t.\t.\tPUNCT\t.\t_\t0\t_\t_\t_
"""


def test_lemmas_that_depend_on_the_fine_tag_or_the_next_word(tmp_path):
    from extractors.nlp.lemmafix import fix_tag_lemmas

    doc = _doc(tmp_path, PRONOUNS)
    assert fix_tag_lemmas([doc], "en") == 3
    assert [w.lemma for w in doc.sentences[0].words] == \
        ["she", "have", "be", "tell", "her", "view", "upset", "she", "."]


INFLECTED = """# text = Workers digging ditches clubbed skis and fined firms.
1\tWorkers\tworker\tNOUN\tNNS\t_\t0\t_\t_\t_
2\tdigging\tdigge\tVERB\tVBG\t_\t0\t_\t_\t_
3\tditches\tditche\tNOUN\tNNS\t_\t0\t_\t_\t_
4\tclubbed\tclubbe\tVERB\tVBD\t_\t0\t_\t_\t_
5\tskis\tskis\tNOUN\tNNS\t_\t0\t_\t_\t_
6\tand\tand\tCCONJ\tCC\t_\t0\t_\t_\t_
7\tfined\tfin\tVERB\tVBD\t_\t0\t_\t_\t_
8\tfirms\tfirm\tNOUN\tNNS\t_\t0\t_\t_\t_
"""


def test_mangled_regular_inflections_take_the_one_known_stem(tmp_path):
    from extractors.nlp.lemmafix import fix_regular_inflections, regular_stems

    known = frozenset({"worker", "dig", "ditch", "club", "ski", "and", "fine", "fin", "firm"})
    seen = {("Workers", "NOUN"), ("firms", "NOUN")}
    doc = _doc(tmp_path, INFLECTED)
    assert fix_regular_inflections([doc], lambda f, u: "x" if (f, u) in seen else None, known) == 4
    # "fined": both "fine" and "fin" are known lemmas, so the guess stays; "fin" is itself known anyway
    assert [w.lemma for w in doc.sentences[0].words] == \
        ["worker", "dig", "ditch", "club", "ski", "and", "fin", "firm"]
    assert regular_stems("carries", "VERB") == ["carrie", "carri", "carry"]


OPENERS = """# text = Laughter
1\tLaughter\tLaughter\tPROPN\tNNP\t_\t0\t_\t_\t_

# text = ( Passport ) Turkey answered Passport
1\t(\t(\tPUNCT\t-LRB-\t_\t0\t_\t_\t_
2\tPassport\tPassport\tPROPN\tNNP\t_\t0\t_\t_\t_
3\t)\t)\tPUNCT\t-RRB-\t_\t0\t_\t_\t_
4\tTurkey\tTurkey\tPROPN\tNNP\t_\t0\t_\t_\t_
5\tanswered\tanswer\tVERB\tVBD\t_\t0\t_\t_\t_
6\tPassport\tPassport\tPROPN\tNNP\t_\t0\t_\t_\t_

# text = Turkey answered.
1\tTurkey\tTurkey\tPROPN\tNNP\t_\t0\t_\t_\t_
2\tanswered\tanswer\tVERB\tVBD\t_\t0\t_\t_\t_
"""


def test_a_first_word_tagged_as_a_name_takes_its_common_noun_lemma(tmp_path):
    from extractors.nlp.lemmafix import fix_initial_capitals

    known = {("laughter", "NOUN"): "laughter", ("passport", "NOUN"): "passport", ("turkey", "NOUN"): "turkey",
             ("Turkey", "PROPN"): "Turkey"}
    doc = _doc(tmp_path, OPENERS)
    assert fix_initial_capitals([doc], lambda f, u: known.get((f, u))) == 2
    lemmas = [[w.lemma for w in s.words] for s in doc.sentences]
    # only a sentence's first word; a name the dictionary knows keeps its capital
    assert lemmas == [["laughter"], ["(", "passport", ")", "Turkey", "answer", "Passport"], ["Turkey", "answer"]]


NAMED = """# text = France sold Rafale jets as Russia jets off.
1\tFrance\tFrance\tPROPN\tNNP\t_\t0\t_\t_\t_
2\tsold\tsell\tVERB\tVBD\t_\t0\t_\t_\t_
3\tRafale\tRafale\tPROPN\tNNP\t_\t0\t_\t_\t_
4\tjets\tjet\tVERB\tVBZ\t_\t0\t_\t_\t_
5\tas\tas\tSCONJ\tIN\t_\t0\t_\t_\t_
6\tsomeone\tsomeone\tPRON\tNN\t_\t0\t_\t_\t_
7\tjets\tjet\tVERB\tVBZ\t_\t0\t_\t_\t_
8\toff\toff\tADP\tRP\t_\t0\t_\t_\t_
9\t.\t.\tPUNCT\t.\t_\t0\t_\t_\t_
"""


def test_a_listed_plural_after_a_name_becomes_a_noun(tmp_path):
    from extractors.nlp.namednouns import fix_named_nouns, table

    doc = _doc(tmp_path, NAMED)
    assert table("en")["jets"] == "jet" and table("xx") == {}
    assert fix_named_nouns([doc], "en") == 1
    words = doc.sentences[0].words
    assert (words[3].upos, words[3].xpos, words[3].lemma) == ("NOUN", "NNS", "jet")
    assert words[6].upos == "VERB"  # not after a proper noun: left alone


PLURAL_NAMES = """# text = LIBRARIES Scholars Athens Futures Americans
1\tLIBRARIES\tLIBRARIES\tPROPN\tNNPS\t_\t0\t_\t_\t_
2\tScholars\tScholars\tPROPN\tNNPS\t_\t0\t_\t_\t_
3\tAthens\tAthens\tPROPN\tNNPS\t_\t0\t_\t_\t_
4\tFutures\tFutures\tPROPN\tNNP\t_\t0\t_\t_\t_
5\tAmericans\tAmerican\tPROPN\tNNPS\t_\t0\t_\t_\t_
"""


def test_plural_names_left_as_their_form_take_the_known_singular(tmp_path):
    from extractors.nlp.lemmafix import fix_plural_names

    doc = _doc(tmp_path, PLURAL_NAMES)
    known = frozenset({"library", "scholar", "future", "american"})
    assert fix_plural_names([doc], known) == 2
    # "Athens": no known singular; "Futures": not tagged plural; "Americans": the lemmatizer's own lemma
    assert [w.lemma for w in doc.sentences[0].words] == ["LIBRARY", "Scholar", "Athens", "Futures", "American"]
