"""Turns: first come, first served, each wait bounded, one timer for all the waits. Pure asyncio
(no server needed); the engine's tests cover it with a real pool."""

from __future__ import annotations

import asyncio
import time

import pytest

from faceplate_db.data.turns import Turns


async def test_waiters_are_served_in_arrival_order_and_a_returning_holder_queues_behind():
    turns = Turns(1, timeout_s=5)
    served: list[str] = []
    await turns.acquire()

    async def wait(name: str) -> None:
        await turns.acquire()
        served.append(name)
        await asyncio.sleep(0)
        turns.release()

    waiters = [asyncio.create_task(wait(name)) for name in "abc"]
    await asyncio.sleep(0.01)  # all three are waiting
    turns.release()
    late = asyncio.create_task(wait("late"))  # asks at once after giving its turn back
    await asyncio.gather(*waiters, late)
    assert served == ["a", "b", "c", "late"]
    assert turns.free()


async def test_each_wait_times_out_at_its_own_deadline():
    turns = Turns(1, timeout_s=0.3)
    await turns.acquire()  # held for the whole test
    started = time.monotonic()

    async def wait_after(delay: float) -> float:
        await asyncio.sleep(delay)
        arrived = time.monotonic()
        with pytest.raises(TimeoutError):
            await turns.acquire()
        return time.monotonic() - arrived

    waited = await asyncio.gather(*(wait_after(d) for d in (0.0, 0.1, 0.2)))
    assert all(0.25 < w < 1.0 for w in waited), waited
    assert time.monotonic() - started < 1.5
    turns.release()
    assert turns.free()


async def test_a_timed_out_or_cancelled_waiter_takes_no_turn_with_it():
    turns = Turns(1, timeout_s=0.2)
    await turns.acquire()
    expiring = asyncio.create_task(turns.acquire())
    cancelled = asyncio.create_task(turns.acquire())
    await asyncio.sleep(0.01)
    cancelled.cancel()
    with pytest.raises(TimeoutError):
        await expiring
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    turns.release()
    await asyncio.wait_for(turns.acquire(), 1)  # the turn is free for the next one
    turns.release()
    assert turns.free()


async def test_a_thousand_waits_arm_one_timer_not_one_each():
    turns = Turns(1, timeout_s=30)
    loop = asyncio.get_running_loop()
    timers_before = len(loop._scheduled)  # the event loop's timer heap
    most_timers = 0

    async def use() -> None:
        nonlocal most_timers
        await turns.acquire()
        most_timers = max(most_timers, len(loop._scheduled) - timers_before)
        await asyncio.sleep(0)
        turns.release()

    await asyncio.gather(*(use() for _ in range(1000)))
    assert most_timers == 1
