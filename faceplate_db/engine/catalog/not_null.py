"""NOT NULL constraints as rows of pg_constraint (contype 'n'): PostgreSQL 18 keeps one per
NOT NULL column, 17 one per NOT NULL domain. Older majors keep only a flag (attnotnull,
typnotnull), which schemainspect and types.py read on every major; this module reads what the
rows add: a name the user chose, and NOT VALID (18).

A name PostgreSQL chose is bookkeeping, not schema: it is `<table>_<column>_not_null` (or
`<domain>_not_null`), truncated to 63 bytes and numbered when taken, as it was when the
constraint was made; a table or column renamed since keeps the old one. So any name of the
form `..._not_null[N]` is taken for PostgreSQL's, and only another name is the user's: it is
kept, diffed and fingerprinted, while PostgreSQL's are left out, so a schema has the same
fingerprint on every major.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

# SQL: whether the constraint k's name is one the user chose (see the docstring).
USER_CHOSEN_NAME = r"k.conname !~ '_not_null[0-9]*$'"

# The NOT NULL constraints of the managed tables, PostgreSQL-named too (a rename needs the
# name it replaces). Those a table only inherits (from a parent or a partitioned table) are
# left out: they come and go with the parent's, under its name.
_NOT_NULL_QUERY = f"""
SELECT format('"%s"."%s"', replace(n.nspname, '"', '""'), replace(c.relname, '"', '""')) AS table_key,
       a.attname AS column_name, k.conname AS name, {USER_CHOSEN_NAME} AS user_named,
       k.convalidated AS validated, k.connoinherit AS no_inherit
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
WHERE k.contype = 'n' AND n.nspname = ANY(:schemas) AND k.conislocal
"""


@dataclass(frozen=True)
class NotNull:
    """One column's NOT NULL constraint, as a row of pg_constraint."""

    name: str  # its name, PostgreSQL's or the user's
    user_named: bool  # whether the name is the user's, so part of the schema
    validated: bool  # False: NOT VALID (rows already there may hold NULL)
    no_inherit: bool  # NO INHERIT: children do not get it

    @property
    def described(self) -> str:
        """What the user wrote beyond NOT NULL itself ('' when nothing): what the fingerprint
        and the diff compare."""
        facts = (
            f"constraint {self.name}" if self.user_named else "",
            "" if self.validated else "not valid",
            "no inherit" if self.no_inherit else "",
        )
        return " ".join(fact for fact in facts if fact)


def read(conn: Connection, params: dict) -> dict:
    return {
        "not_nulls": {
            (row.table_key, row.column_name): NotNull(
                row.name, row.user_named, row.validated, row.no_inherit
            )
            for row in conn.execute(text(_NOT_NULL_QUERY), params)
        }
    }
