"""Staying inside Telegram's limits: about 30 messages a second overall and
one a second in any one chat (short bursts allowed), and nothing at all while
Telegram has asked us to wait (RetryAfter)."""

from __future__ import annotations

import asyncio
import time
from typing import Callable


class TokenBucket:
    """`rate` tokens a second, up to `burst` saved. Taking reserves a token,
    so concurrent callers queue up instead of all waking at once."""

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.updated = now

    def reserve(self, now: float) -> float:
        """Take a token; returns how long to wait before using it."""
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        self.tokens -= 1
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate

    def is_full(self, now: float) -> bool:
        return self.tokens + (now - self.updated) * self.rate >= self.burst


class TelegramRateLimiter:
    def __init__(self, per_second: float = 30, per_chat_per_second: float = 1,
                 chat_burst: float = 3, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._overall = TokenBucket(per_second, per_second, monotonic())
        self._per_chat_rate = per_chat_per_second
        self._chat_burst = chat_burst
        self._chats: dict[str, TokenBucket] = {}
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Telegram said RetryAfter: hold every send until then."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)

    def delay_for(self, chat: str) -> float:
        now = self._monotonic()
        bucket = self._chats.get(chat)
        if bucket is None:
            if len(self._chats) > 10_000:
                self._forget_idle_chats(now)
            bucket = self._chats[chat] = TokenBucket(self._per_chat_rate, self._chat_burst, now)
        chat_wait = bucket.reserve(now)
        overall_wait = self._overall.reserve(now)
        return max(chat_wait, overall_wait, self._paused_until - now)

    async def wait(self, chat: str) -> None:
        delay = self.delay_for(chat)
        if delay > 0:
            await asyncio.sleep(delay)

    def _forget_idle_chats(self, now: float) -> None:
        # A full bucket is the same as a new one: keep memory bounded.
        for chat in [c for c, bucket in self._chats.items() if bucket.is_full(now)]:
            del self._chats[chat]
