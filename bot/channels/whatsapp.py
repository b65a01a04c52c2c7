"""The WhatsApp channel, through Twilio's Messages API, as SMS is.

Inbound: Twilio POSTs each WhatsApp message to /twilio/whatsapp (the WhatsApp sender's
"A message comes in" webhook), signed as SMS webhooks are and checked the same way. The
sender, `whatsapp:+447700900123`, is the number's WhatsApp identity, linked to the person
who texts from that number (`bot.services.running.whatsapp`). A tapped quick-reply button is read
as its payload ("YES R-7Q4K"); a shared location (Latitude/Longitude) as the nearest
postcode where the postcode was asked, as on Telegram; a photo or other file without
words gets the kind answer Telegram's do (the hub keeps no pictures: a receipt's amount is
asked for in words). STOP, START and HELP are the hub's own here (WhatsApp has no carrier
keywords). Replies go straight back as TwiML: a reply is always inside WhatsApp's window.

Outbound (`WhatsAppSender`): inside the 24-hour window the message goes free-form, its
choices written as words; a message with an approved template (TWILIO_WHATSAPP_TEMPLATES)
goes as that template wherever it is (its buttons are the template's quick replies);
outside the window with no template, or when WhatsApp refuses it, the same words go once
by SMS to the same number (`SendInstead`), with WhatsApp's error kept on the row.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Awaitable, Callable, Mapping

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from bot.channels.blocking import BlockingRunner
from bot.channels.media import fetch_twilio_media
from bot.channels.metrics import Metrics
from bot.channels.sms import (
    EMPTY_TWIML,
    TWIML_CONTENT_TYPE,
    BadRequest,
    StatusReport,
    TwilioHttpClient,
    TwilioSignature,
    fetch_account,
    reply_texts,
    twiml,
)
from bot.dialogue.render import as_plain_text
from bot.dialogue.types import Reply
from bot.dialogue.unreadable import LOCATION
from bot.services.running.conversations import (
    ConversationService,
    IncomingMessage,
    UnusableMessage,
)
from bot.services.sending.delivery import (
    OutgoingMessage,
    SendInstead,
    Sent,
    TryLater,
    UnreachableHandler,
    record_provider_status,
)
from bot.services.shared.identities import (
    IdentityKind,
    InvalidPhoneNumber,
    mask_phone,
    mask_phones_in,
    normalise_phone,
)
from bot.services.running.receipt_photos import (
    expects_receipt_photo_from,
    is_photo_type,
    receipt_photo_screen,
)
from bot.services.running.unreadable import unreadable_screen
from bot.services.running.whatsapp import (
    CHANNEL,
    WhatsAppKeywords,
    link_whatsapp_number,
    send_by_sms_after_failure,
    whatsapp_screen,
    within_service_window,
)
from bot.services.sending.whatsapp_templates import WhatsAppTemplates
from bot.settings import Settings

log = logging.getLogger(__name__)

PREFIX = "whatsapp:"
# What the dialogue hears when a location cannot be turned into a postcode (as Telegram).
LOCATION_WITHOUT_POSTCODE = "shared location"
# Twilio's error for a free-form WhatsApp message outside the 24-hour window.
OUTSIDE_WINDOW_CODE = 63016
SMS = "sms"


def whatsapp_address(number: str) -> str:
    return f"{PREFIX}{number}"


def number_of(address: str) -> str:
    """"whatsapp:+447700900123" -> "+447700900123"; anything else is no WhatsApp sender."""
    if not address.startswith(PREFIX):
        raise BadRequest("From is not a WhatsApp address")
    return address[len(PREFIX):]


def media_kind(content_type: str) -> str:
    """A media item's kind, as dialogue.unreadable names it."""
    major = content_type.split("/")[0].lower()
    return {"image": "photo", "video": "video", "audio": "voice"}.get(major, "document")


@dataclass(frozen=True)
class InboundWhatsApp:
    message_sid: str
    from_address: str
    body: str
    button_payload: str
    latitude: float | None
    longitude: float | None
    media_types: tuple[str, ...]
    media_urls: tuple[str, ...] = ()

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> InboundWhatsApp:
        sid, sender = form.get("MessageSid", ""), form.get("From", "")
        if not sid or not sender:
            raise BadRequest("MessageSid and From are required")
        latitude, longitude = form.get("Latitude"), form.get("Longitude")
        try:
            place = (float(latitude), float(longitude)) if latitude and longitude else None
        except ValueError as error:
            raise BadRequest("Latitude and Longitude are not numbers") from error
        if place is not None and not (-90 <= place[0] <= 90 and -180 <= place[1] <= 180):
            raise BadRequest("Latitude and Longitude are not a place")
        count = form.get("NumMedia", "0")
        shown = range(min(int(count) if count.isdigit() else 0, 10))
        media = tuple(form.get(f"MediaContentType{i}", "") for i in shown)
        urls = tuple(form.get(f"MediaUrl{i}", "") for i in shown)
        return cls(sid, sender, form.get("Body", ""), form.get("ButtonPayload", ""),
                   place[0] if place else None, place[1] if place else None, media, urls)


class WhatsAppChannel:
    """Handles Twilio's WhatsApp webhooks; one instance per server."""

    def __init__(
        self,
        settings: Settings,
        conversations: ConversationService,
        keywords: WhatsAppKeywords,
        session_factory,
        clock: Callable[[], datetime],
        metrics: Metrics,
        on_unreachable: UnreachableHandler,
        run_blocking: BlockingRunner,
        nearest_postcode: Callable[[float, float], str | None] | None = None,
    ) -> None:
        self._settings = settings
        self._conversations = conversations
        self._keywords = keywords
        self._session_factory = session_factory
        self._clock = clock
        self._metrics = metrics
        self._on_unreachable = on_unreachable
        self._run = run_blocking
        self._nearest_postcode = nearest_postcode
        self._signature = TwilioSignature(settings.twilio_auth_token.get_secret_value(),
                                          settings.public_url)
        # Set by the server once its outbox worker exists: the channels it sends on, and
        # how to wake it for a text queued instead of a failed WhatsApp message.
        self._channels_on: Callable[[], frozenset[str]] = lambda: frozenset()
        self._wake_outbox: Callable[[], None] = lambda: None

    def connect_outbox(self, channels_on: Callable[[], frozenset[str]],
                       wake: Callable[[], None]) -> None:
        self._channels_on, self._wake_outbox = channels_on, wake

    async def receive_webhook(self, request: Request) -> Response:
        started = time.perf_counter()
        form = await self._signature.signed_form(request)
        if form is None:
            self._metrics.rejected("whatsapp_signature")
            log.warning("whatsapp: refused a webhook with a missing or wrong signature")
            return PlainTextResponse("invalid signature", status_code=403)
        try:
            inbound = InboundWhatsApp.from_form(form)
            number = normalise_phone(number_of(inbound.from_address),
                                     self._settings.default_phone_region)
            words, screen = await self._words_and_screen(inbound, number)
            message = IncomingMessage(
                channel=CHANNEL, identity_kind=IdentityKind.WHATSAPP, address=number,
                channel_message_id=inbound.message_sid, text=words,
                received_at=self._clock(), replies_inline=True)
        except (BadRequest, InvalidPhoneNumber, UnusableMessage) as error:
            self._metrics.error("whatsapp_form")
            log.warning("whatsapp: unusable webhook: %s", mask_phones_in(str(error)))
            return PlainTextResponse(str(error), status_code=400)
        try:
            await self._run(link_whatsapp_number, self._session_factory, number)
            handled = await self._run(self._conversations.receive, message, screen)
        except Exception:
            self._metrics.error("whatsapp_receive")
            log.exception("whatsapp: could not handle message %s from %s",
                          inbound.message_sid, mask_phone(number))
            return PlainTextResponse("try again", status_code=503)
        self._metrics.message_in(CHANNEL, time.perf_counter() - started)
        if handled.replies and not handled.duplicate:
            self._metrics.message_out(CHANNEL, "inline", len(handled.replies))
        return Response(twiml(reply_texts(handled)), media_type=TWIML_CONTENT_TYPE)

    async def _words_and_screen(self, inbound: InboundWhatsApp, number: str):
        keywords = self._keywords
        receipt = await self._receipt_photo_screen(inbound, number)
        if receipt is not None:
            return inbound.body.strip() or "shared photo", whatsapp_screen(keywords, receipt)
        if inbound.button_payload:
            return inbound.button_payload, whatsapp_screen(keywords)
        if inbound.latitude is not None and inbound.longitude is not None:
            postcode = None
            if self._nearest_postcode is not None:
                postcode = await self._run(self._nearest_postcode, inbound.latitude,
                                           inbound.longitude)
            return (postcode or LOCATION_WITHOUT_POSTCODE,
                    whatsapp_screen(keywords, unreadable_screen(LOCATION)))
        if inbound.media_types and not inbound.body.strip():
            kind = media_kind(inbound.media_types[0])
            return f"shared {kind}", whatsapp_screen(keywords, unreadable_screen(kind))
        # Words, alone or under a photo: the words are what the hub reads.
        return inbound.body, whatsapp_screen(keywords)

    async def _receipt_photo_screen(self, inbound: InboundWhatsApp, number: str):
        """A photo from a volunteer whose task needs a receipt: fetched from Twilio (only
        then, so no one else's pictures are downloaded) and kept by the screen."""
        if not (inbound.media_types and inbound.media_urls[0]
                and is_photo_type(inbound.media_types[0])):
            return None
        if not await self._run(expects_receipt_photo_from, self._session_factory,
                               IdentityKind.WHATSAPP, number, self._clock()):
            return None
        photo = await fetch_twilio_media(
            inbound.media_urls[0], self._settings.twilio_account_sid,
            self._settings.twilio_auth_token.get_secret_value(), self._settings.twilio_api_url)
        return receipt_photo_screen(photo, with_words=bool(inbound.body.strip()))

    async def receive_status(self, request: Request) -> Response:
        form = await self._signature.signed_form(request)
        if form is None:
            self._metrics.rejected("whatsapp_status_signature")
            return PlainTextResponse("invalid signature", status_code=403)
        try:
            report = StatusReport.from_form(form)
        except BadRequest as error:
            return PlainTextResponse(str(error), status_code=400)
        outbox = request.query_params.get("outbox", "")
        try:
            # WhatsApp's failures never make the number unreachable: SMS may still reach it.
            await self._run(
                record_provider_status, self._session_factory, CHANNEL, report.message_sid,
                report.status, f"twilio error {report.error_code}" if report.error_code else None,
                False, self._on_unreachable, self._clock(),
                int(outbox) if outbox.isdigit() else None)
            if await self._run(send_by_sms_after_failure, self._session_factory,
                               report.message_sid, report.status, self._channels_on(),
                               self._clock()):
                self._wake_outbox()
        except Exception:
            self._metrics.error("whatsapp_status")
            log.exception("whatsapp: could not record status of %s", report.message_sid)
            return PlainTextResponse("try again", status_code=503)
        return Response(EMPTY_TWIML, media_type=TWIML_CONTENT_TYPE)


class WhatsAppSender:
    """Sends outbox rows to WhatsApp: free-form inside the window, else by template, else
    (or when WhatsApp refuses) by SMS instead."""

    def __init__(self, settings: Settings, http_client: TwilioHttpClient,
                 templates: WhatsAppTemplates,
                 last_message_at: Callable[[str], Awaitable[datetime | None]],
                 clock: Callable[[], datetime]) -> None:
        self._settings = settings
        self._http_client = http_client
        self._client = Client(settings.twilio_account_sid,
                              settings.twilio_auth_token.get_secret_value(),
                              http_client=http_client)
        self._templates = templates
        self._last_message_at = last_message_at
        self._clock = clock
        self._from = whatsapp_address(settings.twilio_whatsapp_from)
        public_url = settings.public_url.rstrip("/")
        self._status_callback = f"{public_url}/twilio/whatsapp/status" if public_url else None

    async def send(self, message: OutgoingMessage) -> Sent:
        options: dict[str, str] = {"from_": self._from}
        if self._status_callback:
            options["status_callback"] = f"{self._status_callback}?outbox={message.outbound_id}"
        template = self._templates.for_message(message.body, message.language)
        if template is not None:
            options.update(content_sid=template.content_sid,
                           content_variables=template.content_variables)
        else:
            last = await self._last_message_at(message.address)
            if not within_service_window(last, self._clock()):
                raise SendInstead("outside WhatsApp's 24-hour window, no template", SMS,
                                  message.address)
            options["body"] = as_plain_text(Reply(message.body, message.choices),
                                            message.language)
        try:
            created = await self._client.messages.create_async(
                to=whatsapp_address(message.address), **options)
        except TwilioRestException as error:
            code = error.code if isinstance(error.code, int) else None
            if error.status == 429 or error.status >= 500:
                raise TryLater(f"twilio error {code or error.status}",
                               outage=error.status >= 500) from error
            # Whatever WhatsApp refuses (63016 outside the window, a number not on
            # WhatsApp, a template not approved) may still go as a text.
            raise SendInstead(f"whatsapp: twilio error {code or error.status}", SMS,
                              message.address) from error
        return Sent(created.sid)

    async def probe(self) -> None:
        await fetch_account(self._client, self._settings.twilio_account_sid)

    async def close(self) -> None:
        await self._http_client.close()
