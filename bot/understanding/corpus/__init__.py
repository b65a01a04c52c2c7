"""The labelled messages the reader is trained and measured on (see LABELS.md).

The files in `written/` were written message by message for this project. Each message
goes to the training part or the held-out part by a hash of its text, so the split never
changes when files grow, and a message can never be in both.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

KINDS = ("shopping", "prescription", "befriending", "dog_walking", "transport", "other")
INTENTS = ("request", "volunteer", "cancel", "status", "thanks", "greeting", "services",
           "complaint", "question", "emergency", "other")
DANGER_KINDS = ("medical", "suicide", "abuse", "fire_gas", "welfare")
EVALUATED_FIELDS = ("text", "kind", "postcode", "name", "danger")
# One message in this many is held out: never trained on, only measured.
HELD_OUT_ONE_IN = 4


class CorpusError(ValueError):
    """A labelled file that cannot be read: the message says which line and why."""


@dataclass(frozen=True)
class Example:
    text: str
    kinds: tuple[str, ...]  # empty for "-"
    postcode: str | None
    name: str | None
    danger: bool
    intent: str | None = None  # None where a file gives only the evaluated fields
    danger_kind: str | None = None
    language: str | None = None
    source: str = ""
    line: int = 0

    @property
    def held_out(self) -> bool:
        return is_held_out(self.text)


def is_held_out(text: str) -> bool:
    digest = hashlib.sha256(text.strip().lower().encode("utf-8")).digest()
    return digest[0] % HELD_OUT_ONE_IN == 0


def read_examples(lines: Iterable[str], source: str = "") -> Iterator[Example]:
    """Examples from tab-separated lines with a header naming at least the evaluated fields;
    comment lines (#) and blank lines are skipped."""
    header: list[str] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = [field.strip().lstrip("\ufeff").lower() for field in fields]
            missing = [name for name in EVALUATED_FIELDS if name not in header]
            if missing:
                raise CorpusError(f"{source}:{number}: the header lacks {', '.join(missing)} "
                                  f"(expected: {chr(9).join(EVALUATED_FIELDS)})")
            continue
        if len(fields) < len(header):
            fields += [""] * (len(header) - len(fields))
        row = dict(zip(header, (field.strip() for field in fields)))
        yield parse_row(row, source, number)


def parse_row(row: dict[str, str], source: str, number: int) -> Example:
    def blank(value: str | None) -> str | None:
        return None if value in (None, "", "-") else value

    where = f"{source}:{number}"
    kinds = tuple(k.strip() for k in row["kind"].split("|")) if blank(row["kind"]) else ()
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise CorpusError(f"{where}: unknown kind {unknown[0]!r} (kinds: {', '.join(KINDS)})")
    if row["danger"] not in ("0", "1"):
        raise CorpusError(f"{where}: danger must be 0 or 1, not {row['danger']!r}")
    intent = blank(row.get("intent"))
    if intent is not None and intent not in INTENTS:
        raise CorpusError(f"{where}: unknown intent {intent!r}")
    danger_kind = blank(row.get("danger_kind"))
    if danger_kind is not None and danger_kind not in DANGER_KINDS:
        raise CorpusError(f"{where}: unknown danger_kind {danger_kind!r}")
    return Example(text=row["text"], kinds=tuple(k for k in KINDS if k in kinds),
                   postcode=blank(row["postcode"]), name=blank(row["name"]),
                   danger=row["danger"] == "1", intent=intent, danger_kind=danger_kind,
                   language=blank(row.get("language")), source=source, line=number)


def read_file(path: Path) -> list[Example]:
    # utf-8-sig: a file saved by a spreadsheet often starts with a byte-order mark.
    with open(path, encoding="utf-8-sig") as handle:
        return list(read_examples(handle, str(path)))


def shipped_files() -> list[Path]:
    folder = resources.files(__package__) / "written"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".tsv"))


def shipped_examples() -> list[Example]:
    """Every labelled message shipped with the package, in a stable order; a message written
    in two files ("hello", "i need help") counts once."""
    examples: dict[str, Example] = {}
    for path in shipped_files():
        with open(path, encoding="utf-8") as handle:
            for example in read_examples(handle, path.name):
                examples.setdefault(example.text.strip().lower(), example)
    return list(examples.values())


def fingerprint() -> str:
    """Changes whenever a shipped file does: part of the trained model's cache key."""
    digest = hashlib.sha256()
    for path in [*shipped_files(), Path(__file__).with_name("answers.py")]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
