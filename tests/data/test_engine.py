"""The spec's pool behaviour, each against a real server: lazy pool, 50 concurrent queries on at
most 20 connections, pool timeout, stale connections, the pre-ping window, dropped connections
retried once, idempotent retried writes, fail-fast when the server is unreachable, settings
validation."""

from __future__ import annotations

import asyncio
import socket
import time

import psycopg
import pytest
from sqlalchemy import bindparam, func, select, text

from faceplate_db.config import libpq_url
from faceplate_db.data.compiled import Compiled
from faceplate_db.data.engine import connect, create_engine, pool_statistics, run, settings_of
from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import conversations, messages, users
from faceplate_db.data.settings import PoolSettings
from faceplate_db.errors import ConfigError, DatabaseUnavailable, PoolTimeout
from tests.conftest import server_connections


@pytest.fixture
async def engine_with(fresh_db, app_name):
    """An engine like the `engine` fixture's, with some settings changed; disposed afterwards."""
    engines = []

    def make(**overrides):
        engines.append(create_engine(database_url=fresh_db, application_name=app_name, **overrides))
        return engines[-1]

    yield make
    for engine in engines:
        await engine.dispose()


def terminate(url: str, app_name: str, *, only_active: bool = False) -> int:
    """Terminates this application's backends (all, or only those running a query)."""
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        return conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = %s AND (NOT %s OR state = 'active')",
            [app_name, only_active],
        ).fetchone()[0]


async def scalar(db, sql: str):
    async def operation(conn):
        return (await conn.execute(text(sql))).scalar()

    return await run(db, operation)


async def test_pool_is_lazy_and_initialised_by_the_first_query(engine, fresh_db, app_name):
    assert pool_statistics(engine)["connections_opened"] == 0
    assert server_connections(fresh_db, app_name) == 0
    assert await scalar(engine, "SELECT current_setting('search_path')") == "faceplate"
    assert pool_statistics(engine)["connections_opened"] == 1
    assert server_connections(fresh_db, app_name) == 1


async def test_fifty_concurrent_queries_succeed_on_at_most_twenty_connections(
    engine, fresh_db, app_name
):
    peak = 0
    done = asyncio.Event()

    async def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, await asyncio.to_thread(server_connections, fresh_db, app_name))
            await asyncio.sleep(0.05)

    sampler = asyncio.create_task(sample())
    results = await asyncio.gather(
        *(scalar(engine, "SELECT true FROM pg_sleep(0.3)") for _ in range(50))
    )
    done.set()
    await sampler
    stats = pool_statistics(engine)
    assert results == [True] * 50
    assert 5 < peak <= 20
    assert stats["connections_opened"] <= 20
    assert stats["waits"] > 0, "requests beyond capacity waited for a connection"
    assert stats["timeouts"] == 0


async def test_exhausted_pool_times_out_with_a_clear_error(engine_with):
    engine = engine_with(pool_size=1, max_overflow=0, pool_timeout_s=0.5)
    async with connect(engine):
        started = time.monotonic()
        with pytest.raises(PoolTimeout) as caught:
            await scalar(engine, "SELECT 1")
        assert 0.4 < time.monotonic() - started < 3
    assert "0.5 s" in str(caught.value)
    assert pool_statistics(engine)["timeouts"] == 1


async def test_stale_connection_is_replaced_by_pre_ping(engine, fresh_db, app_name):
    assert await scalar(engine, "SELECT 1") == 1
    assert terminate(fresh_db, app_name) == 1
    await asyncio.sleep(settings_of(engine).pool_ping_after_s + 0.1)  # idle past the window
    assert await scalar(engine, "SELECT 2") == 2
    stats = pool_statistics(engine)
    assert stats["connections_opened"] == 2
    assert stats["invalidations"] >= 1
    assert stats["retries"] == 0, "pre-ping, not the retry, replaced the connection"


async def test_a_connection_used_moments_ago_is_not_pinged_and_if_it_died_the_query_is_retried(
    engine_with, fresh_db, app_name
):
    # A window far longer than the test, so the second query surely falls inside it.
    engine = engine_with(pool_ping_after_s=60)
    assert await scalar(engine, "SELECT 1") == 1
    assert terminate(fresh_db, app_name) == 1
    started = time.monotonic()
    assert await scalar(engine, "SELECT 2") == 2
    stats = pool_statistics(engine)
    assert stats["retries"] == 1, "no pre-ping inside the window: the query met the dead one"
    assert time.monotonic() - started >= 1.0, "retried after retry_delay_s"
    assert stats["connections_opened"] == 2


async def test_a_connection_the_server_closed_while_idle_is_replaced_even_inside_the_window(
    engine_with, fresh_db, app_name
):
    """asyncpg has seen the server's goodbye by the time of the checkout: no ping is needed to
    know, the connection is replaced, the caller sees nothing."""
    engine = engine_with(pool_ping_after_s=60, max_overflow=0)
    user = await users.get_or_create_user(engine, "sub-idle", "idle@example.com")
    assert terminate(fresh_db, app_name) >= 1
    await asyncio.sleep(0.2)  # the event loop reads the goodbye
    assert await conversations.list_recent_conversations(engine, user.id) == []
    stats = pool_statistics(engine)
    assert stats["retries"] == 0
    assert stats["invalidations"] >= 1


async def test_a_compiled_query_on_a_dropped_connection_is_retried_and_the_connection_not_reused(
    engine_with, fresh_db, app_name
):
    """The chat queries run on asyncpg directly, past SQLAlchemy: their disconnects must still
    be retried, and the dead connection must not go back to the pool to fail the next query."""
    engine = engine_with(pool_ping_after_s=60, pool_size=1, max_overflow=0)
    user = await users.get_or_create_user(engine, "sub-drop", "drop@example.com")
    assert terminate(fresh_db, app_name) == 1
    # No await in between: the event loop has not read the goodbye yet.
    assert await conversations.list_recent_conversations(engine, user.id) == []
    assert pool_statistics(engine)["retries"] == 1
    assert await conversations.list_recent_conversations(engine, user.id) == []
    stats = pool_statistics(engine)
    assert stats["retries"] == 1, "the dead connection did not come back"
    assert stats["connections_opened"] == 2


async def test_a_ping_window_of_zero_pings_every_checkout(engine_with, fresh_db, app_name):
    engine = engine_with(pool_ping_after_s=0)
    assert await scalar(engine, "SELECT 1") == 1
    assert terminate(fresh_db, app_name) == 1
    assert await scalar(engine, "SELECT 2") == 2
    stats = pool_statistics(engine)
    assert stats["retries"] == 0, "pre-ping, not the retry, replaced the connection"
    assert stats["invalidations"] >= 1


async def test_connection_dropped_mid_query_is_retried_once_after_a_second(
    engine, fresh_db, app_name
):
    attempts = []
    killed_at = []

    async def slow_then_fine(conn):
        attempts.append(time.monotonic())
        if len(attempts) == 1:
            await conn.execute(text("SELECT pg_sleep(5)"))
        return (await conn.execute(text("SELECT 42"))).scalar()

    async def kill_soon():
        await asyncio.sleep(0.5)
        while True:
            killed_at[:] = [time.monotonic()]  # the drop cannot come before the kill is asked
            if await asyncio.to_thread(terminate, fresh_db, app_name, only_active=True):
                break
            await asyncio.sleep(0.1)

    killer = asyncio.create_task(kill_soon())
    assert await run(engine, slow_then_fine) == 42
    await killer
    assert len(attempts) == 2
    # The retry waited out the delay after the drop (measured from the kill: the first attempt
    # may start well after the killer's clock starts on a busy machine).
    assert attempts[1] - killed_at[0] >= 1.0
    assert pool_statistics(engine)["retries"] == 1


async def test_a_compiled_query_whose_connection_drops_is_retried_on_a_fresh_one(
    engine, fresh_db, app_name
):
    # The chat queries run on the asyncpg connection itself (compiled.py), so a drop under them
    # raises asyncpg's own error, which SQLAlchemy never sees.
    sleep = Compiled(select(func.pg_sleep(bindparam("seconds"))))
    attempts = []

    async def slow_then_fine(conn):
        attempts.append(time.monotonic())
        return await sleep.first(conn, seconds=5 if len(attempts) == 1 else 0)

    async def kill_soon():
        await asyncio.sleep(0.5)
        while not await asyncio.to_thread(terminate, fresh_db, app_name, only_active=True):
            await asyncio.sleep(0.1)

    killer = asyncio.create_task(kill_soon())
    assert await run(engine, slow_then_fine) is not None
    await killer
    assert len(attempts) == 2
    stats = pool_statistics(engine)
    assert stats["retries"] == 1
    assert stats["invalidations"] == 1, "the dropped connection did not go back to the pool"
    assert stats["connections_opened"] == 2


async def test_second_drop_propagates_the_error(engine, fresh_db, app_name):
    attempts = 0

    async def always_slow(conn):
        nonlocal attempts
        attempts += 1
        await conn.execute(text("SELECT pg_sleep(5)"))

    async def keep_killing():
        for _ in range(2):
            await asyncio.sleep(0.5)
            while not await asyncio.to_thread(terminate, fresh_db, app_name, only_active=True):
                await asyncio.sleep(0.1)

    killer = asyncio.create_task(keep_killing())
    with pytest.raises(Exception) as caught:
        await run(engine, always_slow)
    await killer
    assert attempts == 2
    assert "terminat" in str(caught.value).lower() or "closed" in str(caught.value).lower()


async def test_a_retried_append_is_applied_once(engine):
    user = await users.get_or_create_user(engine, "sub-r", "r@example.com")
    conversation = await conversations.create_conversation(engine, user.id)
    operation = messages.append_operation(user.id, conversation.id, new_id(), "user", "once")
    first = await run(engine, operation)
    retried = await run(engine, operation)  # what a retry after a lost ack runs
    assert retried.id == first.id
    assert [
        m.content for m in await messages.latest_messages(engine, user.id, conversation.id)
    ] == ["once"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_refused_port_fails_fast_naming_host_port_and_cause():
    port = free_port()
    engine = create_engine(database_url=f"postgresql://app:hunter2@127.0.0.1:{port}/chat")
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable) as caught:
        await scalar(engine, "SELECT 1")
    await engine.dispose()
    assert time.monotonic() - started < 5
    message = str(caught.value)
    assert f"127.0.0.1:{port}" in message
    assert "refused" in message.lower()
    assert "hunter2" not in message


async def test_silent_server_fails_within_the_connect_timeout():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # completes TCP handshakes, never says a word
    port = listener.getsockname()[1]
    engine = create_engine(database_url=f"postgresql://app:hunter2@127.0.0.1:{port}/chat")
    started = time.monotonic()
    try:
        with pytest.raises(DatabaseUnavailable) as caught:
            await scalar(engine, "SELECT 1")
        elapsed = time.monotonic() - started
    finally:
        await engine.dispose()
        listener.close()
    assert 5 * 0.7 < elapsed < 5, "the whole call ends inside the 5 s connect timeout"
    assert f"127.0.0.1:{port}" in str(caught.value)
    assert "no answer" in str(caught.value) and "connect_timeout" in str(caught.value)
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize(
    ("environ", "setting"),
    [
        ({"FACEPLATE_POOL_SIZE": "five"}, "FACEPLATE_POOL_SIZE"),
        ({"FACEPLATE_POOL_SIZE": "0"}, "FACEPLATE_POOL_SIZE"),
        ({"FACEPLATE_MAX_OVERFLOW": "-1"}, "FACEPLATE_MAX_OVERFLOW"),
        ({"FACEPLATE_POOL_TIMEOUT": "0"}, "FACEPLATE_POOL_TIMEOUT"),
        ({"FACEPLATE_POOL_PRE_PING": "maybe"}, "FACEPLATE_POOL_PRE_PING"),
        ({"FACEPLATE_POOL_PING_AFTER": "-1"}, "FACEPLATE_POOL_PING_AFTER"),
        ({"FACEPLATE_POOL_PING_AFTER": "soon"}, "FACEPLATE_POOL_PING_AFTER"),
        ({"FACEPLATE_CONNECT_TIMEOUT": "x"}, "FACEPLATE_CONNECT_TIMEOUT"),
        ({"DATABASE_URL": "mysql://u:topsecret@h/db"}, "DATABASE_URL"),
    ],
)
def test_invalid_pool_setting_names_the_setting_and_value(environ, setting):
    environ = {"DATABASE_URL": "postgresql://u:topsecret@h/db", **environ}
    with pytest.raises(ConfigError) as caught:
        PoolSettings.from_env(environ)
    assert setting in str(caught.value)
    assert "topsecret" not in str(caught.value)


def test_defaults_and_overrides():
    settings = PoolSettings.from_env(
        {"DATABASE_URL": "postgresql://h/db", "FACEPLATE_POOL_SIZE": "7"}
    )
    assert (settings.pool_size, settings.max_overflow, settings.pool_timeout_s) == (7, 15, 30.0)
    assert settings.pool_pre_ping and settings.connect_timeout_s == 5.0
    assert settings.pool_ping_after_s == 0.5
    assert PoolSettings.from_env({"DATABASE_URL": "postgresql://h/db"}, pool_size=3).pool_size == 3
    every_checkout = {"DATABASE_URL": "postgresql://h/db", "FACEPLATE_POOL_PING_AFTER": "0"}
    assert PoolSettings.from_env(every_checkout).pool_ping_after_s == 0


async def test_sustained_load_keeps_its_connections_and_serves_everyone_in_turn(engine):
    """SQLAlchemy's stock QueuePool closed overflow connections on every check-in under this
    load (50 opened) and let waiters starve for the whole run; this pool must do neither."""
    first_query_s: list[float] = []

    async def client():
        started = time.monotonic()
        for n in range(20):
            await scalar(engine, "SELECT 1")
            if n == 0:
                first_query_s.append(time.monotonic() - started)

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(50)))
    elapsed = time.monotonic() - started
    stats = pool_statistics(engine)
    assert stats["connections_opened"] <= 20
    assert stats["overflow"] == 15, "overflow connections stay while the load lasts"
    assert max(first_query_s) < elapsed / 2, "no client waited for most of the run"


async def test_overflow_connections_are_retired_when_the_load_is_gone(
    engine_with, fresh_db, app_name
):
    engine = engine_with(overflow_idle_s=0.2)
    await asyncio.gather(*(scalar(engine, "SELECT true FROM pg_sleep(0.5)") for _ in range(20)))
    assert pool_statistics(engine)["overflow"] > 0
    await asyncio.sleep(0.3)
    for _ in range(20):
        await scalar(engine, "SELECT 1")
    assert pool_statistics(engine)["overflow"] == 0
    assert server_connections(fresh_db, app_name) == 5
