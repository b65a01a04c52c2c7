"""`POST /twilio/voice/incoming`: a resident rings the hub's number instead of texting.

The caller hears who they have reached. With NEIGHBOURLY_CALLS_FORWARD_TO set they
are put through to that line (a coordinators' phone); if nobody answers there, or
there is no such line, they are told a coordinator will ring them back, and every
coordinator is asked to (`bot.services.help_requests.phone_in`). Twilio posts the forwarded leg's
result to `POST /twilio/voice/incoming/done`. Both are signature-checked like SMS.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from twilio.twiml.voice_response import VoiceResponse

from bot.app import Hub
from bot.channels.sms import TwilioSignature
from bot.services.running.conversations import storable_id
from bot.services.shared.identities import InvalidPhoneNumber, mask_phone, normalise_phone
from bot.services.help_requests.phone_in import ask_for_call_back, record_call
from bot.services.shared.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
TWIML_CONTENT_TYPE = "application/xml"
# Spoken in a British voice: the callers are British.
SPOKEN_LANGUAGE = "en-GB"
RING_SECONDS = 25


class IncomingCalls:
    def __init__(self, hub: Hub, run_blocking) -> None:
        settings = hub.settings
        self._hub = hub
        self._run = run_blocking
        self._signature = TwilioSignature(settings.twilio_auth_token.get_secret_value(),
                                          settings.public_url)
        self._done_url = f"{settings.public_url.rstrip('/')}/twilio/voice/incoming/done"
        self._zone = ZoneInfo(settings.timezone)
        self._forward_to = ""
        if settings.calls_forward_to:
            try:
                self._forward_to = normalise_phone(settings.calls_forward_to,
                                                   settings.default_phone_region)
            except InvalidPhoneNumber:
                log.warning("calls are not forwarded: NEIGHBOURLY_CALLS_FORWARD_TO is not a "
                            "phone number")

    async def answer(self, request: Request) -> Response:
        form, refused = await self._checked(request)
        if refused is not None:
            return refused
        caller, sid = form["From"], form["CallSid"]
        hub_name = self._hub.settings.hub_name
        if not is_phone_number(caller):  # a withheld number: nobody could ring back
            response = VoiceResponse()
            response.say(f"Thank you for calling {hub_name}. We can't see your number, so we "
                         "can't ring you back. Please send a text message to this number, or "
                         "call again without hiding your number. Goodbye.",
                         language=SPOKEN_LANGUAGE)
            return twiml(response)
        if self._forward_to:
            await self._run(self._record, caller, sid, False)
            log.info("voice: putting a call from %s through", mask_phone(caller))
            response = VoiceResponse()
            response.say(f"Thank you for calling {hub_name}. Putting you through now.",
                         language=SPOKEN_LANGUAGE)
            response.dial(timeout=RING_SECONDS, action=self._done_url).number(self._forward_to)
            return twiml(response)
        await self._run(self._record, caller, sid, True)
        return twiml(self._call_back_said(f"Thank you for calling {hub_name}."))

    async def dial_done(self, request: Request) -> Response:
        form, refused = await self._checked(request)
        if refused is not None:
            return refused
        if form.get("DialCallStatus", "").lower() == "completed":
            response = VoiceResponse()
            response.hangup()
            return twiml(response)
        if is_phone_number(form["From"]):
            await self._run(self._record, form["From"], form["CallSid"], True)
        return twiml(self._call_back_said("Sorry, nobody could answer just now."))

    async def _checked(self, request: Request):
        form = await self._signature.signed_form(request)
        if form is None:
            log.warning("voice: refused a call webhook with a missing or wrong signature")
            return {}, PlainTextResponse("invalid signature", status_code=403)
        if not form.get("From") or not form.get("CallSid"):
            return form, PlainTextResponse("From and CallSid are needed", status_code=400)
        if not storable_id(form["CallSid"]):  # kept as the call's message id
            return form, PlainTextResponse("CallSid is not one Twilio gives", status_code=400)
        return form, None

    def _call_back_said(self, opening: str) -> VoiceResponse:
        response = VoiceResponse()
        response.say(f"{opening} A coordinator will ring you back on this number soon. You "
                     "can also send a text message to this number saying what help you need. "
                     "Goodbye.", language=SPOKEN_LANGUAGE)
        return response

    def _record(self, caller: str, call_sid: str, ask_call_back: bool) -> None:
        hub, now = self._hub, self._hub.clock()
        with UnitOfWork(hub.session_factory) as uow:
            person = record_call(uow.session, caller, call_sid, now)
            if ask_call_back and not ask_for_call_back(uow.session, person, caller, call_sid,
                                                       now, hub.checkins.notifier, self._zone):
                log.info("voice: call %s already passed on (or no coordinator yet)", call_sid)
            uow.commit()


def twiml(response: VoiceResponse) -> Response:
    # The twilio library escapes the hub's name and numbers in the XML it writes.
    return Response(str(response), media_type=TWIML_CONTENT_TYPE)


# What Twilio puts in From when the caller hides their number: words, or these
# placeholders (ANONYMOUS, RESTRICTED, BLOCKED, UNKNOWN, UNAVAILABLE on a keypad).
WITHHELD = frozenset({"+266696687", "+7378742833", "+2562533", "+8656696", "+86282452253"})


def is_phone_number(caller: str) -> bool:
    """A number we could ring back: not withheld, and the right length for its country."""
    if caller in WITHHELD:
        return False
    try:
        return normalise_phone(caller) == caller
    except InvalidPhoneNumber:
        return False
