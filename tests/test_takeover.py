"""Talking through the hub: TEXT as the hub, TAKE a conversation, "> message", RELEASE."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from bot.dialogue import takeover
from bot.services.running.conversations import IncomingMessage
from bot.services.people.coordinators import add_coordinator
from bot.services.running.opt_out import SmsKeywords
from bot.services.running.scheduler import run_due_work
from models import AuditEvent, Concern, ContactIdentity, ConversationState
from test_offers import add_volunteer, ask_for_help, say, waiting_for

CAROL = "+447700900601"  # the `carol` fixture (conftest.py)
ALBERT = "+447700900602"
stop_ids = itertools.count(1)


def alberts_shopping(hub) -> str:
    return ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                        "12 Orsett Road", "tomorrow", "yes")


def answer(hub, phone, text) -> str:
    return "\n".join(reply.body for reply in say(hub, phone, text).replies)


def conversation_of(hub, phone) -> ConversationState:
    with hub.session_factory() as session:
        person_id = session.scalar(select(ContactIdentity.person_id).where(
            ContactIdentity.address == phone))
        return session.get(ConversationState, person_id)


def events(hub, action) -> list[AuditEvent]:
    with hub.session_factory() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                                    .order_by(AuditEvent.id)))


def sms_stop(hub, phone):
    """STOP through the SMS channel's keyword screen, as the Twilio webhook sends it."""
    keywords = SmsKeywords(hub.settings.hub_name, "", hub.clock, hub.offers)
    return hub.conversations.receive(IncomingMessage(
        channel="sms", identity_kind="phone", address=phone,
        channel_message_id=f"SMSTOP{next(stop_ids)}", text="STOP", received_at=hub.clock(),
        replies_inline=True), keywords.screen_for(None))


def test_text_sends_the_coordinators_words_as_the_hub_audited_and_in_show(hub, carol):
    reference = alberts_shopping(hub)
    reply = answer(hub, carol, f"TEXT {reference} Your shopping will come tomorrow, thanks")
    assert "Sent to Albert" in reply
    assert waiting_for(hub, ALBERT)[-1] == (
        "Thurrock Community Hub: Your shopping will come tomorrow, thanks")
    [event] = events(hub, "hub.texted")
    assert event.subject == reference and event.detail["text"].endswith("tomorrow, thanks")
    shown = answer(hub, carol, f"SHOW {reference}")
    assert ("Carol texted the resident through the hub at 10:00: Your shopping will come "
            "tomorrow, thanks") in shown


def test_text_reaches_the_volunteer_or_a_phone_number(hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    reference = alberts_shopping(hub)
    assert "Nobody to reach" in answer(hub, carol, f"TEXT VOLUNTEER {reference} hello")
    say(hub, julia, "YES")
    assert "Sent to Julia" in answer(hub, carol, f"TEXT VOLUNTEER {reference} Ring first please")
    assert waiting_for(hub, julia)[-1].endswith(": Ring first please")
    assert "Sent to Albert" in answer(hub, carol, "TEXT 07700 900602 Julia will ring you")
    assert waiting_for(hub, ALBERT)[-1].endswith(": Julia will ring you")
    assert "What should the message say?" in answer(hub, carol, f"TEXT {reference}")
    assert "Whom?" in answer(hub, carol, "TEXT hello there")


def test_take_forwards_what_they_write_and_the_coordinator_answers_with_a_prefix(hub, carol):
    reference = alberts_shopping(hub)
    reply = answer(hub, carol, f"TAKE {reference}")
    assert "You now hold the conversation with Albert" in reply and "> and your words" in reply
    assert "Carol from Thurrock Community Hub is reading your messages now" in waiting_for(
        hub, ALBERT)[-1]
    assert conversation_of(hub, ALBERT).flow == takeover.FLOW
    assert answer(hub, ALBERT, "what time will she come?") == ""  # the hub stays quiet
    assert waiting_for(hub, CAROL)[-1] == f"FROM Albert ({reference}): what time will she come?"
    assert "Sent to Albert" in answer(hub, carol, "> About 11, she'll ring the bell twice")
    assert waiting_for(hub, ALBERT)[-1].endswith(": About 11, she'll ring the bell twice")
    assert "Released" in answer(hub, carol, "RELEASE")
    assert "answering your messages itself again" in waiting_for(hub, ALBERT)[-1]
    assert reference in answer(hub, ALBERT, "status")  # the hub answers again
    shown = answer(hub, carol, f"SHOW {reference}")
    assert "Carol took over the conversation with the resident at 10:00" in shown
    assert "Conversation with the resident back with the hub at 10:00" in shown


def test_danger_while_held_still_gives_the_advice_and_raises_the_urgent_concern(hub, carol):
    reference = alberts_shopping(hub)
    answer(hub, carol, f"TAKE {reference}")
    reply = answer(hub, ALBERT, "I've had a fall and I can't get up")
    assert "999" in reply
    with hub.session_factory() as session:
        [concern] = session.scalars(select(Concern)).all()
        assert concern.urgent
    told = waiting_for(hub, CAROL)
    assert any(body.startswith("URGENT") for body in told)
    assert any(body.startswith(f"FROM Albert ({reference}), DANGER WORDS") for body in told)
    assert conversation_of(hub, ALBERT).flow == takeover.FLOW  # still in Carol's hands


def test_stop_while_held_still_opts_out_and_releases_the_conversation(hub, carol):
    reference = alberts_shopping(hub)
    answer(hub, carol, f"TAKE {reference}")
    sms_stop(hub, ALBERT)
    with hub.session_factory() as session:
        identity = session.scalar(select(ContactIdentity).where(
            ContactIdentity.address == ALBERT))
        assert identity.opted_out_at is not None
    told = waiting_for(hub, CAROL)
    assert f"FROM Albert ({reference}): STOP" in told
    assert "Albert (" in told[-1] and "sent STOP" in told[-1]
    assert conversation_of(hub, ALBERT).flow != takeover.FLOW
    assert "can't be texted now" in answer(hub, carol, f"TEXT {reference} hello?")


def test_a_hold_runs_out_after_the_takeover_time_and_the_hub_answers_again(hub, carol, clock):
    reference = alberts_shopping(hub)
    answer(hub, carol, f"TAKE {reference}")
    clock.advance(minutes=45)
    answer(hub, carol, "> Still there?")  # her word keeps it another hour
    clock.advance(minutes=45)
    assert answer(hub, ALBERT, "yes I am") == ""
    clock.advance(minutes=16)
    reply = answer(hub, ALBERT, "status")
    assert "answering your messages itself again" in reply and reference in reply
    assert "went back to the hub" in waiting_for(hub, CAROL)[-1]
    assert conversation_of(hub, ALBERT).flow != takeover.FLOW
    [released] = events(hub, "conversation.released")
    assert released.detail["reason"] == "timeout"


def test_the_scheduler_hands_back_a_hold_that_ran_out_and_tells_both(hub, carol, clock):
    reference = alberts_shopping(hub)
    answer(hub, carol, f"TAKE {reference}")
    clock.advance(minutes=59)
    assert run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(),
                        takeovers=hub.admin) == 0
    clock.advance(minutes=2)
    assert run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(),
                        takeovers=hub.admin) == 1
    assert "answering your messages itself again" in waiting_for(hub, ALBERT)[-1]
    assert f"The conversation with Albert ({reference}) went back to the hub" in waiting_for(
        hub, CAROL)[-1]
    assert conversation_of(hub, ALBERT).flow != takeover.FLOW
    assert reference in answer(hub, ALBERT, "status")


def test_a_coordinators_next_command_hands_back_holds_that_ran_out(hub, carol, clock):
    reference = alberts_shopping(hub)
    answer(hub, carol, f"TAKE {reference}")
    clock.advance(minutes=61)
    assert "You hold no conversation" in answer(hub, carol, "> are you there?")
    assert "answering your messages itself again" in waiting_for(hub, ALBERT)[-1]
    assert conversation_of(hub, ALBERT).flow != takeover.FLOW


def test_one_coordinators_hold_is_not_taken_by_another_and_release_names_whom(hub, carol):
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", "+447700900611", "Dev", hub.clock())
    reference = alberts_shopping(hub)
    other = ask_for_help(hub, "+447700900605", "can someone get my shopping? I'm Rose",
                         "RM17 6SL", "3 Orsett Road", "tomorrow", "yes")
    answer(hub, carol, f"TAKE {reference}")
    assert "Carol holds the conversation with Albert" in answer(hub, "+447700900611", f"TAKE {reference}")
    assert "You already hold" in answer(hub, carol, f"TAKE {reference}")
    answer(hub, carol, f"TAKE {other}")
    assert "You hold several conversations" in answer(hub, carol, "> hello")
    assert "You hold several conversations" in answer(hub, carol, "RELEASE")
    assert "Released" in answer(hub, carol, f"RELEASE {other}")
    assert "Sent to Albert" in answer(hub, carol, "> hello")
    assert "don't hold" in answer(hub, "+447700900611", f"RELEASE {reference}")


@pytest.mark.parametrize("text", ["take my dog out please", "text me when she's coming",
                                  "> hello"])
def test_the_words_are_no_command_for_anyone_but_a_coordinator(hub, text):
    reference = alberts_shopping(hub)
    body = answer(hub, "+447700900603", text)
    assert "Sent to" not in body and "You hold" not in body
    assert not events(hub, "hub.texted") and not events(hub, "conversation.taken")
    assert reference


# The dashboard's request page: the conversation and a reply box.

async def test_the_request_page_shows_the_conversation_and_its_box_writes_as_the_hub(hub,
                                                                                       carol):
    import html

    from test_dashboard import client_for, sign_in

    reference = alberts_shopping(hub)
    answer(hub, carol, f"TAKE {reference}")
    say(hub, ALBERT, "is it <b>tomorrow</b>?")
    async with client_for(hub) as client:
        csrf = await sign_in(client, hub, CAROL)
        page = (await client.get(f"/dashboard/requests/{reference}")).text
        assert "Conversation with Albert" in page and "Carol holds this conversation" in page
        assert "is it &lt;b&gt;tomorrow&lt;/b&gt;?" in page  # what he wrote, escaped
        assert "reading your messages now" in html.unescape(page)  # what the hub sent him
        assert f'action="/dashboard/requests/{reference}/text"' in page
        refused = await client.post(f"/dashboard/requests/{reference}/text",
                                    data={"text": "hello"})
        assert refused.status_code == 403  # no CSRF token: nothing sent
        done = await client.post(f"/dashboard/requests/{reference}/text",
                                 data={"csrf": csrf, "text": "Yes, tomorrow  morning"},
                                 follow_redirects=True)
        assert "Sent to Albert" in html.unescape(done.text)
        assert "Yes, tomorrow morning" in done.text  # shown in the conversation now
    assert waiting_for(hub, ALBERT)[-1].endswith(": Yes, tomorrow morning")
    [texted] = events(hub, "hub.texted")
    assert texted.subject == reference
    assert [e.channel for e in events(hub, "admin.text")] == ["dashboard"]


def test_someone_who_never_wrote_can_be_taken_by_number_and_their_words_come_through(hub,
                                                                                      carol):
    ian = add_volunteer(hub, "Ian", "RM16 2XU")  # added by a coordinator: no conversation yet
    assert conversation_of(hub, ian) is None
    assert "You now hold the conversation with Ian" in answer(hub, carol, f"TAKE {ian}")
    assert answer(hub, ian, "YES") == ""  # words for Carol, not an answer to an offer
    assert waiting_for(hub, CAROL)[-1] == f"FROM Ian ({ian}): YES"
    assert "Released" in answer(hub, carol, f"RELEASE {ian}")
    assert conversation_of(hub, ian).flow == "idle"


def test_the_dialogue_alone_gives_danger_advice_and_forwards_while_held():
    from datetime import UTC, datetime

    from bot.dialogue import engine
    from bot.dialogue.types import FlagDanger, Inbound, PersonContext, State

    now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    held = takeover.held_state(7, "R-7Q4K", now.replace(hour=11),
                               State("resident", "postcode", {"category": "shopping"}))
    person = PersonContext(first_name="Albert", roles=frozenset({"resident"}),
                           hub_name="Thurrock Community Hub")
    state, replies, effects = engine.step(held, Inbound("I've fallen and can't get up",
                                                        "sms", now, person))
    assert state == held and "999" in replies[0].text
    assert any(isinstance(effect, FlagDanger) for effect in effects)
    assert takeover.ForwardToCoordinator("I've fallen and can't get up", 7, "R-7Q4K",
                                         True) in effects
    state, replies, effects = engine.step(held, Inbound("12 Orsett Road", "sms",
                                                        now.replace(hour=12), person))
    assert "answering your messages itself again" in replies[0].text
    assert takeover.HandBack(7, "R-7Q4K") in effects and state.flow == "resident"


def test_messages_written_at_one_moment_are_shown_in_the_order_they_were_written(hub, clock):
    """A turn's replies (or the news of a pause, a resume and an end) share a timestamp."""
    from bot.services.safeguarding.takeover import recent_messages
    from models import OutboundMessage, OutboundStatus, Person

    with hub.session_factory.begin() as session:
        person = Person(first_name="Joan")
        session.add(person)
        session.flush()
        for body in ("paused", "starts again", "ended"):
            session.add(OutboundMessage(person_id=person.id, channel="console", address="joan",
                                        body=body, choices=[], status=OutboundStatus.PENDING,
                                        next_attempt_at=clock(), created_at=clock()))
        session.flush()
        shown = [message.body for message in recent_messages(session, person.id)]
    assert shown == ["paused", "starts again", "ended"]
