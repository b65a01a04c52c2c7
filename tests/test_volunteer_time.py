"""The time volunteers give: DONE with the time it took, MY HOURS, STATS, and a thank-you
once a month, once. The clock starts Tue 24 Nov 10:00 (London is on UTC then)."""

from __future__ import annotations

import csv
import html
import io
from datetime import UTC, datetime

import pytest
from conftest import MovableClock
from fakes import FakePostcodeLocator
from sqlalchemy import select
from test_checkins import ALBERT, CAROL, ann, calls  # noqa: F401
from test_dashboard import carol, client, sign_in  # noqa: F401
from test_privacy import close, person_of
from test_offers import add_volunteer, ask_for_help, say, waiting_for

from bot.app import build_hub
from bot.dialogue.given_time import describe_help
from bot.dialogue.types import (
    GivenTime,
    LogCall,
    PersonContext,
    RequestSummary,
    VolunteerSummary,
)
from bot.services.coordinating.exports import export_calls
from bot.services.people.privacy import erase_person, purge_expired_personal_data
from bot.services.running.scheduler import run_due_work
from bot.settings import Settings, load_settings
from bot.understanding.parsing import find_duration
from dialogue_script import Conversation
from models import AuditEvent, CallSchedule, HelpRequest, RequestStatus, VolunteerThanks

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
    assert ('<tr><th scope="row">Ann</th><td>1</td><td>1</td><td>0</td><td>1 hour 30 minutes</td>'
            '</tr>' in page)


# A befriender's check-in calls: each call logged done is help given, beside tasks.

def calling(**pending) -> Conversation:
    return Conversation(PersonContext(
        roles=frozenset({"volunteer"}), volunteer=VolunteerSummary("approved", False),
        has_calls=True, **pending))


@pytest.mark.parametrize("said, effect", [
    ("DONE 30 min, she was in good spirits",
     LogCall("done", "30 min, she was in good spirits", minutes=30)),
    ("rang him, about an hour, he's fine", LogCall("done", "him, about an hour, he's fine",
                                                   minutes=60)),
    ("spoke to her", LogCall("done", "to her")),
    ("GOTOWE pół godziny, miło się rozmawiało",
     LogCall("done", "pół godziny, miło się rozmawiało", minutes=30)),
    ("no answer", LogCall("no_answer")),
])
def test_a_call_logged_done_carries_the_time_said_and_keeps_the_rest_as_the_note(said, effect):
    conversation = calling(call_pending_with="Albert")
    conversation.send(said)
    assert conversation.effects == [effect]


def test_done_for_a_call_rung_early_carries_the_time_too():
    """No call due yet, and every task of theirs is calls: today's call, rung early."""
    befriending = RequestSummary("R-7Q4K", "befriending", "matched", first_name="Albert")
    conversation = Conversation(PersonContext(
        roles=frozenset({"volunteer"}), has_calls=True,
        volunteer=VolunteerSummary("approved", False, tasks=(befriending,))))
    conversation.send("DONE 45 min, lovely chat")
    assert conversation.effects == [LogCall("done", "45 min, lovely chat", minutes=45)]


@pytest.mark.parametrize("language, tasks, calls_done, words", [
    ("en", 2, 0, "2 tasks"), ("en", 0, 0, "0 tasks"), ("en", 0, 4, "4 calls"),
    ("en", 1, 1, "1 task and 1 call"), ("pl", 1, 5, "1 zadanie i 5 rozmów"),
    ("pl", 0, 2, "2 rozmowy")])
def test_calls_are_counted_beside_tasks_and_only_when_there_were_some(
        language, tasks, calls_done, words):
    assert describe_help(language, tasks, calls_done) == words


def test_my_hours_for_a_befriender_with_calls_and_no_tasks_is_not_none_yet():
    conversation = Conversation(PersonContext(
        roles=frozenset({"volunteer"}), has_calls=True, volunteer=VolunteerSummary(
            "approved", False, given=GivenTime(month_calls=3, month_minutes=90, all_calls=3,
                                               all_minutes=90))))
    assert conversation.send("MY HOURS").startswith(
        "This month: 3 calls, 1 hour 30 minutes. Since you joined: 3 calls, 1 hour 30 minutes.")


def test_a_befrienders_calls_count_in_my_hours_stats_and_the_thank_you(
        hub, clock, ann):  # noqa: F811
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=27, minutes=5)  # Wed 25 Nov 13:05: reminded, the call is due
    logged = say(hub, ann, "DONE 30 min, she was in good spirits").replies[0].body
    assert logged == ("Thank you for ringing Albert. It's logged. 30 minutes noted: thank you "
                      "for your time.")
    [call] = calls(hub)
    with hub.session_factory() as session:
        ann_id = session.scalar(select(CallSchedule.volunteer_id))
        assert session.scalar(select(AuditEvent.detail).where(
            AuditEvent.action == "call.done"))["minutes"] == 30
    assert (call.outcome, call.minutes_given, call.caller_id, call.note) == (
        "done", 30, ann_id, "30 min, she was in good spirits")
    with hub.session_factory() as session:
        exported = io.StringIO()
        export_calls(session, exported)
    [row] = csv.DictReader(io.StringIO(exported.getvalue()))
    assert (row["outcome"], row["minutes"]) == ("done", "30")
    assert say(hub, ann, "MY HOURS").replies[0].body.startswith(
        "This month: 1 call, 30 minutes. Since you joined: 1 call, 30 minutes. Thank you!")
    assert [r.body for r in say(hub, ann, "STATUS").replies][-1] == (
        "This month: 1 call, 30 minutes. MY HOURS for more.")
    stats = say(hub, CAROL, "STATS").replies[0].body
    assert ("Volunteers this month: 1 call done by 1 volunteer; time given: 30 minutes. "
            "Most: Ann: 1 call (30 minutes)" in stats)

    tick(hub, clock, days=6, hours=21, minutes=25)  # Tue 1 Dec 10:30: November's thanks
    assert [said for said in waiting_for(hub, ann) if said.startswith("Thank you, Ann")] == [
        "Thank you, Ann: last month you helped 1 neighbour over 30 minutes. It makes a real "
        "difference."]

    tick(hub, clock, days=1, hours=2, minutes=35)  # Wed 2 Dec 13:05: the next call is due
    assert "try Albert again" in say(hub, ann, "no answer").replies[0].body
    assert say(hub, ann, "MY HOURS").replies[0].body.startswith(
        "This month: 0 tasks, 0 minutes. Since you joined: 1 call, 30 minutes.")
    tick(hub, clock, hours=2)  # the retry is due: rung, and no time said
    assert say(hub, ann, "spoke to her").replies[0].body == (
        "Thank you for ringing Albert. It's logged.")
    assert say(hub, ann, "MY HOURS").replies[0].body.startswith(
        "This month: 1 call, 0 minutes. Since you joined: 2 calls, 30 minutes.")
    assert [c.outcome for c in calls(hub)] == ["done", "no_answer", "done"]


def test_a_second_done_the_same_day_adds_the_time_the_first_left_out(hub, clock, ann):  # noqa: F811
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=27, minutes=5)
    say(hub, ann, "done")
    again = say(hub, ann, "done, 45 minutes").replies[0].body
    assert again.startswith("Today's call with Albert is already logged")
    assert again.endswith("45 minutes noted: thank you for your time.")
    assert [(c.outcome, c.minutes_given) for c in calls(hub)] == [("done", 45)]
    say(hub, ann, "DONE 2 hours")  # the time is kept once, not overwritten or added
    assert [(c.outcome, c.minutes_given) for c in calls(hub)] == [("done", 45)]


def test_calls_stay_with_the_volunteer_who_rang_after_a_handover(hub, clock, ann):  # noqa: F811
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=27, minutes=5)
    say(hub, ann, "DONE 45 min")
    bea = add_volunteer(hub, "Bea", "RM16 2XU")
    with hub.session_factory() as session:
        reference = session.scalars(select(HelpRequest.reference)).one()
    assert "now Bea's" in say(hub, CAROL, f"HANDOVER {reference} Bea").replies[0].body
    assert say(hub, ann, "MY HOURS").replies[0].body.startswith(
        "This month: 1 call, 45 minutes.")
    assert say(hub, bea, "MY HOURS").replies[0].body.startswith("No tasks done yet.")
    stats = say(hub, CAROL, "STATS").replies[0].body
    assert "Most: Ann: 1 call (45 minutes)" in stats


def test_a_call_and_a_task_in_one_month_are_both_counted(hub, clock, ann):  # noqa: F811
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=27, minutes=5)
    say(hub, ann, "DONE 45 min")
    reference = ask_for_help(hub, BETTY, "Could someone do my shopping tomorrow? I'm Betty",
                             "RM17 6SL", "12 Orsett Road", "yes")
    say(hub, ann, f"YES {reference}")
    say(hub, ann, f"DONE {reference} 1h £0")
    with hub.session_factory() as session:
        assert session.scalar(select(HelpRequest.status)
                              .where(HelpRequest.reference == reference)) == "done"
    assert say(hub, ann, "MY HOURS").replies[0].body.startswith(
        "This month: 1 task and 1 call, 1 hour 45 minutes.")
    stats = say(hub, CAROL, "STATS").replies[0].body
    assert ("Volunteers this month: 1 task and 1 call done by 1 volunteer; time given: 1 hour "
            "45 minutes. Most: Ann: 1 task and 1 call (1 hour 45 minutes)" in stats)


def test_retention_and_erasure_forget_a_calls_note_but_keep_the_time_it_counts(
        hub, clock, ann):  # noqa: F811
    """The note may say something personal and goes as before; the minutes say nothing about
    anyone, so the count in MY HOURS survives the resident's erasure and the purge."""
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=27, minutes=5)
    say(hub, ann, "DONE 30 min, we talked about her sister Maureen in Leeds")
    with hub.session_factory.begin() as session:
        reference = session.scalars(select(HelpRequest.reference)).one()
        erase_person(session, person_of(hub, ALBERT), clock(), None, "cli", offers=hub.offers)
    [call] = calls(hub)
    assert (call.outcome, call.note, call.minutes_given) == ("done", None, 30)
    close(hub, reference, RequestStatus.CANCELLED, clock())
    clock.advance(days=400)
    with hub.session_factory.begin() as session:
        purge_expired_personal_data(session, clock(), 365)
    [call] = calls(hub)
    assert (call.outcome, call.note, call.minutes_given) == ("done", None, 30)
    assert say(hub, ann, "MY HOURS").replies[0].body.startswith(
        "This month: 0 tasks, 0 minutes. Since you joined: 1 call, 30 minutes.")
