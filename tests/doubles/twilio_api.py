"""A Twilio REST API double (Messages.json), plus Twilio's side of the webhooks.

It checks the account's Basic auth, keeps every message created, refuses
numbers that texted STOP with error 21610 as Twilio does, can be told to
answer 429 or 500 for a while (or 500 to everything while `outage` is set),
answers for the account itself (the hub asks, to see Twilio is back), and
signs the webhooks and status callbacks it sends to the hub exactly as
Twilio signs them.

WhatsApp (addresses `whatsapp:+44...`): it keeps when each WhatsApp user last wrote to
the hub (through `whatsapp_hub`, on its clock), and refuses a free-form message outside
the 24-hour window with Twilio's error 63016 (Twilio itself accepts it and reports 63016
in the status callback; refusing at once is the same outcome, sooner). A message with a
ContentSid (an approved template) goes whatever the window; numbers in
`whatsapp_refused` are refused with 63003 (not on WhatsApp) whatever is sent.

Sending rate (`limit_rate`): the double can be held to a number of messages a second, as
a sender is; a message above it is refused with 429 and a Retry-After of the whole seconds
until one more may go, and counted in `too_many`. `accepted_at` keeps when each message
was taken (time.monotonic), so a test can see the rate was kept.
"""

from __future__ import annotations

import base64
import itertools
import math
import re
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable
from urllib.parse import parse_qsl

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from twilio.request_validator import RequestValidator

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token"
HUB_NUMBER = "+447700900001"


@dataclass
class CreatedMessage:
    sid: str
    to: str
    body: str
    sender: str
    status_callback: str | None
    content_sid: str | None = None
    content_variables: str | None = None


@dataclass
class CreatedCall:
    sid: str
    to: str
    caller_id: str
    twiml: str


def signature(url: str, params: dict[str, str], auth_token: str = AUTH_TOKEN) -> str:
    return RequestValidator(auth_token).compute_signature(url, params)


@dataclass
class FakeTwilio:
    account_sid: str = ACCOUNT_SID
    auth_token: str = AUTH_TOKEN
    messages: list[CreatedMessage] = field(default_factory=list)
    # (HTTP status, Retry-After or None) for the next Messages.json calls.
    failures: deque = field(default_factory=deque)
    unsubscribed: set[str] = field(default_factory=set)
    requests: int = 0
    calls: list[CreatedCall] = field(default_factory=list)
    # While set, every API call answers 500, as when Twilio is down.
    outage: bool = False
    account_fetches: int = 0
    # WhatsApp: the time Twilio goes by, and when each `whatsapp:` address last wrote.
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
    whatsapp_last_inbound: dict[str, datetime] = field(default_factory=dict)
    whatsapp_refused: set[str] = field(default_factory=set)
    # The sending rate, when limited: a token bucket of `burst` messages refilled at
    # `per_second`, on `monotonic` time.
    per_second: float | None = None
    burst: float = 1.0
    monotonic: Callable[[], float] = time.monotonic
    too_many: int = 0
    accepted_at: list[float] = field(default_factory=list)
    # Media people sent (WhatsApp photos), by media SID: (content type, bytes). Served, as
    # Twilio serves them, only with the account's Basic auth; `media_fetches` counts the
    # requests and `media_refused` those without the right credentials.
    media: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    media_fetches: int = 0
    media_refused: int = 0

    def __post_init__(self) -> None:
        self._sids = itertools.count(1)
        self.app = Starlette(routes=[
            Route("/2010-04-01/Accounts/{sid}/Messages.json", self._create_message,
                  methods=["POST"]),
            Route("/2010-04-01/Accounts/{sid}/Calls.json", self._create_call, methods=["POST"]),
            Route("/2010-04-01/Accounts/{sid}.json", self._fetch_account, methods=["GET"]),
            Route("/2010-04-01/Accounts/{sid}/Messages/{message_sid}/Media/{media_sid}",
                  self._fetch_media, methods=["GET"]),
        ])

    def limit_rate(self, per_second: float, burst: float = 1.0) -> None:
        """Take at most `per_second` messages a second (`burst` at once after a pause)."""
        self.per_second, self.burst = per_second, burst
        self._tokens, self._refilled = burst, self.monotonic()

    def _over_the_rate(self) -> float | None:
        """Seconds until one more message may go, when this one is over the rate; else
        None, and the message is counted against the rate."""
        if self.per_second is None:
            return None
        now = self.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._refilled) * self.per_second)
        self._refilled = now
        if self._tokens < 1:
            return (1 - self._tokens) / self.per_second
        self._tokens -= 1
        self.accepted_at.append(now)
        return None

    def to(self, number: str) -> list[CreatedMessage]:
        return [m for m in self.messages if m.to == number]

    async def _create_message(self, request: Request) -> JSONResponse:
        self.requests += 1
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if (request.path_params["sid"] != self.account_sid
                or request.headers.get("authorization") != f"Basic {expected}"):
            return self._error(401, 20003, "Authenticate")
        if self.outage:
            return self._error(500, 20500, "Internal Server Error")
        if self.failures:
            status, retry_after = self.failures.popleft()
            headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
            return self._error(status, 20429 if status == 429 else 20500, "Try later", headers)
        wait = self._over_the_rate()
        if wait is not None:
            self.too_many += 1
            return self._error(429, 20429, "Too Many Requests",
                               {"Retry-After": str(max(1, math.ceil(wait)))})
        form = dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))
        if form["To"] in self.unsubscribed:
            return self._error(400, 21610, "Attempt to send to unsubscribed recipient")
        if form["To"].startswith("whatsapp:"):
            refused = self._whatsapp_refusal(form)
            if refused is not None:
                return refused
        message = CreatedMessage(f"SM{next(self._sids):032d}", form["To"], form.get("Body", ""),
                                 form.get("From") or form.get("MessagingServiceSid", ""),
                                 form.get("StatusCallback"), form.get("ContentSid"),
                                 form.get("ContentVariables"))
        self.messages.append(message)
        return JSONResponse({
            "sid": message.sid, "account_sid": self.account_sid, "to": message.to,
            "from": message.sender, "body": message.body, "status": "queued",
            "num_segments": "1", "direction": "outbound-api", "api_version": "2010-04-01",
            "date_created": "Tue, 24 Nov 2026 10:00:00 +0000",
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{message.sid}.json",
        }, status_code=201)

    def _whatsapp_refusal(self, form: dict[str, str]) -> JSONResponse | None:
        """WhatsApp's rules for one message, or None when it may go."""
        to = form["To"]
        if not form.get("From", "").startswith("whatsapp:"):
            return self._error(400, 63007, "Twilio could not find a Channel with the From address")
        if to in self.whatsapp_refused:
            return self._error(400, 63003, "Channel could not find To address")
        if form.get("ContentSid"):
            if not re.fullmatch(r"HX[0-9a-fA-F]{32}", form["ContentSid"]):
                return self._error(400, 21656, "The ContentSid is Invalid")
            return None
        last = self.whatsapp_last_inbound.get(to)
        if last is None or self.clock() - last >= timedelta(hours=24):
            return self._error(400, 63016, "Failed to send freeform message because you are "
                               "outside the allowed window. Please use a Template.")
        return None

    def whatsapp_to(self, number: str) -> list[CreatedMessage]:
        return self.to(f"whatsapp:{number}")

    async def whatsapp_hub(self, client: httpx.AsyncClient, public_url: str, number: str,
                           body: str, sid: str, **extra: str) -> httpx.Response:
        """A WhatsApp message to the hub's WhatsApp sender, signed; it opens the window."""
        sender = f"whatsapp:{number}"
        self.whatsapp_last_inbound[sender] = self.clock()
        params = {"MessageSid": sid, "SmsMessageSid": sid, "AccountSid": self.account_sid,
                  "From": sender, "To": f"whatsapp:{HUB_NUMBER}", "Body": body,
                  "NumMedia": "0", "WaId": number.lstrip("+"), **extra}
        url = f"{public_url}/twilio/whatsapp"
        return await client.post(url, data=params,
                                 headers={"X-Twilio-Signature": signature(url, params,
                                                                          self.auth_token)})

    def add_media(self, message_sid: str, content_type: str, content: bytes) -> str:
        """Keeps a file as if a WhatsApp user had sent it; returns its MediaUrl, at Twilio's
        own address (the hub maps it to TWILIO_API_URL, as it does for the REST API)."""
        media_sid = f"ME{len(self.media) + 1:032d}"
        self.media[media_sid] = (content_type, content)
        return (f"https://api.twilio.com/2010-04-01/Accounts/{self.account_sid}/Messages/"
                f"{message_sid}/Media/{media_sid}")

    async def _fetch_media(self, request: Request) -> Response:
        self.media_fetches += 1
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}" \
                or request.path_params["sid"] != self.account_sid:
            self.media_refused += 1
            return self._error(401, 20003, "Authenticate")
        found = self.media.get(request.path_params["media_sid"])
        if found is None:
            return self._error(404, 20404, "The requested resource was not found")
        content_type, content = found
        return Response(content, media_type=content_type)

    async def _create_call(self, request: Request) -> JSONResponse:
        """Voice: a call placed with inline TwiML (the hub's masked check-in calls)."""
        self.requests += 1
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return self._error(401, 20003, "Authenticate")
        if self.outage:
            return self._error(500, 20500, "Internal Server Error")
        form = dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))
        call = CreatedCall(f"CA{next(self._sids):032d}", form["To"], form["From"],
                           form["Twiml"])
        self.calls.append(call)
        return JSONResponse({
            "sid": call.sid, "account_sid": self.account_sid, "to": call.to,
            "from": call.caller_id, "status": "queued", "direction": "outbound-api",
            "api_version": "2010-04-01",
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Calls/{call.sid}.json",
        }, status_code=201)

    async def report_dial(self, client: httpx.AsyncClient, call: CreatedCall, status: str,
                          seconds: int) -> httpx.Response:
        """The Dial verb's action request once the resident's leg ends, signed."""
        action = re.search(r'action="([^"]+)"', call.twiml).group(1).replace("&amp;", "&")
        params = {"CallSid": call.sid, "AccountSid": self.account_sid,
                  "DialCallStatus": status, "DialCallDuration": str(seconds)}
        return await client.post(action, data=params, headers={
            "X-Twilio-Signature": signature(action, params, self.auth_token)})

    async def _fetch_account(self, request: Request) -> JSONResponse:
        """The account's own record (GET Accounts/{sid}.json)."""
        self.account_fetches += 1
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if (request.path_params["sid"] != self.account_sid
                or request.headers.get("authorization") != f"Basic {expected}"):
            return self._error(401, 20003, "Authenticate")
        if self.outage:
            return self._error(500, 20500, "Internal Server Error")
        return JSONResponse({"sid": self.account_sid, "friendly_name": "Thurrock Hub",
                             "status": "active", "type": "Full",
                             "date_created": "Tue, 24 Nov 2026 10:00:00 +0000",
                             "uri": f"/2010-04-01/Accounts/{self.account_sid}.json"})

    @staticmethod
    def _error(status: int, code: int, message: str, headers=None) -> JSONResponse:
        return JSONResponse({"code": code, "message": message, "status": status,
                             "more_info": f"https://www.twilio.com/docs/errors/{code}"},
                            status_code=status, headers=headers)

    # Twilio calling the hub.

    async def text_hub(self, client: httpx.AsyncClient, public_url: str, sender: str,
                       body: str, sid: str, **extra: str) -> httpx.Response:
        """A resident's text arriving at the hub's webhook, signed."""
        params = {"MessageSid": sid, "SmsSid": sid, "AccountSid": self.account_sid,
                  "From": sender, "To": HUB_NUMBER, "Body": body, "NumMedia": "0", **extra}
        url = f"{public_url}/twilio/sms"
        return await client.post(url, data=params,
                                 headers={"X-Twilio-Signature": signature(url, params,
                                                                          self.auth_token)})

    async def ring_hub(self, client: httpx.AsyncClient, public_url: str, caller: str,
                       sid: str) -> httpx.Response:
        """Someone ringing the hub's number: Twilio asks its Voice webhook what to do, signed."""
        params = {"CallSid": sid, "AccountSid": self.account_sid, "From": caller,
                  "To": HUB_NUMBER, "CallStatus": "ringing", "Direction": "inbound"}
        url = f"{public_url}/twilio/voice/incoming"
        return await client.post(url, data=params, headers={
            "X-Twilio-Signature": signature(url, params, self.auth_token)})

    async def finish_forwarding(self, client: httpx.AsyncClient, twiml: str, caller: str,
                                sid: str, status: str) -> httpx.Response:
        """The Dial action after a forwarded call: answered ("completed") or not."""
        action = re.search(r'action="([^"]+)"', twiml).group(1).replace("&amp;", "&")
        params = {"CallSid": sid, "AccountSid": self.account_sid, "From": caller,
                  "To": HUB_NUMBER, "DialCallStatus": status}
        return await client.post(action, data=params, headers={
            "X-Twilio-Signature": signature(action, params, self.auth_token)})

    async def report_status(self, client: httpx.AsyncClient, message: CreatedMessage,
                            status: str, error_code: int | None = None) -> httpx.Response:
        """The delivery report Twilio sends to a message's StatusCallback."""
        params = {"MessageSid": message.sid, "MessageStatus": status,
                  "AccountSid": self.account_sid, "To": message.to}
        if error_code is not None:
            params["ErrorCode"] = str(error_code)
        url = message.status_callback
        return await client.post(url, data=params, headers={
            "X-Twilio-Signature": signature(url, params, self.auth_token)})
