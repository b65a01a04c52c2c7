"""The reader's rules scored out of fold on the corpus's training part, as JSON.

How the reader's thresholds and rules are chosen without looking at the held-out part: the
training part is cut into folds by a hash of each message's text; a model is trained on all
folds but one and reads that one, so every training message gets the model's chances from a
model that never saw it. The reader's own rules (bot/understanding/reader.py) then run on
those chances, once as they are and once for each setting given with --set, and each is
scored like `neighbourly understand --evaluate`.

    python benchmarks/out_of_fold.py                                   # the rules as they are
    python benchmarks/out_of_fold.py --set DANGER_THRESHOLD=0.11 --set DANGER_THRESHOLD=0.15

Training the folds takes a few minutes each; the chances are kept in --chances (a file
named by the corpus) and read again while the corpus is unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.understanding import corpus, model, reader  # noqa: E402
from bot.understanding.evaluate import evaluate  # noqa: E402
from bot.understanding.text import clean  # noqa: E402

FOLDS = 5


def fold_of(text: str, folds: int) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16) % folds


def out_of_fold_chances(examples: list, folds: int) -> dict:
    """The model's reading of each message, from a model trained without its fold."""
    chances = {}
    for fold in range(folds):
        fitted = model.train([e for e in examples if fold_of(e.text, folds) != fold])
        for example in examples:
            if fold_of(example.text, folds) == fold:
                chances[clean(example.text)] = fitted.predict(clean(example.text))
        print(f"fold {fold + 1} of {folds} trained", file=sys.stderr, flush=True)
    return chances


class StoredChances:
    """Stands in for the trained model: the out-of-fold reading of each message."""

    def __init__(self, chances: dict):
        self.chances = chances

    def predict(self, said: str):
        return self.chances[said]


def scored(examples: list) -> dict:
    score = evaluate(examples).as_json(with_misses=False)
    return {"all_fields_share": score["all_fields_share"], "kind": score["kind"]["share"],
            "name": score["name"]["share"], "danger_recall": score["danger_recall"],
            "false_alarm_rate": score["false_alarm_rate"]}


def parse_setting(text: str) -> tuple[str, float]:
    name, _, value = text.partition("=")
    if not hasattr(reader, name) or not value:
        raise argparse.ArgumentTypeError(f"{text!r}: give NAME=VALUE, NAME one of reader.py's")
    return name, float(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--set", dest="settings", type=parse_setting, action="append",
                        default=[], metavar="NAME=VALUE",
                        help="a reader.py setting to score instead of its own (repeatable)")
    parser.add_argument("--chances", type=Path, default=None,
                        help="folder for the out-of-fold chances (default: the reader's cache)")
    args = parser.parse_args()

    examples = [e for e in corpus.shipped_examples() if not e.held_out]
    folder = args.chances or model.cache_path().parent
    path = folder / f"out-of-fold-{args.folds}-{model.cache_path().stem}.pickle"
    if path.exists():
        with open(path, "rb") as handle:
            chances = pickle.load(handle)  # our own file, written below
    else:
        chances = out_of_fold_chances(examples, args.folds)
        folder.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            pickle.dump(chances, handle)

    trained = reader.shared_model
    reader.shared_model = lambda: StoredChances(chances)
    try:
        results = {"messages": len(examples), "folds": args.folds,
                   "as_they_are": scored(examples)}
        for name, value in args.settings:
            kept = getattr(reader, name)
            setattr(reader, name, value)
            try:
                results[f"{name}={value}"] = scored(examples)
            finally:
                setattr(reader, name, kept)
    finally:
        reader.shared_model = trained
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
