"""Two revisions' benchmarks in one run, side by side: the refit's before and after (issue 19).

    python benchmarks/compare_revisions.py [--before 6aea72f] [--after HEAD]
        [--benchmarks receive inbound matching] [--repeats 3]
        [--database sqlite|postgresql|both] [--pg-url URL]
        [--arguments "inbound=--residents 200"] [--runs] [--keep-caches FOLDER]
    python benchmarks/compare_revisions.py --lines [--before 6aea72f] [--after HEAD]

Each revision is checked out into a temporary `git worktree` and each benchmark
runs from there, as that revision's own script, with that worktree first on
PYTHONPATH and as the working folder; the modules a run imported (bot,
matching, models) are checked to come from its worktree. Runs alternate
between the revisions (before first, then after first, ...) so that whatever
else loads the machine falls on both alike, and each figure is the median of
--repeats runs. Prints one JSON document: per benchmark, every figure both
revisions report with its before, after and ratio (after / before; for times
below 1 is faster, for rates above 1 is faster). Figures only one revision
reports are listed by name.

Each revision gets its own home folder for the run, kept across repeats, so the
reader model (NEIGHBOURLY_READER_CACHE_DIR) and the postcode index are that
revision's, trained or built once before the first timed run, also for the
`serve` processes inbound.py starts (which drop NEIGHBOURLY_* variables and
fall back to ~/.cache/neighbourly). Training a reader takes minutes; with
--keep-caches the homes are kept in that folder for next time, one per version
of bot/understanding and bot/geo (what the reader and the index are made from).

--lines prints instead the lines added and removed by each commit between the
two revisions whose subject names issue 19, with a total and per folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFIT_BEFORE = "6aea72f"  # the commit before 678e3de, where the refit began
ISSUE = "issue 19"
# Small enough that the whole comparison takes a few minutes, large enough that each figure
# is more than start-up: receive sends 800 messages, inbound 2,000 per server, matching
# --quick ranks 200 requests at 2,000 and 10,000 volunteers and batches 1,000.
DEFAULT_ARGUMENTS = {
    "receive": ["--residents", "200"],
    "inbound": ["--residents", "500", "--connections", "16"],
    "matching": ["--quick"],
}
TAKES_DATABASE = {"receive", "inbound"}
# The packages whose origin proves which revision's code ran.
OUR_PACKAGES = ("bot", "matching", "models")
MODULES_MARKER = "compare_revisions: modules "
# Runs the benchmark as its own __main__, then says where our packages were imported from.
# Asked afterwards, so checking adds no import to what is timed.
RUN_AND_REPORT_MODULES = f"""
import json, runpy, sys
script = sys.argv[1]
sys.argv = sys.argv[1:]
try:
    runpy.run_path(script, run_name="__main__")
finally:
    origins = {{name: getattr(sys.modules.get(name), "__file__", None)
               for name in {OUR_PACKAGES!r}}}
    print({MODULES_MARKER!r} + json.dumps(origins), file=sys.stderr)
"""
# Trains (or reads) the revision's reader and builds its postcode index before any timing,
# and reports where a plain import finds our packages, as `serve` subprocesses will.
PREPARE_REVISION = f"""
import json, sys
from bot.understanding.model import cache_path, shared_model
from bot.geo.postcodes import PostcodeIndex
shared_model()
PostcodeIndex.load()
origins = {{name: __import__(name).__file__ for name in {OUR_PACKAGES!r}}}
print({MODULES_MARKER!r} + json.dumps(origins), file=sys.stderr)
print(json.dumps({{"reader_cache": str(cache_path())}}))
"""


# --- revisions ------------------------------------------------------------------------

def git(*arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout


def describe(revision: str) -> dict:
    commit = git("rev-parse", "--verify", f"{revision}^{{commit}}").strip()
    return {"revision": revision, "commit": commit,
            "subject": git("log", "-1", "--format=%s", commit).strip()[:120]}


def cache_key(commit: str) -> str:
    """What the reader and the postcode index are made from: bot/understanding (code and
    corpus) and bot/geo, which import nothing else of ours. Commits that leave both alone
    can share a kept cache; the installed libraries' versions are in the files' own names."""
    try:
        trees = git("rev-parse", f"{commit}:bot/understanding", f"{commit}:bot/geo").split()
    except subprocess.CalledProcessError:
        return commit
    return "-".join(tree[:12] for tree in trees)


@contextmanager
def worktree(commit: str, folder: Path) -> Iterator[Path]:
    """The commit checked out, detached, in a folder of its own; removed again afterwards."""
    git("worktree", "add", "--detach", "--quiet", str(folder), commit)
    try:
        yield folder
    finally:
        git("worktree", "remove", "--force", str(folder))


class Revision:
    """One side of the comparison: its worktree, and the environment its runs get."""

    def __init__(self, label: str, described: dict, checkout: Path, home: Path) -> None:
        self.label, self.described, self.checkout, self.home = label, described, checkout, home
        cache = home / ".cache" / "neighbourly"
        cache.mkdir(parents=True, exist_ok=True)
        # Settings from the caller's shell (a database, a cache) must not leak into a run.
        self.environment = {name: value for name, value in os.environ.items()
                            if not name.startswith("NEIGHBOURLY_")}
        self.environment.update(
            PYTHONPATH=os.pathsep.join(filter(None, [str(checkout),
                                                     os.environ.get("PYTHONPATH")])),
            # inbound.py's servers drop NEIGHBOURLY_* and use ~/.cache/neighbourly: this home
            # makes that the same per-revision folder the other benchmarks are told about.
            HOME=str(home), NEIGHBOURLY_CACHE_DIR=str(cache),
            NEIGHBOURLY_READER_CACHE_DIR=str(cache))

    def python(self, code: str, *arguments: str) -> tuple[str, dict]:
        """Run code with this revision's environment; its stdout and where it imported from."""
        finished = subprocess.run([sys.executable, "-c", code, *arguments], check=False,
                                  cwd=self.checkout, env=self.environment,
                                  capture_output=True, text=True)
        origins, errors = None, []
        for line in finished.stderr.splitlines():
            if line.startswith(MODULES_MARKER):
                origins = json.loads(line.removeprefix(MODULES_MARKER))
            else:
                errors.append(line)
        if finished.returncode != 0:
            raise RuntimeError(f"{self.label} ({self.described['revision']}) "
                               f"{' '.join(arguments) or 'preparation'} failed:\n"
                               + "\n".join(errors[-30:]))
        self.check_origins(origins)
        return finished.stdout, origins

    def check_origins(self, origins: dict | None) -> None:
        if not origins:
            raise RuntimeError(f"{self.label}: the run did not say where it imported from")
        for name, path in origins.items():
            if path is not None and not Path(path).resolve().is_relative_to(
                    self.checkout.resolve()):
                raise RuntimeError(f"{self.label}: {name} came from {path}, "
                                   f"not from the worktree {self.checkout}")

    def prepare(self) -> dict:
        started = time.perf_counter()
        output, origins = self.python(PREPARE_REVISION)
        return dict(self.described, **json.loads(output), modules=origins,
                    prepare_s=round(time.perf_counter() - started, 1))

    def run_benchmark(self, name: str, arguments: list[str]) -> dict:
        output, origins = self.python(RUN_AND_REPORT_MODULES,
                                      str(self.checkout / "benchmarks" / f"{name}.py"),
                                      *arguments)
        # inbound.py itself imports only models; its servers import bot from the worktree, as
        # the preparation checked with the same environment and working folder.
        if not any(origins.values()):
            raise RuntimeError(f"{self.label}: {name} imported none of {OUR_PACKAGES}")
        return json.loads(output)


# --- figures --------------------------------------------------------------------------

# What tells the items of a list of runs apart (inbound.py's "runs"), rather than position.
IDENTITY_KEYS = ("database", "server_processes")


def figures(report, path: str = "") -> Iterator[tuple[str, float | bool]]:
    """Every number and yes/no in a benchmark's JSON, by a dotted path; labels are skipped."""
    if isinstance(report, dict):
        for key, value in report.items():
            yield from figures(value, f"{path}.{key}" if path else str(key))
    elif isinstance(report, list):
        for position, item in enumerate(report):
            identity = [f"{key}={item[key]}" for key in IDENTITY_KEYS
                        if isinstance(item, dict) and key in item]
            label = ",".join(identity) if identity else str(position)
            yield from figures(item, f"{path}[{label}]")
    elif isinstance(report, bool | int | float):
        yield path, report


def medians(reports: list[dict]) -> tuple[dict, dict]:
    """Per figure, the median over repeats (yes/no: yes only if every repeat said yes)."""
    seen: dict[str, list] = {}
    for report in reports:
        for path, value in figures(report):
            seen.setdefault(path, []).append(value)
    middle = {path: all(values) if isinstance(values[0], bool)
              else round(statistics.median(values), 4)
              for path, values in seen.items()}
    return middle, seen


def compare(before_reports: list[dict], after_reports: list[dict],
            with_runs: bool = False) -> dict:
    """Figures both revisions report, side by side; those only one reports, by name."""
    before, before_runs = medians(before_reports)
    after, after_runs = medians(after_reports)
    side_by_side = {}
    for path in before:
        if path not in after:
            continue
        entry = {"before": before[path], "after": after[path]}
        if not isinstance(before[path], bool) and not isinstance(after[path], bool):
            entry["ratio"] = round(after[path] / before[path], 3) if before[path] else None
        if with_runs:
            entry["before_runs"], entry["after_runs"] = before_runs[path], after_runs[path]
        side_by_side[path] = entry
    return {"figures": side_by_side,
            "only_before": sorted(set(before) - set(after)),
            "only_after": sorted(set(after) - set(before))}


# --- lines per commit -----------------------------------------------------------------

RENAME = re.compile(r"\{([^{}]*) => ([^{}]*)\}")


def renamed_to(path: str) -> str:
    """numstat's "a/{old => new}/b" or "old => new" as the path the file ended at."""
    if "{" in path:
        return re.sub(r"//+", "/", RENAME.sub(lambda match: match.group(2), path))
    return path.split(" => ")[-1]


def extension_of(path: str) -> str:
    name = renamed_to(path).rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1] if "." in name else "(none)"


def folder_of(path: str) -> str:
    parts = renamed_to(path).split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else (parts[0] if len(parts) > 1 else ".")


def parse_numstat(log: str, subject_contains: str) -> list[dict]:
    """`git log --numstat --format=@@%h%x09%s` as commits, only those whose subject matches."""
    commits: list[dict] = []
    current = None
    for line in log.splitlines():
        if line.startswith("@@"):
            short, subject = line[2:].split("\t", 1)
            current = {"commit": short, "subject": subject, "files": 0, "added": 0,
                       "removed": 0, "binary_files": 0, "by_folder": {}, "by_extension": {}}
            if subject_contains.lower() in subject.lower():
                commits.append(current)
            continue
        if not line.strip() or current is None:
            continue
        added, removed, path = line.split("\t", 2)
        current["files"] += 1
        if added == "-":  # git gives no line counts for binary files
            current["binary_files"] += 1
            continue
        current["added"] += int(added)
        current["removed"] += int(removed)
        # Where the lines are, and what kind: a .po catalogue's lines are not code's.
        for grouping, key in (("by_folder", folder_of(path)), ("by_extension", extension_of(path))):
            counts = current[grouping].setdefault(key, {"added": 0, "removed": 0})
            counts["added"] += int(added)
            counts["removed"] += int(removed)
    return commits


def lines_per_commit(before: str, after: str) -> dict:
    log = git("log", "--reverse", "--numstat", "-M", "--format=@@%h%x09%s",
              f"{before}..{after}")
    commits = parse_numstat(log, ISSUE)
    for commit in commits:
        commit["subject"] = commit["subject"][:160]
        for grouping in ("by_folder", "by_extension"):  # the biggest first
            commit[grouping] = dict(sorted(commit[grouping].items(),
                                           key=lambda item: -sum(item[1].values())))
    return {"range": f"{before}..{after}", "subject_contains": ISSUE, "commits": commits,
            "total": {"added": sum(commit["added"] for commit in commits),
                      "removed": sum(commit["removed"] for commit in commits)}}


# --- the run --------------------------------------------------------------------------

def benchmark_arguments(names: list[str], database: str, pg_url: str | None,
                        overrides: list[str]) -> dict[str, list[str]]:
    chosen = {}
    for name in names:
        arguments = list(DEFAULT_ARGUMENTS.get(name, []))
        if name in TAKES_DATABASE:
            arguments += ["--database", database]
            if pg_url and database != "sqlite":
                arguments += ["--pg-url", pg_url]
        chosen[name] = arguments
    for override in overrides:
        name, _, given = override.partition("=")
        if name not in chosen:
            raise SystemExit(f"--arguments names {name!r}, not one of {names}")
        chosen[name] = shlex.split(given)
    return chosen


def compare_benchmarks(options: argparse.Namespace) -> dict:
    started = time.perf_counter()
    described = {"before": describe(options.before), "after": describe(options.after)}
    arguments = benchmark_arguments(options.benchmarks, options.database, options.pg_url,
                                    options.arguments)
    runs: dict[str, dict[str, list[dict]]] = {name: {"before": [], "after": []}
                                               for name in options.benchmarks}
    load_at_start = os.getloadavg()
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nb-compare-")))
        revisions = {}
        for label in ("before", "after"):
            checkout = stack.enter_context(
                worktree(described[label]["commit"], scratch / f"{label}-tree"))
            # Homes kept across invocations are kept per what the caches are made from.
            home = (options.keep_caches / cache_key(described[label]["commit"])
                    if options.keep_caches else scratch / f"{label}-home")
            revisions[label] = Revision(label, described[label], checkout, home)
        prepared = {}
        for label, revision in revisions.items():
            print(f"preparing {label}: the reader and the postcode index", file=sys.stderr,
                  flush=True)
            prepared[label] = revision.prepare()
        for repeat in range(options.repeats):
            # Before first in even repeats, after first in odd ones.
            order = ("before", "after") if repeat % 2 == 0 else ("after", "before")
            for name in options.benchmarks:
                for label in order:
                    print(f"repeat {repeat + 1}/{options.repeats}: {name} {label}",
                          file=sys.stderr, flush=True)
                    runs[name][label].append(
                        revisions[label].run_benchmark(name, arguments[name]))
    return {
        "before": prepared["before"], "after": prepared["after"],
        "repeats": options.repeats, "arguments": arguments,
        "machine": {"cpus": os.cpu_count(), "load_average_at_start": load_at_start,
                    "load_average_at_end": os.getloadavg()},
        "benchmarks": {name: compare(runs[name]["before"], runs[name]["after"], options.runs)
                       for name in options.benchmarks},
        "total_run_s": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=REFIT_BEFORE)
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("--benchmarks", nargs="+", default=list(DEFAULT_ARGUMENTS))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pg-url", default=os.environ.get("NEIGHBOURLY_TEST_DATABASE_URL"))
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"],
                        help="for receive and inbound (default: both with --pg-url, else sqlite)")
    parser.add_argument("--arguments", action="append", default=[], metavar="NAME=ARGS",
                        help="a benchmark's own options instead of the defaults here")
    parser.add_argument("--runs", action="store_true", help="also every repeat's figures")
    parser.add_argument("--keep-caches", type=Path, metavar="FOLDER",
                        help="keep each commit's reader and postcode index here for next time "
                             "(training a reader takes minutes); default: a temporary folder")
    parser.add_argument("--lines", action="store_true",
                        help=f"only the lines added and removed per {ISSUE} commit")
    options = parser.parse_args()
    if options.lines:
        report = lines_per_commit(options.before, options.after)
    else:
        options.database = options.database or ("both" if options.pg_url else "sqlite")
        report = compare_benchmarks(options)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
