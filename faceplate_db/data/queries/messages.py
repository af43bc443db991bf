"""Messages: append (bumping the conversation), the latest page, and history in order."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Row, literal, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from faceplate_db.data.engine import Database, run
from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import _input
from faceplate_db.data.tables import conversations, messages
from faceplate_db.errors import InvalidInput, NotFound

Cursor = tuple[datetime, uuid.UUID]
ROLES = ("system", "user", "assistant", "tool")


def _owned_messages(user_id: uuid.UUID, conversation_id: uuid.UUID):
    return (
        select(messages)
        .join(conversations, conversations.c.id == messages.c.conversation_id)
        .where(messages.c.conversation_id == conversation_id, conversations.c.user_id == user_id)
    )


async def append_message(
    db: Database,
    user_id: uuid.UUID,
    conversation_id: uuid.UUID,
    role: str,
    content: str,
    tool_calls: list[Any] | None = None,
    tool_results: list[Any] | None = None,
) -> Row:
    """Appends a message and bumps the conversation's updated_at, in one statement (and so one
    transaction). Raises NotFound when the conversation is not the user's."""
    if role not in ROLES:
        raise InvalidInput("role", f"{role!r} is not one of {', '.join(ROLES)}")
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
) -> Callable[[AsyncConnection], Awaitable[Row]]:
    """The append as a retryable unit: running it twice (a retry after a lost commit
    acknowledgement) leaves one message, because the id is fixed before the first attempt."""
    bumped = (
        update(conversations)
        .where(conversations.c.id == conversation_id, conversations.c.user_id == user_id)
        .values(updated_at=conversations.c.updated_at)  # the trigger sets it to now()
        .returning(conversations.c.id)
        .cte("bumped")
    )
    columns = {
        "id": literal(message_id, messages.c.id.type),
        "conversation_id": bumped.c.id,
        "role": literal(role),
        "content": literal(_input.text("content", content)),
        "tool_calls": literal(
            None if tool_calls is None else _input.json_value("tool_calls", tool_calls, list),
            messages.c.tool_calls.type,
        ),
        "tool_results": literal(
            None if tool_results is None else _input.json_value("tool_results", tool_results, list),
            messages.c.tool_results.type,
        ),
    }
    statement = (
        insert(messages)
        .from_select(list(columns), select(*columns.values()))
        .on_conflict_do_nothing(index_elements=["id"])
        .returning(*messages.c)
    )

    async def operation(conn: AsyncConnection) -> Row:
        row = (await conn.execute(statement)).first()
        if row is None:
            # Either a retry whose first attempt committed, or not the user's conversation.
            row = (
                await conn.execute(
                    _owned_messages(user_id, conversation_id).where(messages.c.id == message_id)
                )
            ).first()
            if row is None:
                raise NotFound("conversation", conversation_id)
        return row

    return operation


async def latest_messages(
    db: Database, user_id: uuid.UUID, conversation_id: uuid.UUID, limit: int = 50
) -> list[Row]:
    """The conversation's last `limit` messages, oldest first."""
    query = (
        _owned_messages(user_id, conversation_id)
        .order_by(messages.c.created_at.desc(), messages.c.id.desc())
        .limit(limit)
    )

    async def operation(conn: AsyncConnection) -> list[Row]:
        return list(reversed(list(await conn.execute(query))))

    return await run(db, operation)


async def list_messages(
    db: Database,
    user_id: uuid.UUID,
    conversation_id: uuid.UUID,
    limit: int = 50,
    after: Cursor | None = None,
) -> list[Row]:
    """A page of the conversation's history in order; pass the last row's (created_at, id) as
    `after` for the next page."""
    query = (
        _owned_messages(user_id, conversation_id)
        .order_by(messages.c.created_at, messages.c.id)
        .limit(limit)
    )
    if after is not None:
        query = query.where(tuple_(messages.c.created_at, messages.c.id) > tuple_(*after))

    async def operation(conn: AsyncConnection) -> list[Row]:
        return list(await conn.execute(query))

    return await run(db, operation)
