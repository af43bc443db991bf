"""MCP server configurations: upsert by (user, name), list enabled, enable/disable, delete."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from faceplate_db.data.compiled import Compiled
from faceplate_db.data.engine import Database, run
from faceplate_db.data.ids import new_id
from faceplate_db.data.queries import _input
from faceplate_db.data.tables import mcp_configs
from faceplate_db.errors import NotFound

_owned = (mcp_configs.c.user_id == bindparam("user_id"), mcp_configs.c.name == bindparam("name"))
_insert = insert(mcp_configs).values(
    id=bindparam("id"),
    user_id=bindparam("user_id"),
    name=bindparam("name"),
    config=bindparam("config", type_=mcp_configs.c.config.type),
    enabled=bindparam("enabled"),
)
_UPSERT = Compiled(
    _insert.on_conflict_do_update(
        constraint="mcp_configs_user_name_key",
        set_={"config": _insert.excluded.config, "enabled": _insert.excluded.enabled},
    ).returning(*mcp_configs.c)
)
_ENABLED = Compiled(
    select(mcp_configs)
    .where(mcp_configs.c.user_id == bindparam("user_id"), mcp_configs.c.enabled)
    .order_by(mcp_configs.c.name)
)
_SET_ENABLED = Compiled(
    update(mcp_configs)
    .where(*_owned)
    .values(enabled=bindparam("enabled"))
    .returning(*mcp_configs.c)
)
_DELETE = Compiled(delete(mcp_configs).where(*_owned))


async def upsert_config(
    db: Database, user_id: uuid.UUID, name: str, config: dict[str, Any], enabled: bool = True
) -> Any:
    values = {
        "id": new_id(),
        "user_id": user_id,
        "name": _input.text("name", name),
        "config": _input.json_value("config", config, dict),
        "enabled": bool(enabled),
    }

    async def operation(conn: AsyncConnection) -> Any:
        return await _UPSERT.first(conn, **values)

    return await run(db, operation)


async def list_enabled_configs(db: Database, user_id: uuid.UUID) -> list[Any]:
    async def operation(conn: AsyncConnection) -> list[Any]:
        return await _ENABLED.fetch(conn, user_id=user_id)

    return await run(db, operation)


async def set_config_enabled(db: Database, user_id: uuid.UUID, name: str, enabled: bool) -> Any:
    async def operation(conn: AsyncConnection) -> Any:
        row = await _SET_ENABLED.first(conn, user_id=user_id, name=name, enabled=bool(enabled))
        if row is None:
            raise NotFound("mcp config", name)
        return row

    return await run(db, operation)


async def delete_config(db: Database, user_id: uuid.UUID, name: str) -> bool:
    async def operation(conn: AsyncConnection) -> bool:
        return await _DELETE.rowcount(conn, user_id=user_id, name=name) == 1

    return await run(db, operation)
