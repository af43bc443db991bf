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

# Access privileges and owners of everything in the managed schemas (and of the schemas),
# keyed as schemainspect keys them ('"s"."t"', '"s"."f"(identity arguments)', '"s"'). An ACL
# that was never changed is PostgreSQL's default for the kind (acldefault), so a REVOKE from
# PUBLIC shows. Grantors are left out: they follow from who runs the statements.
_ACL_OBJECTS = """
SELECT 'pg_class'::regclass AS classid, c.oid,
       CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END AS kind,
       format('"%s"."%s"', replace(n.nspname, '"', '""'), replace(c.relname, '"', '""')) AS key,
       NULL::text AS column_name, c.relkind::text AS detail, c.relowner AS owner,
       coalesce(c.relacl, acldefault((CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END)::"char", c.relowner)) AS acl
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
UNION ALL
SELECT 'pg_class'::regclass, c.oid, 'column',
       format('"%s"."%s"', replace(n.nspname, '"', '""'), replace(c.relname, '"', '""')),
       a.attname, NULL, c.relowner, a.attacl
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas) AND a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'pg_proc'::regclass, p.oid, 'routine',
       format('"%s"."%s"(%s)', replace(n.nspname, '"', '""'), replace(p.proname, '"', '""'),
              pg_get_function_identity_arguments(p.oid)),
       NULL, p.prokind::text, p.proowner, coalesce(p.proacl, acldefault('f', p.proowner))
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY(:schemas)
UNION ALL
SELECT 'pg_namespace'::regclass, n.oid, 'schema', format('"%s"', replace(n.nspname, '"', '""')),
       NULL, NULL, n.nspowner, coalesce(n.nspacl, acldefault('n', n.nspowner))
FROM pg_namespace n WHERE n.nspname = ANY(:schemas)
UNION ALL
SELECT 'pg_type'::regclass, t.oid, 'type',
       format('"%s"."%s"', replace(n.nspname, '"', '""'), replace(t.typname, '"', '""')),
       NULL, t.typtype::text, t.typowner, coalesce(t.typacl, acldefault('T', t.typowner))
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class r ON r.oid = t.typrelid
WHERE n.nspname = ANY(:schemas) AND t.typtype IN ('e', 'd', 'r', 'm', 'c')
  AND (t.typtype <> 'c' OR r.relkind = 'c')
"""

# One row per privilege (none for an object whose ACL is empty); objects of extensions are
# the extension's.
_ACLS_QUERY = f"""
SELECT o.kind, o.key, o.column_name, o.detail, pg_get_userbyid(o.owner) AS owner,
       CASE WHEN x.grantee = 0 THEN 'PUBLIC' WHEN x.grantee = o.owner THEN 'OWNER'
            ELSE pg_get_userbyid(x.grantee) END AS grantee,
       x.privilege_type, x.is_grantable
FROM ({_ACL_OBJECTS}) o
LEFT JOIN LATERAL aclexplode(o.acl) x ON true
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = o.classid AND d.objid = o.oid AND d.deptype = 'e')
"""

# Default privileges: those of the managed schemas, and the database's own (which replace
# PostgreSQL's defaults for objects a role creates anywhere). And what a new object gets
# when nothing else applies, on this server's version, for the role reading.
_DEFAULT_ACLS_QUERY = """
SELECT pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema, d.defaclobjtype::text AS objtype,
       CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END AS grantee,
       x.privilege_type, x.is_grantable
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
CROSS JOIN LATERAL aclexplode(d.defaclacl) x
WHERE d.defaclnamespace = 0 OR n.nspname = ANY(:schemas)
"""

_BUILTIN_ACLS_QUERY = """
SELECT k.objtype, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE 'OWNER' END AS grantee,
       x.privilege_type, x.is_grantable
FROM unnest(ARRAY['r', 's', 'f', 'n', 'T']) k(objtype)
CROSS JOIN LATERAL aclexplode(acldefault(k.objtype::"char", 10)) x
"""

# What schemainspect misreads about functions: their argument types alone (its parameter list
# is empty unless some argument is OUT or INOUT), how many have defaults, and the identity
# COMMENT ON and GRANT use.
_FUNCTIONS_QUERY = """
SELECT format('"%s"."%s"(%s)', replace(n.nspname, '"', '""'), replace(p.proname, '"', '""'),
              pg_get_function_identity_arguments(p.oid)) AS key,
       oidvectortypes(p.proargtypes) AS argument_types, p.pronargdefaults AS defaults,
       (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY(:schemas)
"""

# What depends on a function besides views (schemainspect follows only views): indexes,
# constraints, column defaults, policies and triggers, keyed as schemainspect keys them
# (a default as its table's key and the column's name).
_Q = """format('"%s"', replace({}, '"', '""'))"""
_FUNCTION_DEPENDENTS_QUERY = f"""
SELECT format('"%s"."%s"(%s)', replace(pn.nspname, '"', '""'), replace(p.proname, '"', '""'),
              pg_get_function_identity_arguments(p.oid)) AS function_key,
       CASE d.classid WHEN 'pg_class'::regclass THEN 'index' WHEN 'pg_constraint'::regclass
         THEN 'constraint' WHEN 'pg_attrdef'::regclass THEN 'default'
         WHEN 'pg_policy'::regclass THEN 'policy' ELSE 'trigger' END AS kind,
       CASE d.classid
         WHEN 'pg_class'::regclass THEN (
           SELECT {_Q.format("n.nspname")} || '.' || {_Q.format("c.relname")}
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = d.objid)
         WHEN 'pg_constraint'::regclass THEN (
           SELECT {_Q.format("n.nspname")} || '.' || {_Q.format("c.relname")} || '.' || {_Q.format("k.conname")}
           FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.oid = d.objid)
         WHEN 'pg_attrdef'::regclass THEN (
           SELECT {_Q.format("n.nspname")} || '.' || {_Q.format("c.relname")}
           FROM pg_attrdef a JOIN pg_class c ON c.oid = a.adrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.oid = d.objid)
         WHEN 'pg_policy'::regclass THEN (
           SELECT {_Q.format("n.nspname")} || '.' || {_Q.format("c.relname")} || '.' || {_Q.format("y.polname")}
           FROM pg_policy y JOIN pg_class c ON c.oid = y.polrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace WHERE y.oid = d.objid)
         ELSE (
           SELECT {_Q.format("n.nspname")} || '.' || {_Q.format("c.relname")} || '.' || {_Q.format("t.tgname")}
           FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace WHERE t.oid = d.objid)
       END AS dependent_key,
       (SELECT a.attname FROM pg_attrdef ad JOIN pg_attribute a ON a.attrelid = ad.adrelid
          AND a.attnum = ad.adnum WHERE d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid)
         AS column_name
FROM pg_depend d
JOIN pg_proc p ON p.oid = d.refobjid
JOIN pg_namespace pn ON pn.oid = p.pronamespace
WHERE d.refclassid = 'pg_proc'::regclass AND d.deptype = 'n' AND pn.nspname = ANY(:schemas)
  AND d.classid IN ('pg_class'::regclass, 'pg_constraint'::regclass, 'pg_attrdef'::regclass,
                    'pg_policy'::regclass, 'pg_trigger'::regclass)
  AND (d.classid <> 'pg_class'::regclass
       OR EXISTS (SELECT 1 FROM pg_class i WHERE i.oid = d.objid AND i.relkind IN ('i', 'I')))
"""

# Aggregates, which schemainspect does not read: written out as CREATE AGGREGATE (PostgreSQL
# has no function that prints one; this follows pg_dump), with the arguments to name it by.
_AGGREGATES_QUERY = """
SELECT format('%I.%I', n.nspname, p.proname) AS name, pg_get_function_arguments(p.oid) AS arguments,
       concat_ws(', ',
         'SFUNC = ' || a.aggtransfn::regproc::text,
         'STYPE = ' || format_type(a.aggtranstype, NULL),
         CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,
         CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC = ' || a.aggfinalfn::regproc::text END,
         CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
         CASE WHEN a.aggfinalmodify <> CASE a.aggkind WHEN 'n' THEN 'r' ELSE 'w' END
              THEN 'FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY'
                   WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
         CASE WHEN a.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || a.aggcombinefn::regproc::text END,
         CASE WHEN a.aggserialfn <> 0 THEN 'SERIALFUNC = ' || a.aggserialfn::regproc::text END,
         CASE WHEN a.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || a.aggdeserialfn::regproc::text END,
         CASE WHEN a.agginitval IS NOT NULL THEN 'INITCOND = ' || quote_literal(a.agginitval) END,
         CASE WHEN a.aggmtransfn <> 0 THEN 'MSFUNC = ' || a.aggmtransfn::regproc::text END,
         CASE WHEN a.aggminvtransfn <> 0 THEN 'MINVFUNC = ' || a.aggminvtransfn::regproc::text END,
         CASE WHEN a.aggmtranstype <> 0 THEN 'MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
         CASE WHEN a.aggmtransspace <> 0 THEN 'MSSPACE = ' || a.aggmtransspace END,
         CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC = ' || a.aggmfinalfn::regproc::text END,
         CASE WHEN a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,
         CASE WHEN a.aggminitval IS NOT NULL THEN 'MINITCOND = ' || quote_literal(a.aggminitval) END,
         (SELECT 'SORTOP = OPERATOR(' || quote_ident(os.nspname) || '.' || o.oprname || ')'
          FROM pg_operator o JOIN pg_namespace os ON os.oid = o.oprnamespace
          WHERE o.oid = a.aggsortop),
         CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END,
         CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END) AS options
FROM pg_aggregate a
JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY(:schemas)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                  AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1, 2
"""

# Range types, which schemainspect does not read, as CREATE TYPE ... AS RANGE (options that
# are the defaults are left out, as pg_dump leaves them out).
_RANGES_QUERY = """
SELECT format('%I.%I', n.nspname, t.typname) AS name,
       format('CREATE TYPE %I.%I AS RANGE (%s)', n.nspname, t.typname, concat_ws(', ',
         'subtype = ' || format_type(r.rngsubtype, NULL),
         (SELECT 'subtype_opclass = ' || quote_ident(on_.nspname) || '.' || quote_ident(o.opcname)
          FROM pg_opclass o JOIN pg_namespace on_ ON on_.oid = o.opcnamespace
          WHERE o.oid = r.rngsubopc AND NOT o.opcdefault),
         (SELECT 'collation = ' || quote_ident(cn.nspname) || '.' || quote_ident(c.collname)
          FROM pg_collation c JOIN pg_namespace cn ON cn.oid = c.collnamespace
          WHERE c.oid = r.rngcollation
            AND r.rngcollation <> (SELECT typcollation FROM pg_type WHERE oid = r.rngsubtype)),
         CASE WHEN r.rngcanonical <> 0 THEN 'canonical = ' || r.rngcanonical::regproc::text END,
         CASE WHEN r.rngsubdiff <> 0 THEN 'subtype_diff = ' || r.rngsubdiff::regproc::text END,
         (SELECT format('multirange_type_name = %I.%I', mn.nspname, m.typname)
          FROM pg_type m JOIN pg_namespace mn ON mn.oid = m.typnamespace
          WHERE m.oid = (to_jsonb(r) ->> 'rngmultitypid')::oid))) AS definition
FROM pg_range r
JOIN pg_type t ON t.oid = r.rngtypid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY(:schemas)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                  AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1
"""

# Text search dictionaries and configurations, which schemainspect does not read: each as
# its CREATE and, for a configuration, its mappings (tokens sharing dictionaries together).
_TEXT_SEARCH_DICTIONARIES_QUERY = """
SELECT format('%I.%I', n.nspname, d.dictname) AS name,
       format('CREATE TEXT SEARCH DICTIONARY %I.%I (TEMPLATE = %I.%I%s)', n.nspname, d.dictname,
              tn.nspname, t.tmplname, coalesce(', ' || d.dictinitoption, '')) AS definition
FROM pg_ts_dict d
JOIN pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_ts_template t ON t.oid = d.dicttemplate
JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE n.nspname = ANY(:schemas)
ORDER BY 1
"""

_TEXT_SEARCH_CONFIGURATIONS_QUERY = """
SELECT format('%I.%I', n.nspname, c.cfgname) AS name,
       format('%I.%I', pn.nspname, p.prsname) AS parser,
       coalesce((SELECT array_agg(format('FOR %s WITH %s', g.tokens, g.dictionaries)
                                  ORDER BY g.tokens)
                 FROM (SELECT m.dictionaries, string_agg(tt.alias, ', ' ORDER BY tt.alias) AS tokens
                       FROM (SELECT maptokentype,
                                    string_agg(format('%I.%I', dn.nspname, d.dictname), ', '
                                               ORDER BY mapseqno) AS dictionaries
                             FROM pg_ts_config_map
                             JOIN pg_ts_dict d ON d.oid = mapdict
                             JOIN pg_namespace dn ON dn.oid = d.dictnamespace
                             WHERE mapcfg = c.oid GROUP BY maptokentype) m
                       JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype
                       GROUP BY m.dictionaries) g), '{}') AS mappings
FROM pg_ts_config c
JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser p ON p.oid = c.cfgparser
JOIN pg_namespace pn ON pn.oid = p.prsnamespace
WHERE n.nspname = ANY(:schemas)
ORDER BY 1
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

# Extended statistics objects (CREATE STATISTICS), which schemainspect does not read.
_STATISTICS_QUERY = """
SELECT format('%I.%I', n.nspname, s.stxname) AS name, pg_get_statisticsobjdef(s.oid) AS definition,
       CASE WHEN s.stxstattarget >= 0 THEN s.stxstattarget END AS target
FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
WHERE n.nspname = ANY(:schemas)
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

    def alterable_into(self, other: Domain) -> bool:
        """ALTER DOMAIN cannot change a domain's base type or collation."""
        return (self.data_type, self.collation) == (other.data_type, other.collation)

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
class TextSearchConfiguration:
    parser: str
    mappings: tuple[str, ...]  # 'FOR token, ... WITH dictionary, ...'


@dataclass(frozen=True)
class ForeignKey:
    index_key: str  # the referenced key's index
    derived: bool  # made by PostgreSQL from a partitioned table's foreign key


@dataclass(frozen=True)
class FunctionFacts:
    argument_types: str  # the types alone, as in its identity
    defaults: int  # how many arguments have defaults
    identity: str  # as pg_identify_object gives it (what COMMENT ON takes)


@dataclass(frozen=True)
class Privileges:
    """Who may do what on one object or column."""

    owner: str
    detail: str | None  # relkind, prokind or typtype
    grants: frozenset[tuple[str, str, bool]]  # (grantee, privilege, grantable); OWNER, PUBLIC


# (role, schema or None for the whole database's, object type, grantee, privilege, grantable)
DefaultPrivilege = tuple[str, str | None, str, str, str, bool]


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
    column_settings: dict[tuple[str, str, str], ColumnSettings]  # (schema, table, column) -> ...
    table_settings: dict[str, TableSettings]  # schema.table (quoted as needed) -> ...
    statistics: dict[str, StatisticsObject]  # schema.name (quoted as needed) -> ...
    aggregates: dict[str, str]  # schema.name(arguments) -> CREATE AGGREGATE ...
    rules: dict[tuple[str, str], str]  # (schema.table, rule) quoted as needed -> CREATE RULE ...
    several_parents: dict[str, str]  # table key -> its parents' keys, comma-separated, in order
    subpartition_keys: dict[str, str]  # table key -> PARTITION BY of a partitioned partition
    ranges: dict[str, str]  # schema.name (quoted as needed) -> CREATE TYPE ... AS RANGE
    text_search_dictionaries: dict[str, str]  # schema.name -> CREATE TEXT SEARCH DICTIONARY
    text_search_configurations: dict[str, TextSearchConfiguration]  # schema.name -> ...
    foreign_keys: dict[str, ForeignKey]  # constraint key ("schema"."table"."name") -> ...
    # (identity of a managed object or column, description of what depends on it outside,
    # the catalog that dependent is in)
    external_dependents: frozenset[tuple[str, str, str]]
    functions: dict[str, FunctionFacts]  # schemainspect's function key -> ...
    # function key -> (kind, key, column or None) of what depends on it besides views
    function_dependents: dict[str, frozenset[tuple[str, str, str | None]]]
    privileges: dict[tuple[str, str, str | None], Privileges]  # (kind, key, column) -> ...
    default_privileges: frozenset[DefaultPrivilege]
    builtin_privileges: dict[str, frozenset[tuple[str, str, bool]]]  # acldefault by object type
    current_user: str  # the role that read the database


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
            name: (kind, tuple(options), force)
            for name, kind, options, force in conn.execute(text(_RELATION_OPTIONS_QUERY), params)
        },
        unvalidated=frozenset(row[0] for row in conn.execute(text(_UNVALIDATED_QUERY), params)),
        identities={
            (row.schema, row.table_name, row.column_name): Identity(*row[3:])
            for row in conn.execute(text(_IDENTITIES_QUERY), params)
        },
        column_settings={
            (row.schema, row.table_name, row.column_name): ColumnSettings(
                row.statistics, row.storage, row.type_storage, row.compression, tuple(row.options)
            )
            for row in conn.execute(text(_COLUMN_SETTINGS_QUERY), params)
        },
        table_settings={
            name: TableSettings(replica, clustered)
            for name, replica, clustered in conn.execute(text(_TABLE_SETTINGS_QUERY), params)
        },
        statistics={
            name: StatisticsObject(definition, target)
            for name, definition, target in conn.execute(text(_STATISTICS_QUERY), params)
        },
        aggregates={
            f"{name}({arguments})": f"CREATE AGGREGATE {name}({arguments}) ({options})"
            for name, arguments, options in conn.execute(text(_AGGREGATES_QUERY), params)
        },
        rules={
            (table, name): definition.rstrip(";")
            for table, name, definition in conn.execute(text(_RULES_QUERY), params)
        },
        external_dependents=frozenset(
            tuple(row) for row in conn.execute(text(_EXTERNAL_DEPENDENTS_QUERY), params)
        ),
        several_parents=dict(conn.execute(text(_PARENTS_QUERY), params).all()),
        subpartition_keys=dict(conn.execute(text(_SUBPARTITION_KEYS_QUERY), params).all()),
        ranges=dict(conn.execute(text(_RANGES_QUERY), params).all()),
        text_search_dictionaries=dict(
            conn.execute(text(_TEXT_SEARCH_DICTIONARIES_QUERY), params).all()
        ),
        text_search_configurations={
            name: TextSearchConfiguration(parser, tuple(mappings))
            for name, parser, mappings in conn.execute(
                text(_TEXT_SEARCH_CONFIGURATIONS_QUERY), params
            )
        },
        foreign_keys={
            key: ForeignKey(index_key, derived)
            for key, index_key, derived in conn.execute(text(_FOREIGN_KEYS_QUERY), params)
        },
        functions={
            row.key: FunctionFacts(row.argument_types, row.defaults, row.identity)
            for row in conn.execute(text(_FUNCTIONS_QUERY), params)
        },
        function_dependents=_function_dependents(conn, params),
        **_privileges(conn, params),
    )


def _function_dependents(conn: Connection, params: dict) -> dict:
    found: dict[str, set] = {}
    for function, kind, key, column in conn.execute(text(_FUNCTION_DEPENDENTS_QUERY), params):
        found.setdefault(function, set()).add((kind, key, column))
    return {function: frozenset(dependents) for function, dependents in found.items()}


def _privileges(conn: Connection, params: dict) -> dict:
    found: dict[tuple[str, str, str | None], tuple[str, str | None, set]] = {}
    for row in conn.execute(text(_ACLS_QUERY), params):
        entry = found.setdefault(
            (row.kind, row.key, row.column_name), (row.owner, row.detail, set())
        )
        if row.privilege_type is not None:
            entry[2].add((row.grantee, row.privilege_type, row.is_grantable))
    builtin: dict[str, set] = {}
    for objtype, grantee, privilege, grantable in conn.execute(text(_BUILTIN_ACLS_QUERY)):
        builtin.setdefault(objtype, set()).add((grantee, privilege, grantable))
    return {
        "privileges": {
            key: Privileges(owner, detail, frozenset(grants))
            for key, (owner, detail, grants) in found.items()
        },
        "default_privileges": frozenset(
            tuple(row) for row in conn.execute(text(_DEFAULT_ACLS_QUERY), params)
        ),
        "builtin_privileges": {objtype: frozenset(grants) for objtype, grants in builtin.items()},
        "current_user": conn.execute(text("SELECT current_user")).scalar_one(),
    }
