"""The SMS channel, through Twilio.

Inbound: Twilio POSTs each text to /twilio/sms. The signature is checked
against NEIGHBOURLY_PUBLIC_URL + path (missing or wrong: 403, nothing
stored; missing or malformed: 403 before the body is read; a body over
NEIGHBOURLY_MAX_WEBHOOK_BYTES: 413, read no further); the form becomes an
`InboundSms` (a sender that is no phone number, or an id no Twilio message
has: 400, for good, where a 503 would ask Twilio to try again); its text is
cleaned of control characters; STOP/START/HELP are handled by
`bot.services.running.opt_out` before the dialogue, in the same unit of work; the
replies go straight back as TwiML and are stored as sent. A retried webhook
(same MessageSid) gets the same TwiML and changes nothing.

Outbound: messages the hub starts (offers, news) leave from the outbox
through the REST API, with a status callback to /twilio/sms/status that
records delivery. Choices are written as words ("Reply YES or NO").
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Mapping
from urllib.parse import parse_qsl
from xml.etree import ElementTree

import httpx
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from twilio.base.exceptions import TwilioRestException
from twilio.http import AsyncHttpClient
from twilio.http.response import Response as TwilioResponse
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.messaging_response import MessagingResponse

from bot.channels.blocking import BlockingRunner
from bot.channels.metrics import Metrics
from bot.dialogue.render import as_plain_text
from bot.dialogue.types import Reply
from bot.services.running.conversations import (
    ConversationService,
    HandledMessage,
    IncomingMessage,
    UnusableMessage,
    storable_id,
)
from bot.services.sending.delivery import (
    OutgoingMessage,
    Rejected,
    Sent,
    TryLater,
    Undeliverable,
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
from bot.services.running.opt_out import SmsKeywords
from bot.settings import Settings

log = logging.getLogger(__name__)

CHANNEL = "sms"
TWIML_CONTENT_TYPE = "application/xml"
# What twilio's TwiML.to_xml() puts before the document (see twiml()).
TWIML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
# An answer with nothing to send back (delivery reports, repeats Twilio retried).
EMPTY_TWIML = str(MessagingResponse())
# Twilio error codes meaning this number cannot get our texts
# (https://www.twilio.com/docs/api/errors): opted out, not a valid or mobile
# number, unknown or unreachable destination.
OPTED_OUT_CODE = 21610
UNDELIVERABLE_CODES = frozenset({21610, 21211, 21612, 21614, 30005, 30006})


class BadRequest(ValueError):
    """The webhook form lacks what every Twilio SMS webhook carries."""


@dataclass(frozen=True)
class InboundSms:
    message_sid: str
    from_number: str
    to_number: str
    body: str
    # Set by Twilio when it recognised an opt-out keyword itself: STOP, START or HELP.
    opt_out_type: str | None

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> InboundSms:
        sid, sender = form.get("MessageSid", ""), form.get("From", "")
        if not sid or not sender:
            raise BadRequest("MessageSid and From are required")
        return cls(sid, sender, form.get("To", ""), form.get("Body", ""),
                   form.get("OptOutType") or None)


@dataclass(frozen=True)
class StatusReport:
    message_sid: str
    status: str  # queued, sent, delivered, undelivered, failed, ...
    error_code: int | None

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> StatusReport:
        sid = form.get("MessageSid") or form.get("SmsSid") or ""
        status = form.get("MessageStatus") or form.get("SmsStatus") or ""
        if not sid or not status:
            raise BadRequest("MessageSid and MessageStatus are required")
        if not storable_id(sid):
            raise BadRequest("MessageSid is not one Twilio gives")
        code = form.get("ErrorCode") or ""
        return cls(sid, status.lower(), int(code) if code.isdigit() else None)


def twiml(texts: list[str]) -> str:
    """A TwiML answer carrying each text as its own SMS (several are allowed)."""
    response = MessagingResponse()
    for text in texts:
        response.message(text)
    # The document str(response) gives (twilio's to_xml), written straight to text: to_xml
    # has ElementTree encode to UTF-8 bytes and decodes them again, and setting up that
    # encoder cost more than the rest of building the answer, on the event loop, for every
    # message. Only a lone surrogate would come out differently, and replies hold none
    # (what residents type is decoded from UTF-8 with errors replaced).
    return TWIML_DECLARATION + ElementTree.tostring(response.xml(), encoding="unicode")


BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")


class TwilioSignature:
    """Checks X-Twilio-Signature for the URL Twilio called: our public address + path."""

    def __init__(self, auth_token: str, public_url: str) -> None:
        self._validator = RequestValidator(auth_token)
        self._public_url = public_url.rstrip("/")
        # Every signature the validator makes is as long as this one (base64 of one HMAC).
        self._length = len(self._validator.compute_signature(self._public_url, {}))

    def url_for(self, request: Request) -> str:
        query = request.url.query
        return f"{self._public_url}{request.url.path}" + (f"?{query}" if query else "")

    def is_valid(self, request: Request, form: Mapping[str, str]) -> bool:
        signature = request.headers.get("x-twilio-signature")
        if not signature:
            return False
        return self._validator.validate(self.url_for(request), dict(form), signature)

    def could_be_valid(self, request: Request) -> bool:
        """Whether the request carries something shaped like a signature at all."""
        signature = request.headers.get("x-twilio-signature", "")
        return len(signature) == self._length and BASE64.fullmatch(signature) is not None

    async def signed_form(self, request: Request) -> dict[str, str] | None:
        """The form Twilio posted, or None when Twilio did not sign it. Without a signature
        that could be true the body is never read; otherwise it is read no further than the
        route allows (the server's body limit answers 413 past it) and checked against the
        signature before anything in it is used."""
        if not self.could_be_valid(request):
            return None
        form = await read_form(request)
        return form if self.is_valid(request, form) else None


async def read_form(request: Request) -> dict[str, str]:
    """Twilio posts application/x-www-form-urlencoded; nothing more is needed to read it."""
    body = (await request.body()).decode("utf-8", errors="replace")
    return dict(parse_qsl(body, keep_blank_values=True))


class SmsChannel:
    """Handles Twilio's webhooks; one instance per server."""

    def __init__(
        self,
        settings: Settings,
        conversations: ConversationService,
        keywords: SmsKeywords,
        session_factory,
        clock: Callable[[], datetime],
        metrics: Metrics,
        on_unreachable: UnreachableHandler,
        run_blocking: BlockingRunner,
    ) -> None:
        self._run = run_blocking
        self._settings = settings
        self._conversations = conversations
        self._keywords = keywords
        self._session_factory = session_factory
        self._clock = clock
        self._metrics = metrics
        self._on_unreachable = on_unreachable
        self._signature = TwilioSignature(settings.twilio_auth_token.get_secret_value(),
                                          settings.public_url)

    async def receive_webhook(self, request: Request) -> Response:
        started = time.perf_counter()
        form = await self._signature.signed_form(request)
        if form is None:
            self._metrics.rejected("sms_signature")
            log.warning("sms: refused a webhook with a missing or wrong signature")
            return PlainTextResponse("invalid signature", status_code=403)
        try:
            sms = InboundSms.from_form(form)
            message = self.incoming(sms)
        except (BadRequest, InvalidPhoneNumber, UnusableMessage) as error:
            # For good: Twilio does not retry a 4xx, and no retry could store this.
            self._metrics.error("sms_form")
            log.warning("sms: unusable webhook: %s", mask_phones_in(str(error)))
            return PlainTextResponse(str(error), status_code=400)
        try:
            handled = await self._run(
                self._conversations.receive, message, self._keywords.screen_for(sms.opt_out_type))
        except Exception:
            # Twilio retries on 5xx; the MessageSid makes the retry safe.
            self._metrics.error("sms_receive")
            log.exception("sms: could not handle message %s from %s", sms.message_sid,
                          mask_phone(sms.from_number))
            return PlainTextResponse("try again", status_code=503)
        self._metrics.message_in(CHANNEL, time.perf_counter() - started)
        if handled.replies and not handled.duplicate:
            self._metrics.message_out(CHANNEL, "inline", len(handled.replies))
        return Response(twiml(reply_texts(handled)), media_type=TWIML_CONTENT_TYPE)

    def incoming(self, sms: InboundSms) -> IncomingMessage:
        """The message for the dialogue; the sender must be a phone number, in E.164."""
        return IncomingMessage(
            channel=CHANNEL,
            identity_kind=IdentityKind.PHONE,
            address=normalise_phone(sms.from_number, self._settings.default_phone_region),
            channel_message_id=sms.message_sid,
            text=sms.body,
            received_at=self._clock(),
            replies_inline=True,
        )

    async def receive_status(self, request: Request) -> Response:
        form = await self._signature.signed_form(request)
        if form is None:
            self._metrics.rejected("sms_status_signature")
            return PlainTextResponse("invalid signature", status_code=403)
        try:
            report = StatusReport.from_form(form)
        except BadRequest as error:
            return PlainTextResponse(str(error), status_code=400)
        undeliverable = report.error_code in UNDELIVERABLE_CODES
        outbox = request.query_params.get("outbox", "")
        try:
            await self._run(
                record_provider_status, self._session_factory, CHANNEL, report.message_sid,
                report.status, f"twilio error {report.error_code}" if report.error_code else None,
                undeliverable, self._on_unreachable, self._clock(),
                int(outbox) if outbox.isdigit() else None)
        except Exception:
            self._metrics.error("sms_status")
            log.exception("sms: could not record status of %s", report.message_sid)
            return PlainTextResponse("try again", status_code=503)
        return Response(EMPTY_TWIML, media_type=TWIML_CONTENT_TYPE)


def reply_texts(handled: HandledMessage) -> list[str]:
    """The replies as the words a phone shows (choices written out), for TwiML: SMS and
    WhatsApp alike."""
    return [as_plain_text(Reply(reply.body, reply.choices), reply.language)
            for reply in handled.replies]


class TwilioHttpClient(AsyncHttpClient):
    """The twilio library's HTTP, on httpx: one pooled client, TWILIO_API_URL honoured.

    429 and 5xx answers and network failures become `TryLater` here, where
    the Retry-After header can still be read.
    """

    TWILIO_API = "https://api.twilio.com"

    def __init__(self, api_url: str = "", timeout: float = 10.0) -> None:
        super().__init__(logger=log, is_async=True, timeout=timeout)
        self._api_url = api_url.rstrip("/")
        self._client = httpx.AsyncClient(timeout=timeout)

    async def request(self, method: str, uri: str, params=None, data=None, headers=None,
                      auth=None, timeout=None, allow_redirects=False) -> TwilioResponse:
        if self._api_url and uri.startswith(self.TWILIO_API):
            uri = self._api_url + uri[len(self.TWILIO_API):]
        try:
            response = await self._client.request(
                method, uri, params=params, data=data, headers=headers, auth=auth,
                timeout=timeout or self.timeout, follow_redirects=allow_redirects)
        except httpx.TimeoutException as error:
            raise TryLater(f"twilio timed out: {error.__class__.__name__}",
                           outage=True) from error
        except httpx.TransportError as error:
            raise TryLater(f"twilio unreachable: {error.__class__.__name__}",
                           outage=True) from error
        if response.status_code == 429 or response.status_code >= 500:
            raise TryLater(f"twilio answered {response.status_code}",
                           retry_after_seconds(response.headers.get("retry-after")),
                           outage=response.status_code >= 500)
        return TwilioResponse(response.status_code, response.text, response.headers)

    async def close(self) -> None:
        await self._client.aclose()


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After in seconds (HTTP dates are not used by Twilio or Telegram)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


class TwilioSender:
    """Sends outbox rows through Twilio's Messages API."""

    def __init__(self, settings: Settings, http_client: TwilioHttpClient) -> None:
        self._settings = settings
        self._http_client = http_client
        self._client = Client(settings.twilio_account_sid,
                              settings.twilio_auth_token.get_secret_value(),
                              http_client=http_client)
        public_url = settings.public_url.rstrip("/")
        self._status_callback = f"{public_url}/twilio/sms/status" if public_url else None

    def status_callback(self, message: OutgoingMessage) -> str | None:
        """Where Twilio reports on this message: naming its outbox row, because the
        report can arrive before the worker has stored Twilio's id for it."""
        if self._status_callback is None:
            return None
        return f"{self._status_callback}?outbox={message.outbound_id}"

    async def send(self, message: OutgoingMessage) -> Sent:
        body = as_plain_text(Reply(message.body, message.choices), message.language)
        options: dict[str, str] = {}
        if self._settings.twilio_messaging_service_sid:
            options["messaging_service_sid"] = self._settings.twilio_messaging_service_sid
        else:
            options["from_"] = self._settings.twilio_from_number
        status_callback = self.status_callback(message)
        if status_callback:
            options["status_callback"] = status_callback
        try:
            created = await self._client.messages.create_async(
                to=message.address, body=body, **options)
        except TwilioRestException as error:
            code = error.code if isinstance(error.code, int) else None
            if code in UNDELIVERABLE_CODES:
                raise Undeliverable(f"twilio error {code}") from error
            if error.status == 429 or error.status >= 500:
                raise TryLater(f"twilio error {code or error.status}",
                               outage=error.status >= 500) from error
            # Twilio's wording may quote the number; it is logged and stored.
            raise Rejected(f"twilio error {code or error.status}: "
                           f"{mask_phones_in(error.msg or '')[:120]}") from error
        return Sent(created.sid)

    async def probe(self) -> None:
        """Raises unless Twilio answers for the account: is it back?"""
        await fetch_account(self._client, self._settings.twilio_account_sid)

    async def close(self) -> None:
        await self._http_client.close()


async def fetch_account(client: Client, account_sid: str) -> None:
    """The account's own record: the lightest call that proves Twilio answers us."""
    await client.api.v2010.accounts(account_sid).fetch_async()
