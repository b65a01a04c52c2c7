"""Standing requests: "shopping every Friday" made ahead each week, offered first to last
week's volunteer, left out for a week or ended in the resident's words, paused by a
coordinator. The clock starts Tue 24 Nov 10:00; time is moved, not slept."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pytest
from conftest import MovableClock
from fakes import FakePostcodeLocator
from sqlalchemy import select
from test_dashboard import audit_events, carol, client, sign_in  # noqa: F401
from test_dashboard_cases import act
from test_offers import add_volunteer, ask_for_help, say, waiting_for

from bot.app import build_hub
from bot.services.running.scheduler import run_due_work
from bot.settings import Settings
from models import (
    HelpRequest,
    Offer,
    Person,
    RequestStatus,
    StandingRequest,
    StandingStatus,
)

JOAN = "+447700900801"


def tick(hub, clock, **delta) -> None:
    clock.advance(**delta)
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), hub.checkins,
                 standing=hub.standing, thanks=hub.thanks)


def tasks(hub) -> list[HelpRequest]:
    with hub.session_factory() as session:
        return list(session.scalars(select(HelpRequest).order_by(HelpRequest.needed_on,
                                                                  HelpRequest.id)))


def standing_of(hub) -> StandingRequest:
    with hub.session_factory() as session:
        return session.scalars(select(StandingRequest)).one()


def offered_to(hub, reference: str) -> list[tuple[int, str, int]]:
    """(round, the volunteer's first name, rank) of each offer of the request."""
    with hub.session_factory() as session:
        rows = session.execute(
            select(Offer.round, Offer.volunteer_id, Offer.rank, Offer.status)
            .join(HelpRequest, HelpRequest.id == Offer.request_id)
            .where(HelpRequest.reference == reference).order_by(Offer.round, Offer.rank))
        return [(r, session.get(Person, v).first_name, status) for r, v, _, status in rows]


def joan_asks_for_shopping_every_friday(hub) -> str:
    reference = ask_for_help(hub, JOAN, "Shopping every Friday please, I'm Joan", "RM17 6SL",
                             "12 Orsett Road", "yes")
    say(hub, JOAN, "1")  # the shop takes payment by phone
    return reference


@pytest.fixture
def ann_did_the_first(hub) -> tuple[str, str, str]:
    """Joan's first Friday (27 Nov) is Ann's, done; Bob lives nearby too."""
    ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("shopping",))
    bob = add_volunteer(hub, "Bob", "RM17 5AA", skills=("shopping",))
    first = joan_asks_for_shopping_every_friday(hub)
    say(hub, ann, f"YES {first}")
    say(hub, ann, f"DONE {first} 45 min")
    return ann, bob, first


def test_every_friday_is_read_as_a_standing_request_and_said_back(hub):
    first = joan_asks_for_shopping_every_friday(hub)
    told = " ".join(waiting_for(hub, JOAN))
    assert "We'll arrange shopping every Friday, the same volunteer where we can" in told
    standing = standing_of(hub)
    assert (standing.weekday, standing.every_days, standing.next_on) == (4, 7, date(2026, 12, 4))
    assert [(t.reference, t.needed_on) for t in tasks(hub)] == [(first, date(2026, 11, 27))]
    status = say(hub, JOAN, "STATUS").replies[0].body
    assert "Shopping every Friday (next: Fri 27 Nov)" in status


def test_the_second_week_is_made_ahead_and_offered_to_the_same_volunteer_first(
        hub, clock, ann_did_the_first):
    ann = ann_did_the_first[0]
    tick(hub, clock, days=6, hours=22)  # Tue 1 Dec 08:00: three days ahead, too soon
    assert len(tasks(hub)) == 1
    tick(hub, clock, hours=26)  # Wed 2 Dec 10:00: two days ahead
    second = tasks(hub)[-1]
    assert (second.needed_on, second.standing_request_id) == (date(2026, 12, 4),
                                                              tasks(hub)[0].standing_request_id)
    assert (second.address_line, second.payment_method) == ("12 Orsett Road", "shop_by_phone")
    assert offered_to(hub, second.reference) == [(1, "Ann", "offered")]
    assert any("you helped Joan last time" in said for said in waiting_for(hub, ann)[-2:])
    tick(hub, clock, minutes=1)  # the scheduler again: the same week is not made twice
    assert len(tasks(hub)) == 2
    taken = say(hub, ann, f"YES {second.reference}").replies[0].body
    assert f"{second.reference} is yours" in taken


def test_if_last_weeks_volunteer_says_no_the_usual_matching_goes_on_without_them(
        hub, clock, ann_did_the_first):
    ann = ann_did_the_first[0]
    tick(hub, clock, days=8)  # Wed 2 Dec 10:00
    second = tasks(hub)[-1].reference
    say(hub, ann, f"NO {second}")
    assert offered_to(hub, second) == [(1, "Ann", "declined"), (2, "Bob", "offered")]


def test_no_shopping_next_week_leaves_that_friday_out_and_the_rest_goes_on(
        hub, clock, ann_did_the_first):
    say(hub, JOAN, "lovely, thank you")  # how it went
    said = say(hub, JOAN, "no shopping next week").replies[0].body
    assert said == ("All right: no shopping on Fri 4 Dec. It carries on every Friday after "
                    "that; your volunteer has been told if they had it.")
    tick(hub, clock, days=8)  # Wed 2 Dec: 4 Dec is left out
    assert len(tasks(hub)) == 1
    tick(hub, clock, days=7)  # Wed 9 Dec: 11 Dec is made
    assert [t.needed_on for t in tasks(hub)] == [date(2026, 11, 27), date(2026, 12, 11)]


def test_a_week_already_made_is_cancelled_and_its_volunteer_told(hub, clock, ann_did_the_first):
    ann = ann_did_the_first[0]
    tick(hub, clock, days=8)  # Wed 2 Dec: 4 Dec made and offered to Ann
    second = tasks(hub)[-1].reference
    say(hub, ann, f"YES {second}")
    say(hub, JOAN, "I don't need the shopping this Friday")
    assert next(t for t in tasks(hub) if t.reference == second).status == RequestStatus.CANCELLED
    assert second in waiting_for(hub, ann)[-1]
    assert standing_of(hub).status == StandingStatus.ACTIVE


def test_stop_the_weekly_shopping_ends_it_after_a_yes(hub, clock, ann_did_the_first):
    asked = say(hub, JOAN, "stop the weekly shopping").replies[0].body
    assert asked.startswith("Stop shopping every Friday for good?")
    assert "carries on" in say(hub, JOAN, "no").replies[0].body
    assert standing_of(hub).status == StandingStatus.ACTIVE
    say(hub, JOAN, "please stop the weekly shopping")
    ended = say(hub, JOAN, "yes").replies[0].body
    assert ended.startswith("Done: no more shopping every Friday.")
    assert standing_of(hub).status == StandingStatus.ENDED
    tick(hub, clock, days=8)
    assert len(tasks(hub)) == 1
    assert "no open requests" in say(hub, JOAN, "STATUS").replies[0].body


def test_a_coordinator_pauses_resumes_and_ends_it_and_show_tells(hub, clock, carol,  # noqa: F811
                                                                 ann_did_the_first):
    first = ann_did_the_first[2]
    paused = say(hub, carol, f"WEEKLY {first} PAUSE").replies[0].body
    assert paused == f"Done. {first}'s regular help: every Friday, paused, next: -."
    tick(hub, clock, days=8)  # Wed 2 Dec: nothing made while paused
    assert len(tasks(hub)) == 1
    resumed = say(hub, carol, f"WEEKLY {first} RESUME").replies[0].body
    assert "every Friday, going on, next: Fri 4 Dec" in resumed
    tick(hub, clock, minutes=1)
    assert [t.needed_on for t in tasks(hub)][-1] == date(2026, 12, 4)
    shown = say(hub, carol, f"SHOW {first}").replies[0].body
    assert "Regular help: every Friday, going on" in shown
    assert "Time the volunteer gave: 45 minutes" in shown
    say(hub, carol, f"WEEKLY {first} END")
    assert standing_of(hub).status == StandingStatus.ENDED
    assert tasks(hub)[-1].status == RequestStatus.CANCELLED
    assert "not regular help" in say(hub, carol, f"WEEKLY {first} PAUSE").replies[0].body
    assert "WEEKLY" in say(hub, carol, f"WEEKLY {first} sideways").replies[0].body


def test_the_resident_is_told_in_their_language_when_a_coordinator_pauses_resumes_or_ends(
        hub, clock, carol, ann_did_the_first):  # noqa: F811
    first = ann_did_the_first[2]
    say(hub, carol, f"WEEKLY {first} PAUSE")
    assert "we've paused your shopping every Friday" in waiting_for(hub, JOAN)[-1]
    with hub.session_factory.begin() as session:
        session.scalars(select(Person).where(Person.first_name == "Joan")).one().language = "pl"
    say(hub, carol, f"WEEKLY {first} RESUME")
    resumed = waiting_for(hub, JOAN)[-1]
    assert "znów rusza" in resumed and "4 grudnia" in resumed
    say(hub, carol, f"WEEKLY {first} END")
    assert "się zakończyła" in waiting_for(hub, JOAN)[-1]
    told = len(waiting_for(hub, JOAN))
    say(hub, carol, f"WEEKLY {first} PAUSE")  # ended already: nothing more to tell her
    assert len(waiting_for(hub, JOAN)) == told


def test_a_coordinator_leaving_out_a_week_is_told_as_the_coordinators_doing(
        hub, clock, carol, ann_did_the_first):  # noqa: F811
    ann, _, first = ann_did_the_first
    tick(hub, clock, days=8)  # Wed 2 Dec: 4 Dec made and offered to Ann
    second = tasks(hub)[-1].reference
    say(hub, ann, f"YES {second}")
    say(hub, carol, f"WEEKLY {first} SKIP")
    assert next(t for t in tasks(hub) if t.reference == second).status == RequestStatus.CANCELLED
    assert waiting_for(hub, ann)[-1].startswith(f"A coordinator has cancelled {second}")
    assert waiting_for(hub, JOAN)[-1] == (
        "Hello Joan, there will be no shopping on Fri 4 Dec; a coordinator has left that one "
        "out. It carries on every Friday after that, and you don't need to do anything.")
    assert standing_of(hub).status == StandingStatus.ACTIVE


def test_a_coordinator_makes_a_request_taken_by_phone_a_fortnightly_one(hub, clock,
                                                                        carol):  # noqa: F811
    add_volunteer(hub, "Ann", "RM17 5AA", skills=("shopping",))
    first = ask_for_help(hub, JOAN, "Shopping on Thursday please, I'm Joan", "RM17 6SL",
                         "12 Orsett Road", "yes")
    started = say(hub, carol, f"WEEKLY {first} FORTNIGHTLY").replies[0].body
    assert "every other Thursday" in started
    assert standing_of(hub).next_on == date(2026, 12, 10)


def test_a_volunteer_who_has_left_is_not_offered_it_again(hub, clock, ann_did_the_first):
    ann = ann_did_the_first[0]
    say(hub, ann, "LEAVE")
    say(hub, ann, "yes")
    tick(hub, clock, days=8)
    second = tasks(hub)[-1].reference
    assert [name for _, name, _ in offered_to(hub, second)] == ["Bob"]


def test_the_lead_days_are_a_setting(database_url, tmp_path):
    clock = MovableClock(datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    hub = build_hub(Settings(database_url=database_url, cache_dir=str(tmp_path / "cache"),
                             standing_lead_days=0), clock=clock,
                    locate_postcode=FakePostcodeLocator())
    try:
        add_volunteer(hub, "Ann", "RM17 5AA", skills=("shopping",))
        joan_asks_for_shopping_every_friday(hub)
        tick(hub, clock, days=9)  # Thu 3 Dec: with no lead, not yet
        assert len(tasks(hub)) == 1
        tick(hub, clock, days=1)  # Fri 4 Dec: on the day
        assert [t.needed_on for t in tasks(hub)][-1] == date(2026, 12, 4)
    finally:
        hub.close()


async def test_the_request_page_pauses_and_resumes_regular_help(
        client, hub, clock, carol, ann_did_the_first):  # noqa: F811
    first = ann_did_the_first[2]
    csrf = await sign_in(client, hub)
    page = html.unescape((await client.get(f"/dashboard/requests/{first}")).text)
    assert "Regular help: every Friday, going on, next: Fri 4 Dec" in page
    assert f'action="/dashboard/requests/{first}/case/weekly"' in page
    said = await act(client, csrf, first, "weekly", action="pause")
    assert f"Done. {first}'s regular help: every Friday, paused" in said
    assert standing_of(hub).status == StandingStatus.PAUSED
    said = await act(client, csrf, first, "weekly", action="sideways")
    assert "Choose what to do with the regular help" in said
    await act(client, csrf, first, "weekly", action="resume")
    assert standing_of(hub).status == StandingStatus.ACTIVE
    assert [e.channel for e in audit_events(hub, "admin.weekly")] == ["dashboard"] * 2


@pytest.mark.parametrize("said", ["not needed this week", "no shopping this week",
                                  "w tym tygodniu nie trzeba"])
def test_the_words_the_hub_suggests_for_missing_a_week_are_understood(hub, said):
    joan_asks_for_shopping_every_friday(hub)
    assert "All right: no shopping on Fri 27 Nov." in say(hub, JOAN, said).replies[0].body


@pytest.mark.parametrize("said", ["stop the weekly shopping",
                                  "nie potrzebuję już stałej pomocy"])
def test_the_words_the_hub_suggests_for_stopping_it_are_understood(hub, said):
    joan_asks_for_shopping_every_friday(hub)
    # (In Polish from someone writing in English, the offer to switch comes first.)
    assert "Stop shopping every Friday for good?" in say(hub, JOAN, said).replies[0].body
