"""Masked check-in calls through the real twilio client and a Twilio Voice double."""

from __future__ import annotations

import asyncio
from xml.etree import ElementTree

import pytest
from sqlalchemy import select

from bot.channels.voice import bridge_twiml
from bot.services.running.scheduler import run_due_work
from doubles.harness import running_hub
from doubles.twilio_api import HUB_NUMBER
from models import CheckInCall, ContactIdentity, Person
from test_offers import add_volunteer, ask_for_help, say, waiting_for

ALBERT = "+447700900801"


async def wait_for(condition, timeout: float = 5.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)


@pytest.fixture
async def voice_hub(settings, clock):
    async with running_hub(settings.with_changes(twilio_voice_enabled=True), clock,
                           telegram=False) as running:
        yield running


def calls_of(hub) -> list[CheckInCall]:
    with hub.session_factory() as session:
        return list(session.scalars(select(CheckInCall).order_by(CheckInCall.id)))


async def befriending_match(running) -> str:
    hub = running.hub
    ann = await asyncio.to_thread(add_volunteer, hub, "Ann", "RM17 5AA")
    await asyncio.to_thread(ask_for_help, hub, ALBERT, "Could someone ring me for a chat? I'm Albert",
                            "RM17 6SL", "skip", "afternoons", "yes")
    won = await asyncio.to_thread(say, hub, ann, "yes")
    assert "kept private (text CALL to be connected)" in won.replies[0].body
    assert ALBERT not in won.replies[0].body
    planned = await asyncio.to_thread(say, hub, ann, "Wednesdays 2pm")
    assert "text CALL then" in planned.replies[0].body and ALBERT not in planned.replies[0].body
    return ann


async def test_call_rings_the_volunteer_bridges_to_the_resident_and_logs_the_outcome(voice_hub,
                                                                                   clock):
    ann = await befriending_match(voice_hub)
    clock.advance(hours=27, minutes=5)  # Wed 13:05: reminded, with a CALL button
    hub = voice_hub.hub
    await asyncio.to_thread(run_due_work, hub.session_factory, hub.offers, hub.concerns, clock(),
                            hub.checkins)
    assert ALBERT not in waiting_for(hub, ann)[-1]
    clock.advance(hours=1)
    reply = await voice_hub.text(ann, "CALL", "SMcall1")
    assert "ringing you now" in reply.text
    await wait_for(lambda: voice_hub.twilio.calls)
    [placed] = voice_hub.twilio.calls
    assert placed.to == ann and placed.caller_id == HUB_NUMBER
    assert f"<Number>{ALBERT}</Number>" in placed.twiml and f'callerId="{HUB_NUMBER}"' in placed.twiml
    assert '<Say language="en-GB">Connecting you to Albert now.</Say>' in placed.twiml
    answered = await voice_hub.twilio.report_dial(voice_hub.client, placed, "completed", 540)
    assert answered.status_code == 200
    [call] = calls_of(hub)
    assert (call.outcome, call.note) == ("done", "masked call answered, 9 min")


async def test_an_unanswered_masked_call_counts_as_no_answer_and_a_retry_is_set(voice_hub, clock):
    ann = await befriending_match(voice_hub)
    clock.advance(hours=28, minutes=10)  # Wed 14:10, inside the window
    hub = voice_hub.hub
    await asyncio.to_thread(run_due_work, hub.session_factory, hub.offers, hub.concerns, clock(),
                            hub.checkins)
    await voice_hub.text(ann, "call", "SMcall2")
    await wait_for(lambda: voice_hub.twilio.calls)
    await voice_hub.twilio.report_dial(voice_hub.client, voice_hub.twilio.calls[0], "no-answer", 0)
    outcomes = [c.outcome for c in calls_of(voice_hub.hub)]
    assert outcomes == ["no_answer", None]  # the retry later today
    await wait_for(lambda: any("again at about" in m.body for m in voice_hub.twilio.to(ann)))


async def test_a_polish_volunteer_hears_the_connecting_words_in_polish(voice_hub, clock):
    ann = await befriending_match(voice_hub)
    hub = voice_hub.hub
    with hub.session_factory.begin() as session:
        session.scalars(select(Person).join(ContactIdentity).where(
            ContactIdentity.address == ann)).one().language = "pl"
    clock.advance(hours=28, minutes=5)  # Wed 14:05, inside the window
    await asyncio.to_thread(run_due_work, hub.session_factory, hub.offers, hub.concerns, clock(),
                            hub.checkins)
    await voice_hub.text(ann, "POŁĄCZ", "SMcall3")
    await wait_for(lambda: voice_hub.twilio.calls)
    [say, dial] = ElementTree.fromstring(voice_hub.twilio.calls[0].twiml)
    assert (say.get("language"), say.text) == ("pl-PL", "Już łączymy Cię z osobą o imieniu Albert.")
    assert dial.find("Number").text == ALBERT


@pytest.mark.parametrize("language, name, voice, words", [
    ("en", "", "en-GB", "Connecting you to your neighbour now."),
    ("pl", "", "pl-PL", "Już łączymy Cię z osobą, której pomagasz."),
    ("de", "Albert", "en-GB", "Connecting you to Albert now."),  # no German: English
])
def test_the_bridge_greets_in_the_volunteers_language_even_without_the_residents_name(
        language, name, voice, words):
    twiml = bridge_twiml(HUB_NUMBER, ALBERT, name, "https://hub.example/status?call=1", language)
    [say, _] = ElementTree.fromstring(twiml)
    assert (say.get("language"), say.text) == (voice, words)


async def test_a_forged_voice_result_is_refused(voice_hub):
    response = await voice_hub.client.post(f"{voice_hub.url}/twilio/voice/status?call=1",
                                           data={"DialCallStatus": "completed"})
    assert response.status_code == 403
