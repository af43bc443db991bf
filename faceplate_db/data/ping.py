"""ping: prove the data layer's settings reach the server, and time a round trip through its
engine. What the command line runs for `faceplate-db ping` (after a bare TCP check of its own,
made before asyncio and asyncpg are imported: connection.check_listening).

One asyncpg connection with the data layer's settings comes first (a silent server, a wrong
password or database are reported from it), and only then SQLAlchemy, a third of a second to
import, for the engine's round trip. Both share one budget: ping fails within `within_s`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from faceplate_db.data.connection import attempt_s, connect_arguments, unavailable
from faceplate_db.data.settings import PoolSettings


@dataclass(frozen=True)
class PingResult:
    server_version: str
    round_trip_ms: float
    settings: PoolSettings


async def ping(settings: PoolSettings, *, within_s: float | None = None) -> PingResult:
    """Connects, failing with DatabaseUnavailable within within_s (default: the connect
    timeout), then times a query through the data layer's engine on a warm connection."""
    deadline = time.monotonic() + (settings.connect_timeout_s if within_s is None else within_s)
    import asyncpg

    from faceplate_db.config import libpq_url

    attempt = attempt_s(deadline - time.monotonic())
    try:
        probe = await asyncpg.connect(
            libpq_url(settings.database_url), **connect_arguments(settings, attempt)
        )
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        raise unavailable(settings, exc, attempt) from exc
    await probe.close()

    from sqlalchemy import text

    from faceplate_db.data.engine import create_engine, run

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
