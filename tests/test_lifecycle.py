"""A request's life after the first reply: ongoing calls, honest status, volunteers' own words."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.people.coordinators import add_coordinator
from models import CallSchedule, HelpRequest, RequestStatus, ScheduleStatus, VolunteerProfile
from test_checkins import calls, tick
from test_offers import add_volunteer, ask_for_help, request_of, say, waiting_for

ROSE, CAROL = "+447700900901", "+447700900902"


def rose_has_weekly_calls_with_ann(hub) -> tuple[str, str]:
    """Ann rings Rose every Wednesday at 2pm. The clock stands at Tue 24 Nov 10:00."""
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
    ann = add_volunteer(hub, "Ann", "RM17 5AA")
    reference = ask_for_help(hub, ROSE, "Could someone ring me for a chat now and then? "
                             "I'm Rose", "RM17 6SL", "I'm 84", "afternoons", "yes")
    won = " ".join(r.body for r in say(hub, ann, "yes").replies)
    assert f"END CALLS {reference}" in won  # ongoing: the acceptance says how it ends
    say(hub, ann, "Wednesdays 2pm")
    return ann, reference


def test_done_with_the_reference_on_regular_calls_logs_the_call_and_keeps_them(hub, clock):
    ann, reference = rose_has_weekly_calls_with_ann(hub)
    clock.advance(days=1, hours=1)  # Wed 11:00: rang early, before the reminder
    said = " ".join(r.body for r in say(hub, ann, f"DONE {reference}").replies)
    assert "Thank you for ringing Rose. It's logged." in said
    assert f"END CALLS {reference}" in said
    assert request_of(hub, reference).status == RequestStatus.ASSIGNED
    with hub.session_factory() as session:
        assert session.scalars(select(CallSchedule)).one().status == ScheduleStatus.ACTIVE
    [call] = calls(hub)
    assert call.outcome == "done"
    before = len(waiting_for(hub, ann))
    tick(hub, clock, hours=6)  # Wed 17:00: today's call was made; no reminder, nothing missed
    assert len(waiting_for(hub, ann)) == before
    assert [c.outcome for c in calls(hub)] == ["done"]
    status = say(hub, ROSE, "status").replies[0].body
    assert "ongoing: regular calls with Ann" in status


def test_ending_calls_with_the_reference_is_confirmed_and_everyone_hears(hub):
    ann, reference = rose_has_weekly_calls_with_ann(hub)
    assert "for good?" in say(hub, ann, f"END CALLS {reference}").replies[0].body
    assert "have ended" in say(hub, ann, "yes").replies[0].body
    assert "come to an end" in waiting_for(hub, ROSE)[-1]
    assert f"CALLS ENDED {reference}" in waiting_for(hub, CAROL)[-1]
    assert request_of(hub, reference).status == RequestStatus.DONE
    assert "no open requests" in say(hub, ROSE, "status").replies[0].body


def test_no_to_ending_calls_keeps_them(hub):
    ann, reference = rose_has_weekly_calls_with_ann(hub)
    say(hub, ann, "end calls")
    assert "carry on" in say(hub, ann, "no").replies[0].body
    with hub.session_factory() as session:
        assert session.scalars(select(CallSchedule)).one().status == ScheduleStatus.ACTIVE


def test_status_names_the_volunteer_who_accepted(hub):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    ask_for_help(hub, ROSE, "Could someone do my shopping tomorrow? I'm Rose", "RM17 6SL",
                 "12 Orsett Road", "yes")
    say(hub, julia, "yes")
    assert "Julia is helping" in say(hub, ROSE, "status").replies[0].body


def test_status_never_claims_a_coordinator_when_the_hub_has_none(hub):
    reference = ask_for_help(hub, ROSE, "Could someone do my shopping tomorrow? I'm Rose",
                             "RM17 6SL", "12 Orsett Road", "yes")  # no volunteers at all
    assert request_of(hub, reference).status == RequestStatus.NEW
    status = say(hub, ROSE, "status").replies[0].body
    assert "coordinator" not in status and "still looking" in status
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
    assert "a coordinator is looking into it" in say(hub, ROSE, "status").replies[0].body
    with hub.session_factory() as session:
        assert session.scalars(select(HelpRequest)).one().reference == reference


def test_a_volunteers_own_words_about_a_call_log_it_and_never_start_a_request(hub, clock):
    ann, reference = rose_has_weekly_calls_with_ann(hub)
    clock.advance(days=1, hours=1)  # Wed 11:00, before the call is due
    asked = say(hub, ann, "I rang her early today, we had a lovely chat").replies[0].body
    assert "Shall I log today's call with Rose as done?" in asked
    say(hub, ann, "yes")
    [call] = calls(hub)
    assert (call.outcome, call.note) == ("done", "I rang her early today, we had a lovely chat")
    with hub.session_factory() as session:
        assert len(session.scalars(select(HelpRequest)).all()) == 1  # no new request


def test_a_returning_resident_is_offered_their_address_rather_than_asked_again(hub):
    first = ask_for_help(hub, ROSE, "Could someone do my shopping tomorrow? I'm Rose",
                         "RM17 6SL", "12 Orsett Road", "yes")
    say(hub, ROSE, "3")  # pays by card on the phone to the shop
    asked = say(hub, ROSE, "can someone walk my dog on friday").replies[0].body
    assert "Same address as before, 12 Orsett Road, RM17 6SL?" in asked
    say(hub, ROSE, "yes")
    say(hub, ROSE, "yes")  # consent
    with hub.session_factory() as session:
        second = session.scalars(select(HelpRequest).where(HelpRequest.reference != first)).one()
        assert (second.category, second.postcode, second.address_line) == (
            "dog_walking", "RM17 6SL", "12 Orsett Road")


def test_a_volunteer_sees_what_the_hub_holds_and_changes_only_what_they_name(hub):
    priya = add_volunteer(hub, "Priya", "RM17 5AA", skills=("shopping",), radius_km=8.0)
    held = " ".join(r.body for r in say(hub, priya, "my details").replies)
    assert "What we hold about you: Priya" in held and "RM17 5AA" in held
    assert "shopping" in held and "UPDATE" in held
    asked = say(hub, priya, "update").replies[0].body
    assert "What has changed?" in asked
    updated = say(hub, priya, "RM17 6SL, up to 3 miles").replies[0].body
    assert "Updated" in updated and "within 3 miles of RM17 6SL" in updated
    assert "shopping" in updated  # skills were not named, so they stay
    with hub.session_factory() as session:
        profile = session.scalars(select(VolunteerProfile)).one()
        assert (profile.postcode, round(profile.travel_radius_km, 1), profile.skills) == (
            "RM17 6SL", 4.8, ["shopping"])
    said = say(hub, priya, "UPDATE shopping and dog walking").replies[0].body
    assert "shopping, dog walking" in said


def test_a_resident_asking_for_an_update_hears_how_their_request_is_going(hub):
    ask_for_help(hub, ROSE, "Could someone do my shopping tomorrow? I'm Rose", "RM17 6SL",
                 "12 Orsett Road", "yes")
    assert "Your requests:" in say(hub, ROSE, "update").replies[0].body


def test_a_request_no_volunteer_can_take_reaches_the_coordinators_once_after_a_while(hub,
                                                                                      clock):
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
    reference = ask_for_help(hub, ROSE, "Could someone do my shopping tomorrow? I'm Rose",
                             "RM17 6SL", "12 Orsett Road", "yes")  # no volunteers at all
    before = len(waiting_for(hub, CAROL))
    tick(hub, clock, minutes=29)
    assert len(waiting_for(hub, CAROL)) == before  # a volunteer may still sign up
    tick(hub, clock, minutes=2)
    alert = waiting_for(hub, CAROL)[-1]
    assert f"NO VOLUNTEER {reference}: shopping for Rose (+447700900901) in RM17" in alert
    assert "waiting 31 min" in alert
    assert "A coordinator is looking into it" in waiting_for(hub, ROSE)[-1]
    tick(hub, clock, hours=3)
    assert sum("NO VOLUNTEER" in body for body in waiting_for(hub, CAROL)) == 1


def test_an_urgent_request_with_no_volunteer_is_raised_at_once(hub, clock):
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
    reference = ask_for_help(hub, ROSE, "I urgently need my prescription collected today, "
                             "I'm Rose", "RM17 6SL", "12 Orsett Road", "yes")
    tick(hub, clock, seconds=5)
    assert waiting_for(hub, CAROL)[-1].startswith(f"URGENT NO VOLUNTEER {reference}")


def test_with_no_coordinator_the_resident_is_not_promised_one(hub, clock):
    ask_for_help(hub, ROSE, "Could someone do my shopping tomorrow? I'm Rose", "RM17 6SL",
                 "12 Orsett Road", "yes")
    tick(hub, clock, minutes=31)
    told = waiting_for(hub, ROSE)[-1]
    assert "still looking" in told and "coordinator" not in told


def test_a_volunteer_in_their_own_words_asks_for_work_goes_away_and_changes_details(hub):
    priya = add_volunteer(hub, "Priya", "RM17 5AA", skills=("shopping",))
    said = say(hub, priya, "any jobs for me today?").replies[0].body
    assert said.startswith("Nothing is waiting near you just now.")
    assert "Shall we pause your offers" in say(hub, priya, "im away on holiday next week"
                                               ).replies[0].body
    assert "You're paused" in say(hub, priya, "yes").replies[0].body
    assert "Text RESUME" in say(hub, priya, "whats waiting?").replies[0].body
    say(hub, priya, "resume")
    said = say(hub, priya, "busy till christmas sorry").replies[0].body
    assert "Shall we pause" in said
    assert "offers will keep coming" in say(hub, priya, "no").replies[0].body
    said = say(hub, priya, "how many hours have i done").replies[0].body
    assert said.startswith("No tasks done yet.")  # as MY HOURS; it was once read as danger
    said = say(hub, priya, "I can do dog walking too").replies[0].body
    assert "Updated" in said and "shopping, dog walking" in said
    said = say(hub, priya, "ive moved, new postcode RM16 2XD").replies[0].body
    assert "Updated" in said and "RM16 2XD" in said
    with hub.session_factory() as session:
        profile = session.scalars(select(VolunteerProfile)).one()
        assert (profile.postcode, profile.skills, profile.paused) == (
            "RM16 2XD", ["shopping", "dog_walking"], False)
