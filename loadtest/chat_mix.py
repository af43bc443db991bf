"""The chat mix, in one place: what a chat backend does, in what proportion. The benchmark, the
HTTP app and the Locust users all take it from here.

Each operation exists twice: through the data layer (what we measure) and as raw SQL (the
baselines: a raw asyncpg pool and pgbench), and the two run the same statements.
"""

from __future__ import annotations

import uuid

from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import conversations, mcp_configs, messages

# operation -> percent of requests
WEIGHTS = {
    "read_messages": 60,  # a conversation's latest 50 messages
    "list_conversations": 20,  # a user's 20 most recent conversations
    "append_message": 15,  # append a message, bumping the conversation
    "enabled_configs": 5,  # a user's enabled MCP configs
}
MESSAGE_TEXT = "load test message"


async def read_messages(engine, user_id: uuid.UUID, conversation_id: uuid.UUID):
    return await messages.latest_messages(engine, user_id, conversation_id, limit=50)


async def list_conversations(engine, user_id: uuid.UUID, conversation_id: uuid.UUID):
    return await conversations.list_recent_conversations(engine, user_id, limit=20)


async def append_message(engine, user_id: uuid.UUID, conversation_id: uuid.UUID):
    return await messages.append_message(engine, user_id, conversation_id, "user", MESSAGE_TEXT)


async def enabled_configs(engine, user_id: uuid.UUID, conversation_id: uuid.UUID):
    return await mcp_configs.list_enabled_configs(engine, user_id)


DATA_LAYER = {
    "read_messages": read_messages,
    "list_conversations": list_conversations,
    "append_message": append_message,
    "enabled_configs": enabled_configs,
}

# The same statements as the data layer runs, with $1 = user_id, $2 = conversation_id,
# $3 = a new message id (append only).
RAW_SQL = {
    "read_messages": (
        "SELECT m.* FROM faceplate.messages m "
        "JOIN faceplate.conversations c ON c.id = m.conversation_id "
        "WHERE m.conversation_id = $2 AND c.user_id = $1 "
        "ORDER BY m.created_at DESC, m.id DESC LIMIT 50"
    ),
    "list_conversations": (
        "SELECT * FROM faceplate.conversations WHERE user_id = $1 "
        "ORDER BY updated_at DESC, id DESC LIMIT 20"
    ),
    "append_message": (
        "WITH bumped AS (UPDATE faceplate.conversations SET updated_at = updated_at "
        "WHERE id = $2 AND user_id = $1 RETURNING id) "
        "INSERT INTO faceplate.messages (id, conversation_id, role, content) "
        f"SELECT $3, bumped.id, 'user', '{MESSAGE_TEXT}' FROM bumped "
        "ON CONFLICT (id) DO NOTHING RETURNING *"
    ),
    "enabled_configs": (
        "SELECT * FROM faceplate.mcp_configs WHERE user_id = $1 AND enabled ORDER BY name"
    ),
}


def raw_arguments(name: str, user_id: uuid.UUID, conversation_id: uuid.UUID) -> tuple:
    if name == "append_message":
        return (user_id, conversation_id, new_id())
    if name == "read_messages":
        return (user_id, conversation_id)
    return (user_id,)
