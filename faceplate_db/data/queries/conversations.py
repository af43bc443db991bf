"""Conversations: create, a user's most recent (keyset-paginated), rename, delete."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Row, delete, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from faceplate_db.data.engine import Database, run
from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import _input
from faceplate_db.data.tables import conversations
from faceplate_db.errors import NotFound

Cursor = tuple[datetime, uuid.UUID]


async def create_conversation(db: Database, user_id: uuid.UUID, title: str = "") -> Row:
    values = {"id": new_id(), "user_id": user_id, "title": _input.text("title", title)}

    async def operation(conn: AsyncConnection) -> Row:
        # ON CONFLICT (id): a retry after a lost commit acknowledgement finds its own row.
        inserted = await conn.execute(
            insert(conversations)
            .values(values)
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(*conversations.c)
        )
        row = inserted.first()
        if row is None:
            row = (
                await conn.execute(select(conversations).where(conversations.c.id == values["id"]))
            ).one()
        return row

    return await run(db, operation)


_RECENT = select(conversations).order_by(
    conversations.c.updated_at.desc(), conversations.c.id.desc()
)


async def list_recent_conversations(
    db: Database, user_id: uuid.UUID, limit: int = 20, before: Cursor | None = None
) -> list[Row]:
    """The user's conversations, most recently updated first. Pass the last row's
    (updated_at, id) as `before` for the next page."""
    query = _RECENT.where(conversations.c.user_id == user_id).limit(limit)
    if before is not None:
        query = query.where(
            tuple_(conversations.c.updated_at, conversations.c.id) < tuple_(*before)
        )

    async def operation(conn: AsyncConnection) -> list[Row]:
        return list(await conn.execute(query))

    return await run(db, operation)


async def rename_conversation(
    db: Database, user_id: uuid.UUID, conversation_id: uuid.UUID, title: str
) -> Row:
    statement = (
        update(conversations)
        .where(conversations.c.id == conversation_id, conversations.c.user_id == user_id)
        .values(title=_input.text("title", title))
        .returning(*conversations.c)
    )

    async def operation(conn: AsyncConnection) -> Row:
        row = (await conn.execute(statement)).first()
        if row is None:
            raise NotFound("conversation", conversation_id)
        return row

    return await run(db, operation)


async def delete_conversation(db: Database, user_id: uuid.UUID, conversation_id: uuid.UUID) -> bool:
    """Deletes the conversation and (by cascade) its messages; False if there was none."""
    statement = delete(conversations).where(
        conversations.c.id == conversation_id, conversations.c.user_id == user_id
    )

    async def operation(conn: AsyncConnection) -> bool:
        return (await conn.execute(statement)).rowcount == 1

    return await run(db, operation)
