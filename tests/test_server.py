"""`neighbourly serve`'s web app: health, metrics, channels that stay off, channels that heal."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from doubles.harness import running_hub
from doubles.telegram_api import FakeTelegram
from models import ContactIdentity, IdentityKind, OutboundMessage, OutboundStatus

ALBERT = "+447700900123"
IAN = 5551001  # a volunteer on Telegram


async def test_health_names_the_channels_that_are_on(settings, clock):
    async with running_hub(settings, clock) as served:
        response = await served.client.get(f"{served.url}/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["channels"]) == ("ok", ["sms", "telegram"])
    since = clock().isoformat()
    assert body["channel_states"] == {
        "sms": {"state": "up", "since": since},
        "telegram": {"state": "up", "since": since},
        "voice": {"state": "off", "missing": "TWILIO_VOICE_ENABLED"},
        "whatsapp": {"state": "off", "missing": "TWILIO_WHATSAPP_FROM"},
    }


async def test_metrics_count_messages_rejections_and_the_outbox(settings, clock):
    async with running_hub(settings, clock, telegram=False, run_worker=False) as served:
        await served.text(ALBERT, "shopping please", "SM1")
        await served.client.post(f"{served.url}/twilio/sms", data={"Body": "x"})
        with served.hub.session_factory.begin() as session:  # two texts wait: no worker runs
            session.add_all(OutboundMessage(channel="sms", address=ALBERT, body=body)
                            for body in ("one", "two"))
        response = await served.client.get(f"{served.url}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert 'neighbourly_messages_in_total{channel="sms"} 1.0' in lines
    assert 'neighbourly_messages_out_total{channel="sms",outcome="inline"} 1.0' in lines
    assert 'neighbourly_rejected_requests_total{reason="sms_signature"} 1.0' in lines
    assert 'neighbourly_inbound_latency_seconds_count{channel="sms"} 1.0' in lines
    assert "# TYPE neighbourly_outbox_depth gauge" in lines
    assert 'neighbourly_outbox_depth{channel="sms"} 2.0' in lines


async def test_metrics_are_served_in_openmetrics_to_a_scraper_that_asks(settings, clock):
    async with running_hub(settings, clock, telegram=False, run_worker=False) as served:
        await served.text(ALBERT, "shopping please", "SM1")
        response = await served.client.get(
            f"{served.url}/metrics", headers={"Accept": "application/openmetrics-text"})
    assert response.headers["content-type"].startswith("application/openmetrics-text")
    assert 'neighbourly_messages_in_total{channel="sms"} 1.0' in response.text.splitlines()
    assert response.text.endswith("# EOF\n")


def test_without_the_database_the_counters_are_still_served(caplog):
    from bot.channels.metrics import Metrics, render

    def database_down() -> dict[str, int]:
        raise OSError("connection refused")

    metrics = Metrics()
    metrics.message_in("sms", 0.004)
    body, _ = render(metrics.scrape_registry(database_down), None)
    lines = body.decode().splitlines()
    assert 'neighbourly_messages_in_total{channel="sms"} 1.0' in lines
    assert not any(line.startswith("neighbourly_outbox_depth") for line in lines)
    assert "outbox depth left out of this scrape (OSError)" in caplog.text


# Records counts as one server process would, then ends: cleanly, or killed (os._exit).
COUNTING_PROCESS = """
import os, sys
from bot.channels.metrics import Metrics
metrics = Metrics()
for seconds in sys.argv[2:]:
    metrics.message_in(sys.argv[1], float(seconds))
metrics.message_out("sms", "inline", 2)
metrics.rejected("sms_signature")
os._exit(0)
"""


def test_every_process_counts_add_up_and_a_stopped_ones_stay(tmp_path):
    from bot.channels.metrics import MULTIPROCESS_DIR_ENV, Metrics, render

    env = {**os.environ, MULTIPROCESS_DIR_ENV: str(tmp_path)}
    for channel, *seconds in (("sms", "0.004"), ("sms", "0.2"), ("telegram", "0.03", "0.03")):
        subprocess.run([sys.executable, "-c", COUNTING_PROCESS, channel, *seconds], env=env,
                       check=True, timeout=60)
    assert len(list(tmp_path.glob("counter_*.db"))) == 3  # each process's counts, kept

    body, _ = render(Metrics(multiprocess_dir=tmp_path).scrape_registry(), None)
    lines = body.decode().splitlines()
    assert 'neighbourly_messages_in_total{channel="sms"} 2.0' in lines
    assert 'neighbourly_messages_in_total{channel="telegram"} 2.0' in lines
    assert 'neighbourly_messages_out_total{channel="sms",outcome="inline"} 6.0' in lines
    assert 'neighbourly_rejected_requests_total{reason="sms_signature"} 3.0' in lines
    assert 'neighbourly_inbound_latency_seconds_bucket{channel="sms",le="0.005"} 1.0' in lines
    assert 'neighbourly_inbound_latency_seconds_bucket{channel="sms",le="0.25"} 2.0' in lines
    assert 'neighbourly_inbound_latency_seconds_count{channel="sms"} 2.0' in lines
    [total] = [line for line in lines
               if line.startswith('neighbourly_inbound_latency_seconds_sum{channel="sms"}')]
    assert float(total.rsplit(" ", 1)[1]) == pytest.approx(0.204)


async def test_a_channel_without_its_settings_stays_off_with_one_log_line(settings, clock,
                                                                          caplog):
    caplog.set_level(logging.INFO, logger="bot")
    async with running_hub(settings, clock, telegram=False, sms=False) as served:
        health = await served.client.get(f"{served.url}/healthz")
        sms = await served.client.post(f"{served.url}/twilio/sms", data={"Body": "hi"})
        telegram = await served.client.post(f"{served.url}/telegram", json={})
    assert health.json()["channels"] == []
    assert {name: state.get("missing") for name, state in
            health.json()["channel_states"].items()} == {
        "sms": "TWILIO_ACCOUNT_SID", "telegram": "TELEGRAM_BOT_TOKEN",
        "voice": "TWILIO_VOICE_ENABLED", "whatsapp": "TWILIO_WHATSAPP_FROM"}
    assert (sms.status_code, telegram.status_code) == (404, 404)
    off = [r.getMessage() for r in caplog.records if "is off" in r.getMessage()]
    assert off == ["SMS is off: TWILIO_ACCOUNT_SID is not set",
                   "WhatsApp is off: TWILIO_WHATSAPP_FROM is not set",
                   "Telegram is off: TELEGRAM_BOT_TOKEN is not set"]


async def test_a_hub_without_a_coordinator_says_so_at_start(settings, clock, caplog, hub):
    from bot.services.people.coordinators import add_coordinator

    def warnings() -> list[logging.LogRecord]:
        return [r for r in caplog.records if "no coordinator" in r.getMessage()]

    caplog.set_level(logging.INFO, logger="bot")
    async with running_hub(settings, clock, telegram=False, sms=False):
        pass
    [warned] = warnings()
    assert warned.levelno == logging.WARNING
    assert "neighbourly coordinator add" in warned.getMessage()
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", "+447700900601", "Carol", hub.clock())
    async with running_hub(settings, clock, telegram=False, sms=False):
        pass
    assert len(warnings()) == 1  # not again once there is one


@pytest.mark.parametrize("changes, missing", [
    ({"twilio_from_number": ""}, "TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID"),
    ({"public_url": ""}, "NEIGHBOURLY_PUBLIC_URL"),
])
def test_sms_names_the_setting_it_still_needs(settings, changes, missing):
    complete = settings.with_changes(twilio_account_sid="AC1", twilio_auth_token="t",
                                     twilio_from_number="+447700900001",
                                     public_url="https://hub.example.org")
    assert complete.sms_missing() is None
    assert complete.with_changes(**changes).sms_missing() == missing


def test_a_public_url_makes_telegram_need_its_webhook_secret(settings):
    polling = settings.with_changes(telegram_bot_token="1:x")
    assert polling.telegram_missing() is None
    webhook = polling.with_changes(public_url="https://hub.example.org")
    assert webhook.telegram_missing() == "TELEGRAM_WEBHOOK_SECRET"
    assert webhook.with_changes(telegram_webhook_secret="s").enabled_channels == {"telegram"}


async def test_the_scheduler_inside_serve_moves_on_an_offer_nobody_answered(settings, clock):
    import asyncio

    from sqlalchemy import select

    from doubles.harness import running_hub
    from models import Offer
    from test_offers import add_volunteer, ask_for_help

    async with running_hub(settings, clock, telegram=False) as running:
        hub = running.hub
        await asyncio.to_thread(add_volunteer, hub, "Ann", "RM17 5AA")
        await asyncio.to_thread(ask_for_help, hub, "+447700900901",
                                "can someone get my shopping? I'm Albert", "RM17 6SL",
                                "12 Orsett Road", "tomorrow", "yes")
        clock.advance(minutes=61)

        def statuses():
            with hub.session_factory() as session:
                return list(session.scalars(select(Offer.status)))

        for _ in range(200):
            if statuses() == ["expired"]:
                break
            await asyncio.sleep(0.05)
        assert statuses() == ["expired"]


# Channels heal: one that cannot start, or whose provider fails later, comes back by itself.

async def health_of(served):
    return await served.client.get(f"{served.url}/healthz")


def telegram_volunteer(hub, chat_id: int) -> None:
    """Ian, a vetted volunteer near RM17 6SL, who talks to the hub on Telegram."""
    from test_offers import add_volunteer

    phone = add_volunteer(hub, "Ian", "RM17 5AA")
    with hub.session_factory.begin() as session:
        person = session.scalars(select(ContactIdentity).where(
            ContactIdentity.address == phone)).one().person
        person.identities.append(ContactIdentity(kind=IdentityKind.TELEGRAM,
                                                 address=str(chat_id)))


def telegram_rows(hub) -> list[tuple[str, int]]:
    with hub.session_factory() as session:
        return [tuple(row) for row in session.execute(
            select(OutboundMessage.status, OutboundMessage.attempts)
            .where(OutboundMessage.channel == "telegram").order_by(OutboundMessage.id))]


async def eventually(check, timeout: float = 5.0):
    """Poll `check` (a coroutine function) until it answers truly, or fail at the deadline."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not (answer := await check()):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)
    return answer


async def test_telegram_that_could_not_start_comes_up_by_itself_and_sends_what_waited(
        settings, clock, caplog):
    from test_offers import ask_for_help

    caplog.set_level(logging.INFO, logger="bot")
    bot_api = FakeTelegram()
    bot_api.fail_next("getMe")  # one 500 while serve starts
    async with running_hub(settings, clock, telegram_double=bot_api) as served:
        started = clock()
        health = await health_of(served)
        assert health.status_code == 200
        assert health.json()["channels"] == ["sms"]
        assert health.json()["channel_states"]["telegram"] == {
            "state": "retrying", "since": started.isoformat(), "failed_attempts": 1,
            "error": "NetworkError: Internal Server Error",
            "next_attempt": (started + timedelta(seconds=1)).isoformat()}
        # Telegram sends an update again when the webhook does not take it.
        update = bot_api.text_update(IAN, "/help")
        assert (await served.telegram_webhook(update)).status_code == 503

        # An offer for a volunteer on Telegram waits, its attempts untouched.
        await asyncio.to_thread(telegram_volunteer, served.hub, IAN)
        reference = await asyncio.to_thread(
            ask_for_help, served.hub, ALBERT, "can someone get my shopping? I'm Albert",
            "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
        for _ in range(3):
            await served.server.worker.deliver_due()
        assert telegram_rows(served.hub) == [(OutboundStatus.PENDING, 0)]
        assert bot_api.sent == []

        clock.advance(seconds=1)  # the next attempt falls due; the Bot API is fine now
        [offer] = await bot_api.wait_for_messages(IAN, 1)
        assert reference in offer.text

        async def recorded():
            return telegram_rows(served.hub)[0][0] != OutboundStatus.PENDING

        await eventually(recorded)
        assert telegram_rows(served.hub) == [(OutboundStatus.DELIVERED, 1)]
        health = await health_of(served)
        assert health.json()["channels"] == ["sms", "telegram"]
        assert health.json()["channel_states"]["telegram"] == {
            "state": "up", "since": (started + timedelta(seconds=1)).isoformat()}
        assert bot_api.webhook["url"] == f"{served.url}/telegram"
        # The update refused while Telegram was starting is taken when it comes again.
        assert (await served.telegram_webhook(update)).status_code == 200
        await bot_api.wait_for_messages(IAN, 2)

    told = [r.getMessage() for r in caplog.records if r.name == "bot.services.sending.channel_health"]
    assert len(told) == 2, told  # once as it went down, once as it came back
    assert told[0].startswith("telegram: could not start (NetworkError: Internal Server Error)")
    assert told[1].startswith("telegram: up again after 1s down (1 failed attempt(s))")


async def test_health_answers_503_once_a_channel_is_down_for_longer_than_the_grace(settings,
                                                                                    clock):
    bot_api = FakeTelegram(outage=True)
    async with running_hub(settings.with_changes(channel_grace_seconds=120), clock,
                           telegram_double=bot_api, run_worker=False) as served:
        assert (await health_of(served)).status_code == 200
        clock.advance(seconds=120)
        await served.server.try_channels()
        assert (await health_of(served)).status_code == 200  # down just as long as the grace
        clock.advance(seconds=1)
        health = await health_of(served)
        assert health.status_code == 503
        body = health.json()
        assert (body["status"], body["down"], body["channels"]) == (
            "channel down", ["telegram"], ["sms"])
        telegram = body["channel_states"]["telegram"]
        assert (telegram["state"], telegram["since"], telegram["failed_attempts"]) == (
            "retrying", (clock() - timedelta(seconds=121)).isoformat(), 2)

        bot_api.outage = False

        async def healthy():
            clock.advance(seconds=60)  # the longest wait between attempts
            await served.server.try_channels()
            return (await health_of(served)).status_code == 200

        await eventually(healthy)
        body = (await health_of(served)).json()
        assert body["channels"] == ["sms", "telegram"]
        assert body["channel_states"]["telegram"]["state"] == "up"
