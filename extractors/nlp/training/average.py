"""Checkpoint averaging for the tagger: the mean of the weights of several models of one run
(``--save-each`` keeps one per dev evaluation). Averaging the last checkpoints of a converged run
smooths the noise of the final steps; the result is a standard Stanza model file.

Usage: ``python -m extractors.nlp.training.average OUT.pt CHECKPOINT.pt [CHECKPOINT.pt ...]``
       ``python -m extractors.nlp.training.average --dev DEV.conllu MODEL.pt [MODEL.pt ...]``
(the second form prints the dev tag scores of each model, on gold tokens, for choosing among them)
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path


class AverageError(ValueError):
    pass


def average(checkpoints: list[Path], out: Path) -> Path:
    """Write to ``out`` the last checkpoint with its floating-point weights replaced by the mean of all."""
    import torch

    if not checkpoints:
        raise AverageError("no checkpoints to average")
    states = [torch.load(p, map_location="cpu", weights_only=False) for p in checkpoints]
    first = states[0]["model"]
    for path, state in zip(checkpoints[1:], states[1:]):
        if state["model"].keys() != first.keys() or state.get("vocab") != states[0].get("vocab"):
            raise AverageError(f"{path} does not have the same weights and vocabulary as {checkpoints[0]}")
    merged = dict(states[-1])
    merged["model"] = {
        k: (torch.stack([s["model"][k].float() for s in states]).mean(0).to(v.dtype)
            if isinstance(v, torch.Tensor) and v.is_floating_point() else v)
        for k, v in states[-1]["model"].items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(merged, out)
    return out


def dev_scores(model: Path, dev: Path) -> dict[str, float]:
    """UPOS, XPOS, UFeats and AllTags F1 of a tagger on a dev file with gold tokens (Stanza's own
    tagger evaluation, run through the einsum-patched runner in a child process)."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "extractors.nlp.training.runner", "stanza.models.tagger", "--mode", "predict",
               "--lang", "en", "--shorthand", "compact", "--eval_file", str(dev),
               "--output_file", str(Path(tmp) / "pred.conllu"), "--save_dir", str(model.parent),
               "--save_name", model.name, "--no_pretrain"]
        out = subprocess.run(cmd, capture_output=True, text=True).stderr
    m = re.search(r"UPOS\tXPOS\tUFeats\tAllTags\n.*?INFO: ([\d.]+)\t([\d.]+)\t([\d.]+)\t([\d.]+)", out)
    if m is None:
        raise AverageError(f"no dev scores for {model}:\n{out[-2000:]}")
    return dict(zip(("UPOS", "XPOS", "UFeats", "AllTags"), map(float, m.groups())))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    if sys.argv[1] == "--dev":
        for p in sys.argv[3:]:
            print(p, dev_scores(Path(p), Path(sys.argv[2])), flush=True)
    else:
        print(average([Path(p) for p in sys.argv[2:]], Path(sys.argv[1])))
