"""Facts about tables, views and sequences that schemainspect does not read: sequence and
identity options, virtual generated columns, storage parameters, column and table settings, extended statistics, foreign
keys' indexes, NOT VALID constraints, several parents, sub-partition keys and rules."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

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


# Storage parameters in the order PostgreSQL keeps them (as set; pg_dump prints them so), the
# TOAST table's with their toast. prefix, and FORCE ROW LEVEL SECURITY.
_RELATION_OPTIONS_QUERY = """
SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind,
       coalesce(c.reloptions, '{}')
         || coalesce((SELECT array_agg('toast.' || o) FROM unnest(t.reloptions) o), '{}') AS options,
       c.relforcerowsecurity AS force_rls
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
WHERE n.nspname = ANY(:schemas) AND c.relkind IN ('r', 'p', 'v', 'm')
  AND (c.reloptions IS NOT NULL OR t.reloptions IS NOT NULL OR c.relforcerowsecurity)
ORDER BY 1
"""


# Per-column settings schemainspect does not read, where they differ from the defaults: the
# statistics target, storage (against the type's), compression and attribute options. The
# system PostgreSQL 15 of this machine stamps every column with an option of its own
# (pg_attver), which is not part of any schema.
_COLUMN_SETTINGS_QUERY = """
SELECT n.nspname AS schema, c.relname AS table_name, a.attname AS column_name,
       CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END AS statistics,
       CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage,
       t.typstorage AS type_storage,
       CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END AS compression,
       coalesce((SELECT array_agg(o) FROM unnest(a.attoptions) o WHERE o NOT LIKE 'pg_attver=%'),
                '{}') AS options
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
WHERE n.nspname = ANY(:schemas) AND c.relkind IN ('r', 'p', 'm') AND a.attnum > 0
  AND NOT a.attisdropped
  AND (a.attstattarget >= 0 OR a.attstorage <> t.typstorage OR a.attcompression <> ''
       OR EXISTS (SELECT 1 FROM unnest(a.attoptions) o WHERE o NOT LIKE 'pg_attver=%'))
ORDER BY 1, 2, 3
"""


# Replica identity other than the default, and the index a table is clustered on.
_TABLE_SETTINGS_QUERY = """
SELECT format('%I.%I', n.nspname, c.relname) AS name,
       CASE c.relreplident WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing'
         WHEN 'i' THEN (SELECT 'using index ' || quote_ident(i.relname) FROM pg_index x
                        JOIN pg_class i ON i.oid = x.indexrelid
                        WHERE x.indrelid = c.oid AND x.indisreplident) END AS replica_identity,
       (SELECT quote_ident(i.relname) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = c.oid AND x.indisclustered) AS clustered_on
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas) AND c.relkind IN ('r', 'p', 'm')
  AND (c.relreplident NOT IN ('d', 'p')
       OR EXISTS (SELECT 1 FROM pg_index x WHERE x.indrelid = c.oid AND x.indisclustered))
ORDER BY 1
"""


# Foreign keys: the index each one depends on (a primary key's or unique constraint's, or a
# unique index), and which ones PostgreSQL made itself from another (conparentid: the copies
# of a partitioned table's foreign key on its partitions, and those on the partitions of a
# partitioned table it references). Keys as schemainspect spells constraint and index keys.
_FOREIGN_KEYS_QUERY = """
SELECT format('"%s"."%s"."%s"', replace(n.nspname, '"', '""'), replace(c.relname, '"', '""'),
              replace(k.conname, '"', '""')) AS constraint_key,
       format('"%s"."%s"', replace(ni.nspname, '"', '""'), replace(i.relname, '"', '""')) AS index_key,
       k.conparentid <> 0 AS derived
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class i ON i.oid = k.conindid
JOIN pg_namespace ni ON ni.oid = i.relnamespace
WHERE k.contype = 'f' AND n.nspname = ANY(:schemas)
"""


# The partition keys of partitions that are partitioned themselves (schemainspect reads only
# their bounds).
_SUBPARTITION_KEYS_QUERY = """
SELECT format('"%s"."%s"', replace(n.nspname, '"', '""'), replace(c.relname, '"', '""')) AS key,
       pg_get_partkeydef(c.oid) AS partition_key
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas) AND c.relkind = 'p' AND c.relispartition
"""


# Tables inheriting from several (schemainspect reads the first), in order.
_PARENTS_QUERY = """
SELECT format('"%s"."%s"', replace(n.nspname, '"', '""'), replace(c.relname, '"', '""')) AS key,
       string_agg(format('"%s"."%s"', replace(pn.nspname, '"', '""'), replace(p.relname, '"', '""')),
                  ', ' ORDER BY i.inhseqno) AS parents
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class p ON p.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = p.relnamespace
WHERE n.nspname = ANY(:schemas) AND c.relkind IN ('r', 'p')
GROUP BY 1
HAVING count(*) > 1
"""


# Rules (other than the ones behind views), which schemainspect does not read.
_RULES_QUERY = """
SELECT format('%I.%I', n.nspname, c.relname) AS table_name, quote_ident(r.rulename) AS name,
       pg_get_ruledef(r.oid) AS definition
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas) AND r.rulename <> '_RETURN'
ORDER BY 1, 2
"""


# Extended statistics objects (CREATE STATISTICS), which schemainspect does not read.
_STATISTICS_QUERY = """
SELECT format('%I.%I', n.nspname, s.stxname) AS name, pg_get_statisticsobjdef(s.oid) AS definition,
       CASE WHEN s.stxstattarget >= 0 THEN s.stxstattarget END AS target
FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
WHERE n.nspname = ANY(:schemas)
ORDER BY 1
"""


# Virtual generated columns (PostgreSQL 18), which schemainspect reads as generated, without
# saying which kind.
_VIRTUAL_COLUMNS_QUERY = """
SELECT format('"%s"."%s"', replace(n.nspname, '"', '""'), replace(c.relname, '"', '""')), a.attname
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas) AND a.attgenerated = 'v' AND a.attnum > 0 AND NOT a.attisdropped
"""


# NOT VALID constraints (NOT NULL ones, PostgreSQL 18, are read with their columns:
# not_null.py).
_UNVALIDATED_QUERY = """
SELECT format('%I.%I.%I', n.nspname, c.relname, k.conname)
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas) AND NOT k.convalidated AND k.contype <> 'n'
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
class ColumnSettings:
    statistics: int | None  # None: the default target
    storage: str | None  # pg_attribute.attstorage where it differs from the type's
    type_storage: str
    compression: str | None
    options: tuple[str, ...]


@dataclass(frozen=True)
class TableSettings:
    replica_identity: str | None  # 'full', 'nothing', 'using index "i"'; None: the default
    clustered_on: str | None  # the (quoted) index the table is clustered on


@dataclass(frozen=True)
class StatisticsObject:
    definition: str  # CREATE STATISTICS ...
    target: int | None  # None: the default statistics target


@dataclass(frozen=True)
class ForeignKey:
    index_key: str  # the referenced key's index
    derived: bool  # made by PostgreSQL from a partitioned table's foreign key


def read(conn: Connection, params: dict) -> dict:
    return {
        "sequence_options": dict(conn.execute(text(_SEQUENCES_QUERY), params).all()),
        "relation_options": {
            name: (kind, tuple(options), force)
            for name, kind, options, force in conn.execute(text(_RELATION_OPTIONS_QUERY), params)
        },
        "virtual_columns": frozenset(
            (key, column) for key, column in conn.execute(text(_VIRTUAL_COLUMNS_QUERY), params)
        ),
        "unvalidated": frozenset(row[0] for row in conn.execute(text(_UNVALIDATED_QUERY), params)),
        "identities": {
            (row.schema, row.table_name, row.column_name): Identity(*row[3:])
            for row in conn.execute(text(_IDENTITIES_QUERY), params)
        },
        "column_settings": {
            (row.schema, row.table_name, row.column_name): ColumnSettings(
                row.statistics, row.storage, row.type_storage, row.compression, tuple(row.options)
            )
            for row in conn.execute(text(_COLUMN_SETTINGS_QUERY), params)
        },
        "table_settings": {
            name: TableSettings(replica, clustered)
            for name, replica, clustered in conn.execute(text(_TABLE_SETTINGS_QUERY), params)
        },
        "statistics": {
            name: StatisticsObject(definition, target)
            for name, definition, target in conn.execute(text(_STATISTICS_QUERY), params)
        },
        "rules": {
            (table, name): definition.rstrip(";")
            for table, name, definition in conn.execute(text(_RULES_QUERY), params)
        },
        "several_parents": dict(conn.execute(text(_PARENTS_QUERY), params).all()),
        "subpartition_keys": dict(conn.execute(text(_SUBPARTITION_KEYS_QUERY), params).all()),
        "foreign_keys": {
            key: ForeignKey(index_key, derived)
            for key, index_key, derived in conn.execute(text(_FOREIGN_KEYS_QUERY), params)
        },
    }
