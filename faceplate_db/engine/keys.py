"""Primary keys, unique constraints and the foreign keys that depend on them, where migra's
statements fail:

  dependants    a key or unique index that is dropped and created again (renamed, its
                columns or options changed) has foreign keys depending on it, which PostgreSQL
                will not let it drop from under them: they are dropped first, and created
                again after the new key exists
  its index     dropping a constraint drops its index: where the target keeps that index on
                its own, it is created again
  partitioned   PostgreSQL 15 and 16 refuse NOT VALID for a foreign key on a partitioned
                table, and leave some unvalidated when it references one: those are added valid

Each function adjusts the `old` snapshot as diff.py's steps do, so migra sees the result.
"""

from __future__ import annotations

import re

from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import unquote_name


def _dropped(old: dict, new: dict) -> set[str]:
    return {key for key, item in old.items() if key not in new or new[key] != item}


def _constraint_index_key(constraint) -> str | None:
    return constraint.index.quoted_full_name if constraint.index is not None else None


def indexes_kept_without_their_constraint(old: Snapshot, new: Snapshot) -> None:
    """An index whose constraint goes but which the target keeps (a UNIQUE constraint turned
    into a unique index, or a constraint changed that keeps the index's definition) goes with
    the constraint: it is forgotten in `old`, so migra creates it again."""
    for key in _dropped(old.inspector.constraints, new.inspector.constraints):
        index = _constraint_index_key(old.inspector.constraints[key])
        if index in new.inspector.indexes and index in old.inspector.indexes:
            del old.inspector.indexes[index]


def foreign_keys_on_recreated_keys(old: Snapshot, new: Snapshot) -> list[str]:
    """Drops of the foreign keys whose referenced key is dropped while they stay; they are
    forgotten in `old`, so migra adds them again after the keys."""
    recreated = _dropped(old.inspector.indexes, new.inspector.indexes)
    for key in _dropped(old.inspector.constraints, new.inspector.constraints):
        if index := _constraint_index_key(old.inspector.constraints[key]):
            recreated.add(index)
    drops = []
    for key, foreign_key in sorted(old.foreign_keys.items()):
        constraint = old.inspector.constraints.get(key)
        if (
            constraint is not None
            and foreign_key.index_key in recreated
            and key in new.inspector.constraints
            and new.inspector.constraints[key] == constraint
        ):
            drops.append(constraint.drop_statement)
            del old.inspector.constraints[key]
    return drops


_NOT_VALID_FOREIGN_KEY = re.compile(
    r"^(alter table (.+?) add constraint (.+?) FOREIGN KEY \(.*?\) REFERENCES (.+?)\(.*) not valid;$",
    re.DOTALL,
)


def valid_foreign_keys_on_partitioned_tables(new: Snapshot, statements: list[str]) -> list[str]:
    """Also those referencing a partitioned table: validating the key leaves the copies
    PostgreSQL made for the referenced partitions unvalidated."""
    partitioned = {
        unquote_name(key) for key, table in new.inspector.tables.items() if table.is_partitioned
    }
    out: list[str] = []
    validations: set[str] = set()
    for sql in statements:
        match = _NOT_VALID_FOREIGN_KEY.match(sql)
        if match and partitioned & {unquote_name(match.group(2)), unquote_name(match.group(4))}:
            out.append(match.group(1) + ";")
            validations.add(f"alter table {match.group(2)} validate constraint {match.group(3)};")
        elif sql not in validations:
            out.append(sql)
    return out
