"""ping: connect through the data layer's settings and report the server and the pool.

Each layer is imported only once the one below answered: a bare TCP check first, then asyncio and
asyncpg, then SQLAlchemy (data/ping.py), so a server that is down is reported at once."""

from __future__ import annotations

import argparse
import os
import time

# Where /proc cannot say when the process started, the command line's loading stands in.
_LOADED_AT = time.monotonic()
# Kept from the connect budget for printing the error and the interpreter's exit, which took up
# to a third of a second on a loaded machine.
_EXIT_RESERVE_S = 0.5


def seconds_since_start() -> float:
    """How long this process has run, the interpreter's start-up included (the user waits for
    that too): from /proc on Linux, else since the command line was loaded."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            # Field 22, counted after the command name (which may hold spaces) as field 3.
            ticks = int(stat.read().rpartition(b")")[2].split()[19])
        started = ticks / os.sysconf("SC_CLK_TCK")
        return max(time.clock_gettime(time.CLOCK_BOOTTIME) - started, 0.0)
    except (OSError, ValueError, IndexError, AttributeError):
        return time.monotonic() - _LOADED_AT


def _pre_ping(settings) -> str:
    if not settings.pool_pre_ping:
        return "off"
    if not settings.pool_ping_after_s:
        return "on (every checkout)"
    return f"on (connections idle over {settings.pool_ping_after_s:g} s)"


def run_ping(args: argparse.Namespace) -> int:
    from faceplate_db.data.connection import check_listening
    from faceplate_db.data.settings import PoolSettings

    # The connect timeout is what the user waits, counted from the command's start to its end;
    # taken before the settings, since starting the embedded server is no wait for an answer.
    started_s = seconds_since_start()
    settings = PoolSettings.from_env(database_url=args.database)
    deadline = time.monotonic() + settings.connect_timeout_s - started_s - _EXIT_RESERVE_S
    # A refused, unresolvable or unreachable server is reported before asyncio and asyncpg
    # (three times a bare Python's start-up) are imported.
    check_listening(settings, deadline - time.monotonic())
    import asyncio

    from faceplate_db.data.ping import ping

    result = asyncio.run(ping(settings, within_s=deadline - time.monotonic()))
    print(f"server      PostgreSQL {result.server_version} at {settings.masked_url}")
    print(
        f"pool        size {settings.pool_size} + overflow {settings.max_overflow} "
        f"(at most {settings.max_connections}), timeout {settings.pool_timeout_s:g} s, "
        f"recycle {settings.pool_recycle_s:g} s, pre-ping {_pre_ping(settings)}"
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
        "connect timeout (5 s, counted from the command's start) with the host, port and cause.",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="postgresql:// URL (default: $DATABASE_URL, else the embedded server)",
    )
    parser.set_defaults(handler=run_ping)
