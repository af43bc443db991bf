"""The engine: a SQLAlchemy 2 async engine on asyncpg with a bounded QueuePool, plus the three
things SQLAlchemy leaves to us:

- fail fast and clearly: a query that needs a new connection gets it, or DatabaseUnavailable
  naming host, port and cause, within connect_timeout of the call (the handshake and
  SQLAlchemy's first queries on the connection together; see connection.py); a pool exhausted
  for pool_timeout raises PoolTimeout;
- retry once: an operation whose connection drops mid-query is retried once after
  retry_delay_s on a fresh connection (operations are written to be idempotent);
- statistics: counters a load report can read (`pool_statistics(engine)`).

The engine is lazy: creating it opens no connection; the first query does.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from typing import TypeVar

import asyncpg
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from faceplate_db.config import libpq_url
from faceplate_db.data.connection import attempt_s, connect_arguments, unavailable
from faceplate_db.data.pool import SustainedQueuePool
from faceplate_db.data.settings import PoolSettings
from faceplate_db.data.turns import Turns
from faceplate_db.errors import PoolTimeout

T = TypeVar("T")
Database = AsyncEngine | AsyncConnection


@dataclass
class PoolCounters:
    connections_opened: int = 0
    checkouts: int = 0
    waits: int = 0
    timeouts: int = 0
    invalidations: int = 0
    retries: int = 0


@dataclass(frozen=True)
class _EngineState:
    settings: PoolSettings
    counters: PoolCounters
    # First come, first served for connections. The pool's own queue is not fair under
    # asyncio: a task returning a connection and immediately asking again takes it back before
    # the woken waiter runs, and the bench saw waiters starve for the whole run.
    turns: Turns
    # How long opening a connection may take, so that the caller hears within connect_timeout.
    connect_attempt_s: float


# What we keep per engine; weak so a disposed, dropped engine leaves nothing behind.
_STATE: weakref.WeakKeyDictionary[object, _EngineState] = weakref.WeakKeyDictionary()


def create_engine(settings: PoolSettings | None = None, **overrides: object) -> AsyncEngine:
    """An async engine for the settings (default: `PoolSettings.from_env()`), keyword
    arguments overriding single settings (e.g. pool_size=2)."""
    if settings is None:
        settings = PoolSettings.from_env(**overrides)
    elif overrides:
        settings = PoolSettings.validated(**{**asdict(settings), **overrides})
    url = make_url(libpq_url(settings.database_url)).set(drivername="postgresql+asyncpg")
    connect_attempt_s = attempt_s(settings.connect_timeout_s)
    engine = create_async_engine(
        url,
        pool_size=settings.pool_size,
        max_overflow=settings.max_overflow,
        pool_timeout=settings.pool_timeout_s,
        pool_recycle=settings.pool_recycle_s,
        pool_pre_ping=settings.pool_pre_ping,
        poolclass=SustainedQueuePool.configured(
            overflow_idle_s=settings.overflow_idle_s, ping_after_s=settings.pool_ping_after_s
        ),
        # Autocommit unless asked (see `transaction`): the chat queries are single statements,
        # and it makes pre-ping one round trip instead of three (BEGIN; ping; ROLLBACK).
        isolation_level="AUTOCOMMIT",
        connect_args=driver_arguments(settings, connect_attempt_s),
    )
    counters = PoolCounters()
    _STATE[engine.sync_engine] = _EngineState(
        settings,
        counters,
        Turns(settings.max_connections, settings.pool_timeout_s),
        connect_attempt_s,
    )
    pool = engine.sync_engine.pool

    @event.listens_for(pool, "connect")
    def _opened(dbapi_connection, record) -> None:
        counters.connections_opened += 1

    @event.listens_for(pool, "checkout")
    def _checked_out(dbapi_connection, record, proxy) -> None:
        counters.checkouts += 1

    @event.listens_for(pool, "invalidate")
    def _invalidated(dbapi_connection, record, exception) -> None:
        counters.invalidations += 1

    return engine


def driver_arguments(settings: PoolSettings, attempt: float) -> dict[str, object]:
    """What asyncpg (connection.connect_arguments) and SQLAlchemy's asyncpg dialect are given
    for each connection.

    Behind a transaction-mode pooler (`settings.pgbouncer`) consecutive statements of one client
    may run on different server connections, and PgBouncer 1.18 passes prepared statements
    through untracked, so a statement prepared on one server connection and executed on another
    fails: `prepared statement "__asyncpg_stmt_1__" does not exist`. Every statement therefore
    uses the unnamed statement, parsed again in the same message sequence as its execution:
    asyncpg does that with its statement cache off (asyncpg >= 0.29), for the compiled chat
    queries; SQLAlchemy's dialect always prepares a named statement, unless its name function
    gives the empty name, which is the unnamed one (with unique names, as SQLAlchemy's docs
    suggest, 100 concurrent statements through PgBouncer still failed in 4 runs of 5 here, and
    each name left a statement behind on a server connection).
    """
    arguments: dict[str, object] = connect_arguments(settings, attempt)
    if settings.pgbouncer:
        arguments.update(prepared_statement_cache_size=0, prepared_statement_name_func=_unnamed)
    return arguments


def _unnamed() -> str:
    return ""  # asyncpg's name for the unnamed prepared statement


def settings_of(engine: AsyncEngine) -> PoolSettings:
    return _STATE[engine.sync_engine].settings


def _counters(engine: AsyncEngine) -> PoolCounters:
    return _STATE[engine.sync_engine].counters


def pool_statistics(engine: AsyncEngine) -> dict[str, int]:
    """size, checked_out, overflow, connections_opened, checkouts, waits, timeouts,
    invalidations, retries: readable at any time, cheap."""
    pool = engine.sync_engine.pool
    return {
        "size": pool.size(),
        "checked_out": pool.checkedout(),
        "overflow": max(pool.overflow(), 0),
        "max_connections": settings_of(engine).max_connections,
        **asdict(_counters(engine)),
    }


@asynccontextmanager
async def connect(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A pooled connection, waiting in turn at most pool_timeout for one; errors made specific."""
    state = _STATE[engine.sync_engine]
    settings, counters = state.settings, state.counters
    if not state.turns.free():
        counters.waits += 1
    try:
        await state.turns.acquire()
    except TimeoutError:
        counters.timeouts += 1
        raise PoolTimeout(
            settings.pool_timeout_s, settings.pool_size, settings.max_overflow
        ) from None
    try:
        connection = await _checkout(engine, state)
        try:
            yield connection
        except Exception as exc:
            # SQLAlchemy invalidates a lost connection it sees fail; one lost under the compiled
            # queries it never sees, so it would go back to the pool.
            if is_disconnect(exc) and not connection.invalidated:
                await connection.invalidate(exc)
            raise
        finally:
            await connection.close()
    finally:
        state.turns.release()


async def _checkout(engine: AsyncEngine, state: _EngineState) -> AsyncConnection:
    settings = state.settings
    try:
        if not engine.sync_engine.pool.will_connect():
            return await engine.connect()
        # asyncpg's timeout bounds the handshake only; SQLAlchemy then runs queries on the new
        # connection (type codecs, the dialect's first-connect checks) without one, which a
        # proxy that answers the handshake itself and then queues (PgBouncer) can hold up.
        async with asyncio.timeout(state.connect_attempt_s):
            return await engine.connect()
    except sa_exc.TimeoutError:
        # Connections held outside connect() exhausted the pool: its own timeout applied.
        state.counters.timeouts += 1
        raise PoolTimeout(
            settings.pool_timeout_s, settings.pool_size, settings.max_overflow
        ) from None
    except (OSError, TimeoutError, sa_exc.DBAPIError) as exc:
        cause = getattr(exc, "orig", None) or exc
        raise unavailable(settings, cause, state.connect_attempt_s) from exc


# What asyncpg raises, unwrapped, when the compiled queries (compiled.py) run on its connection
# and the connection goes: class 08 (the server or PgBouncer closed it, PgBouncer's "server
# login has been failing" included), a backend terminated or shut down (57P01, 57P02), and a
# connection left in a state asyncpg cannot go on from: a backend killed while its connection
# sat idle in the pool sends its FATAL error unasked, and the next query on it fails with
# "cannot switch to state 12; another operation (2) is in progress" before asyncpg has seen the
# socket close.
_DRIVER_DISCONNECTS = (
    asyncpg.PostgresConnectionError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.InternalClientError,
)


def is_disconnect(exc: BaseException) -> bool:
    """True when the connection was lost (server restart, terminated backend, network)."""
    if isinstance(exc, sa_exc.DBAPIError):
        return exc.connection_invalidated
    if isinstance(exc, asyncpg.InterfaceError):
        return "connection is closed" in str(exc)
    return isinstance(exc, (ConnectionError, sa_exc.InterfaceError, *_DRIVER_DISCONNECTS))


@asynccontextmanager
async def transaction(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A pooled connection inside one transaction, committed on success and rolled back on
    error. The engine's connections are otherwise in autocommit mode: use this (not
    engine.begin()) for several statements that must succeed or fail together."""
    async with connect(engine) as connection:
        transactional = await connection.execution_options(isolation_level="READ COMMITTED")
        async with transactional.begin():
            yield transactional


async def run(
    db: Database,
    operation: Callable[[AsyncConnection], Awaitable[T]],
    *,
    atomic: bool = False,
) -> T:
    """Runs `operation` on a pooled connection.

    Given the engine: each statement commits on its own (the chat queries are single
    statements, or idempotent sequences) unless `atomic` asks for one transaction; a dropped
    connection is retried once after retry_delay_s on a fresh connection, and a second failure
    propagates. Given a connection, the operation joins the caller's transaction, which the
    caller commits; nothing is retried.
    """
    if isinstance(db, AsyncConnection):
        if atomic and not db.in_transaction():
            async with db.begin():
                return await operation(db)
        return await operation(db)
    settings = settings_of(db)
    for attempt in (1, 2):
        try:
            if atomic:
                async with transaction(db) as connection:
                    return await operation(connection)
            async with connect(db) as connection:
                return await operation(connection)
        except Exception as exc:
            if attempt == 2 or not is_disconnect(exc):
                raise
            _counters(db).retries += 1
            await asyncio.sleep(settings.retry_delay_s)
    raise AssertionError("unreachable")
