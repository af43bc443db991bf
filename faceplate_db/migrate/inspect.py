"""Reading a database's managed schemas with schemainspect, and fingerprinting them.

A database is read once into a `Snapshot`: a schemainspect inspector narrowed to the managed
schemas, plus what schemainspect misses (domains outside the search path, comments) and the
database's extensions (which live in any schema and are never dropped). The diff and the
fingerprint are both computed from snapshots.

A fingerprint is a short hash of a canonical text of every object in the managed schemas
(definitions as PostgreSQL prints them, plus comments), so two databases with the same schema
have the same fingerprint whatever order their objects were created in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from schemainspect import get_inspector
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from faceplate_db.config import parse_database_url

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
    "privileges",
    "collations",
)

_MANAGED_COLUMNS = """
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas) AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind NOT IN ('i', 'I')
"""

# Every object in the managed schemas but columns, as (classoid, objid, objsubid).
_MANAGED_NON_COLUMNS = """
SELECT 'pg_namespace'::regclass AS classoid, n.oid AS objid, 0 AS objsubid FROM pg_namespace n WHERE n.nspname = ANY(:schemas)
UNION ALL SELECT 'pg_class'::regclass, c.oid, 0 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(:schemas) AND c.relkind <> 't'
UNION ALL SELECT 'pg_proc'::regclass, p.oid, 0 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY(:schemas)
UNION ALL SELECT 'pg_type'::regclass, t.oid, 0 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY(:schemas) AND t.typtype IN ('e', 'd', 'r', 'm')
UNION ALL SELECT 'pg_constraint'::regclass, c.oid, 0 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = ANY(:schemas)
UNION ALL SELECT 'pg_trigger'::regclass, t.oid, 0 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(:schemas) AND NOT t.tgisinternal
UNION ALL SELECT 'pg_policy'::regclass, p.oid, 0 FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(:schemas)
"""

_MANAGED_OBJECTS = f"""{_MANAGED_NON_COLUMNS}
UNION ALL SELECT 'pg_class'::regclass, a.attrelid, a.attnum {_MANAGED_COLUMNS}"""

# Comments on objects in the managed schemas (and on the schemas), as
# (object type, identity, text): pg_identify_object's identity is what COMMENT ON takes.
_COMMENTS_QUERY = f"""
SELECT o.type, o.identity, d.description
FROM ({_MANAGED_OBJECTS}) m
JOIN pg_description d ON d.classoid = m.classoid AND d.objoid = m.objid AND d.objsubid = m.objsubid
CROSS JOIN LATERAL pg_identify_object(m.classoid, m.objid, m.objsubid) o
ORDER BY 1, 2
"""

# Column identities are spelled here as pg_identify_object spells them: it takes most of the
# query's time over thousands of columns.
_OBJECTS_QUERY = f"""
SELECT o.type, o.identity
FROM ({_MANAGED_NON_COLUMNS}) m
CROSS JOIN LATERAL pg_identify_object(m.classoid, m.objid, m.objsubid) o
UNION ALL
SELECT CASE c.relkind WHEN 'v' THEN 'view column' WHEN 'm' THEN 'materialized view column'
         WHEN 'c' THEN 'composite type column' WHEN 'f' THEN 'foreign table column'
         WHEN 'S' THEN 'sequence column' ELSE 'table column' END,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(a.attname)
{_MANAGED_COLUMNS}"""

# One row per domain (schemainspect's query joins one row per constraint and filters on
# pg_type_is_visible, so it misses domains outside the search path).
_DOMAINS_QUERY = """
SELECT n.nspname AS schema, t.typname AS name,
       format_type(t.typbasetype, t.typtypmod) AS data_type,
       (SELECT quote_ident(c.collname) FROM pg_collation c, pg_type bt
        WHERE c.oid = t.typcollation AND bt.oid = t.typbasetype AND t.typcollation <> bt.typcollation) AS collation,
       t.typnotnull AS not_null,
       t.typdefault AS "default",
       coalesce((SELECT array_agg(quote_ident(r.conname) || ' ' || pg_get_constraintdef(r.oid, true) ORDER BY r.conname)
                 FROM pg_constraint r WHERE r.contypid = t.oid), '{}') AS constraints
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'd' AND n.nspname = ANY(:schemas)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                  AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1, 2
"""

# Sequence options schemainspect does not read (its CREATE SEQUENCE carries none). Identity
# sequences are left out: they follow their column.
_SEQUENCES_QUERY = """
SELECT format('%I.%I', n.nspname, c.relname) AS name,
       format('as %s increment by %s minvalue %s maxvalue %s start with %s cache %s %s',
              format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, s.seqstart,
              s.seqcache, CASE WHEN s.seqcycle THEN 'cycle' ELSE 'no cycle' END) AS options
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype = 'i')
ORDER BY 1
"""

# Storage parameters and FORCE ROW LEVEL SECURITY, which migra does not diff.
_RELATION_OPTIONS_QUERY = """
SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind,
       coalesce(c.reloptions, '{}') AS options, c.relforcerowsecurity AS force_rls
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas) AND c.relkind IN ('r', 'p', 'v', 'm')
  AND (c.reloptions IS NOT NULL OR c.relforcerowsecurity)
ORDER BY 1
"""

_UNVALIDATED_QUERY = """
SELECT format('%I.%I.%I', n.nspname, c.relname, k.conname)
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas) AND NOT k.convalidated
"""

_EXTENSIONS_QUERY = """
SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
ORDER BY 1
"""


def sqlalchemy_url(url: str) -> str:
    """migra and schemainspect reach PostgreSQL through SQLAlchemy with psycopg 3."""
    return parse_database_url(url).set(drivername="postgresql+psycopg").render_as_string(False)


@contextmanager
def inspection_connection(url: str) -> Iterator[Connection]:
    engine = create_engine(sqlalchemy_url(url), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Domain:
    schema: str
    name: str
    data_type: str
    collation: str | None
    not_null: bool
    default: str | None
    constraints: tuple[str, ...]

    @property
    def quoted_full_name(self) -> str:
        return f"{_quote(self.schema)}.{_quote(self.name)}"

    @property
    def create_statement(self) -> str:
        parts = [f"create domain {self.quoted_full_name} as {self.data_type}"]
        if self.collation:
            parts.append(f"collate {self.collation}")
        if self.default is not None:
            parts.append(f"default {self.default}")
        if self.not_null:
            parts.append("not null")
        parts.extend(f"constraint {constraint}" for constraint in self.constraints)
        return " ".join(parts) + ";"


@dataclass(frozen=True)
class Snapshot:
    """One database's managed schemas, read once."""

    schemas: tuple[str, ...]
    inspector: object  # schemainspect's PostgreSQL inspector, narrowed to `schemas`
    domains: dict[str, Domain]
    comments: dict[tuple[str, str], str]  # (object type, identity) -> comment
    objects: frozenset[tuple[str, str]]  # every commentable (object type, identity)
    extensions: dict[str, str]  # every extension in the database -> its schema
    sequence_options: dict[str, str]  # schema.sequence (quoted as needed) -> ALTER SEQUENCE options
    # schema.relation (quoted as needed) -> (relkind, sorted reloptions, force row level security)
    relation_options: dict[str, tuple[str, tuple[str, ...], bool]]
    unvalidated: frozenset[str]  # schema.table.constraint (quoted as needed) left NOT VALID


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


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


@dataclass(frozen=True)
class _CatalogFacts:
    """What a snapshot reads with its own queries, beside schemainspect's."""

    domains: dict[str, Domain]
    comments: dict[tuple[str, str], str]
    objects: frozenset[tuple[str, str]]
    extensions: dict[str, str]
    sequence_options: dict[str, str]
    relation_options: dict[str, tuple[str, tuple[str, ...], bool]]
    unvalidated: frozenset[str]


def _catalog_facts(conn: Connection, schemas: tuple[str, ...]) -> _CatalogFacts:
    params = {"schemas": list(schemas)}
    domains = {}
    for row in conn.execute(text(_DOMAINS_QUERY), params).mappings():
        domain = Domain(**{**row, "constraints": tuple(row["constraints"])})
        domains[domain.quoted_full_name] = domain
    return _CatalogFacts(
        domains=domains,
        comments={
            (kind, identity): description
            for kind, identity, description in conn.execute(text(_COMMENTS_QUERY), params)
        },
        objects=frozenset(tuple(row) for row in conn.execute(text(_OBJECTS_QUERY), params)),
        extensions=dict(conn.execute(text(_EXTENSIONS_QUERY)).all()),
        sequence_options=dict(conn.execute(text(_SEQUENCES_QUERY), params).all()),
        relation_options={
            name: (kind, tuple(sorted(options)), force)
            for name, kind, options, force in conn.execute(text(_RELATION_OPTIONS_QUERY), params)
        },
        unvalidated=frozenset(row[0] for row in conn.execute(text(_UNVALIDATED_QUERY), params)),
    )


def _assemble(inspector, facts: _CatalogFacts, schemas: tuple[str, ...]) -> Snapshot:
    _narrow(inspector, schemas)
    for name in facts.domains:
        # schemainspect lists a domain over an enum as an enum without values.
        inspector.enums.pop(name, None)
    return Snapshot(
        tuple(schemas),
        inspector,
        facts.domains,
        facts.comments,
        facts.objects,
        facts.extensions,
        facts.sequence_options,
        facts.relation_options,
        facts.unvalidated,
    )


def take_snapshot(conn: Connection, schemas: tuple[str, ...]) -> Snapshot:
    """The snapshot as conn sees it (inside its transaction, if one is open)."""
    return _assemble(get_inspector(conn), _catalog_facts(conn, schemas), schemas)


def snapshot(url: str, schemas: tuple[str, ...]) -> Snapshot:
    """The snapshot of a database: schemainspect's queries on one connection while ours run
    on a second (both wait mostly on the server)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        facts = pool.submit(_facts_of, url, schemas)
        with inspection_connection(url) as conn:
            inspector = get_inspector(conn)
        return _assemble(inspector, facts.result(), schemas)


def _facts_of(url: str, schemas: tuple[str, ...]) -> _CatalogFacts:
    with inspection_connection(url) as conn:
        return _catalog_facts(conn, schemas)


def inspect_schema(conn: Connection, schema: str):
    """A schemainspect inspector limited to one schema."""
    return take_snapshot(conn, (schema,)).inspector


def comments(url: str, schemas: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """Every comment on an object in the managed schemas, keyed by (object type, identity) as
    pg_identify_object gives them (e.g. ('table column', 'faceplate.users.email'))."""
    return snapshot(url, schemas).comments


def _table_definition(table) -> str:
    """A table's definition with its columns sorted by name: a migration can only append
    columns, so column order is not part of what must match."""
    columns = sorted(
        f"{column.creation_clause}{column.collation_subclause}"
        + (" inherited" if column.is_inherited else "")
        for column in table.columns.values()
    )
    facts = [
        f"kind={table.relationtype}",
        f"parent={table.parent_table}",
        f"partition_def={table.partition_def}",
        f"partition_bound={getattr(table, 'partition_bound', None)}",
        f"unlogged={table.is_unlogged}",
        f"rls={table.rowsecurity}",
    ]
    return " ".join(facts) + " columns: " + ", ".join(columns)


def canonical_text(snap: Snapshot) -> str:
    lines: list[str] = []
    for collection in _COLLECTIONS:
        objects = getattr(snap.inspector, collection, {}) or {}
        for key in sorted(objects):
            obj = objects[key]
            if collection == "tables":
                definition = _table_definition(obj)
            else:
                definition = getattr(obj, "create_statement", None) or repr(key)
            lines.append(f"{collection} {key}: {' '.join(definition.split())}")
    for key in sorted(snap.unvalidated):
        lines.append(f"not valid {key}")
    for key, options in sorted(snap.relation_options.items()):
        lines.append(f"relation options {key}: {options}")
    for key, options in sorted(snap.sequence_options.items()):
        lines.append(f"sequence options {key}: {options}")
    for key in sorted(snap.domains):
        lines.append(f"domains {key}: {snap.domains[key].create_statement}")
    for (kind, identity), description in sorted(snap.comments.items()):
        lines.append(f"comment {kind} {identity}: {description}")
    return "\n".join(lines)


def fingerprint(snap: Snapshot) -> str:
    """A 16-hex-digit fingerprint of the managed schemas' structure and comments."""
    return hashlib.sha256(canonical_text(snap).encode("utf-8")).hexdigest()[:16]


def canonical_schema_text(url: str, schemas: tuple[str, ...]) -> str:
    return canonical_text(snapshot(url, schemas))


def schema_fingerprint(url: str, schemas: tuple[str, ...]) -> str:
    """A 16-hex-digit fingerprint of the managed schemas' structure and comments."""
    return fingerprint(snapshot(url, schemas))
