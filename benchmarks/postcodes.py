"""Benchmark the offline postcode index: build, load, size, lookup rate, memory.

    python benchmarks/postcodes.py [--lookups 200000] [--cache-dir DIR]

Builds into a fresh temporary cache directory unless --cache-dir is given, so
"build" really measures the first-run cost. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bot.geo.postcodes import PostcodeIndex, cache_file_path


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    VmHWM is preferred over ru_maxrss because Linux carries ru_maxrss across
    exec, so a child started by a big parent would report the parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # reported in kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def lookups_per_second(index: PostcodeIndex, queries: list[str]) -> float:
    lookup = index.lookup
    started = time.perf_counter()
    for query in queries:
        lookup(query)
    return len(queries) / (time.perf_counter() - started)


def load_only_peak_rss_mb(cache_dir: Path) -> float:
    """Peak memory of a fresh process that only loads the cache and looks one postcode up,
    which is what a running hub pays (the build's peak is paid once, offline)."""
    script = (
        "import sys; from pathlib import Path;"
        "from bot.geo.postcodes import PostcodeIndex;"
        "PostcodeIndex.load(Path(sys.argv[1])).lookup('RM17 6SL');"
        "from postcodes import peak_rss_mb; print(peak_rss_mb())"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, str(cache_dir)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,  # so the child imports peak_rss_mb from this file
    )
    return float(output.stdout.strip())


def run(cache_dir: Path, lookup_count: int) -> dict:
    _, build_seconds = timed(lambda: PostcodeIndex.load(cache_dir))
    index, load_seconds = timed(lambda: PostcodeIndex.load(cache_dir))
    rng = np.random.default_rng(2020)
    exact = [place.postcode for place in index.sample(lookup_count, rng)]
    # Same districts, inward codes that mostly do not exist: exercises the fallback path.
    fallback = [f"{postcode.split()[0]} 9ZZ" for postcode in exact[: lookup_count // 4]]
    return {
        "postcodes": len(index),
        "build_seconds": round(build_seconds, 3),
        "load_seconds": round(load_seconds, 4),
        "cache_file_mb": round(cache_file_path(cache_dir).stat().st_size / 1e6, 2),
        "lookups_per_second": round(lookups_per_second(index, exact)),
        "district_fallback_lookups_per_second": round(lookups_per_second(index, fallback)),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "peak_rss_mb_load_only": round(load_only_peak_rss_mb(cache_dir), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--cache-dir", type=Path, help="reuse this cache (build is then a load)")
    arguments = parser.parse_args()
    if arguments.cache_dir is not None:
        report = run(arguments.cache_dir, arguments.lookups)
    else:
        with tempfile.TemporaryDirectory(prefix="neighbourly-postcodes-") as fresh:
            report = run(Path(fresh), arguments.lookups)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
