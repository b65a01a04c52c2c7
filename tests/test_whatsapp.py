"""WhatsApp through Twilio: the real twilio library against the Twilio double on loopback."""

from __future__ import annotations

import asyncio
import json
import logging
import re

import pytest
from sqlalchemy import select

from bot.channels import media
from bot.dialogue.catalogue import text
from bot.services.sending.outbox import queue_message
from bot.services.shared.unit_of_work import UnitOfWork
from bot.services.sending.whatsapp_templates import (
    WhatsAppTemplates,
    parse_templates,
    template_body,
)
from bot.settings import Settings, SettingsError
from doubles.harness import running_hub
from doubles.twilio_api import signature
from models import (
    ContactIdentity,
    HelpRequest,
    InboundMessage,
    OutboundMessage,
    OutboundStatus,
    Person,
    ReceiptPhoto,
    RequestStatus,
)
from test_offers import add_volunteer

ALBERT = "+447700900123"
OFFER_TEMPLATE = "HX" + "1" * 32
REMINDER_TEMPLATE = "HX" + "2" * 32


def messages_in(twiml: str) -> list[str]:
    return re.findall(r"<Message>(.*?)</Message>", twiml, flags=re.S)


async def wait_for(condition, timeout: float = 5.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (result := condition()):
        if loop.time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)
    return result


@pytest.fixture
async def served(settings, clock):
    async with running_hub(settings, clock, telegram=False,
                           whatsapp_templates=f"offer={OFFER_TEMPLATE}") as running:
        yield running


def whatsapp_first(hub, number: str) -> str:
    """A volunteer who signed up on WhatsApp: their number's WhatsApp identity came first."""
    with hub.session_factory.begin() as session:
        identity = session.scalars(select(ContactIdentity).where(
            ContactIdentity.address == number)).one()
        identity.kind = "whatsapp"
        session.add(ContactIdentity(person_id=identity.person_id, kind="phone", address=number))
    return number


async def alberts_request_on_whatsapp(served) -> list[list[str]]:
    answers = []
    for number, words in enumerate(["can someone get my shopping? I'm Albert, rm17 6sl",
                                    "12 Orsett Road", "tomorrow", "yes"]):
        response = await served.whatsapp(ALBERT, words, f"SMwa{number:030d}")
        assert response.status_code == 200
        answers.append(messages_in(response.text))
    return answers


async def test_a_resident_asks_on_whatsapp_and_is_one_person_with_their_phone_number(served):
    answers = await alberts_request_on_whatsapp(served)
    assert "Reply YES or NO" in answers[2][-1]  # choices as words inside the window
    assert re.search(r"Your request R-\w+ is saved", answers[3][0])
    with served.hub.session_factory() as session:
        request = session.scalars(select(HelpRequest)).one()
        assert request.channel == "whatsapp"
        identities = session.execute(select(ContactIdentity.kind, ContactIdentity.address,
                                            ContactIdentity.person_id)).all()
    assert sorted((kind, address) for kind, address, _ in identities) == [
        ("phone", ALBERT), ("whatsapp", ALBERT)]
    assert len({person for *_, person in identities}) == 1
    # A text from the same number later is the same person, in the same conversation.
    response = await served.text(ALBERT, "MY REQUESTS", "SM-later")
    assert request.reference in response.text
    with served.hub.session_factory() as session:
        assert len(session.scalars(select(Person)).all()) == 1


async def test_someone_who_texted_first_continues_the_same_conversation_on_whatsapp(served):
    first = messages_in((await served.text(ALBERT, "shopping please, I'm Albert", "SM1")).text)
    assert "postcode" in first[-1]
    answer = messages_in((await served.whatsapp(ALBERT, "RM17 6SL", "SMwa1")).text)
    assert "house number and street" in answer[-1]
    with served.hub.session_factory() as session:
        people = {row for row in session.scalars(select(ContactIdentity.person_id))}
    assert len(people) == 1


@pytest.mark.parametrize("headers", [{}, {"X-Twilio-Signature": "forged"}])
async def test_a_whatsapp_webhook_without_a_true_signature_is_refused(served, headers):
    params = {"MessageSid": "SM-forged", "From": f"whatsapp:{ALBERT}", "Body": "STOP"}
    response = await served.client.post(f"{served.url}/twilio/whatsapp", data=params,
                                        headers=headers)
    assert response.status_code == 403
    with served.hub.session_factory() as session:
        assert session.scalars(select(InboundMessage)).all() == []


async def test_a_sender_that_is_no_whatsapp_address_is_a_bad_request(served):
    params = {"MessageSid": "SM-x", "From": ALBERT, "Body": "hello"}
    url = f"{served.url}/twilio/whatsapp"
    response = await served.client.post(url, data=params,
                                        headers={"X-Twilio-Signature": signature(url, params)})
    assert response.status_code == 400


async def test_a_shared_location_answers_the_postcode_question(settings, clock):
    async with running_hub(settings, clock, telegram=False, whatsapp_templates="",
                           nearest_postcode=lambda lat, lon: "RM17 6SL") as served:
        await served.whatsapp(ALBERT, "shopping please, I'm Albert", "SMwa1")
        answer = messages_in((await served.whatsapp(
            ALBERT, "", "SMwa2", Latitude="51.4780", Longitude="0.3260")).text)
    assert "house number and street" in answer[-1]


async def test_a_photo_without_words_gets_a_kind_answer_and_the_question_stays(served):
    await served.whatsapp(ALBERT, "shopping please, I'm Albert", "SMwa1")
    answer = messages_in((await served.whatsapp(
        ALBERT, "", "SMwa2", NumMedia="1", MediaContentType0="image/jpeg",
        MediaUrl0="https://api.twilio.com/media/ME1")).text)
    assert answer == [text("en", "unreadable", thing=text("en", "unreadable.photo"))]
    answer = messages_in((await served.whatsapp(ALBERT, "RM17 6SL", "SMwa3")).text)
    assert "house number and street" in answer[-1]


async def test_stop_on_whatsapp_is_the_hubs_own_and_start_brings_both_back(served):
    stopped = messages_in((await served.whatsapp(ALBERT, "STOP", "SMwa1")).text)
    assert len(stopped) == 1 and "won't get any more" in stopped[0]
    with served.hub.session_factory() as session:
        assert all(at is not None for at in session.scalars(
            select(ContactIdentity.opted_out_at)))
    assert messages_in((await served.whatsapp(ALBERT, "shopping", "SMwa2")).text) == []
    assert messages_in((await served.whatsapp(ALBERT, "", "SMwa3", NumMedia="1",
                                              MediaContentType0="image/jpeg")).text) == []
    started = messages_in((await served.whatsapp(ALBERT, "START", "SMwa4")).text)
    assert len(started) == 1 and "Welcome back" in started[0]
    with served.hub.session_factory() as session:
        assert all(at is None for at in session.scalars(select(ContactIdentity.opted_out_at)))


async def test_stop_on_whatsapp_with_a_request_open_tells_the_volunteer(served):
    julia = add_volunteer(served.hub, "Julia", "RM17 5AA")
    await alberts_request_on_whatsapp(served)
    await served.text(julia, "yes", "SM-julia")
    [stopped] = messages_in((await served.whatsapp(ALBERT, "STOP", "SMwa9")).text)
    assert "A coordinator" in stopped or "START" in stopped
    with served.hub.session_factory() as session:
        request = session.scalars(select(HelpRequest)).one()
        assert request.status == RequestStatus.ASSIGNED  # not cancelled
        told = session.scalars(select(OutboundMessage.body)
                               .where(OutboundMessage.address == julia)
                               .order_by(OutboundMessage.id)).all()
    assert "a coordinator will contact them by phone" in told[-1]


async def test_a_volunteer_outside_the_window_gets_the_offer_by_template_and_taps_yes(
        served, clock):
    julia = whatsapp_first(served.hub, add_volunteer(served.hub, "Julia", "RM17 5AA"))
    # Julia once wrote on WhatsApp, more than a day ago: her window is shut.
    await served.whatsapp(julia, "HELP", "SMwa-julia-0")
    clock.advance(hours=25)
    await alberts_request_on_whatsapp(served)
    served.server.worker.wake()
    [offer] = await wait_for(lambda: served.twilio.whatsapp_to(julia))
    assert offer.content_sid == OFFER_TEMPLATE and offer.body == ""
    variables = json.loads(offer.content_variables)
    with served.hub.session_factory() as session:
        reference = session.scalars(select(HelpRequest.reference)).one()
    assert variables["1"] == "Albert" and variables["7"] == reference
    # She taps the template's YES button: Twilio sends its payload.
    accepted = messages_in((await served.whatsapp(
        julia, "Yes", "SMwa-julia-1", ButtonPayload=f"YES {reference}",
        ButtonText="Yes")).text)
    assert "12 Orsett Road" in " ".join(accepted)
    with served.hub.session_factory() as session:
        assert session.scalars(select(HelpRequest.status)).one() == RequestStatus.ASSIGNED
    # Done; Albert, who wrote today, is asked how it went, free-form, and answers.
    done = messages_in((await served.whatsapp(julia, f"DONE {reference} no receipt",
                                              "SMwa-julia-2")).text)
    assert "thank" in done[0].lower()
    served.server.worker.wake()
    [asked] = await wait_for(lambda: [m for m in served.twilio.whatsapp_to(ALBERT)
                                      if "How did it go?" in m.body])
    assert asked.content_sid is None  # inside Albert's window: free-form
    thanked = messages_in((await served.whatsapp(ALBERT, "Julia was lovely", "SMwa-a-9")).text)
    assert "Thank you for telling us" in thanked[0]
    with served.hub.session_factory() as session:
        assert session.scalars(select(HelpRequest.status)).one() == RequestStatus.DONE

    # Two days on, a reminder with no template of its own goes by SMS instead, once.
    clock.advance(hours=48)
    reminder = text("en", "call_reminder", name="Albert", phone=ALBERT, start="2pm",
                    end="3pm")
    with UnitOfWork(served.hub.session_factory) as uow:
        person = uow.session.scalars(select(Person).join(ContactIdentity).where(
            ContactIdentity.address == julia, ContactIdentity.kind == "whatsapp")).one()
        row = queue_message(uow.session, person, reminder, clock(),
                            served.hub.settings.enabled_channels)
        uow.commit()
        assert row.channel == "whatsapp"
    served.server.worker.wake()
    [texted] = await wait_for(lambda: served.twilio.to(julia))
    assert texted.body == reminder
    await asyncio.sleep(0.2)
    assert len(served.twilio.to(julia)) == 1
    with served.hub.session_factory() as session:
        failed = session.scalars(select(OutboundMessage).where(
            OutboundMessage.channel == "whatsapp", OutboundMessage.body == reminder)).one()
        assert failed.status == OutboundStatus.FAILED
        assert "24-hour window" in failed.last_error and "sent by sms" in failed.last_error


async def test_someone_who_texts_keeps_getting_texts_after_writing_once_on_whatsapp(
        served, clock):
    await served.text(ALBERT, "HELP", "SM1")
    await served.whatsapp(ALBERT, "HELP", "SMwa1")
    with UnitOfWork(served.hub.session_factory) as uow:
        person = uow.session.scalars(select(Person)).one()
        row = queue_message(uow.session, person, "Your shopping is on its way", clock(),
                            served.hub.settings.enabled_channels)
        assert (row.channel, row.address) == ("sms", ALBERT)
        uow.commit()


async def test_inside_the_window_a_message_goes_free_form_with_its_choices_as_words(served):
    await served.whatsapp(ALBERT, "HELP", "SMwa1")
    with UnitOfWork(served.hub.session_factory) as uow:
        person = uow.session.scalars(select(Person)).one()
        queue_message(uow.session, person, "Is your shopping still needed?", served.hub.clock(),
                      served.hub.settings.enabled_channels)
        uow.commit()
    served.server.worker.wake()
    [sent] = await wait_for(lambda: served.twilio.whatsapp_to(ALBERT))
    assert sent.content_sid is None and sent.body == "Is your shopping still needed?"
    assert sent.sender == "whatsapp:+447700900001"


async def test_whatsapp_refusing_a_template_falls_back_to_sms_once_with_the_error_kept(
        served, clock):
    await served.whatsapp(ALBERT, "HELP", "SMwa1")
    served.twilio.whatsapp_refused.add(f"whatsapp:{ALBERT}")
    offer = text("en", "offer", first_name="Betty", category="shopping", when="today",
                 area="Grays", distance="1 km", reasons="", reference="R-7Q4K")
    with UnitOfWork(served.hub.session_factory) as uow:
        person = uow.session.scalars(select(Person)).one()
        queue_message(uow.session, person, offer, clock(), served.hub.settings.enabled_channels)
        uow.commit()
    served.server.worker.wake()
    [texted] = await wait_for(lambda: served.twilio.to(ALBERT))
    assert texted.body == offer
    await asyncio.sleep(0.2)
    assert len(served.twilio.to(ALBERT)) == 1
    with served.hub.session_factory() as session:
        rows = session.scalars(select(OutboundMessage).where(OutboundMessage.body == offer)
                               .order_by(OutboundMessage.id)).all()
    assert [(row.channel, row.status) for row in rows] == [
        ("whatsapp", OutboundStatus.FAILED), ("sms", OutboundStatus.SENT)]
    assert "63003" in rows[0].last_error


async def test_whatsapp_is_off_with_a_log_line_and_health_says_which_setting(
        settings, clock, caplog):
    caplog.set_level(logging.INFO, logger="bot.channels.server")
    async with running_hub(settings, clock, telegram=False) as served:
        health = (await served.client.get(f"{served.url}/healthz")).json()
        refused = await served.client.post(f"{served.url}/twilio/whatsapp", data={})
    assert health["channel_states"]["whatsapp"] == {"state": "off",
                                                    "missing": "TWILIO_WHATSAPP_FROM"}
    assert refused.status_code == 404
    assert "WhatsApp is off: TWILIO_WHATSAPP_FROM is not set" in caplog.text


async def test_whatsapp_is_up_on_health_when_its_sender_is_set(served):
    health = (await served.client.get(f"{served.url}/healthz")).json()
    assert health["channel_states"]["whatsapp"]["state"] == "up"
    assert "whatsapp" in health["channels"]


# Templates, from the catalogue.

def test_a_templates_body_is_the_catalogue_text_with_numbered_variables():
    assert template_body("en", "offer") == (
        "Can you help? {{1}} needs {{2}}, {{3}}, in {{4}} ({{5}}). {{6}}Reply YES {{7}} to "
        "take it or NO {{7}} to pass.")


@pytest.mark.parametrize("language", ["en", "pl"])
def test_a_message_is_read_back_as_its_template_with_its_values(language):
    templates = WhatsAppTemplates.from_setting(
        f"offer={OFFER_TEMPLATE},offer@pl={REMINDER_TEMPLATE}")
    body = text(language, "offer", first_name="Betty", category="shopping", when="today",
                area="Grays", distance="1 km", reasons="", reference="R-7Q4K")
    found = templates.for_message(body, language)
    assert found.key == "offer"
    assert found.content_sid == (OFFER_TEMPLATE if language == "en" else REMINDER_TEMPLATE)
    assert found.variables["1"] == "Betty" and found.variables["7"] == "R-7Q4K"
    assert found.variables["6"] == "-"  # WhatsApp refuses an empty variable
    assert templates.for_message("Something else entirely", language) is None


@pytest.mark.parametrize("setting", ["offer", "offer=HX12", "no_such_message=HX" + "0" * 32,
                                     "offer@xx=HX" + "0" * 32])
def test_a_templates_setting_that_names_no_message_or_no_content_sid_is_refused(setting):
    with pytest.raises(SettingsError):
        parse_templates(setting)


def test_whatsapp_needs_its_sender_and_twilios_account():
    assert Settings().whatsapp_missing() == "TWILIO_WHATSAPP_FROM"
    assert Settings(twilio_whatsapp_from="+447700900001").whatsapp_missing() == \
        "TWILIO_ACCOUNT_SID"
    with pytest.raises(SettingsError):
        Settings(twilio_whatsapp_templates="offer=HX12")


def test_the_operators_guide_gives_each_templates_body_as_the_catalogue_has_it():
    from pathlib import Path

    guide = (Path(__file__).parent.parent / "docs" / "guide-operators.md").read_text(
        encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| (en|pl) \| (.*?) \|", guide, flags=re.M)
    assert {(key, language) for key, language, _ in rows} >= {
        ("offer", "en"), ("offer", "pl"), ("call_reminder", "en"), ("call_reminder", "pl")}
    for key, language, body in rows:
        assert body == template_body(language, key), (key, language)


async def test_a_failure_whatsapp_reports_later_sends_the_text_once_however_often_it_comes(
        served, clock):
    await served.whatsapp(ALBERT, "HELP", "SMwa1")
    offer = text("en", "offer", first_name="Betty", category="shopping", when="today",
                 area="Grays", distance="1 km", reasons="", reference="R-7Q4K")
    with UnitOfWork(served.hub.session_factory) as uow:
        person = uow.session.scalars(select(Person)).one()
        queue_message(uow.session, person, offer, clock(), served.hub.settings.enabled_channels)
        uow.commit()
    served.server.worker.wake()
    [sent] = await wait_for(lambda: served.twilio.whatsapp_to(ALBERT))

    def send_recorded():
        with served.hub.session_factory() as session:
            return session.scalar(select(OutboundMessage.id).where(
                OutboundMessage.channel_message_id == sent.sid))

    await wait_for(send_recorded)
    for _ in range(2):
        answer = await served.twilio.report_status(served.client, sent, "undelivered", 63016)
        assert answer.status_code == 200
    [texted] = await wait_for(lambda: served.twilio.to(ALBERT))
    assert texted.body == offer
    await asyncio.sleep(0.2)
    assert len(served.twilio.to(ALBERT)) == 1
    with served.hub.session_factory() as session:
        failed = session.scalars(select(OutboundMessage).where(
            OutboundMessage.channel == "whatsapp", OutboundMessage.body == offer)).one()
    assert failed.status == OutboundStatus.FAILED
    assert failed.last_error == "twilio error 63016; sent by sms"


async def test_no_text_goes_instead_to_a_number_that_stopped_texts(served, clock):
    await served.whatsapp(ALBERT, "HELP", "SMwa1")
    await served.text(ALBERT, "STOP", "SM-stop")  # texts stopped; WhatsApp still on
    clock.advance(hours=30)
    with UnitOfWork(served.hub.session_factory) as uow:
        person = uow.session.scalars(select(Person)).one()
        row = queue_message(uow.session, person, "Your shopping is on its way",
                            clock(), served.hub.settings.enabled_channels)
        uow.commit()
        row_id = row.id
    served.server.worker.wake()

    def settled():
        with served.hub.session_factory() as session:
            return session.get(OutboundMessage, row_id).status != OutboundStatus.PENDING

    await wait_for(settled)
    await asyncio.sleep(0.2)
    assert served.twilio.to(ALBERT) == [] and served.twilio.whatsapp_to(ALBERT) == []
    with served.hub.session_factory() as session:
        assert session.get(OutboundMessage, row_id).last_error.endswith("sms opted out")


async def julias_shopping_for_albert_on_whatsapp(served) -> tuple[str, str]:
    """Julia (on WhatsApp) takes Albert's shopping; returns her number and its reference."""
    julia = whatsapp_first(served.hub, add_volunteer(served.hub, "Julia", "RM17 5AA"))
    await served.whatsapp(julia, "HELP", "SMwa-j0")
    await alberts_request_on_whatsapp(served)
    with served.hub.session_factory() as session:
        reference = session.scalars(select(HelpRequest.reference)).one()
    assert f"{reference} is yours" in " ".join(messages_in(
        (await served.whatsapp(julia, f"YES {reference}", "SMwa-j1")).text))
    return julia, reference


def kept_photos(hub) -> list[ReceiptPhoto]:
    with hub.session_factory() as session:
        return list(session.scalars(select(ReceiptPhoto).order_by(ReceiptPhoto.id)))


async def test_a_receipt_photo_on_whatsapp_is_fetched_with_basic_auth_kept_and_the_amount_asked(
        served):
    julia, reference = await julias_shopping_for_albert_on_whatsapp(served)
    asked = " ".join(messages_in((await served.whatsapp(julia, f"DONE {reference}",
                                                        "SMwa-j2")).text))
    assert "What did the receipt come to?" in asked
    receipt = b"\xff\xd8\xff\xe0 a receipt from the corner shop"
    url = served.twilio.add_media("SMwa-j3", "image/jpeg", receipt)
    reply = " ".join(messages_in((await served.whatsapp(
        julia, "", "SMwa-j3", NumMedia="1", MediaContentType0="image/jpeg",
        MediaUrl0=url)).text))
    assert "we've kept the photo of the receipt" in reply and "What did it come to?" in reply
    assert served.twilio.media_fetches == 1 and served.twilio.media_refused == 0
    [photo] = kept_photos(served.hub)
    assert (photo.content, photo.content_type, photo.channel) == (receipt, "image/jpeg",
                                                                  "whatsapp")
    # The same webhook again (Twilio retries): answered once, kept once.
    await served.whatsapp(julia, "", "SMwa-j3", NumMedia="1", MediaContentType0="image/jpeg",
                          MediaUrl0=url)
    assert len(kept_photos(served.hub)) == 1
    # The amount is still owed, and the next words give it.
    assert "Noted: £12.40" in " ".join(messages_in(
        (await served.whatsapp(julia, "12.40", "SMwa-j4")).text))
    with served.hub.session_factory() as session:
        assert session.scalar(select(HelpRequest.receipt_pence)) == 1240


async def test_a_photo_too_large_or_refused_is_not_kept_and_the_amount_is_asked_in_words(
        served, monkeypatch):
    julia, reference = await julias_shopping_for_albert_on_whatsapp(served)
    monkeypatch.setattr(media, "MAX_RECEIPT_PHOTO_BYTES", 1000)
    big = served.twilio.add_media("SMwa-k1", "image/jpeg", b"\xff" * 1001)
    reply = " ".join(messages_in((await served.whatsapp(
        julia, "", "SMwa-k1", NumMedia="1", MediaContentType0="image/jpeg",
        MediaUrl0=big)).text))
    assert "couldn't keep that photo" in reply and "type the amount" in reply
    elsewhere = "https://files.example.org/receipt.jpg"  # never sent the account's password
    await served.whatsapp(julia, "", "SMwa-k2", NumMedia="1", MediaContentType0="image/jpeg",
                          MediaUrl0=elsewhere)
    assert kept_photos(served.hub) == [] and served.twilio.media_fetches == 1
    # Before DONE, a photo is kept and the volunteer is told how to finish.
    small = served.twilio.add_media("SMwa-k3", "image/png", b"\x89PNG receipt")
    reply = " ".join(messages_in((await served.whatsapp(
        julia, "", "SMwa-k3", NumMedia="1", MediaContentType0="image/png",
        MediaUrl0=small)).text))
    assert f"When you've finished, text DONE {reference} and the amount" in reply
    assert [p.content_type for p in kept_photos(served.hub)] == ["image/png"]


async def test_a_photo_from_someone_with_no_receipt_to_give_is_never_downloaded(served):
    url = served.twilio.add_media("SMwa-n1", "image/jpeg", b"\xff\xd8 a cat")
    reply = " ".join(messages_in((await served.whatsapp(
        ALBERT, "", "SMwa-n1", NumMedia="1", MediaContentType0="image/jpeg",
        MediaUrl0=url)).text))
    assert "photo" in reply
    assert served.twilio.media_fetches == 0 and kept_photos(served.hub) == []
