"""`POST /twilio/voice/incoming`: a resident rings the hub's number instead of texting.

The caller hears who they have reached, in their language when the hub knows their
number (else the default; the words are in the message catalogue, "spoken.*").
With NEIGHBOURLY_CALLS_FORWARD_TO set they are put through to that line (a coordinators' phone); if nobody answers there, or
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
from bot.channels.voice import spoken_language
from bot.dialogue.catalogue import DEFAULT_LANGUAGE, text
from bot.services.running.conversations import storable_id
from bot.services.shared.identities import InvalidPhoneNumber, mask_phone, normalise_phone
from bot.services.help_requests.phone_in import ask_for_call_back, record_call
from bot.services.shared.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
TWIML_CONTENT_TYPE = "application/xml"
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
            # Nor can we tell who it is, so the hub's default language.
            return twiml(said(DEFAULT_LANGUAGE, text(DEFAULT_LANGUAGE, "spoken.withheld_number",
                                                     hub=hub_name)))
        if self._forward_to:
            language = await self._run(self._record, caller, sid, False)
            log.info("voice: putting a call from %s through", mask_phone(caller))
            response = said(language, text(language, "spoken.putting_through", hub=hub_name))
            response.dial(timeout=RING_SECONDS, action=self._done_url).number(self._forward_to)
            return twiml(response)
        language = await self._run(self._record, caller, sid, True)
        return twiml(call_back_said(language, text(language, "spoken.thanks_for_calling",
                                                   hub=hub_name)))

    async def dial_done(self, request: Request) -> Response:
        form, refused = await self._checked(request)
        if refused is not None:
            return refused
        if form.get("DialCallStatus", "").lower() == "completed":
            response = VoiceResponse()
            response.hangup()
            return twiml(response)
        language = DEFAULT_LANGUAGE
        if is_phone_number(form["From"]):
            language = await self._run(self._record, form["From"], form["CallSid"], True)
        return twiml(call_back_said(language, text(language, "spoken.nobody_answered")))

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

    def _record(self, caller: str, call_sid: str, ask_call_back: bool) -> str:
        """Keeps the call (and asks for a call back); the caller's language, to answer in."""
        hub, now = self._hub, self._hub.clock()
        with UnitOfWork(hub.session_factory) as uow:
            person = record_call(uow.session, caller, call_sid, now)
            if ask_call_back and not ask_for_call_back(uow.session, person, caller, call_sid,
                                                       now, hub.checkins.notifier, self._zone):
                log.info("voice: call %s already passed on (or no coordinator yet)", call_sid)
            language = person.language
            uow.commit()
        return language


def said(language: str, words: str) -> VoiceResponse:
    """TwiML that says `words` in the voice of their language."""
    response = VoiceResponse()
    response.say(words, language=spoken_language(language))
    return response


def call_back_said(language: str, opening: str) -> VoiceResponse:
    """The opening, then that a coordinator will ring back, said as one."""
    return said(language, f"{opening} {text(language, 'spoken.call_back')}")


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
