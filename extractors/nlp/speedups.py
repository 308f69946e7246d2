"""The compact profile's inference speed-ups (``NLPConfig.fast_nlp``, on by default).

Applied once per process to the loaded tagger and parser pipelines (``pipelines.compact_pipeline``):

- the parser labels only the arcs of the tree it chooses and finds that tree with a faster
  Chu-Liu-Edmonds (``arc_labels``, ``spanning_tree``): the same parses as Stanza's inference;
- the tagger's and the parser's character models run once per distinct word of a batch
  (``word_chars``): the same vectors;
- the tagger's fine-tag and feature scorers multiply their weights by each distinct parent tag once
  (``tag_scorers``): the same scores;
- the tokenizer takes 16 paragraphs a batch (the model's own setting is 32): Stanza pads each batch
  to its longest paragraph, or to 1,000 characters for longer ones, so on news text with a few long
  paragraphs most of a 32-paragraph batch was padding (the same tokens and sentences on the news,
  case and EWT dev texts; 20-40% less tokenizer time);
- the tagger takes batches of up to 1,000 sentences (Stanza's default is 32; still at most 5,000
  words) and the lemmatizer's seq2seq model 1,000 words (default 50), so their LSTMs step through
  fewer, fuller batches;
- on the CPU, the parser's and the lemmatizer's linear and LSTM layers and the tagger's character
  model and second LSTM layer run in int8 (``quantise``): the only step that changes numbers (on
  EWT dev, the parser's int8: UAS -0.04, LAS -0.05; the tagger's second layer: UPOS -0.02, UAS
  +0.06; the lemmatizer's: no change; test in the model card). The tagger's first layer, which reads
  the word and character embeddings, and its output layers stay float: in int8, the whole tagger lost
  2.2 UPOS points on EWT dev with Stanza's batches of 32 sentences and 21.7 with batches of 1,000;
  all but its first layer 0.2 and 1.3 (a layer's inputs are quantised with one scale per batch, so
  one outlier coarsens the whole batch); its tags feed the parser.

``benchmarks/nlp.py --compare`` times Stanza's own inference against this; ``--accuracy`` scores both."""
from __future__ import annotations

from extractors.nlp import arc_labels, tag_scorers, word_chars
from extractors.nlp.quantise import quantise

TOKENIZER_BATCH = 16  # paragraphs per tokenizer batch
# options for the tagger's stanza.Pipeline
TAGGER_OPTIONS = {"pos_batch_size": 1000, "lemma_batch_size": 1000}
# what runs in int8 on the CPU, per processor: the whole model (None) or the parts named
INT8 = {"pos": ("charmodel", "taggerlstm.lstm.1", "taggerlstm.highway.1", "taggerlstm.gate.1"),
        "lemma": None, "depparse": None}


def _model(pipeline, name: str):
    proc = pipeline.processors.get(name)
    trainer = getattr(proc, "trainer", None) if proc is not None else None
    return getattr(trainer, "model", None)


def apply(tagger, parser, int8: bool = True) -> list[str]:
    """Speed up the compact profile's loaded pipelines in place (``parser`` may be None); the names
    of the steps applied."""
    from stanza.models.common.char_model import CharacterModel

    done = []
    tokenize = tagger.processors.get("tokenize")
    if getattr(tokenize, "trainer", None) is not None and "batch_size" in tokenize.trainer.args:
        tokenize.trainer.args["batch_size"] = TOKENIZER_BATCH  # (read by Stanza's output_predictions)
        done.append("tokenizer batch")
    pos, lemma = _model(tagger, "pos"), _model(tagger, "lemma")
    dep = _model(parser, "depparse") if parser is not None else None
    for model in (pos, dep):
        if isinstance(getattr(model, "charmodel", None), CharacterModel):
            word_chars.install(model.charmodel)
            done.append("word_chars")
    if pos is not None and getattr(pos, "tag_clf", None) is not None:
        from stanza.models.common.biaffine import BiaffineScorer

        scorers = [m for m in pos.tag_clf.modules() if isinstance(m, BiaffineScorer)]
        for scorer in scorers:
            tag_scorers.install(scorer)
        if scorers:
            done.append("tag_scorers")
    if dep is not None and arc_labels.install(dep):
        done.append("arc_labels")
    if int8:
        for name, model in (("pos", pos), ("lemma", lemma), ("depparse", dep)):
            if model is None:
                continue
            if quantise(model, INT8[name]):
                done.append(f"int8 {name}")
    return done


def describe(fast: bool, use_gpu: bool) -> str:
    """How the compact models run, for ``runs.nlp_models`` and the frozen parses' parser id."""
    if not fast:
        return "stanza"
    return "fast" if use_gpu else "fast, int8"
