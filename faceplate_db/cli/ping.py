"""ping: connect through the data layer's settings and report the server and the pool."""

from __future__ import annotations

import argparse
import asyncio

from faceplate_db.data.ping import ping
from faceplate_db.data.settings import PoolSettings


def run_ping(args: argparse.Namespace) -> int:
    result = asyncio.run(ping(PoolSettings.from_env(database_url=args.database)))
    settings = result.settings
    print(f"server      PostgreSQL {result.server_version} at {settings.masked_url}")
    print(
        f"pool        size {settings.pool_size} + overflow {settings.max_overflow} "
        f"(at most {settings.max_connections}), timeout {settings.pool_timeout_s:g} s, "
        f"recycle {settings.pool_recycle_s:g} s, pre-ping {'on' if settings.pool_pre_ping else 'off'}"
    )
    print(
        f"connection  connect timeout {settings.connect_timeout_s:g} s, "
        f"application_name {settings.application_name}, search_path {settings.search_path}"
    )
    print(f"round trip  {result.round_trip_ms:.2f} ms")
    return 0


def register(commands, add_common_options) -> None:
    parser = commands.add_parser(
        "ping",
        help="connect through the data layer's pool settings; print version, pool, round trip",
        description="Connect through the data layer's settings (DATABASE_URL, FACEPLATE_POOL_*) and "
        "print the server version, the pool settings and the round-trip time. Fails within the "
        "connect timeout (5 s) with the host, port and cause.",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="postgresql:// URL (default: $DATABASE_URL, else the embedded server)",
    )
    parser.set_defaults(handler=run_ping)
