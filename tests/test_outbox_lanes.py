"""Outbox lanes: the urgent first, within the provider's rate, 429s waited out once, offers
that closed while they waited dropped, and nothing sent twice or lost."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, date, datetime, timedelta
from itertools import count

import pytest
from sqlalchemy import insert, select

from bot.app import build_hub
from bot.services.help_requests.cancelling import BY_COORDINATOR, cancel_request
from bot.services.running.conversations import IncomingMessage
from bot.services.sending.delivery import OutboxWorker, OutgoingMessage, RetryPolicy, Sent, TryLater
from bot.services.shared.identities import find_or_create_person
from bot.services.running.opt_out import contact_unreachable
from bot.services.sending.outbox import Lane, queue_message
from bot.services.sending.sending_rates import SendingRate, SendingRates
from bot.services.shared.unit_of_work import UnitOfWork
from doubles.harness import running_hub
from doubles.twilio_api import ACCOUNT_SID, AUTH_TOKEN, HUB_NUMBER, FakeTwilio
from fakes import KNOWN_POSTCODES, FakePostcodeLocator
from models import (
    ContactIdentity,
    HelpRequest,
    IdentityKind,
    Offer,
    OfferStatus,
    OutboundMessage,
    OutboundStatus,
    Person,
    PersonRole,
    VolunteerProfile,
)

POLICY = RetryPolicy(first_delay=timedelta(seconds=2), max_delay=timedelta(seconds=60),
                     max_attempts=5, lease=timedelta(minutes=2))
message_ids = count()
phones = count(900600)


class RecordingSender:
    """Sends into a list; answers "too many" to every `busy_every`-th send."""

    def __init__(self, busy_every: int = 0) -> None:
        self.sent: list[OutgoingMessage] = []
        self.busy_every = busy_every
        self.calls = 0

    async def send(self, message: OutgoingMessage) -> Sent:
        self.calls += 1
        await asyncio.sleep(0)  # let other sends interleave, as real I/O would
        if self.busy_every and self.calls % self.busy_every == 0:
            raise TryLater("too many", retry_after=1)
        self.sent.append(message)
        return Sent(f"id-{message.outbound_id}")


def clock_time(clock):
    """The sending rates on the test's clock: waiting is moving the clock."""
    return lambda: clock().timestamp()


def worker_for(hub, senders: dict, rates: SendingRates, batch_size: int = 100) -> OutboxWorker:
    return OutboxWorker(hub.session_factory, senders, hub.clock,
                        contact_unreachable(hub.offers), policy=POLICY, rates=rates,
                        batch_size=batch_size)


def queue_waiting_offers(hub, how_many: int, channel: str) -> None:
    """`how_many` offers already waiting, as after a launch: one plain INSERT."""
    now = hub.clock()
    with UnitOfWork(hub.session_factory) as uow:
        uow.session.execute(insert(OutboundMessage), [
            {"person_id": None, "channel": channel, "address": str(500_000 + n),
             "body": f"offer {n}", "choices": [], "status": OutboundStatus.PENDING,
             "lane": Lane.OFFERS, "next_attempt_at": now, "created_at": now, "attempts": 0}
            for n in range(how_many)])
        uow.commit()


def queue(hub, address: str, bodies: list[str], lane: Lane, channel: str = "sms") -> list[int]:
    with UnitOfWork(hub.session_factory) as uow:
        person, _ = find_or_create_person(uow.session, IdentityKind.PHONE, address)
        rows = [queue_message(uow.session, person, body, hub.clock(), frozenset({channel}),
                              lane=lane) for body in bodies]
        uow.session.flush()
        ids = [row.id for row in rows]
        uow.commit()
    return ids


def rows(hub) -> dict[int, OutboundMessage]:
    with hub.session_factory() as session:
        return {row.id: row for row in session.scalars(select(OutboundMessage))}


async def test_a_danger_reply_goes_before_thousands_of_waiting_offers(hub, clock):
    queue_waiting_offers(hub, 3000, "telegram")
    hub.conversations.receive(IncomingMessage(
        channel="telegram", identity_kind=IdentityKind.TELEGRAM, address="7100",
        channel_message_id="tg-1", text="I've fallen and I can't get up, I'm bleeding",
        received_at=clock()))
    telegram = RecordingSender()
    worker = worker_for(hub, {"telegram": telegram},
                        SendingRates({"telegram": SendingRate(30)}, clock_time(clock)))

    await worker.deliver_due()

    # One round holds no more than the rate allows; the danger advice leads it.
    assert len(telegram.sent) == 30
    assert telegram.sent[0].address == "7100" and "999" in telegram.sent[0].body
    assert telegram.sent[0].lane == Lane.SAFETY
    assert {m.lane for m in telegram.sent[1:]} == {Lane.OFFERS}
    advice = min((row for row in rows(hub).values() if row.address == "7100"),
                 key=lambda row: row.id)
    assert advice.lane == Lane.SAFETY and advice.status == OutboundStatus.SENT
    # Written at and sent at are kept, so each lane's wait can be measured.
    assert advice.sent_at - advice.created_at == timedelta(0)


async def test_the_rate_is_kept_against_a_rate_limited_twilio(settings):
    # Real time throughout: the pace is the point (and a 429's wait is waited out).
    def clock() -> datetime:
        return datetime.now(UTC)

    twilio = FakeTwilio(clock=clock)
    # A second's worth, and one more for the network's timing.
    twilio.limit_rate(per_second=4, burst=5)
    async with running_hub(settings, clock, telegram=False, twilio_double=twilio,
                           sending_rates=SendingRates({"sms": SendingRate(4)})) as served:
        ids = []
        for n in range(4):
            ids += queue(served.hub, f"+4477009007{n:02d}", [f"offer {n}a", f"offer {n}b",
                                                            f"offer {n}c"], Lane.OFFERS)
        started = time.monotonic()
        served.server.worker.wake()
        while len(twilio.messages) < len(ids) and time.monotonic() - started < 30:
            await asyncio.sleep(0.05)
        took = time.monotonic() - started
        # The double has the last message before the worker has written down its attempt.
        attempts = [row.attempts for row in rows(served.hub).values()]
        while sum(attempts) < twilio.requests and time.monotonic() - started < 30:
            await asyncio.sleep(0.05)
            attempts = [row.attempts for row in rows(served.hub).values()]

    # Each sent once; a 429 is possible only at the rate's edge (a request slow on the
    # way), and then that message is tried once more, after its Retry-After.
    assert sorted(m.body for m in twilio.messages) == sorted(
        f"offer {n}{x}" for n in range(4) for x in "abc")
    assert twilio.too_many <= 1
    assert twilio.requests == len(ids) + twilio.too_many == sum(attempts)
    # 12 messages at 4 a second, 4 at once: about two seconds, not all at once.
    assert 1.9 <= took < 8
    accepted = twilio.accepted_at
    assert len(accepted) - 5 <= 4 * (accepted[-1] - accepted[0]) + 1e-6


async def test_a_429_pauses_the_sender_and_the_message_is_tried_once_after_retry_after(
        settings, clock):
    rates = SendingRates({"sms": SendingRate(10)}, clock_time(clock))
    async with running_hub(settings, clock, telegram=False, run_worker=False,
                           sending_rates=rates) as served:
        ids = [queue(served.hub, f"+4477009008{n:02d}", [f"news {n}"], Lane.CONVERSATION)[0]
               for n in range(3)]
        served.twilio.failures.append((429, 2))
        worker = served.server.worker

        await worker.deliver_due()
        assert served.twilio.requests == 3 and len(served.twilio.messages) == 2
        # Until Retry-After has passed nothing more is asked of Twilio, however often the
        # worker looks.
        for _ in range(5):
            await worker.deliver_due()
        clock.advance(seconds=1)
        await worker.deliver_due()
        assert served.twilio.requests == 3
        clock.advance(seconds=1)
        await worker.deliver_due()
        assert served.twilio.requests == 4
        sent = rows(served.hub)

    assert sorted(m.body for m in served.twilio.messages) == ["news 0", "news 1", "news 2"]
    assert {sent[i].status for i in ids} == {OutboundStatus.SENT}
    assert sorted(sent[i].attempts for i in ids) == [1, 1, 2]


# Offers that waited past their use.

ALL_WEEK = [f"{day}_{part}" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            for part in ("morning", "afternoon", "evening")]


def add_volunteer(hub, name: str, postcode: str) -> str:
    phone = f"+447700{next(phones)}"
    latitude, longitude = KNOWN_POSTCODES[postcode]
    vetted_on = date(2026, 10, 1)
    with hub.session_factory.begin() as session:
        person = Person(first_name=name)
        person.identities.append(ContactIdentity(kind="phone", address=phone))
        person.roles.append(PersonRole(role="volunteer"))
        person.volunteer_profile = VolunteerProfile(
            postcode=postcode, latitude=latitude, longitude=longitude, travel_radius_km=5.0,
            skills=["shopping"], availability=ALL_WEEK, languages=["en"], age_band="45-54",
            vetting_status="approved", weekly_task_cap=3, id_checked_on=vetted_on,
            dbs_checked_on=vetted_on, training_completed_on=vetted_on)
        session.add(person)
    return phone


def say(hub, phone: str, text: str) -> None:
    hub.conversations.receive(IncomingMessage(
        channel="sms", identity_kind="phone", address=phone,
        channel_message_id=f"SM-lanes-{next(message_ids)}", text=text, received_at=hub.clock(),
        replies_inline=True))


@pytest.fixture
def sms_hub(settings, clock):
    """A hub whose messages go by SMS (nothing is sent until a worker runs)."""
    built = build_hub(settings.with_changes(twilio_account_sid=ACCOUNT_SID,
                                            twilio_auth_token=AUTH_TOKEN,
                                            twilio_from_number=HUB_NUMBER,
                                            public_url="https://hub.example.org"),
                      clock=clock, locate_postcode=FakePostcodeLocator())
    yield built
    built.close()


def offer_rows(hub) -> list[OutboundMessage]:
    return [row for row in rows(hub).values() if row.offer_id is not None]


@pytest.mark.parametrize("closed_by", ["cancelled", "taken", "timed out"])
async def test_offers_that_closed_while_they_waited_are_dropped_not_sent_late(
        sms_hub, clock, closed_by):
    hub = sms_hub
    margaret = add_volunteer(hub, "Margaret", "RM17 5AA")
    add_volunteer(hub, "Kai", "RM16 2XU")
    say(hub, "+447700900650", "can someone get my shopping? I'm Albert")
    for answer in ("RM17 6SL", "12 Orsett Road", "tomorrow", "yes"):
        say(hub, "+447700900650", answer)
    waiting = offer_rows(hub)
    assert len(waiting) == 2 and {row.lane for row in waiting} == {Lane.OFFERS}
    with UnitOfWork(hub.session_factory) as uow:
        request = uow.session.scalars(select(HelpRequest)).one()
        if closed_by == "cancelled":
            cancel_request(uow.session, request, clock(), hub.offers.notifier,
                           why=BY_COORDINATOR, actor_id=None, channel=None)
        elif closed_by == "taken":
            volunteer = uow.session.scalar(select(Person).join(ContactIdentity).where(
                ContactIdentity.address == margaret))
            assert hub.offers.assign(uow.session, request, volunteer, clock(),
                                     reasons="nearby", distance_km=1.0)
        uow.commit()
    if closed_by == "timed out":
        clock.advance(minutes=61)  # the scheduler has not moved them on yet
    sms = RecordingSender()
    worker = worker_for(hub, {"sms": sms}, SendingRates())

    await worker.deliver_due()

    assert all(m.offer_id is None for m in sms.sent)
    dropped = offer_rows(hub)
    assert {row.status for row in dropped} == {OutboundStatus.DROPPED}
    assert all(row.sent_at is None and row.last_error.startswith("dropped unsent")
               for row in dropped)
    with hub.session_factory() as session:
        offers = session.scalars(select(Offer.status)).all()
    assert (closed_by == "timed out") == (set(offers) == {OfferStatus.OFFERED})
    if closed_by == "taken":
        # The news that matters is sent: Margaret's task.
        assert [m.address for m in sms.sent if "12 Orsett Road" in m.body] == [margaret]


async def test_two_workers_with_rates_and_429s_send_every_row_once_highest_lane_first(
        hub, clock):
    ids = []
    for lane in reversed(Lane):
        for n in range(30):
            ids += queue(hub, f"+4477009{lane:01d}{n:04d}", [f"lane {lane} #{n}"], lane)
    first, second = RecordingSender(busy_every=7), RecordingSender(busy_every=11)
    workers = [worker_for(hub, {"sms": sender}, SendingRates({"sms": SendingRate(20)},
                                                             clock_time(clock)))
               for sender in (first, second)]

    rounds = 0
    while rounds < 60 and any(row.status == OutboundStatus.PENDING
                              for row in rows(hub).values()):
        await asyncio.gather(*(worker.deliver_due() for worker in workers))
        clock.advance(seconds=1)
        rounds += 1

    sent = [m.outbound_id for m in first.sent + second.sent]
    assert len(sent) == len(set(sent)) == len(ids) == 150
    assert sorted(sent) == sorted(ids)
    assert {row.status for row in rows(hub).values()} == {OutboundStatus.SENT}
    # 40 a second between them: every safety message (one tried again after a 429 too)
    # went before any broadcast.
    safety = [row for row in rows(hub).values() if row.lane == Lane.SAFETY]
    broadcasts = [row for row in rows(hub).values() if row.lane == Lane.BROADCASTS]
    assert max(row.sent_at for row in safety) <= min(row.sent_at for row in broadcasts)
