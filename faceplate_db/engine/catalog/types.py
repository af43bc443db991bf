"""Types schemainspect misses or misreads: domains (one row each, wherever they are), range
types, and text search dictionaries and configurations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from faceplate_db.engine.catalog.not_null import USER_CHOSEN_NAME
from faceplate_db.engine.names import qualified_name, quote_identifier

# One row per domain (schemainspect's query joins one row per constraint and filters on
# pg_type_is_visible, so it misses domains outside the search path). Its NOT NULL is the flag
# (typnotnull), with the name the user gave it, if any: 17+ also keeps it as a constraint,
# named by PostgreSQL otherwise (not_null.py).
_DOMAINS_QUERY = f"""
SELECT n.nspname AS schema, t.typname AS name,
       format_type(t.typbasetype, t.typtypmod) AS data_type,
       (SELECT quote_ident(c.collname) FROM pg_collation c, pg_type bt
        WHERE c.oid = t.typcollation AND bt.oid = t.typbasetype AND t.typcollation <> bt.typcollation) AS collation,
       t.typnotnull AS not_null,
       (SELECT k.conname FROM pg_constraint k
        WHERE k.contypid = t.oid AND k.contype = 'n') AS not_null_name,
       coalesce((SELECT {USER_CHOSEN_NAME} FROM pg_constraint k
                 WHERE k.contypid = t.oid AND k.contype = 'n'), false) AS not_null_named_by_user,
       t.typdefault AS "default",
       coalesce((SELECT array_agg(quote_ident(r.conname) || ' ' || pg_get_constraintdef(r.oid, true) ORDER BY r.conname)
                 FROM pg_constraint r WHERE r.contypid = t.oid AND r.contype <> 'n'), '{{}}') AS constraints
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'd' AND n.nspname = ANY(:schemas)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                  AND d.objid = t.oid AND d.deptype = 'e')
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


@dataclass(frozen=True)
class Domain:
    schema: str
    name: str
    data_type: str
    collation: str | None
    not_null: bool
    not_null_name: str | None  # the NOT NULL constraint's name (PostgreSQL 17+)
    not_null_named_by_user: bool  # the name is the user's, not PostgreSQL's: part of the schema
    default: str | None
    constraints: tuple[str, ...]  # '"name" definition', NOT NULL's left out

    @property
    def quoted_full_name(self) -> str:
        return qualified_name(self.schema, self.name)

    def alterable_into(self, other: Domain) -> bool:
        """ALTER DOMAIN cannot change a domain's base type or collation."""
        return (self.data_type, self.collation) == (other.data_type, other.collation)

    @property
    def not_null_clause(self) -> str:
        if not self.not_null_named_by_user:
            return "not null"
        return f"constraint {quote_identifier(self.not_null_name)} not null"

    @property
    def create_statement(self) -> str:
        parts = [f"create domain {self.quoted_full_name} as {self.data_type}"]
        if self.collation:
            parts.append(f"collate {self.collation}")
        if self.default is not None:
            parts.append(f"default {self.default}")
        if self.not_null:
            parts.append(self.not_null_clause)
        parts.extend(f"constraint {constraint}" for constraint in self.constraints)
        return " ".join(parts) + ";"


@dataclass(frozen=True)
class TextSearchConfiguration:
    parser: str
    mappings: tuple[str, ...]  # 'FOR token, ... WITH dictionary, ...'


def read(conn: Connection, params: dict) -> dict:
    domains = {}
    for row in conn.execute(text(_DOMAINS_QUERY), params).mappings():
        domain = Domain(**{**row, "constraints": tuple(row["constraints"])})
        domains[domain.quoted_full_name] = domain
    return {
        "domains": domains,
        "ranges": dict(conn.execute(text(_RANGES_QUERY), params).all()),
        "text_search_dictionaries": dict(
            conn.execute(text(_TEXT_SEARCH_DICTIONARIES_QUERY), params).all()
        ),
        "text_search_configurations": {
            name: TextSearchConfiguration(parser, tuple(mappings))
            for name, parser, mappings in conn.execute(
                text(_TEXT_SEARCH_CONFIGURATIONS_QUERY), params
            )
        },
    }
