"""The Telegram channel through python-telegram-bot, against the Bot API double on loopback."""

from __future__ import annotations

import asyncio
import csv
import io
import logging

import pytest
from sqlalchemy import func, select

from bot.channels.telegram import command_as_words, keyboard
from bot.dialogue.types import Choice
from bot.services.people.coordinators import add_coordinator
from bot.services.coordinating.exports import REQUEST_HEADER
from bot.services.running.scheduler import run_due_work
from doubles.harness import running_hub
from models import (
    AuditEvent,
    ContactIdentity,
    HelpRequest,
    IdentityKind,
    InboundMessage,
    OutboundAttachment,
    OutboundMessage,
    OutboundStatus,
    ReceiptPhoto,
    VolunteerProfile,
)
from test_offers import add_volunteer, ask_for_help

IAN = 5551001
CAROL = 5551002


def count(hub, model) -> int:
    with hub.session_factory() as session:
        return session.scalar(select(func.count()).select_from(model))


async def say(served, user_id: int, text: str, expect: int) -> str:
    """Send a text by long polling; returns the newest reply once `expect` replies arrived."""
    served.telegram.push(served.telegram.text_update(user_id, text))
    return (await served.telegram.wait_for_messages(user_id, expect))[-1].text


async def press(served, user_id: int, label: str, expect: int):
    """Press the button `label` under the newest message; returns the newest reply."""
    message = served.telegram.messages_to(user_id)[-1]
    value = dict(message.buttons)[label]
    served.telegram.push(served.telegram.button_update(user_id, message, value))
    return (await served.telegram.wait_for_messages(user_id, expect))[-1]


@pytest.fixture
async def polling(settings, clock):
    async with running_hub(settings, clock, sms=False, webhook=False) as running:
        yield running


@pytest.fixture
async def webhook(settings, clock):
    async with running_hub(settings, clock, sms=False, webhook=True,
                           nearest_postcode=lambda lat, lon: "RM17 6SL") as running:
        yield running


async def test_a_volunteer_signs_up_by_long_polling_with_buttons(polling):
    tg = polling.telegram
    assert "Thank you for offering to help" in await say(polling, IAN, "/volunteer", 1)
    await say(polling, IAN, "Ian", 2)
    await say(polling, IAN, "RM17 6SL", 3)
    await say(polling, IAN, "3 miles", 4)
    await say(polling, IAN, "1 3", 5)
    languages = await say(polling, IAN, "weekday mornings", 6)
    assert "languages" in languages
    age = await press(polling, IAN, "Skip", 7)
    assert ("65-74", "65-74") in age.buttons
    await press(polling, IAN, "65-74", 8)
    code = await press(polling, IAN, "Skip", 9)
    assert [label for label, _ in code.buttons] == ["Yes", "No"]
    done = await press(polling, IAN, "Yes", 10)
    assert "You're signed up" in done.text and done.buttons == []

    # Each press was answered and its message now shows the choice, without buttons.
    assert len(tg.answered_callbacks) == 4
    assert code.text.endswith("✓ Yes") and code.reply_markup is None
    assert {"getMe", "deleteWebhook", "getUpdates", "sendMessage", "answerCallbackQuery",
            "editMessageText"} <= set(tg.calls)
    with polling.hub.session_factory() as session:
        profile = session.scalars(select(VolunteerProfile)).one()
        assert (profile.age_band, profile.postcode) == ("65-74", "RM17 6SL")
        assert session.scalar(select(ContactIdentity.address)) == str(IAN)


async def test_the_webhook_is_registered_with_its_secret(webhook):
    assert webhook.telegram.webhook == {"url": f"{webhook.url}/telegram",
                                        "secret_token": "webhook-secret-for-tests"}
    assert "getUpdates" not in webhook.telegram.calls


@pytest.mark.parametrize("secret", [None, "wrong"])
async def test_a_webhook_call_without_the_secret_is_refused_and_nothing_is_stored(webhook,
                                                                                 secret):
    response = await webhook.telegram_webhook(webhook.telegram.text_update(IAN, "hello"), secret)
    assert response.status_code == 403
    assert count(webhook.hub, InboundMessage) == 0


async def test_a_replayed_update_creates_nothing_and_sends_nothing_new(webhook):
    update = webhook.telegram.text_update(IAN, "/help")
    assert (await webhook.telegram_webhook(update)).status_code == 200
    replies = await webhook.telegram.wait_for_messages(IAN, 1)
    assert "STATUS" in replies[0].text
    assert (await webhook.telegram_webhook(update)).status_code == 200
    await asyncio.sleep(0.2)  # time enough for a wrongly queued reply to be sent
    assert len(webhook.telegram.messages_to(IAN)) == 1
    assert count(webhook.hub, InboundMessage) == 1


async def test_a_database_failure_asks_telegram_to_send_the_update_again(webhook, monkeypatch):
    from bot.services.running.conversations import INSERT_INBOUND
    from test_sms import fail_once

    fail_once(monkeypatch, INSERT_INBOUND)
    update = webhook.telegram.text_update(IAN, "/help")
    assert (await webhook.telegram_webhook(update)).status_code == 503
    assert count(webhook.hub, InboundMessage) == 0
    assert (await webhook.telegram_webhook(update)).status_code == 200
    await webhook.telegram.wait_for_messages(IAN, 1)
    assert count(webhook.hub, InboundMessage) == 1


async def test_a_shared_location_answers_the_postcode_question(webhook):
    tg = webhook.telegram
    await webhook.telegram_webhook(tg.text_update(IAN, "I need shopping, I'm Albert"))
    assert "postcode" in (await tg.wait_for_messages(IAN, 1))[-1].text
    await webhook.telegram_webhook(tg.location_update(IAN, 51.4786, 0.3236))
    assert "house number and street" in (await tg.wait_for_messages(IAN, 2))[-1].text


async def test_without_a_postcode_finder_a_location_asks_for_the_postcode_to_be_typed(polling):
    tg = polling.telegram
    await say(polling, IAN, "I need shopping, I'm Albert", 1)
    tg.push(tg.location_update(IAN, 51.4786, 0.3236))
    reply = (await tg.wait_for_messages(IAN, 2))[-1].text
    assert "RM17 6SL" in reply  # the example of how to send it


async def test_a_shared_contact_links_the_phone_only_when_it_is_the_senders_own(webhook):
    tg = webhook.telegram
    await webhook.telegram_webhook(tg.contact_update(IAN, "07700 900456", owner=999))
    assert "your own number" in (await tg.wait_for_messages(IAN, 1))[-1].text
    await webhook.telegram_webhook(tg.contact_update(IAN, "07700 900456", owner=IAN))
    assert "we'll use" in (await tg.wait_for_messages(IAN, 2))[-1].text
    with webhook.hub.session_factory() as session:
        kinds = session.execute(select(ContactIdentity.kind, ContactIdentity.address)
                                .order_by(ContactIdentity.id)).all()
    assert kinds == [(IdentityKind.TELEGRAM, str(IAN)), (IdentityKind.PHONE, "+447700900456")]


async def test_a_person_who_blocked_the_bot_is_marked_unreachable(webhook):
    tg = webhook.telegram
    tg.blocked_by.add(IAN)
    await webhook.telegram_webhook(tg.text_update(IAN, "hello"))

    async def settled():
        while True:
            with webhook.hub.session_factory() as session:
                statuses = session.scalars(select(OutboundMessage.status)).all()
            if statuses and OutboundStatus.PENDING not in statuses:
                return statuses
            await asyncio.sleep(0.02)

    statuses = await asyncio.wait_for(settled(), 5)
    assert set(statuses) == {OutboundStatus.UNDELIVERABLE}
    with webhook.hub.session_factory() as session:
        assert session.scalars(select(ContactIdentity.opted_out_at)).one() is not None


def test_commands_are_the_dialogues_words():
    assert command_as_words("/start abc123") == "start"
    assert command_as_words("/status@thurrock_hub_bot") == "status"
    assert command_as_words("/cancel") == "cancel"
    assert command_as_words("/tasks now") == "tasks now"


def test_choices_become_buttons_a_few_to_a_row():
    yes_no = keyboard((Choice("YES", "Yes"), Choice("NO", "No")))
    assert [[b.callback_data for b in row] for row in yes_no.inline_keyboard] == [["YES", "NO"]]
    bands = keyboard(tuple(Choice(str(n), str(n)) for n in range(5)))
    assert [len(row) for row in bands.inline_keyboard] == [2, 2, 1]
    assert keyboard(()) is None


async def test_a_coordinators_export_arrives_as_a_csv_document_and_is_not_kept(polling):
    hub, tg = polling.hub, polling.telegram
    with hub.session_factory.begin() as session:
        add_coordinator(session, IdentityKind.TELEGRAM, str(CAROL), "Carol", hub.clock())
    reference = await asyncio.to_thread(
        ask_for_help, hub, "+447700900702", "can someone get my shopping? I'm Albert",
        "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")

    tg.push(tg.text_update(CAROL, "EXPORT requests"))
    [document] = await tg.wait_for_messages(CAROL, 1)
    assert "sendDocument" in tg.calls
    assert document.filename == "requests-2026-11-24.csv"
    assert "requests: 1 row as" in document.text and "keep it safe" in document.text
    rows = list(csv.reader(io.StringIO(document.content.decode("utf-8"))))
    assert rows[0] == list(REQUEST_HEADER)
    [row] = rows[1:]
    fields = dict(zip(REQUEST_HEADER, row))
    assert (fields["reference"], fields["category"], fields["district"], fields["resident"],
            fields["consent"]) == (reference, "shopping", "RM17", "Albert", "yes")
    # First names and districts only: never the street or the phone number.
    assert "Orsett" not in document.content.decode() and "900702" not in document.content.decode()

    with hub.session_factory() as session:
        [event] = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "admin.exported")).all()
        assert (event.channel, event.subject, event.detail) == (
            "telegram", "requests", {"rows": 1, "sent_as": "file"})

    # Once sent, the file leaves the database with the next scheduler round.
    async def sent():
        while True:
            with hub.session_factory() as session:
                status = session.scalar(select(OutboundMessage.status).where(
                    OutboundMessage.address == str(CAROL)))
            if status != OutboundStatus.PENDING:
                return status
            await asyncio.sleep(0.02)

    assert await asyncio.wait_for(sent(), 5) == OutboundStatus.DELIVERED
    await asyncio.to_thread(run_due_work, hub.session_factory, hub.offers, hub.concerns,
                            hub.clock())
    assert count(hub, OutboundAttachment) == 0


async def test_someone_new_starts_in_their_telegram_apps_language(polling):
    tg = polling.telegram
    update = tg.text_update(IAN, "Dzień dobry")
    update["message"]["from"]["language_code"] = "pl"
    tg.push(update)
    [welcome] = await tg.wait_for_messages(IAN, 1)
    assert "W czym możemy pomóc?" in welcome.text
    assert [label for label, _ in welcome.buttons][:2] == ["Zakupy", "Leki z apteki"]
    with polling.hub.session_factory() as session:
        assert session.scalars(select(ContactIdentity)).one().person.language == "pl"
    # A choice typed later stands, whatever the app is set to.
    choice = tg.text_update(IAN, "/lang en")
    choice["message"]["from"]["language_code"] = "pl"
    tg.push(choice)
    assert "in English from now on" in (await tg.wait_for_messages(IAN, 2))[-1].text
    with polling.hub.session_factory() as session:
        assert session.scalars(select(ContactIdentity)).one().person.language == "en"


# Every message gets an answer: what the hub cannot read is met with what it can.

async def post_and_wait(served, update: dict, user_id: int = IAN, replies: int = 1) -> str:
    """Post an update to the webhook; returns the newest of the replies it brought."""
    before = len(served.telegram.messages_to(user_id))
    assert (await served.telegram_webhook(update)).status_code == 200
    return (await served.telegram.wait_for_messages(user_id, before + replies))[-1].text


@pytest.mark.parametrize("kind, named", [
    ("photo", "photo"), ("sticker", "sticker"), ("voice", "voice message"), ("video", "video"),
    ("document", "file"),
])
async def test_a_photo_sticker_voice_note_video_or_file_gets_a_kind_answer(webhook, kind,
                                                                            named):
    reply = await post_and_wait(webhook, webhook.telegram.media_update(IAN, kind))
    assert f"Thank you for the {named}" in reply
    assert "written" in reply and "in your own words" in reply
    await asyncio.sleep(0.1)
    assert len(webhook.telegram.messages_to(IAN)) == 1


async def test_a_message_with_nothing_in_it_gets_an_answer_too(webhook):
    reply = await post_and_wait(webhook, webhook.telegram.media_update(IAN, "nothing"))
    assert "couldn't read that message" in reply and "in your own words" in reply


async def test_the_answer_comes_in_the_persons_language(webhook):
    update = webhook.telegram.media_update(IAN, "voice")
    update["message"]["from"]["language_code"] = "pl"
    reply = await post_and_wait(webhook, update)
    assert "wiadomość głosową" in reply and "własnymi słowami" in reply


async def test_a_caption_is_read_as_the_persons_words(webhook):
    tg = webhook.telegram
    reply = await post_and_wait(webhook, tg.media_update(IAN, "photo",
                                                         caption="I need shopping, I'm Albert"))
    assert "postcode" in reply


async def test_a_location_sent_when_no_postcode_was_asked_is_answered_kindly(webhook):
    tg = webhook.telegram
    reply = await post_and_wait(webhook, tg.location_update(IAN, 51.4786, 0.3236))
    assert "Thank you for the location" in reply and "postcode" in reply
    # Asked for the postcode, a location still answers it.
    assert "postcode" in await post_and_wait(webhook, tg.text_update(
        IAN, "I need shopping, I'm Albert"))
    reply = await post_and_wait(webhook, tg.location_update(IAN, 51.4786, 0.3236))
    assert "house number and street" in reply


async def test_a_mid_conversation_photo_keeps_the_persons_place(webhook):
    tg = webhook.telegram
    assert "postcode" in await post_and_wait(webhook, tg.text_update(
        IAN, "I need shopping, I'm Albert"))
    assert "Thank you for the sticker" in await post_and_wait(webhook,
                                                              tg.media_update(IAN, "sticker"))
    reply = await post_and_wait(webhook, tg.text_update(IAN, "RM17 6SL"))
    assert "house number and street" in reply


async def test_a_receipt_photo_is_downloaded_through_the_bot_kept_and_the_amount_still_asked(
        webhook):
    """The amount is what the resident confirms; the photo is kept beside it for a
    coordinator to look at."""
    hub, tg = webhook.hub, webhook.telegram
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    with hub.session_factory.begin() as session:
        person = session.scalars(select(ContactIdentity).where(
            ContactIdentity.address == julia)).one().person
        person.identities.append(ContactIdentity(kind=IdentityKind.TELEGRAM, address=str(IAN)))
    reference = await asyncio.to_thread(
        ask_for_help, hub, "+447700900703", "can someone get my shopping? I'm Lydia",
        "RM17 6SL", "3 Orsett Road", "tomorrow", "yes", "3")
    await tg.wait_for_messages(IAN, 1)  # the offer
    assert f"{reference} is yours" in await post_and_wait(webhook,
                                                          tg.text_update(IAN, "YES"))
    assert "What did the receipt come to?" in await post_and_wait(
        webhook, tg.text_update(IAN, f"DONE {reference}"))
    receipt = b"\xff\xd8\xff\xe0 Tesco Express 12.40"
    reply = await post_and_wait(webhook, tg.media_update(IAN, "photo", content=receipt))
    assert "we've kept the photo of the receipt" in reply and "What did it come to?" in reply
    assert tg.file_downloads == 1
    with hub.session_factory() as session:
        kept = session.scalars(select(ReceiptPhoto)).one()
        assert (kept.content, kept.channel) == (receipt, "telegram")
    reply = await post_and_wait(webhook, tg.media_update(IAN, "document"))
    assert "not a file like that" in reply and "type the amount" in reply
    assert "Noted: £12.40" in await post_and_wait(webhook, tg.text_update(IAN, "12.40"),
                                                  replies=2)
    with hub.session_factory() as session:
        assert session.scalar(select(HelpRequest.receipt_pence)) == 1240
    # After DONE, one more photo (with its amount as a caption) is kept too.
    # (Handled before the webhook answers, so it is kept by then.)
    assert (await webhook.telegram_webhook(tg.media_update(
        IAN, "photo", caption="12.40", content=b"\xff\xd8 second"))).status_code == 200
    with hub.session_factory() as session:
        assert len(session.scalars(select(ReceiptPhoto)).all()) == 2


async def test_a_photo_from_someone_with_no_task_is_not_downloaded(webhook):
    tg = webhook.telegram
    reply = await post_and_wait(webhook, tg.media_update(IAN, "photo", content=b"a cat"))
    assert "photo" in reply and tg.file_downloads == 0


def without(update: dict, *path: str) -> dict:
    inner = update
    for key in path[:-1]:
        inner = inner[key]
    del inner[path[-1]]
    return update


def as_kind(update: dict, kind: str) -> dict:
    update[kind] = update.pop("message")
    return update


@pytest.mark.parametrize("malformed, said", [
    (lambda tg: without(tg.text_update(IAN, "hello"), "message", "chat"), "no chat"),
    (lambda tg: without(tg.text_update(IAN, "hello"), "message", "from"), "no sender"),
    (lambda tg: as_kind(tg.text_update(IAN, "hello"), "edited_message"), "edited message"),
    (lambda tg: as_kind(tg.text_update(IAN, "hello"), "channel_post"), "channel post"),
    (lambda tg: as_kind(tg.text_update(IAN, "hello"), "edited_channel_post"),
     "edited channel post"),
], ids=["no chat", "no sender", "edited", "channel post", "edited channel post"])
async def test_a_malformed_update_is_logged_in_one_line_and_not_sent_again(webhook, caplog,
                                                                          malformed, said):
    caplog.set_level(logging.INFO, logger="bot")
    update = malformed(webhook.telegram)
    assert (await webhook.telegram_webhook(update)).status_code == 200
    await asyncio.sleep(0.1)
    assert webhook.telegram.messages_to(IAN) == [] and count(webhook.hub, InboundMessage) == 0
    lines = [r for r in caplog.records if r.name == "bot.channels.telegram"]
    assert [r.getMessage() for r in lines] == [
        f"telegram: update {update['update_id']} ignored: {said}"]
    assert all(r.exc_info is None and r.levelno <= logging.WARNING for r in caplog.records)


# What the hub cannot store: cleaned and answered, or refused for good (4xx), on both databases.

async def test_a_text_with_control_characters_is_kept_cleaned_and_answered(webhook):
    update = webhook.telegram.text_update(IAN, "/help\x00")
    update["message"]["text"] = "hel\x00lo\x1b there"
    assert (await webhook.telegram_webhook(update)).status_code == 200
    assert await webhook.telegram.wait_for_messages(IAN, 1)
    with webhook.hub.session_factory() as session:
        assert session.scalars(select(InboundMessage.body)).all() == ["hello there"]


async def test_an_update_whose_ids_the_hub_cannot_keep_is_refused_for_good(webhook):
    too_long = 10 ** 70  # no Telegram user has such an id
    update = webhook.telegram.text_update(too_long, "hello")
    assert (await webhook.telegram_webhook(update)).status_code == 400
    assert count(webhook.hub, InboundMessage) == 0 and count(webhook.hub, ContactIdentity) == 0


async def test_a_body_over_the_webhook_limit_is_refused_with_413(webhook):
    update = webhook.telegram.text_update(IAN, "x" * (webhook.hub.settings.max_webhook_bytes + 1))
    assert (await webhook.telegram_webhook(update)).status_code == 413
    assert count(webhook.hub, InboundMessage) == 0


async def test_a_location_answers_the_postcode_question_of_a_volunteers_sign_up(webhook):
    tg = webhook.telegram
    await post_and_wait(webhook, tg.text_update(IAN, "/volunteer"))
    assert "postcode" in await post_and_wait(webhook, tg.text_update(IAN, "Ian"))
    reply = await post_and_wait(webhook, tg.location_update(IAN, 51.4786, 0.3236))
    assert "How far are you happy to travel?" in reply
