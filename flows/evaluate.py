"""``communique eval``: run the pipeline on a gold set into a scratch database and score it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from extractors.evaluation import Gold, Scores, Sys, render, score
from flows.settings import Settings
from warehouse import db as wdb


@dataclass
class Report:
    scores: list[Scores]
    db: str

    def render(self, details: bool = False) -> str:
        return render(self.scores, details) + f"\n(evaluation database: {self.db})"


def load_gold(gold_dir: Path) -> tuple[dict[str, dict], list[Gold]]:
    docs = {d["id"]: d for d in map(json.loads, (gold_dir / "docs.jsonl").read_text(encoding="utf-8").splitlines()) if d}
    out = []
    for line in (gold_dir / "events.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        e = json.loads(line)
        doc = docs[e["doc_id"]]
        text = doc["text"]
        s0 = text.find(e["sentence"])
        sent = (s0, s0 + len(e["sentence"])) if s0 >= 0 else (0, 0)
        a0 = e["sentence"].find(e["action"]) if s0 >= 0 else -1
        start = s0 + a0 if a0 >= 0 else None
        out.append(Gold(e["doc_id"], sent, start, None if start is None else start + len(e["action"]),
                        e["event_type"], e.get("actor_norm"), e.get("actor"), e.get("target_norm"), e.get("target"),
                        e.get("condition"), bool(e.get("negated")), e.get("modality") or "asserted", e.get("date"),
                        doc["lang"], e.get("event_id", "")))
    return docs, out


def system_events(db_path: str) -> list[Sys]:
    con = wdb.connect(db_path, read_only=True)
    try:
        rows = con.execute((wdb.SQL / "eval_events.sql").read_text(encoding="utf-8")).fetchall()
    finally:
        con.close()
    return [Sys(r[0], (0, 10**9), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), r[10],
                str(r[11]) if r[11] else None, r[12]) for r in rows]


def evaluate_gold(gold_dir: Path, settings: Settings) -> Report:
    from flows.pipeline import pipeline

    docs, gold = load_gold(gold_dir)
    pipeline(inputs=[str(gold_dir / "docs.jsonl")], db_path=str(settings.db_path), nlp=settings.nlp_config(),
             lang="auto", batch_size=settings.batch_size, reprocess=True, max_failure_ratio=1.0, progress=False)
    system = system_events(str(settings.db_path))
    langs = sorted({d["lang"] for d in docs.values()})
    return Report([score(system, gold, lang) for lang in langs], str(settings.db_path))
