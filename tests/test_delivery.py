"""The outbox worker: retries, outages, restarts and several workers, never a row twice."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.channels.rate_limit import TelegramRateLimiter
from bot.services.sending.delivery import (
    OutboxWorker,
    OutgoingMessage,
    RetryPolicy,
    Sent,
    TryLater,
)
from bot.services.shared.identities import find_or_create_person
from bot.services.running.opt_out import contact_unreachable
from bot.services.sending.outbox import queue_message
from bot.services.shared.unit_of_work import UnitOfWork
from doubles.harness import running_hub
from models import IdentityKind, OutboundMessage, OutboundStatus

POLICY = RetryPolicy(first_delay=timedelta(seconds=2), max_delay=timedelta(seconds=60),
                     max_attempts=5, lease=timedelta(minutes=2))


def queue(hub, kind: str, address: str, bodies: list[str], channel: str) -> list[int]:
    with UnitOfWork(hub.session_factory) as uow:
        person, _ = find_or_create_person(uow.session, kind, address)
        rows = [queue_message(uow.session, person, body, hub.clock(), frozenset({channel}))
                for body in bodies]
        uow.session.flush()
        ids = [row.id for row in rows]
        uow.commit()
    return ids


def statuses(hub) -> dict[int, str]:
    with hub.session_factory() as session:
        return dict(session.execute(select(OutboundMessage.id, OutboundMessage.status)).all())


class RecordingSender:
    """Sends into a list; fails as told first; can hang to play a crash mid-send."""

    def __init__(self, failures: list[Exception] | None = None, hang: bool = False) -> None:
        self.sent: list[OutgoingMessage] = []
        self.failures = list(failures or [])
        self.hang = hang
        self.sending = asyncio.Event()  # set once a send has begun (the rows are claimed)

    async def send(self, message: OutgoingMessage) -> Sent:
        self.sending.set()
        if self.hang:
            await asyncio.Event().wait()
        await asyncio.sleep(0)  # let other senders interleave, as real I/O would
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(message)
        return Sent(f"id-{message.outbound_id}")


def worker_for(hub, sender, channel="sms") -> OutboxWorker:
    return OutboxWorker(hub.session_factory, {channel: sender}, hub.clock,
                        contact_unreachable(hub.offers), policy=POLICY)


async def test_everything_is_delivered_once_through_an_outage_of_both_providers(
        settings, clock):
    # The limiter keeps the worker's time, so waiting out RetryAfter is moving the clock.
    limiter = TelegramRateLimiter(per_second=1000, per_chat_per_second=1000,
                                  monotonic=lambda: clock().timestamp())
    async with running_hub(settings, clock, run_worker=False,
                           telegram_limiter=limiter) as served:
        chats = [7001, 7002, 7003]
        phones = ["+447700900201", "+447700900202"]
        for chat in chats:
            queue(served.hub, IdentityKind.TELEGRAM, str(chat),
                  [f"offer {n} for {chat}" for n in range(3)], "telegram")
        for phone in phones:
            queue(served.hub, IdentityKind.PHONE, phone,
                  [f"offer {n} for {phone}" for n in range(3)], "sms")
        served.telegram.failures.extend([(429, 1), (500, None), (500, None), (500, None)])
        served.twilio.failures.extend([(429, 1), (500, None), (500, None), (503, None)])

        for _ in range(40):
            await served.server.worker.deliver_due()
            if all(s == OutboundStatus.DELIVERED or s == OutboundStatus.SENT
                   for s in statuses(served.hub).values()):
                break
            clock.advance(seconds=30)
            # Three 5xx in a row take a channel down until its provider answers again:
            # ask now, rather than when the server's own check comes round.
            await served.server.try_channels()

        assert set(statuses(served.hub).values()) <= {OutboundStatus.DELIVERED,
                                                     OutboundStatus.SENT}
        telegram_texts = [m.text for m in served.telegram.sent]
        sms_texts = [m.body for m in served.twilio.messages]
        assert sorted(telegram_texts) == sorted(f"offer {n} for {c}" for c in chats
                                                for n in range(3))
        assert sorted(sms_texts) == sorted(f"offer {n} for {p}" for p in phones for n in range(3))
        # Each chat got its messages in the order they were queued.
        for chat in chats:
            assert [m.text for m in served.telegram.messages_to(chat)] == [
                f"offer {n} for {chat}" for n in range(3)]
        with served.hub.session_factory() as session:
            errors = session.scalars(select(OutboundMessage.last_error)).all()
        assert errors == [None] * len(errors)


async def test_retry_after_is_honoured_before_trying_again(hub, clock):
    sender = RecordingSender([TryLater("busy", retry_after=40)])
    [row_id] = queue(hub, IdentityKind.PHONE, "+447700900301", ["hello"], "sms")
    worker = worker_for(hub, sender)
    await worker.deliver_due()
    clock.advance(seconds=39)
    await worker.deliver_due()
    assert sender.sent == []
    clock.advance(seconds=1)
    await worker.deliver_due()
    assert [m.outbound_id for m in sender.sent] == [row_id]
    with hub.session_factory() as session:
        assert session.get(OutboundMessage, row_id).attempts == 2


async def test_a_message_is_given_up_as_failed_after_its_attempts(hub, clock):
    sender = RecordingSender([TryLater("down")] * 10)
    [row_id] = queue(hub, IdentityKind.PHONE, "+447700900302", ["hello"], "sms")
    worker = worker_for(hub, sender)
    for _ in range(10):
        await worker.deliver_due()
        clock.advance(minutes=5)
    with hub.session_factory() as session:
        row = session.get(OutboundMessage, row_id)
        assert (row.status, row.attempts, row.last_error) == (OutboundStatus.FAILED, 5, "down")
    assert sender.sent == []


async def test_messages_claimed_by_a_process_that_died_are_sent_after_restart(hub, clock):
    ids = queue(hub, IdentityKind.PHONE, "+447700900303", ["one", "two"], "sms")
    hanging = RecordingSender(hang=True)
    crashed = asyncio.create_task(worker_for(hub, hanging).deliver_due())
    # The rows are claimed and "being sent" (waited for, not slept on: a busy machine is slow).
    await asyncio.wait_for(hanging.sending.wait(), timeout=30)
    crashed.cancel()
    with pytest.raises(asyncio.CancelledError):
        await crashed

    restarted_sender = RecordingSender()
    restarted = worker_for(hub, restarted_sender)
    await restarted.deliver_due()
    assert restarted_sender.sent == []  # still leased to the dead process
    clock.advance(minutes=3)
    await restarted.deliver_due()
    assert [m.body for m in restarted_sender.sent] == ["one", "two"]
    assert set(statuses(hub).values()) == {OutboundStatus.SENT}
    assert sorted(statuses(hub)) == sorted(ids)


async def test_two_workers_at_once_never_send_a_row_twice(hub, clock):
    for n in range(12):
        queue(hub, IdentityKind.PHONE, f"+4477009004{n:02d}", [f"m{n}a", f"m{n}b"], "sms")
    first, second = RecordingSender(), RecordingSender()
    await asyncio.gather(worker_for(hub, first).deliver_due(),
                         worker_for(hub, second).deliver_due())
    sent = [m.outbound_id for m in first.sent + second.sent]
    assert sorted(sent) == sorted(statuses(hub))
    assert len(sent) == len(set(sent)) == 24


async def test_a_failure_holds_back_the_later_messages_to_the_same_person(hub, clock):
    sender = RecordingSender([TryLater("busy", retry_after=10)])
    queue(hub, IdentityKind.PHONE, "+447700900305", ["first", "second"], "sms")
    worker = worker_for(hub, sender)
    await worker.deliver_due()
    assert sender.sent == []
    clock.advance(seconds=10)
    await worker.deliver_due()
    assert [m.body for m in sender.sent] == ["first", "second"]


def test_the_rate_limiter_spaces_one_chat_and_caps_the_whole_bot():
    now = [0.0]
    limiter = TelegramRateLimiter(per_second=30, per_chat_per_second=1, chat_burst=1,
                                  monotonic=lambda: now[0])
    assert limiter.delay_for("a") == 0
    assert limiter.delay_for("a") == pytest.approx(1.0)
    waits = [limiter.delay_for(str(chat)) for chat in range(40)]
    # 42 sends so far: 30 at once, then one every 1/30 s.
    assert max(waits) == pytest.approx(12 / 30)
    limiter.pause(5)
    assert limiter.delay_for("b") == pytest.approx(5)


def attempts(hub, ids: list[int]) -> list[int]:
    with hub.session_factory() as session:
        rows = dict(session.execute(select(OutboundMessage.id, OutboundMessage.attempts)).all())
    return [rows[row_id] for row_id in ids]


@pytest.mark.parametrize("channel", ["telegram", "sms"])
async def test_a_provider_failing_after_a_good_start_is_waited_for_and_its_messages_held(
        settings, clock, channel):
    async with running_hub(settings, clock, run_worker=False) as served:
        hub, server, worker = served.hub, served.server, served.server.worker
        if channel == "telegram":
            provider, kind = served.telegram, IdentityKind.TELEGRAM
            addresses = ["7101", "7102", "7103"]
            probes = lambda: served.telegram.calls.count("getMe")  # noqa: E731
            received = lambda address: [m.text for m in  # noqa: E731
                                        served.telegram.messages_to(int(address))]
        else:
            provider, kind = served.twilio, IdentityKind.PHONE
            addresses = ["+447700900211", "+447700900212", "+447700900213"]
            probes = lambda: served.twilio.account_fetches  # noqa: E731
            received = lambda address: [m.body for m in served.twilio.to(address)]  # noqa: E731
        assert server.health.is_up(channel)

        provider.outage = True
        first = [queue(hub, kind, address, [f"first for {address}"], channel)[0]
                 for address in addresses]
        await worker.deliver_due()  # three sends at once, three 500s: the provider is down
        down = server.health.status(channel)
        assert (down.state, down.since) == ("retrying", clock())
        assert "500" in down.error or "Internal Server Error" in down.error
        health = (await served.client.get(f"{served.url}/healthz")).json()
        assert health["channel_states"][channel]["state"] == "retrying"
        assert channel not in health["channels"]

        # What comes while it is down waits, and no attempt is counted against it.
        later = queue(hub, kind, addresses[0], ["second", "third"], channel)
        probed = probes()
        for _ in range(3):
            clock.advance(seconds=30)
            await server.try_channels()  # the provider is asked, and still fails
            await worker.deliver_due()
        assert probes() > probed
        assert server.health.status(channel).state == "retrying"
        assert attempts(hub, first) == [1, 1, 1] and attempts(hub, later) == [0, 0]
        assert all(received(address) == [] for address in addresses)

        provider.outage = False
        clock.advance(seconds=60)  # the longest wait between attempts
        await server.try_channels()
        assert server.health.is_up(channel)
        await worker.deliver_due()
        assert received(addresses[0]) == [f"first for {addresses[0]}", "second", "third"]
        assert [received(address) for address in addresses[1:]] == [
            [f"first for {address}"] for address in addresses[1:]]
        assert set(statuses(hub).values()) <= {OutboundStatus.SENT, OutboundStatus.DELIVERED}
        assert attempts(hub, first) == [2, 2, 2] and attempts(hub, later) == [1, 1]
