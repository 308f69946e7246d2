"""``communique explain``: one text through the NLP pipeline and the extractor, shown step by step —
the parse, the actor mentions, the events and, for every candidate predicate that gave none, why."""
from __future__ import annotations

import datetime as dt

from extractors.extract import extract
from extractors.nlp import langid, pipelines
from extractors.nlp.profiles import NLPConfig
from extractors.records import RawDocument


def explain_text(text: str, lang: str, published: dt.date, cfg: NLPConfig, show_tree: bool = False) -> str:
    if lang == "auto":
        lang = langid.detect(text) or ""
    if lang not in cfg.languages:
        raise ValueError(f"language {lang or 'unknown'!r} is not supported (choose from {', '.join(cfg.languages)})")
    raw = RawDocument(text=text, source="explain", published=published, lang=lang)
    doc = pipelines.annotate([text], lang, cfg)[0]
    ex = extract(doc, raw, lang)
    out: list[str] = [f"language {lang}, published {published.isoformat()}"]
    for i, sent in enumerate(doc.sentences):
        out.append(f"\n[{i}] {sent.text}")
        if show_tree:
            for w in sent.words:
                head = sent.words[w.head - 1].text if w.head else "ROOT"
                out.append(f"    {w.id:>3} {w.text:<18} {w.lemma or '':<16} {w.upos:<6} {w.deprel:<12} -> {head}")
        for m in (m for m in ex.mentions if m.sentence_idx == i):
            who = f"{m.actor_norm} ({m.actor_code or 'no code'}, {m.actor_type or m.ner_type or '?'})"
            out.append(f"  mention  {m.text!r} = {who}")
        for e in (e for e in ex.events if e.sentence_idx == i):
            target = f" -> {e.target_text!r} = {e.target_norm} ({e.target_code or 'no code'})" if e.target_text else ""
            out.append(f"  EVENT    {e.event_type} {e.action_text!r}: {e.actor_text!r} = {e.actor_norm} "
                       f"({e.actor_code or 'no code'}){target}")
            extras = [f"modality {e.modality}", f"date {e.event_date} ({e.date_source})", f"confidence {e.confidence}",
                      f"rule {e.rule}"]
            if e.negated:
                extras.insert(0, "negated")
            if e.condition_text:
                extras.insert(0, f"condition {e.condition_text!r}")
            out.append("           " + "; ".join(extras))
        for d in (d for d in ex.diagnostics if d.sentence_idx == i):
            out.append(f"  no event {d.predicate!r}: {d.reason}")
    return "\n".join(out)
