"""Functions migra must drop and create again, and what stands in the way.

A function is dropped and created again when CREATE OR REPLACE cannot change it (its result
type, kind or a parameter default taken away; schemainspect_fixes.py says which), or when only
its parameters' names change (schemainspect keys functions by names and types, so the new one
looks like another function, which PostgreSQL would refuse to create beside the old one).
PostgreSQL will not drop it while an index, constraint, column default, policy or trigger
uses it, and schemainspect follows only the views that do: those are dropped before and made
again after the function is created (which migra does after the tables and constraints).
"""

from __future__ import annotations

import re

from faceplate_db.engine.inspect import Snapshot

_SQL_STANDARD_BODY = re.compile(r"^(?:BEGIN ATOMIC|RETURN )", re.MULTILINE)


def has_sql_standard_body(function) -> bool:
    """A RETURN or BEGIN ATOMIC body is parsed when the function is created (check_function_
    bodies does not apply): it cannot come before the tables it reads."""
    definition = function.full_definition or ""
    return not re.search(r"^AS ", definition, re.MULTILINE) and bool(
        _SQL_STANDARD_BODY.search(definition)
    )


def _by_types(function) -> tuple:
    facts = getattr(function, "facts", None)
    return (function.schema, function.name, facts.argument_types if facts else None)


def renamed_parameters(old: Snapshot, new: Snapshot) -> dict[str, str]:
    """Old function key -> the new key of the same function with other parameter names."""
    new_by_types = {
        _by_types(f): key
        for key, f in new.inspector.functions.items()
        if key not in old.inspector.functions
    }
    return {
        key: new_by_types[_by_types(f)]
        for key, f in old.inspector.functions.items()
        if key not in new.inspector.functions and _by_types(f) in new_by_types
    }


def recreated_functions(old: Snapshot, new: Snapshot) -> set[str]:
    """Keys (in `old`) of the functions dropped while the target keeps them."""
    keys = set(renamed_parameters(old, new))
    for key, function in old.inspector.functions.items():
        target = new.inspector.functions.get(key)
        if target is not None and target != function and not target.can_replace(function):
            keys.add(key)
    return keys


def dependents_out_of_the_way(old: Snapshot, new: Snapshot) -> tuple[list[str], list[str]]:
    """(drops before the function drops, creations after the function creations) of the
    unchanged dependents of recreated functions. migra sees them unchanged and leaves them."""
    before: list[str] = []
    after: list[str] = []
    for function in sorted(recreated_functions(old, new)):
        for kind, key, column in sorted(old.function_dependents.get(function, ()), key=str):
            if kind == "default":
                table, target = old.inspector.tables.get(key), new.inspector.tables.get(key)
                if table is None or target is None or column not in target.columns:
                    continue
                before.append(table.columns[column].drop_default_statement(key))
                if target.columns[column].default:
                    after.append(target.columns[column].add_default_statement(key))
                continue
            collection = {
                "index": "indexes",
                "constraint": "constraints",
                "policy": "rlspolicies",
                "trigger": "triggers",
            }[kind]
            current = getattr(old.inspector, collection).get(key)
            target = getattr(new.inspector, collection).get(key)
            if current is None or target is None or current != target:
                continue  # migra drops and creates it anyway
            before.append(current.drop_statement)
            after.append(
                f"alter table {target.quoted_full_table_name} add constraint "
                f"{target.quoted_name} {target.definition};"
                if kind == "constraint"
                else target.create_statement
            )
    return before, after
