"""Conversations: create, a user's most recent (keyset-paginated), rename, delete."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from faceplate_db.data.compiled import Compiled
from faceplate_db.data.engine import Database, run
from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import _input
from faceplate_db.data.tables import conversations
from faceplate_db.errors import NotFound

Cursor = tuple[datetime, uuid.UUID]
_owner = conversations.c.user_id == bindparam("user_id")
_this = conversations.c.id == bindparam("conversation_id")

_INSERT = Compiled(
    insert(conversations)
    .values(id=bindparam("id"), user_id=bindparam("user_id"), title=bindparam("title"))
    # A retry after a lost commit acknowledgement finds its own row instead of a second one.
    .on_conflict_do_nothing(index_elements=["id"])
    .returning(*conversations.c)
)
_BY_ID = Compiled(select(conversations).where(conversations.c.id == bindparam("id")))
_RECENT = (
    select(conversations)
    .where(_owner)
    .order_by(conversations.c.updated_at.desc(), conversations.c.id.desc())
    .limit(bindparam("limit"))
)
_RECENT_FIRST_PAGE = Compiled(_RECENT)
_RECENT_NEXT_PAGE = Compiled(
    _RECENT.where(
        tuple_(conversations.c.updated_at, conversations.c.id)
        < tuple_(bindparam("before_updated_at"), bindparam("before_id"))
    )
)
_RENAME = Compiled(
    update(conversations)
    .where(_this, _owner)
    .values(title=bindparam("title"))
    .returning(*conversations.c)
)
_DELETE = Compiled(delete(conversations).where(_this, _owner))


async def create_conversation(db: Database, user_id: uuid.UUID, title: str = "") -> Any:
    values = {"id": new_id(), "user_id": user_id, "title": _input.text("title", title)}

    async def operation(conn: AsyncConnection) -> Any:
        return await _INSERT.first(conn, **values) or await _BY_ID.first(conn, id=values["id"])

    return await run(db, operation)


async def list_recent_conversations(
    db: Database, user_id: uuid.UUID, limit: int = 20, before: Cursor | None = None
) -> list[Any]:
    """The user's conversations, most recently updated first. Pass the last row's
    (updated_at, id) as `before` for the next page."""

    async def operation(conn: AsyncConnection) -> list[Any]:
        if before is None:
            return await _RECENT_FIRST_PAGE.fetch(conn, user_id=user_id, limit=limit)
        return await _RECENT_NEXT_PAGE.fetch(
            conn, user_id=user_id, limit=limit, before_updated_at=before[0], before_id=before[1]
        )

    return await run(db, operation)


async def rename_conversation(
    db: Database, user_id: uuid.UUID, conversation_id: uuid.UUID, title: str
) -> Any:
    values = {"user_id": user_id, "conversation_id": conversation_id}
    values["title"] = _input.text("title", title)

    async def operation(conn: AsyncConnection) -> Any:
        row = await _RENAME.first(conn, **values)
        if row is None:
            raise NotFound("conversation", conversation_id)
        return row

    return await run(db, operation)


async def delete_conversation(db: Database, user_id: uuid.UUID, conversation_id: uuid.UUID) -> bool:
    """Deletes the conversation and (by cascade) its messages; False if there was none."""

    async def operation(conn: AsyncConnection) -> bool:
        return await _DELETE.rowcount(conn, user_id=user_id, conversation_id=conversation_id) == 1

    return await run(db, operation)
