"""The outbox worker: sends what the units of work stored, after they committed.

Rows are claimed with a lease (their `next_attempt_at` moves into the future,
in one transaction: a SELECT, on PostgreSQL FOR UPDATE SKIP LOCKED, then an
UPDATE … RETURNING of those rows), so two workers — in one process or several —
never hold the same row. Each row's outcome is written back at once:

- sent: status "sent" (or "delivered" when the provider confirms at once);
- try later (429, 5xx, timeouts): the row waits, honouring Retry-After,
  else backing off exponentially, and the channel pauses for as long;
- the provider down (several 5xx, timeouts or refused connections in a row,
  see `bot.services.sending.channel_health`): the channel is marked retrying and its
  rows wait, due, without attempts counted, until the server finds it up again;
- undeliverable (opted out, bot blocked, invalid number): marked so, and the
  person's contact is marked unreachable (see `bot.services.running.opt_out`);
- rejected for good, or out of attempts: status "failed".

Rows are claimed highest lane first (1 safety, 2 conversation, 3 offers, 4 reminders,
5 broadcasts: `bot.services.sending.outbox.Lane`), per channel, and no more than the channel's
sending rate allows at that moment (`bot.services.sending.sending_rates`): what is claimed is sent
at once, so a danger reply written behind thousands of offers waits for one round, not for
the queue. An offer whose offer closed while it waited (taken, withdrawn, declined, timed
out) is not sent late: its row is marked "dropped".

If the process dies between the provider accepting a message and the outcome
being written, the lease runs out and the row is sent again: a rare
duplicate is better than a lost task offer. Rows to one address are sent in
order; after a failure the rest of that address's rows wait behind it.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Awaitable, Callable, Mapping, Protocol

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.dialogue.types import Attachment, Choice
from bot.services.sending.channel_health import ChannelHealth
from bot.services.shared.identities import mask_phone
from bot.services.shared.unit_of_work import UnitOfWork
from bot.services.sending.outbox import CHANNEL_FOR_IDENTITY, Lane
from bot.services.sending.sending_rates import SendingRates
from models import (
    ContactIdentity,
    Offer,
    OfferStatus,
    OutboundAttachment,
    OutboundMessage,
    OutboundStatus,
    Person,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutgoingMessage:
    """One outbox row, as a sender needs it."""

    outbound_id: int
    person_id: int | None
    channel: str
    address: str
    body: str
    choices: tuple[Choice, ...]
    language: str
    # A file to send with the text, only on channels in outbox.FILE_CHANNELS.
    attachment: Attachment | None = None
    lane: int = Lane.CONVERSATION
    offer_id: int | None = None


@dataclass(frozen=True)
class Sent:
    provider_message_id: str
    # Telegram has the message in the chat once it answers; Twilio confirms
    # delivery later through the status callback.
    delivered: bool = False


class TryLater(Exception):
    """The provider is busy or down: the same message may succeed later.

    `outage`: the provider itself failed (5xx, a timeout, no connection), not
    this message (429 flood control); enough of them in a row take the channel down.
    """

    def __init__(self, reason: str, retry_after: float | None = None, *,
                 outage: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.outage = outage


class Undeliverable(Exception):
    """This address cannot receive messages: opted out, blocked the bot, not a mobile."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Rejected(Exception):
    """The provider refused this message for good (a malformed request)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SendInstead(Exception):
    """This channel cannot carry this message (WhatsApp outside its window with no template,
    or WhatsApp refused it): the row is marked failed with `reason`, and the same words are
    queued once on `channel` to `address`, in the same transaction."""

    def __init__(self, reason: str, channel: str, address: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.channel = channel
        self.address = address


class Sender(Protocol):
    async def send(self, message: OutgoingMessage) -> Sent: ...


class UnreachableHandler(Protocol):
    """Marks a contact unreachable, in the caller's transaction."""

    def __call__(self, session: Session, person_id: int | None, channel: str, address: str,
                 reason: str, now: datetime) -> None: ...


@dataclass(frozen=True)
class RetryPolicy:
    first_delay: timedelta = timedelta(seconds=2)
    max_delay: timedelta = timedelta(minutes=10)
    # About a day of retries at the longest delay before a message is given up.
    max_attempts: int = 150
    # How long a claimed row stays invisible to other workers while it is sent.
    lease: timedelta = timedelta(minutes=2)

    def delay(self, attempts: int, retry_after: float | None) -> timedelta:
        if retry_after is not None:
            return timedelta(seconds=max(retry_after, 0.0))
        exponential = self.first_delay * (2 ** min(attempts - 1, 20))
        # Up to 10% later, so rows that failed together do not all come back together.
        return min(self.max_delay, exponential) * (1 + random.random() / 10)


def no_report(channel: str, outcome: str) -> None:
    """The default observer: delivery outcomes are not counted anywhere."""


class OutboxWorker:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        senders: Mapping[str, Sender],
        clock: Callable[[], datetime],
        on_unreachable: UnreachableHandler,
        *,
        policy: RetryPolicy = RetryPolicy(),
        batch_size: int = 100,
        concurrency: int = 16,
        report: Callable[[str, str], None] = no_report,
        run_blocking: Callable[..., Awaitable] = asyncio.to_thread,
        health: ChannelHealth | None = None,
        rates: SendingRates | None = None,
    ) -> None:
        self._session_factory = session_factory
        # Where database work runs off the event loop (one thread for SQLite).
        self._run = run_blocking
        self._senders = dict(senders)
        self._clock = clock
        self._on_unreachable = on_unreachable
        self._policy = policy
        self._batch_size = batch_size
        self._concurrency = asyncio.Semaphore(concurrency)
        self._report = report
        self._wake = asyncio.Event()
        self._paused_until: dict[str, datetime] = {}
        # Without one, every channel with a sender counts as up.
        self._health = health
        # Without them, as much as a batch holds goes at once on every channel.
        self._rates = rates or SendingRates()
        # While a channel's rate holds rows back, when to look again (sooner than a poll).
        self._next_allowance_in: float | None = None

    @property
    def channels(self) -> frozenset[str]:
        return frozenset(self._senders)

    def wake(self) -> None:
        """Something was just queued: look now rather than at the next poll."""
        self._wake.set()

    def add_sender(self, channel: str, sender: Sender) -> None:
        """A channel that came up after the worker was made (it could not start at first)."""
        self._senders[channel] = sender
        self.resume(channel)

    def resume(self, channel: str) -> None:
        """The channel is up again: what waited for it is due now."""
        self._paused_until.pop(channel, None)
        self.wake()

    def _is_up(self, channel: str) -> bool:
        return self._health is None or self._health.is_up(channel)

    async def run(self, poll_interval: float = 1.0) -> None:
        """Deliver until cancelled; polls for rows queued by other processes."""
        while True:
            try:
                handled = await self.deliver_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                # A database hiccup must not end delivery for good.
                log.exception("outbox: delivery round failed; trying again shortly")
                self._report("*", "worker_error")
                handled = 0
            if handled:
                continue  # there may be more due right away
            self._wake.clear()
            wait = poll_interval
            if self._next_allowance_in is not None:
                wait = min(wait, self._next_allowance_in)
            try:
                await asyncio.wait_for(self._wake.wait(), wait)
            except TimeoutError:
                pass

    async def deliver_due(self) -> int:
        """Claim one batch of due rows and send it; returns how many rows were handled."""
        if not self._senders:
            return 0
        now = self._clock()
        allowed: dict[str, int] = {}
        waits: list[float] = []
        for channel in self._senders:
            if not self._is_up(channel) or self._paused_until.get(channel, now) > now:
                continue
            allowed[channel] = self._rates.may_send(channel, self._batch_size)
            if not allowed[channel]:
                waits.append(self._rates.seconds_until_next(channel) or 0.0)
        self._next_allowance_in = min(waits) if waits else None
        allowed = {channel: count for channel, count in allowed.items() if count}
        if not allowed:
            return 0
        # A round ends when its sends are done, so what `may_send` allowed is not claimed
        # twice: each send spends its turn (`SendingRates.turn`) as it goes.
        claimed, dropped = await self._run(self._claim, allowed, now)
        for channel, count in dropped.items():
            log.info("outbox: %d %s offer(s) dropped unsent: the offer closed while they "
                     "waited", count, channel)
            for _ in range(count):
                self._report(channel, "dropped")
        by_address: dict[tuple[str, str], list[OutgoingMessage]] = defaultdict(list)
        for message in claimed:
            by_address[(message.channel, message.address)].append(message)
        await asyncio.gather(*(self._send_in_order(group) for group in by_address.values()))
        return len(claimed) + sum(dropped.values())

    def _claim(self, allowed: dict[str, int], now: datetime
               ) -> tuple[list[OutgoingMessage], Counter]:
        """Claim, on each channel, up to its allowance of due rows, highest lane first;
        offers that closed while they waited are marked dropped instead (counted by
        channel) and not returned."""
        with UnitOfWork(self._session_factory) as uow:
            claimed_ids: list[int] = []
            for channel, most in allowed.items():
                due = (
                    select(OutboundMessage.id)
                    .where(OutboundMessage.status == OutboundStatus.PENDING,
                           OutboundMessage.channel == channel,
                           OutboundMessage.next_attempt_at <= now)
                    .order_by(OutboundMessage.lane, OutboundMessage.next_attempt_at,
                              OutboundMessage.id)
                    .limit(most)
                    .with_for_update(skip_locked=True)
                )
                # The ids first, then the UPDATE: as a subquery of the UPDATE, PostgreSQL
                # may run the SELECT again for each row and so claim more than `most`
                # (the rows it just moved no longer match, so it finds the next ones).
                locked = list(uow.session.scalars(due))
                if not locked:
                    continue
                claimed_ids += uow.session.scalars(
                    update(OutboundMessage)
                    .where(OutboundMessage.id.in_(locked),
                           OutboundMessage.status == OutboundStatus.PENDING,
                           OutboundMessage.next_attempt_at <= now)
                    .values(next_attempt_at=now + self._policy.lease)
                    .returning(OutboundMessage.id)
                    .execution_options(synchronize_session=False)
                )
            if not claimed_ids:
                return [], Counter()
            dropped = self._drop_closed_offers(uow.session, claimed_ids, now)
            rows = uow.session.execute(
                select(OutboundMessage, Person.language, OutboundAttachment)
                .outerjoin(Person, OutboundMessage.person_id == Person.id)
                .outerjoin(OutboundAttachment,
                           OutboundAttachment.outbound_message_id == OutboundMessage.id)
                .where(OutboundMessage.id.in_(claimed_ids),
                       OutboundMessage.status == OutboundStatus.PENDING)
                .order_by(OutboundMessage.lane, OutboundMessage.id)
            ).all()
            uow.commit()
        return [
            OutgoingMessage(row.id, row.person_id, row.channel, row.address, row.body,
                            tuple(Choice(value, label) for value, label in row.choices),
                            language or "en",
                            Attachment(file.filename, file.media_type, file.content)
                            if file is not None else None, row.lane, row.offer_id)
            for row, language, file in rows
        ], dropped

    @staticmethod
    def _drop_closed_offers(session: Session, claimed_ids: list[int], now: datetime
                            ) -> Counter:
        """Mark "dropped" the claimed offers whose offer is no longer open: a volunteer told
        late about a task someone else took, or one that was cancelled, would only be
        confused (and might turn up). Returns how many, by channel."""
        closed = session.execute(
            select(OutboundMessage.id, OutboundMessage.channel, Offer.status)
            .join(Offer, Offer.id == OutboundMessage.offer_id)
            .where(OutboundMessage.id.in_(claimed_ids),
                   or_(Offer.status != OfferStatus.OFFERED, Offer.expires_at <= now))).all()
        dropped: Counter = Counter()
        for outbound_id, channel, offer_status in closed:
            why = "timed out" if offer_status == OfferStatus.OFFERED else offer_status
            session.execute(
                update(OutboundMessage)
                .where(OutboundMessage.id == outbound_id,
                       OutboundMessage.status == OutboundStatus.PENDING)
                .values(status=OutboundStatus.DROPPED, next_attempt_at=None,
                        last_error=f"dropped unsent: the offer was {why} first")
                .execution_options(synchronize_session=False))
            dropped[channel] += 1
        return dropped

    async def _send_in_order(self, group: list[OutgoingMessage]) -> None:
        async with self._concurrency:
            for position, message in enumerate(group):
                retry_at = await self._send_one(message)
                if retry_at is not None:
                    # Later messages must not overtake this one in the chat.
                    await self._run(self._release, group[position + 1:], retry_at)
                    return

    async def _send_one(self, message: OutgoingMessage) -> datetime | None:
        """Send one row and record the outcome; returns when to retry, if it must wait."""
        channel = message.channel
        now = self._clock()
        if not self._is_up(channel):
            # Went down while this batch was being sent: it waits, due, for the channel.
            await self._run(self._release, [message], now)
            return now
        paused_until = self._paused_until.get(channel)
        if paused_until is not None and paused_until > now:
            await self._run(self._release, [message], paused_until)
            return paused_until
        sender = self._senders[channel]
        await self._rates.turn(channel)
        try:
            sent = await sender.send(message)
        except TryLater as busy:
            if not busy.outage:
                self._provider_answered(channel)  # flood control: it answered
            elif self._health is not None:
                self._health.send_failed(channel, busy.reason)
            # Once the channel is down, the row waits for it rather than for a time.
            held = busy.outage and not self._is_up(channel)
            retry_at = await self._run(self._record_retry, message, busy, held)
            if retry_at is not None and not held:
                self._paused_until[channel] = max(retry_at, self._paused_until.get(channel, now))
                if not busy.outage:
                    # "Too many": this sender's allowance is empty until then, so the
                    # message comes back once, alone, at the time the provider gave.
                    self._rates.hold(channel, (retry_at - now).total_seconds())
            return retry_at
        except Undeliverable as error:
            self._provider_answered(channel)
            log.info("outbox: %s message %d undeliverable to %s: %s", channel,
                     message.outbound_id, mask_phone(message.address), error.reason)
            await self._run(self._record_undeliverable, message, error.reason)
            self._report(channel, "undeliverable")
            return None
        except SendInstead as instead:
            self._provider_answered(channel)
            log.info("outbox: %s message %d goes by %s instead: %s", channel,
                     message.outbound_id, instead.channel, instead.reason)
            await self._run(self._record_sent_instead, message, instead)
            self._report(channel, "fell_back")
            self.wake()
            return None
        except Rejected as error:
            self._provider_answered(channel)
            log.warning("outbox: %s rejected message %d: %s", channel, message.outbound_id,
                        error.reason)
            await self._run(self._record_failed, message, error.reason)
            self._report(channel, "failed")
            return None
        except Exception as error:  # a bug or an unexpected library error: retry, loudly
            log.exception("outbox: sending %s message %d failed unexpectedly", channel,
                          message.outbound_id)
            return await self._run(
                self._record_retry, message, TryLater(f"unexpected: {error.__class__.__name__}"))
        self._provider_answered(channel)
        await self._run(self._record_sent, message, sent)
        self._report(channel, "sent")
        return None

    def _provider_answered(self, channel: str) -> None:
        if self._health is not None:
            self._health.provider_answered(channel)

    # Recording outcomes: one short transaction each, only for rows still pending.

    def _record_sent(self, message: OutgoingMessage, sent: Sent) -> None:
        now = self._clock()
        values = dict(status=OutboundStatus.SENT, channel_message_id=sent.provider_message_id,
                      sent_at=now, next_attempt_at=None, last_error=None,
                      attempts=OutboundMessage.attempts + 1)
        if sent.delivered:
            values.update(status=OutboundStatus.DELIVERED, delivered_at=now)
        self._update_pending(message.outbound_id, values)

    def _record_sent_instead(self, message: OutgoingMessage, instead: SendInstead) -> None:
        """The row failed on its channel; a copy for the other channel is queued only if this
        transaction is the one that ended the row, so the fallback goes once."""
        now = self._clock()
        with UnitOfWork(self._session_factory) as uow:
            other, note = fallback_allowed(uow.session, instead.channel, instead.address,
                                           frozenset(self._senders))
            ended = uow.session.execute(
                update(OutboundMessage)
                .where(OutboundMessage.id == message.outbound_id,
                       OutboundMessage.status == OutboundStatus.PENDING)
                .values(status=OutboundStatus.FAILED, next_attempt_at=None,
                        attempts=OutboundMessage.attempts + 1,
                        last_error=f"{instead.reason}; {note}"[:200])
                .execution_options(synchronize_session=False)).rowcount
            if ended == 1 and other:
                uow.session.add(OutboundMessage(
                    person_id=message.person_id, channel=instead.channel,
                    address=instead.address, body=message.body,
                    choices=[[c.value, c.label] for c in message.choices],
                    lane=message.lane, offer_id=message.offer_id,
                    status=OutboundStatus.PENDING, next_attempt_at=now, created_at=now))
            uow.commit()

    def _record_retry(self, message: OutgoingMessage, busy: TryLater, held: bool = False
                      ) -> datetime | None:
        """Count the attempt; the row is due again after a wait, or at once when `held`
        (its channel is down, and it goes when the channel is up again)."""
        now = self._clock()
        with UnitOfWork(self._session_factory) as uow:
            attempts = 1 + (uow.session.scalar(
                select(OutboundMessage.attempts).where(OutboundMessage.id == message.outbound_id)
            ) or 0)
            if attempts >= self._policy.max_attempts:
                log.warning("outbox: giving up %s message %d after %d attempts: %s",
                            message.channel, message.outbound_id, attempts, busy.reason)
                self._report(message.channel, "failed")
                self._update_pending(message.outbound_id, dict(
                    status=OutboundStatus.FAILED, attempts=attempts, next_attempt_at=None,
                    last_error=busy.reason[:200]), uow.session)
                uow.commit()
                return None
            retry_at = now if held else now + self._policy.delay(attempts, busy.retry_after)
            self._update_pending(message.outbound_id, dict(
                attempts=attempts, next_attempt_at=retry_at, last_error=busy.reason[:200]),
                uow.session)
            uow.commit()
        if held:
            log.info("outbox: %s down (%s); message %d waits for it", message.channel,
                     busy.reason, message.outbound_id)
        else:
            log.info("outbox: %s busy (%s); message %d retried at %s", message.channel,
                     busy.reason, message.outbound_id, retry_at.isoformat(timespec="seconds"))
        self._report(message.channel, "retry")
        return retry_at

    def _record_undeliverable(self, message: OutgoingMessage, reason: str) -> None:
        now = self._clock()
        with UnitOfWork(self._session_factory) as uow:
            self._update_pending(message.outbound_id, dict(
                status=OutboundStatus.UNDELIVERABLE, attempts=OutboundMessage.attempts + 1,
                next_attempt_at=None, last_error=reason[:200]), uow.session)
            self._on_unreachable(uow.session, message.person_id, message.channel,
                                 message.address, reason, now)
            uow.commit()

    def _record_failed(self, message: OutgoingMessage, reason: str) -> None:
        self._update_pending(message.outbound_id, dict(
            status=OutboundStatus.FAILED, attempts=OutboundMessage.attempts + 1,
            next_attempt_at=None, last_error=reason[:200]))

    def _release(self, messages: list[OutgoingMessage], retry_at: datetime) -> None:
        """Give claimed rows back unsent, due again at `retry_at` (no attempt counted)."""
        if not messages:
            return
        with UnitOfWork(self._session_factory) as uow:
            uow.session.execute(
                update(OutboundMessage)
                .where(OutboundMessage.id.in_([m.outbound_id for m in messages]),
                       OutboundMessage.status == OutboundStatus.PENDING)
                .values(next_attempt_at=retry_at)
                .execution_options(synchronize_session=False))
            uow.commit()

    def _update_pending(self, outbound_id: int, values: dict, session: Session | None = None
                        ) -> None:
        statement = (update(OutboundMessage)
                     .where(OutboundMessage.id == outbound_id,
                            OutboundMessage.status == OutboundStatus.PENDING)
                     .values(**values)
                     .execution_options(synchronize_session=False))
        if session is not None:
            session.execute(statement)
            return
        with UnitOfWork(self._session_factory) as uow:
            uow.session.execute(statement)
            uow.commit()


def fallback_allowed(session: Session, channel: str, address: str,
                     channels_on: frozenset[str]) -> tuple[bool, str]:
    """Whether a message may go by `channel` to `address` instead, and the note saying so
    on the row it replaces: not when that channel is off or the person stopped it there."""
    if channel not in channels_on:
        return False, f"{channel} is off"
    kinds = [kind for kind, name in CHANNEL_FOR_IDENTITY.items() if name == channel]
    stopped = session.scalar(select(ContactIdentity.id).where(
        ContactIdentity.kind.in_(kinds), ContactIdentity.address == address,
        ContactIdentity.opted_out_at.is_not(None)).limit(1))
    if stopped is not None:
        return False, f"{channel} opted out"
    return True, f"sent by {channel}"


# Provider statuses that end a message's journey (Twilio's names).
DELIVERED_STATUSES = frozenset({"delivered", "read"})
FAILED_STATUSES = frozenset({"undelivered", "failed"})


def record_provider_status(
    session_factory: sessionmaker[Session],
    channel: str,
    provider_message_id: str,
    status: str,
    error: str | None,
    undeliverable: bool,
    on_unreachable: UnreachableHandler,
    now: datetime,
    outbound_id: int | None = None,
) -> bool:
    """Record what the provider later said about a sent message; False if it is not ours.

    Callbacks may come twice or out of order: a delivered message never goes
    back to sent, and interim statuses (queued, sending, sent) change nothing.
    A callback may even come before the worker has recorded the send (its
    transaction can queue behind others): `outbound_id`, from the callback's
    own address, finds the row then, and a final status records the send too.
    """
    with UnitOfWork(session_factory) as uow:
        by_provider_id = (select(OutboundMessage)
                          .where(OutboundMessage.channel == channel,
                                 OutboundMessage.channel_message_id == provider_message_id)
                          .with_for_update())
        row = uow.session.scalar(by_provider_id)
        if row is None and outbound_id is not None:
            row = uow.session.scalar(
                select(OutboundMessage)
                .where(OutboundMessage.id == outbound_id, OutboundMessage.channel == channel,
                       OutboundMessage.status == OutboundStatus.PENDING,
                       OutboundMessage.channel_message_id.is_(None))
                .with_for_update())
            if row is not None and status in DELIVERED_STATUSES | FAILED_STATUSES:
                # The send, recorded as the worker would; its own record, when it
                # comes, finds the row no longer pending and changes nothing.
                row.status, row.channel_message_id = OutboundStatus.SENT, provider_message_id
                row.sent_at, row.next_attempt_at, row.last_error = now, None, None
                row.attempts += 1
            if row is None:
                # The worker recorded the send while this waited for the row's lock (the
                # row then no longer matched "pending"): it carries the provider's id now.
                row = uow.session.scalar(by_provider_id)
        if row is None:
            return False
        if status in DELIVERED_STATUSES and row.status == OutboundStatus.SENT:
            row.status = OutboundStatus.DELIVERED
            row.delivered_at = now
        elif status in FAILED_STATUSES and row.status in (OutboundStatus.SENT,
                                                         OutboundStatus.DELIVERED):
            row.status = OutboundStatus.UNDELIVERABLE if undeliverable else OutboundStatus.FAILED
            row.last_error = (error or status)[:200]
            if undeliverable:
                on_unreachable(uow.session, row.person_id, row.channel, row.address,
                               row.last_error, now)
        uow.commit()
        return True
