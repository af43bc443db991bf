"""Messages: append (bumping the conversation), the latest page, and history in order."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from faceplate_db.data.compiled import Compiled
from faceplate_db.data.engine import Database, run
from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import _input
from faceplate_db.data.tables import conversations, messages
from faceplate_db.errors import InvalidInput, NotFound

Cursor = tuple[datetime, uuid.UUID]
ROLES = ("system", "user", "assistant", "tool")

_owned = (
    select(messages)
    .join(conversations, conversations.c.id == messages.c.conversation_id)
    .where(
        messages.c.conversation_id == bindparam("conversation_id"),
        conversations.c.user_id == bindparam("user_id"),
    )
)
_bumped = (
    update(conversations)
    .where(
        conversations.c.id == bindparam("conversation_id"),
        conversations.c.user_id == bindparam("user_id"),
    )
    .values(updated_at=conversations.c.updated_at)  # the trigger sets it to now()
    .returning(conversations.c.id)
    .cte("bumped")
)
_new_message = {
    "id": bindparam("id", type_=messages.c.id.type),
    "conversation_id": _bumped.c.id,
    "role": bindparam("role", type_=messages.c.role.type),
    "content": bindparam("content", type_=messages.c.content.type),
    "tool_calls": bindparam("tool_calls", type_=messages.c.tool_calls.type),
    "tool_results": bindparam("tool_results", type_=messages.c.tool_results.type),
}
# One statement bumps the conversation (only if it is the user's) and inserts the message.
_APPEND = Compiled(
    insert(messages)
    .from_select(list(_new_message), select(*_new_message.values()))
    .on_conflict_do_nothing(index_elements=["id"])
    .returning(*messages.c)
)
_OWNED_BY_ID = Compiled(_owned.where(messages.c.id == bindparam("id")))
_LATEST = Compiled(
    _owned.order_by(messages.c.created_at.desc(), messages.c.id.desc()).limit(bindparam("limit"))
)
_in_order = _owned.order_by(messages.c.created_at, messages.c.id).limit(bindparam("limit"))
_HISTORY_FIRST_PAGE = Compiled(_in_order)
_HISTORY_NEXT_PAGE = Compiled(
    _in_order.where(
        tuple_(messages.c.created_at, messages.c.id)
        > tuple_(bindparam("after_created_at"), bindparam("after_id"))
    )
)


async def append_message(
    db: Database,
    user_id: uuid.UUID,
    conversation_id: uuid.UUID,
    role: str,
    content: str,
    tool_calls: list[Any] | None = None,
    tool_results: list[Any] | None = None,
) -> Any:
    """Appends a message and bumps the conversation's updated_at, in one statement. Raises
    NotFound when the conversation is not the user's."""
    operation = append_operation(
        user_id, conversation_id, new_id(), role, content, tool_calls, tool_results
    )
    return await run(db, operation)


def append_operation(
    user_id: uuid.UUID,
    conversation_id: uuid.UUID,
    message_id: uuid.UUID,
    role: str,
    content: str,
    tool_calls: list[Any] | None = None,
    tool_results: list[Any] | None = None,
) -> Callable[[AsyncConnection], Awaitable[Any]]:
    """The append as a retryable unit: running it twice (a retry after a lost commit
    acknowledgement) leaves one message, because the id is fixed before the first attempt."""
    if role not in ROLES:
        raise InvalidInput("role", f"{role!r} is not one of {', '.join(ROLES)}")
    values = {
        "user_id": user_id,
        "conversation_id": conversation_id,
        "id": message_id,
        "role": role,
        "content": _input.text("content", content),
        "tool_calls": None
        if tool_calls is None
        else _input.json_value("tool_calls", tool_calls, list),
        "tool_results": None
        if tool_results is None
        else _input.json_value("tool_results", tool_results, list),
    }

    async def operation(conn: AsyncConnection) -> Any:
        row = await _APPEND.first(conn, **values)
        if row is None:
            # Either a retry whose first attempt committed, or not the user's conversation.
            row = await _OWNED_BY_ID.first(
                conn, user_id=user_id, conversation_id=conversation_id, id=message_id
            )
            if row is None:
                raise NotFound("conversation", conversation_id)
        return row

    return operation


async def latest_messages(
    db: Database, user_id: uuid.UUID, conversation_id: uuid.UUID, limit: int = 50
) -> list[Any]:
    """The conversation's last `limit` messages, oldest first."""

    async def operation(conn: AsyncConnection) -> list[Any]:
        rows = await _LATEST.fetch(
            conn, user_id=user_id, conversation_id=conversation_id, limit=limit
        )
        return rows[::-1]

    return await run(db, operation)


async def list_messages(
    db: Database,
    user_id: uuid.UUID,
    conversation_id: uuid.UUID,
    limit: int = 50,
    after: Cursor | None = None,
) -> list[Any]:
    """A page of the conversation's history in order; pass the last row's (created_at, id) as
    `after` for the next page."""
    values = {"user_id": user_id, "conversation_id": conversation_id, "limit": limit}

    async def operation(conn: AsyncConnection) -> list[Any]:
        if after is None:
            return await _HISTORY_FIRST_PAGE.fetch(conn, **values)
        return await _HISTORY_NEXT_PAGE.fetch(
            conn, **values, after_created_at=after[0], after_id=after[1]
        )

    return await run(db, operation)
