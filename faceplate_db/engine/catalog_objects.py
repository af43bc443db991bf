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

from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import unquote_name


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


def _definition_changes(old: dict[str, str], new: dict[str, str], kind: str) -> tuple[list, list]:
    """(creations before the tables, drops after them) for objects named by key."""
    early, late = [], []
    for key, definition in sorted(new.items()):
        if old.get(key) == definition:
            continue
        if key in old:
            early.append(f"drop {kind} {key};")
        early.append(f"{definition};")
    late += [f"drop {kind} {key};" for key in sorted(old) if key not in new]
    return early, late


def range_changes(old: Snapshot, new: Snapshot) -> tuple[list[str], list[str]]:
    return _definition_changes(old.ranges, new.ranges, "type")


def text_search_changes(old: Snapshot, new: Snapshot) -> tuple[list[str], list[str]]:
    early, late = _definition_changes(
        old.text_search_dictionaries, new.text_search_dictionaries, "text search dictionary"
    )
    configurations_late = []
    for name, target in sorted(new.text_search_configurations.items()):
        current = old.text_search_configurations.get(name)
        prefix = f"alter text search configuration {name}"
        if current is not None and current.parser == target.parser:
            if current.mappings == target.mappings:
                continue
            early += [
                f"{prefix} drop mapping if exists {m.split(' WITH ')[0]};" for m in current.mappings
            ]
        else:
            if current is not None:
                early.append(f"drop text search configuration {name};")
            early.append(f"create text search configuration {name} (parser = {target.parser});")
        early += [f"{prefix} add mapping {mapping};" for mapping in target.mappings]
    configurations_late += [
        f"drop text search configuration {name};"
        for name in sorted(old.text_search_configurations)
        if name not in new.text_search_configurations
    ]
    # Configurations go before the dictionaries they map to.
    return early, configurations_late + late
