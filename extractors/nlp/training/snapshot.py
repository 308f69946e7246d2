"""Copy the current best models of running (or stopped) training stages into the model directory,
recording which run and step produced each file in ``training_runs.jsonl``.

Usage: ``python -m extractors.nlp.training.snapshot WORKDIR OUT_DIR STAGE...``"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from extractors.nlp.training.train import MODEL_FILES, ship


def _last_score(log: Path) -> dict:
    text = log.read_text(errors="ignore") if log.exists() else ""
    steps = re.findall(r"step (\d+): train_loss = [\d.]+, dev_score = ([\d.]+)", text)
    best = max(steps, key=lambda x: float(x[1])) if steps else None
    return {"best_step": int(best[0]), "best_dev_score": float(best[1])} if best else {}


def snapshot(workdir: Path, out_dir: Path, stages: list[str]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for stage in stages:
        src = workdir / "saved" / stage / MODEL_FILES[stage]
        logs = sorted((workdir / "logs").glob(f"{stage}-*.log"))
        if not src.exists():
            raise FileNotFoundError(f"no trained {stage} model at {src}")
        ship(src, out_dir / MODEL_FILES[stage])
        rec = {"run_id": logs[-1].stem if logs else None, "stage": stage, "snapshot_at": dt.datetime.now(dt.timezone.utc).isoformat(),
               "source": str(src), **(_last_score(logs[-1]) if logs else {})}
        with (out_dir / "training_runs.jsonl").open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"snapshot": True, **rec}) + "\n")
        print(f"{stage}: {rec}")


if __name__ == "__main__":
    snapshot(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
