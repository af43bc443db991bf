"""Classifying migration statements by what they risk on a live database.

  data-loss  rows or values can be lost: DROP TABLE/COLUMN/SCHEMA/SEQUENCE, TRUNCATE, a type
             change that can fail or truncate, enum values removed (a generated column
             dropped loses nothing: its values are computed from the row)
  breaking   running code that uses a name breaks: ALTER ... RENAME (of anything but the
             engine's own temporary names for objects it makes anew in the same migration)
  rewrite    the whole table is rewritten under an ACCESS EXCLUSIVE lock: a column type change,
             a column added with a volatile default, a stored generated or identity column
             added (a VIRTUAL one is computed when read: no rewrite)
  lock       a long strong lock on an existing table: SET NOT NULL or ADD NOT NULL without NOT
             VALID (scans the table), a non-concurrent CREATE INDEX, a FOREIGN KEY / CHECK /
             UNIQUE / PRIMARY KEY added without NOT VALID or NOT ENFORCED (validated or indexed
             under the lock), a foreign key made ENFORCED again (validated under an ACCESS
             EXCLUSIVE lock), ATTACH PARTITION of an existing table (its rows are checked
             against the bounds)

Statements on a table created earlier in the same migration carry no lock or rewrite hazard:
the table is empty and nobody else can see it yet. `classify` reads the SQL only; the diff
engine passes what the SQL cannot say (which tables are new, the column's old type, which
enum values go away) as a `Context`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from faceplate_db.engine.names import unquote_name
from faceplate_db.engine.plan import (
    BREAKING,
    DATA_LOSS,
    HAZARD_KINDS,
    LOCK,
    REWRITE,
    Statement,
    without_leading_comments,
)

_NAME = r'(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)'
_QUALIFIED = rf"{_NAME}(?:\s*\.\s*{_NAME})?"
_ALTER_TABLE = re.compile(
    rf"^\s*alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?({_QUALIFIED})", re.IGNORECASE
)
_CREATE_INDEX = re.compile(
    rf"^\s*create\s+(?:unique\s+)?index\s+(concurrently\s+)?(?:if\s+not\s+exists\s+)?"
    rf"(?:{_NAME}\s+)?on\s+(?:only\s+)?({_QUALIFIED})",
    re.IGNORECASE,
)
_DROP = re.compile(
    r"^\s*drop\s+(table|schema|sequence|materialized\s+view|view|type|domain|function|"
    r"procedure|index|trigger|policy|extension)\b",
    re.IGNORECASE,
)
_TRUNCATE = re.compile(r"^\s*truncate\b", re.IGNORECASE)
_DROP_COLUMN = re.compile(rf"\bdrop\s+column\s+(?:if\s+exists\s+)?({_NAME})", re.IGNORECASE)
_TYPE_CHANGE = re.compile(
    rf"\balter\s+column\s+({_NAME})\s+(?:set\s+data\s+)?type\s+(.+?)(?:\s+using\s+.*)?;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_SET_NOT_NULL = re.compile(r"\bset\s+not\s+null\b", re.IGNORECASE)
# ADD [CONSTRAINT name] NOT NULL column (PostgreSQL 18): scans like SET NOT NULL unless NOT VALID.
_ADD_NOT_NULL = re.compile(
    rf"\badd\s+(?:constraint\s+{_NAME}\s+)?not\s+null\s+{_NAME}(?!.*\bnot\s+valid\b)",
    re.IGNORECASE | re.DOTALL,
)
_ENFORCED_AGAIN = re.compile(r"\balter\s+constraint\s+" + _NAME + r"\s+enforced\b", re.IGNORECASE)
_ADD_CONSTRAINT = re.compile(
    r"\badd\s+(?:constraint\s+" + _NAME + r"\s+)?(foreign\s+key|check|unique|primary\s+key|exclude)"
    r"(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_ADD_COLUMN = re.compile(r"\badd\s+column\b(.*)$", re.IGNORECASE | re.DOTALL)
_ATTACH = re.compile(rf"\battach\s+partition\s+({_QUALIFIED})", re.IGNORECASE)
# RENAME TO / RENAME [COLUMN] a TO / RENAME CONSTRAINT / VALUE / ATTRIBUTE, after string
# constants are blanked (a default of 'rename x to y' renames nothing).
_RENAME = re.compile(
    rf"^\s*alter\b.*?\brename\s+(?:(?:column|constraint|attribute|value)\s+)?(?:{_NAME}|'')?\s*to\s+"
    rf"({_NAME}|'')\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_STRING = re.compile(r"'(?:[^']|'')*'")
# The names the engine moves an object it makes anew out of the way under, for the few
# statements until the old one is dropped: no running code ever uses them.
_OUT_OF_THE_WAY = ("__faceplate_old", "__old_version_to_be_dropped")
_SET_LOGGED = re.compile(r"\bset\s+(?:un)?logged\b", re.IGNORECASE)
_CALL = re.compile(r"([a-z_][a-z0-9_$]*)\s*\(", re.IGNORECASE)
# Functions a default may call without rewriting the table (PostgreSQL 11+ stores a stable or
# immutable default once instead of writing it into every row).
_NON_VOLATILE_CALLS = {
    "now",
    "transaction_timestamp",
    "statement_timestamp",
    "current_timestamp",
    "localtimestamp",
    "current_date",
    "current_user",
    "session_user",
    "lower",
    "upper",
    "jsonb_build_object",
    "jsonb_build_array",
    "json_build_object",
    "array",
    "make_interval",
    "to_jsonb",
    "coalesce",
    "timezone",
}
# Old type -> new types it converts to without losing a value.
_WIDENINGS = {
    "smallint": {"integer", "bigint", "numeric", "real", "double precision", "text"},
    "integer": {"bigint", "numeric", "double precision", "text"},
    "bigint": {"numeric", "text"},
    "real": {"double precision", "text"},
    "timestamp without time zone": {"timestamp with time zone"},
    "character varying": {"text"},
    "uuid": {"text"},
    "json": {"jsonb", "text"},
}
_VARCHAR = re.compile(r"^character varying(?:\((\d+)\))?$")


@dataclass(frozen=True)
class Context:
    """Facts about the migration a statement belongs to."""

    # Tables created by this migration, as unquoted "schema.table".
    new_tables: frozenset[str] = frozenset()
    # Current type of each column, as format_type prints it, by (schema.table, column).
    column_types: dict[tuple[str, str], str] = field(default_factory=dict)
    # Generated columns of the live database, by (schema.table, column): dropping one loses
    # nothing (its values are computed from the row).
    generated_columns: frozenset[tuple[str, str]] = frozenset()
    # Statements (exact SQL) that lose enum values, with the values lost.
    enum_value_losses: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _normalise_type(type_sql: str) -> str:
    text = " ".join(type_sql.strip().strip(";").split()).lower()
    # A collation change alone keeps every value (indexes on the column are rebuilt).
    text = re.sub(r'\s+collate\s+(?:"[^"]+"|\S+)$', "", text)
    text = re.sub(r'"([^"]+)"', r"\1", text)
    return {
        "int": "integer",
        "int4": "integer",
        "int8": "bigint",
        "int2": "smallint",
        "varchar": "character varying",
        "timestamptz": "timestamp with time zone",
        "timestamp": "timestamp without time zone",
        "float8": "double precision",
        "float4": "real",
    }.get(text, re.sub(r"^varchar\b", "character varying", text))


def type_change_loses_data(old: str | None, new: str) -> bool:
    if old is None:
        return True
    old, new = _normalise_type(old), _normalise_type(new)
    if old == new or new == "text":
        return False
    old_varchar, new_varchar = _VARCHAR.match(old), _VARCHAR.match(new)
    if old_varchar and new_varchar:
        if not new_varchar.group(1):
            return False
        return not old_varchar.group(1) or int(new_varchar.group(1)) < int(old_varchar.group(1))
    base_old = re.sub(r"\(.*\)$", "", old)
    if base_old == "numeric" and new == "numeric":
        return False
    return new not in _WIDENINGS.get(base_old, set())


def type_change_rewrites(old: str | None, new: str) -> bool:
    """Binary-coercible changes PostgreSQL makes without touching the rows."""
    if old is None:
        return True
    old, new = _normalise_type(old), _normalise_type(new)
    old_varchar, new_varchar = _VARCHAR.match(old), _VARCHAR.match(new)
    if old_varchar and (new == "text" or (new_varchar and not new_varchar.group(1))):
        return False
    if old_varchar and new_varchar and old_varchar.group(1):
        return int(new_varchar.group(1)) < int(old_varchar.group(1))
    return not (re.sub(r"\(.*\)$", "", old) == "numeric" and new == "numeric")


def _default_is_volatile(column_sql: str) -> bool:
    match = re.search(r"\bdefault\s+(.*)$", column_sql, re.IGNORECASE | re.DOTALL)
    if not match:
        return False
    calls = {name.lower().split(".")[-1] for name in _CALL.findall(match.group(1))}
    return bool(calls - _NON_VOLATILE_CALLS)


def classify(sql: str, context: Context | None = None) -> Statement:
    """The statement with its hazards and, for each, a reason a reviewer can check."""
    context = context or Context()
    found: list[tuple[str, str]] = []
    text = without_leading_comments(sql)
    # Each pattern below is tried only where its leading word occurs: a migration of
    # thousands of statements is classified in one pass.
    words = text.lower()
    table_match = _ALTER_TABLE.match(text)
    table = unquote_name(table_match.group(1)) if table_match else None
    existing = table is not None and table not in context.new_tables

    drop = _DROP.match(text) if words.startswith("drop") else None
    if drop:
        kind = " ".join(drop.group(1).lower().split())
        if kind in ("table", "schema"):
            found.append((DATA_LOSS, f"drops a {kind} and every row in it"))
        elif kind == "sequence":
            found.append((DATA_LOSS, "drops a sequence and its current value"))
    rename = _RENAME.match(_STRING.sub("''", text)) if "rename" in words else None
    if rename and not unquote_name(rename.group(1)).endswith(_OUT_OF_THE_WAY):
        found.append((BREAKING, "renames an object: running code that uses the old name breaks"))
    if _TRUNCATE.match(text):
        found.append((DATA_LOSS, "deletes every row"))
    dropped_column = _DROP_COLUMN.search(text) if table_match and "column" in words else None
    # A generated column holds no data of its own: it is computed from the row.
    if dropped_column and (table, unquote_name(dropped_column.group(1))) not in (
        context.generated_columns
    ):
        found.append((DATA_LOSS, "drops a column and every value in it"))

    if sql in context.enum_value_losses:
        values = ", ".join(context.enum_value_losses[sql])
        found.append((DATA_LOSS, f"enum values removed ({values}): rows holding them fail"))

    type_change = _TYPE_CHANGE.search(text) if table_match and "type" in words else None
    if type_change:
        column = unquote_name(type_change.group(1))
        new_type = type_change.group(2)
        old_type = context.column_types.get((table, column))
        if type_change_loses_data(old_type, new_type) and sql not in context.enum_value_losses:
            was = f"from {old_type} " if old_type else ""
            found.append(
                (
                    DATA_LOSS,
                    f"column {column} changes type {was}to {new_type.strip()}: values may not convert",
                )
            )
        same_type = old_type is not None and _normalise_type(old_type) == _normalise_type(new_type)
        recast = "::text::" in text
        if existing and (recast or not same_type) and type_change_rewrites(old_type, new_type):
            found.append((REWRITE, f"column {column} changes type: the table is rewritten"))

    add_column = _ADD_COLUMN.search(text) if table_match and "column" in words else None
    if add_column and existing:
        clause = add_column.group(1)
        if re.search(r"\bgenerated\s+always\s+as\s*\(", clause, re.IGNORECASE):
            # A VIRTUAL one (PostgreSQL 18) is computed when read: nothing is written.
            if not re.search(r"\)\s*virtual\b", clause, re.IGNORECASE):
                found.append((REWRITE, "adds a stored generated column: the table is rewritten"))
        elif re.search(
            r"\bgenerated\s+(always|by\s+default)\s+as\s+identity", clause, re.IGNORECASE
        ):
            found.append((REWRITE, "adds an identity column: the table is rewritten"))
        elif _default_is_volatile(clause):
            found.append((REWRITE, "adds a column with a volatile default: the table is rewritten"))

    if table_match and existing and "logged" in words and _SET_LOGGED.search(text):
        found.append((REWRITE, "changes logged/unlogged: the table is rewritten"))

    attach = _ATTACH.search(text) if table_match and "attach" in words else None
    if attach and unquote_name(attach.group(1)) not in context.new_tables:
        found.append(
            (LOCK, "ATTACH PARTITION scans the partition to check its bounds under a lock")
        )

    if existing and "null" in words and _SET_NOT_NULL.search(text):
        found.append((LOCK, "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock"))
    if existing and "null" in words and _ADD_NOT_NULL.search(text):
        found.append(
            (LOCK, "adding a NOT NULL without NOT VALID scans the whole table under a lock")
        )

    if existing and "enforced" in words and _ENFORCED_AGAIN.search(text):
        found.append((LOCK, "ENFORCED validates every row under an ACCESS EXCLUSIVE lock"))

    constraint = _ADD_CONSTRAINT.search(text) if table_match and "add" in words else None
    if constraint and existing:
        kind = " ".join(constraint.group(1).upper().split())
        rest = constraint.group(2)
        if kind in ("FOREIGN KEY", "CHECK"):
            # NOT ENFORCED (18): nothing is checked, now or later.
            if not re.search(r"\bnot\s+(?:valid|enforced)\b", rest, re.IGNORECASE):
                found.append(
                    (LOCK, f"adding a {kind} without NOT VALID validates every row under a lock")
                )
        elif not re.search(r"\busing\s+index\b", rest, re.IGNORECASE):
            found.append((LOCK, f"adding a {kind} builds an index while blocking writes"))

    index = _CREATE_INDEX.match(text) if words.startswith("create") else None
    if index and not index.group(1) and unquote_name(index.group(2)) not in context.new_tables:
        found.append(
            (LOCK, "CREATE INDEX without CONCURRENTLY blocks writes to the table while it builds")
        )

    kinds = {kind for kind, _ in found}
    reasons = tuple(reason for kind in HAZARD_KINDS for k, reason in found if k == kind)
    return Statement(sql=sql, hazards=frozenset(kinds), reasons=reasons)
