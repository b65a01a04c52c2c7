"""The Telegram channel, on python-telegram-bot 22.

Thin: an update becomes an `IncomingMessage` (its update_id makes a repeat
harmless), the service layer answers, and the replies wait in the outbox,
which this module's `TelegramSender` delivers with an inline keyboard
whenever a reply offers choices, and as a document (the text its caption)
when a reply carries a file (a coordinator's EXPORT). Conversation state
lives in the database, not in PTB, so SMS, Telegram and the console share it.

- Text and commands: /start, /help, /status, /cancel, /volunteer are the
  dialogue's own words.
- A button press is answered, the message it was under is edited to show the
  choice, and the choice's value goes to the dialogue as if typed.
- A shared location becomes the nearest postcode when the postcode was asked;
  a shared contact links that phone number to the person, when it is theirs
  and nobody else's.
- Every other message in a private chat is answered too: a caption is read as
  the person's words; a photo, sticker, voice note, video, file or a message
  with nothing in it gets a kind reply saying what the hub can read.
- An update that is not a person's message to answer (no chat, no sender, an
  edit, a channel post) is logged in one line and answered 200, so Telegram
  does not send it again.
- Someone new starts in their Telegram app's language (language_code) when
  the hub writes it; /lang (LANG) changes it any time.

With NEIGHBOURLY_PUBLIC_URL set Telegram calls POST /telegram (each call
must carry TELEGRAM_WEBHOOK_SECRET); without it the bot long-polls getUpdates.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Protocol

from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import MessageLimit
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from bot.channels.blocking import BlockingRunner
from bot.channels.media import fetch_telegram_photo
from bot.channels.metrics import Metrics
from bot.channels.rate_limit import TelegramRateLimiter
from bot.dialogue.render import as_plain_text
from bot.dialogue.types import Choice, Reply
from bot.services.running.conversations import (
    ConversationService,
    IncomingMessage,
    MessageScreen,
    UnusableMessage,
)
from bot.services.sending.delivery import (
    OutgoingMessage,
    Rejected,
    Sent,
    TryLater,
    Undeliverable,
)
from bot.services.shared.identities import IdentityKind
from bot.services.running.linking import link_phone_screen
from bot.services.running.receipt_photos import expects_receipt_photo_from, receipt_photo_screen
from bot.services.running.unreadable import LOCATION, OTHER, unreadable_screen
from bot.settings import Settings

log = logging.getLogger(__name__)

CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram commands and the dialogue's words for them.
COMMAND_WORDS = {"start": "start", "help": "help", "status": "status", "cancel": "cancel",
                 "volunteer": "volunteer"}
# What the dialogue hears when a location cannot be turned into a postcode:
# not a postcode, so it asks for one to be typed.
LOCATION_WITHOUT_POSTCODE = "shared location"
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit for a button's data
NO_CHAT, NO_SENDER = "no chat", "no sender"
CHOSEN_MARK = "✓"


class NearestPostcode(Protocol):
    def __call__(self, latitude: float, longitude: float) -> str | None: ...


def command_as_words(text: str) -> str:
    """"/status@NeighbourlyBot" -> "status"; unknown commands pass on without the slash."""
    first, _, rest = text.strip().partition(" ")
    command = first.lstrip("/").split("@", 1)[0].lower()
    if command == "start":
        return "start"  # "/start <payload>" from a deep link is still a start
    return COMMAND_WORDS.get(command, f"{command} {rest}".strip())


def content_kind(message: Message) -> str:
    """What came instead of words, as dialogue.unreadable names it."""
    for kind, present in (("photo", message.photo), ("sticker", message.sticker),
                          ("voice", message.voice or message.audio),
                          ("video", message.video or message.video_note or message.animation),
                          ("document", message.document)):
        if present:
            return kind
    return OTHER  # a poll, a dice, or nothing at all


def why_unusable(update: Update) -> str | None:
    """Why an update is no message to answer, or None when it may be one."""
    if update.edited_message is not None:
        return "edited message"
    if update.edited_channel_post is not None:
        return "edited channel post"
    if update.channel_post is not None:
        return "channel post"
    message = update.message
    if message is not None and message.chat is None:
        return NO_CHAT
    if message is not None and message.from_user is None:
        return NO_SENDER
    return None


def keyboard(choices: tuple[Choice, ...]) -> InlineKeyboardMarkup | None:
    """One button per choice: a row for a few short ones, two a row for longer lists."""
    if not choices or any(len(c.value.encode()) > CALLBACK_DATA_LIMIT for c in choices):
        return None
    buttons = [InlineKeyboardButton(c.label, callback_data=c.value) for c in choices]
    per_row = len(buttons) if len(buttons) <= 3 else 2
    return InlineKeyboardMarkup([buttons[i:i + per_row] for i in range(0, len(buttons), per_row)])


def chosen_label(message: Message, value: str) -> str:
    markup = message.reply_markup
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            if button.callback_data == value:
                return button.text
    return value


def seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def retry_after_seconds(error: RetryAfter) -> float:
    # PTB 22 warns when retry_after is read as an int; either type is fine here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return seconds(error.retry_after)


def build_application(settings: Settings, polling: bool) -> Application:
    builder = (Application.builder()
               .token(settings.telegram_bot_token.get_secret_value())
               .base_url(settings.telegram_api_url))
    if settings.telegram_api_url.endswith("/bot"):
        builder = builder.base_file_url(settings.telegram_api_url[:-len("bot")] + "file/bot")
    if not polling:
        builder = builder.updater(None)  # the webhook comes through our own server
    return builder.build()


class TelegramChannel:
    def __init__(
        self,
        settings: Settings,
        conversations: ConversationService,
        clock: Callable[[], datetime],
        metrics: Metrics,
        on_queued: Callable[[], None],
        run_blocking: BlockingRunner,
        nearest_postcode: NearestPostcode | None = None,
        poll_timeout: timedelta = timedelta(seconds=10),
    ) -> None:
        self._settings = settings
        self._conversations = conversations
        self._clock = clock
        self._metrics = metrics
        self._on_queued = on_queued
        self._run = run_blocking
        self._nearest_postcode = nearest_postcode
        self._poll_timeout = poll_timeout
        self.polling = not settings.public_url
        self.application = build_application(settings, self.polling)
        # Updates whose handling failed for a reason worth retrying (the
        # database was busy): the webhook answers 503 so Telegram sends them again.
        self._retry_updates: set[int] = set()
        # Updates the hub can never keep (ids longer than it keeps): the webhook answers
        # 400, for good, rather than 200 for a message that was not stored.
        self._refused_updates: set[int] = set()
        private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        app = self.application
        # Before any filter looks at an update's chat (which may be missing).
        app.add_handler(TypeHandler(Update, self._set_aside_unusable), group=-1)
        app.add_handler(MessageHandler(private & filters.COMMAND, self._on_command))
        app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, self._on_text))
        app.add_handler(MessageHandler(private & filters.LOCATION, self._on_location))
        app.add_handler(MessageHandler(private & filters.CONTACT, self._on_contact))
        app.add_handler(MessageHandler(private & filters.CAPTION, self._on_caption))
        app.add_handler(MessageHandler(private, self._on_unreadable))  # everything else
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_error_handler(self._on_error)

    # Lifecycle.

    async def start(self) -> None:
        app = self.application
        await app.initialize()  # getMe: fails fast on a wrong token
        if self.polling:
            await app.updater.start_polling(timeout=self._poll_timeout,
                                            allowed_updates=Update.ALL_TYPES)
        else:
            await app.bot.set_webhook(
                url=self._settings.public_url.rstrip("/") + "/telegram",
                secret_token=self._settings.telegram_webhook_secret.get_secret_value(),
                allowed_updates=Update.ALL_TYPES)
        await app.start()
        mode = "long polling" if self.polling else "webhook"
        log.info("telegram: on as @%s (%s)", app.bot.username, mode)

    async def stop(self) -> None:
        app = self.application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        # A start that failed at getMe leaves the application uninitialised, which
        # shutdown() skips, and the bot's connection pools open: close them.
        await app.bot.shutdown()

    # The webhook.

    async def receive_webhook(self, request: Request) -> Response:
        secret = self._settings.telegram_webhook_secret.get_secret_value()
        # Compared in constant time, so the time a refusal takes tells nothing of the secret.
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            self._metrics.rejected("telegram_secret")
            log.warning("telegram: refused a webhook call without the right secret")
            return PlainTextResponse("forbidden", status_code=403)
        try:
            update = Update.de_json(await request.json(), self.application.bot)
        except HTTPException:
            raise  # a body over the webhook limit: the server answers 413
        except Exception:
            self._metrics.error("telegram_update")
            log.warning("telegram: webhook body is not an update")
            return PlainTextResponse("bad update", status_code=400)
        # Handled before answering, so a 200 means the update is stored.
        await self.application.process_update(update)
        if update.update_id in self._retry_updates:
            self._retry_updates.discard(update.update_id)
            return PlainTextResponse("try again", status_code=503)
        if update.update_id in self._refused_updates:
            self._refused_updates.discard(update.update_id)
            return PlainTextResponse("unusable update", status_code=400)
        return Response(status_code=200)

    # Handlers: each turns an update into one message for the dialogue.

    async def _on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._receive(update, command_as_words(update.effective_message.text or ""))

    async def _on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._receive(update, update.effective_message.text or "")

    async def _on_location(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        location = update.effective_message.location
        postcode = None
        if self._nearest_postcode is not None:
            postcode = await asyncio.to_thread(self._nearest_postcode, location.latitude,
                                               location.longitude)
        # Read as the postcode only where the postcode was asked; elsewhere a kind reply.
        await self._receive(update, postcode or LOCATION_WITHOUT_POSTCODE,
                            unreadable_screen(LOCATION))

    async def _on_caption(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A photo or file with words under it: the words are what the hub reads (a
        receipt's photo is kept first)."""
        caption = update.effective_message.caption or ""
        await self._receive(update, caption, await self._receipt_photo_screen(update, caption))

    async def _on_unreadable(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        kind = content_kind(update.effective_message)
        receipt = await self._receipt_photo_screen(update, "")
        await self._receive(update, f"shared {kind}", receipt or unreadable_screen(kind))

    async def _receipt_photo_screen(self, update: Update, caption: str):
        """A photo from a volunteer whose task needs a receipt: downloaded through the bot
        (only then, so no one else's pictures are fetched) and kept by the screen."""
        photo_sizes = update.effective_message.photo
        user = update.effective_user
        if not photo_sizes or user is None:
            return None
        if not await self._run(expects_receipt_photo_from, self._conversations.session_factory,
                               IdentityKind.TELEGRAM, str(user.id), self._clock()):
            return None
        largest = photo_sizes[-1]  # Telegram lists the sizes smallest first
        photo = await fetch_telegram_photo(self.application.bot, largest.file_id,
                                           largest.file_size)
        return receipt_photo_screen(photo, with_words=bool(caption.strip()))

    async def _set_aside_unusable(self, update: Update,
                                  context: ContextTypes.DEFAULT_TYPE) -> None:
        """Updates no one is waiting for an answer to, or that cannot be answered, stop here:
        one line in the log, no traceback, and (for the webhook) a 200 so Telegram does not
        send them again."""
        reason = why_unusable(update)
        if reason is None:
            return
        odd = reason in (NO_CHAT, NO_SENDER)
        log.log(logging.WARNING if odd else logging.INFO, "telegram: update %s ignored: %s",
                update.update_id, reason)
        raise ApplicationHandlerStop

    async def _on_contact(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        contact = update.effective_message.contact
        own = contact.user_id is not None and contact.user_id == update.effective_user.id
        screen = link_phone_screen(contact.phone_number, own,
                                   self._settings.default_phone_region, self._clock)
        await self._receive(update, "shared contact", screen)

    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        value = query.data or ""
        # Show the choice under its question before the dialogue answers, so the
        # chat reads in order. Doing it again for a replayed update is harmless.
        try:
            await query.answer()
            message = query.message
            if isinstance(message, Message) and message.text:
                label = chosen_label(message, value)
                await query.edit_message_text(f"{message.text}\n\n{CHOSEN_MARK} {label}")
        except TelegramError as error:
            # An old button's query may have expired, or the edit was done before.
            log.info("telegram: could not mark a button press: %s", error.message)
        await self._receive(update, value)

    async def _receive(self, update: Update, text: str,
                       screen: MessageScreen | None = None) -> None:
        """Hand one message to the services and wake the outbox for the replies."""
        started = time.perf_counter()
        user = update.effective_user
        if user is None:
            return
        try:
            message = IncomingMessage(
                channel=CHANNEL,
                identity_kind=IdentityKind.TELEGRAM,
                address=str(user.id),
                channel_message_id=str(update.update_id),
                text=text,  # cleaned of control characters there, as for every channel
                received_at=self._clock(),
                language_hint=user.language_code,  # someone new starts in their app's language
            )
        except UnusableMessage as error:
            self._metrics.error("telegram_update")
            log.warning("telegram: update %s refused: %s", update.update_id, error)
            if not self.polling:
                self._refused_updates.add(update.update_id)
            return
        handled = await self._run(self._conversations.receive, message, screen)
        self._metrics.message_in(CHANNEL, time.perf_counter() - started)
        if handled.replies and not handled.duplicate:
            self._on_queued()

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        self._metrics.error("telegram_update")
        update_id = update.update_id if isinstance(update, Update) else None
        if isinstance(error, OperationalError) and update_id is not None:
            self._retry_updates.add(update_id)
        # Never the message text: only what kind of failure, for which update.
        log.error("telegram: update %s failed: %s", update_id, error.__class__.__name__,
                  exc_info=error)


@dataclass(frozen=True)
class TelegramSender:
    """Sends outbox rows with the bot, within Telegram's rate limits."""

    application: Application
    limiter: TelegramRateLimiter

    async def send(self, message: OutgoingMessage) -> Sent:
        markup = keyboard(message.choices)
        text = message.body if markup or not message.choices else as_plain_text(
            Reply(message.body, message.choices), message.language)
        await self.limiter.wait(message.address)
        try:
            sent = await self._deliver(message, text, markup)
        except RetryAfter as error:
            wait = retry_after_seconds(error)
            self.limiter.pause(wait)
            raise TryLater("telegram flood control", wait) from error
        except Forbidden as error:
            raise Undeliverable(f"telegram: {error.message}") from error
        except BadRequest as error:
            if "chat not found" in error.message.lower() or "deactivated" in error.message.lower():
                raise Undeliverable(f"telegram: {error.message}") from error
            raise Rejected(f"telegram: {error.message}") from error
        except NetworkError as error:  # timeouts, 5xx, connection failures
            raise TryLater(f"telegram: {error.message}", outage=True) from error
        except TelegramError as error:  # e.g. a revoked token: worth retrying once fixed
            raise TryLater(f"telegram: {error.message}", outage=True) from error
        return Sent(f"{sent.chat_id}:{sent.message_id}", delivered=True)

    async def probe(self) -> None:
        """Raises unless the Bot API answers (getMe): is Telegram back?"""
        await self.application.bot.get_me()

    async def _deliver(self, message: OutgoingMessage, text: str,
                       markup: InlineKeyboardMarkup | None) -> Message:
        """The text alone, or the file with the text as its caption."""
        bot = self.application.bot
        file = message.attachment
        if file is None:
            return await bot.send_message(chat_id=int(message.address), text=text,
                                          reply_markup=markup)
        if len(text) > MessageLimit.CAPTION_LENGTH:
            text = text[:MessageLimit.CAPTION_LENGTH - 1] + "…"
        return await bot.send_document(chat_id=int(message.address), document=file.content,
                                       filename=file.filename, caption=text,
                                       reply_markup=markup)
