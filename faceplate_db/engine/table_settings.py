"""Settings of tables and columns that migra does not diff, and extended statistics objects:

  relations   storage parameters (fillfactor, toast.*, security_barrier, ...) in the order the
              target keeps them, FORCE ROW LEVEL SECURITY
  columns     statistics target, storage, compression, attribute options (n_distinct, ...)
  tables      replica identity, the index the table is clustered on
  statistics  CREATE STATISTICS objects

All run after the tables, columns and indexes they name exist. A table or index the migration
creates or creates again has PostgreSQL's defaults, and a column whose type changes has its
type's storage: those are compared with the defaults instead of with the live database.
"""

from __future__ import annotations

import re
from dataclasses import replace

from faceplate_db.engine.catalog import ColumnSettings, TableSettings
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import qualified_name, quote_identifier, unquote_name

_STORAGE = {"p": "plain", "e": "external", "x": "extended", "m": "main"}
_RETYPED = re.compile(r"^alter table (.+?) alter column (.+?) (?:set data )?type ", re.IGNORECASE)


def retyped_columns(statements: list[str]) -> set[str]:
    """'schema.table.column' of every column whose type the statements change."""
    return {
        f"{unquote_name(m.group(1))}.{unquote_name(m.group(2))}"
        for sql in statements
        if (m := _RETYPED.match(sql))
    }


def _key(option: str) -> str:
    return option.split("=", 1)[0]


def option_statements(prefix: str, before: tuple[str, ...], after: tuple[str, ...]) -> list[str]:
    """RESET and SET that turn the options `before` into `after`, in after's order: PostgreSQL
    keeps options in the order they were set, and a SET moves the keys it names to the end."""
    added = [option for option in after if option not in before]
    removed = [_key(o) for o in before if _key(o) not in {_key(a) for a in after}]
    kept = [o for o in before if _key(o) not in removed and _key(o) not in {_key(a) for a in added}]
    if kept + added != list(after):
        removed, added = list(dict.fromkeys(_key(o) for o in before)), list(after)
    statements = []
    if removed:
        statements.append(f"{prefix} reset ({', '.join(removed)});")
    if added:
        statements.append(f"{prefix} set ({', '.join(added)});")
    return statements


_RELKIND_WORDS = {"r": "table", "p": "table", "v": "view", "m": "materialized view"}


def relation_option_changes(old: Snapshot, new: Snapshot, recreated: set[str]) -> list[str]:
    """Storage parameters and FORCE ROW LEVEL SECURITY, including on relations the migration
    drops and creates again (`recreated`)."""
    existing = {unquote_name(key) for key in new.inspector.relations}
    changes = []
    for name in sorted(set(old.relation_options) | set(new.relation_options)):
        if unquote_name(name) not in existing:
            continue
        kind, options, force = new.relation_options.get(name) or (
            old.relation_options[name][0],
            (),
            False,
        )
        before = old.relation_options.get(name)
        if before is None or unquote_name(name) in recreated or before[0] != kind:
            before = (kind, (), False)
        changes += option_statements(f"alter {_RELKIND_WORDS[kind]} {name}", before[1], options)
        if force != before[2]:
            changes.append(f"alter table {name} {'' if force else 'no '}force row level security;")
    return changes


def column_setting_changes(
    old: Snapshot, new: Snapshot, statements: list[str], recreated: set[str]
) -> list[str]:
    retyped = retyped_columns(statements)
    keys = sorted(set(old.column_settings) | set(new.column_settings))
    changes = []
    for schema, table, column in keys:
        name = f"{schema}.{table}"
        if qualified_name(schema, table) not in new.inspector.tables:
            continue
        wanted = new.column_settings.get((schema, table, column))
        current = old.column_settings.get((schema, table, column))
        fresh = (
            name in recreated
            or f"{name}.{column}" in recreated
            or qualified_name(schema, table) not in old.inspector.tables
        )
        if fresh:
            current = None
        default = ColumnSettings(None, None, (current or wanted).type_storage, None, ())
        wanted, current = wanted or default, current or default
        if f"{name}.{column}" in retyped:
            # The type's storage now, whatever it was.
            current = replace(current, storage=None, type_storage=wanted.type_storage)
        prefix = (
            f"alter table only {qualified_name(schema, table)} alter column "
            f"{quote_identifier(column)}"
        )
        if wanted.statistics != current.statistics:
            changes.append(f"{prefix} set statistics {wanted.statistics or -1};")
        if (wanted.storage or wanted.type_storage) != (current.storage or current.type_storage):
            changes.append(
                f"{prefix} set storage {_STORAGE[wanted.storage or wanted.type_storage]};"
            )
        if wanted.compression != current.compression:
            changes.append(f"{prefix} set compression {wanted.compression or 'default'};")
        changes += option_statements(prefix, current.options, wanted.options)
    return changes


def table_setting_changes(old: Snapshot, new: Snapshot, recreated: set[str]) -> list[str]:
    """Replica identity and CLUSTER ON; an index created again has lost both."""
    default = TableSettings(None, None)
    changes = []
    existing = {unquote_name(key) for key in new.inspector.tables}
    for name in sorted(set(old.table_settings) | set(new.table_settings)):
        if unquote_name(name) not in existing:
            continue
        wanted = new.table_settings.get(name, default)
        current = old.table_settings.get(name, default)
        schema = unquote_name(name).split(".", 1)[0]
        if unquote_name(name) in recreated:
            current = default
        if current.replica_identity and current.replica_identity.startswith("using index "):
            index = current.replica_identity.removeprefix("using index ")
            if f"{schema}.{unquote_name(index)}" in recreated:
                current = TableSettings(None, current.clustered_on)
        if current.clustered_on and f"{schema}.{unquote_name(current.clustered_on)}" in recreated:
            current = TableSettings(current.replica_identity, None)
        if wanted.replica_identity != current.replica_identity:
            changes.append(
                f"alter table {name} replica identity {wanted.replica_identity or 'default'};"
            )
        if wanted.clustered_on != current.clustered_on:
            changes.append(
                f"alter table {name} cluster on {wanted.clustered_on};"
                if wanted.clustered_on
                else f"alter table {name} set without cluster;"
            )
    return changes


def statistics_drops(old: Snapshot, new: Snapshot) -> list[str]:
    """Before the tables change: a column drop takes the objects on it along (IF EXISTS)."""
    return [
        f"drop statistics if exists {name};"
        for name, stats in sorted(old.statistics.items())
        if new.statistics.get(name, None) is None
        or new.statistics[name].definition != stats.definition
    ]


def statistics_creations(old: Snapshot, new: Snapshot) -> list[str]:
    statements = []
    for name, stats in sorted(new.statistics.items()):
        current = old.statistics.get(name)
        if current is None or current.definition != stats.definition:
            statements.append(f"{stats.definition};")
            current = None
        if (current.target if current else None) != stats.target:
            statements.append(f"alter statistics {name} set statistics {stats.target or -1};")
    return statements
