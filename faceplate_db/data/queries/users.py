"""Users: get or create by the identity provider's subject id."""

from __future__ import annotations

from sqlalchemy import Row, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from faceplate_db.data.engine import Database, run
from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import _input
from faceplate_db.data.tables import users


async def get_or_create_user(db: Database, subject_id: str, email: str) -> Row:
    """The user with this subject id, created with this email if new. An existing user's email
    is left as it is: changing it is a separate, deliberate act."""
    values = {
        "id": new_id(),
        "subject_id": _input.text("subject_id", subject_id),
        "email": _input.text("email", email),
    }

    async def operation(conn: AsyncConnection) -> Row:
        inserted = await conn.execute(
            insert(users).values(values).on_conflict_do_nothing().returning(*users.c)
        )
        row = inserted.first()
        if row is None:
            row = (await conn.execute(select(users).where(users.c.subject_id == subject_id))).one()
        return row

    return await run(db, operation)
