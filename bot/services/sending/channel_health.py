"""Each channel's health: up, starting, retrying or off, and since when.

`neighbourly serve` keeps one `ChannelHealth` for all its channels. A channel
that could not start, or whose provider keeps failing once started
(`failures_to_go_down` sends in a row failed because of the provider, not the
message: 5xx, timeouts, refused connections), is *retrying*: the outbox holds
its messages without counting attempts, and the server tries the provider
again after a wait that doubles each time up to a cap (`Backoff`), until it
answers. A channel lacking a setting is *off* and says which.

Only state changes are logged (going down, coming back), never each attempt.
/healthz shows every channel's state, and answers 503 once a configured
channel has been down for longer than the grace.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Callable

log = logging.getLogger(__name__)

UP = "up"
STARTING = "starting"
RETRYING = "retrying"
OFF = "off"
DOWN_STATES = frozenset({STARTING, RETRYING})
# An error is told in a few words, in the log and on /healthz.
ERROR_LENGTH = 120


@dataclass(frozen=True)
class Backoff:
    """The wait before trying a down channel again: `first`, doubling, at most `longest`."""

    first: timedelta = timedelta(seconds=1)
    longest: timedelta = timedelta(seconds=60)

    def delay(self, failures: int) -> timedelta:
        return min(self.longest, self.first * (2 ** min(max(failures, 1) - 1, 20)))


@dataclass(frozen=True)
class ChannelStatus:
    state: str
    # Up: since it came up. Starting or retrying: since it stopped working (or began to start).
    since: datetime | None = None
    error: str | None = None
    # Off: the setting it lacks.
    missing: str | None = None
    # Starting or retrying: attempts (to start, or to reach the provider) that failed so far.
    failed_attempts: int = 0
    next_attempt_at: datetime | None = None

    def as_json(self) -> dict:
        shown: dict = {"state": self.state}
        if self.since is not None:
            shown["since"] = self.since.isoformat(timespec="seconds")
        if self.state == OFF:
            shown["missing"] = self.missing
        if self.state in DOWN_STATES:
            shown["failed_attempts"] = self.failed_attempts
            if self.error:
                shown["error"] = self.error
            if self.next_attempt_at is not None:
                shown["next_attempt"] = self.next_attempt_at.isoformat(timespec="seconds")
        return shown


def in_a_few_words(error: str) -> str:
    text = " ".join(error.split())
    return text if len(text) <= ERROR_LENGTH else text[:ERROR_LENGTH - 1] + "…"


class ChannelHealth:
    def __init__(self, clock: Callable[[], datetime], grace: timedelta,
                 backoff: Backoff = Backoff(), failures_to_go_down: int = 3) -> None:
        self._clock = clock
        self.grace = grace
        self.backoff = backoff
        self._failures_to_go_down = failures_to_go_down
        self._statuses: dict[str, ChannelStatus] = {}
        # Provider failures on sends in a row, by channel, while it is up.
        self._send_failures: dict[str, int] = {}

    # What the server says as it starts and tries its channels.

    def off(self, channel: str, missing: str) -> None:
        self._statuses[channel] = ChannelStatus(OFF, missing=missing)

    def starting(self, channel: str) -> None:
        now = self._clock()
        self._statuses[channel] = ChannelStatus(STARTING, since=now, next_attempt_at=now)

    def up(self, channel: str) -> None:
        before = self._statuses.get(channel)
        now = self._clock()
        self._statuses[channel] = ChannelStatus(UP, since=now)
        self._send_failures[channel] = 0
        if before is not None and before.state == RETRYING:
            down_for = (now - before.since).total_seconds() if before.since else 0.0
            log.info("%s: up again after %.0fs down (%d failed attempt(s)); sending what waited",
                     channel, down_for, before.failed_attempts)

    def attempt_failed(self, channel: str, error: str) -> None:
        """An attempt to start the channel, or to reach its provider, failed."""
        before = self.status(channel)
        now = self._clock()
        failed = before.failed_attempts + 1
        delay = self.backoff.delay(failed)
        self._statuses[channel] = replace(
            before, state=RETRYING, since=before.since or now, error=in_a_few_words(error),
            failed_attempts=failed, next_attempt_at=now + delay)
        if before.state != RETRYING:
            log.warning("%s: could not start (%s); its messages wait in the outbox while it "
                        "is tried again, after %ds, then waits doubling up to %ds", channel,
                        in_a_few_words(error), delay.total_seconds(),
                        self.backoff.longest.total_seconds())
        else:
            log.debug("%s: still down (%s); next attempt in %ds", channel,
                      in_a_few_words(error), delay.total_seconds())

    # What the outbox says as it sends.

    def send_failed(self, channel: str, error: str) -> bool:
        """A send failed because of the provider; True when that takes the channel down."""
        status = self.status(channel)
        if status.state != UP:
            return False
        failures = self._send_failures.get(channel, 0) + 1
        self._send_failures[channel] = failures
        if failures < self._failures_to_go_down:
            return False
        now = self._clock()
        self._statuses[channel] = ChannelStatus(
            RETRYING, since=now, error=in_a_few_words(error),
            next_attempt_at=now + self.backoff.first)
        log.warning("%s: down: %d sends in a row failed (%s); its messages wait in the outbox "
                    "while the provider is tried again, after %ds, then waits doubling up "
                    "to %ds", channel, failures, in_a_few_words(error),
                    self.backoff.first.total_seconds(), self.backoff.longest.total_seconds())
        return True

    def provider_answered(self, channel: str) -> None:
        """A send reached the provider (sent, or refused for that message alone)."""
        self._send_failures[channel] = 0

    # Questions.

    def status(self, channel: str) -> ChannelStatus:
        return self._statuses.get(channel) or ChannelStatus(STARTING, since=self._clock())

    def statuses(self) -> dict[str, ChannelStatus]:
        return dict(sorted(self._statuses.items()))

    def is_up(self, channel: str) -> bool:
        status = self._statuses.get(channel)
        return status is not None and status.state == UP

    def is_down(self, channel: str) -> bool:
        status = self._statuses.get(channel)
        return status is not None and status.state in DOWN_STATES

    def channels_up(self) -> list[str]:
        return [name for name, status in self.statuses().items() if status.state == UP]

    def seconds_until_attempt(self, channel: str) -> float | None:
        """How long until the channel should be tried again; None while it is up or off."""
        status = self._statuses.get(channel)
        if status is None or status.state not in DOWN_STATES:
            return None
        if status.next_attempt_at is None:
            return 0.0
        return max(0.0, (status.next_attempt_at - self._clock()).total_seconds())

    def down_too_long(self) -> list[str]:
        """Configured channels down for longer than the grace."""
        now = self._clock()
        return [name for name, status in self.statuses().items()
                if status.state in DOWN_STATES and status.since is not None
                and now - status.since > self.grace]
