"""Read-only commands on an existing warehouse: wall time of `communique status`, `export` and
`dashboard` as a user runs them (a fresh process each, imports included). Prints seconds against the
3 s target; asserts nothing. Run: ``.venv/bin/python benchmarks/cli.py [--db data/communique.duckdb]``
(without --db a small warehouse is built first from samples/)."""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).with_name("communique"))
TARGET_S = 3.0


def timed(args: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([CLI, *args], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "w.duckdb"
            subprocess.run([CLI, "run", "--input", str(ROOT / "samples"), "--db", str(db), "--no-progress"],
                           check=False, capture_output=True)
        print(f"{'command':<12}{'median s':>10}  target {TARGET_S:.0f} s   ({db})")
        for name, cmd in (("status", ["status", "--db", str(db)]),
                          ("export", ["export", "--db", str(db), "--out", str(Path(tmp) / "exp")]),
                          ("dashboard", ["dashboard", "--db", str(db), "--out", str(Path(tmp) / "d.html")])):
            s = timed(cmd, args.repeat)
            print(f"{name:<12}{s:>10.2f}  {'ok' if s <= TARGET_S else 'over'}")


if __name__ == "__main__":
    main()
