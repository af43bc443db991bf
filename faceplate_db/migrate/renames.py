"""Declared renames resolved against the live database and schema.sql's scratch database.

For a given live database, each `rename KIND OLD to NEW` directive (directives.py) is:

  pending   OLD exists live and NEW does not: the migration renames it
  done      NEW exists live and OLD does not: nothing to do, so the directive may stay in
            schema.sql for ever
  absent    neither exists live (a database from before the object): nothing to rename; but if
            the diff would drop something of that kind from the same place, the old name is
            taken to be misspelt, and that is an error: a rename never falls back to drop + add
  an error  both exist live; or schema.sql does not define NEW (nor may it still define OLD)

Directives apply in file order, each to the names the ones before it left, so a later
directive may use an earlier one's new name. The live database is only read: its names after
the pending renames are worked out from its catalog. In the scratch database holding
schema.sql the pending renames are undone (NEW -> OLD, last first), so the diff from the live
database to it is expressed in the live database's names, and PostgreSQL itself carries views,
defaults, indexes, constraints, comments and grants over. The renames run after that diff, and
the result is schema.sql as written. A down migration undoes them first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from faceplate_db.engine import (
    BREAKING,
    Statement,
    qualified_name,
    quote_identifier,
    string_literal,
)
from faceplate_db.migrate.directives import Rename
from faceplate_db.migrate.named_objects import (
    RELATIONS,
    Names,
    container,
    dotted,
    live_name,
    namespace,
    scratch_name,
)
from faceplate_db.migrate.scratch import connect

# What each declared kind may be in the catalog (relkind, typtype, prokind; see sql/names.sql).
_ACCEPTED = {
    "table": {"r", "p", "f"},
    "view": {"v"},
    "materialized view": {"m"},
    "sequence": {"S"},
    "index": {"i", "I"},
    "type": {"e", "c", "d", "r", "m", "b"},
    "function": {"f", "p", "w"},
}
_SPELLED = {
    "r": "table",
    "p": "table",
    "f": "foreign table",
    "v": "view",
    "m": "materialized view",
    "S": "sequence",
    "i": "index",
    "I": "index",
    "c": "composite type",
    "t": "TOAST table",
    "row": "table's row type",
    "e": "enum",
    "d": "domain",
    "b": "base type",
    "a": "aggregate",
}
# The relation kinds whose columns and constraints a rename may name, and the ALTER for each.
_COLUMN_OWNERS = {
    "r": "table",
    "p": "table",
    "f": "foreign table",
    "v": "view",
    "m": "materialized view",
}
_CONSTRAINT_OWNERS = {"r": "table", "p": "table", "f": "foreign table"}


def _check_kind(rename: Rename, kind: str, names: Names, path, where: str) -> None:
    """The object found is of the kind the directive says (a view is not a table)."""
    if rename.kind in _ACCEPTED and kind not in _ACCEPTED[rename.kind]:
        raise rename.error(
            f"{dotted(path)} is a {_SPELLED.get(kind, kind)} {where}, not a {rename.kind}"
        )
    holder = container(rename.kind, path)
    owners = {"column": _COLUMN_OWNERS, "constraint": _CONSTRAINT_OWNERS}.get(rename.kind)
    if owners is not None:
        owner = names.kinds.get(holder)[0]
        if owner not in owners:
            raise rename.error(
                f"{dotted(holder[1])} is a {_SPELLED.get(owner, owner)}: "
                f"{rename.kind} renames are for tables"
                + (" and views" if rename.kind == "column" else "")
            )


def rename_sql(rename: Rename, names: Names, where: tuple[str, ...]) -> str:
    """ALTER ... RENAME for `rename`, as written (the names the renames before it left); the
    object is looked up in `names` as `where`, for the ALTER its kind takes."""
    path, new = rename.old, quote_identifier(rename.new)
    if rename.kind == "schema":
        return f"alter schema {quote_identifier(path[0])} rename to {new};"
    if rename.kind in RELATIONS:
        relation = _SPELLED[names.kind_of(rename, where)]
        return f"alter {relation} {qualified_name(*path)} rename to {new};"
    if rename.kind == "type":
        keyword = "domain" if names.kind_of(rename, where) == "d" else "type"
        return f"alter {keyword} {qualified_name(*path)} rename to {new};"
    if rename.kind == "function":
        arguments = f"({rename.arguments})" if rename.arguments is not None else ""
        return f"alter routine {qualified_name(*path)}{arguments} rename to {new};"
    table = qualified_name(*path[:2])
    if rename.kind == "enum value":
        return (
            f"alter type {table} rename value {string_literal(path[2])} "
            f"to {string_literal(rename.new)};"
        )
    owner = names.kinds[("relation", where[:2])][0]
    keyword = "column" if rename.kind == "column" else "constraint"
    alter = _COLUMN_OWNERS[owner] if rename.kind == "column" else _CONSTRAINT_OWNERS[owner]
    return f"alter {alter} {table} rename {keyword} {quote_identifier(path[2])} to {new};"


def _statement(sql: str, rename: Rename, old: tuple[str, ...], new: str) -> Statement:
    reason = (
        f"renames {rename.kind} {dotted(old)} to {new}: running code that uses the old name breaks"
    )
    return Statement(sql=sql, hazards=frozenset({BREAKING}), reasons=(reason,))


@dataclass(frozen=True)
class RenamePlan:
    """The renames a migration makes, and what the diff around them needs to know."""

    statements: tuple[Statement, ...] = ()  # run after the diff, in file order
    undo: tuple[Statement, ...] = ()  # a down migration's first statements, last rename first
    # The managed schemas under their live names (a pending schema rename has its old name).
    schemas: tuple[str, ...] = ()

    @property
    def pending(self) -> bool:
        return bool(self.statements)


def _schemas_read(renames: list[Rename], schemas: tuple[str, ...]) -> tuple[str, ...]:
    named = {rename.old[0] for rename in renames} | {
        rename.new for rename in renames if rename.kind == "schema"
    }
    return tuple(sorted(set(schemas) | named))


def _refuse_unmanaged(renames: list[Rename], schemas: tuple[str, ...]) -> None:
    allowed = set(schemas) | {r.old[0] for r in renames if r.kind == "schema"}
    for rename in renames:
        if rename.kind == "schema" and rename.new not in schemas:
            raise rename.error(
                f"{rename.new} is not a managed schema (--schema, [tool.faceplate-db] schemas): "
                "a schema is renamed to one faceplate-db manages"
            )
        if rename.kind != "schema" and rename.old[0] not in allowed:
            raise rename.error(
                f"{rename.old[0]} is not a managed schema (--schema, [tool.faceplate-db] "
                "schemas): faceplate-db renames only what it manages"
            )


def resolve(
    renames: list[Rename], live_url: str, scratch_url: str, schemas: tuple[str, ...]
) -> RenamePlan:
    """Sorts the directives (see the module docstring), undoes the pending ones in the scratch
    database, and returns the statements that make them. Changes the scratch database only."""
    if not renames:
        return RenamePlan(schemas=schemas)
    _refuse_unmanaged(renames, schemas)
    read = _schemas_read(renames, schemas)
    with (
        connect(live_url, autocommit=True) as live_conn,
        connect(scratch_url, autocommit=True) as scratch_conn,
    ):
        live = Names(live_conn, read)
        pending, absent, statements = [], [], []
        for rename in renames:
            old = live_name(pending, rename.kind, rename.old)
            new = live_name(pending, rename.kind, rename.new_path)
            old_kind, new_kind = live.kind_of(rename, old), live.kind_of(rename, new)
            if old_kind and new_kind:
                raise rename.error(
                    f"both {dotted(old)} and {dotted(new)} exist in the live database: rename "
                    "or drop one by hand first, or remove the directive"
                )
            if old_kind:
                _check_kind(rename, old_kind, live, old, "in the live database")
                statements.append(
                    _statement(rename_sql(rename, live, old), rename, rename.old, rename.new)
                )
                pending.append(rename)
            elif new_kind:
                _check_kind(rename, new_kind, live, new, "in the live database")
            else:
                absent.append((rename, list(pending)))
        target = Names(scratch_conn, read)
        undo = []
        kept: list[Rename] = []  # later directives the scratch database keeps, in file order
        for rename in reversed(renames):
            new = scratch_name(kept, rename.kind, rename.new_path)
            new_kind = target.kind_of(rename, new)
            if not new_kind:
                raise rename.error(
                    f"schema.sql does not define {rename.kind} {dotted(rename.new_path)}: "
                    "a rename needs its new name defined (is a name misspelt? directives apply "
                    "in file order: one that uses a name another gives comes after it)"
                )
            _check_kind(rename, new_kind, target, new, "in schema.sql")
            if rename not in pending:
                kept.insert(0, rename)
                continue
            if target.kind_of(rename, (*new[:-1], rename.old[-1])):
                raise rename.error(
                    f"schema.sql defines both {dotted(rename.old)} and "
                    f"{dotted(rename.new_path)}: the old name can be used again only in a "
                    "later migration, after this rename is applied"
                )
            back = replace(rename, old=new, new=rename.old[-1])
            sql = rename_sql(back, target, back.old)
            scratch_conn.execute(sql)
            undo.append(_statement(sql, back, new, rename.old[-1]))
            target.reread()
        for rename, before in absent:
            _refuse_drop_and_add(rename, before, live, target)
    live_schemas = [live_name(pending, "schema", (schema,)) for schema in schemas]
    live_schemas = tuple(dict.fromkeys(path[0] for path in live_schemas if path is not None))
    return RenamePlan(tuple(statements), tuple(undo), live_schemas)


def _refuse_drop_and_add(rename: Rename, pending: list[Rename], live: Names, target: Names):
    """An absent directive is fine unless the diff would drop something of its kind from the
    place it names: then the directive's old name is most likely misspelt."""
    holder = container(rename.kind, rename.old)
    if holder is None:
        return
    holder_ns, holder_path = holder
    where = live_name(pending, holder_ns, holder_path)
    if where is None or not live.kinds.get((holder_ns, where)):
        return  # the place itself is new: the object is simply created
    ns, accepted = namespace(rename.kind), _ACCEPTED.get(rename.kind)
    dropped = live.names_in(ns, where, accepted) - target.names_in(ns, where, accepted)
    if dropped:
        listed = ", ".join(dotted((*where, name)) for name in sorted(dropped))
        raise rename.error(
            f"neither {dotted(rename.old)} nor {dotted(rename.new_path)} exists in the live "
            f"database, and the diff would drop {listed}: is the old name misspelt? (A rename "
            "never falls back to dropping and adding.)"
        )
