"""ping: one round trip through the data layer's engine, to prove the settings work."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import text

from faceplate_db.data.engine import create_engine, run
from faceplate_db.data.settings import PoolSettings


@dataclass(frozen=True)
class PingResult:
    server_version: str
    round_trip_ms: float
    settings: PoolSettings


async def ping(settings: PoolSettings) -> PingResult:
    """Connects (fails within connect_timeout with DatabaseUnavailable), then times a query
    on the warm connection."""
    engine = create_engine(settings)
    try:

        async def version(conn):
            return (await conn.execute(text("SHOW server_version"))).scalar()

        server_version = await run(engine, version)
        started = time.perf_counter()
        await run(engine, version)
        round_trip_ms = (time.perf_counter() - started) * 1000
    finally:
        await engine.dispose()
    return PingResult(server_version, round_trip_ms, settings)
