"""Core statements compiled once and run on the pooled connection's asyncpg driver.

Why: the bench (loadtest/bench/pool_bench.py) found the data layer at 0.2-0.3x a raw asyncpg
pool, and the time was Python work per execution in SQLAlchemy (cache-key generation,
parameter processing, result and Row construction, greenlet switches), not the database: both
made the same two round trips per request. The SQL still comes from the Core tables; only the
execution skips SQLAlchemy's per-call machinery. Pool checkout (fair wait, pre-ping,
statistics, retry) stays SQLAlchemy's.

Inside a caller's transaction the same SQL goes through SQLAlchemy's connection instead
(exec_driver_sql), so it joins that transaction exactly as SQLAlchemy began it.
"""

from __future__ import annotations

import json
from typing import Any

import asyncpg
from sqlalchemy import JSON
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ClauseElement

_DIALECT = asyncpg_dialect.dialect()


class Row(asyncpg.Record):
    """An asyncpg record that also reads columns as attributes, like SQLAlchemy's Row."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


async def _driver(conn: AsyncConnection) -> asyncpg.Connection:
    """The asyncpg connection under a pooled connection. Read directly when the connection is
    valid: get_raw_connection() would spend a greenlet switch to return the same object (3 % of
    a chat request's CPU, valgrind's count); an invalidated one needs it, to reconnect."""
    if conn.invalidated:
        return (await conn.get_raw_connection()).driver_connection
    return conn.sync_connection.connection.driver_connection


class Compiled:
    """A statement with named bind parameters, compiled for asyncpg once."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        compiled = statement.compile(dialect=_DIALECT)
        self.sql = compiled.string
        self.parameters = tuple(compiled.positiontup or ())
        self._json = frozenset(
            name for name, bind in compiled.binds.items() if isinstance(bind.type, JSON)
        )

    def _arguments(self, values: dict[str, Any]) -> list[Any]:
        return [
            json.dumps(values[name])
            if name in self._json and values[name] is not None
            else values[name]
            for name in self.parameters
        ]

    async def fetch(self, conn: AsyncConnection, **values: Any) -> list[Any]:
        if conn.in_transaction():
            return list(await conn.exec_driver_sql(self.sql, tuple(self._arguments(values))))
        driver = await _driver(conn)
        return await driver.fetch(self.sql, *self._arguments(values), record_class=Row)

    async def first(self, conn: AsyncConnection, **values: Any) -> Any | None:
        rows = await self.fetch(conn, **values)
        return rows[0] if rows else None

    async def rowcount(self, conn: AsyncConnection, **values: Any) -> int:
        if conn.in_transaction():
            result = await conn.exec_driver_sql(self.sql, tuple(self._arguments(values)))
            return result.rowcount
        driver = await _driver(conn)
        status = await driver.execute(self.sql, *self._arguments(values))
        return int(status.rsplit(" ", 1)[-1])
