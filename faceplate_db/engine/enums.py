"""Enums: values added in place where PostgreSQL allows it, otherwise migra's rename, create,
recast and drop, with what uses the enum moved out of its way (migra issue #243):

  additions    ALTER TYPE ... ADD VALUE, unless a new or changed object uses a new value (it
               could not in the same transaction)
  dependents   functions using a recreated enum, the views over those functions, and the checks
               and indexes on its tables are dropped first and created again after; columns
               of it that go are dropped before the old type
  defaults     migra's recast leaves the column name unquoted and sets back a default whose
               value may be gone: the target's default is set instead
  losses       the recasts that lose values, with the values, for the hazard marks

Each function adjusts the `old` snapshot so migra leaves what was handled here alone.
"""

from __future__ import annotations

from faceplate_db.engine.columns import columns_of_type, is_type
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import (
    qualified_name,
    quote_identifier,
    string_literal,
    unquote_name,
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


def enum_create(enum) -> str:
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


def enum_additions(old: Snapshot, new: Snapshot) -> list[str]:
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


def recreated_enums(old: Snapshot, new: Snapshot) -> list[str]:
    """Enums migra recreates (run after enum_additions: only those still differ)."""
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


def dependents_of_recreated_enums(old: Snapshot, new: Snapshot) -> list[str]:
    """Checks and indexes on tables with a column of a recreated enum are dropped before and
    created after (their expressions would compare the new type with the renamed old one)."""
    enums = recreated_enums(old, new)
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


def enum_default_fixes(old: Snapshot, new: Snapshot) -> dict[str, str]:
    """Repairs to migra's recast of enum columns: it leaves the column name unquoted, and sets
    the old default back after the recast, which fails when the default's value was removed
    (the target's default is set instead)."""
    enums = recreated_enums(old, new)
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


def enum_value_losses(old: Snapshot, new: Snapshot, statements: list[str]) -> dict[str, tuple]:
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
            if "alter column" in lowered and (
                f"::text::{key.lower()}" in lowered or f"::text[]::{key.lower()}[]" in lowered
            ):
                losses[sql] = lost
    return losses


def domains_over(snap: Snapshot, enum: str) -> list[str]:
    return [
        key for key, d in snap.domains.items() if unquote_name(d.data_type) == unquote_name(enum)
    ]


def recasts_before_old_enums_go(old: Snapshot, new: Snapshot) -> dict[str, list[str]]:
    """For each recreated enum, keyed by migra's drop of its renamed old version: what still
    uses the old version and migra leaves alone, moved to the new one. Array columns of it are
    recast through text[]; a domain over it is made anew over the new enum, its columns moved."""
    moves: dict[str, list[str]] = {}
    for key in recreated_enums(old, new):
        enum = old.inspector.enums[key]
        statements: list[str] = []
        for table, name in columns_of_type(old, key, array=True):
            target = new.inspector.tables.get(table)
            column = target.columns.get(name) if target else None
            if column is None or not is_type(column.dbtypestr, key, array=True):
                continue
            before = old.inspector.tables[table].columns[name]
            if before.default:
                statements.append(before.drop_default_statement(table))
            statements.append(
                f"alter table {table} alter column {column.quoted_name} type {key}[] "
                f"using {column.quoted_name}::text[]::{key}[];"
            )
            if column.default:
                statements.append(column.add_default_statement(table))
        for domain_key in domains_over(old, key):
            domain, target = old.domains[domain_key], new.domains.get(domain_key)
            if target is None:
                continue
            moved = f"{domain.name}__faceplate_old"
            statements += [
                f"alter domain {domain_key} rename to {quote_identifier(moved)};",
                target.create_statement,
            ]
            for table, name in columns_of_type(old, domain_key):
                if table in new.inspector.tables:
                    column = quote_identifier(name)
                    statements.append(
                        f"alter table {table} alter column {column} type {domain_key} "
                        f"using {column}::text::{domain_key};"
                    )
            statements.append(f"drop domain {qualified_name(domain.schema, moved)};")
        if statements:
            unwanted = enum.name + "__old_version_to_be_dropped"
            moves[enum.drop_statement_with_rename(unwanted)] = statements
    return moves


def _mentions(definition: str, quoted_full_name: str) -> bool:
    bare = quoted_full_name.replace('"', "").lower()
    text = definition.lower()
    return bare in text.replace('"', "")


def functions_using_recreated_enums(old: Snapshot, new: Snapshot) -> list[str]:
    """Functions using an enum that migra recreates (values removed or reordered) are dropped
    first and created again after (migra issue #243): the old type cannot be dropped under
    them. Run after enum_additions, so only recreated enums still differ."""
    recreated = recreated_enums(old, new)
    statements = []
    for key, function in list(old.inspector.functions.items()):
        if key not in new.inspector.selectables:
            continue
        if any(_mentions(function.create_statement, enum) for enum in recreated):
            statements += _views_out_of_the_way(old, new, function)
            statements.append(function.drop_statement)
            del old.inspector.functions[key]
            del old.inspector.selectables[key]
    return statements


def _views_out_of_the_way(old: Snapshot, new: Snapshot, selectable) -> list[str]:
    """Drops of the views and materialized views that depend on selectable, the most
    dependent first; forgotten in `old`, so migra creates them again after it."""
    selectables = old.inspector.selectables
    waiting = [key for key in selectable.dependents_all if key in selectables]
    statements = []
    while waiting:
        ready = [
            key
            for key in waiting
            if not any(other in waiting for other in selectables[key].dependents_all)
        ] or waiting[:1]
        for key in sorted(ready):
            view = selectables.pop(key)
            statements.append(view.drop_statement)
            old.inspector.views.pop(key, None)
            old.inspector.materialized_views.pop(key, None)
            old.inspector.relations.pop(key, None)
            waiting.remove(key)
    return statements
