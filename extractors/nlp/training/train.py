"""Drive Stanza's own trainers (tokenize, mwt, lemma, pos, depparse) into a compact model directory.

Each stage runs in its own process (``runner``, with the einsum patch) with one thread; stages of
one chain run in order, and several chains may run side by side. Stanza's trainers keep the best
dev model; the parser also keeps a resumable checkpoint, so rerunning a stage continues it.
Every stage appends a record (run id, start, end, arguments, log file) to ``training_runs.jsonl``
in the output directory, which the model card cites.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from extractors.nlp.training.data import PreparedData

STAGES = ("tokenize", "mwt", "lemma", "pos", "depparse")
MODEL_FILES = {s: f"{s}.pt" for s in STAGES}


@dataclass
class TrainConfig:
    lang: str
    workdir: Path
    out_dir: Path
    threads: int = 1
    tokenize_steps: int = 2000
    mwt_epochs: int = 10
    lemma_epochs: int = 4
    pos_steps: int = 6000
    pos_hidden: int = 128  # tagger LSTM, char LSTM and biaffine width
    depparse_steps: int = 6000
    eval_interval: int = 400
    continue_from: dict[str, Path] = field(default_factory=dict)
    keep_vocab: bool = False  # a tagger warm start keeps its source's vocabulary (other training data)
    extra: dict[str, list[str]] = field(default_factory=dict)

    @property
    def shorthand(self) -> str:
        return f"{self.lang}_compact"


def stage_args(stage: str, data: PreparedData, cfg: TrainConfig, save_dir: Path) -> tuple[str, list[str]]:
    """The Stanza module and command line for one training stage."""
    common = ["--lang", cfg.lang, "--shorthand", cfg.shorthand, "--save_dir", str(save_dir),
              "--save_name", MODEL_FILES[stage]]
    if stage == "tokenize":
        return "stanza.models.tokenizer", common + [
            "--txt_file", str(data.train_txt), "--label_file", str(data.train_labels),
            "--mwt_json_file", str(data.train_mwt),
            "--dev_txt_file", str(data.dev_txt), "--dev_label_file", str(data.dev_labels),
            "--dev_conll_gold", str(data.dev_conllu), "--conll_file", str(cfg.workdir / "tok_dev_pred.conllu"),
            "--steps", str(cfg.tokenize_steps), "--eval_steps", "250", "--max_steps_before_stop", "2000"]
    if stage == "mwt":
        return "stanza.models.mwt_expander", common + [
            "--train_file", str(data.train_conllu), "--eval_file", str(data.dev_conllu),
            "--output_file", str(cfg.workdir / "mwt_dev_pred.conllu"), "--gold_file", str(data.dev_conllu),
            "--num_epoch", str(cfg.mwt_epochs)]
    if stage == "lemma":  # the lemmatizer takes no --lang and scores --eval_file itself
        return "stanza.models.lemmatizer", common[2:] + [
            "--train_file", str(data.train_conllu), "--eval_file", str(data.dev_conllu),
            "--output_file", str(cfg.workdir / "lemma_dev_pred.conllu"), "--num_epoch", str(cfg.lemma_epochs)]
    if stage == "pos":
        return "stanza.models.tagger", common + [
            "--train_file", str(data.train_conllu), "--eval_file", str(data.dev_conllu),
            "--output_file", str(cfg.workdir / "pos_dev_pred.conllu"), "--no_pretrain",
            "--hidden_dim", str(cfg.pos_hidden), "--char_hidden_dim", str(cfg.pos_hidden),
            "--deep_biaff_hidden_dim", str(cfg.pos_hidden), "--composite_deep_biaff_hidden_dim", str(cfg.pos_hidden // 2),
            "--word_emb_dim", "75", "--batch_size", "32",
            "--max_steps", str(cfg.pos_steps), "--eval_interval", "250", "--max_steps_before_stop", "3000"]
    if stage == "depparse":
        return "stanza.models.parser", common + [
            "--train_file", str(data.train_conllu), "--eval_file", str(data.dev_conllu),
            "--output_file", str(cfg.workdir / "depparse_dev_pred.conllu"), "--no_pretrain",
            "--hidden_dim", "200", "--char_hidden_dim", "200", "--deep_biaff_hidden_dim", "200",
            "--word_emb_dim", "75", "--batch_size", "2000", "--max_steps", str(cfg.depparse_steps),
            "--eval_interval", str(cfg.eval_interval), "--checkpoint_interval", "200",
            "--max_steps_before_stop", "2000"]
    raise ValueError(f"unknown stage {stage!r}; choose from {', '.join(STAGES)}")


def run_stage(stage: str, data: PreparedData, cfg: TrainConfig) -> Path:
    """Train one stage; copy its best model into ``cfg.out_dir``; log the run. Returns the model path."""
    save_dir = cfg.workdir / "saved" / stage
    save_dir.mkdir(parents=True, exist_ok=True)
    module, args = stage_args(stage, data, cfg, save_dir)
    args += cfg.extra.get(stage, [])
    runner_opts: list[str] = []
    if stage in cfg.continue_from:  # warm start from an earlier model (fresh optimizer, history reset)
        if stage == "depparse":
            args += ["--continue_from", str(cfg.continue_from[stage])]
        elif stage == "pos":  # Stanza 1.15's tagger has no --continue_from: the runner patches one in
            runner_opts = (["--keep-vocab"] if cfg.keep_vocab else []) + ["--warm-start", str(cfg.continue_from[stage])]
        else:
            raise ValueError(f"--continue-from applies to depparse and pos only, not {stage}")
    run_id = f"{stage}-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    log = cfg.workdir / "logs" / f"{run_id}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, OMP_NUM_THREADS=str(cfg.threads), MKL_NUM_THREADS=str(cfg.threads))
    started = dt.datetime.now(dt.timezone.utc)
    cmd = [sys.executable, "-m", "extractors.nlp.training.runner", *runner_opts, module, *args]
    with log.open("w") as fh:
        rc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env).returncode
    finished = dt.datetime.now(dt.timezone.utc)
    model = save_dir / MODEL_FILES[stage]
    cfg.out_dir.mkdir(parents=True, exist_ok=True)
    record = {"run_id": run_id, "stage": stage, "started": started.isoformat(), "finished": finished.isoformat(),
              "seconds": round((finished - started).total_seconds()), "returncode": rc, "module": module,
              "args": args, "log": str(log)}
    with (cfg.out_dir / "training_runs.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    if rc != 0 or not model.exists():
        raise RuntimeError(f"stage {stage} failed (exit {rc}); see {log}")
    ship(model, cfg.out_dir / MODEL_FILES[stage])
    resources = cfg.out_dir / "resources.json"
    if not resources.exists():  # a named language entry keeps Stanza from warning about an unknown language
        resources.write_text(json.dumps({cfg.lang: {"lang_name": cfg.lang, "packages": {"default": {}},
                                                    "default_processors": {}}}) + "\n")
    return cfg.out_dir / MODEL_FILES[stage]


def ship(src: Path, dest: Path) -> Path:
    """Copy a trained model into the model directory with its weights stored as float16: half the
    size on disk; Stanza loads it unchanged (``load_state_dict`` casts back to the model's float32)."""
    import torch

    state = torch.load(src, map_location="cpu", weights_only=False)
    model = state.get("model") if isinstance(state, dict) else None
    if isinstance(model, dict):
        state["model"] = {k: v.half() if isinstance(v, torch.Tensor) and v.is_floating_point() else v
                          for k, v in model.items()}
        torch.save(state, dest)
    else:
        shutil.copy2(src, dest)
    return dest


def train(stages: list[str], data: PreparedData, cfg: TrainConfig) -> list[Path]:
    return [run_stage(s, data, cfg) for s in stages]
