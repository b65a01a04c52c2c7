"""Masked check-in calls through Twilio Voice.

The outbox hands a "voice" row to `VoiceSender`, which asks Twilio to ring
the volunteer with TwiML that then dials the resident, showing the hub's
number to both, so neither learns the other's. When the resident's leg ends
Twilio posts the result to `POST /twilio/voice/status?call=ID` (the Dial
action, signature checked), and it is logged as the call's outcome.
"""

from __future__ import annotations

import logging
from typing import Awaitable, Callable
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client
from twilio.twiml.voice_response import VoiceResponse

from bot.app import Hub
from bot.channels.sms import TwilioHttpClient, TwilioSignature, fetch_account
from bot.dialogue.catalogue import language_catalogue, text
from bot.services.calls.checkins import VOICE_BODY_PREFIX
from bot.services.sending.delivery import OutgoingMessage, Rejected, Sent, TryLater
from bot.services.shared.identities import mask_phone
from bot.services.shared.unit_of_work import UnitOfWork
from bot.settings import Settings

log = logging.getLogger(__name__)
# The answer to a Dial action once the call has ended: nothing more to do.
EMPTY_TWIML = str(VoiceResponse())
TWIML_CONTENT_TYPE = "application/xml"
# The callers are British: a language whose .po file names no voice is read in this one.
BRITISH_VOICE = "en-GB"


def spoken_language(language: str) -> str:
    """The voice Twilio reads a language's words in (<Say language="...">), as the language's
    .po file names it in "meta.spoken_language": Polish words in an English voice would be
    hard to follow."""
    return language_catalogue(language).meta.get("meta.spoken_language",
                                                  BRITISH_VOICE).strip() or BRITISH_VOICE


def bridge_twiml(hub_number: str, resident_number: str, resident_name: str,
                 action_url: str, language: str) -> str:
    """What the volunteer hears when they pick up, in their language: a word, then the
    resident's phone rings."""
    greeting = (text(language, "spoken.connecting", name=resident_name) if resident_name
                else text(language, "spoken.connecting_neighbour"))
    response = VoiceResponse()
    response.say(greeting, language=spoken_language(language))
    # The hub's number as caller id on the resident's leg keeps the volunteer's private.
    dial = response.dial(caller_id=hub_number, action=action_url, timeout=30)
    dial.number(resident_number)
    return str(response)


class VoiceSender:
    """Places masked calls for outbox rows on the "voice" channel."""

    def __init__(self, settings: Settings, http_client: TwilioHttpClient,
                 resident_for_call: Callable[[int], Awaitable[tuple[str, str] | None]]) -> None:
        self._settings = settings
        self._http_client = http_client
        self._client = Client(settings.twilio_account_sid,
                              settings.twilio_auth_token.get_secret_value(),
                              http_client=http_client)
        self._resident_for_call = resident_for_call
        self._status_url = f"{settings.public_url.rstrip('/')}/twilio/voice/status"

    async def send(self, message: OutgoingMessage) -> Sent:
        if not message.body.startswith(VOICE_BODY_PREFIX):
            raise Rejected("not a masked call")
        call_id = int(message.body[len(VOICE_BODY_PREFIX):])
        resident = await self._resident_for_call(call_id)
        if resident is None:
            raise Rejected("the calls have ended or the resident has no phone")
        number, name = resident
        action = f"{self._status_url}?call={quote(str(call_id))}"
        try:
            created = await self._client.calls.create_async(
                to=message.address, from_=self._settings.twilio_from_number,
                twiml=bridge_twiml(self._settings.twilio_from_number, number, name, action,
                                   message.language))
        except TwilioRestException as error:
            if error.status == 429 or error.status >= 500:
                raise TryLater(f"twilio error {error.code or error.status}",
                               outage=error.status >= 500) from error
            raise Rejected(f"twilio error {error.code or error.status}") from error
        log.info("voice: ringing %s for check-in %s", mask_phone(message.address), call_id)
        return Sent(created.sid, delivered=True)

    async def probe(self) -> None:
        """Raises unless Twilio answers for the account: is it back?"""
        await fetch_account(self._client, self._settings.twilio_account_sid)


class VoiceStatus:
    """`POST /twilio/voice/status`: the result of the resident's leg, as the call's outcome."""

    def __init__(self, hub: Hub, run_blocking) -> None:
        self._hub = hub
        self._signature = TwilioSignature(hub.settings.twilio_auth_token.get_secret_value(),
                                          hub.settings.public_url)
        self._run = run_blocking

    async def receive(self, request: Request) -> Response:
        form = await self._signature.signed_form(request)
        if form is None:
            return PlainTextResponse("invalid signature", status_code=403)
        call = request.query_params.get("call", "")
        if not call.isdigit():
            return PlainTextResponse("which call?", status_code=400)
        status = form.get("DialCallStatus") or form.get("CallStatus") or ""
        seconds = form.get("DialCallDuration") or "0"
        await self._run(self._record, int(call), status.lower(),
                        int(seconds) if seconds.isdigit() else 0)
        return Response(EMPTY_TWIML, media_type=TWIML_CONTENT_TYPE)

    def _record(self, call_id: int, status: str, seconds: int) -> None:
        hub = self._hub
        with UnitOfWork(hub.session_factory) as uow:
            hub.checkins.record_voice_result(uow.session, call_id, status, seconds, hub.clock())
            uow.commit()

    def resident_for_call(self, call_id: int) -> tuple[str, str] | None:
        with UnitOfWork(self._hub.session_factory) as uow:
            return self._hub.checkins.resident_number_for_call(uow.session, call_id)
