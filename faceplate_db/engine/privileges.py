"""Privileges, owners and default privileges of the managed objects, in place of migra's
(which reads only table grants: it misses those on views, columns, sequences, functions,
schemas and types, grant options, default privileges and owners, and loses a view's grants
when it recreates the view).

Every object's privileges are compared whole, as (grantee, privilege, grant option): an
object that was never granted on has PostgreSQL's default, so a REVOKE ... FROM PUBLIC is a
difference like any other. The owner's own privileges are compared as OWNER's, whoever owns.

Roles are the cluster's, so the role that loaded schema.sql into the scratch database
stands for whoever applies the migration: an object that role owns in the target has no owner
of its own in schema.sql, and the live owner is kept (a database whose objects belong to an
application role, migrated by an administrator, keeps them); an object owned by another role
in the target is given to it. An object the migration creates (or drops and creates again)
starts with what PostgreSQL gives a new object of its kind, made by the applying role, under
the default privileges in force after this migration changed them.

The target is what a new database holding schema.sql has, so a managed public schema is given
template0's owner and privileges (pg_database_owner; USAGE for all, since PostgreSQL 15) unless
schema.sql says otherwise: a database made before 15 loses CREATE for all, in the open.
"""

from __future__ import annotations

from collections import defaultdict

from faceplate_db.engine.domains import recreated_domains
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import quote_identifier, unquote_name

_GRANT_WORDS = {
    "table": "table",
    "sequence": "sequence",
    "routine": "routine",
    "schema": "schema",
    "type": "type",
}
_OWNER_WORDS = {
    "r": "table",
    "p": "table",
    "v": "view",
    "m": "materialized view",
    "f": "foreign table",
    "S": "sequence",
    "d": "domain",
}
# The kind of object -> acldefault's object type, and pg_default_acl's.
_ACLDEFAULT_TYPES = {"table": "r", "sequence": "s", "routine": "f", "schema": "n", "type": "T"}
_DEFAULT_ACL_TYPES = {"table": "r", "sequence": "S", "routine": "f", "schema": "n", "type": "T"}
_DEFAULT_ACL_WORDS = {
    "r": "tables",
    "S": "sequences",
    "f": "functions",
    "T": "types",
    "n": "schemas",
}

Grants = frozenset[tuple[str, str, bool]]


def _schema_of(kind: str, key: str) -> str:
    return unquote_name(key if kind == "schema" else key.split('"."', 1)[0] + '"')


def _grantee(name: str, owner: str) -> str:
    if name == "PUBLIC":
        return "public"
    return quote_identifier(owner if name == "OWNER" else name)


def _in_target_terms(old: Snapshot, new: Snapshot, role: str) -> str:
    """The role that loaded the target stands for the one applying the migration."""
    return old.current_user if role == new.current_user else role


def _default_privileges(old: Snapshot, new: Snapshot) -> tuple[set, set]:
    """The managed schemas' default privileges, (live, target), in the applying role's terms."""
    live = {row for row in old.default_privileges if row[1] is not None}
    target = {
        (
            _in_target_terms(old, new, row[0]),
            *row[1:3],
            _in_target_terms(old, new, row[3]),
            *row[4:],
        )
        for row in new.default_privileges
        if row[1] is not None
    }
    return live, target


def default_privilege_changes(old: Snapshot, new: Snapshot) -> list[str]:
    """ALTER DEFAULT PRIVILEGES, run before objects are created so that they get them."""
    live, target = _default_privileges(old, new)
    statements = []
    for verb, rows in (("revoke", live - target), ("grant", target - live)):
        groups: dict[tuple, list[str]] = defaultdict(list)
        for role, schema, objtype, grantee, privilege, grantable in sorted(rows):
            groups[(role, schema, objtype, grantee, grantable and verb == "grant")].append(
                privilege
            )
        for (role, schema, objtype, grantee, grantable), privileges in groups.items():
            words = f"on {_DEFAULT_ACL_WORDS[objtype]} {'from' if verb == 'revoke' else 'to'}"
            statements.append(
                f"alter default privileges for role {quote_identifier(role)} in schema "
                f"{quote_identifier(schema)} {verb} {', '.join(privileges)} {words} "
                f"{_grantee(grantee, role)}{' with grant option' if grantable else ''};"
            )
    return statements


def _fresh_grants(old: Snapshot, new: Snapshot, kind: str, schema: str) -> Grants:
    """What an object of this kind gets when the applying role creates it in schema."""
    applier = old.current_user
    objtype = _DEFAULT_ACL_TYPES[kind]
    database_wide = {
        ("OWNER" if grantee == applier else grantee, privilege, grantable)
        for role, where, kind_, grantee, privilege, grantable in old.default_privileges
        if where is None and role == applier and kind_ == objtype
    }
    grants = set(database_wide or old.builtin_privileges.get(_ACLDEFAULT_TYPES[kind], ()))
    _, target = _default_privileges(old, new)
    grants |= {
        ("OWNER" if grantee == applier else grantee, privilege, grantable)
        for role, where, kind_, grantee, privilege, grantable in target
        if role == applier and where == schema and kind_ == objtype
    }
    return frozenset(grants)


def recreated_objects(old: Snapshot, new: Snapshot, statements: list[str]) -> set[str]:
    """Keys of the objects (and 'table.column's) the statements drop, to create again."""
    dropped = set(statements)
    inspector = old.inspector
    keys = {
        key
        for collection in (inspector.relations, inspector.functions, inspector.sequences)
        for key, item in collection.items()
        if item.drop_statement in dropped
    }
    keys |= {
        key
        for key, selectable in inspector.selectables.items()
        if selectable.relationtype == "c" and selectable.drop_statement in dropped
    }
    keys |= {key for key in old.domains if f"drop domain {key};" in dropped}
    keys |= recreated_domains(old, new)
    for key, table in inspector.tables.items():
        if not table.is_alterable:  # partitions' columns are their parent's
            continue
        for name, column in table.columns.items():
            if table.alter_table_statement(column.drop_column_clause) in dropped:
                keys.add(f"{key}.{quote_identifier(name)}")
    return keys


def _changes(on: str, owner: str, current: Grants, wanted: Grants, column: str | None) -> list:
    """REVOKE and GRANT statements turning current into wanted."""
    wanted_pairs = {(grantee, privilege) for grantee, privilege, _ in wanted}
    current_pairs = {(grantee, privilege): option for grantee, privilege, option in current}
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for grantee, privilege, option in sorted(current):
        if (grantee, privilege) not in wanted_pairs:
            groups[("revoke", grantee)].append(privilege)
        elif option and (grantee, privilege, True) not in wanted:
            groups[("revoke grant option for", grantee)].append(privilege)
    for grantee, privilege, option in sorted(wanted):
        had = current_pairs.get((grantee, privilege))
        if had is None or (option and not had):
            groups[("grant with grant option" if option else "grant", grantee)].append(privilege)
    columns = f" ({quote_identifier(column)})" if column else ""
    statements = []
    for (verb, grantee), privileges in groups.items():
        listed = ", ".join(f"{privilege}{columns}" for privilege in privileges)
        who = _grantee(grantee, owner)
        if verb.startswith("revoke"):
            statements.append(f"{verb} {listed} on {on} from {who};")
        else:
            option = " with grant option" if verb.endswith("option") else ""
            statements.append(f"grant {listed} on {on} to {who}{option};")
    return statements


def _owner_after(old: Snapshot, new: Snapshot, key, fresh: bool) -> tuple[str, str | None]:
    """(the owner after the table statements, the owner the target asks for, if any)."""
    target = new.privileges[key].owner
    now = old.current_user if fresh else old.privileges[key].owner
    return now, (None if target == new.current_user else target)


def privilege_changes(old: Snapshot, new: Snapshot, statements: list[str]) -> list[str]:
    """Owners, then revokes, then grants, run once every object exists."""
    recreated = recreated_objects(old, new, statements)
    owners, grants = [], []
    for key in sorted(set(new.privileges) | set(old.privileges), key=str):
        kind, object_key, column = key
        if kind == "column":
            table = new.inspector.tables.get(object_key)
            if table is None or column not in table.columns:
                continue
            fresh = (
                object_key in recreated
                or object_key not in old.inspector.tables
                or f"{object_key}.{quote_identifier(column)}" in recreated
            )
            wanted = new.privileges[key].grants if key in new.privileges else Grants()
            current = (
                old.privileges[key].grants if key in old.privileges and not fresh else Grants()
            )
            on = f"table {object_key}"
            grants += _changes(on, old.current_user, current, wanted, column)
            continue
        if key not in new.privileges:
            continue
        fresh = key not in old.privileges or object_key in recreated
        now, asked = _owner_after(old, new, key, fresh)
        detail = new.privileges[key].detail
        if asked is not None and asked != now:
            word = "routine" if kind == "routine" else _OWNER_WORDS.get(detail, kind)
            owners.append(f"alter {word} {object_key} owner to {quote_identifier(asked)};")
        current = (
            _fresh_grants(old, new, kind, _schema_of(kind, object_key))
            if fresh
            else old.privileges[key].grants
        )
        on = f"{_GRANT_WORDS[kind]} {object_key}"
        grants += _changes(on, asked or now, current, new.privileges[key].grants, None)
    # A table's REVOKE takes the columns' privileges with it: revokes go first.
    return owners + sorted(grants, key=lambda sql: not sql.startswith("revoke "))
