"""COMMENT ON statements, which migra does not generate (its issue #69).

Comments are keyed by pg_identify_object's (type, identity); the identity is already quoted
the way COMMENT ON expects it. A comment is (re)set when it is new or changed, or when its
object is dropped and recreated by the migration (dropping an object drops its comment), and
set to NULL when it goes away from an object that still exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import string_literal, unquote_name

# pg_identify_object type -> the COMMENT ON object kind.
_KINDS = {
    "schema": "SCHEMA",
    "table": "TABLE",
    "view": "VIEW",
    "materialized view": "MATERIALIZED VIEW",
    "foreign table": "FOREIGN TABLE",
    "index": "INDEX",
    "sequence": "SEQUENCE",
    "function": "FUNCTION",
    "procedure": "PROCEDURE",
    "aggregate": "AGGREGATE",
    "type": "TYPE",
    "composite type": "TYPE",
    "domain": "DOMAIN",
    "table constraint": "CONSTRAINT",
    "trigger": "TRIGGER",
    "policy": "POLICY",
    "statistics object": "STATISTICS",
    "rule": "RULE",
}
_COLUMN_KINDS = ("table column", "view column", "materialized view column", "composite type column")
_DROPPED = re.compile(
    r"^\s*drop\s+(?:table|view|materialized\s+view|function|procedure|type|domain|index|sequence|statistics|aggregate)"
    r"\s+(?:if\s+exists\s+)?(.+?)(?:\s+cascade)?\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_DROPPED_ON = re.compile(
    r"^\s*drop\s+(?:trigger|policy|rule)\s+(?:if\s+exists\s+)?(.+?)\s+on\s+(.+?)\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_DROPPED_COLUMN = re.compile(
    r"^\s*alter\s+table\s+(?:only\s+)?(.+?)\s+drop\s+column\s+(?:if\s+exists\s+)?(\S+?)\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_DROPPED_CONSTRAINT = re.compile(
    r"^\s*alter\s+table\s+(?:only\s+)?(.+?)\s+drop\s+constraint\s+(?:if\s+exists\s+)?(\S+?)\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)


def canonical_name(identity: str) -> str:
    """An identity without quotes and argument names, to match names in migra's SQL."""
    name, _, args = identity.partition("(")
    if args:
        arg_types = [" ".join(a.split()).lower() for a in args.rstrip(")").split(",") if a.strip()]
        return unquote_name(name) + "(" + ",".join(arg_types) + ")"
    return unquote_name(name)


def _on_identity(name: str, table: str) -> str:
    return f"{unquote_name(name)} on {unquote_name(table)}"


def recreated_names(statements: Iterable[str]) -> set[str]:
    """Canonical names of objects the statements drop (a later create brings them back)."""
    names: set[str] = set()
    for sql in statements:
        if "drop" not in sql.lower():
            continue
        if match := _DROPPED_ON.match(sql):
            names.add(_on_identity(match.group(1), match.group(2)))
        elif match := _DROPPED_CONSTRAINT.match(sql):
            names.add(_on_identity(match.group(2), match.group(1)))
        elif match := _DROPPED_COLUMN.match(sql):
            names.add(f"{unquote_name(match.group(1))}.{unquote_name(match.group(2))}")
        elif match := _DROPPED.match(sql):
            names.add(canonical_name(match.group(1)))
    return names


def dropped_function_names(old: Snapshot, statements: Iterable[str]) -> set[str]:
    """Canonical names of the functions the statements drop (migra names them with their
    parameters' names, comments with their types)."""
    dropped = set(statements)
    return {
        canonical_name(function.facts.identity)
        for function in old.inspector.functions.values()
        if function.drop_statement in dropped and getattr(function, "facts", None)
    }


def _owner(kind: str, identity: str) -> str:
    """The canonical name whose drop takes this comment with it."""
    if kind in ("table constraint", "trigger", "policy", "rule"):
        name, _, table = identity.partition(" on ")
        return _on_identity(name, table)
    return canonical_name(identity)


def _parent(kind: str, identity: str) -> str | None:
    if kind in _COLUMN_KINDS:
        return unquote_name(identity.rsplit(".", 1)[0])
    if kind in ("table constraint", "trigger", "policy", "rule"):
        return unquote_name(identity.partition(" on ")[2])
    return None


def comment_statement(kind: str, identity: str, text: str | None) -> str:
    if kind in _COLUMN_KINDS:
        target = f"COLUMN {identity}"
    elif kind == "domain constraint":
        name, _, domain = identity.partition(" on ")
        target = f"CONSTRAINT {name} ON DOMAIN {domain}"
    else:
        target = f"{_KINDS.get(kind, kind.upper())} {identity}"
    return f"COMMENT ON {target} IS {'NULL' if text is None else string_literal(text)};"


def comment_changes(old: Snapshot, new: Snapshot, recreated: set[str]) -> list[str]:
    """COMMENT ON statements to run after the migration brings old's objects to new's;
    `recreated` holds recreated_names of its statements."""
    changes: list[str] = []
    for (kind, identity), text in sorted(new.comments.items()):
        owner = _owner(kind, identity)
        parent = _parent(kind, identity)
        lost = owner in recreated or (parent is not None and parent in recreated)
        if (
            old.comments.get((kind, identity)) != text
            or lost
            or (kind, identity) not in old.objects
        ):
            changes.append(comment_statement(kind, identity, text))
    for (kind, identity), _text in sorted(old.comments.items()):
        if (kind, identity) not in new.comments and (kind, identity) in new.objects:
            owner, parent = _owner(kind, identity), _parent(kind, identity)
            if owner in recreated or parent in recreated:
                continue
            if (kind, identity) in old.objects:
                changes.append(comment_statement(kind, identity, None))
    return changes
