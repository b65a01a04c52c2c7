"""`neighbourly serve`'s app on loopback, wired to the Telegram and Twilio doubles."""

from __future__ import annotations

import asyncio

from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import AsyncIterator

import httpx

from bot.app import Hub, build_hub
from bot.channels.rate_limit import TelegramRateLimiter
from bot.channels.server import NeighbourlyServer
from bot.services.sending.sending_rates import SendingRates
from bot.settings import Settings
from doubles.loopback import LoopbackServer
from doubles.telegram_api import FakeTelegram
from doubles.twilio_api import ACCOUNT_SID, AUTH_TOKEN, HUB_NUMBER, FakeTwilio
from fakes import FakePostcodeLocator

WEBHOOK_SECRET = "webhook-secret-for-tests"


@dataclass
class RunningHub:
    url: str
    hub: Hub
    server: NeighbourlyServer
    telegram: FakeTelegram
    twilio: FakeTwilio
    client: httpx.AsyncClient

    async def text(self, sender: str, body: str, sid: str, **extra: str) -> httpx.Response:
        return await self.twilio.text_hub(self.client, self.url, sender, body, sid, **extra)

    async def whatsapp(self, number: str, body: str, sid: str, **extra: str) -> httpx.Response:
        return await self.twilio.whatsapp_hub(self.client, self.url, number, body, sid, **extra)

    async def telegram_webhook(self, update: dict, secret: str | None = WEBHOOK_SECRET
                               ) -> httpx.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        return await self.client.post(f"{self.url}/telegram", json=update, headers=headers)


def channel_settings(settings: Settings, public_url: str, telegram_url: str | None,
                     twilio_url: str | None, whatsapp_templates: str | None = None
                     ) -> Settings:
    values: dict = {"public_url": public_url, "hub_contact": "call 01375 652 802"}
    if telegram_url:
        values.update(telegram_bot_token=FakeTelegram.token,
                      telegram_api_url=f"{telegram_url}/bot",
                      telegram_webhook_secret=WEBHOOK_SECRET)
    if twilio_url:
        values.update(twilio_account_sid=ACCOUNT_SID, twilio_auth_token=AUTH_TOKEN,
                      twilio_from_number=HUB_NUMBER, twilio_api_url=twilio_url)
    if twilio_url and whatsapp_templates is not None:
        values.update(twilio_whatsapp_from=HUB_NUMBER,
                      twilio_whatsapp_templates=whatsapp_templates)
    return settings.with_changes(**values)


@asynccontextmanager
async def running_hub(settings: Settings, clock, *, telegram: bool = True, sms: bool = True,
                      webhook: bool = True, run_worker: bool = True, nearest_postcode=None,
                      telegram_limiter: TelegramRateLimiter | None = None,
                      telegram_double: FakeTelegram | None = None,
                      whatsapp_templates: str | None = None,
                      sending_rates: SendingRates | None = None,
                      twilio_double: FakeTwilio | None = None,
                      ) -> AsyncIterator[RunningHub]:
    """Doubles first, then the hub (its settings name their URLs), torn down in reverse.
    `telegram_double`, `twilio_double`: one the test has told to fail (or limited to a
    rate) before the hub starts. `sending_rates`: the outbox's (none by default).
    `whatsapp_templates`: WhatsApp on, with these templates ("" for none)."""
    fake_telegram = telegram_double or FakeTelegram()
    fake_twilio = twilio_double or FakeTwilio(clock=clock)
    telegram_server, twilio_server, hub_server = LoopbackServer(), LoopbackServer(), LoopbackServer()
    hub = None
    try:
        await telegram_server.start(fake_telegram.app)
        await twilio_server.start(fake_twilio.app)
        configured = channel_settings(settings, hub_server.url if webhook else "",
                                      telegram_server.url if telegram else None,
                                      twilio_server.url if sms else None,
                                      whatsapp_templates)
        hub = build_hub(configured, clock=clock, locate_postcode=FakePostcodeLocator())
        server = NeighbourlyServer(
            hub, nearest_postcode=nearest_postcode,
            # Real limits would make every test wait a second between replies.
            telegram_limiter=telegram_limiter or TelegramRateLimiter(
                per_second=1000, per_chat_per_second=1000),
            sending_rates=sending_rates or SendingRates(),
            telegram_poll_timeout=timedelta(seconds=1), worker_poll_interval=0.05,
            scheduler_interval=0.05,
            # Channels are tried again on the hub's clock, which the tests move.
            channel_check_interval=0.02,
            run_worker=run_worker)
        await hub_server.start(server.app)
        async with httpx.AsyncClient(timeout=10) as client:
            yield RunningHub(hub_server.url, hub, server, fake_telegram, fake_twilio, client)
    finally:
        # The hub first: stopping Telegram polling still talks to the double.
        await hub_server.stop()
        await asyncio.gather(twilio_server.stop(), telegram_server.stop())
        if hub is not None:
            hub.close()
