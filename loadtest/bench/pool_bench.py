"""The data layer against its baseline: the chat mix at 50 concurrent tasks over seeded data,
through (a) a raw asyncpg pool of 20 connections running the same SQL and (b) the data layer's
engine and query functions, alternating a/b/a/b in the same run so both see the same machine.

`python -m loadtest.bench.pool_bench [--duration S] [--database URL]`
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable

import asyncpg

from faceplate_db.config import Settings, libpq_url
from faceplate_db.data.engine import create_engine, pool_statistics
from loadtest import chat_mix
from loadtest.seed import SeedInfo, seeded_database

CONCURRENCY = 50
TARGET_RATIO = 0.6

Operation = Callable[[str, uuid.UUID, uuid.UUID], Awaitable[object]]


async def drive(operation: Operation, info: SeedInfo, duration_s: float) -> dict:
    """CONCURRENCY tasks, each running the mix back to back until the deadline."""
    names = list(chat_mix.WEIGHTS)
    weights = list(chat_mix.WEIGHTS.values())
    latencies: list[float] = []
    deadline = time.perf_counter() + duration_s

    async def worker(seed_value: int) -> None:
        rng = random.Random(seed_value)
        while time.perf_counter() < deadline:
            (name,) = rng.choices(names, weights)
            user_id, conversation_id = info.pick(rng)
            started = time.perf_counter()
            await operation(name, user_id, conversation_id)
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(CONCURRENCY)))
    elapsed = time.perf_counter() - started
    return summarize(latencies, elapsed)


def summarize(latencies: list[float], elapsed_s: float) -> dict:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed_s, 1),
        "p50_ms": round(cuts[49] * 1000, 2),
        "p99_ms": round(cuts[98] * 1000, 2),
    }


def merge(phases: list[dict]) -> dict:
    """Phases of equal length: mean throughput, and the worse of each percentile."""
    return {
        "requests": sum(p["requests"] for p in phases),
        "rps": round(statistics.fmean(p["rps"] for p in phases), 1),
        "p50_ms": max(p["p50_ms"] for p in phases),
        "p99_ms": max(p["p99_ms"] for p in phases),
    }


async def measure(url: str, info: SeedInfo, duration_s: float) -> dict:
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
        # Warm both (connections, statement caches) before measuring.
        await drive(raw, info, 1.0)
        await drive(layer, info, 1.0)
        phase = duration_s / 2
        raw_phases, layer_phases = [], []
        for _ in range(2):
            raw_phases.append(await drive(raw, info, phase))
            layer_phases.append(await drive(layer, info, phase))
        stats = pool_statistics(engine)
    finally:
        await pool.close()
        await engine.dispose()
    raw_result, layer_result = merge(raw_phases), merge(layer_phases)
    ratio = round(layer_result["rps"] / raw_result["rps"], 3)
    return {
        "concurrency": CONCURRENCY,
        "duration_s": duration_s,
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
    rows = [f"{'chat mix, 50 tasks':<22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}"]
    for label, key in (("raw asyncpg pool (a)", "raw_asyncpg"), ("data layer (b)", "data_layer")):
        r = result[key]
        rows.append(f"{label:<22}{r['rps']:>10.0f}{r['p50_ms']:>10.2f}{r['p99_ms']:>10.2f}")
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
