"""The time volunteers give: DONE with the time it took, MY HOURS, STATS, and a thank-you
once a month, once. The clock starts Tue 24 Nov 10:00 (London is on UTC then)."""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pytest
from conftest import MovableClock
from fakes import FakePostcodeLocator
from sqlalchemy import select
from test_dashboard import carol, client, sign_in  # noqa: F401
from test_offers import add_volunteer, ask_for_help, say, waiting_for

from bot.app import build_hub
from bot.services.running.scheduler import run_due_work
from bot.settings import Settings, load_settings
from bot.understanding.parsing import find_duration
from models import HelpRequest, VolunteerThanks

BETTY, FRANK, GRACE = "+447700900811", "+447700900812", "+447700900813"


def tick(hub, clock, **delta) -> None:
    clock.advance(**delta)
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), hub.checkins,
                 standing=hub.standing, thanks=hub.thanks)


def task_for(hub, phone: str, name: str) -> str:
    return ask_for_help(hub, phone, f"Could someone walk my dog tomorrow? I'm {name}",
                        "RM17 6SL", "12 Orsett Road", "yes")


def minutes_of(hub, reference: str) -> int | None:
    with hub.session_factory() as session:
        return session.scalar(select(HelpRequest.minutes_given)
                              .where(HelpRequest.reference == reference))


@pytest.mark.parametrize("said, minutes", [
    ("DONE R-7Q4K 45 min", 45), ("done, took about an hour", 60), ("DONE 1h30", 90),
    ("done 1.5 hours", 90), ("finished, an hour and a half", 90), ("half an hour", 30),
    ("2 hrs 15 mins", 135), ("zrobione, pół godziny", 30), ("DONE R-AB2H", None),
    ("done £23.40", None), ("done", None), ("DONE 30 hours", None)])
def test_the_time_a_task_took_is_read_as_volunteers_say_it(said, minutes):
    assert find_duration(said) == minutes


@pytest.mark.parametrize("said, minutes", [
    ("DONE {reference} 45 min", 45), ("done, took about an hour", 60), ("DONE 1h30", 90)])
def test_done_with_the_time_keeps_it_and_says_so(hub, said, minutes):
    ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("dog_walking",))
    reference = task_for(hub, BETTY, "Betty")
    say(hub, ann, f"YES {reference}")
    thanks = say(hub, ann, said.format(reference=reference)).replies[0].body
    assert thanks.startswith(f"Thank you for helping Betty! {reference} is marked done.")
    assert "noted: thank you for your time" in thanks
    assert minutes_of(hub, reference) == minutes


def test_done_without_a_time_is_thanked_as_before_and_counts_the_task(hub):
    ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("dog_walking",))
    reference = task_for(hub, BETTY, "Betty")
    say(hub, ann, f"YES {reference}")
    thanks = say(hub, ann, "DONE").replies[0].body
    assert "noted" not in thanks
    assert minutes_of(hub, reference) is None
    hours = say(hub, ann, "MY HOURS").replies[0].body
    assert hours.startswith("This month: 1 task, 0 minutes. Since you joined: 1 task, 0 minutes.")


def test_my_hours_and_status_tell_a_volunteer_their_own_count(hub, clock):
    ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("dog_walking",))
    assert say(hub, ann, "MY HOURS").replies[0].body.startswith("No tasks done yet.")
    for phone, name, took in ((BETTY, "Betty", "45 min"), (FRANK, "Frank", "1h30")):
        reference = task_for(hub, phone, name)
        say(hub, ann, f"YES {reference}")
        say(hub, ann, f"DONE {reference} {took}")
    hours = say(hub, ann, "my hours").replies[0].body
    assert hours.startswith("This month: 2 tasks, 2 hours 15 minutes. Since you joined: 2 "
                            "tasks, 2 hours 15 minutes. Thank you!")
    status = [r.body for r in say(hub, ann, "STATUS").replies]
    assert status[-1] == "This month: 2 tasks, 2 hours 15 minutes. MY HOURS for more."
    clock.advance(days=7)  # Tue 1 Dec: a new month starts from nothing
    assert say(hub, ann, "MY HOURS").replies[0].body.startswith(
        "This month: 0 tasks, 0 minutes. Since you joined: 2 tasks, 2 hours 15 minutes.")


def test_stats_show_the_coordinator_this_months_tasks_hours_and_who_gave_most(
        hub, carol):  # noqa: F811
    ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("dog_walking",))
    reference = task_for(hub, BETTY, "Betty")
    say(hub, ann, f"YES {reference}")
    say(hub, ann, f"DONE {reference} 45 min")
    stats = say(hub, carol, "STATS").replies[0].body
    assert ("Volunteers this month: 1 task done by 1 volunteer; time given: 45 minutes. "
            "Most: Ann: 1 task (45 minutes)"
            in stats)


def test_each_volunteer_who_helped_is_thanked_once_with_their_own_count(hub, clock):
    ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("dog_walking",))
    bob = add_volunteer(hub, "Bob", "RM17 5AA", skills=("dog_walking",))
    idle = add_volunteer(hub, "Cy", "RM17 5AA", skills=("dog_walking",))
    for phone, name in ((BETTY, "Betty"), (FRANK, "Frank")):
        reference = task_for(hub, phone, name)
        say(hub, ann, f"YES {reference}")
        say(hub, ann, f"DONE {reference} 1h30")
    reference = task_for(hub, GRACE, "Grace")
    say(hub, bob, f"YES {reference}")
    say(hub, bob, f"DONE {reference}")
    tick(hub, clock, days=6, hours=23)  # Tue 1 Dec 09:00: not before the morning
    assert not any("Thank you, Ann" in said for said in waiting_for(hub, ann))
    tick(hub, clock, hours=1, minutes=30)  # 10:30
    tick(hub, clock, minutes=1)  # the scheduler runs again
    thanked = [said for said in waiting_for(hub, ann) if said.startswith("Thank you, Ann")]
    assert thanked == [("Thank you, Ann: last month you helped 2 neighbours over 3 hours. "
                        "It makes a real difference.")]
    assert [said for said in waiting_for(hub, bob) if said.startswith("Thank you, Bob")] == [
        "Thank you, Bob: last month you helped 1 neighbour. It makes a real difference."]
    assert not any(said.startswith("Thank you, Cy") for said in waiting_for(hub, idle))
    tick(hub, clock, days=3)
    with hub.session_factory() as session:
        assert session.scalars(select(VolunteerThanks.month)).all() == ["2026-11", "2026-11"]


def test_the_thank_you_is_a_setting_that_can_be_turned_off(database_url, tmp_path):
    assert load_settings({"NEIGHBOURLY_MONTHLY_THANKS": "false"}).monthly_thanks is False
    clock = MovableClock(datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    hub = build_hub(Settings(database_url=database_url, cache_dir=str(tmp_path / "cache"),
                             monthly_thanks=False), clock=clock,
                    locate_postcode=FakePostcodeLocator())
    try:
        assert hub.thanks is None
        ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("dog_walking",))
        reference = task_for(hub, BETTY, "Betty")
        say(hub, ann, f"YES {reference}")
        say(hub, ann, f"DONE {reference} 20 min")
        tick(hub, clock, days=8)
        assert not any(said.startswith("Thank you, Ann") for said in waiting_for(hub, ann))
    finally:
        hub.close()


async def test_the_statistics_page_shows_each_volunteers_time_this_month(
        client, hub, carol):  # noqa: F811
    ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("dog_walking",))
    reference = task_for(hub, BETTY, "Betty")
    say(hub, ann, f"YES {reference}")
    say(hub, ann, f"DONE {reference} 1h30")
    await sign_in(client, hub)
    page = html.unescape((await client.get("/dashboard/stats")).text)
    assert "Volunteers' time this month" in page
    assert ('<tr><th scope="row">Ann</th><td>1</td><td>1</td><td>1 hour 30 minutes</td></tr>'
            in page)
