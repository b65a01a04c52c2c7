"""Receiving messages: one transaction each, stored, idempotent, resumable."""

import threading

import pytest
from sqlalchemy import func, select

from bot.app import build_hub
from bot.services.running.conversations import IncomingMessage
from fakes import FakePostcodeLocator
from models import (
    AuditEvent,
    ConversationState,
    HelpRequest,
    InboundMessage,
    OutboundMessage,
    Person,
    VolunteerProfile,
)

PHONE = "+447700900123"


def message(hub, text, message_id, phone=PHONE, channel="sms"):
    return hub.conversations.receive(IncomingMessage(
        channel=channel, identity_kind="phone", address=phone,
        channel_message_id=message_id, text=text, received_at=hub.clock(),
    ))


def count(hub, model):
    with hub.session_factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_whole_request_is_stored_with_its_reference_and_consent(hub):
    for number, text in enumerate(["can someone get my shopping? I'm Albert, rm17 6sl",
                                   "12 Orsett Road", "tomorrow", "yes"]):
        handled = message(hub, text, f"SM{number}")
    assert "R-" in handled.replies[0].body
    with hub.session_factory() as session:
        request = session.scalars(select(HelpRequest)).one()
        assert request.status == "new"
        assert request.category == "shopping"
        assert request.consent_given and request.consent_at is not None
        assert request.reference in handled.replies[0].body
        assert request.resident.first_name == "Albert"
        assert session.scalar(select(func.count()).select_from(InboundMessage)) == 4
        # One reply to each message, and after the last one the question how they'll pay.
        assert session.scalar(select(func.count()).select_from(OutboundMessage)) == 5
        # No volunteers exist yet, so matching finds nobody and says so.
        assert session.scalars(select(AuditEvent.action)).all() == [
            "request.created", "request.unmatched"]


def test_a_message_delivered_twice_is_handled_once_and_gets_the_same_reply(hub):
    first = message(hub, "shopping please", "SM-dup")
    again = message(hub, "shopping please", "SM-dup")
    assert again.duplicate and not first.duplicate
    assert [r.body for r in again.replies] == [r.body for r in first.replies]
    assert count(hub, InboundMessage) == 1
    assert count(hub, OutboundMessage) == 1


def test_the_same_message_id_on_another_channel_is_a_different_message(hub):
    message(hub, "shopping please", "42", channel="sms")
    message(hub, "hello", "42", channel="telegram", phone="+447700900999")
    assert count(hub, InboundMessage) == 2


def test_a_closed_hub_refuses_to_open_a_connection_it_could_never_close(hub):
    message(hub, "hello", "SM1")
    hub.close()
    with pytest.raises(RuntimeError, match="this hub is closed"):
        message(hub, "hello again", "SM2")


def test_a_session_still_open_when_the_hub_closes_has_its_connection_closed_when_it_ends(hub):
    session = hub.session_factory()
    session.scalar(select(func.count()).select_from(Person))  # holds a connection from the pool
    connection = session.connection().connection.dbapi_connection
    hub.close()
    session.close()  # or the garbage collector's: either hands it back to the discarded pool
    with pytest.raises(hub.engine.dialect.loaded_dbapi.Error, match="closed"):
        connection.cursor()


def test_a_restart_resumes_the_conversation_where_it_stood(hub, settings, clock):
    message(hub, "shopping please, I'm Albert", "SM1")
    hub.close()
    restarted = build_hub(settings, clock=clock, locate_postcode=FakePostcodeLocator())
    try:
        handled = message(restarted, "RM17 6SL", "SM2")
        assert "house number" in handled.replies[0].body
    finally:
        restarted.close()


def test_a_duplicate_arriving_at_the_same_time_is_still_handled_once(hub):
    results = []

    def deliver():
        results.append(message(hub, "shopping please, I'm Albert", "SM-race"))

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert sum(not r.duplicate for r in results) == 1
    assert count(hub, InboundMessage) == 1
    assert count(hub, Person) == 1
    assert count(hub, ConversationState) == 1


def test_a_volunteer_sign_up_is_stored_pending_checks(hub):
    for number, text in enumerate(["I'd like to volunteer", "Ian", "RM17 6SL", "2 miles",
                                   "1 3", "weekday evenings", "skip", "67",
                                   "I cared for my mum who had dementia", "yes"]):
        message(hub, text, f"V{number}")
    with hub.session_factory() as session:
        profile = session.scalars(select(VolunteerProfile)).one()
        assert profile.vetting_status == "pending"
        assert profile.skills == ["shopping", "befriending"]
        assert profile.person.first_name == "Ian"
        assert profile.person.has_role("volunteer")
    message(hub, "pause", "V-p")
    with hub.session_factory() as session:
        assert session.scalars(select(VolunteerProfile)).one().paused


def test_cancelling_a_stored_request_moves_it_to_cancelled_with_its_time(hub, clock):
    for number, text in enumerate(["I need my dog walked today, I'm Lydia, RM16 2XU", "3 Castle Road",
                                   "yes"]):
        message(hub, text, f"L{number}")
    with hub.session_factory() as session:
        reference = session.scalars(select(HelpRequest.reference)).one()
    clock.advance(minutes=5)
    assert "Cancel" in message(hub, f"cancel {reference}", "L3").replies[0].body
    assert "cancelled" in message(hub, "yes", "L4").replies[0].body
    with hub.session_factory() as session:
        request = session.scalars(select(HelpRequest)).one()
        assert request.status == "cancelled"
        assert request.cancelled_at == clock.now
    assert "no open requests" in message(hub, "status", "L5").replies[0].body


# Every channel's text is cleaned in one place; what cannot be cleaned is refused for good.

@pytest.mark.parametrize("sent, kept", [
    ("hello\x00", "hello"),
    ("two\r\nlines\rand a\ttab", "two\nlines\nand a\ttab"),
    ("bell\x07 escape\x1b[0m del\x7f c1\x85 surrogate\ud800", "bell escape[0m del c1 surrogate"),
    ("Środa 🙂 café", "Środa 🙂 café"),
])
def test_text_loses_only_what_no_database_can_keep(sent, kept):
    assert IncomingMessage("console", "console", "carol", "console-1", sent,
                           None).text == kept


@pytest.mark.parametrize("address, message_id", [
    ("+" + "4" * 64, "SM1"), ("", "SM1"), ("carol\x00", "SM1"),
    (PHONE, "SM" + "0" * 63), (PHONE, ""), (PHONE, "SM\x001"), (PHONE, "SM\n1"),
])
def test_an_address_or_id_the_hub_cannot_keep_is_refused_for_good(address, message_id):
    from bot.services.running.conversations import UnusableMessage

    with pytest.raises(UnusableMessage):
        IncomingMessage("sms", "phone", address, message_id, "hello", None)


def test_a_message_with_control_characters_is_stored_cleaned_and_answered(hub):
    handled = message(hub, "can someone get my shopping?\x00", "SM-nul")
    assert handled.replies
    with hub.session_factory() as session:
        assert session.scalars(select(InboundMessage.body)).all() == [
            "can someone get my shopping?"]
