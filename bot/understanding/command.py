"""`neighbourly understand`: the reader from the command line, for operators and for scoring."""

from __future__ import annotations

import argparse
import json
import sys

from bot.understanding import corpus
from bot.understanding.corpus import CorpusError
from bot.understanding.evaluate import evaluate
from bot.understanding.reader import read


def understand(args: argparse.Namespace) -> int:
    if args.evaluate is None and not args.held_out:
        if not args.text:
            print("neighbourly: give a message in quotes, --evaluate FILE or --held-out",
                  file=sys.stderr)
            return 2
        print(json.dumps(read(args.text).as_json(), ensure_ascii=False, indent=2))
        return 0
    try:
        if args.held_out:
            examples = [example for example in corpus.shipped_examples() if example.held_out]
        elif str(args.evaluate) == "-":
            examples = list(corpus.read_examples(sys.stdin, "stdin"))
        else:
            examples = corpus.read_file(args.evaluate)
    except (OSError, UnicodeDecodeError, CorpusError) as error:
        print(f"neighbourly: cannot read the labelled file: {error}", file=sys.stderr)
        return 1
    score = evaluate(examples)
    print(json.dumps(score.as_json(with_misses=args.misses), ensure_ascii=False, indent=2))
    return 0
