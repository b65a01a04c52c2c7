"""Scoring the reader like a model: a labelled file in, a score per field out.

The file is the corpus format (LABELS.md): tab-separated, a header naming at least
`text kind postcode name danger`, `#` comments. A message's kinds are right when the set
read equals the set labelled (`-` for none); a postcode when the first one read equals the
label; a name when the writer's name read equals the label, ignoring case; danger when the
flag equals the label.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from bot.understanding.corpus import EVALUATED_FIELDS, Example
from bot.understanding.reader import read
from bot.understanding.reading import Reading

FIELDS = EVALUATED_FIELDS[1:]  # kind, postcode, name, danger


@dataclass
class Score:
    total: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    all_fields: int = 0
    danger_found: int = 0
    danger_total: int = 0
    false_alarms: int = 0
    ordinary_total: int = 0
    misses: list[dict] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def as_json(self, with_misses: bool = False) -> dict:
        result = {
            "messages": self.total,
            **{name: {"correct": self.correct[name], "total": self.total,
                      "share": share(self.correct[name], self.total)} for name in FIELDS},
            "all_fields_share": share(self.all_fields, self.total),
            "danger_recall": share(self.danger_found, self.danger_total),
            "false_alarm_rate": share(self.false_alarms, self.ordinary_total),
            "danger_messages": self.danger_total,
            "ordinary_messages": self.ordinary_total,
        }
        if with_misses:
            result["misses"] = self.misses
        return result


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def as_labels(reading: Reading) -> dict[str, str]:
    """What the reader says, in the evaluation file's own terms."""
    return {
        "kind": "|".join(reading.kinds) or "-",
        "postcode": reading.postcodes[0] if reading.postcodes else "-",
        "name": reading.sender_name or "-",
        "danger": "1" if reading.danger else "0",
    }


def expected_labels(example: Example) -> dict[str, str]:
    return {
        "kind": "|".join(example.kinds) or "-",
        "postcode": example.postcode or "-",
        "name": example.name or "-",
        "danger": "1" if example.danger else "0",
    }


def same(field_name: str, got: str, expected: str) -> bool:
    if field_name == "name":
        return got.casefold() == expected.casefold()
    if field_name == "postcode":
        return got.replace(" ", "").upper() == expected.replace(" ", "").upper()
    return got == expected


def read_labels(text: str) -> dict[str, str]:
    return as_labels(read(text))


def evaluate(examples: list[Example],
             reader: Callable[[str], dict[str, str]] = read_labels) -> Score:
    """Score a reader (by default the hub's) that turns a message into the file's labels."""
    score = Score()
    for example in examples:
        started = time.perf_counter()
        got = reader(example.text)
        score.seconds.append(time.perf_counter() - started)
        expected = expected_labels(example)
        right = {name: same(name, got[name], expected[name]) for name in FIELDS}
        score.total += 1
        for name, ok in right.items():
            score.correct[name] += ok
        score.all_fields += all(right.values())
        flagged = got["danger"] == "1"
        if example.danger:
            score.danger_total += 1
            score.danger_found += flagged
        else:
            score.ordinary_total += 1
            score.false_alarms += flagged
        if not all(right.values()):
            score.misses.append({
                "where": f"{example.source}:{example.line}" if example.source else example.line,
                "text": example.text,
                "wrong": {name: {"expected": expected[name], "read": got[name]}
                          for name, ok in right.items() if not ok},
            })
    return score
