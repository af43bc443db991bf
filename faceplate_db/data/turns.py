"""Turns: first come, first served for the pool's connections, each wait bounded by
pool_timeout, with one timer for all the waits instead of one each.

Why not asyncio.Semaphore with asyncio.timeout around each wait (what this replaced): every wait
then armed a 30 s timer that was cancelled milliseconds later, and the event loop keeps
cancelled timers in its heap, sifting past them and rebuilding it. Under the bench's load (50
tasks on 20 connections: nearly every request waits, about a thousand a second) that cost about
60 us of CPU per request, a quarter of the data layer's. Here a waiter's deadline is a number in
a queue, and a single timer, armed for the oldest waiter's deadline, expires whoever has waited
too long; under steady load it fires about once per pool_timeout.
"""

from __future__ import annotations

import asyncio
from collections import deque


class Turns:
    def __init__(self, holders: int, timeout_s: float) -> None:
        # Fair (FIFO): a task returning a connection and asking again queues behind the waiters.
        self._semaphore = asyncio.Semaphore(holders)
        self._timeout_s = timeout_s
        # (deadline, the waiter's timeout) in arrival order, so the oldest deadline is first.
        self._waiting: deque[tuple[float, asyncio.Timeout]] = deque()
        self._timer: asyncio.TimerHandle | None = None

    def free(self) -> bool:
        """Whether a turn is free now (acquire would not wait)."""
        return not self._semaphore.locked()

    async def acquire(self) -> None:
        """Waits for a turn; raises TimeoutError after timeout_s."""
        if self.free():
            await self._semaphore.acquire()  # returns at once
            return
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(None) as wait:  # no timer: _expire sets one when it is due
            entry = (loop.time() + self._timeout_s, wait)
            self._waiting.append(entry)
            if self._timer is None:
                self._timer = loop.call_at(entry[0], self._expire, loop)
            try:
                await self._semaphore.acquire()
            finally:
                if self._waiting and self._waiting[0] is entry:
                    self._waiting.popleft()
                elif entry in self._waiting:  # someone ahead was cancelled, or expired
                    self._waiting.remove(entry)

    def release(self) -> None:
        self._semaphore.release()

    def _expire(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = None
        now = loop.time()
        while self._waiting and self._waiting[0][0] <= now:
            _, wait = self._waiting.popleft()
            wait.reschedule(now)  # that waiter's `async with` raises TimeoutError
        if self._waiting:
            self._timer = loop.call_at(self._waiting[0][0], self._expire, loop)
