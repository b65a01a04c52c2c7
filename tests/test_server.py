"""`neighbourly serve`'s web app: health, metrics, and channels that stay off."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from doubles.harness import running_hub

ALBERT = "+447700900123"


async def test_health_names_the_channels_that_are_on(settings, clock):
    async with running_hub(settings, clock) as served:
        response = await served.client.get(f"{served.url}/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "channels": ["sms", "telegram"]}


async def test_metrics_count_messages_rejections_and_the_outbox(settings, clock):
    async with running_hub(settings, clock, telegram=False, run_worker=False) as served:
        await served.text(ALBERT, "shopping please", "SM1")
        await served.client.post(f"{served.url}/twilio/sms", data={"Body": "x"})
        response = await served.client.get(f"{served.url}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert 'neighbourly_messages_in_total{channel="sms"} 1' in lines
    assert 'neighbourly_messages_out_total{channel="sms",outcome="inline"} 1' in lines
    assert 'neighbourly_rejected_requests_total{reason="sms_signature"} 1' in lines
    assert 'neighbourly_inbound_latency_seconds_count{channel="sms"} 1' in lines
    assert "# TYPE neighbourly_outbox_depth gauge" in lines


def test_shared_metrics_add_up_every_process_and_keep_the_stopped_ones(tmp_path):
    from bot.channels.metrics import Metrics, SharedMetrics

    first, second = Metrics(), Metrics()
    first.message_in("sms", 0.004)
    first.message_out("sms", "inline", 2)
    second.message_in("sms", 0.2)
    second.message_in("telegram", 0.03)
    second.rejected("sms_signature")
    SharedMetrics(tmp_path, second).publish()  # then that process stops
    (tmp_path / "broken.json").write_text("{not json")  # skipped, with a warning
    shared = SharedMetrics(tmp_path, first)
    lines = shared.combined().render().splitlines()
    assert 'neighbourly_messages_in_total{channel="sms"} 2' in lines
    assert 'neighbourly_messages_in_total{channel="telegram"} 1' in lines
    assert 'neighbourly_messages_out_total{channel="sms",outcome="inline"} 2' in lines
    assert 'neighbourly_rejected_requests_total{reason="sms_signature"} 1' in lines
    assert 'neighbourly_inbound_latency_seconds_bucket{channel="sms",le="0.005"} 1' in lines
    assert 'neighbourly_inbound_latency_seconds_bucket{channel="sms",le="0.25"} 2' in lines
    assert 'neighbourly_inbound_latency_seconds_sum{channel="sms"} 0.204000' in lines
    assert 'neighbourly_inbound_latency_seconds_count{channel="sms"} 2' in lines
    # This process's own counts are as of the scrape, not of its last publish.
    first.message_in("sms", 0.004)
    assert 'neighbourly_messages_in_total{channel="sms"} 3' in shared.combined().render()


async def test_a_channel_without_its_settings_stays_off_with_one_log_line(settings, clock,
                                                                          caplog):
    caplog.set_level(logging.INFO, logger="bot")
    async with running_hub(settings, clock, telegram=False, sms=False) as served:
        health = await served.client.get(f"{served.url}/healthz")
        sms = await served.client.post(f"{served.url}/twilio/sms", data={"Body": "hi"})
        telegram = await served.client.post(f"{served.url}/telegram", json={})
    assert health.json()["channels"] == []
    assert (sms.status_code, telegram.status_code) == (404, 404)
    off = [r.getMessage() for r in caplog.records if "is off" in r.getMessage()]
    assert off == ["SMS is off: TWILIO_ACCOUNT_SID is not set",
                   "Telegram is off: TELEGRAM_BOT_TOKEN is not set"]


async def test_a_hub_without_a_coordinator_says_so_at_start(settings, clock, caplog, hub):
    from bot.services.coordinators import add_coordinator

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
    complete = replace(settings, twilio_account_sid="AC1", twilio_auth_token="t",
                       twilio_from_number="+447700900001", public_url="https://hub.example.org")
    assert complete.sms_missing() is None
    assert replace(complete, **changes).sms_missing() == missing


def test_a_public_url_makes_telegram_need_its_webhook_secret(settings):
    polling = replace(settings, telegram_bot_token="1:x")
    assert polling.telegram_missing() is None
    webhook = replace(polling, public_url="https://hub.example.org")
    assert webhook.telegram_missing() == "TELEGRAM_WEBHOOK_SECRET"
    assert replace(webhook, telegram_webhook_secret="s").enabled_channels == {"telegram"}


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
