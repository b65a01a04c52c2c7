"""Check-in calls: agreed, reminded, logged, escalated when they stop; time is moved, not slept."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from bot.services.people.coordinators import add_coordinator
from bot.services.running.scheduler import run_due_work
from models import CallSchedule, CheckInCall, HelpRequest, RequestStatus, ScheduleStatus
from test_offers import add_volunteer, ask_for_help, say, waiting_for

ALBERT, CAROL = "+447700900701", "+447700900702"


@pytest.fixture
def ann(hub) -> str:
    """Ann has agreed to ring Albert; Carol coordinates. The clock starts Tue 24 Nov 10:00."""
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
    ann = add_volunteer(hub, "Ann", "RM17 5AA")
    ask_for_help(hub, ALBERT, "Could someone ring me for a chat now and then? I'm Albert",
                 "RM17 6SL", "I'm 84", "afternoons", "yes")
    won = " ".join(r.body for r in say(hub, ann, "yes").replies)
    assert "When will you ring Albert? They said: afternoons" in won
    return ann


def tick(hub, clock, **delta) -> None:
    clock.advance(**delta)
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), hub.checkins)


def calls(hub) -> list[CheckInCall]:
    with hub.session_factory() as session:
        return list(session.scalars(select(CheckInCall).order_by(CheckInCall.due_at,
                                                                 CheckInCall.id)))


def test_the_volunteer_sets_the_rhythm_and_both_are_told_in_plain_words(hub, ann):
    assert "a day and a time" in say(hub, ann, "whenever suits").replies[0].body
    planned = say(hub, ann, "Wednesdays 2pm").replies[0].body
    assert "ring Albert on +447700900701 every Wednesday between 2pm and 4pm" in planned
    assert "Ann will ring you every Wednesday between 2pm and 4pm" in waiting_for(hub, ALBERT)[-1]
    with hub.session_factory() as session:
        schedule = session.scalars(select(CallSchedule)).one()
        assert schedule.next_call_at.replace(tzinfo=timezone.utc) == datetime(
            2026, 11, 25, 14, 0, tzinfo=timezone.utc)


def test_reminded_an_hour_before_then_asked_and_a_late_done_is_kept(hub, clock, ann):
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=26, minutes=30)  # Wed 12:30
    assert calls(hub) == []
    tick(hub, clock, minutes=35)  # Wed 13:05: an hour before
    assert "please ring Albert on +447700900701 between 2pm and 4pm" in waiting_for(hub, ann)[-1]
    tick(hub, clock, hours=3)  # 16:05: the window has closed
    assert calls(hub)[0].outcome == "missed"
    assert "How did your call with Albert go?" in waiting_for(hub, ann)[-1]
    assert not any("CALLS MISSED" in body for body in waiting_for(hub, CAROL))  # one is not a pattern
    assert "logged" in say(hub, ann, "done he was in good spirits").replies[0].body
    [call] = calls(hub)
    assert (call.outcome, call.note) == ("done", "he was in good spirits")
    assert "already logged" in say(hub, ann, "done").replies[0].body
    assert len(calls(hub)) == 1


def test_two_weeks_without_a_call_alert_the_coordinators_with_history_and_numbers(hub, clock, ann):
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=30, minutes=5)  # Wed 16:05: reminded and closed in one go
    tick(hub, clock, days=7)  # the next Wednesday
    alert = waiting_for(hub, CAROL)[-1]
    assert alert.startswith("CALLS MISSED R-")
    assert "Albert (+447700900701)" in alert and f"Ann ({ann})" in alert
    assert alert.count("missed") >= 2


def test_no_answer_brings_retries_the_same_day_then_a_daily_check_alerts(hub, clock, ann):
    say(hub, ann, "every day 10am")
    tick(hub, clock, minutes=5)  # Tue 10:05: today's 10am has passed; tomorrow's is next
    tick(hub, clock, hours=23)  # Wed 09:05: reminded
    clock.advance(hours=1, minutes=25)  # 10:30
    assert "try Albert again at about 12:30pm" in say(hub, ann, "no answer").replies[0].body
    tick(hub, clock, hours=2, minutes=5)  # 12:35
    assert "again at about 2:35pm" in say(hub, ann, "No answer again").replies[0].body
    clock.advance(hours=2, minutes=5)  # 14:40
    reply = say(hub, ann, "still no answer").replies[0].body
    assert "A coordinator has been told" in reply
    assert waiting_for(hub, CAROL)[-1].startswith("CALLS MISSED")
    assert [c.outcome for c in calls(hub)] == ["no_answer"] * 3


def test_a_resident_who_says_nobody_called_reaches_a_coordinator(hub, clock, ann):
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=30, minutes=5)
    reply = say(hub, ALBERT, "no one called me yesterday").replies[0].body
    assert "We've told a coordinator" in reply
    assert waiting_for(hub, CAROL)[-1].startswith("NO CALL R-")
    assert calls(hub)[-1].outcome == "not_called"


def test_a_paused_schedule_skips_calls_without_counting_them_missed(hub, clock, ann):
    say(hub, ann, "Wednesdays 2pm")
    assert "paused until" in say(hub, ann, "pause calls until 5/12").replies[0].body
    assert "paused your regular calls" in waiting_for(hub, ALBERT)[-1]
    tick(hub, clock, days=3)  # past Wednesday 25th
    assert calls(hub) == []
    tick(hub, clock, days=8)  # Sat 5 Dec: the call of Wed 2 Dec was skipped too
    assert calls(hub) == []
    tick(hub, clock, days=4, hours=3, minutes=5)  # Wed 9 Dec 13:05: back on, reminded
    assert len(calls(hub)) == 1


def test_either_side_can_end_the_calls_and_the_other_is_told_kindly(hub, ann):
    say(hub, ann, "Wednesdays 2pm")
    assert "End the regular calls for good?" in say(hub, ALBERT, "end calls").replies[0].body
    assert "have ended" in say(hub, ALBERT, "yes").replies[0].body
    assert "come to an end" in waiting_for(hub, ann)[-1]
    assert "CALLS ENDED" in waiting_for(hub, CAROL)[-1]  # the coordinators see it
    with hub.session_factory() as session:
        assert session.scalars(select(CallSchedule)).one().status == ScheduleStatus.ENDED
        assert session.scalars(select(HelpRequest)).one().status == RequestStatus.DONE


def test_a_restart_in_the_middle_of_a_due_window_loses_nothing(hub, clock, ann, settings):
    from bot.app import build_hub
    from fakes import FakePostcodeLocator

    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=27, minutes=5)  # Wed 13:05: reminded, then the server stops
    hub.close()
    clock.advance(hours=2)  # Wed 15:05, mid-window, a new process starts
    restarted = build_hub(settings, clock=clock, locate_postcode=FakePostcodeLocator())
    try:
        run_due_work(restarted.session_factory, restarted.offers, restarted.concerns, clock(),
                     restarted.checkins)
        assert len(calls(restarted)) == 1  # not reminded twice
        assert "logged" in say(restarted, ann, "done").replies[0].body
        clock.advance(hours=1)
        run_due_work(restarted.session_factory, restarted.offers, restarted.concerns, clock(),
                     restarted.checkins)
        assert [c.outcome for c in calls(restarted)] == ["done"]
        assert sum("please ring Albert" in b for b in waiting_for(restarted, ann)) == 1
    finally:
        restarted.close()


def test_a_concern_while_a_call_is_due_is_that_calls_outcome_and_stats_count_calls(hub, clock,
                                                                                  ann):
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=27, minutes=5)  # Wed 13:05: reminded
    clock.advance(hours=1, minutes=30)
    say(hub, ann, "CONCERN Albert sounded confused and said he hadn't eaten")
    assert calls(hub)[0].outcome == "concern"
    assert waiting_for(hub, CAROL)[-1].startswith("URGENT CONCERN")
    assert "Calls: 0 done" in say(hub, CAROL, "STATS").replies[0].body


def test_a_coordinator_hands_the_calls_over_with_the_history_and_a_note(hub, clock, ann):
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=30, minutes=5)  # one missed call on record
    bea = add_volunteer(hub, "Bea", "RM16 2XU")
    with hub.session_factory() as session:
        reference = session.scalars(select(HelpRequest.reference)).one()
    done = say(hub, CAROL, f"HANDOVER {reference} Bea he likes to talk about football").replies
    assert "now Bea's" in done[0].body
    handed = waiting_for(hub, bea)[-1]
    assert "take over calls with Albert (+447700900701), every Wednesday" in handed
    assert "missed" in handed and "football" in handed
    assert "passed your calls with Albert" in waiting_for(hub, ann)[-1]
    assert "Bea will ring you" in waiting_for(hub, ALBERT)[-1]
    tick(hub, clock, days=6, hours=21)  # the next Wednesday 13:05: Bea is reminded, not Ann
    assert "please ring Albert" in waiting_for(hub, bea)[-1]


def test_suspending_the_caller_holds_the_calls_until_a_vetted_volunteer_takes_them(
        hub, clock, ann):
    say(hub, ann, "Wednesdays 2pm")
    with hub.session_factory() as session:
        reference = session.scalars(select(HelpRequest.reference)).one()
    reply = say(hub, CAROL, "SUSPEND Ann a concern about her calls").replies[0].body
    assert "Ann is suspended" in reply and "Regular calls on hold" in reply
    assert f"HANDOVER {reference}" in reply
    assert f"Please don't go ahead with {reference}" in waiting_for(hub, ann)[-1]
    assert "Ann can't make your regular calls for now" in waiting_for(hub, ALBERT)[-1]
    # Suspended, Ann is no longer given Albert's number, nor can she plan or pause calls.
    for text in ("CALL", "Wednesdays 3pm", "pause calls until 10 December"):
        assert "+447700900701" not in " ".join(r.body for r in say(hub, ann, text).replies)
    tick(hub, clock, hours=27, minutes=5)  # Wed 13:05: nobody is reminded
    tick(hub, clock, hours=4)  # the window has closed: not counted missed either
    assert calls(hub) == []
    assert not any("please ring Albert" in body for body in waiting_for(hub, ann))
    new = add_volunteer(hub, "Nell", "RM16 2XU", vetting="pending", checks=())
    refused = say(hub, CAROL, f"HANDOVER {reference} Nell").replies[0].body
    assert "isn't approved" in refused and "OVERRIDE" in refused
    assert not any("take over calls" in body for body in waiting_for(hub, new))
    bea = add_volunteer(hub, "Bea", "RM16 2XU")
    assert "now Bea's" in say(hub, CAROL, f"HANDOVER {reference} Bea").replies[0].body
    with hub.session_factory() as session:
        assert session.scalars(select(CallSchedule.status)).one() == ScheduleStatus.ACTIVE
    tick(hub, clock, days=6, hours=20)  # the next Wednesday 13:05: Bea is reminded
    assert "please ring Albert" in waiting_for(hub, bea)[-1]
    assert [c.outcome for c in calls(hub)] == [None]


def test_regular_calls_given_back_go_on_hold_and_the_coordinators_are_asked(hub, clock, ann):
    say(hub, ann, "Wednesdays 2pm")
    with hub.session_factory() as session:
        reference = session.scalars(select(HelpRequest.reference)).one()
    assert f"Give {reference}" in say(hub, ann, "I can't do the calls any more").replies[0].body
    done = say(hub, ann, "yes").replies[0].body
    assert "The calls with Albert are on hold" in done
    assert waiting_for(hub, CAROL)[-1].startswith(f"CALLS {reference}: Ann can no longer ring "
                                                  "Albert (+447700900701)")
    assert "Ann can't make your regular calls for now" in waiting_for(hub, ALBERT)[-1]
    assert "no tasks" in say(hub, ann, "MY TASKS").replies[0].body  # not hers now
    assert "+447700900701" not in " ".join(r.body for r in say(hub, ann, "CALL").replies)
    tick(hub, clock, hours=27, minutes=5)  # Wed 13:05: nobody is reminded while on hold
    assert calls(hub) == []
    bea = add_volunteer(hub, "Bea", "RM16 2XU")
    assert "now Bea's" in say(hub, CAROL, f"HANDOVER {reference} Bea").replies[0].body
    tick(hub, clock, days=7)  # the next Wednesday 13:05: Bea is reminded
    assert "please ring Albert" in waiting_for(hub, bea)[-1]


def test_the_volunteer_can_change_the_time_and_the_resident_is_told(hub, ann):
    say(hub, ann, "Wednesdays 2pm")
    reply = say(hub, ann, "change calls to Thursday mornings").replies[0].body
    assert "every Thursday between 10am and 12pm" in reply
    assert "Ann will ring you every Thursday between 10am and 12pm" in waiting_for(hub, ALBERT)[-1]


def test_alberts_month_of_weekly_calls_with_one_reschedule(hub, clock, ann):
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=27, minutes=5)  # Wed 25 Nov 13:05: reminded
    clock.advance(hours=1, minutes=30)
    assert "logged" in say(hub, ann, "done").replies[0].body
    tick(hub, clock, days=7)  # Wed 2 Dec 14:35: reminded at once (inside the window)
    moved = say(hub, ann, "reschedule tomorrow 3pm").replies[0].body
    assert "moved to Thu 3 Dec 3pm" in moved
    tick(hub, clock, hours=24)  # Thu 3 Dec 14:35: the rescheduled call is due
    assert "logged" in say(hub, ann, "done lovely chat").replies[0].body
    for _ in range(2):  # 9 and 16 Dec
        tick(hub, clock, days=7)
        say(hub, ann, "done")
    outcomes = [c.outcome for c in calls(hub)]
    assert outcomes == ["done", "rescheduled", "done", "done", "done"]
    assert not any("CALLS MISSED" in body for body in waiting_for(hub, CAROL))


def test_two_missed_calls_make_exactly_one_alert(hub, clock, ann):
    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=30, minutes=5)
    tick(hub, clock, days=7)
    say(hub, ann, "no answer")  # a late NO ANSWER on the second missed call: still one alert
    tick(hub, clock, hours=1)
    alerts = [body for body in waiting_for(hub, CAROL) if body.startswith("CALLS MISSED")]
    assert len(alerts) == 1


def test_after_downtime_closed_windows_count_as_missed_without_stale_reminders(hub, clock, ann):
    say(hub, ann, "Wednesdays 2pm")
    before = len(waiting_for(hub, ann))
    tick(hub, clock, days=15)  # the server was down over two call days
    assert [c.outcome for c in calls(hub)] == ["missed", "missed"]
    assert len(waiting_for(hub, ann)) == before  # no reminders for calls long gone
    assert waiting_for(hub, CAROL)[-1].startswith("CALLS MISSED")


def test_a_coordinator_can_end_the_calls_and_both_are_told(hub, ann):
    say(hub, ann, "Wednesdays 2pm")
    with hub.session_factory() as session:
        reference = session.scalars(select(HelpRequest.reference)).one()
    assert "have ended" in say(hub, CAROL, f"END CALLS {reference}").replies[0].body
    assert "come to an end" in waiting_for(hub, ann)[-1]
    assert "come to an end" in waiting_for(hub, ALBERT)[-1]
    assert "END CALLS" not in say(hub, "+447700900799", f"end calls {reference}").replies[0].body


def test_exports_of_requests_and_calls_carry_no_numbers_or_addresses(hub, clock, ann):
    import csv
    import io

    from bot.services.coordinating.exports import export_calls, export_requests

    say(hub, ann, "Wednesdays 2pm")
    tick(hub, clock, hours=30, minutes=5)
    with hub.session_factory() as session:
        requests_csv, calls_csv = io.StringIO(), io.StringIO()
        assert export_requests(session, requests_csv) == 1
        assert export_calls(session, calls_csv) == 1
    [request] = list(csv.DictReader(io.StringIO(requests_csv.getvalue())))
    assert (request["category"], request["district"], request["resident"], request["volunteer"]) \
        == ("befriending", "RM17", "Albert", "Ann")
    [call] = list(csv.DictReader(io.StringIO(calls_csv.getvalue())))
    assert (call["outcome"], call["frequency"]) == ("missed", "weekly")
    for text in (requests_csv.getvalue(), calls_csv.getvalue()):
        assert ALBERT not in text and ann not in text and "RM17 6SL" not in text


@pytest.mark.parametrize("minutes, words", [(60, "an hour"), (120, "2 hours"),
                                            (30, "30 minutes")])
def test_the_plan_says_how_long_before_the_call_the_reminder_comes(minutes, words):
    """NEIGHBOURLY_CALL_REMINDER_MINUTES, in the volunteer's words."""
    from datetime import timedelta

    from bot.dialogue.catalogue import text
    from bot.services.calls.checkins import CallPolicy, CheckInService
    from bot.services.sending.notify import Notifier

    service = CheckInService(Notifier(), CallPolicy(reminder_lead=timedelta(minutes=minutes)))
    lead = service.lead(lambda key, **params: text("en", key, **params))
    assert lead == words
    assert f"We'll remind you {words} before." in text(
        "en", "calls_planned", name="Albert", phone="+447700900701", when="every Tuesday",
        lead=lead)


def test_on_sqlite_the_scheduler_holds_the_write_lock_before_it_reads_what_is_due(hub):
    """Two processes (a server and `neighbourly chat`) running the scheduler at once
    must not both read the same due call and both act on it (FOR UPDATE does not
    exist on SQLite): each unit of work takes the write lock first."""
    import sqlite3

    from bot.services.shared.unit_of_work import UnitOfWork

    if hub.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL locks the rows it reads (FOR UPDATE SKIP LOCKED)")
    other = sqlite3.connect(hub.engine.url.database, timeout=0)
    try:
        with UnitOfWork(hub.session_factory, lock_first=True):
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("DELETE FROM outbound_messages WHERE 0")
        other.execute("DELETE FROM outbound_messages WHERE 0")  # free again once it ends
        other.rollback()
        with UnitOfWork(hub.session_factory):  # other units of work lock at their first write
            other.execute("DELETE FROM outbound_messages WHERE 0")
            other.rollback()
    finally:
        other.close()


def test_calls_for_someone_written_for_ring_the_number_given_for_them(hub, clock):
    """Dave asks for calls for his nan Edna, who has a landline: the caller rings Edna on it,
    by her name, and Dave is told who rings her."""
    dave = "+447700900711"
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
    ann = add_volunteer(hub, "Ann", "RM17 5AA")
    for text, reply in (
            ("could someone give my nan Edna a ring now and then, shes lonely. Im Dave",
             "postcode where the person you're asking for lives"),
            ("RM17 6SL", "how old are they?"), ("80s", "When suits them for a call?"),
            ("afternoons", "What number should the volunteer ring them on?"),
            ("dunno", "Please send the number"),
            ("01375-123456", "The one who agrees to ring them gets the number you gave")):
        assert reply in " ".join(r.body for r in say(hub, dave, text).replies), text
    reference = ask_for_help(hub, dave, "yes")
    shown = say(hub, CAROL, f"SHOW {reference}").replies[0].body
    assert f"Dave for Edna ({dave}; ring Edna on +441375123456)" in shown
    won = " ".join(r.body for r in say(hub, ann, "yes").replies)
    assert "Phone: +441375123456" in won and "that's Dave" not in won
    planned = say(hub, ann, "Wednesdays 2pm").replies[0].body
    assert "ring Edna on +441375123456 every Wednesday" in planned
    assert "Ann will ring Edna every Wednesday" in waiting_for(hub, dave)[-1]
    tick(hub, clock, hours=27, minutes=5)  # Wed 13:05: an hour before
    assert "please ring Edna on +441375123456 between 2pm and 4pm" in waiting_for(hub, ann)[-1]
    tick(hub, clock, hours=3)
    assert "How did your call with Edna go?" in waiting_for(hub, ann)[-1]
    assert "Edna" in say(hub, ann, "done, she was chatty").replies[0].body


def test_calls_for_someone_on_the_writers_own_phone_ring_the_writer(hub):
    dave = "+447700900712"
    ann = add_volunteer(hub, "Ann", "RM17 5AA")
    for text in ("could someone give my nan a ring now and then, shes lonely. Im Dave",
                 "RM17 6SL", "80s", "afternoons", "mine", "yes"):
        say(hub, dave, text)
    won = " ".join(r.body for r in say(hub, ann, "yes").replies)
    assert f"Phone: {dave} (that's Dave" in won
    assert "When will you ring Dave's grandparent?" in won
    assert f"ring Dave's grandparent on {dave}" in say(hub, ann, "Wednesdays 2pm").replies[0].body
    assert ("Ann will make the friendly calls you asked for, every Wednesday"
            in waiting_for(hub, dave)[-1])
