"""Sequences and identity columns: what migra leaves out about them.

options            migra creates sequences without their options (increment, bounds, start,
                   cache); a sequence whose new bounds exclude its current value is restarted
                   at its new start, which the sequence statement then says
identities         an identity's sequence options and name (migra knows only that a column
                   is an identity, and creates it with the defaults)
serial <-> identity  the sequence going away is renamed out of the way first, so the new one
                   takes its name, and its position is carried over: ids continue where
                   they were instead of starting again at 1
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from faceplate_db.engine.catalog import Identity
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import (
    qualified_name,
    quote_identifier,
    string_literal,
    unquote_name,
)

_NAME_BYTES = 63  # NAMEDATALEN - 1
_TYPE_MAXIMUM = {"smallint": 2**15 - 1, "integer": 2**31 - 1, "bigint": 2**63 - 1}
_NEXTVAL = re.compile(r"^nextval\('((?:[^']|'')+)'::regclass\)$")


_BOUNDS = re.compile(r"\bminvalue (-?\d+) maxvalue (-?\d+)\b")
_WIDEST = "as bigint minvalue -9223372036854775808 maxvalue 9223372036854775807"


def sequence_option_changes(old: Snapshot, new: Snapshot) -> list[str]:
    """ALTER SEQUENCE for sequences created without their options or whose options change.
    Bounds that shrink may leave the current value outside them, which PostgreSQL refuses:
    the sequence is widened, its value brought inside the new bounds, then given them."""
    statements = []
    for name, options in sorted(new.sequence_options.items()):
        current = old.sequence_options.get(name)
        if current == options:
            continue
        before, after = _BOUNDS.search(current or ""), _BOUNDS.search(options)
        if (
            before
            and after
            and (
                int(after.group(1)) > int(before.group(1))
                or int(after.group(2)) < int(before.group(2))
            )
        ):
            low, high = after.group(1), after.group(2)
            statements += [
                f"alter sequence {name} {_WIDEST};",
                f"select setval({string_literal(name)}, least(greatest(last_value, {low}), "
                f"{high}), is_called) from {name};",
            ]
        statements.append(f"alter sequence {name} {options};")
    return statements


def _default_identity(data_type: str, name: str) -> Identity | None:
    """What PostgreSQL gives a new identity column of this type, if it can be told."""
    maximum = _TYPE_MAXIMUM.get(data_type)
    if maximum is None or len(name.encode()) > _NAME_BYTES:
        return None
    return Identity(name, 1, 1, 1, maximum, 1, False)


def _column_type(snap: Snapshot, schema: str, table: str, column: str) -> str:
    found = snap.inspector.tables.get(qualified_name(schema, table))
    info = found.columns.get(column) if found is not None else None
    return info.dbtypestr if info is not None else ""


def _names_in_use(snap: Snapshot, schema: str) -> set[str]:
    """Relation names of the schema (tables, views, indexes, sequences, identity sequences)."""
    prefix = quote_identifier(schema) + "."
    inspector = snap.inspector
    keys = [*inspector.relations, *inspector.indexes, *inspector.sequences]
    names = {key for key in keys if key.startswith(prefix)}
    names |= {
        qualified_name(s, i.sequence_name)
        for (s, _, _), i in snap.identities.items()
        if s == schema
    }
    return names


def identity_changes(old: Snapshot, new: Snapshot) -> list[str]:
    """Options and names of identity sequences, run once the tables have their identities."""
    statements = []
    taken_by_schema: dict[str, set[str]] = {}
    for (schema, table, column), target in sorted(new.identities.items()):
        current = old.identities.get((schema, table, column))
        if current is None:  # created by this migration, with PostgreSQL's defaults
            data_type = _column_type(new, schema, table, column)
            current = _default_identity(data_type, f"{table}_{column}_seq")
            if current is None:
                continue
            if schema not in taken_by_schema:
                taken_by_schema[schema] = _names_in_use(old, schema) | _names_in_use(new, schema)
            if qualified_name(schema, current.sequence_name) in taken_by_schema[schema]:
                # PostgreSQL then picks another name, which cannot be known here.
                current = replace(current, sequence_name=target.sequence_name)
        column_sql = (
            f"alter table {qualified_name(schema, table)} alter column {quote_identifier(column)}"
        )
        if current.options != target.options:
            statements.append(f"{column_sql} {target.set_options_clause};")
        if current.sequence_name != target.sequence_name:
            statements.append(
                f"alter sequence {qualified_name(schema, current.sequence_name)} "
                f"rename to {quote_identifier(target.sequence_name)};"
            )
    return statements


def _out_of_the_way(name: str) -> str:
    suffix = "__faceplate_old"
    return name.encode()[: _NAME_BYTES - len(suffix)].decode(errors="ignore") + suffix


def _owned_sequence(default: str | None) -> str | None:
    """'schema.seq' of a nextval('...'::regclass) default."""
    match = _NEXTVAL.match(default or "")
    return unquote_name(match.group(1).replace("''", "'")) if match else None


@dataclass
class SerialIdentitySwaps:
    """Statements for columns that turn from serial into identity or back."""

    before_sequences: list[str] = field(default_factory=list)  # names freed
    after_sequences: list[str] = field(default_factory=list)  # identity -> serial: position
    after_tables: list[str] = field(default_factory=list)  # serial -> identity: position
    replaced: dict[str, str] = field(default_factory=dict)  # migra's drop -> the renamed one's


def serial_identity_swaps(old: Snapshot, new: Snapshot) -> SerialIdentitySwaps:
    swaps = SerialIdentitySwaps()
    old_sequences = {unquote_name(k): s for k, s in old.inspector.sequences.items()}
    new_sequences = {unquote_name(k): s for k, s in new.inspector.sequences.items()}
    for key, table in new.inspector.tables.items():
        before = old.inspector.tables.get(key)
        if before is None:
            continue
        for name, column in table.columns.items():
            previous = before.columns.get(name)
            if previous is None:
                continue
            where = (table.schema, table.name, name)
            column_literal = f"{string_literal(table.quoted_full_name)}, {string_literal(name)}"
            serial = _owned_sequence(previous.default)
            if (
                where in new.identities
                and where not in old.identities
                and serial in old_sequences
                and serial not in new_sequences
            ):
                sequence = old_sequences[serial]
                moved = _out_of_the_way(sequence.name)
                moved_name = qualified_name(sequence.schema, moved)
                # No longer the column's, so pg_get_serial_sequence finds the identity's.
                swaps.before_sequences += [
                    f"alter sequence {sequence.quoted_full_name} rename to "
                    f"{quote_identifier(moved)};",
                    f"alter sequence {moved_name} owned by none;",
                ]
                swaps.after_tables.append(
                    f"select setval(pg_get_serial_sequence({column_literal}), last_value, "
                    f"is_called) from {moved_name};"
                )
                swaps.replaced[sequence.drop_statement] = f"drop sequence if exists {moved_name};"
            serial = _owned_sequence(column.default)
            identity = old.identities.get(where)
            if (
                identity is not None
                and where not in new.identities
                and serial in new_sequences
                and serial not in old_sequences
            ):
                source = qualified_name(table.schema, identity.sequence_name)
                if unquote_name(source) == serial:
                    moved = _out_of_the_way(identity.sequence_name)
                    swaps.before_sequences.append(
                        f"alter sequence {source} rename to {quote_identifier(moved)};"
                    )
                    source = qualified_name(table.schema, moved)
                swaps.after_sequences.append(
                    f"select setval({string_literal(new_sequences[serial].quoted_full_name)}, "
                    f"last_value, is_called) from {source};"
                )
    return swaps
