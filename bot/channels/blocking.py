"""Running the synchronous service layer from the event loop, in threads.

SQLite has one writer: more threads than one only queue on its lock, and
its busy handler sleeps while they wait, which shows as long tail latencies.
So SQLite gets one database thread; PostgreSQL as many as its pool.
"""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")


class BlockingRunner:
    def __init__(self, threads: int) -> None:
        self._executor = ThreadPoolExecutor(max_workers=threads,
                                            thread_name_prefix="neighbourly-db")

    async def __call__(self, function: Callable[..., T], *args, **kwargs) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor,
                                          functools.partial(function, *args, **kwargs))

    def close(self) -> None:
        self._executor.shutdown(wait=True)


def runner_for(is_sqlite: bool, pool_size: int = 5) -> BlockingRunner:
    return BlockingRunner(1 if is_sqlite else pool_size)
