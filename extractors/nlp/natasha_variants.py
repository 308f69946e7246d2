"""Natasha/Slovnet news models for Russian, registered as Stanza processor variants.

``stanza.Pipeline("ru", processors={"tokenize": "natasha", "pos": "natasha", "lemma": "natasha",
"depparse": "natasha", "ner": "natasha"}, ...)`` then yields a real ``stanza.Document`` with UD
upos/feats/head/deprel, pymorphy lemmas, character offsets on every token and entities.

Models ship inside the ``natasha`` wheel and are loaded lazily, once per process (``_models``).
Importing this module registers the variants; it loads nothing.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from stanza.models.common import doc as sdoc
from stanza.pipeline.processor import ProcessorVariant, register_processor_variant

NAME = "natasha"
BATCH = 64  # sentences per Slovnet call


@dataclass(frozen=True)
class NatashaModels:
    segmenter: Any
    morph: Any
    syntax: Any
    ner: Any
    vocab: Any
    versions: dict[str, str]


@functools.lru_cache(maxsize=1)
def _models() -> NatashaModels:
    import warnings

    with warnings.catch_warnings():  # pymorphy2 imports the deprecated pkg_resources
        warnings.simplefilter("ignore", UserWarning)
        import natasha
        import slovnet
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

        emb = NewsEmbedding()
        vocab = MorphVocab()
    return NatashaModels(
        segmenter=Segmenter(), morph=NewsMorphTagger(emb), syntax=NewsSyntaxParser(emb),
        ner=NewsNERTagger(emb), vocab=vocab,
        versions={"natasha": natasha.__version__ if hasattr(natasha, "__version__") else "1.6",
                  "slovnet": getattr(slovnet, "__version__", "0.6")},
    )


def model_files() -> list[str]:
    """Paths of the Slovnet/Navec model files the variants use (for hashing in ``runs.nlp_models``)."""
    from pathlib import Path

    import natasha

    data = Path(natasha.__file__).parent / "data"
    return [str(p) for p in sorted(data.glob("*/*.tar"))]


def _sentences(document: sdoc.Document) -> list[list[str]]:
    return [[w.text for w in s.words] for s in document.sentences]


def _batched(items: list, size: int = BATCH):
    for i in range(0, len(items), size):
        yield items[i:i + size]


@register_processor_variant("tokenize", NAME)
class NatashaTokenizer(ProcessorVariant):
    """razdel sentence splitting and tokenization with character offsets."""

    def __init__(self, config):
        self._segmenter = _models().segmenter

    def process(self, document):
        text = document.text if isinstance(document, sdoc.Document) else document
        from razdel import sentenize, tokenize

        sentences = []
        for sent in sentenize(text):
            tokens = [{sdoc.TEXT: t.text,
                       sdoc.MISC: f"start_char={sent.start + t.start}|end_char={sent.start + t.stop}"}
                      for t in tokenize(sent.text)]
            if tokens:
                for i, tok in enumerate(tokens, 1):
                    tok[sdoc.ID] = (i,)
                sentences.append(tokens)
        return sdoc.Document(sentences, text)


@register_processor_variant("pos", NAME)
class NatashaTagger(ProcessorVariant):
    """Slovnet morphology: UD upos and feats."""

    OVERRIDE = True

    def __init__(self, config):
        self._morph = _models().morph

    def process(self, document):
        words = [w for s in document.sentences for w in s.words]
        tagged = []
        for chunk in _batched(_sentences(document)):
            for markup in self._morph.map(chunk):
                tagged.extend(markup.tokens)
        for word, tok in zip(words, tagged):
            word.upos = tok.pos
            word.feats = "|".join(f"{k}={v}" for k, v in sorted(tok.feats.items())) or None
        return document


@register_processor_variant("lemma", NAME)
class NatashaLemmatizer(ProcessorVariant):
    """pymorphy lemmas chosen by the Slovnet tag (Natasha's ``MorphVocab.lemmatize``)."""

    OVERRIDE = True

    def __init__(self, config):
        self._vocab = _models().vocab

    def process(self, document):
        for sentence in document.sentences:
            for w in sentence.words:
                feats = dict(f.split("=", 1) for f in w.feats.split("|")) if w.feats else {}
                try:
                    w.lemma = self._vocab.lemmatize(w.text, w.upos or "X", feats)
                except Exception:  # pymorphy has no parse for some symbols
                    w.lemma = w.text.lower()
                    continue
                if w.upos == "PROPN" and _base_form(feats) and not self._agrees(w.text, feats):
                    w.lemma = w.text.lower()
        return document

    def _agrees(self, text: str, feats: dict) -> bool:
        """Whether pymorphy knows ``text`` in the tagger's case and number at all."""
        case = _PYMORPHY_CASE.get(feats.get("Case", ""))
        return any(p.tag.number == "sing" and p.tag.case == case for p in self._vocab.parse(text))


# pymorphy's names of the cases in which a singular noun is its own lemma
_PYMORPHY_CASE = {"Nom": "nomn", "Acc": "accs"}


def _base_form(feats: dict) -> bool:
    """A singular name in the nominative, or in an accusative that equals it (inanimate masculine or
    neuter): its form is its lemma. pymorphy guesses unknown names from their endings and may know them
    only in other cases ("Рафах" only as a plural locative of "Раф"); where it has no parse in the
    tagger's case and number, the form is kept."""
    if feats.get("Number") != "Sing":
        return False
    return feats.get("Case") == "Nom" or (feats.get("Case") == "Acc" and feats.get("Animacy") == "Inan"
                                          and feats.get("Gender") in ("Masc", "Neut"))


@register_processor_variant("depparse", NAME)
class NatashaParser(ProcessorVariant):
    """Slovnet syntax: UD heads and relations."""

    OVERRIDE = True

    def __init__(self, config):
        self._syntax = _models().syntax

    def process(self, document):
        sentences = document.sentences
        idx = 0
        for chunk in _batched(_sentences(document)):
            for markup in self._syntax.map(chunk):
                sentence = sentences[idx]
                idx += 1
                for word, tok in zip(sentence.words, markup.tokens):
                    word.head = int(tok.head_id)
                    word.deprel = tok.rel
                sentence.build_dependencies()
        return document


@register_processor_variant("ner", NAME)
class NatashaNER(ProcessorVariant):
    """Slovnet NER (PER, LOC, ORG) mapped onto tokens as BIOES tags, then ``build_ents``."""

    OVERRIDE = True

    def __init__(self, config):
        self._ner = _models().ner

    def process(self, document):
        for sentence in document.sentences:
            tokens = sentence.tokens
            for t in tokens:
                t.ner = "O"
            if not tokens:
                continue
            base = tokens[0].start_char
            text = document.text[base:tokens[-1].end_char]
            for span in self._ner(text).spans:
                inside = [t for t in tokens if t.start_char >= base + span.start and t.end_char <= base + span.stop]
                if not inside:
                    continue
                if len(inside) == 1:
                    inside[0].ner = f"S-{span.type}"
                    continue
                inside[0].ner = f"B-{span.type}"
                for t in inside[1:-1]:
                    t.ner = f"I-{span.type}"
                inside[-1].ner = f"E-{span.type}"
        document.build_ents()
        return document


def _patch_ner_processor() -> None:
    """Stanza's NERProcessor assumes its own trainers in ``_set_up_final_config``; with a variant it
    has none (``no attribute 'trainers'``). Keep the config as given in that case."""
    from stanza.pipeline.ner_processor import NERProcessor

    if getattr(NERProcessor, "_communique_patched", False):
        return
    original = NERProcessor._set_up_final_config

    def _set_up_final_config(self, config):
        if hasattr(self, "_variant"):
            self._config = dict(config)
            self._vocab = None
            return
        return original(self, config)

    NERProcessor._set_up_final_config = _set_up_final_config
    NERProcessor._communique_patched = True


_patch_ner_processor()
