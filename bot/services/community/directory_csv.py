"""The directory as CSV, for coordinators who keep it in a spreadsheet.

Columns: name,kind,districts,postcode,phone,opening_hours,takes_payment_by_phone,notes
(districts separated by spaces or ;). Importing again updates an entry of the same
name and kind instead of adding it twice; bad rows are reported by line and skipped.
"""

from __future__ import annotations

from datetime import datetime
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.shared import audit
from bot.services.shared.csv_cells import csv_dict_reader, csv_writer
from bot.services.community.directory import (
    DirectoryService,
    EntryDetails,
    districts_in,
    kind_named,
)
from bot.services.people.volunteers_csv import ImportReport
from models import DirectoryEntry

HEADER = ("name", "kind", "districts", "postcode", "phone", "opening_hours",
          "takes_payment_by_phone", "notes")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


def import_directory(session: Session, stream: TextIO, directory: DirectoryService,
                     now: datetime) -> ImportReport:
    report = ImportReport()
    reader = csv_dict_reader(stream)
    missing = [column for column in HEADER[:3] if column not in (reader.fieldnames or [])]
    if missing:
        report.errors.append((1, f"missing column(s): {', '.join(missing)}"))
        return report
    for row in reader:
        details, problem = details_from_row(row)
        if details is None:
            report.errors.append((reader.line_num, problem))
            continue
        existing = session.scalar(select(DirectoryEntry).where(
            DirectoryEntry.name == details.name, DirectoryEntry.kind == details.kind,
            DirectoryEntry.removed_at.is_(None)))
        if existing is not None:
            directory.update(existing, details)  # keeps its D- number
            report.updated += 1
        else:
            directory.add(session, details, now)
            report.added += 1
    audit.record(session, "directory.imported", now, channel="cli", added=report.added,
                 updated=report.updated, rejected=len(report.errors))
    return report


def details_from_row(row: dict) -> tuple[EntryDetails | None, str]:
    cell = lambda name: (row.get(name) or "").strip()  # noqa: E731
    if not cell("name"):
        return None, "no name"
    kind = kind_named(cell("kind"))
    if kind is None:
        return None, (f"unknown kind {cell('kind')!r}: use shop, pharmacy, food bank, "
                      "befriending, mental health or other")
    districts = districts_in(cell("districts").replace(";", " "))
    if not districts:
        return None, "no postcode districts it serves (e.g. RM17 RM16)"
    pays = cell("takes_payment_by_phone").lower()
    if pays not in YES | NO:
        return None, f"takes_payment_by_phone should be yes or no, not {pays!r}"
    return EntryDetails(name=cell("name"), kind=kind, districts=districts, phone=cell("phone"),
                        opening_hours=cell("opening_hours"), takes_payment_by_phone=pays in YES,
                        notes=cell("notes"), postcode=cell("postcode") or None), ""


def export_directory(session: Session, stream: TextIO) -> int:
    writer = csv_writer(stream)
    writer.writerow(HEADER)
    count = 0
    for entry in session.scalars(select(DirectoryEntry).where(DirectoryEntry.removed_at.is_(None))
                                 .order_by(DirectoryEntry.kind, DirectoryEntry.name)):
        writer.writerow([entry.name, entry.kind, " ".join(entry.districts), entry.postcode or "",
                         entry.phone, entry.opening_hours,
                         "yes" if entry.takes_payment_by_phone else "no", entry.notes])
        count += 1
    return count
