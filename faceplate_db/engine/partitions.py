"""Partitioned tables and inheritance, where migra's statements fail or fall short (see
PartitionFixes), and tables joining or leaving a parent.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace

from faceplate_db.engine.catalog import NotNull
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import qualified_name


def _partition_column(column, parents_not_null: NotNull | None) -> str:
    """A new partition's column, as it is created before it is attached: an identity column
    is the partitioned table's (PostgreSQL 17+), which the partition takes on when attached
    and may not bring along; its NOT NULL is named as the parent's (18), as PARTITION OF
    names it."""
    if not column.is_identity and parents_not_null is None:
        return column.creation_clause
    partitions = copy.copy(column)
    partitions.is_identity = False
    if parents_not_null is not None:
        partitions.not_null_constraint = replace(
            parents_not_null, user_named=True, validated=True, no_inherit=False
        )
    return partitions.creation_clause


class PartitionFixes:
    """What migra gets wrong on partitioned tables:
    - a PRIMARY KEY / UNIQUE on a partitioned table cannot be added USING INDEX: it is added
      with its definition (which creates the partitions' constraints too), and the
      partitions' matching constraints and indexes are not created (or dropped) separately;
    - an index created ON ONLY the partitioned table stays invalid: it is created on the whole
      tree, after the partitions' own indexes, which it then attaches;
    - a partition whose bounds change is detached and attached again with its new bounds;
    - a new partition of an existing partitioned table is created the way pg_dump creates one:
      as a table of its own (without the parent's identity, 17+), with its indexes and
      constraints under the target's names, then attached (CREATE TABLE ... PARTITION OF would make them itself, under names of its own,
      and migra's then collide or double them);
    - a partition that goes takes its constraints and indexes along: those PostgreSQL made
      from its parent's cannot be dropped on their own."""

    def __init__(self, old: Snapshot, new: Snapshot) -> None:
        self.skip: set[str] = set()
        self.replace: dict[str, str] = {}
        self.late_indexes: list[str] = []
        self.detach: list[str] = []
        self.attach: list[str] = []
        self.tables: dict[str, str] = {}  # migra's CREATE TABLE -> the partition's own
        self.attach_new: list[str] = []
        self._constraints(new, old.inspector.constraints, creating=True)
        self._constraints(old, new.inspector.constraints, creating=False)
        self._indexes(old, new)
        self._bounds(old, new)
        self._new_partitions(old, new)
        self._dropped_partitions(old, new)

    @staticmethod
    def _is_partition(table) -> bool:
        """A partition (itself partitioned, too: then schemainspect's partition_def holds its
        bounds, and its own key is in `partition_key`)."""
        if table.is_partitioned:
            return getattr(table, "partition_key", None) is not None
        return bool(table.parent_table and table.partition_def) and not (
            table.is_inheritance_child_table
        )

    def _new_partitions(self, old: Snapshot, new: Snapshot) -> None:
        for key, table in new.inspector.tables.items():
            if key in old.inspector.tables or not self._is_partition(table):
                continue
            key_clause = getattr(table, "partition_key", None)
            subpartitioned = f" partition by {key_clause}" if key_clause else ""
            parent = old.inspector.tables.get(table.parent_table or "")
            if parent is None or not parent.is_partitioned:
                if subpartitioned:
                    # schemainspect writes its bounds as its key.
                    self.tables[table.create_statement] = (
                        f"create {table.persistence_modifier}table {key} partition of "
                        f"{table.parent_table} {table.partition_def}{subpartitioned};"
                    )
                continue
            columns = ", ".join(
                _partition_column(c, new.not_nulls.get((table.parent_table, name)))
                for name, c in table.columns.items()
            )
            self.tables[table.create_statement] = (
                f"create {table.persistence_modifier}table {key} ({columns}){subpartitioned};"
            )
            self.attach_new.append(
                f"alter table {table.parent_table} attach partition {key} {table.partition_def};"
            )

    def _dropped_partitions(self, old: Snapshot, new: Snapshot) -> None:
        dropped = {
            key
            for key, table in old.inspector.tables.items()
            if key not in new.inspector.tables and self._is_partition(table)
        }
        for constraint in old.inspector.constraints.values():
            if (
                constraint.quoted_full_table_name in dropped
                and constraint.constraint_type != "FOREIGN KEY"
            ):
                self.skip.add(constraint.drop_statement)
        for index in old.inspector.indexes.values():
            if qualified_name(index.schema, index.table_name) in dropped:
                self.skip.add(index.drop_statement)

    @staticmethod
    def _partitions(snap: Snapshot, parent: str) -> list[str]:
        return [k for k, t in snap.inspector.tables.items() if t.parent_table == parent]

    def _constraints(self, snap: Snapshot, other: dict, creating: bool) -> None:
        tables = snap.inspector.tables
        for key, constraint in snap.inspector.constraints.items():
            if key in other and other[key] == constraint:
                continue
            table = tables.get(constraint.quoted_full_table_name)
            if table is None or not table.is_partitioned or not constraint.index:
                continue
            index_key = f'"{constraint.schema}"."{constraint.name}"'
            if creating:
                self.replace[constraint.create_statement] = (
                    f"alter table {constraint.quoted_full_table_name} add constraint "
                    f"{constraint.quoted_name} {constraint.definition};"
                )
                if index_key in snap.inspector.indexes:
                    self.skip.add(snap.inspector.indexes[index_key].create_statement)
            for child in self._partitions(snap, constraint.quoted_full_table_name):
                for other_key, child_constraint in snap.inspector.constraints.items():
                    if (
                        child_constraint.quoted_full_table_name == child
                        and child_constraint.constraint_type == constraint.constraint_type
                        and child_constraint.definition == constraint.definition
                        and (other_key not in other or other[other_key] != child_constraint)
                    ):
                        self.skip.add(
                            child_constraint.create_statement
                            if creating
                            else child_constraint.drop_statement
                        )
                        child_index = f'"{child_constraint.schema}"."{child_constraint.name}"'
                        if creating and child_index in snap.inspector.indexes:
                            self.skip.add(snap.inspector.indexes[child_index].create_statement)

    def _indexes(self, old: Snapshot, new: Snapshot) -> None:
        for key, index in new.inspector.indexes.items():
            if key in old.inspector.indexes and old.inspector.indexes[key] == index:
                continue
            table = new.inspector.tables.get(f'"{index.schema}"."{index.table_name}"')
            if table is None or not table.is_partitioned or index.constraint is not None:
                continue
            statement = index.create_statement
            if statement in self.skip:
                continue
            self.skip.add(statement)
            self.late_indexes.append(re.sub(r" ON ONLY ", " ON ", statement, count=1))

    def _bounds(self, old: Snapshot, new: Snapshot) -> None:
        for key, table in new.inspector.tables.items():
            before = old.inspector.tables.get(key)
            if (
                before is not None
                and table.parent_table
                and before.parent_table == table.parent_table
                and not table.is_inheritance_child_table
                and before.partition_def != table.partition_def
            ):
                self.detach.append(f"alter table {table.parent_table} detach partition {key};")
                self.attach.append(
                    f"alter table {table.parent_table} attach partition {key} {table.partition_def};"
                )
        # The partitions going from those parents leave first: their bounds may overlap the
        # new ones (4 hash partitions becoming 2); they are dropped later, detached.
        rebounded = {sql.split(" detach partition ")[0] for sql in self.detach}
        for key, table in old.inspector.tables.items():
            if (
                key not in new.inspector.tables
                and self._is_partition(table)
                and f"alter table {table.parent_table}" in rebounded
            ):
                self.detach.append(f"alter table {table.parent_table} detach partition {key};")

    def apply(self, statements: list[str]) -> list[str]:
        return [self.replace.get(sql, sql) for sql in statements if sql not in self.skip]


def inherited_column_statements(old: Snapshot, new: Snapshot) -> set[str]:
    """migra adds and drops inherited columns on child tables too, which PostgreSQL already
    does through the parent: the statements to leave out."""
    skipped = set()
    for key, table in new.inspector.tables.items():
        before = old.inspector.tables.get(key)
        if before is None:
            continue
        joins = table.parent_table and table.parent_table != before.parent_table
        leaves = before.parent_table and table.parent_table != before.parent_table
        for name, column in table.columns.items():
            # A table joining a parent needs the parent's columns before it can attach.
            if column.is_inherited and name not in before.columns and not joins:
                skipped.add(table.alter_table_statement(column.add_column_clause))
        for name, column in before.columns.items():
            if column.is_inherited and name not in table.columns:
                skipped.add(table.alter_table_statement(column.drop_column_clause))
            after = table.columns.get(name)
            if after is None:
                continue
            if (after.is_inherited and not column.is_inherited) or (
                leaves and column.is_inherited and not after.is_inherited
            ):
                # The parent gains the column (PostgreSQL merges the child's own into it), or
                # the table leaves its parent (the inherited column stays, as its own).
                skipped.add(table.alter_table_statement(column.drop_column_clause))
                skipped.add(table.alter_table_statement(after.add_column_clause))
    return skipped


def with_partition_spec(snap: Snapshot) -> None:
    """schemainspect's ATTACH PARTITION reads an attribute it never sets."""
    for table in snap.inspector.tables.values():
        if not hasattr(table, "partition_spec"):
            table.partition_spec = table.partition_def


_QUOTED_TABLE = re.compile(r'"(?:[^"]|"")+"\."(?:[^"]|"")+"')


def _split(parent_table: str | None) -> list[str]:
    """The parents in schemainspect's parent_table ('"s"."a", "s"."b"' for several)."""
    return _QUOTED_TABLE.findall(parent_table or "")


def _parent_statements(key: str, table, kept: set[str], partition_sql: str, verb: str) -> list:
    """The one statement for a partition, or INHERIT / NO INHERIT for each parent not kept."""
    if table.partition_def and not table.is_inheritance_child_table:
        return [partition_sql]
    return [f"alter table {key} {verb} {p};" for p in _split(table.parent_table) if p not in kept]


def parent_changes(old: Snapshot, new: Snapshot) -> tuple[dict[str, list[str]], list[str]]:
    """Correct statements for tables leaving a parent, keyed by the statement schemainspect
    writes, and for tables joining one, to run after the tables' columns change (so the child
    matches its parent); schemainspect's ATTACH names parent and child the wrong way round,
    its INHERIT / NO INHERIT lack a semicolon, and a table may inherit from several."""
    fixes: dict[str, list[str]] = {}
    joins: list[str] = []
    for key, table in new.inspector.tables.items():
        before = old.inspector.tables.get(key)
        if before is None or before.parent_table == table.parent_table:
            continue
        if before.is_partitioned != table.is_partitioned:
            continue  # migra drops and creates the table
        kept = set(_split(before.parent_table)) & set(_split(table.parent_table))
        if before.parent_table:
            fixes[before.detach_statement] = _parent_statements(
                key,
                before,
                kept,
                f"alter table {before.parent_table} detach partition {key};",
                "no inherit",
            )
        if table.parent_table:
            fixes[table.attach_statement] = []
            if not table.is_alterable:
                # migra leaves a partition's columns alone; one joining must match the parent.
                joins += [
                    f"alter table {key} {c.drop_column_clause};"
                    for name, c in before.columns.items()
                    if name not in table.columns
                ]
                joins += [
                    f"alter table {key} {c.add_column_clause};"
                    for name, c in table.columns.items()
                    if name not in before.columns
                ]
            joins += _parent_statements(
                key,
                table,
                kept,
                f"alter table {table.parent_table} attach partition {key} {table.partition_def};",
                "inherit",
            )
    return fixes, joins


def parent_indexes_first(old: Snapshot, statements: list[str]) -> list[str]:
    """Index drops on partitioned tables before those on their partitions: dropping the
    parent's index drops the partitions' (migra's drops are IF EXISTS)."""
    partitioned = {
        index.drop_statement
        for index in old.inspector.indexes.values()
        if getattr(
            old.inspector.tables.get(f'"{index.schema}"."{index.table_name}"'),
            "is_partitioned",
            False,
        )
    }
    return sorted(statements, key=lambda sql: sql not in partitioned)
