"""What is in the managed schemas and around them: every object's identity, the comments on
them, the objects of other schemas that depend on them, and the database's extensions."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

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
UNION ALL SELECT 'pg_ts_config'::regclass, c.oid, 0 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE n.nspname = ANY(:schemas)
UNION ALL SELECT 'pg_ts_dict'::regclass, d.oid, 0 FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace WHERE n.nspname = ANY(:schemas)
UNION ALL SELECT 'pg_statistic_ext'::regclass, s.oid, 0 FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = ANY(:schemas)
UNION ALL SELECT 'pg_rewrite'::regclass, r.oid, 0 FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(:schemas) AND r.rulename <> '_RETURN'
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


# Objects outside the managed schemas that depend on managed ones (a view of another
# application over a managed table, its foreign key to a managed key, its function taking a
# managed row type): a migration must not drop or retype what they use.
_EXTERNAL_DEPENDENTS_QUERY = """
WITH managed AS (SELECT oid FROM pg_namespace WHERE nspname = ANY(:schemas)),
deps AS (
  SELECT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid,
    CASE d.refclassid
      WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_class WHERE oid = d.refobjid)
      WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_type WHERE oid = d.refobjid)
      WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_proc WHERE oid = d.refobjid)
    END AS referenced_namespace,
    CASE d.classid
      WHEN 'pg_rewrite'::regclass THEN (SELECT c.relnamespace FROM pg_rewrite r
                                        JOIN pg_class c ON c.oid = r.ev_class WHERE r.oid = d.objid)
      WHEN 'pg_constraint'::regclass THEN (SELECT connamespace FROM pg_constraint WHERE oid = d.objid)
      WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_class WHERE oid = d.objid)
      WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_proc WHERE oid = d.objid)
      WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_type WHERE oid = d.objid)
      WHEN 'pg_trigger'::regclass THEN (SELECT c.relnamespace FROM pg_trigger t
                                        JOIN pg_class c ON c.oid = t.tgrelid WHERE t.oid = d.objid)
      WHEN 'pg_attrdef'::regclass THEN (SELECT c.relnamespace FROM pg_attrdef a
                                        JOIN pg_class c ON c.oid = a.adrelid WHERE a.oid = d.objid)
    END AS dependent_namespace
  FROM pg_depend d
  WHERE d.deptype = 'n'
    AND d.refclassid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass)
)
SELECT (pg_identify_object(refclassid, refobjid, refobjsubid)).identity AS referenced,
       pg_describe_object(classid, objid, objsubid) AS dependent,
       classid::regclass::text AS dependent_catalog
FROM deps
WHERE referenced_namespace IN (SELECT oid FROM managed)
  AND dependent_namespace NOT IN (SELECT oid FROM managed)
  AND dependent_namespace <> 'pg_catalog'::regnamespace
"""


_EXTENSIONS_QUERY = """
SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
ORDER BY 1
"""


def read(conn: Connection, params: dict) -> dict:
    return {
        "comments": {
            (kind, identity): description
            for kind, identity, description in conn.execute(text(_COMMENTS_QUERY), params)
        },
        "objects": frozenset(tuple(row) for row in conn.execute(text(_OBJECTS_QUERY), params)),
        "extensions": dict(conn.execute(text(_EXTENSIONS_QUERY)).all()),
        "external_dependents": frozenset(
            tuple(row) for row in conn.execute(text(_EXTERNAL_DEPENDENTS_QUERY), params)
        ),
    }
