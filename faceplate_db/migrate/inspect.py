"""Reading a database's managed schemas with schemainspect, and fingerprinting them.

A fingerprint is a short hash of a canonical text of every object in the managed schemas
(definitions as PostgreSQL prints them, plus comments), so two databases with the same schema
have the same fingerprint whatever order their objects were created in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from schemainspect import get_inspector
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from faceplate_db.config import libpq_url, parse_database_url

# The inspector's collections that describe a schema's objects.
_COLLECTIONS = (
    "schemas",
    "extensions",
    "enums",
    "domains",
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

_COMMENTS_QUERY = """
SELECT d.classoid::regclass::text AS catalog,
       pg_describe_object(d.classoid, d.objoid, d.objsubid) AS object,
       d.description
FROM pg_description d
WHERE CASE d.classoid
    WHEN 'pg_namespace'::regclass THEN d.objoid IN (SELECT oid FROM pg_namespace WHERE nspname = ANY(%(schemas)s))
    WHEN 'pg_class'::regclass THEN d.objoid IN (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(%(schemas)s))
    WHEN 'pg_proc'::regclass THEN d.objoid IN (SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY(%(schemas)s))
    WHEN 'pg_type'::regclass THEN d.objoid IN (SELECT t.oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY(%(schemas)s))
    WHEN 'pg_constraint'::regclass THEN d.objoid IN (SELECT c.oid FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = ANY(%(schemas)s))
    WHEN 'pg_trigger'::regclass THEN d.objoid IN (SELECT t.oid FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(%(schemas)s))
    WHEN 'pg_policy'::regclass THEN d.objoid IN (SELECT p.oid FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(%(schemas)s))
    ELSE false
END
ORDER BY 1, 2
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


def inspect_schema(conn: Connection, schema: str):
    """A schemainspect inspector limited to one schema."""
    return get_inspector(conn, schema=schema)


def comments(url: str, schemas: tuple[str, ...]) -> dict[str, str]:
    """Every comment on an object in the managed schemas, keyed by PostgreSQL's description
    of the object (e.g. 'column faceplate.users.email')."""
    with psycopg.connect(libpq_url(url)) as conn:
        rows = conn.execute(_COMMENTS_QUERY, {"schemas": list(schemas)}).fetchall()
    return {f"{catalog} {obj}": text for catalog, obj, text in rows}


def canonical_schema_text(url: str, schemas: tuple[str, ...]) -> str:
    lines: list[str] = []
    with inspection_connection(url) as conn:
        for schema in sorted(schemas):
            inspector = inspect_schema(conn, schema)
            for collection in _COLLECTIONS:
                objects = getattr(inspector, collection, {}) or {}
                for key in sorted(objects):
                    obj = objects[key]
                    definition = getattr(obj, "create_statement", None) or repr(key)
                    lines.append(f"{collection} {key}: {' '.join(definition.split())}")
    for key, text in sorted(comments(url, schemas).items()):
        lines.append(f"comment {key}: {text}")
    return "\n".join(lines)


def schema_fingerprint(url: str, schemas: tuple[str, ...]) -> str:
    """A 16-hex-digit fingerprint of the managed schemas' structure and comments."""
    canonical = canonical_schema_text(url, schemas)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
