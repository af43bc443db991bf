"""MCP server configurations: upsert by (user, name), list enabled, enable/disable, delete."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from faceplate_db.data.engine import Database, run
from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import _input
from faceplate_db.data.tables import mcp_configs
from faceplate_db.errors import NotFound


async def upsert_config(
    db: Database, user_id: uuid.UUID, name: str, config: dict[str, Any], enabled: bool = True
) -> Row:
    values = {
        "id": new_id(),
        "user_id": user_id,
        "name": _input.text("name", name),
        "config": _input.json_value("config", config, dict),
        "enabled": bool(enabled),
    }
    statement = insert(mcp_configs).values(values)
    statement = statement.on_conflict_do_update(
        constraint="mcp_configs_user_name_key",
        set_={"config": statement.excluded.config, "enabled": statement.excluded.enabled},
    ).returning(*mcp_configs.c)

    async def operation(conn: AsyncConnection) -> Row:
        return (await conn.execute(statement)).one()

    return await run(db, operation)


async def list_enabled_configs(db: Database, user_id: uuid.UUID) -> list[Row]:
    query = (
        select(mcp_configs)
        .where(mcp_configs.c.user_id == user_id, mcp_configs.c.enabled)
        .order_by(mcp_configs.c.name)
    )

    async def operation(conn: AsyncConnection) -> list[Row]:
        return list(await conn.execute(query))

    return await run(db, operation)


async def set_config_enabled(db: Database, user_id: uuid.UUID, name: str, enabled: bool) -> Row:
    statement = (
        update(mcp_configs)
        .where(mcp_configs.c.user_id == user_id, mcp_configs.c.name == name)
        .values(enabled=bool(enabled))
        .returning(*mcp_configs.c)
    )

    async def operation(conn: AsyncConnection) -> Row:
        row = (await conn.execute(statement)).first()
        if row is None:
            raise NotFound("mcp config", name)
        return row

    return await run(db, operation)


async def delete_config(db: Database, user_id: uuid.UUID, name: str) -> bool:
    statement = delete(mcp_configs).where(
        mcp_configs.c.user_id == user_id, mcp_configs.c.name == name
    )

    async def operation(conn: AsyncConnection) -> bool:
        return (await conn.execute(statement)).rowcount == 1

    return await run(db, operation)
