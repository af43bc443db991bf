"""Functions and aggregates as schemainspect does not read them: argument types, defaults and
identities, what depends on a function besides views, and aggregates written out in full."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

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


@dataclass(frozen=True)
class FunctionFacts:
    argument_types: str  # the types alone, as in its identity
    defaults: int  # how many arguments have defaults
    identity: str  # as pg_identify_object gives it (what COMMENT ON takes)


def _function_dependents(conn: Connection, params: dict) -> dict:
    found: dict[str, set] = {}
    for function, kind, key, column in conn.execute(text(_FUNCTION_DEPENDENTS_QUERY), params):
        found.setdefault(function, set()).add((kind, key, column))
    return {function: frozenset(dependents) for function, dependents in found.items()}


def read(conn: Connection, params: dict) -> dict:
    return {
        "functions": {
            row.key: FunctionFacts(row.argument_types, row.defaults, row.identity)
            for row in conn.execute(text(_FUNCTIONS_QUERY), params)
        },
        "function_dependents": _function_dependents(conn, params),
        "aggregates": {
            f"{name}({arguments})": f"CREATE AGGREGATE {name}({arguments}) ({options})"
            for name, arguments, options in conn.execute(text(_AGGREGATES_QUERY), params)
        },
    }
