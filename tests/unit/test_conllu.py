"""extractors.nlp.conllu: a document to CoNLL-U and back keeps what extraction reads."""
from __future__ import annotations

import pytest

from extractors.nlp import conllu
from extractors.nlp.conllu import Document, Entity, Sentence, Token, Word

TEXT = "Iran won't go.\n\n«Лавров прибыл»"


def _doc() -> Document:
    won = Token((2, 3), "won't", 5, 10, [Word(2, "wo", "will", "AUX", "MD", "VerbForm=Fin", 4, "aux", 5, 7),
                                        Word(3, "n't", "not", "PART", "RB", "Polarity=Neg", 4, "advmod", 7, 10)])
    first = Sentence([Token((1,), "Iran", 0, 4, [Word(1, "Iran", "Iran", "PROPN", "NNP", None, 4, "nsubj", 0, 4)]),
                      won,
                      Token((4,), "go", 11, 13, [Word(4, "go", "go", "VERB", None, "VerbForm=Inf", 0, "root", 11, 13)]),
                      Token((5,), ".", 13, 14, [Word(5, ".", None, "PUNCT", None, None, 4, "punct", 13, 14)])],
                     [Entity("LOC", 0, 4)])
    second = Sentence([Token((i + 1,), w, s, e, [Word(i + 1, w, None, None, None, None, None, None, s, e)])
                       for i, (w, s, e) in enumerate([("«", 16, 17), ("Лавров", 17, 23), ("прибыл", 24, 30),
                                                      ("»", 30, 31)])], [Entity("PER", 17, 23)])
    return Document(TEXT, [first, second])


def _fields(doc) -> list:
    return [([(t.id, t.text, t.start_char, t.end_char,
               [(w.id, w.text, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.start_char, w.end_char)
                for w in t.words]) for t in s.tokens], [(e.type, e.start_char, e.end_char) for e in s.ents])
            for s in doc.sentences]


def test_round_trip_keeps_words_tokens_offsets_and_entities():
    back = conllu.read(conllu.write(_doc(), TEXT, {"parser": "test 1"}, ("a header line",)))
    assert back.text == TEXT  # with its line breaks
    assert back.comments == {"parser": "test 1"}  # the header prose is no comment of the document
    assert _fields(back) == _fields(_doc())
    assert [e.text for s in back.sentences for e in s.ents] == ["Iran", "Лавров"]
    assert [len(s.words) for s in back.sentences] == [5, 4]


def test_written_form_is_conllu_with_offsets_in_misc():
    lines = conllu.write(_doc(), TEXT).splitlines()
    assert "2-3\twon't\t_\t_\t_\t_\t_\t_\t_\tstart_char=5|end_char=10" in lines
    assert "3\tn't\tnot\tPART\tRB\tPolarity=Neg\t4\tadvmod\t_\tstart_char=7|end_char=10" in lines
    assert "# ents = PER:17-23" in lines and "# text = «Лавров прибыл»" in lines
    assert all(len(line.split("\t")) == conllu.COLUMNS for line in lines if line and not line.startswith("#"))


def test_a_field_with_a_tab_is_refused():
    doc = _doc()
    doc.sentences[0].tokens[0].words[0].lemma = "Ir\tan"
    with pytest.raises(ValueError, match="tab or line break"):
        conllu.write(doc, TEXT)


def test_a_file_without_the_document_text_is_refused():
    with pytest.raises(ValueError, match="doc_text"):
        conllu.read("# sent_id = 1\n1\tgo\tgo\tVERB\t_\t_\t0\troot\t_\t_\n")
