"""The data layer behind a real PgBouncer 1.18 in transaction pooling mode (FACEPLATE_PGBOUNCER):
the chat queries, concurrently, on a pool much larger than PgBouncer's, so that consecutive
statements of one client land on different server connections; the SQLAlchemy-executed paths
(ping, a transaction) too; and the clear error without the setting."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from faceplate_db.data.engine import create_engine, pool_statistics, run, transaction
from faceplate_db.data.ping import ping
from faceplate_db.data.queries import conversations, mcp_configs, messages, users
from faceplate_db.data.settings import PoolSettings
from faceplate_db.errors import DatabaseUnavailable
from loadtest.pgbouncer import running_pgbouncer

# Few server connections for many clients: every statement may meet another server connection.
SERVER_CONNECTIONS = 3


@pytest.fixture(scope="module")
def bouncer(server_url, pgbouncer):
    with running_pgbouncer(server_url, pool_size=SERVER_CONNECTIONS) as running:
        yield running


@pytest.fixture
def bounced_url(bouncer, fresh_db) -> str:
    return bouncer.url(make_url(fresh_db).database)


@pytest.fixture
async def bounced(bounced_url, app_name):
    engine = create_engine(
        PoolSettings.validated(database_url=bounced_url, application_name=app_name, pgbouncer=True)
    )
    yield engine
    await engine.dispose()


async def chat_session(engine, n: int) -> list[str]:
    """One user's chat: sign in, start a conversation, talk, read it back, list, configure."""
    user = await users.get_or_create_user(engine, f"sub-{n}", f"u{n}@example.com")
    chat = await conversations.create_conversation(engine, user.id, f"chat {n}")
    for i in range(3):
        await messages.append_message(
            engine, user.id, chat.id, "user", f"{n}.{i}", tool_calls=[{"i": i}]
        )
    await mcp_configs.upsert_config(engine, user.id, "search", {"command": "s"})
    assert [c.name for c in await mcp_configs.list_enabled_configs(engine, user.id)] == ["search"]
    assert [c.id for c in await conversations.list_recent_conversations(engine, user.id)] == [
        chat.id
    ]
    return [m.content for m in await messages.latest_messages(engine, user.id, chat.id)]


async def test_chat_queries_run_concurrently_through_pgbouncer(bounced):
    sessions = 40
    results = await asyncio.gather(*(chat_session(bounced, n) for n in range(sessions)))
    assert results == [[f"{n}.{i}" for i in range(3)] for n in range(sessions)]
    stats = pool_statistics(bounced)
    assert stats["connections_opened"] > SERVER_CONNECTIONS, "more clients than servers"
    assert stats["retries"] == 0 and stats["invalidations"] == 0
    # Another history, read in pages, sees what the sessions wrote.
    user = await users.get_or_create_user(bounced, "sub-7", "u7@example.com")
    (chat,) = await conversations.list_recent_conversations(bounced, user.id)
    page = await messages.list_messages(bounced, user.id, chat.id, limit=2)
    rest = await messages.list_messages(
        bounced, user.id, chat.id, limit=5, after=(page[-1].created_at, page[-1].id)
    )
    assert [m.content for m in page + rest] == ["7.0", "7.1", "7.2"]


async def test_statements_run_by_sqlalchemy_work_through_pgbouncer(bounced, bounced_url):
    async def in_turn(conn):
        return (await conn.execute(text("SELECT 41 + 1"))).scalar()

    assert await asyncio.gather(*(run(bounced, in_turn) for _ in range(100))) == [42] * 100
    user = await users.get_or_create_user(bounced, "sub-t", "t@example.com")
    async with transaction(bounced) as conn:
        chat = await conversations.create_conversation(conn, user.id, "in one transaction")
        await messages.append_message(conn, user.id, chat.id, "user", "atomic")
    assert [m.content for m in await messages.latest_messages(bounced, user.id, chat.id)] == [
        "atomic"
    ]
    result = await ping(PoolSettings.validated(database_url=bounced_url, pgbouncer=True))
    assert result.server_version


async def test_without_the_setting_pgbouncer_refuses_the_connection_by_name(bounced_url):
    engine = create_engine(PoolSettings.validated(database_url=bounced_url))
    try:
        with pytest.raises(DatabaseUnavailable) as caught:
            await users.get_or_create_user(engine, "sub-x", "x@example.com")
        assert "search_path" in str(caught.value)
    finally:
        await engine.dispose()


def test_the_setting_reads_from_the_environment():
    env = {"DATABASE_URL": "postgresql://h/db", "FACEPLATE_PGBOUNCER": "1"}
    assert PoolSettings.from_env(env).pgbouncer is True
    assert PoolSettings.from_env({"DATABASE_URL": "postgresql://h/db"}).pgbouncer is False
