"""The chat backend's queries against a real database: behaviour, keyset pagination, scoping by
user (another user's real ids and guessed ids behave as missing), hostile input."""

from __future__ import annotations

import uuid

import pytest

from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import conversations, mcp_configs, messages, users
from faceplate_db.errors import InvalidInput, NotFound


@pytest.fixture
async def alice(engine):
    return await users.get_or_create_user(engine, "sub-alice", "alice@example.com")


@pytest.fixture
async def mallory(engine):
    return await users.get_or_create_user(engine, "sub-mallory", "mallory@example.com")


async def test_get_or_create_returns_the_same_user_and_keeps_the_email(engine, alice):
    again = await users.get_or_create_user(engine, "sub-alice", "changed@example.com")
    assert again.id == alice.id
    assert again.email == "alice@example.com"
    assert alice.id.version == 7


async def test_recent_conversations_come_newest_first_in_keyset_pages(engine, alice):
    created = [await conversations.create_conversation(engine, alice.id, f"c{i}") for i in range(5)]
    # Appending to the oldest makes it the most recent.
    await messages.append_message(engine, alice.id, created[0].id, "user", "bump")
    first = await conversations.list_recent_conversations(engine, alice.id, limit=2)
    assert [c.title for c in first] == ["c0", "c4"]
    cursor = (first[-1].updated_at, first[-1].id)
    second = await conversations.list_recent_conversations(engine, alice.id, limit=2, before=cursor)
    assert [c.title for c in second] == ["c3", "c2"]
    rest = await conversations.list_recent_conversations(
        engine, alice.id, limit=10, before=(second[-1].updated_at, second[-1].id)
    )
    assert [c.title for c in rest] == ["c1"]


async def test_rename_and_delete(engine, alice):
    conversation = await conversations.create_conversation(engine, alice.id)
    await messages.append_message(engine, alice.id, conversation.id, "user", "hello")
    renamed = await conversations.rename_conversation(engine, alice.id, conversation.id, "Trip")
    assert renamed.title == "Trip"
    assert renamed.updated_at >= conversation.updated_at
    assert await conversations.delete_conversation(engine, alice.id, conversation.id) is True
    assert await conversations.delete_conversation(engine, alice.id, conversation.id) is False
    assert await messages.latest_messages(engine, alice.id, conversation.id) == []


async def test_append_bumps_the_conversation_and_history_pages_in_order(engine, alice):
    conversation = await conversations.create_conversation(engine, alice.id)
    appended = [
        await messages.append_message(engine, alice.id, conversation.id, "user", f"m{i}")
        for i in range(7)
    ]
    (bumped,) = await conversations.list_recent_conversations(engine, alice.id)
    assert bumped.updated_at == appended[-1].created_at
    latest = await messages.latest_messages(engine, alice.id, conversation.id, limit=3)
    assert [m.content for m in latest] == ["m4", "m5", "m6"]
    page, seen = None, []
    while True:
        after = None if page is None else (page[-1].created_at, page[-1].id)
        page = await messages.list_messages(engine, alice.id, conversation.id, limit=3, after=after)
        if not page:
            break
        seen += [m.content for m in page]
    assert seen == [f"m{i}" for i in range(7)]


async def test_tool_calls_and_results_round_trip_as_json(engine, alice):
    conversation = await conversations.create_conversation(engine, alice.id)
    calls = [{"name": "search", "arguments": {"q": 'it\'s "quoted"', "n": 3}}]
    message = await messages.append_message(
        engine, alice.id, conversation.id, "assistant", "", tool_calls=calls, tool_results=[]
    )
    assert message.tool_calls == calls
    assert message.tool_results == []


async def test_configs_upsert_list_enable_delete(engine, alice):
    await mcp_configs.upsert_config(engine, alice.id, "fs", {"command": "fs-server"})
    await mcp_configs.upsert_config(
        engine, alice.id, "git", {"command": "git-server"}, enabled=False
    )
    updated = await mcp_configs.upsert_config(engine, alice.id, "fs", {"command": "fs2"})
    assert updated.config == {"command": "fs2"}
    assert [c.name for c in await mcp_configs.list_enabled_configs(engine, alice.id)] == ["fs"]
    await mcp_configs.set_config_enabled(engine, alice.id, "git", True)
    assert [c.name for c in await mcp_configs.list_enabled_configs(engine, alice.id)] == [
        "fs",
        "git",
    ]
    assert await mcp_configs.delete_config(engine, alice.id, "fs") is True
    assert [c.name for c in await mcp_configs.list_enabled_configs(engine, alice.id)] == ["git"]


async def test_another_users_data_is_out_of_reach(engine, alice, mallory):
    conversation = await conversations.create_conversation(engine, alice.id, "private")
    await messages.append_message(engine, alice.id, conversation.id, "user", "secret")
    await mcp_configs.upsert_config(engine, alice.id, "fs", {"token": "t"})
    for target in (conversation.id, new_id(), uuid.uuid4()):  # a real id of alice's, and guesses
        assert await messages.latest_messages(engine, mallory.id, target) == []
        assert await messages.list_messages(engine, mallory.id, target) == []
        with pytest.raises(NotFound):
            await messages.append_message(engine, mallory.id, target, "user", "injected")
        with pytest.raises(NotFound):
            await conversations.rename_conversation(engine, mallory.id, target, "pwned")
        assert await conversations.delete_conversation(engine, mallory.id, target) is False
    assert await conversations.list_recent_conversations(engine, mallory.id) == []
    assert await mcp_configs.list_enabled_configs(engine, mallory.id) == []
    with pytest.raises(NotFound):
        await mcp_configs.set_config_enabled(engine, mallory.id, "fs", False)
    assert await mcp_configs.delete_config(engine, mallory.id, "fs") is False
    # mallory's upsert of the same name creates mallory's own row; alice's is untouched.
    await mcp_configs.upsert_config(engine, mallory.id, "fs", {"token": "evil"})
    (kept,) = await mcp_configs.list_enabled_configs(engine, alice.id)
    assert kept.config == {"token": "t"}
    (history,) = await messages.latest_messages(engine, alice.id, conversation.id)
    assert history.content == "secret"
    (still,) = await conversations.list_recent_conversations(engine, alice.id)
    assert still.title == "private"


HOSTILE = [
    "'; DROP TABLE faceplate.messages; --",
    "Robert'); DELETE FROM faceplate.users WHERE ('1'='1",
    "$$ || pg_sleep(10) || $$",
    "\\x00 is not a NUL, \\' is not a quote",
    "emoji 🦜 and RTL \u202e text",
    "x" * 1_000_000,
]


@pytest.mark.parametrize("content", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_strings_are_stored_exactly(engine, alice, content):
    conversation = await conversations.create_conversation(engine, alice.id, content[:500])
    await messages.append_message(engine, alice.id, conversation.id, "user", content)
    (stored,) = await messages.latest_messages(engine, alice.id, conversation.id)
    assert stored.content == content
    (listed,) = await conversations.list_recent_conversations(engine, alice.id)
    assert listed.title == content[:500]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda e, u, c: messages.append_message(e, u, c, "user", "nul\x00byte"), "content"),
        (lambda e, u, c: messages.append_message(e, u, c, "robot", "hi"), "role"),
        (
            lambda e, u, c: messages.append_message(
                e, u, c, "assistant", "", tool_calls='[{"a": 1}]'
            ),
            "tool_calls",
        ),
        (
            lambda e, u, c: messages.append_message(e, u, c, "tool", "", tool_results=[{1, 2}]),
            "tool_results",
        ),
        (
            lambda e, u, c: messages.append_message(e, u, c, "tool", "", tool_results=["\x00"]),
            "tool_results",
        ),
        (lambda e, u, c: mcp_configs.upsert_config(e, u, "fs", {"x": float("nan")}), "config"),
        (lambda e, u, c: mcp_configs.upsert_config(e, u, "fs", ["not", "an", "object"]), "config"),
        (lambda e, u, c: conversations.rename_conversation(e, u, c, "\x00"), "title"),
    ],
)
async def test_unstorable_input_is_rejected_naming_the_field(engine, alice, call, field):
    conversation = await conversations.create_conversation(engine, alice.id)
    with pytest.raises(InvalidInput) as caught:
        await call(engine, alice.id, conversation.id)
    assert caught.value.field == field
    assert field in str(caught.value)
    assert await messages.latest_messages(engine, alice.id, conversation.id) == []


async def test_queries_given_a_transaction_join_it_and_roll_back_with_it(engine, alice):
    from faceplate_db.data.engine import transaction

    kept = await conversations.create_conversation(engine, alice.id, "kept")
    with pytest.raises(RuntimeError):
        async with transaction(engine) as conn:
            doomed = await conversations.create_conversation(conn, alice.id, "doomed")
            await messages.append_message(conn, alice.id, doomed.id, "user", "gone")
            await messages.append_message(conn, alice.id, kept.id, "user", "gone too")
            assert len(await conversations.list_recent_conversations(conn, alice.id)) == 2
            raise RuntimeError("abort the unit of work")
    (only,) = await conversations.list_recent_conversations(engine, alice.id)
    assert only.title == "kept"
    assert await messages.latest_messages(engine, alice.id, kept.id) == []
    async with transaction(engine) as conn:
        await messages.append_message(conn, alice.id, kept.id, "user", "committed")
    assert [m.content for m in await messages.latest_messages(engine, alice.id, kept.id)] == [
        "committed"
    ]
