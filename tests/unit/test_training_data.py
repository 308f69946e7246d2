"""Training-data preparation: the tokenizer's copy of a treebank keeps possessive "its" whole."""
from __future__ import annotations

from extractors.nlp.training.data import merge_mwt

SENT = """# text = Its staff said it's late.
1-2\tIts\t_\t_\t_\t_\t_\t_\t_\t_
1\tIt\tit\tPRON\t_\t_\t4\tnsubj\t4:nsubj\t_
2\ts\tbe\tAUX\t_\t_\t4\tcop\t_\t_
3\tstaff\tstaff\tNOUN\t_\t_\t4\tnsubj\t_\t_
4\tsaid\tsay\tVERB\t_\t_\t0\troot\t_\t_
5-6\tit's\t_\t_\t_\t_\t_\t_\t_\t_
5\tit\tit\tPRON\t_\t_\t7\tnsubj\t_\t_
6\t's\tbe\tAUX\t_\t_\t7\tcop\t_\t_
7\tlate\tlate\tADJ\t_\t_\t4\tccomp\t_\t_
8\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_
"""


def test_its_becomes_one_word_and_the_tree_stays_consistent(tmp_path):
    src, dest = tmp_path / "in.conllu", tmp_path / "out.conllu"
    src.write_text(SENT + "\n", encoding="utf-8")
    rows = [l.split("\t") for l in merge_mwt(src, dest).read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    assert [r[0] for r in rows] == ["1", "2", "3", "4-5", "4", "5", "6", "7"]
    assert rows[0][1] == "Its" and rows[0][6] == "3"  # one word, head renumbered (4 -> 3)
    assert rows[3][1] == "it's"  # other multi-word tokens stay split
    assert [r[6] for r in rows if "-" not in r[0]] == ["3", "3", "0", "6", "6", "3", "3"]
