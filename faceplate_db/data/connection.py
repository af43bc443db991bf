"""How the data layer reaches the server: the connect budget, asyncpg's connect arguments, what
a failure says, and a bare TCP check. Neither SQLAlchemy nor the driver is imported here, so
`faceplate-db ping` can report a server that is down before paying for either.

The connect timeout (connect_timeout_s, FACEPLATE_CONNECT_TIMEOUT) is a budget: the time within
which the caller learns that the server cannot be reached. An attempt gets the budget less a
reserve for reporting the failure (unwinding the attempt and raising), so "fails within 5 s"
holds as the caller measures it. (The command line keeps a reserve of its own for exiting.)
"""

from __future__ import annotations

import os
import socket
from typing import Any
from urllib.parse import parse_qs

from faceplate_db.config import parse_database_url, server_address
from faceplate_db.data.settings import PoolSettings
from faceplate_db.errors import DatabaseUnavailable

# Half a second is ample to unwind and raise on a loaded machine; a budget under 5 s keeps a
# tenth of itself instead.
_REPORT_RESERVE_S = 0.5
# A start-up that ate the whole budget still gets one short try rather than none.
_SHORTEST_ATTEMPT_S = 0.1


def attempt_s(budget_s: float) -> float:
    """How long a connection attempt may take when its failure must be known within budget_s."""
    return max(budget_s - min(_REPORT_RESERVE_S, budget_s / 10), _SHORTEST_ATTEMPT_S)


def connect_arguments(settings: PoolSettings, attempt: float) -> dict[str, Any]:
    """asyncpg.connect's arguments besides the URL: the attempt's timeout and the session
    settings every data-layer connection carries. Behind a transaction-mode pooler
    (`settings.pgbouncer`): no statement cache, so every statement is the unnamed one, parsed
    with its execution (see engine.driver_arguments); and no search_path, since PgBouncer refuses
    startup parameters it does not track and a session setting would not follow the client
    anyway: every statement of the data layer names its schema."""
    server_settings = {"application_name": settings.application_name}
    arguments: dict[str, Any] = {"timeout": attempt}
    if settings.pgbouncer:
        arguments["statement_cache_size"] = 0
    else:
        server_settings["search_path"] = settings.search_path
    arguments["server_settings"] = server_settings
    return arguments


def unavailable(
    settings: PoolSettings, cause: BaseException, attempt: float
) -> DatabaseUnavailable:
    """The error for a connection that could not be made: host, port and cause, no password."""
    reason = str(cause) or type(cause).__name__
    if isinstance(cause, socket.gaierror):
        reason = cause.strerror  # "Name or service not known"
    elif isinstance(cause, OSError) and cause.errno:
        reason = os.strerror(
            cause.errno
        )  # "Connection refused", not asyncio's "Connect call failed"
    if isinstance(cause, TimeoutError):
        reason = (
            f"no answer within {attempt:.1f} s "
            f"(connect_timeout {settings.connect_timeout_s:g} s, FACEPLATE_CONNECT_TIMEOUT)"
        )
    return DatabaseUnavailable(server_address(settings.database_url), reason)


def check_listening(settings: PoolSettings, budget_s: float) -> None:
    """Raises DatabaseUnavailable unless something accepts a TCP connection at the URL's host and
    port within the budget's attempt. Only a URL naming one host and its port is checked; unix
    sockets, several hosts and libpq's PG* defaults are the driver's to resolve.

    Opening and closing a connection without a word is what service monitors do, and
    PostgreSQL (since 11) leaves it out of its log."""
    url = parse_database_url(settings.database_url)
    host = url.hostname
    if not host or url.port is None or "," in url.netloc or "host" in parse_qs(url.query):
        return
    attempt = attempt_s(budget_s)
    try:
        socket.create_connection((host, url.port), timeout=attempt).close()
    except OSError as exc:
        raise unavailable(settings, exc, attempt) from exc
