"""How long `neighbourly demo` takes, as a new user runs it.

    python benchmarks/demo.py [--repeats 3]

Runs the real command in a subprocess: once with an empty postcode cache (the
first run on a fresh machine builds the offline postcode index), then
`--repeats` times with the index cached. Prints JSON; the target is under 30 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def play(cache: str, seed: int) -> float:
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEIGHBOURLY_")}
    env["NEIGHBOURLY_CACHE_DIR"] = cache
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot.cli", "demo", "--seed", str(seed)], env=env,
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        first = play(cache, seed=1)
        cached = [play(cache, seed=seed) for seed in range(1, args.repeats + 1)]
    print(json.dumps({"target_s": 30, "fresh_machine_s": round(first, 1),
                      "cached_index_s": {"median": round(statistics.median(cached), 1),
                                         "max": round(max(cached), 1)},
                      "cpus": os.cpu_count()}, indent=2))


if __name__ == "__main__":
    main()
