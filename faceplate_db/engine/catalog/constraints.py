"""What PostgreSQL 18 added to table constraints, which schemainspect does not read: NOT
ENFORCED (conenforced) and temporal keys (conperiod: PRIMARY KEY / UNIQUE ... WITHOUT OVERLAPS,
FOREIGN KEY ... PERIOD). The columns exist only from 18 on, so older servers are not asked. And
constraints of a kind the engine does not know, so the diff can refuse them by name.

Keys as schemainspect spells constraint keys ('"schema"."table"."name"')."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from faceplate_db.engine.capabilities import Capabilities

_CONSTRAINT_KEY = """format('"%s"."%s"."%s"', replace(n.nspname, '"', '""'),
              replace(c.relname, '"', '""'), replace(k.conname, '"', '""'))"""

_FROM_MANAGED_TABLES = """
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas)"""

_NOT_ENFORCED_QUERY = f"SELECT {_CONSTRAINT_KEY} {_FROM_MANAGED_TABLES} AND NOT k.conenforced"

_TEMPORAL_QUERY = f"SELECT {_CONSTRAINT_KEY} {_FROM_MANAGED_TABLES} AND k.conperiod"


# Constraints of a kind the engine does not read (anything but CHECK, FOREIGN KEY, PRIMARY KEY,
# UNIQUE, EXCLUDE, constraint triggers and NOT NULL): a kind a later major adds.
_UNFAMILIAR_QUERY = f"""
SELECT {_CONSTRAINT_KEY}, k.contype::text, pg_get_constraintdef(k.oid)
{_FROM_MANAGED_TABLES} AND k.contype NOT IN ('c', 'f', 'p', 'u', 'x', 't', 'n')
"""


def _keys(conn: Connection, query: str, params: dict) -> frozenset[str]:
    return frozenset(row[0] for row in conn.execute(text(query), params))


def read(conn: Connection, params: dict, capabilities: Capabilities) -> dict:
    return {
        "unfamiliar_constraints": {
            key: (kind, definition)
            for key, kind, definition in conn.execute(text(_UNFAMILIAR_QUERY), params)
        },
        "not_enforced": (
            _keys(conn, _NOT_ENFORCED_QUERY, params)
            if capabilities.constraint_enforceability
            else frozenset()
        ),
        "temporal_constraints": (
            _keys(conn, _TEMPORAL_QUERY, params) if capabilities.temporal_keys else frozenset()
        ),
    }
