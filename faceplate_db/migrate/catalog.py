"""What a snapshot reads from the catalog with its own queries, beside schemainspect's: the
objects schemainspect misses or misreads (domains outside the search path, identity sequences,
sequence and relation options, NOT VALID constraints), comments, and the database's extensions.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from faceplate_db.migrate.names import qualified_name

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

# Identity columns' sequences, which schemainspect does not read (only that a column is one).
_IDENTITIES_QUERY = """
SELECT n.nspname AS schema, c.relname AS table_name, a.attname AS column_name,
       s.relname AS sequence_name, q.seqstart AS start, q.seqincrement AS increment,
       q.seqmin AS minvalue, q.seqmax AS maxvalue, q.seqcache AS cache, q.seqcycle AS cycle
FROM pg_depend d
JOIN pg_class s ON s.oid = d.objid
JOIN pg_sequence q ON q.seqrelid = s.oid
JOIN pg_class c ON c.oid = d.refobjid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
  AND d.deptype = 'i' AND n.nspname = ANY(:schemas)
ORDER BY 1, 2, 3
"""

_EXTENSIONS_QUERY = """
SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
ORDER BY 1
"""


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
        return qualified_name(self.schema, self.name)

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
class Identity:
    """An identity column's sequence (in the table's schema): its name and options."""

    sequence_name: str
    start: int
    increment: int
    minvalue: int
    maxvalue: int
    cache: int
    cycle: bool

    @property
    def options(self) -> tuple[int, int, int, int, int, bool]:
        return (self.start, self.increment, self.minvalue, self.maxvalue, self.cache, self.cycle)

    @property
    def set_options_clause(self) -> str:
        """The ALTER COLUMN clause that gives an identity these options."""
        return (
            f"set start with {self.start} set increment by {self.increment} "
            f"set minvalue {self.minvalue} set maxvalue {self.maxvalue} set cache {self.cache} "
            f"set {'' if self.cycle else 'no '}cycle"
        )


@dataclass(frozen=True)
class CatalogFacts:
    """What a snapshot reads with its own queries, beside schemainspect's."""

    domains: dict[str, Domain]
    comments: dict[tuple[str, str], str]
    objects: frozenset[tuple[str, str]]
    extensions: dict[str, str]
    sequence_options: dict[str, str]
    relation_options: dict[str, tuple[str, tuple[str, ...], bool]]
    unvalidated: frozenset[str]
    identities: dict[tuple[str, str, str], Identity]  # (schema, table, column) -> its sequence


def read_catalog_facts(conn: Connection, schemas: tuple[str, ...]) -> CatalogFacts:
    params = {"schemas": list(schemas)}
    domains = {}
    for row in conn.execute(text(_DOMAINS_QUERY), params).mappings():
        domain = Domain(**{**row, "constraints": tuple(row["constraints"])})
        domains[domain.quoted_full_name] = domain
    return CatalogFacts(
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
        identities={
            (row.schema, row.table_name, row.column_name): Identity(*row[3:])
            for row in conn.execute(text(_IDENTITIES_QUERY), params)
        },
    )
