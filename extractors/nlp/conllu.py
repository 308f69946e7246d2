"""An annotated document to CoNLL-U and back, keeping everything extraction reads.

``write`` takes a Stanza document (or one ``read`` gave) and its text; ``read`` gives plain objects
with the attribute names extraction uses on Stanza's (``doc.sentences``, ``sentence.tokens``,
``token.words``, ``sentence.ents``), so ``extract()`` runs on a stored parse without Stanza or a model.

The ten CoNLL-U columns hold each word; MISC holds character offsets into the document text
(``start_char=…|end_char=…``, Stanza's keys; on a multi-word token's range line the token's, on its
word lines the word's when the parser gave them). Comments hold what the columns cannot: the document
text once (``# doc_text``, JSON-quoted, as it may span lines), and per sentence the named-entity spans
(``# ents = PER:0-12 LOC:20-26``), with ``# sent_id`` and ``# text`` as CoNLL-U asks. Lemma and
feats written ``_`` read back as none (which is what extraction makes of an empty value too)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

COLUMNS = 10


@dataclass(slots=True)
class Word:
    id: int
    text: str
    lemma: str | None
    upos: str | None
    xpos: str | None
    feats: str | None
    head: int | None
    deprel: str | None
    start_char: int | None = None
    end_char: int | None = None


@dataclass(slots=True)
class Token:
    id: tuple[int, ...]
    text: str
    start_char: int | None
    end_char: int | None
    words: list[Word] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    type: str
    start_char: int
    end_char: int
    text: str = ""


@dataclass(slots=True)
class Sentence:
    tokens: list[Token] = field(default_factory=list)
    ents: list[Entity] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # other comment lines, in order (without "# ")

    @property
    def words(self) -> list[Word]:
        return [w for t in self.tokens for w in t.words]


@dataclass(slots=True)
class Document:
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)  # the document's "# key = value" lines


def _cell(value) -> str:
    if value is None or value == "":
        return "_"
    s = str(value)
    if "\t" in s or "\n" in s or "\r" in s:
        raise ValueError(f"a CoNLL-U field cannot hold a tab or line break: {s!r}")
    return s


def _offsets(start: int | None, end: int | None) -> str:
    return "_" if start is None or end is None else f"start_char={start}|end_char={end}"


def _one_line(s: str) -> str:
    return " ".join(s.split())


def write(doc, text: str, comments: dict[str, str] | None = None, header: tuple[str, ...] = ()) -> str:
    """CoNLL-U of ``doc`` (its sentences, tokens, words and entities): the ``header`` lines as comments,
    ``comments`` as ``# key = value`` lines, the document text as ``# doc_text``, then the sentences."""
    lines = [f"# {_one_line(h)}" for h in header]
    lines += [f"# {k} = {_one_line(v)}" for k, v in (comments or {}).items()]
    lines.append(f"# doc_text = {json.dumps(text, ensure_ascii=False)}")
    doc_id = (comments or {}).get("newdoc id", "s")
    for i, sent in enumerate(doc.sentences, 1):
        toks = sent.tokens
        lines.append(f"# sent_id = {doc_id}-{i}")
        if toks and toks[0].start_char is not None and toks[-1].end_char is not None:
            lines.append(f"# text = {_one_line(text[toks[0].start_char:toks[-1].end_char])}")
        ents = getattr(sent, "ents", None) or []
        for e in ents:
            if not e.type or ":" in e.type or " " in e.type:
                raise ValueError(f"entity type {e.type!r} cannot be written")
        if ents:
            lines.append("# ents = " + " ".join(f"{e.type}:{e.start_char}-{e.end_char}" for e in ents))
        for tok in toks:
            if len(tok.words) > 1:
                lines.append("\t".join([f"{tok.words[0].id}-{tok.words[-1].id}", _cell(tok.text)]
                                       + ["_"] * 7 + [_offsets(tok.start_char, tok.end_char)]))
            for w in tok.words:
                if len(tok.words) > 1:
                    misc = _offsets(w.start_char, w.end_char)
                else:  # one word, one line: the token's offsets (a word's own are the same or none)
                    if w.start_char is not None and (w.start_char, w.end_char) != (tok.start_char, tok.end_char):
                        raise ValueError(f"word {w.text!r} has offsets other than its token's")
                    misc = _offsets(tok.start_char, tok.end_char)
                lines.append("\t".join([str(w.id), _cell(w.text), _cell(w.lemma), _cell(w.upos), _cell(w.xpos),
                                        _cell(w.feats), _cell(w.head), _cell(w.deprel), "_", misc]))
        lines.append("")
    return "\n".join(lines) + "\n"


def _value(cell: str) -> str | None:
    return None if cell == "_" else cell


def _misc_offsets(cell: str) -> tuple[int | None, int | None]:
    kv = dict(p.split("=", 1) for p in cell.split("|") if "=" in p)
    start, end = kv.get("start_char"), kv.get("end_char")
    return (int(start) if start is not None else None, int(end) if end is not None else None)


def read(conllu: str) -> Document:
    """The document ``write`` wrote (one per text): its ``# key = value`` lines before the first
    sentence are the document's ``comments``, header prose is skipped."""
    doc_comments: dict[str, str] = {}
    sentences: list[Sentence] = []
    sent = Sentence()
    mwt_end = 0
    for n, line in enumerate(conllu.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            if sent.tokens:
                sentences.append(sent)
                sent, mwt_end = Sentence(), 0
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].lstrip().partition(" = ")
            key, value = key.strip(), value.strip()
            if key == "ents":
                for item in value.split():
                    etype, _, span = item.rpartition(":")
                    start, _, end = span.partition("-")
                    sent.ents.append(Entity(etype, int(start), int(end)))
            elif not sentences and not sent.tokens and not sent.comments and key not in ("sent_id", "text"):
                if sep:  # (a header line without " = " is prose)
                    doc_comments[key] = value
            else:
                sent.comments.append(line[1:].strip())
            continue
        cells = line.split("\t")
        if len(cells) != COLUMNS:
            raise ValueError(f"line {n}: {len(cells)} columns, not {COLUMNS}")
        start, end = _misc_offsets(cells[9])
        if "-" in cells[0]:  # a multi-word token; its words follow
            first, last = (int(x) for x in cells[0].split("-"))
            sent.tokens.append(Token(tuple(range(first, last + 1)), cells[1], start, end))
            mwt_end = last
            continue
        wid = int(cells[0])
        word = Word(wid, cells[1], _value(cells[2]), _value(cells[3]), _value(cells[4]), _value(cells[5]),
                    int(cells[6]) if cells[6] != "_" else None, _value(cells[7]), start, end)
        if wid <= mwt_end:
            sent.tokens[-1].words.append(word)
        else:
            sent.tokens.append(Token((wid,), cells[1], start, end, [word]))
    if sent.tokens:
        sentences.append(sent)
    if "doc_text" not in doc_comments:
        raise ValueError("no '# doc_text' comment: not a document this module wrote")
    text = json.loads(doc_comments.pop("doc_text"))
    for s in sentences:
        for e in s.ents:
            e.text = text[e.start_char:e.end_char]
    return Document(text, sentences, doc_comments)
