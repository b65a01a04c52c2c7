"""Residents who ring the hub's number: put through to a coordinators' line, or a call back."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from sqlalchemy import select

from bot.services.people.coordinators import add_coordinator
from doubles.harness import running_hub
from models import ContactIdentity, InboundMessage, Person
from test_offers import ask_for_help, waiting_for

ALBERT, CAROL = "+447700900801", "+447700900802"
LINE = "+441375652802"  # the coordinators' office phone


def with_carol(hub) -> None:
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", CAROL, "Carol", hub.clock())


def speaks_polish(hub, phone: str) -> None:
    with hub.session_factory.begin() as session:
        session.scalars(select(Person).join(ContactIdentity).where(
            ContactIdentity.address == phone)).one().language = "pl"


def spoken(answer) -> list[tuple[str, str]]:
    """(voice, words) of each <Say> in a TwiML answer."""
    return [(verb.get("language"), verb.text) for verb in ElementTree.fromstring(answer.text)
            if verb.tag == "Say"]


def calls_kept(hub) -> list[tuple[int, str]]:
    with hub.session_factory() as session:
        return session.execute(select(InboundMessage.person_id, InboundMessage.body).where(
            InboundMessage.channel == "voice")).all()


async def test_with_no_line_the_caller_is_told_and_coordinators_asked_to_ring_back_once(
        settings, clock):
    async with running_hub(settings, clock, telegram=False) as running:
        hub = running.hub
        with_carol(hub)
        reference = ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert",
                                 "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
        answer = await running.twilio.ring_hub(running.client, running.url, ALBERT, "CA1")
        assert answer.status_code == 200 and "<Say" in answer.text
        assert "Thank you for calling Thurrock Community Hub" in answer.text
        assert "ring you back" in answer.text and "<Dial" not in answer.text
        again = await running.twilio.ring_hub(running.client, running.url, ALBERT, "CA1")
        assert again.status_code == 200  # Twilio retried: nothing new
        alerts = [body for body in waiting_for(hub, CAROL) if body.startswith("CALL BACK")]
        assert alerts == [f"CALL BACK: Albert ({ALBERT}) rang the hub at 10:00 and nobody "
                          f"could answer. Open: {reference}. Please ring them back."]
        assert [body for _, body in calls_kept(hub)] == ["(rang the hub)"]


async def test_a_call_is_put_through_and_only_an_unanswered_one_asks_for_a_call_back(
        settings, clock):
    async with running_hub(settings.with_changes(calls_forward_to="01375 652802"), clock,
                           telegram=False) as running:
        hub = running.hub
        with_carol(hub)
        answer = await running.twilio.ring_hub(running.client, running.url, ALBERT, "CA2")
        assert f"<Number>{LINE}</Number>" in answer.text and "Putting you through" in answer.text
        done = await running.twilio.finish_forwarding(running.client, answer.text, ALBERT,
                                                      "CA2", "completed")
        assert [verb.tag for verb in ElementTree.fromstring(done.text)] == ["Hangup"]
        assert not any(b.startswith("CALL BACK") for b in waiting_for(hub, CAROL))
        answer = await running.twilio.ring_hub(running.client, running.url, ALBERT, "CA3")
        missed = await running.twilio.finish_forwarding(running.client, answer.text, ALBERT,
                                                        "CA3", "no-answer")
        assert "nobody could answer" in missed.text and "ring you back" in missed.text
        alerts = [b for b in waiting_for(hub, CAROL) if b.startswith("CALL BACK")]
        assert len(alerts) == 1 and "someone (+447700900801)" in alerts[0]
        assert len(calls_kept(hub)) == 2  # both calls in the caller's history


@pytest.mark.parametrize("caller", ["anonymous", "+266696687", "+86282452253"])
async def test_a_withheld_number_is_asked_to_text_and_nothing_is_kept(settings, clock, caller):
    async with running_hub(settings, clock, telegram=False) as running:
        with_carol(running.hub)
        answer = await running.twilio.ring_hub(running.client, running.url, caller, "CA4")
        assert spoken(answer) == [("en-GB", (
            "Thank you for calling Thurrock Community Hub. We can't see your number, so we can't "
            "ring you back. Please send a text message to this number, or call again without "
            "hiding your number. Goodbye."))]
        assert calls_kept(running.hub) == []
        assert not waiting_for(running.hub, CAROL)


async def test_a_caller_the_hub_knows_speaks_polish_hears_polish(settings, clock):
    async with running_hub(settings, clock, telegram=False) as running:
        hub = running.hub
        with_carol(hub)
        ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                     "12 Orsett Road", "tomorrow", "yes")
        speaks_polish(hub, ALBERT)
        answer = await running.twilio.ring_hub(running.client, running.url, ALBERT, "CA7")
        assert spoken(answer) == [("pl-PL", (
            "Tu Thurrock Community Hub, dziękujemy za telefon. Ktoś z naszych koordynatorów "
            "wkrótce oddzwoni na ten numer. Możesz też wysłać nam SMS i napisać, jakiej pomocy "
            "potrzebujesz. Do widzenia."))]


async def test_a_polish_caller_is_put_through_and_told_in_polish_when_nobody_answers(
        settings, clock):
    async with running_hub(settings.with_changes(calls_forward_to="01375 652802"), clock,
                           telegram=False) as running:
        hub = running.hub
        with_carol(hub)
        await running.twilio.ring_hub(running.client, running.url, ALBERT, "CA8")  # now known
        speaks_polish(hub, ALBERT)
        answer = await running.twilio.ring_hub(running.client, running.url, ALBERT, "CA9")
        assert spoken(answer) == [
            ("pl-PL", "Tu Thurrock Community Hub, dziękujemy za telefon. Zaraz Cię połączymy.")]
        missed = await running.twilio.finish_forwarding(running.client, answer.text, ALBERT,
                                                        "CA9", "busy")
        [(voice, words)] = spoken(missed)
        assert voice == "pl-PL"
        assert words.startswith("Przepraszamy, nikt nie mógł teraz odebrać. Ktoś z naszych")


async def test_a_forged_call_is_refused(settings, clock):
    async with running_hub(settings, clock, telegram=False) as running:
        response = await running.client.post(f"{running.url}/twilio/voice/incoming",
                                             data={"From": ALBERT, "CallSid": "CA5"})
        assert response.status_code == 403 and calls_kept(running.hub) == []


@pytest.mark.parametrize("sid", ["CA" + "0" * 198, "CA\x00"])
async def test_a_call_id_the_hub_cannot_keep_is_refused_for_good(settings, clock, sid):
    async with running_hub(settings, clock, telegram=False) as running:
        answer = await running.twilio.ring_hub(running.client, running.url, ALBERT, sid)
        assert answer.status_code == 400 and calls_kept(running.hub) == []


async def test_the_hubs_name_is_spoken_as_written_even_with_an_ampersand(settings, clock):
    async with running_hub(settings.with_changes(hub_name="Grays & Tilbury <Help>"), clock,
                           telegram=False) as running:
        with_carol(running.hub)
        answer = await running.twilio.ring_hub(running.client, running.url, ALBERT, "CA6")
    [say] = ElementTree.fromstring(answer.text)
    assert (say.tag, say.get("language")) == ("Say", "en-GB")
    assert say.text.startswith("Thank you for calling Grays & Tilbury <Help>. A coordinator")
