"""How well and how fast the hub reads messages, beside the word lists it used before.

    python benchmarks/understanding.py [--file LABELLED.tsv]

On the project's held-out messages (or a labelled file of your own): accuracy per field,
the share with every field right, danger recall and false alarms, and the time to read one
message (p50/p99), for the reader and for the word-list reader of commit 1c5ffb0 (taken
from git history, so both run in the same process on the same messages). The reader's
time is for the labels scored (kind, postcode, name, danger); `reader_every_slot_read_ms`
is for a whole reading, every slot found (a date, a report, who the help is for), as a
step that asks for them all would. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.understanding import corpus, read  # noqa: E402
from bot.understanding.evaluate import FIELDS, as_labels, evaluate  # noqa: E402
from bot.understanding.model import shared_model  # noqa: E402

WORD_LIST_COMMIT = "1c5ffb0"


def word_list_reader():
    """Today's parsing.py and polish.py as they were before the reader, loaded from git."""
    def source(path: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), "show", f"{WORD_LIST_COMMIT}:{path}"],
                              check=True, capture_output=True, text=True).stdout

    polish = types.ModuleType("word_list_polish")
    exec(compile(source("bot/dialogue/polish.py"), "word_list_polish", "exec"), polish.__dict__)
    sys.modules["word_list_polish"] = polish
    parsing = types.ModuleType("word_list_parsing")
    code = source("bot/dialogue/parsing.py").replace(
        "from bot.dialogue import polish", "import word_list_polish as polish")
    exec(compile(code, "word_list_parsing", "exec"), parsing.__dict__)
    return parsing


def word_list_labels(parsing):
    """The word lists in the evaluation's terms: their one category (if any), first postcode,
    name and danger flag."""
    def labels(text: str) -> dict[str, str]:
        postcodes = parsing.find_postcodes(text)
        return {"kind": parsing.find_category(text) or "-",
                "postcode": postcodes[0] if postcodes else "-",
                "name": parsing.find_name(text) or "-",
                "danger": "1" if parsing.suggests_danger(text) else "0"}
    return labels


def every_slot_labels(text: str) -> dict[str, str]:
    """The reader's labels, with every slot of the reading found too (a name, a date, a
    report: found only when a step asks, so the labels alone time less than a whole reading)."""
    reading = read(text)
    reading.as_json()
    return as_labels(reading)


def summary(score) -> dict:
    figures = score.as_json()
    return {**{name: figures[name]["share"] for name in FIELDS},
            **{name: figures[name] for name in ("all_fields_share", "danger_recall",
                                                "false_alarm_rate")},
            "read_ms": timing(score.seconds)}


def timing(seconds: list[float]) -> dict:
    ordered = sorted(seconds)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 3)

    return {"p50": at(0.5), "p99": at(0.99), "max": round(ordered[-1] * 1000, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="a labelled file instead of the held-out set")
    args = parser.parse_args()
    examples = (corpus.read_file(args.file) if args.file
                else [e for e in corpus.shipped_examples() if e.held_out])
    started = time.perf_counter()
    shared_model()
    load_seconds = time.perf_counter() - started
    result = {
        "messages": len(examples),
        "english": sum(1 for e in examples if e.language != "pl"),
        "polish": sum(1 for e in examples if e.language == "pl"),
        "model_load_or_train_s": round(load_seconds, 2),
        "reader": summary(evaluate(examples)),
        "reader_every_slot_read_ms": timing(evaluate(examples, every_slot_labels).seconds),
        "word_lists": summary(evaluate(examples, word_list_labels(word_list_reader()))),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
