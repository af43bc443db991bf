"""Objects schemainspect does not read at all, diffed by their definitions here:

aggregates  dropped before the functions (their state functions may go), created after
            them; a changed one is replaced in place (CREATE OR REPLACE AGGREGATE), so
            what uses it stays
rules       dropped before the tables change (a rule may write to a table that goes),
            created or replaced once every table and view exists; a rule on a view or
            table the migration creates again is created again with it
"""

from __future__ import annotations

import re

from faceplate_db.migrate.inspect import Snapshot
from faceplate_db.migrate.names import unquote_name


def aggregate_drops(old: Snapshot, new: Snapshot) -> list[str]:
    return [
        f"drop aggregate if exists {key};"
        for key in sorted(old.aggregates)
        if key not in new.aggregates
    ]


def aggregate_creations(old: Snapshot, new: Snapshot) -> list[str]:
    statements = []
    for key, definition in sorted(new.aggregates.items()):
        if old.aggregates.get(key) == definition:
            continue
        if key in old.aggregates:
            definition = definition.replace("CREATE AGGREGATE", "CREATE OR REPLACE AGGREGATE", 1)
        statements.append(f"{definition};")
    return statements


def _rule_drop(table: str, name: str) -> str:
    return f"drop rule if exists {name} on {table};"


def rule_drops(old: Snapshot, new: Snapshot) -> list[str]:
    return [
        _rule_drop(*key)
        for key, definition in sorted(old.rules.items())
        if new.rules.get(key) != definition and key not in new.rules
    ]


def rule_creations(old: Snapshot, new: Snapshot, recreated: set[str]) -> list[str]:
    statements = []
    for (table, name), definition in sorted(new.rules.items()):
        current = old.rules.get((table, name))
        if current == definition and unquote_name(table) not in recreated:
            continue
        statements.append(re.sub(r"^CREATE RULE", "CREATE OR REPLACE RULE", definition) + ";")
    return statements
