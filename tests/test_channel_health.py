"""Each channel's health: the states /healthz shows, the backoff, and what is logged."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.services.sending.channel_health import Backoff, ChannelHealth


def test_the_wait_doubles_from_one_second_up_to_a_minute():
    backoff = Backoff()
    assert [backoff.delay(n).total_seconds() for n in range(1, 9)] == [
        1, 2, 4, 8, 16, 32, 60, 60]
    assert backoff.delay(500) == timedelta(seconds=60)


def test_a_channel_that_cannot_start_is_retrying_with_its_error_and_logged_once(clock,
                                                                                caplog):
    caplog.set_level(logging.DEBUG, logger="bot")
    health = ChannelHealth(clock, timedelta(minutes=5))
    health.starting("telegram")
    started = clock()
    assert health.seconds_until_attempt("telegram") == 0
    for failed in range(1, 5):
        health.attempt_failed("telegram", f"NetworkError: Bad Gateway {failed}")
        clock.advance(seconds=health.seconds_until_attempt("telegram"))
    status = health.status("telegram")
    assert (status.state, status.since, status.failed_attempts, status.error) == (
        "retrying", started, 4, "NetworkError: Bad Gateway 4")
    assert not health.is_up("telegram") and health.is_down("telegram")
    health.up("telegram")
    assert health.is_up("telegram") and health.channels_up() == ["telegram"]
    assert health.seconds_until_attempt("telegram") is None
    told = [(r.levelno, r.getMessage()) for r in caplog.records if r.levelno >= logging.INFO]
    assert [level for level, _ in told] == [logging.WARNING, logging.INFO]
    assert "could not start (NetworkError: Bad Gateway 1)" in told[0][1]
    assert told[1][1] == ("telegram: up again after 15s down (4 failed attempt(s)); "
                          "sending what waited")


def test_a_channel_goes_down_after_sends_fail_in_a_row_and_an_answer_resets_the_count(clock):
    health = ChannelHealth(clock, timedelta(minutes=5))
    health.up("sms")
    assert not health.send_failed("sms", "twilio answered 500")
    assert not health.send_failed("sms", "twilio answered 502")
    health.provider_answered("sms")  # a 429, or a message sent: Twilio is there
    assert not health.send_failed("sms", "twilio answered 500")
    assert not health.send_failed("sms", "twilio answered 500")
    assert health.send_failed("sms", "twilio unreachable: ConnectError")
    status = health.status("sms")
    assert (status.state, status.since, status.error, status.failed_attempts) == (
        "retrying", clock(), "twilio unreachable: ConnectError", 0)
    assert health.seconds_until_attempt("sms") == 1  # the provider is asked after a second
    assert not health.send_failed("sms", "twilio answered 500")  # already down


def test_a_configured_channel_down_longer_than_the_grace_is_named(clock):
    health = ChannelHealth(clock, timedelta(seconds=300))
    health.off("voice", "TWILIO_VOICE_ENABLED")
    health.up("sms")
    health.starting("telegram")
    health.attempt_failed("telegram", "NetworkError: " + "very long words " * 20)
    clock.advance(seconds=300)
    assert health.down_too_long() == []
    clock.advance(seconds=1)
    assert health.down_too_long() == ["telegram"]
    shown = {name: status.as_json() for name, status in health.statuses().items()}
    assert shown["voice"] == {"state": "off", "missing": "TWILIO_VOICE_ENABLED"}
    assert shown["sms"]["state"] == "up"
    assert len(shown["telegram"]["error"]) == 120 and shown["telegram"]["error"].endswith("…")
    health.up("telegram")
    assert health.down_too_long() == []
