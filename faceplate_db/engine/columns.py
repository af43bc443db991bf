"""Column changes migra cannot write, or that need a statement of their own:

generated    a generated column whose expression or kind (VIRTUAL, STORED: PostgreSQL 18)
             changes, or that reads a column whose type changes, is dropped and added again
             (the dependency graph puts it after the type change, ordering.py); it holds no
             data of its own, so nothing is lost (hazards.py)
defaults     a column whose type and default both change loses its default first
identity     DROP IDENTITY before a new default
"""

from __future__ import annotations

import re

from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import unquote_name


def _mentions_column(expression: str, column: str) -> bool:
    return (
        re.search(rf'(?<![\w"]){re.escape(column)}(?![\w"])|"{re.escape(column)}"', expression)
        is not None
    )


def generated_expression_changes(old: Snapshot, new: Snapshot) -> list[str]:
    """A generated column whose expression or kind changes, or that reads a column whose type
    or collation changes (PostgreSQL will not change it under the generated column), is
    dropped and added again (migra emits SET DEFAULT, which PostgreSQL refuses for generated
    columns, and 18 has no statement from VIRTUAL to STORED). Partitions follow their
    parent."""
    statements = []
    for key, table in new.inspector.tables.items():
        before = old.inspector.tables.get(key)
        if before is None or not before.is_alterable:
            continue
        retyped = [
            name
            for name, column in table.columns.items()
            if name in before.columns
            and (before.columns[name].dbtypestr, before.columns[name].collation)
            != (column.dbtypestr, column.collation)
        ]
        for name, column in table.columns.items():
            previous = before.columns.get(name)
            if (
                previous is not None
                and column.is_generated
                and previous.is_generated
                and not column.is_inherited
                and (
                    column.default != previous.default
                    or column.is_virtual != previous.is_virtual
                    or any(_mentions_column(previous.default, other) for other in retyped)
                )
            ):
                statements.append(before.alter_table_statement(previous.drop_column_clause))
                del before.columns[name]
    return statements


def identity_dropped_before_default(statements: list[str]) -> list[str]:
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


def defaults_around_type_changes(statements: list[str]) -> list[str]:
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


def is_type(type_sql: str, type_name: str, array: bool) -> bool:
    if array != type_sql.endswith("[]"):
        return False
    return unquote_name(type_sql.removesuffix("[]")) == unquote_name(type_name)


def columns_of_type(snap: Snapshot, type_name: str, array: bool = False) -> list[tuple[str, str]]:
    """(table key, column) of the columns whose type is type_name (or an array of it)."""
    return [
        (key, name)
        for key, table in snap.inspector.tables.items()
        if table.is_alterable
        for name, column in table.columns.items()
        if is_type(column.dbtypestr, type_name, array)
    ]
