"""The directory of local services: coordinators keep it, residents ask in their own words,
and a new request is answered with a fitting service alongside the volunteer search."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from bot.dialogue.signposting import asked_kinds
from models import DirectoryEntry, ServiceSuggestion
from test_offers import add_volunteer, ask_for_help, say

LYDIA = "+447700900702"


@pytest.fixture
def directory(hub, carol):
    """Entries as a coordinator adds them by chat: two food shops serving Grays (one nearer),
    one serving only Chelmsford, a pharmacy and a food bank."""
    for entry in (
        "Tesco Extra Chelmsford | shop | CM1 CM2 | 0345 677 9000 | 8am-10pm | takes payment by phone",
        "Grays Village Stores | shop | RM17 RM16 RM17 5AA | 01375 000111 | 9am-5pm | takes payment by phone",
        "Stanford Farm Shop | shop | RM17 SS17 SS17 0AD | 01375 000222 | Tue-Sat | cash only",
        "Orsett Road Pharmacy | pharmacy | RM17 RM20 RM17 6SL | 01375 000333 | 9am-6pm",
        "Thurrock Food Bank | food bank | RM17 RM16 RM20 | 01375 000444 | Mon, Wed, Fri",
    ):
        assert "Added D-" in say(hub, carol, f"DIRECTORY ADD {entry}").replies[0].body


@pytest.mark.parametrize("text, kinds", [
    ("who delivers food near me?", ("shop",)),
    ("Is there a food bank in RM17?", ("food_bank",)),
    ("any pharmacy that delivers near me", ("pharmacy",)),
    ("can someone get my shopping, RM17 6SL", ()),
    ("I need my prescription collected", ()),
    ("Who can help with my shopping?", ()),
    ("Could someone collect my wife's prescription from the chemist tomorrow?", ()),
    ("Is there anyone who could pick up my prescription from the pharmacy?", ()),
    ("where is the nearest chemist that delivers?", ("pharmacy",)),
    # The same in Polish, with or without diacritics.
    ("Gdzie jest bank żywności w RM17?", ("food_bank",)),
    ("gdzie jest najblizsza apteka", ("pharmacy",)),
    ("Kto dostarcza jedzenie w pobliżu?", ("shop",)),
    ("Czy jest telefon zaufania?", ("mental_health",)),
    ("Czy ktoś może odebrać moje leki z apteki?", ()),
    ("Czy ktoś zrobi mi zakupy?", ()),
    ("Zakupy w sklepie blisko domu", ()),
])
def test_only_questions_about_services_are_taken_as_such(text, kinds):
    assert asked_kinds(text) == kinds


def test_the_nearest_entries_serving_the_postcode_and_none_that_do_not(hub, directory):
    body = say(hub, LYDIA, "who delivers food near me? RM17 6SL").replies[0].body
    assert body.startswith("Near RM17:")
    lines = [line for line in body.splitlines() if line.startswith("- ")]
    assert [line.split(" (")[0] for line in lines] == ["- Grays Village Stores",
                                                       "- Stanford Farm Shop"]
    assert "takes payment by phone" in lines[0] and "01375 000111" in lines[0]
    assert "Tesco Extra Chelmsford" not in body  # serves CM1 and CM2 only


def test_without_a_postcode_the_hub_asks_for_one_then_answers(hub, directory):
    assert "Which postcode" in say(hub, LYDIA, "is there a food bank near me?").replies[0].body
    body = say(hub, LYDIA, "RM16 2XU").replies[0].body
    assert "Thurrock Food Bank" in body and "Near RM16" in body


def test_a_question_with_nothing_in_the_directory_says_so_kindly(hub, directory):
    body = say(hub, LYDIA, "who delivers food near me? SW1A 1AA").replies[0].body
    assert "don't know of a shop that delivers serving SW1A" in body


def test_a_prescription_request_is_offered_a_pharmacy_alongside_a_volunteer(hub, directory):
    add_volunteer(hub, "Julia", "RM17 5AA", skills=("prescription",))
    ask_for_help(hub, LYDIA, "can someone collect my prescription? I'm Lydia", "RM17 6SL",
                 "3 Orsett Road", "tomorrow")
    replies = [r.body for r in say(hub, LYDIA, "yes").replies]
    assert "R-" in replies[0]  # saved, and a volunteer is being looked for
    assert any("Orsett Road Pharmacy" in body and "While we find a volunteer" in body
               for body in replies)
    with hub.session_factory() as session:
        logged = session.scalars(select(ServiceSuggestion.entry_name)).all()
    assert logged == ["Orsett Road Pharmacy"]


def test_coordinators_list_and_remove_entries(hub, directory, carol):
    listed = say(hub, carol, "DIRECTORY RM16").replies[0].body
    assert "Grays Village Stores" in listed and "Stanford Farm Shop" not in listed
    with hub.session_factory() as session:
        number = session.scalar(select(DirectoryEntry.id).where(
            DirectoryEntry.name == "Thurrock Food Bank"))
    assert "Removed" in say(hub, carol, f"DIRECTORY REMOVE D-{number}").replies[0].body
    body = say(hub, LYDIA, "is there a food bank in RM17?").replies[0].body
    assert "don't know of a food bank" in body


def test_a_directory_line_that_cannot_be_read_gets_the_format(hub, carol):
    assert "To add: DIRECTORY ADD" in say(hub, carol, "DIRECTORY ADD Tesco").replies[0].body
    assert "To add: DIRECTORY ADD" in say(hub, carol,
                                          "DIRECTORY ADD Tesco | bakery | RM17").replies[0].body


def test_the_directory_is_not_shown_to_residents_as_a_command(hub, directory):
    body = say(hub, LYDIA, "DIRECTORY").replies[0].body
    assert "D-" not in body and "Directory" not in body


def test_importing_the_directory_again_updates_entries_and_keeps_their_numbers(hub, tmp_path):
    from bot.services.community.directory_csv import export_directory, import_directory

    rows = ("name,kind,districts,postcode,phone,opening_hours,takes_payment_by_phone,notes\n"
            "Grays Village Stores,shop,RM17,RM17 6SL,01375 000111,9am-5pm,yes,\n")
    with hub.session_factory.begin() as session:
        first = import_directory(session, io.StringIO(rows), hub.directory, hub.clock())
        number = session.scalar(select(DirectoryEntry.id))
    with hub.session_factory.begin() as session:
        again = import_directory(session, io.StringIO(rows.replace("9am-5pm", "8am-6pm")),
                                 hub.directory, hub.clock())
    assert (first.added, again.added, again.updated) == (1, 0, 1)
    with hub.session_factory() as session:
        entry = session.scalars(select(DirectoryEntry)).one()
        assert (entry.id, entry.opening_hours) == (number, "8am-6pm")
        written = io.StringIO()
        assert export_directory(session, written) == 1
    assert "Grays Village Stores,shop,RM17,RM17 6SL,01375 000111,8am-6pm,yes," in written.getvalue()


def test_a_polish_question_gets_the_nearest_entries_in_polish(hub, directory):
    say(hub, LYDIA, "JĘZYK PL")
    body = say(hub, LYDIA, "Gdzie jest bank żywności? RM17 6SL").replies[0].body
    assert "Thurrock Food Bank" in body and "01375 000444" in body
    assert "Near RM17" not in body  # said in Polish
