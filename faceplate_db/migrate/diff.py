"""The diff engine: the statements that turn one database's managed schemas into another's.

migra (frozen upstream) computes most statements and is used only here, so the engine can be
swapped. Around it, this module adds what migra does not do, and repairs what it gets wrong
(each found by the roundtrip tests in tests/roundtrip/):

  scope        several managed schemas in one pass: each database is inspected once and
               narrowed to them; nothing elsewhere is read into the diff, altered or dropped
  extensions   the ones the target needs are created (in its schema), never dropped
  enums        values only added: ALTER TYPE ... ADD VALUE (unless a new value is used in the
               same migration); otherwise migra's rename/recreate, with the functions, checks,
               indexes and removed columns that use the enum moved out of its way (#243)
  ordering     new functions and composite types before the tables using them; functions
               called by column defaults and composite types dropped after; partitions and
               inheritance children dropped before their parent; DROP IDENTITY before a new
               default
  partitions   keys added with their definition, indexes on the whole tree, bound changes,
               ATTACH written the right way round, columns of a joining partition
  not in migra domains, sequence options, storage parameters, FORCE ROW LEVEL SECURITY,
               NOT VALID constraints, stored generated expression changes, comments (#69,
               comments.py), grants to PUBLIC

`diff_snapshots` adjusts the `old` snapshot in place as it goes (so migra skips what was
handled here): fingerprint a snapshot before diffing it.
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from migra import Migration

from faceplate_db.config import Settings
from faceplate_db.migrate import scratch
from faceplate_db.migrate.catalog import Domain
from faceplate_db.migrate.comments import comment_changes, recreated_names
from faceplate_db.migrate.hazards import Context, classify
from faceplate_db.migrate.inspect import Snapshot, fingerprint, snapshot
from faceplate_db.migrate.names import quote_identifier, string_literal, unquote_name
from faceplate_db.migrate.plan import DiffResult, Statement
from faceplate_db.migrate.sequences import (
    identity_changes,
    sequence_option_changes,
    serial_identity_swaps,
)


def _changed_definitions(old: Snapshot, new: Snapshot) -> list[str]:
    """Definitions of objects new has and old lacks or defines differently."""
    texts = []
    for collection in ("selectables", "constraints", "indexes", "rlspolicies", "triggers"):
        before = getattr(old.inspector, collection)
        for key, obj in getattr(new.inspector, collection).items():
            if key not in before or before[key] != obj:
                texts.append(obj.create_statement)
    texts += [d.create_statement for k, d in new.domains.items() if old.domains.get(k) != d]
    return texts


def _enum_create(enum) -> str:
    """schemainspect's CREATE TYPE ... AS ENUM does not escape quotes in values."""
    values = ", ".join(string_literal(value) for value in enum.elements)
    return f"create type {enum.quoted_full_name} as enum ({values});"


def _add_values(current, target) -> list[str]:
    statements = []
    previous = None
    for value in target.elements:
        if value not in current.elements:
            where = (
                f"after {string_literal(previous)}"
                if previous
                else f"before {string_literal(current.elements[0])}"
            )
            statements.append(
                f"alter type {current.quoted_full_name} add value {string_literal(value)} {where};"
            )
        previous = value
    return statements


def _composite_alterations(old: Snapshot, new: Snapshot) -> list[str]:
    """Composite types whose attributes change are altered in place (migra drops and creates
    them, which fails while a column uses them); `old` then holds the target's definition."""
    statements = []
    for key, target in new.inspector.selectables.items():
        current = old.inspector.selectables.get(key)
        if current is None or target.relationtype != "c" or current.relationtype != "c":
            continue
        if current == target:
            continue
        name = f"alter type {key}"
        for column, info in current.columns.items():
            if column not in target.columns:
                statements.append(f"{name} drop attribute {info.quoted_name};")
        for column, info in target.columns.items():
            before = current.columns.get(column)
            if before is None:
                statements.append(f"{name} add attribute {info.quoted_name} {info.dbtypestr};")
            elif before.dbtypestr != info.dbtypestr:
                statements.append(
                    f"{name} alter attribute {info.quoted_name} type {info.dbtypestr};"
                )
        old.inspector.selectables[key] = target
    return statements


def _enum_additions(old: Snapshot, new: Snapshot) -> list[str]:
    """ADD VALUE statements for enums whose change is only new values, unless a new or changed
    object uses a new value (PostgreSQL refuses a value added in the same transaction); those
    enums are then made equal in `old` so migra leaves them (and their columns) alone. Other
    changed enums are recreated by migra (rename, create, recast columns, drop), which rewrites
    the tables using them."""
    statements: list[str] = []
    changed = None
    for key, target in new.inspector.enums.items():
        current = old.inspector.enums.get(key)
        if current is None or current.elements == target.elements:
            continue
        if not current.can_be_changed_to(target):
            continue
        if changed is None:
            changed = _changed_definitions(old, new)
        added = [value for value in target.elements if value not in current.elements]
        literals = ["'" + value.replace("'", "''") + "'" for value in added]
        if any(literal in text for literal in literals for text in changed):
            continue
        statements += _add_values(current, target)
        current.elements = list(target.elements)
    return statements


def _recreated_enums(old: Snapshot, new: Snapshot) -> list[str]:
    """Enums migra recreates (run after _enum_additions: only those still differ)."""
    return [
        key
        for key, target in new.inspector.enums.items()
        if key in old.inspector.enums and old.inspector.enums[key].elements != target.elements
    ]


def _tables_using(snap: Snapshot, enums: list[str]) -> set[str]:
    return {
        key
        for key, table in snap.inspector.tables.items()
        if any(
            c.is_enum and c.enum and c.enum.quoted_full_name in enums
            for c in table.columns.values()
        )
    }


def _dependents_of_recreated_enums(old: Snapshot, new: Snapshot) -> list[str]:
    """Checks and indexes on tables with a column of a recreated enum are dropped before and
    created after (their expressions would compare the new type with the renamed old one)."""
    enums = _recreated_enums(old, new)
    if not enums:
        return []
    tables = _tables_using(old, enums)
    statements = []
    for key, constraint in list(old.inspector.constraints.items()):
        table = f'"{constraint.schema}"."{constraint.table_name}"'
        if (
            constraint.constraint_type == "CHECK"
            and table in tables
            and key in new.inspector.constraints
        ):
            statements.append(constraint.drop_statement)
            del old.inspector.constraints[key]
    for key, index in list(old.inspector.indexes.items()):
        table = f'"{index.schema}"."{index.table_name}"'
        if index.constraint is None and table in tables and key in new.inspector.indexes:
            statements.append(index.drop_statement)
            del old.inspector.indexes[key]
    # Columns of the enum that go away are dropped now: migra drops them only after dropping
    # the renamed old type, which they still use.
    for key in tables:
        table, target = old.inspector.tables[key], new.inspector.tables.get(key)
        if target is None:
            continue
        for name, column in list(table.columns.items()):
            if (
                name not in target.columns
                and column.is_enum
                and column.enum.quoted_full_name in enums
            ):
                statements.append(table.alter_table_statement(column.drop_column_clause))
                del table.columns[name]
    return statements


def _generated_expression_changes(old: Snapshot, new: Snapshot) -> list[str]:
    """A stored generated column whose expression changes is dropped and added again
    (migra emits SET DEFAULT, which PostgreSQL refuses for generated columns)."""
    statements = []
    for key, table in new.inspector.tables.items():
        before = old.inspector.tables.get(key)
        if before is None:
            continue
        for name, column in table.columns.items():
            previous = before.columns.get(name)
            if (
                previous is not None
                and column.is_generated
                and previous.is_generated
                and not column.is_inherited
                and column.default != previous.default
            ):
                statements.append(before.alter_table_statement(previous.drop_column_clause))
                del before.columns[name]
    return statements


class _PartitionFixes:
    """What migra gets wrong on partitioned tables:
    - a PRIMARY KEY / UNIQUE on a partitioned table cannot be added USING INDEX: it is added
      with its definition (which creates the partitions' constraints too), and the
      partitions' matching constraints and indexes are not created (or dropped) separately;
    - an index created ON ONLY the partitioned table stays invalid: it is created on the whole
      tree, after the partitions' own indexes, which it then attaches;
    - a partition whose bounds change is detached and attached again with its new bounds."""

    def __init__(self, old: Snapshot, new: Snapshot) -> None:
        self.skip: set[str] = set()
        self.replace: dict[str, str] = {}
        self.late_indexes: list[str] = []
        self.detach: list[str] = []
        self.attach: list[str] = []
        self._constraints(new, old.inspector.constraints, creating=True)
        self._constraints(old, new.inspector.constraints, creating=False)
        self._indexes(old, new)
        self._bounds(old, new)

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

    def apply(self, statements: list[str]) -> list[str]:
        return [self.replace.get(sql, sql) for sql in statements if sql not in self.skip]


def _children_dropped_first(old: Snapshot, new: Snapshot, statements: list[str]) -> list[str]:
    """Removed partitions and inheritance children are dropped before their removed parent
    (migra drops by name order: a parent first takes its partitions with it, and refuses to
    go while inheritance children remain)."""
    children = {
        table.drop_statement
        for key, table in old.inspector.tables.items()
        if table.parent_table and key not in new.inspector.tables
    }
    return sorted(statements, key=lambda sql: sql not in children)


def _enum_default_fixes(old: Snapshot, new: Snapshot) -> dict[str, str]:
    """Repairs to migra's recast of enum columns: it leaves the column name unquoted, and sets
    the old default back after the recast, which fails when the default's value was removed
    (the target's default is set instead)."""
    enums = _recreated_enums(old, new)
    fixes = {}
    for key in _tables_using(old, enums):
        table = new.inspector.tables.get(key)
        if table is None:
            continue
        for name, before in old.inspector.tables[key].columns.items():
            after = table.columns.get(name)
            if after is None or not (before.is_enum and after.is_enum):
                continue
            if after.enum is not None:
                # migra leaves the column name unquoted in the recast.
                enum = after.enum.quoted_full_name
                fixes[after.change_enum_statement(table.quoted_full_name)] = (
                    f"alter table {table.quoted_full_name} alter column {after.quoted_name} "
                    f"type {enum} using {after.quoted_name}::text::{enum};"
                )
            if not before.default:
                continue
            fixes[before.add_default_statement(table.quoted_full_name)] = (
                after.add_default_statement(table.quoted_full_name)
                if after.default
                else after.drop_default_statement(table.quoted_full_name)
            )
    return fixes


def _enum_value_losses(old: Snapshot, new: Snapshot, statements: list[str]) -> dict[str, tuple]:
    """The statements that recast columns to an enum that lost values, with those values."""
    losses: dict[str, tuple] = {}
    for key, target in new.inspector.enums.items():
        current = old.inspector.enums.get(key)
        if current is None:
            continue
        lost = tuple(value for value in current.elements if value not in target.elements)
        if not lost:
            continue
        for sql in statements:
            lowered = sql.lower()
            if "alter column" in lowered and f"::text::{key.lower()}" in lowered:
                losses[sql] = lost
    return losses


def _early_selectables(old: Snapshot, new: Snapshot) -> list[str]:
    """New functions and composite types that depend on no new relation, created before the
    tables (whose columns, defaults and checks may use them; migra creates them after tables).
    They are then recorded in `old` so migra does not create them again."""
    old_selectables = old.inspector.selectables
    new_selectables = new.inspector.selectables
    added = {key for key in new_selectables if key not in old_selectables}
    statements: list[str] = []
    early: set[str] = set()
    candidates = sorted(key for key in added if new_selectables[key].relationtype in ("f", "c"))
    progress = True
    while progress:
        progress = False
        for key in candidates:
            selectable = new_selectables[key]
            if key in early or any(
                dep in added and dep not in early for dep in selectable.dependent_on
            ):
                continue
            statements.append(selectable.create_statement)
            early.add(key)
            progress = True
            old_selectables[key] = selectable
            if selectable.relationtype == "f":
                old.inspector.functions[key] = selectable
    if any(new_selectables[key].relationtype == "f" for key in early):
        statements.insert(0, "set check_function_bodies = off;")
    return statements


def _late_type_drops(old: Snapshot, new: Snapshot) -> list[str]:
    """Composite types that go away, dropped after the tables (whose columns may use them;
    migra drops them before). They are removed from `old` so migra does not drop them."""
    statements = []
    for key, selectable in list(old.inspector.selectables.items()):
        if selectable.relationtype == "c" and key not in new.inspector.selectables:
            statements.append(selectable.drop_statement)
            del old.inspector.selectables[key]
    return statements


def _late_function_drops(old: Snapshot, new: Snapshot) -> list[str]:
    """Functions that go away and that a column default or generated expression calls are
    dropped after the tables (migra drops functions before, while the columns still use them).
    They are removed from `old` so migra does not drop them."""
    defaults = [
        column.default
        for table in old.inspector.tables.values()
        for column in table.columns.values()
        if column.default
    ]
    statements = []
    for key, function in list(old.inspector.functions.items()):
        if key in new.inspector.selectables:
            continue
        called = f"{function.schema}.{function.name}(".lower()
        if any(called in default.lower().replace('"', "") for default in defaults):
            statements.append(function.drop_statement)
            del old.inspector.functions[key]
            old.inspector.selectables.pop(key, None)
    return statements


def _mentions(definition: str, quoted_full_name: str) -> bool:
    bare = quoted_full_name.replace('"', "").lower()
    text = definition.lower()
    return bare in text.replace('"', "")


def _functions_using_recreated_enums(old: Snapshot, new: Snapshot) -> list[str]:
    """Functions using an enum that migra recreates (values removed or reordered) are dropped
    first and created again after (migra issue #243): the old type cannot be dropped under
    them. Run after _enum_additions, so only recreated enums still differ."""
    recreated = _recreated_enums(old, new)
    statements = []
    for key, function in list(old.inspector.functions.items()):
        if key not in new.inspector.selectables:
            continue
        if any(_mentions(function.create_statement, enum) for enum in recreated):
            statements.append(function.drop_statement)
            del old.inspector.functions[key]
            del old.inspector.selectables[key]
    return statements


def _inherited_column_statements(old: Snapshot, new: Snapshot) -> set[str]:
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


def _identity_dropped_before_default(statements: list[str]) -> list[str]:
    """migra sets a column's new default before dropping its identity, which PostgreSQL
    refuses: the DROP IDENTITY goes first."""
    ordered = list(statements)
    for sql in statements:
        match = re.match(r"^(alter table .+ alter column .+?) drop identity;$", sql)
        if not match:
            continue
        prefix = match.group(1)
        for earlier, other in enumerate(ordered):
            if other.startswith(f"{prefix} set default ") and earlier < ordered.index(sql):
                ordered.remove(sql)
                ordered.insert(earlier, sql)
                break
    return ordered


_COLUMN_TYPE_CHANGE = re.compile(r"^(alter table .+ alter column .+?) set data type ")
_COLUMN_DEFAULT_CHANGE = re.compile(
    r"^(alter table .+ alter column .+?) (?:set default .+|drop default);$"
)


def _defaults_around_type_changes(statements: list[str]) -> list[str]:
    """migra sets a column's new default before changing its type, which fails when the new
    default does not fit the old type (enum -> text); changed the other way round, the old
    default would be cast to the new type and keep what it refers to. So a column whose type
    and default both change loses its default, changes type, then gets the new default."""
    retyped = {m.group(1) for sql in statements if (m := _COLUMN_TYPE_CHANGE.match(sql))}
    new_defaults = {
        m.group(1): sql
        for sql in statements
        if (m := _COLUMN_DEFAULT_CHANGE.match(sql)) and m.group(1) in retyped
    }
    ordered = []
    for sql in statements:
        if sql in new_defaults.values():
            continue
        change = _COLUMN_TYPE_CHANGE.match(sql)
        column = change.group(1) if change else None
        if column in new_defaults:
            ordered += [f"{column} drop default;", sql]
            if not new_defaults[column].endswith(" drop default;"):
                ordered.append(new_defaults[column])
        else:
            ordered.append(sql)
    return ordered


def _with_partition_spec(snap: Snapshot) -> None:
    """schemainspect's ATTACH PARTITION reads an attribute it never sets."""
    for table in snap.inspector.tables.values():
        if not hasattr(table, "partition_spec"):
            table.partition_spec = table.partition_def


def _parent_changes(old: Snapshot, new: Snapshot) -> tuple[dict[str, list[str]], list[str]]:
    """Correct statements for tables leaving a parent, keyed by the statement schemainspect
    writes, and for tables joining one, to run after the tables' columns change (so the child
    matches its parent); schemainspect's ATTACH names parent and child the wrong way round,
    and its INHERIT / NO INHERIT lack a semicolon."""
    fixes: dict[str, list[str]] = {}
    joins: list[str] = []
    for key, table in new.inspector.tables.items():
        before = old.inspector.tables.get(key)
        if before is None or before.parent_table == table.parent_table:
            continue
        if before.is_partitioned != table.is_partitioned:
            continue  # migra drops and creates the table
        if before.parent_table:
            wrong = before.detach_statement
            fixes[wrong] = [
                f"alter table {before.parent_table} detach partition {key};"
                if before.partition_def and not before.is_inheritance_child_table
                else f"alter table {key} no inherit {before.parent_table};"
            ]
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
            joins.append(
                f"alter table {table.parent_table} attach partition {key} {table.partition_def};"
                if table.partition_def and not table.is_inheritance_child_table
                else f"alter table {key} inherit {table.parent_table};"
            )
    return fixes, joins


def _parent_indexes_first(old: Snapshot, statements: list[str]) -> list[str]:
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


_RELKIND_WORDS = {"r": "table", "p": "table", "v": "view", "m": "materialized view"}


def _relation_options(old: Snapshot, new: Snapshot, recreated: set[str]) -> list[str]:
    """Storage parameters (fillfactor, security_barrier, ...) and FORCE ROW LEVEL SECURITY,
    including on relations the migration drops and creates again (`recreated`)."""
    changes = []
    for name, (kind, options, force) in sorted(new.relation_options.items()):
        before = old.relation_options.get(name)
        if before is None or unquote_name(name) in recreated or before[0] != kind:
            before = (kind, (), False)
        word = _RELKIND_WORDS[kind]
        added = [option for option in options if option not in before[1]]
        new_keys = {option.split("=", 1)[0] for option in options}
        removed = [o.split("=", 1)[0] for o in before[1] if o.split("=", 1)[0] not in new_keys]
        if added:
            changes.append(f"alter {word} {name} set ({', '.join(added)});")
        if removed:
            changes.append(f"alter {word} {name} reset ({', '.join(removed)});")
        if force != before[2]:
            changes.append(f"alter table {name} {'' if force else 'no '}force row level security;")
    existing = {unquote_name(key) for key in new.inspector.relations}
    for name, (kind, options, force) in sorted(old.relation_options.items()):
        if name in new.relation_options or unquote_name(name) in recreated:
            continue
        if unquote_name(name) not in existing:
            continue
        if options:
            keys = ", ".join(o.split("=", 1)[0] for o in options)
            changes.append(f"alter {_RELKIND_WORDS[kind]} {name} reset ({keys});")
        if force:
            changes.append(f"alter table {name} no force row level security;")
    return changes


def _validation(old: Snapshot, new: Snapshot, statements: list[str]) -> list[str]:
    """Constraints the target leaves NOT VALID are not validated (migra always validates);
    those validated in the target but not yet in the live database are."""
    unvalidated = {unquote_name(name) for name in new.unvalidated}
    kept = []
    created = set()
    for sql in statements:
        match = "validate constraint" in sql and re.match(
            r"^alter table (.+) validate constraint (.+);$", sql
        )
        if match:
            name = f"{unquote_name(match.group(1))}.{unquote_name(match.group(2))}"
            created.add(name)
            if name in unvalidated:
                continue
        kept.append(sql)
    for name in sorted(old.unvalidated - new.unvalidated):
        key = unquote_name(name)
        constraint = next(
            (c for k, c in new.inspector.constraints.items() if unquote_name(k) == key), None
        )
        if constraint is not None and key not in created:
            kept.append(constraint.validate_statement)
    return kept


def _public_role(statements: list[str]) -> list[str]:
    """schemainspect quotes the PUBLIC pseudo-role as if it were a role named "PUBLIC"."""
    return [re.sub(r' (to|from) "PUBLIC";$', r" \1 public;", sql) for sql in statements]


def _extension_creations(old: Snapshot, new: Snapshot) -> list[str]:
    return [
        f"create extension if not exists {quote_identifier(name)} with schema {quote_identifier(schema)};"
        for name, schema in sorted(new.extensions.items())
        if name not in old.extensions
    ]


def _domain_alterations(current: Domain, target: Domain) -> list[str]:
    name = f"alter domain {target.quoted_full_name}"
    statements = []
    if current.default != target.default:
        statements.append(
            f"{name} set default {target.default};"
            if target.default is not None
            else f"{name} drop default;"
        )
    if current.not_null != target.not_null:
        statements.append(f"{name} {'set' if target.not_null else 'drop'} not null;")
    for constraint in current.constraints:
        if constraint not in target.constraints:
            statements.append(f"{name} drop constraint {constraint.split(' ', 1)[0]};")
    for constraint in target.constraints:
        if constraint not in current.constraints:
            statements.append(f"{name} add constraint {constraint};")
    return statements


def _domain_changes(old: Snapshot, new: Snapshot) -> tuple[list[str], list[str]]:
    """(creations and alterations, drops): the first run before tables, the second after."""
    early: list[str] = []
    late: list[str] = []
    for key, target in new.domains.items():
        current = old.domains.get(key)
        if current is None:
            early.append(target.create_statement)
        elif (current.data_type, current.collation) != (target.data_type, target.collation):
            # A domain's base type cannot be altered; this fails while columns use it.
            early += [f"drop domain {key};", target.create_statement]
        else:
            early += _domain_alterations(current, target)
    late += [f"drop domain {key};" for key in old.domains if key not in new.domains]
    return early, late


def _terminated(sql: str) -> str:
    """Every statement ends with a semicolon, so printed one after another they stay apart."""
    return sql if sql.endswith(";") else sql + ";"


def diff_snapshots(old: Snapshot, new: Snapshot) -> list[str]:
    """The SQL statements, in order, that bring old's managed schemas to new's."""
    _with_partition_spec(old)
    _with_partition_spec(new)
    enum_creates = {
        enum.create_statement: _enum_create(enum)
        for snap in (old, new)
        for enum in snap.inspector.enums.values()
    }
    enum_additions = _enum_additions(old, new) + _composite_alterations(old, new)
    domains_early, domains_late = _domain_changes(old, new)
    early_selectables = _early_selectables(old, new)
    late_type_drops = _late_type_drops(old, new)
    late_type_drops += _late_function_drops(old, new)
    enum_function_drops = _functions_using_recreated_enums(old, new)
    enum_function_drops += _dependents_of_recreated_enums(old, new)
    enum_default_fixes = _enum_default_fixes(old, new)
    enum_function_drops += _generated_expression_changes(old, new)
    partitions = _PartitionFixes(old, new)
    inherited = _inherited_column_statements(old, new)
    parent_changes, parent_joins = _parent_changes(old, new)
    swaps = serial_identity_swaps(old, new)
    migration = Migration(old.inspector, new.inspector)
    changes = migration.changes
    steps = [
        changes.schemas(creations_only=True),
        _extension_creations(old, new),
        changes.collations(creations_only=True),
        enum_additions,
        changes.enums(creations_only=True, modifications=False),
        domains_early,
        swaps.before_sequences,
        changes.sequences(creations_only=True),
        sequence_option_changes(old, new),
        swaps.after_sequences,
        early_selectables,
        changes.triggers(drops_only=True),
        changes.rlspolicies(drops_only=True),
        _public_role(changes.privileges(drops_only=True)),
        partitions.apply(changes.non_pk_constraints(drops_only=True)),
        changes.mv_indexes(drops_only=True),
        enum_function_drops,
        changes.non_table_selectable_drops(),
        partitions.apply(changes.pk_constraints(drops_only=True)),
        # Attached again before the parent's columns change, so the change reaches it too.
        partitions.detach,
        partitions.attach,
        _parent_indexes_first(old, changes.non_mv_indexes(drops_only=True)),
        _defaults_around_type_changes(
            _identity_dropped_before_default(
                _children_dropped_first(
                    old,
                    new,
                    [
                        fixed
                        for sql in changes.tables_only_selectables()
                        if sql not in inherited
                        for fixed in parent_changes.get(sql, [enum_default_fixes.get(sql, sql)])
                    ],
                )
            )
        ),
        parent_joins,
        swaps.after_tables,
        identity_changes(old, new),
        late_type_drops,
        [swaps.replaced.get(sql, sql) for sql in changes.sequences(drops_only=True)],
        domains_late,
        changes.enums(drops_only=True, modifications=False),
        partitions.apply(changes.non_mv_indexes(creations_only=True)),
        partitions.late_indexes,
        partitions.apply(changes.pk_constraints(creations_only=True)),
        partitions.apply(changes.non_pk_constraints(creations_only=True)),
        changes.non_table_selectable_creations(),
        changes.mv_indexes(creations_only=True),
        _public_role(changes.privileges(creations_only=True)),
        changes.rlspolicies(creations_only=True),
        changes.triggers(creations_only=True),
        changes.collations(drops_only=True),
        changes.schemas(drops_only=True),
    ]
    statements = [
        _terminated(enum_creates.get(sql.strip(), sql.strip()))
        for step in steps
        for sql in step
        if sql.strip()
    ]
    statements = _validation(old, new, statements)
    recreated = recreated_names(statements)
    statements += _relation_options(old, new, recreated)
    return statements + comment_changes(old, new, recreated)


def _context(old: Snapshot, new: Snapshot, statements: list[str]) -> Context:
    new_tables = frozenset(
        unquote_name(key) for key in new.inspector.tables if key not in old.inspector.tables
    )
    column_types = {
        (unquote_name(key), column.name): column.dbtypestr
        for key, table in old.inspector.tables.items()
        for column in table.columns.values()
    }
    return Context(
        new_tables=new_tables,
        column_types=column_types,
        enum_value_losses=_enum_value_losses(old, new, statements),
    )


def classify_all(old: Snapshot, new: Snapshot, statements: list[str]) -> tuple[Statement, ...]:
    context = _context(old, new, statements)
    return tuple(classify(sql, context) for sql in statements)


def snapshot_pair(
    from_url: str, target_url: str, schemas: tuple[str, ...]
) -> tuple[Snapshot, Snapshot]:
    """Both databases read, side by side."""
    # The two inspections wait mostly on their servers; run them side by side.
    with ThreadPoolExecutor(max_workers=2) as pool:
        old = pool.submit(snapshot, from_url, schemas)
        new = pool.submit(snapshot, target_url, schemas)
        return old.result(), new.result()


def diff_databases(
    from_url: str, target_url: str, schemas: tuple[str, ...]
) -> tuple[Statement, ...]:
    """The statements that transform from_url's managed schemas into target_url's."""
    old, new = snapshot_pair(from_url, target_url, tuple(schemas))
    return classify_all(old, new, diff_snapshots(old, new))


def plan_migration(settings: Settings) -> DiffResult:
    """schema.sql loaded into a scratch database, diffed against the live database. Reads the
    live database only.

    The live database is inspected while the schema file loads, and the scratch database is
    dropped while the diff is computed; the drop still happens before this returns or raises.
    """
    schema_file = Path(settings.schema_file)
    schemas = tuple(settings.schemas)
    with ThreadPoolExecutor(max_workers=1) as pool:
        live = pool.submit(snapshot, settings.database_url, schemas)
        with scratch.scratch_database(settings) as scratch_url:
            scratch.load_schema_file(scratch_url, schema_file)
            new = snapshot(scratch_url, schemas)
            old = live.result()
            # Fingerprints first: diff_snapshots adjusts `old` in place (enum additions).
            from_fingerprint, to_fingerprint = fingerprint(old), fingerprint(new)
            planned = pool.submit(lambda: classify_all(old, new, diff_snapshots(old, new)))
        statements = planned.result()
    return DiffResult(
        statements=statements,
        schema_sha256=hashlib.sha256(schema_file.read_bytes()).hexdigest(),
        from_fingerprint=from_fingerprint,
        to_fingerprint=to_fingerprint,
        schemas=schemas,
    )
