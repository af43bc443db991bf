"""NOT NULL constraints beyond the flag migra diffs (PostgreSQL 18 keeps them as named rows of
pg_constraint, catalog/not_null.py): the name a user gave one, NOT VALID and NO INHERIT.

migra sees only whether a column is NOT NULL, and writes SET NOT NULL / DROP NOT NULL. Around
that:
  a column becoming NOT NULL under a name of the user's, NOT VALID or NO INHERIT gets
  ADD CONSTRAINT ... NOT NULL ... instead of SET NOT NULL (which would name it PostgreSQL's way
  and validate it);
  a column NOT NULL on both sides is renamed (RENAME CONSTRAINT) when the user's name changes,
  validated (VALIDATE CONSTRAINT) when the target's is valid and the live one is not, and
  dropped and added again otherwise (made NOT VALID again, NO INHERIT changed): a constraint
  holds no data, and the rows stay as they are;
  a new table's or column's NOT VALID NOT NULL is added after it (a column definition cannot
  say NOT VALID; the column's clause leaves it out, schemainspect_fixes.py);
  a child's column whose NOT NULL it only inherits gets no statement of its own: the
  parent's reaches it.
Names PostgreSQL chose are never renamed into one another: they are bookkeeping.
"""

from __future__ import annotations

from faceplate_db.engine.catalog import NotNull
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import quote_identifier
from faceplate_db.engine.privileges import recreated_objects


def _add(table, column: str, constraint: NotNull) -> str:
    """ADD [CONSTRAINT name] NOT NULL column [NOT VALID] [NO INHERIT], as the target has it."""
    name = f"constraint {quote_identifier(constraint.name)} " if constraint.user_named else ""
    options = ("" if constraint.validated else " not valid") + (
        " no inherit" if constraint.no_inherit else ""
    )
    return table.alter_table_statement(f"add {name}not null {quote_identifier(column)}{options}")


def _changed(table, column: str, current: NotNull, target: NotNull) -> list[str]:
    """A NOT NULL kept on both sides, brought to the target's name, validity and NO INHERIT."""
    if current.described == target.described:
        return []
    if current.no_inherit != target.no_inherit or (current.validated and not target.validated):
        drop = table.alter_table_statement(f"alter column {quote_identifier(column)} drop not null")
        return [drop, _add(table, column, target)]
    statements = []
    name = current.name
    if current.name != target.name and (current.user_named or target.user_named):
        name = target.name
        statements.append(
            table.alter_table_statement(
                f"rename constraint {quote_identifier(current.name)} to {quote_identifier(name)}"
            )
        )
    if target.validated and not current.validated:
        statements.append(
            table.alter_table_statement(f"validate constraint {quote_identifier(name)}")
        )
    return statements


def _inherited_only(new: Snapshot) -> set[str]:
    """migra's SET/DROP NOT NULL on the columns whose NOT NULL the target's tables only
    inherit: the parent's statement reaches them, and one of their own would make the
    constraint theirs (or fail: an inherited constraint cannot be dropped on its own)."""
    statements = set()
    for key, table in new.inspector.tables.items():
        if not table.is_alterable:
            continue
        for name, column in table.columns.items():
            if column.is_inherited and (key, name) not in new.not_nulls:
                for verb in ("set", "drop"):
                    clause = f"alter column {column.quoted_name} {verb} not null"
                    statements.add(table.alter_table_statement(clause))
    return statements


def not_null_changes(old: Snapshot, new: Snapshot, statements: list[str]) -> list[str]:
    """The statements with migra's SET NOT NULL replaced where the target's constraint says
    more, and the changes to NOT NULL constraints kept on both sides added."""
    if not new.capabilities.named_not_null:
        return statements
    recreated = recreated_objects(old, new, statements)
    replaced: dict[str, str | None] = dict.fromkeys(_inherited_only(new))
    added: list[str] = []
    for (key, column), target in sorted(new.not_nulls.items()):
        table, current_table = new.inspector.tables[key], old.inspector.tables.get(key)
        quoted = table.columns[column].quoted_name
        fresh = (
            current_table is None
            or column not in current_table.columns
            or key in recreated
            or f"{key}.{quote_identifier(column)}" in recreated
        )
        if fresh:
            if not target.validated:
                added.append(_add(table, column, target))
            continue
        current = old.not_nulls.get((key, column))
        if current is None:  # nullable now (or only inherited): migra sets it
            if target.described:
                set_not_null = table.alter_table_statement(f"alter column {quoted} set not null")
                replaced[set_not_null] = _add(table, column, target)
            continue
        added += _changed(table, column, current, target)
    kept = [replaced.get(sql, sql) for sql in statements]
    return [sql for sql in kept if sql is not None] + added
