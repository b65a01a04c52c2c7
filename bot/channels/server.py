"""`neighbourly serve`: one asyncio process for every channel and the outbox.

Starlette on uvicorn serves the webhooks; the python-telegram-bot
Application runs inside it (webhook or long polling); the outbox worker
sends what the units of work stored. A channel whose settings are missing
stays off with one log line naming the setting, and everything else runs.
A channel that cannot start (Telegram's getMe failing), or whose provider
stops answering later, heals: one task per channel tries it again with
backoff until it answers, while the outbox holds its messages
(bot/services/sending/channel_health.py).

    POST /twilio/sms          inbound texts (TwiML answers)
    POST /twilio/sms/status   delivery reports for texts we sent
    POST /twilio/whatsapp     inbound WhatsApp messages (TwiML answers; bot/channels/whatsapp.py)
    POST /twilio/whatsapp/status  delivery reports for WhatsApp messages we sent
    POST /telegram            Telegram's webhook
    GET  /healthz             200 when the database answers, with each channel's state;
                              503 when a channel has been down longer than the grace
    GET  /metrics             Prometheus counters
    /dashboard                the coordinators' web dashboard (bot/channels/dashboard.py)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import AsyncIterator, Awaitable, Callable

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.app import Hub
from bot.channels.blocking import BlockingRunner, runner_for
from bot.channels.dashboard import Dashboard
from bot.channels.metrics import Metrics, render
from bot.channels.rate_limit import TelegramRateLimiter
from bot.channels.sms import SmsChannel, TwilioHttpClient, TwilioSender
from bot.channels.telegram import NearestPostcode, TelegramChannel, TelegramSender
from bot.channels.whatsapp import WhatsAppChannel, WhatsAppSender
from bot.channels.phone_in import IncomingCalls
from bot.channels.voice import VoiceSender, VoiceStatus
from bot.services.sending.channel_health import Backoff, ChannelHealth
from bot.services.sending.delivery import OutboxWorker, RetryPolicy
from bot.services.sending.sending_rates import SendingRate, SendingRates
from bot.services.shared.describe import coordinators
from bot.services.running.opt_out import SmsKeywords, contact_unreachable
from bot.services.running.whatsapp import WhatsAppKeywords, read_last_whatsapp_message_at
from bot.services.sending.whatsapp_templates import WhatsAppTemplates
from bot.services.sending.outbox import waiting_counts
from bot.services.running.scheduler import run_due_work
from bot.services.shared.unit_of_work import UnitOfWork
from bot.settings import Settings

log = logging.getLogger("bot.channels.server")

# The hub logs what matters itself; uvicorn's access lines would log every webhook.
UVICORN_OPTIONS = {"access_log": False, "log_level": "warning", "lifespan": "on"}
TELEGRAM = "telegram"


@dataclass
class ChannelLink:
    """How the server brings one channel up (`start`, once) and checks it is back (`probe`)."""

    name: str
    probe: Callable[[], Awaitable[None]]
    start: Callable[[], Awaitable[None]] | None = None
    started: bool = False
    # One attempt at a time, whoever asks for it.
    trying: asyncio.Lock = field(default_factory=asyncio.Lock)


def describe_failure(error: BaseException, secrets: tuple[str, ...] = ()) -> str:
    """An error in a few words for the log and /healthz, with no secret in it (PTB puts
    the bot's token in InvalidToken's message)."""
    text = str(error) or error.__class__.__name__
    for secret in secrets:
        if secret:
            text = text.replace(secret, "…")
    return f"{error.__class__.__name__}: {text}"


def sending_rates_for(settings: Settings) -> SendingRates:
    """Each channel's sending rate from the settings, this process's share of it."""
    share = 1 / settings.workers
    return SendingRates({
        "sms": SendingRate(settings.twilio_messages_per_second * share),
        "whatsapp": SendingRate(settings.twilio_whatsapp_messages_per_second * share),
        "telegram": SendingRate(settings.telegram_messages_per_second * share),
    })


class NeighbourlyServer:
    """The web app and everything it runs; started and stopped by the app's lifespan."""

    def __init__(
        self,
        hub: Hub,
        *,
        metrics: Metrics | None = None,
        nearest_postcode: NearestPostcode | None = None,
        telegram_limiter: TelegramRateLimiter | None = None,
        sending_rates: SendingRates | None = None,
        telegram_poll_timeout: timedelta = timedelta(seconds=10),
        retry_policy: RetryPolicy = RetryPolicy(),
        worker_poll_interval: float = 1.0,
        run_worker: bool = True,
        scheduler_interval: float = 15.0,
        close_hub_on_stop: bool = False,
        metrics_multiprocess_dir: Path | None = None,
        channel_backoff: Backoff = Backoff(),
        channel_check_interval: float = 1.0,
    ) -> None:
        self.hub = hub
        self._close_hub_on_stop = close_hub_on_stop
        # With several server processes (bot/channels/workers.py) each scrape
        # answers for all of them.
        self.metrics = metrics or Metrics(metrics_multiprocess_dir)
        self._scrape_registry = self.metrics.scrape_registry(self._outbox_depth)
        self._nearest_postcode = nearest_postcode or getattr(hub, "nearest_postcode", None)
        settings = hub.settings
        # Each of several processes sends its share of a sender's rate.
        self._telegram_limiter = telegram_limiter or TelegramRateLimiter(
            per_second=settings.telegram_messages_per_second / settings.workers,
            per_chat_per_second=settings.telegram_messages_per_chat_per_second)
        self._sending_rates = sending_rates or sending_rates_for(settings)
        self._telegram_poll_timeout = telegram_poll_timeout
        self._retry_policy = retry_policy
        self._worker_poll_interval = worker_poll_interval
        self._run_worker = run_worker
        self.sms: SmsChannel | None = None
        self.whatsapp: WhatsAppChannel | None = None
        self._whatsapp_http: TwilioHttpClient | None = None
        self.telegram: TelegramChannel | None = None
        self._telegram_sender: TelegramSender | None = None
        self.worker: OutboxWorker | None = None
        self._twilio_http: TwilioHttpClient | None = None
        self._voice_http: TwilioHttpClient | None = None
        self.voice_status: VoiceStatus | None = None
        self.incoming_calls: IncomingCalls | None = None
        self._worker_task: asyncio.Task | None = None
        self._scheduler_task: asyncio.Task | None = None
        self._scheduler_interval = scheduler_interval
        self._run_blocking: BlockingRunner | None = None
        self.health = ChannelHealth(hub.clock,
                                    timedelta(seconds=hub.settings.channel_grace_seconds),
                                    channel_backoff)
        # How often each channel's keeper looks whether an attempt is due (at most).
        self._channel_check_interval = channel_check_interval
        self._keeper_tasks: list[asyncio.Task] = []
        self._links: list[ChannelLink] = []
        self.dashboard = Dashboard(hub, lambda: self._run_blocking)
        self.app = Starlette(
            routes=[
                Route("/twilio/sms", self.sms_webhook, methods=["POST"]),
                Route("/twilio/sms/status", self.sms_status, methods=["POST"]),
                Route("/twilio/whatsapp", self.whatsapp_webhook, methods=["POST"]),
                Route("/twilio/whatsapp/status", self.whatsapp_status, methods=["POST"]),
                Route("/twilio/voice/status", self.voice_webhook, methods=["POST"]),
                Route("/twilio/voice/incoming", self.incoming_call, methods=["POST"]),
                Route("/twilio/voice/incoming/done", self.incoming_call_done,
                      methods=["POST"]),
                Route("/telegram", self.telegram_webhook, methods=["POST"]),
                Route("/healthz", self.healthz, methods=["GET"]),
                Route("/metrics", self.prometheus, methods=["GET"]),
                *self.dashboard.routes(),
            ],
            lifespan=self._lifespan,
            # Every body is limited before it is read: a declared length over the limit is
            # answered 413 at once, a chunked body stops at the limit. This is the
            # webhooks' limit; the dashboard's forms set their own on their routes.
            max_body_size=hub.settings.max_webhook_bytes,
        )

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        await self.start()
        try:
            yield
        finally:
            await self.stop()

    async def start(self) -> None:
        hub, settings = self.hub, self.hub.settings
        offers = getattr(hub, "offers", None)
        on_unreachable = contact_unreachable(offers)
        senders: dict[str, TwilioSender | VoiceSender] = {}
        self._run_blocking = runner_for(settings.is_sqlite)
        health = self.health

        missing = settings.sms_missing()
        if missing:
            log.warning("SMS is off: %s is not set", missing)
            health.off("sms", missing)
        else:
            keywords = SmsKeywords(settings.hub_name, settings.hub_contact, hub.clock, offers)
            self.sms = SmsChannel(settings, hub.conversations, keywords, hub.session_factory,
                                  hub.clock, self.metrics, on_unreachable, self._run_blocking)
            self._twilio_http = TwilioHttpClient(settings.twilio_api_url)
            senders["sms"] = TwilioSender(settings, self._twilio_http)
            log.info("SMS is on: Twilio webhooks at %s/twilio/sms",
                        settings.public_url.rstrip("/"))
            # The same number answers calls: set its Voice webhook to /twilio/voice/incoming.
            self.incoming_calls = IncomingCalls(hub, self._run_blocking)

        self._start_whatsapp(senders, offers, on_unreachable)

        self.voice_status = None
        if settings.voice_missing() is None:
            self.voice_status = VoiceStatus(hub, self._run_blocking)
            resident_for_call = lambda call_id: self._run_blocking(  # noqa: E731
                self.voice_status.resident_for_call, call_id)
            self._voice_http = TwilioHttpClient(settings.twilio_api_url)
            senders["voice"] = VoiceSender(settings, self._voice_http, resident_for_call)
            log.info("masked calls are on: Twilio Voice results at %s/twilio/voice/status",
                     settings.public_url.rstrip("/"))
        else:
            health.off("voice", settings.voice_missing())
            if settings.twilio_voice_enabled:
                log.warning("masked calls are off: %s is not set", settings.voice_missing())

        # Twilio needs nothing at start: its channels are up until sends say otherwise.
        links = []
        for name, sender in senders.items():
            health.up(name)
            links.append(ChannelLink(name, sender.probe, started=True))

        await self._warn_without_coordinators()
        self.worker = OutboxWorker(hub.session_factory, dict(senders), hub.clock,
                                   on_unreachable, policy=self._retry_policy,
                                   report=self._count_outcome, run_blocking=self._run_blocking,
                                   health=health, rates=self._sending_rates)
        if self.whatsapp is not None:
            self.whatsapp.connect_outbox(lambda: self.worker.channels, self._wake_worker)

        missing = settings.telegram_missing()
        if missing:
            log.warning("Telegram is off: %s is not set", missing)
            health.off(TELEGRAM, missing)
        else:
            telegram = ChannelLink(TELEGRAM, self._probe_telegram, self._start_telegram)
            health.starting(TELEGRAM)
            # The first attempt before serving, as ever: with the Bot API up, Telegram is
            # on when serve answers. If it fails, SMS and the rest run while it is retried.
            await self._try_if_due(telegram)
            links.append(telegram)

        self._links = links
        self._keeper_tasks = [asyncio.create_task(self._keep_channel(link),
                                                  name=f"channel-{link.name}")
                              for link in links]
        if self._run_worker:
            self._worker_task = asyncio.create_task(
                self.worker.run(self._worker_poll_interval), name="outbox-worker")
            self._scheduler_task = asyncio.create_task(self._run_scheduler(),
                                                       name="scheduler")

    def _start_whatsapp(self, senders: dict, offers, on_unreachable) -> None:
        hub, settings = self.hub, self.hub.settings
        missing = settings.whatsapp_missing()
        if missing:
            # Optional, like masked calls: said once, not warned about.
            log.info("WhatsApp is off: %s is not set", missing)
            self.health.off("whatsapp", missing)
            return
        templates = WhatsAppTemplates.from_setting(settings.twilio_whatsapp_templates)
        sms_keywords = SmsKeywords(settings.hub_name, settings.hub_contact, hub.clock, offers)
        self.whatsapp = WhatsAppChannel(
            settings, hub.conversations, WhatsAppKeywords(sms_keywords, hub.clock),
            hub.session_factory, hub.clock, self.metrics, on_unreachable, self._run_blocking,
            self._nearest_postcode)
        self._whatsapp_http = TwilioHttpClient(settings.twilio_api_url)
        last_message_at = lambda number: self._run_blocking(  # noqa: E731
            read_last_whatsapp_message_at, hub.session_factory, number)
        senders["whatsapp"] = WhatsAppSender(settings, self._whatsapp_http, templates,
                                             last_message_at, hub.clock)
        log.info("WhatsApp is on: Twilio webhooks at %s/twilio/whatsapp (%d templates)",
                 settings.public_url.rstrip("/"), len(templates))

    # Channels that heal.

    async def _keep_channel(self, link: ChannelLink) -> None:
        """Try the channel whenever it is down and an attempt is due, until cancelled."""
        while True:
            await self._try_if_due(link)
            wait = self.health.seconds_until_attempt(link.name)
            await asyncio.sleep(self._channel_check_interval if wait is None
                                else min(wait, self._channel_check_interval))

    async def try_channels(self) -> None:
        """Try now each channel that is down and due for an attempt, as its keeper does
        within `channel_check_interval` (tests that move the clock need not wait for it)."""
        await asyncio.gather(*(self._try_if_due(link) for link in self._links))

    async def _try_if_due(self, link: ChannelLink) -> None:
        async with link.trying:
            wait = self.health.seconds_until_attempt(link.name)
            if wait is not None and wait <= 0:
                await self._try_channel(link)

    async def _try_channel(self, link: ChannelLink) -> None:
        """One attempt: start the channel, or, once started, ask its provider if it is back."""
        try:
            if link.started:
                await link.probe()
            else:
                await link.start()
                link.started = True
        except asyncio.CancelledError:
            raise
        except Exception as error:
            self.health.attempt_failed(link.name, describe_failure(error, self._secrets()))
            return
        self.health.up(link.name)
        if self.worker is not None:
            self.worker.resume(link.name)

    def _secrets(self) -> tuple[str, ...]:
        settings = self.hub.settings
        return tuple(secret.get_secret_value() for secret in (
            settings.telegram_bot_token, settings.twilio_auth_token,
            settings.telegram_webhook_secret))

    async def _start_telegram(self) -> None:
        telegram = TelegramChannel(self.hub.settings, self.hub.conversations, self.hub.clock,
                                   self.metrics, self._wake_worker, self._run_blocking,
                                   self._nearest_postcode, self._telegram_poll_timeout)
        try:
            await telegram.start()
        except BaseException:
            # A fresh application on the next attempt: this one's pools are closed.
            await self._stop_telegram(telegram)
            raise
        self.telegram = telegram
        self._telegram_sender = TelegramSender(telegram.application, self._telegram_limiter)
        self.worker.add_sender(TELEGRAM, self._telegram_sender)

    async def _probe_telegram(self) -> None:
        await self._telegram_sender.probe()

    async def _warn_without_coordinators(self) -> None:
        """Safeguarding concerns, danger words and missed calls go to the coordinators:
        with none, they would reach nobody, so say so where the operator looks first."""
        try:
            count = await self._run_blocking(self._count_coordinators)
        except Exception:
            return  # /healthz reports a database that does not answer
        if count == 0:
            log.warning("no coordinator yet: safeguarding concerns and missed-call alerts would "
                        "reach nobody. Add one: neighbourly coordinator add --phone NUMBER "
                        "--name NAME")

    def _count_coordinators(self) -> int:
        with UnitOfWork(self.hub.session_factory) as uow:
            return len(coordinators(uow.session))

    async def _run_scheduler(self) -> None:
        """Offers that ran out of time move on, every `scheduler_interval` seconds."""
        hub = self.hub
        while True:
            try:
                moved = await self._run_blocking(run_due_work, hub.session_factory, hub.offers,
                                                 hub.concerns, hub.clock(), hub.checkins,
                                                 retention_days=hub.settings.retention_days,
                                                 receipts=hub.receipts, takeovers=hub.admin,
                                                 campaigns=hub.admin.campaigns,
                                                 standing=hub.standing, thanks=hub.thanks)
                if moved:
                    self._wake_worker()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("scheduler: round failed; trying again shortly")
                self.metrics.error("scheduler")
            await asyncio.sleep(self._scheduler_interval)

    async def stop(self) -> None:
        for task in (*self._keeper_tasks, self._scheduler_task, self._worker_task):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._scheduler_task = self._worker_task = None
        self._keeper_tasks, self._links = [], []
        if self.telegram is not None:
            await self._stop_telegram(self.telegram)
            self.telegram = None
        if self._twilio_http is not None:
            await self._twilio_http.close()
            self._twilio_http = None
        if self._voice_http is not None:
            await self._voice_http.close()
            self._voice_http = None
        if self._whatsapp_http is not None:
            await self._whatsapp_http.close()
            self._whatsapp_http = None
        self.whatsapp = None
        if self._run_blocking is not None:
            self._run_blocking.close()
            self._run_blocking = None
        if self._close_hub_on_stop:
            self.hub.close()

    @staticmethod
    async def _stop_telegram(telegram: TelegramChannel) -> None:
        try:
            await telegram.stop()
        except Exception:
            log.exception("telegram: did not stop cleanly")

    def _wake_worker(self) -> None:
        if self.worker is not None:
            self.worker.wake()

    def _count_outcome(self, channel: str, outcome: str) -> None:
        if outcome == "worker_error":
            self.metrics.error("outbox")
        else:
            self.metrics.message_out(channel, outcome)

    # Routes.

    async def sms_webhook(self, request: Request) -> Response:
        if self.sms is None:
            return PlainTextResponse("SMS is not configured", status_code=404)
        response = await self.sms.receive_webhook(request)
        return response

    async def sms_status(self, request: Request) -> Response:
        if self.sms is None:
            return PlainTextResponse("SMS is not configured", status_code=404)
        return await self.sms.receive_status(request)

    async def whatsapp_webhook(self, request: Request) -> Response:
        if self.whatsapp is None:
            return PlainTextResponse("WhatsApp is not configured", status_code=404)
        return await self.whatsapp.receive_webhook(request)

    async def whatsapp_status(self, request: Request) -> Response:
        if self.whatsapp is None:
            return PlainTextResponse("WhatsApp is not configured", status_code=404)
        return await self.whatsapp.receive_status(request)

    async def voice_webhook(self, request: Request) -> Response:
        if self.voice_status is None:
            return PlainTextResponse("masked calls are off", status_code=404)
        return await self.voice_status.receive(request)

    async def incoming_call(self, request: Request) -> Response:
        if self.incoming_calls is None:
            return PlainTextResponse("Twilio is not configured", status_code=404)
        return await self.incoming_calls.answer(request)

    async def incoming_call_done(self, request: Request) -> Response:
        if self.incoming_calls is None:
            return PlainTextResponse("Twilio is not configured", status_code=404)
        return await self.incoming_calls.dial_done(request)

    async def telegram_webhook(self, request: Request) -> Response:
        if self.telegram is None and self.hub.settings.public_url and self.health.is_down(
                TELEGRAM):
            # Telegram sends the update again later, by when the channel may be up.
            return PlainTextResponse("Telegram is starting: try again", status_code=503)
        if self.telegram is None or self.telegram.polling:
            return PlainTextResponse("Telegram webhook is not configured", status_code=404)
        response = await self.telegram.receive_webhook(request)
        self._wake_worker()
        return response

    async def healthz(self, request: Request) -> Response:
        try:
            await asyncio.to_thread(self._ping_database)
        except Exception as error:
            return JSONResponse({"status": "database unavailable",
                                 "error": error.__class__.__name__}, status_code=503)
        health = self.health
        body = {"status": "ok",
                # The channels the outbox can send on now, as before.
                "channels": health.channels_up(),
                "channel_states": {name: status.as_json()
                                   for name, status in health.statuses().items()}}
        down = health.down_too_long()
        if down:
            body.update(status="channel down", down=down)
            return JSONResponse(body, status_code=503)
        return JSONResponse(body)

    async def prometheus(self, request: Request) -> Response:
        # Off the event loop: the outbox's depth is read from the database.
        body, content_type = await asyncio.to_thread(render, self._scrape_registry,
                                                     request.headers.get("accept"))
        return Response(body, headers={"Content-Type": content_type})

    def _ping_database(self) -> None:
        with UnitOfWork(self.hub.session_factory) as uow:
            uow.session.execute(text("SELECT 1"))

    def _outbox_depth(self) -> dict[str, int]:
        with UnitOfWork(self.hub.session_factory) as uow:
            return waiting_counts(uow.session)
