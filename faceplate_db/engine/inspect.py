"""Reading a database's managed schemas with schemainspect, and fingerprinting them.

A database is read once into a `Snapshot`: a schemainspect inspector narrowed to the managed
schemas, plus what schemainspect misses (catalog.py). The diff and the fingerprint are both
computed from snapshots.

A fingerprint is a short hash of a canonical text of every object in the managed schemas
(definitions as PostgreSQL prints them, plus comments), so two databases with the same schema
have the same fingerprint whatever order their objects were created in.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from schemainspect import get_inspector
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from faceplate_db.config import driver_url
from faceplate_db.engine import schemainspect_fixes  # noqa: F401  (applied at import)
from faceplate_db.engine.catalog import CatalogFacts, read_catalog_facts
from faceplate_db.engine.view_text import unqualified_top_level

# The inspector's collections that describe a schema's objects (domains are read separately:
# schemainspect only sees those on the search path). Extensions are left out: the tool creates
# the ones schema.sql needs and never drops one, so a live database may hold more.
_COLLECTIONS = (
    "schemas",
    "enums",
    "composite_types",
    "sequences",
    "tables",
    "views",
    "materialized_views",
    "functions",
    "constraints",
    "indexes",
    "triggers",
    "rlspolicies",
    "collations",
)
# Their definitions are printed differently by 15 and by 16+ (view_text.py).
_VIEW_COLLECTIONS = ("views", "materialized_views")


def sqlalchemy_url(url: str) -> str:
    """migra and schemainspect reach PostgreSQL through SQLAlchemy with psycopg 3."""
    return driver_url(url, "psycopg")


@contextmanager
def inspection_connection(url: str) -> Iterator[Connection]:
    engine = create_engine(sqlalchemy_url(url), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Snapshot(CatalogFacts):
    """One database's managed schemas, read once: schemainspect's inspector plus our own
    catalog facts."""

    schemas: tuple[str, ...] = ()
    inspector: object = None  # schemainspect's PostgreSQL inspector, narrowed to `schemas`


def _narrow(inspector, schemas: tuple[str, ...]) -> None:
    """Keeps only objects in the managed schemas in every collection of the inspector
    (schemainspect's own filter takes one schema and misses some collections)."""
    wanted = set(schemas)
    for name, value in list(vars(inspector).items()):
        if isinstance(value, dict) and value:
            sample = next(iter(value.values()))
            if hasattr(sample, "schema"):
                kept = {k: v for k, v in value.items() if v.schema in wanted}
                setattr(inspector, name, type(value)(kept))


def _assemble(inspector, facts: CatalogFacts, schemas: tuple[str, ...]) -> Snapshot:
    _narrow(inspector, schemas)
    for name in facts.domains:
        # schemainspect lists a domain over an enum as an enum without values.
        inspector.enums.pop(name, None)
    for key, table in inspector.tables.items():
        table.partition_key = facts.subpartition_keys.get(key)
        for name, column in table.columns.items():
            # What schemainspect does not read, where the column's clauses look for it.
            column.is_virtual = (key, name) in facts.virtual_columns
            column.not_null_constraint = facts.not_nulls.get((key, name))
    for key, parents in facts.several_parents.items():
        if key in inspector.tables:
            inspector.tables[key].parent_table = parents
    for key, function in inspector.functions.items():
        # What schemainspect misreads, where its own methods look for it.
        function.facts = facts.functions.get(key)
    for key, constraint in inspector.constraints.items():
        # What PostgreSQL 18 added, where schemainspect_fixes' statements look for it.
        constraint.is_enforced = key not in facts.not_enforced
        constraint.is_temporal = key in facts.temporal_constraints
    for key, foreign_key in facts.foreign_keys.items():
        if foreign_key.derived:
            # They come and go with the foreign key they were made from.
            inspector.constraints.pop(key, None)
    return Snapshot(**vars(facts), schemas=tuple(schemas), inspector=inspector)


@contextmanager
def qualified_names(conn: Connection) -> Iterator[None]:
    """Definitions are printed with every name outside pg_catalog qualified, whatever search
    path the role or the database sets (PostgreSQL leaves out the schemas on the path), so two
    databases compare alike and the statements made from them run under any search path. The
    search path is set back afterwards, in the transaction or not."""
    before = conn.execute(text("SELECT current_setting('search_path')")).scalar_one()
    conn.execute(text("SELECT set_config('search_path', 'pg_catalog', false)"))
    try:
        yield
    finally:
        conn.execute(text("SELECT set_config('search_path', :path, false)"), {"path": before})


def take_snapshot(conn: Connection, schemas: tuple[str, ...]) -> Snapshot:
    """The snapshot as conn sees it (inside its transaction, if one is open)."""
    with qualified_names(conn):
        return _assemble(get_inspector(conn), read_catalog_facts(conn, schemas), schemas)


def snapshot(url: str, schemas: tuple[str, ...]) -> Snapshot:
    """The snapshot of a database: schemainspect's queries on one connection while ours run
    on a second (both wait mostly on the server)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        facts = pool.submit(_facts_of, url, schemas)
        with inspection_connection(url) as conn, qualified_names(conn):
            inspector = get_inspector(conn)
        return _assemble(inspector, facts.result(), schemas)


def _facts_of(url: str, schemas: tuple[str, ...]) -> CatalogFacts:
    with inspection_connection(url) as conn, qualified_names(conn):
        return read_catalog_facts(conn, schemas)


def inspect_schema(conn: Connection, schema: str):
    """A schemainspect inspector limited to one schema."""
    return take_snapshot(conn, (schema,)).inspector


def comments(url: str, schemas: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """Every comment on an object in the managed schemas, keyed by (object type, identity) as
    pg_identify_object gives them (e.g. ('table column', 'faceplate.users.email'))."""
    return snapshot(url, schemas).comments


def _column_definition(table, column) -> str:
    """A column's clause; a partition's column that shows its partitioned table's identity
    (PostgreSQL 17+ shares it with the partitions) is written as 16 writes it, without."""
    if column.is_identity and table.parent_table and table.partition_def:
        column = copy.copy(column)
        column.is_identity = False
    return column.creation_clause + (" inherited" if column.is_inherited else "")


def _table_definition(table) -> str:
    """A table's definition with its columns sorted by name: a migration can only append
    columns, so column order is not part of what must match."""
    columns = sorted(_column_definition(table, column) for column in table.columns.values())
    facts = [
        f"kind={table.relationtype}",
        f"parent={table.parent_table}",
        f"partition_def={table.partition_def}",
        f"partition_bound={getattr(table, 'partition_bound', None)}",
        f"partition_key={getattr(table, 'partition_key', None)}",
        f"unlogged={table.is_unlogged}",
        f"rls={table.rowsecurity}",
    ]
    return " ".join(facts) + " columns: " + ", ".join(columns)


# Objects' kinds in the privileges -> acldefault's object type (catalog/privileges.py).
_ACLDEFAULT_TYPES = {"table": "r", "sequence": "s", "routine": "f", "schema": "n", "type": "T"}


def _baseline_grants(snap: Snapshot, kind: str, grants) -> list:
    """An object's grants as a server of the baseline major would hold them: a privilege type
    the baseline lacks (MAINTAIN, 17) is left out where this server gives it by default, and
    said where it was taken away, so the same schema has the same fingerprint on every major."""
    newer = snap.capabilities.privileges_beyond_baseline
    builtin = snap.builtin_privileges.get(_ACLDEFAULT_TYPES.get(kind, ""), frozenset())
    by_default = {grant for grant in builtin if grant[1] in newer}
    held = {(grantee, privilege) for grantee, privilege, _ in grants}
    kept = [grant for grant in grants if grant not in by_default]
    taken_away = [
        (grantee, f"no {privilege}", option)
        for grantee, privilege, option in by_default
        if (grantee, privilege) not in held
    ]
    return sorted(kept + taken_away)


def canonical_text(snap: Snapshot) -> str:
    lines: list[str] = []
    for collection in _COLLECTIONS:
        objects = getattr(snap.inspector, collection, {}) or {}
        for key in sorted(objects):
            obj = objects[key]
            if collection == "tables":
                definition = _table_definition(obj)
            elif collection in _VIEW_COLLECTIONS:
                definition = unqualified_top_level(obj.create_statement)
            else:
                definition = getattr(obj, "create_statement", None) or repr(key)
            lines.append(f"{collection} {key}: {' '.join(definition.split())}")
    for key in sorted(snap.unvalidated):
        lines.append(f"not valid {key}")
    for (table, column), constraint in sorted(snap.not_nulls.items()):
        if not constraint.validated:  # the rest is in the column's clause
            lines.append(f"not null {table}.{column}: not valid")
    for row in sorted(snap.default_privileges, key=str):
        if row[1] is not None:  # the managed schemas'
            role = "CURRENT" if row[0] == snap.current_user else row[0]
            lines.append(f"default privileges {(role, *row[1:])}")
    keyed = {
        "relation options": snap.relation_options,
        "sequence options": snap.sequence_options,
        "identity": snap.identities,
        "column settings": snap.column_settings,
        "table settings": snap.table_settings,
        "statistics": snap.statistics,
        "privileges": {
            key: _baseline_grants(snap, key[0], p.grants) for key, p in snap.privileges.items()
        },
        "aggregate": snap.aggregates,
        "rule": snap.rules,
        "range": snap.ranges,
        "text search dictionary": snap.text_search_dictionaries,
        "text search configuration": snap.text_search_configurations,
        "domains": {key: domain.create_statement for key, domain in snap.domains.items()},
        "comment": snap.comments,
    }
    for label, facts in keyed.items():
        for key in sorted(facts, key=str):
            name = ".".join(str(part) for part in key) if isinstance(key, tuple) else key
            lines.append(f"{label} {name}: {' '.join(str(facts[key]).split())}")
    return "\n".join(lines)


def fingerprint(snap: Snapshot) -> str:
    """A 16-hex-digit fingerprint of the managed schemas' structure and comments."""
    return hashlib.sha256(canonical_text(snap).encode("utf-8")).hexdigest()[:16]


def canonical_schema_text(url: str, schemas: tuple[str, ...]) -> str:
    return canonical_text(snapshot(url, schemas))


def schema_fingerprint(url: str, schemas: tuple[str, ...]) -> str:
    """A 16-hex-digit fingerprint of the managed schemas' structure and comments."""
    return fingerprint(snapshot(url, schemas))
