"""Who may do what: owners and grants of everything in the managed schemas (columns too), the
default privileges, and what PostgreSQL gives a new object of each kind."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

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


@dataclass(frozen=True)
class Privileges:
    """Who may do what on one object or column."""

    owner: str
    detail: str | None  # relkind, prokind or typtype
    grants: frozenset[tuple[str, str, bool]]  # (grantee, privilege, grantable); OWNER, PUBLIC


# (role, schema or None for the whole database's, object type, grantee, privilege, grantable)
DefaultPrivilege = tuple[str, str | None, str, str, str, bool]


def read(conn: Connection, params: dict) -> dict:
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
