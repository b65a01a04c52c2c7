"""The SMS channel through the real twilio library, against the Twilio double on loopback."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from twilio.twiml.messaging_response import MessagingResponse

from bot.app import build_hub
from bot.channels.server import NeighbourlyServer
from bot.channels.sms import twiml
from bot.services.people.coordinators import add_coordinator
from bot.services.running.opt_out import SmsKeyword, sms_keyword
from bot.services.sending.outbox import queue_message
from bot.services.shared.unit_of_work import UnitOfWork
from doubles.harness import channel_settings, running_hub
from doubles.twilio_api import FakeTwilio, signature
from fakes import FakePostcodeLocator
from models import (
    ContactIdentity,
    HelpRequest,
    InboundMessage,
    OutboundMessage,
    OutboundStatus,
    Person,
    RequestStatus,
)
from test_offers import add_volunteer, waiting_for

ALBERT = "+447700900123"


def messages_in(twiml: str) -> list[str]:
    return re.findall(r"<Message>(.*?)</Message>", twiml, flags=re.S)


def count(hub, model) -> int:
    with hub.session_factory() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
async def served(settings, clock):
    async with running_hub(settings, clock, telegram=False) as running:
        yield running


async def test_a_resident_asks_for_shopping_by_text_from_first_message_to_reference(served):
    conversation = ["can someone get my shopping? I'm Albert, rm17 6sl", "12 Orsett Road",
                    "tomorrow", "yes"]
    answers = []
    for number, text in enumerate(conversation):
        response = await served.text(ALBERT, text, f"SM{number:032d}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/xml")
        answers.append(messages_in(response.text))
    assert "house number and street" in answers[0][-1]
    assert "Reply YES or NO" in answers[2][-1]  # consent, with its choices as words
    assert re.search(r"Your request R-\w+ is saved", answers[3][0])
    with UnitOfWork(served.hub.session_factory) as uow:
        request = uow.session.scalars(select(HelpRequest)).one()
        assert (request.category, request.postcode, request.channel) == ("shopping", "RM17 6SL",
                                                                         "sms")
        # Replies went back as TwiML: stored as sent, never for the outbox worker.
        statuses = uow.session.scalars(select(OutboundMessage.status)).all()
        assert set(statuses) == {OutboundStatus.SENT}
    assert served.twilio.messages == []


async def test_a_repeated_webhook_gets_the_same_twiml_and_changes_nothing(served):
    first = await served.text(ALBERT, "shopping please", "SM-retry")
    again = await served.text(ALBERT, "shopping please", "SM-retry")
    assert again.status_code == 200
    assert again.text == first.text
    assert messages_in(first.text)
    assert count(served.hub, InboundMessage) == 1
    assert count(served.hub, OutboundMessage) == len(messages_in(first.text))


@pytest.mark.parametrize("headers", [{}, {"X-Twilio-Signature": "forged"}])
async def test_a_webhook_without_a_true_signature_is_refused_and_nothing_is_stored(served,
                                                                                 headers):
    params = {"MessageSid": "SM-forged", "From": ALBERT, "To": "+447700900001",
              "Body": "STOP"}
    response = await served.client.post(f"{served.url}/twilio/sms", data=params,
                                        headers=headers)
    assert response.status_code == 403
    assert count(served.hub, InboundMessage) == 0
    assert count(served.hub, Person) == 0


async def test_a_signature_for_other_words_is_refused(served):
    signed = {"MessageSid": "SM-x", "From": ALBERT, "To": "+447700900001", "Body": "hello"}
    sent = dict(signed, Body="STOP")
    url = f"{served.url}/twilio/sms"
    response = await served.client.post(url, data=sent,
                                        headers={"X-Twilio-Signature": signature(url, signed)})
    assert response.status_code == 403
    assert count(served.hub, InboundMessage) == 0


async def test_a_signed_webhook_missing_the_sender_is_a_bad_request(served):
    params = {"MessageSid": "SM-nofrom", "Body": "hello"}
    url = f"{served.url}/twilio/sms"
    response = await served.client.post(url, data=params,
                                        headers={"X-Twilio-Signature": signature(url, params)})
    assert response.status_code == 400
    assert count(served.hub, InboundMessage) == 0


async def test_stop_confirms_once_then_silence_until_start(served):
    stopped = messages_in((await served.text(ALBERT, "Stop", "SM1")).text)
    assert len(stopped) == 1 and "won't get any more texts" in stopped[0]
    assert messages_in((await served.text(ALBERT, "shopping please", "SM2")).text) == []
    assert messages_in((await served.text(ALBERT, "HELP", "SM3")).text) == []
    assert messages_in((await served.text(ALBERT, "STOP", "SM4")).text) == []
    started = messages_in((await served.text(ALBERT, "START", "SM5")).text)
    assert len(started) == 1 and "Welcome back" in started[0]
    assert messages_in((await served.text(ALBERT, "shopping please", "SM6")).text)
    with served.hub.session_factory() as session:
        assert session.scalars(select(ContactIdentity.opted_out_at)).one() is None


async def test_stop_recognised_by_twilio_is_recorded_without_a_second_confirmation(served):
    response = await served.text(ALBERT, "stop please", "SM1", OptOutType="STOP")
    assert messages_in(response.text) == []
    with served.hub.session_factory() as session:
        assert session.scalars(select(ContactIdentity.opted_out_at)).one() is not None


async def test_help_names_the_hub_and_how_to_reach_a_person(served):
    reply = messages_in((await served.text(ALBERT, "help", "SM1")).text)
    assert len(reply) == 1
    assert "Thurrock Community Hub" in reply[0]
    assert "call 01375 652 802" in reply[0]


async def text_then_queue(served, body: str):
    """Albert texts the hub, then the hub has something to tell him: its outbox row."""
    await served.text(ALBERT, "hello", "SM1")
    with UnitOfWork(served.hub.session_factory) as uow:
        albert = uow.session.scalars(select(Person)).one()
        row = queue_message(uow.session, albert, body, served.hub.clock(), frozenset({"sms"}))
        uow.commit()
    return row


def fail_once(monkeypatch, statement) -> None:
    """The database fails while `statement` runs, the first time only."""
    real_rows = statement.rows
    calls = []

    def rows(session, params):
        calls.append(params)
        if len(calls) == 1:
            raise OperationalError("INSERT", None, Exception("database is locked"))
        return real_rows(session, params)

    monkeypatch.setattr(statement, "rows", rows)


async def test_a_database_failure_mid_message_keeps_nothing_and_twilios_retry_is_answered(
        served, monkeypatch):
    from bot.services.running.conversations import INSERT_OUTBOUND

    # The message is already written when its reply cannot be: all of it goes.
    fail_once(monkeypatch, INSERT_OUTBOUND)
    failed = await served.text(ALBERT, "can someone get my shopping?", "SM1")
    assert failed.status_code == 503
    assert (count(served.hub, InboundMessage), count(served.hub, Person)) == (0, 0)
    retried = await served.text(ALBERT, "can someone get my shopping?", "SM1")
    assert retried.status_code == 200 and messages_in(retried.text)
    assert count(served.hub, InboundMessage) == 1
    assert count(served.hub, OutboundMessage) == len(messages_in(retried.text))


async def test_keyword_answers_come_in_the_language_the_person_chose(served):
    await served.text(ALBERT, "JEZYK PL", "SM1")
    [help_text] = messages_in((await served.text(ALBERT, "HELP", "SM2")).text)
    assert help_text.startswith("Tu Thurrock Community Hub.")
    assert help_text.endswith("Rozmowa z człowiekiem: call 01375 652 802.")
    [stopped] = messages_in((await served.text(ALBERT, "STOP", "SM3")).text)
    assert stopped.startswith("Nie dostaniesz już SMS-ów od Thurrock Community Hub.")
    [started] = messages_in((await served.text(ALBERT, "START", "SM4")).text)
    assert started.startswith("Witaj ponownie w Thurrock Community Hub")


async def test_cancel_alone_opts_out_but_cancel_request_reaches_the_dialogue(served):
    for number, text in enumerate(["shopping tomorrow, I'm Albert, RM17 6SL", "12 Orsett Road",
                                   "yes"]):
        await served.text(ALBERT, text, f"SM{number}")
    cancel = messages_in((await served.text(ALBERT, "CANCEL REQUEST", "SM10")).text)
    assert any("Cancel R-" in text for text in cancel)
    assert messages_in((await served.text(ALBERT, "yes", "SM11")).text)[0].startswith("Done")
    stopped = messages_in((await served.text(ALBERT, "CANCEL", "SM12")).text)
    assert "won't get any more texts" in stopped[0]


def test_keywords_are_whole_messages_in_any_case():
    assert sms_keyword(" stop ") is SmsKeyword.STOP
    assert sms_keyword("Unsubscribe.") is SmsKeyword.STOP
    assert sms_keyword("unstop") is SmsKeyword.START
    assert sms_keyword("INFO") is SmsKeyword.HELP
    assert sms_keyword("please stop the shopping") is None
    assert sms_keyword("cancel request") is None
    assert sms_keyword("anything", opt_out_type="START") is SmsKeyword.START


@pytest.mark.parametrize("texts", [
    [], [""], ["Thanks, Albert."],
    ['Fish & chips <b>"today"</b>, 5 > 4', "Dziękuję, Zofia ☺ — jutro o 14:00\nR-K2H5"],
])
def test_an_answer_is_the_document_twilio_writes_for_the_same_texts(texts):
    # twiml() writes the TwiML itself rather than through str(): the same bytes must come out.
    response = MessagingResponse()
    for text in texts:
        response.message(text)
    assert twiml(texts) == str(response)


async def test_a_proactive_text_is_sent_by_rest_and_its_delivery_recorded(served):
    row = await text_then_queue(served, "Good news: Ian will help.")
    served.server.worker.wake()
    created = await wait_for(lambda: served.twilio.to(ALBERT))
    assert created[0].body == "Good news: Ian will help."
    assert created[0].status_callback == f"{served.url}/twilio/sms/status?outbox={row.id}"
    response = await served.twilio.report_status(served.client, created[0], "delivered")
    assert response.status_code == 200
    with served.hub.session_factory() as session:
        stored = session.get(OutboundMessage, row.id)
        assert stored.status == OutboundStatus.DELIVERED
        assert stored.channel_message_id == created[0].sid


@pytest.mark.parametrize("status, error_code, final", [
    ("delivered", None, OutboundStatus.DELIVERED),
    ("undelivered", 30006, OutboundStatus.UNDELIVERABLE),
])
async def test_a_delivery_report_that_beats_the_workers_own_record_of_the_send_is_kept(
        served, status, error_code, final):
    worker = served.server.worker
    record_sent, held = worker._record_sent, []
    # The worker has sent the text but not yet stored Twilio's id for it (its
    # transaction waits behind others) when Twilio's report arrives.
    worker._record_sent = lambda message, sent: held.append((message, sent))
    row = await text_then_queue(served, "Good news: Ian will help.")
    worker.wake()
    [created] = await wait_for(lambda: served.twilio.to(ALBERT))
    await wait_for(lambda: held)
    assert (await served.twilio.report_status(served.client, created, "sent")).status_code == 200
    answer = await served.twilio.report_status(served.client, created, status, error_code)
    assert answer.status_code == 200
    await asyncio.to_thread(record_sent, *held[0])  # the worker's record, late: changes nothing
    with served.hub.session_factory() as session:
        stored = session.get(OutboundMessage, row.id)
        assert (stored.status, stored.channel_message_id, stored.attempts) == (
            final, created.sid, 1)
        opted_out = session.scalars(select(ContactIdentity.opted_out_at)).one()
    assert (opted_out is not None) == (final == OutboundStatus.UNDELIVERABLE)
    await asyncio.sleep(0.2)
    assert len(served.twilio.to(ALBERT)) == 1  # never sent twice


async def test_a_number_twilio_reports_unsubscribed_is_opted_out_and_not_retried(served):
    served.twilio.unsubscribed.add(ALBERT)
    row = await text_then_queue(served, "An offer")
    served.server.worker.wake()

    def settled():
        with served.hub.session_factory() as session:
            return session.get(OutboundMessage, row.id).status != OutboundStatus.PENDING

    await wait_for(settled)
    with served.hub.session_factory() as session:
        stored = session.get(OutboundMessage, row.id)
        assert stored.status == OutboundStatus.UNDELIVERABLE
        assert "21610" in stored.last_error
        assert session.scalars(select(ContactIdentity.opted_out_at)).one() is not None
    assert served.twilio.requests == 1


async def test_a_failed_delivery_report_with_21610_opts_the_number_out(served):
    await text_then_queue(served, "An offer")
    served.server.worker.wake()
    created = await wait_for(lambda: served.twilio.to(ALBERT))

    def send_recorded():
        # Twilio's report comes seconds later in life; here, wait until the hub has
        # written down the message id the report will name.
        with served.hub.session_factory() as session:
            return session.scalar(select(OutboundMessage.id).where(
                OutboundMessage.channel_message_id == created[0].sid))

    await wait_for(send_recorded)
    await served.twilio.report_status(served.client, created[0], "undelivered", 21610)
    with served.hub.session_factory() as session:
        assert session.scalars(select(OutboundMessage.status).where(
            OutboundMessage.channel_message_id == created[0].sid)).one() == "undeliverable"
        assert session.scalars(select(ContactIdentity.opted_out_at)).one() is not None


async def wait_for(condition, timeout: float = 5.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (result := condition()):
        if loop.time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)
    return result


async def julia_takes_alberts_shopping(served) -> tuple[str, str]:
    """Albert asks for shopping by text and Julia (on SMS too) takes it: her number and the
    request's reference."""
    julia = add_volunteer(served.hub, "Julia", "RM17 5AA")
    for number, text in enumerate(["shopping tomorrow, I'm Albert, RM17 6SL", "12 Orsett Road",
                                   "yes"]):
        await served.text(ALBERT, text, f"SM{number}")
    await served.text(julia, "yes", "SM5")
    with served.hub.session_factory() as session:
        reference = session.scalars(select(HelpRequest.reference)).one()
    return julia, reference


async def test_stopping_texts_with_a_request_open_is_not_a_cancel_and_leaves_nobody_hanging(
        served):

    carol = "+447700900999"
    with served.hub.session_factory.begin() as session:
        add_coordinator(session, "phone", carol, "Carol", served.hub.clock())
    julia, reference = await julia_takes_alberts_shopping(served)
    [stopped] = messages_in((await served.text(ALBERT, "CANCEL", "SM12")).text)
    assert "won't get any more texts" in stopped
    assert f"A coordinator will ring you about it. Only wanted to cancel it? Text START, then " \
        f"CANCEL {reference}." in stopped
    with served.hub.session_factory() as session:
        request = session.scalars(select(HelpRequest)).one()
        assert request.status == RequestStatus.ASSIGNED  # not cancelled: still Julia's
    assert "a coordinator will contact them by phone" in waiting_for(served.hub, julia)[-1]
    alert = waiting_for(served.hub, carol)[-1]
    assert f"CANNOT TEXT: Albert ({ALBERT})" in alert and reference in alert
    assert messages_in((await served.text(ALBERT, "hello?", "SM13")).text) == []  # silence
    [shown] = messages_in((await served.text(carol, f"SHOW {reference}", "SM14")).text)
    assert "Cannot text: the resident stopped our texts" in shown


async def test_a_resident_who_cancels_by_text_has_the_volunteer_told_through_twilio(served):

    julia, reference = await julia_takes_alberts_shopping(served)
    said = messages_in((await served.text(ALBERT, "I don't need the shopping any more, my "
                                                  "daughter is coming", "SM6")).text)
    assert f"Cancel {reference} (shopping)?" in said[0]
    [done] = messages_in((await served.text(ALBERT, "yes", "SM7")).text)
    assert f"{reference} is cancelled. We've told Julia" in done
    for _ in range(5):  # the outbox worker sends what the hub queued, as in serve
        await served.server.worker.deliver_due()
    to_julia = [m.body for m in served.twilio.messages if m.to == julia]
    assert any(f"Albert has cancelled {reference} (shopping)" in body for body in to_julia)
    with served.hub.session_factory() as session:
        assert session.scalars(select(HelpRequest)).one().status == RequestStatus.CANCELLED


# What the hub cannot store: cleaned, or refused for good (4xx), never "try again" (503).
# One table, the same answers on SQLite and PostgreSQL.

FULL_WIDTH_ALBERT = "+４４７７００９００１２３"


@pytest.mark.parametrize("sender, body, sid, status, kept", [
    # Control characters in the text are dropped (newline and tab stay); the rest is kept.
    (ALBERT, "shopping\x00 please", "SM-nul-body", 200, "shopping please"),
    (ALBERT, "hel\x00lo\x07 \x1b[1mthere\x7f", "SM-controls", 200, "hello [1mthere"),
    # A sender must be a phone number, whatever it starts with.
    (ALBERT + "\x00", "hello", "SM-nul-from", 400, None),
    ("+1", "hello", "SM-plus-one", 400, None),
    ("+abc", "hello", "SM-letters", 400, None),
    (FULL_WIDTH_ALBERT, "hello", "SM-full-width", 400, None),
    ("+" + "7" * 100, "hello", "SM-long-from", 400, None),
    ("7" * 100, "hello", "SM-long-national", 400, None),
    # Ids no Twilio message has: longer than the hub keeps, or with control characters.
    (ALBERT, "hello", "SM" + "0" * 198, 400, None),
    (ALBERT, "hello", "SM\x00" + "0" * 31, 400, None),
])
async def test_input_the_hub_cannot_store_is_cleaned_or_refused_for_good(
        served, sender, body, sid, status, kept):
    response = await served.text(sender, body, sid)
    assert response.status_code == status, response.text
    with served.hub.session_factory() as session:
        bodies = session.scalars(select(InboundMessage.body)).all()
        senders = session.scalars(select(ContactIdentity.address)).all()
    if kept is None:
        assert (bodies, senders) == ([], [])  # nobody made up from a bad sender
    else:
        assert messages_in(response.text)  # answered
        assert (bodies, senders) == ([kept], [ALBERT])


async def test_a_status_report_with_an_id_no_twilio_message_has_is_refused(served):
    url = f"{served.url}/twilio/sms/status"
    for sid in ("SM" + "0" * 198, "SM\x00"):
        params = {"MessageSid": sid, "MessageStatus": "delivered"}
        response = await served.client.post(url, data=params, headers={
            "X-Twilio-Signature": signature(url, params)})
        assert response.status_code == 400


# The body is limited before it is read, and the signature checked before the form is used.

class CountedBody:
    """A request body made as it is pulled, counting how much the hub pulled."""

    def __init__(self, size: int, chunk: int = 16 * 1024) -> None:
        self.size, self.chunk, self.pulled = size, chunk, 0

    async def __aiter__(self):
        while self.pulled < self.size:
            piece = b"Body=" + b"a" * (min(self.chunk, self.size - self.pulled) - 5)
            self.pulled += len(piece)
            yield piece


@pytest.fixture
async def in_process(settings, clock):
    """The app in process with SMS on, reached through httpx's ASGI transport: a request
    body is only made as the hub pulls it, so a test sees how much it pulled."""
    configured = channel_settings(settings, "http://testserver", None, "http://127.0.0.1:9")
    hub = build_hub(configured, clock=clock, locate_postcode=FakePostcodeLocator())
    server = NeighbourlyServer(hub, run_worker=False)
    await server.start()
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server.app),
                                     base_url="http://testserver") as client:
            yield client, hub
    finally:
        await server.stop()
        hub.close()


JUNK_SIGNATURE = "A" * 27 + "="  # shaped like a signature, but not one


async def test_a_huge_body_with_a_junk_signature_is_refused_before_it_is_read(in_process):
    client, hub = in_process
    assert hub.settings.max_webhook_bytes == 64 * 1024
    declared = CountedBody(200 * 1024 * 1024)
    response = await client.post("/twilio/sms", content=declared, headers={
        "X-Twilio-Signature": JUNK_SIGNATURE, "Content-Length": str(declared.size),
        "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert declared.pulled == 0
    # Chunked, with no length given: read no further than the limit.
    chunked = CountedBody(200 * 1024 * 1024)
    response = await client.post("/twilio/sms", content=chunked, headers={
        "X-Twilio-Signature": JUNK_SIGNATURE,
        "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert chunked.pulled <= hub.settings.max_webhook_bytes + chunked.chunk
    assert count(hub, InboundMessage) == 0


@pytest.mark.parametrize("path", ["/twilio/sms", "/twilio/sms/status"])
@pytest.mark.parametrize("headers", [{}, {"X-Twilio-Signature": "forged"}])
async def test_without_a_signature_that_could_be_true_the_body_is_not_read(in_process, path,
                                                                          headers):
    client, hub = in_process
    body = CountedBody(1024 * 1024)
    response = await client.post(path, content=body, headers=headers)
    assert response.status_code == 403
    assert body.pulled == 0


async def test_a_text_in_process_is_still_answered(in_process):
    client, hub = in_process
    response = await FakeTwilio().text_hub(client, "http://testserver", ALBERT, "hello", "SM1")
    assert response.status_code == 200 and messages_in(response.text)
