"""The data layer against its baseline: the chat mix at 50 concurrent tasks over seeded data,
through (a) a raw asyncpg pool of 20 connections running the same SQL and (b) the data layer's
engine and query functions, taking turns of about a second (a/b/a/b...) in the same run so both
see the same machine, even one whose load changes from second to second. Besides throughput and
latency, each side's client CPU per request (this process's CPU time over its requests), which
other work on the machine disturbs far less than throughput.

`python -m loadtest.bench.pool_bench [--duration S] [--database URL]`
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import statistics
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from faceplate_db.config import Settings, libpq_url
from faceplate_db.data.engine import create_engine, pool_statistics
from loadtest import chat_mix
from loadtest.seed import SeedInfo, seeded_database

CONCURRENCY = 50
TARGET_RATIO = 0.85
# Each side's share of the run comes in turns of about this long.
TURN_S = 1.0

Operation = Callable[[str, uuid.UUID, uuid.UUID], Awaitable[object]]


async def drive(
    operation: Operation,
    info: SeedInfo,
    side: Side,
    *,
    duration_s: float = math.inf,
    requests: float = math.inf,
) -> None:
    """CONCURRENCY tasks, each running the mix back to back until the deadline or until the
    requests are done; the requests' latencies, the time and the CPU time are added to side."""
    names = list(chat_mix.WEIGHTS)
    weights = list(chat_mix.WEIGHTS.values())
    deadline = time.perf_counter() + duration_s
    remaining = requests

    async def worker(seed_value: int) -> None:
        nonlocal remaining
        rng = random.Random(seed_value)
        while time.perf_counter() < deadline and remaining > 0:
            remaining -= 1
            (name,) = rng.choices(names, weights)
            user_id, conversation_id = info.pick(rng)
            started = time.perf_counter()
            await operation(name, user_id, conversation_id)
            side.latencies.append(time.perf_counter() - started)

    started, cpu_started = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker(i) for i in range(CONCURRENCY)))
    side.elapsed_s += time.perf_counter() - started
    side.cpu_s += time.process_time() - cpu_started


@dataclass
class Side:
    """What one side's turns added up to."""

    latencies: list[float] = field(default_factory=list)
    elapsed_s: float = 0.0
    cpu_s: float = 0.0

    def summary(self) -> dict:
        cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
        requests = len(self.latencies)
        return {
            "requests": requests,
            "rps": round(requests / self.elapsed_s, 1),
            "p50_ms": round(cuts[49] * 1000, 2),
            "p99_ms": round(cuts[98] * 1000, 2),
            "client_cpu_us_per_request": round(self.cpu_s / requests * 1e6, 1),
        }


@asynccontextmanager
async def both_sides(url: str) -> AsyncIterator[tuple[dict[str, Operation], AsyncEngine]]:
    """The two sides as operations, raw_asyncpg and data_layer, and the data layer's engine."""
    pool = await asyncpg.create_pool(libpq_url(url), min_size=20, max_size=20)
    engine = create_engine(database_url=url, application_name="faceplate-bench")

    async def raw(name: str, user_id: uuid.UUID, conversation_id: uuid.UUID):
        async with pool.acquire() as conn:
            return await conn.fetch(
                chat_mix.RAW_SQL[name], *chat_mix.raw_arguments(name, user_id, conversation_id)
            )

    async def layer(name: str, user_id: uuid.UUID, conversation_id: uuid.UUID):
        return await chat_mix.DATA_LAYER[name](engine, user_id, conversation_id)

    try:
        yield {"raw_asyncpg": raw, "data_layer": layer}, engine
    finally:
        await pool.close()
        await engine.dispose()


async def measure(url: str, info: SeedInfo, duration_s: float) -> dict:
    turns = max(2, round(duration_s / TURN_S))
    async with both_sides(url) as (operations, engine):
        sides = {name: Side() for name in operations}
        # Warm both (connections, statement caches) before measuring.
        for operation in operations.values():
            await drive(operation, info, Side(), duration_s=1.0)
        for _ in range(turns):
            for name, operation in operations.items():
                await drive(operation, info, sides[name], duration_s=duration_s / turns)
        stats = pool_statistics(engine)
    raw_result, layer_result = sides["raw_asyncpg"].summary(), sides["data_layer"].summary()
    ratio = round(layer_result["rps"] / raw_result["rps"], 3)
    return {
        "concurrency": CONCURRENCY,
        "duration_s": duration_s,
        "turns": turns,
        "raw_asyncpg": raw_result,
        "data_layer": layer_result,
        "ratio": ratio,
        "target_ratio": TARGET_RATIO,
        "targets_met": ratio >= TARGET_RATIO,
        "data_layer_pool": stats,
    }


def run(database_url: str, duration_s: float = 10.0) -> dict:
    with seeded_database(database_url, prefix="fp_bench") as (url, info):
        return asyncio.run(measure(url, info, duration_s))


def report(result: dict) -> list[str]:
    rows = [
        f"{'chat mix, 50 tasks':<22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'CPU us/req':>12}"
    ]
    for label, key in (("raw asyncpg pool (a)", "raw_asyncpg"), ("data layer (b)", "data_layer")):
        r = result[key]
        rows.append(
            f"{label:<22}{r['rps']:>10.0f}{r['p50_ms']:>10.2f}{r['p99_ms']:>10.2f}"
            f"{r['client_cpu_us_per_request']:>12.0f}"
        )
    verdict = "met" if result["targets_met"] else "MISSED"
    rows.append(
        f"ratio b/a = {result['ratio']:.2f} (target >= {result['target_ratio']}: {verdict})"
    )
    pool = result["data_layer_pool"]
    rows.append(
        f"data layer pool: {pool['connections_opened']} connections opened, "
        f"{pool['waits']} waits, {pool['timeouts']} timeouts"
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loadtest.bench.pool_bench", description=__doc__
    )
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds per side (default 10)"
    )
    parser.add_argument("--database", metavar="URL")
    args = parser.parse_args(argv)
    result = run(Settings.resolve(database=args.database).database_url, args.duration)
    print("\n".join(report(result)))
    return 0 if result["targets_met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
