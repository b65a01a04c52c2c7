"""CSV files a person opens in a spreadsheet: every cell shown as text, none run as a formula.

Residents and volunteers type their own details, and coordinators open the
exports in Excel or LibreOffice, which take a cell beginning with =, +, -, @
(or a tab or carriage return, which they skip before one of those) as a
formula: a name typed as "=HYPERLINK(...)" would become a link to anywhere, or
worse. So every CSV the hub writes goes through `csv_writer`, which puts a
single quote before such a cell, the spreadsheets' own sign for "this is
text". Files the hub reads back (a volunteers or directory export, edited and
imported again) go through `csv_dict_reader`, which takes that quote off, so a
round trip changes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from numbers import Number
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def spreadsheet_safe(value: object) -> Any:
    """The cell as a spreadsheet should show it: text that could start a formula gets a
    leading single quote. Numbers the hub counted stay numbers (a -3 cannot carry a formula,
    and a spreadsheet should still add it up); None is an empty cell, as csv writes it."""
    if value is None or (isinstance(value, Number) and not isinstance(value, bool)):
        return value
    text = str(value)
    return TEXT_MARK + text if text.startswith(FORMULA_STARTS) else text


def safe_cell(value: object) -> str:
    """A figure as text: minutes to one decimal place, and never a formula."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = f"{value:.1f}"
    return str(spreadsheet_safe(value))


def as_typed(cell: str) -> str:
    """A cell read back from one of our files, without the quote `spreadsheet_safe` added."""
    if cell.startswith(TEXT_MARK) and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


class SafeCsvWriter:
    """csv.writer's writerow/writerows, with every cell made spreadsheet-safe first."""

    def __init__(self, stream: TextIO, **formatting) -> None:
        self._writer = csv.writer(stream, **formatting)

    def writerow(self, row: Iterable[object]) -> Any:
        return self._writer.writerow([spreadsheet_safe(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: TextIO, **formatting) -> SafeCsvWriter:
    """The one way the hub writes a CSV (formatting: csv.writer's dialect options)."""
    return SafeCsvWriter(stream, **formatting)


class SafeDictReader(csv.DictReader):
    """csv.DictReader giving each cell as the person typed it (see `as_typed`)."""

    def __next__(self) -> dict:
        row = super().__next__()
        return {column: as_typed(value) if isinstance(value, str) else value
                for column, value in row.items()}


def csv_dict_reader(stream: TextIO, **formatting) -> SafeDictReader:
    """The way the hub reads back a CSV a coordinator may have exported and edited."""
    return SafeDictReader(stream, **formatting)
