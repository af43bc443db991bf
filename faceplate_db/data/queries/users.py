"""Users: get or create by the identity provider's subject id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from faceplate_db.data.compiled import Compiled
from faceplate_db.data.engine import Database, run
from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import _input
from faceplate_db.data.tables import users

_INSERT = Compiled(
    insert(users)
    .values(id=bindparam("id"), subject_id=bindparam("subject_id"), email=bindparam("email"))
    .on_conflict_do_nothing()
    .returning(*users.c)
)
_BY_SUBJECT = Compiled(select(users).where(users.c.subject_id == bindparam("subject_id")))


async def get_or_create_user(db: Database, subject_id: str, email: str) -> Any:
    """The user with this subject id, created with this email if new. An existing user's email
    is left as it is: changing it is a separate, deliberate act."""
    values = {
        "id": new_id(),
        "subject_id": _input.text("subject_id", subject_id),
        "email": _input.text("email", email),
    }

    async def operation(conn: AsyncConnection) -> Any:
        row = await _INSERT.first(conn, **values)
        if row is None:
            row = await _BY_SUBJECT.first(conn, subject_id=subject_id)
        return row

    return await run(db, operation)
