"""The database's own dependency graph over the managed schemas, as the diff orders by it:
pg_depend (which holds pg_rewrite's view dependencies, SQL-standard function bodies, defaults,
check expressions, column types, domains over domains, sequences owned by columns, partitions
and inheritance children), each end named as a node the statements can be matched to.

A node is a tuple of names (unquoted, as the catalog spells them):

  ("schema", schema)
  ("relation", schema, name)       a table, view, sequence, index or type (they share one
                                    namespace; a table's row type is its table, an array type
                                    its element type, a domain's constraints are the domain)
  ("column" | "default" | "constraint" | "trigger" | "policy" | "rule", schema, table, name)
  ("function", identity)            as pg_identify_object names it: by its argument types
                                    alone, so a function made anew with other parameter names
                                    is the same node
  ("sequence owner", schema, name)  a sequence's OWNED BY, set by its own statement
  ("statistics" | "collation" | "text search", schema, name)
  ("extension", name)               every member object of an extension

Only normal ('n') and automatic ('a') dependencies are read: internal ones tie parts to their
whole (a view's rule, a table's row type), which the nodes already merge. What pg_depend does
not hold (function bodies given as strings) is read from the definitions by the ordering.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

Node = tuple[str, ...]

_NODES = """
WITH managed AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY(:schemas)),
relations AS (
  SELECT c.oid, c.relname, c.relkind, m.nspname
  FROM pg_class c JOIN managed m ON m.oid = c.relnamespace WHERE c.relkind <> 't'
),
objects (classid, objid, objsubid, node) AS (
  SELECT 'pg_namespace'::regclass, oid, 0, ARRAY['schema', nspname] FROM managed
  UNION ALL
  SELECT 'pg_class'::regclass, oid, 0, ARRAY['relation', nspname, relname] FROM relations
  UNION ALL
  SELECT 'pg_class'::regclass, r.oid, a.attnum, ARRAY['column', r.nspname, r.relname, a.attname]
  FROM relations r JOIN pg_attribute a ON a.attrelid = r.oid
  WHERE a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'pg_type'::regclass, t.oid, 0,
    ARRAY['relation', m.nspname, coalesce(c.relname, e.typname, r.typname, t.typname)]
  FROM pg_type t JOIN managed m ON m.oid = t.typnamespace
  LEFT JOIN pg_class c ON c.oid = t.typrelid
  LEFT JOIN pg_type e ON e.typarray = t.oid
  LEFT JOIN pg_range g ON g.rngmultitypid = t.oid LEFT JOIN pg_type r ON r.oid = g.rngtypid
  UNION ALL
  SELECT 'pg_proc'::regclass, p.oid, 0,
    ARRAY['function', (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity]
  FROM pg_proc p JOIN managed m ON m.oid = p.pronamespace
  UNION ALL
  SELECT 'pg_constraint'::regclass, k.oid, 0, CASE WHEN k.conrelid <> 0
    THEN ARRAY['constraint', m.nspname, c.relname, k.conname]
    ELSE ARRAY['relation', m.nspname, t.typname] END
  FROM pg_constraint k JOIN managed m ON m.oid = k.connamespace
  LEFT JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_type t ON t.oid = k.contypid
  UNION ALL
  SELECT 'pg_attrdef'::regclass, d.oid, 0, ARRAY['default', r.nspname, r.relname, a.attname]
  FROM pg_attrdef d JOIN relations r ON r.oid = d.adrelid
  JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
  UNION ALL
  SELECT 'pg_trigger'::regclass, t.oid, 0, ARRAY['trigger', r.nspname, r.relname, t.tgname]
  FROM pg_trigger t JOIN relations r ON r.oid = t.tgrelid WHERE NOT t.tgisinternal
  UNION ALL
  SELECT 'pg_policy'::regclass, p.oid, 0, ARRAY['policy', r.nspname, r.relname, p.polname]
  FROM pg_policy p JOIN relations r ON r.oid = p.polrelid
  UNION ALL
  SELECT 'pg_rewrite'::regclass, w.oid, 0, CASE WHEN w.rulename = '_RETURN'
    THEN ARRAY['relation', r.nspname, r.relname] ELSE ARRAY['rule', r.nspname, r.relname, w.rulename] END
  FROM pg_rewrite w JOIN relations r ON r.oid = w.ev_class
  UNION ALL
  SELECT o.classid, o.oid, 0, ARRAY[o.kind, m.nspname, o.name]
  FROM (
    SELECT 'pg_statistic_ext'::regclass, oid, stxnamespace, stxname, 'statistics'
    FROM pg_statistic_ext
    UNION ALL SELECT 'pg_collation'::regclass, oid, collnamespace, collname, 'collation'
    FROM pg_collation
    UNION ALL SELECT 'pg_ts_config'::regclass, oid, cfgnamespace, cfgname, 'text search'
    FROM pg_ts_config
    UNION ALL SELECT 'pg_ts_dict'::regclass, oid, dictnamespace, dictname, 'text search'
    FROM pg_ts_dict
  ) o (classid, oid, namespace, name, kind) JOIN managed m ON m.oid = o.namespace
),
members AS (
  SELECT d.classid, d.objid, ARRAY['extension', e.extname] AS node
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
),
nodes AS (
  SELECT o.classid, o.objid, o.objsubid, coalesce(x.node, o.node) AS node
  FROM objects o LEFT JOIN members x ON x.classid = o.classid AND x.objid = o.objid
)
"""

# A sequence's automatic dependency on a column is its OWNED BY, which a statement of its own
# sets: it is kept apart from the sequence, which the column's default needs first.
_DEPENDENCIES_QUERY = f"""{_NODES}
SELECT CASE WHEN d.deptype = 'a' AND dependent.node[1] = 'relation' AND ref.node[1] = 'column'
            AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S'
         THEN ARRAY['sequence owner', dependent.node[2], dependent.node[3]]
         ELSE dependent.node END,
       ref.node, d.deptype::text
FROM pg_depend d
JOIN nodes dependent ON dependent.classid = d.classid AND dependent.objid = d.objid
  AND dependent.objsubid = d.objsubid
JOIN nodes ref ON ref.classid = d.refclassid AND ref.objid = d.refobjid
  AND ref.objsubid = d.refobjsubid
WHERE d.deptype IN ('n', 'a') AND dependent.node <> ref.node
"""


def read(conn: Connection, params: dict) -> dict:
    return {
        "dependencies": frozenset(
            (tuple(dependent), tuple(referenced), kind)
            for dependent, referenced, kind in conn.execute(text(_DEPENDENCIES_QUERY), params)
        )
    }
