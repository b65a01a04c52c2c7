"""How fast the outbox may send on each channel: the provider's rate for the hub's sender.

Twilio sends about one SMS a second from a long code and queues (then refuses) what comes
faster; a Messaging Service or a short code allows more. Telegram allows about 30 messages
a second overall. The outbox worker asks here how many rows it may claim now, so it never
holds more than it can send at once: a danger reply written a moment later is claimed in
the next round, ahead of every offer still waiting, instead of queueing behind a big batch.

Each channel has one sender in the hub (TWILIO_FROM_NUMBER or the Messaging Service, the
WhatsApp number, the bot), so a channel's rate is its sender's rate. A provider's "too
many" (429 with Retry-After) empties that channel's allowance until then, so the worker
comes back once, at the time it was told, not in a storm of retries.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SendingRate:
    """`per_second` messages a second (0: no limit); up to `burst` saved while idle, by
    default one second's worth (at least one message)."""

    per_second: float
    burst: float | None = None

    @property
    def limited(self) -> bool:
        return self.per_second > 0

    @property
    def saved_at_most(self) -> float:
        return self.burst if self.burst is not None else max(1.0, self.per_second)


class _Allowance:
    """A token bucket; `updated` in the future means "nothing until then" (a 429)."""

    def __init__(self, rate: SendingRate, now: float) -> None:
        self.rate = rate
        self.tokens = rate.saved_at_most
        self.updated = now

    def refill(self, now: float) -> None:
        if now <= self.updated:
            return
        self.tokens = min(self.rate.saved_at_most,
                          self.tokens + (now - self.updated) * self.rate.per_second)
        self.updated = now


class SendingRates:
    def __init__(self, rates: Mapping[str, SendingRate] | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._allowances = {channel: _Allowance(rate, monotonic())
                            for channel, rate in (rates or {}).items() if rate.limited}

    def rate(self, channel: str) -> SendingRate:
        allowance = self._allowances.get(channel)
        return allowance.rate if allowance else SendingRate(0)

    def may_send(self, channel: str, most: int) -> int:
        """How many messages may go on `channel` now, at most `most` (nothing is spent:
        each message spends its own turn as it goes, `turn`)."""
        allowance = self._allowances.get(channel)
        if allowance is None:
            return most
        now = self._monotonic()
        if now < allowance.updated:
            return 0
        allowance.refill(now)
        return max(0, min(most, math.floor(allowance.tokens + 1e-9)))

    async def turn(self, channel: str) -> None:
        """Spend one message's turn on `channel` just before it goes, waiting for it if the
        allowance is short. Spent as each is sent, not as a batch is claimed: messages to
        one person go one after another, and the provider counts them as they arrive."""
        allowance = self._allowances.get(channel)
        if allowance is None:
            return
        now = self._monotonic()
        allowance.refill(now)
        allowance.tokens -= 1
        wait = max(0.0, allowance.updated - now) + max(0.0, -allowance.tokens) \
            / allowance.rate.per_second
        if wait > 0:
            await asyncio.sleep(wait)

    def hold(self, channel: str, seconds: float) -> None:
        """The provider said "too many, try after `seconds`": nothing goes until then, then
        one message, and the rest at the rate again, not a saved-up burst."""
        allowance = self._allowances.get(channel)
        if allowance is None:
            return
        allowance.tokens = 1.0  # at that time: one message, the one that was refused
        allowance.updated = max(allowance.updated, self._monotonic() + max(seconds, 0.0))

    def seconds_until_next(self, channel: str) -> float | None:
        """How long until one more message may go; None without a limit."""
        allowance = self._allowances.get(channel)
        if allowance is None:
            return None
        now = self._monotonic()
        start = max(now, allowance.updated)
        tokens = allowance.tokens
        if now > allowance.updated:
            tokens = min(allowance.rate.saved_at_most,
                         tokens + (now - allowance.updated) * allowance.rate.per_second)
        missing = max(0.0, 1.0 - tokens)
        return (start - now) + missing / allowance.rate.per_second
