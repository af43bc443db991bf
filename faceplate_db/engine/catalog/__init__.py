"""What a snapshot reads from the catalog with its own queries, beside schemainspect's: the
objects schemainspect misses or misreads, comments, privileges, and the database's extensions.
One module per family of facts, each with its queries and a `read(conn, params)` that returns
its fields of `CatalogFacts`:

  scope.py       identities of the managed objects, comments, dependents elsewhere, extensions
  types.py       domains, range types, text search dictionaries and configurations
  relations.py   sequences, identities, virtual generated columns, storage and column
                 settings, statistics, foreign keys, NOT VALID constraints, parents,
                 sub-partition keys, rules
  routines.py    function facts and dependents, aggregates
  not_null.py    NOT NULL constraints' names, NOT VALID and NO INHERIT (PostgreSQL 18)
  privileges.py  owners, grants, default privileges
  dependencies.py  the dependency graph the statements are ordered by
  constraints.py what 18 added to constraints (NOT ENFORCED, temporal keys), unknown kinds
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from faceplate_db.engine.capabilities import Capabilities
from faceplate_db.engine.catalog import (
    constraints,
    dependencies,
    not_null,
    privileges,
    relations,
    routines,
    scope,
    types,
)
from faceplate_db.engine.catalog.not_null import NotNull
from faceplate_db.engine.catalog.privileges import DefaultPrivilege, Privileges
from faceplate_db.engine.catalog.relations import (
    ColumnSettings,
    ForeignKey,
    Identity,
    StatisticsObject,
    TableSettings,
)
from faceplate_db.engine.catalog.routines import FunctionFacts
from faceplate_db.engine.catalog.types import Domain, TextSearchConfiguration

__all__ = [
    "CatalogFacts",
    "ColumnSettings",
    "DefaultPrivilege",
    "Domain",
    "ForeignKey",
    "FunctionFacts",
    "Identity",
    "NotNull",
    "Privileges",
    "StatisticsObject",
    "TableSettings",
    "TextSearchConfiguration",
    "read_catalog_facts",
]


@dataclass(frozen=True)
class CatalogFacts:
    """What a snapshot reads with its own queries, beside schemainspect's."""

    capabilities: Capabilities  # what the server's major can do (capabilities.py)
    domains: dict[str, Domain]
    comments: dict[tuple[str, str], str]
    objects: frozenset[tuple[str, str]]
    extensions: dict[str, str]
    sequence_options: dict[str, str]
    relation_options: dict[str, tuple[str, tuple[str, ...], bool]]
    unvalidated: frozenset[str]
    virtual_columns: frozenset[tuple[str, str]]  # (table key, column) of VIRTUAL ones (18)
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
    not_nulls: dict[tuple[str, str], NotNull]  # (table key, column) -> its constraint (18)
    privileges: dict[tuple[str, str, str | None], Privileges]  # (kind, key, column) -> ...
    default_privileges: frozenset[DefaultPrivilege]
    builtin_privileges: dict[str, frozenset[tuple[str, str, bool]]]  # acldefault by object type
    current_user: str  # the role that read the database
    # (dependent node, referenced node, 'n' or 'a'): pg_depend over the managed schemas
    dependencies: frozenset[tuple[tuple[str, ...], tuple[str, ...], str]]
    not_enforced: frozenset[str]  # constraint keys of CHECKs and FOREIGN KEYs NOT ENFORCED
    temporal_constraints: frozenset[str]  # keys WITHOUT OVERLAPS, foreign keys with PERIOD
    # constraint key -> (contype, definition) of a kind the engine does not read
    unfamiliar_constraints: dict[str, tuple[str, str]]


def read_catalog_facts(conn: Connection, schemas: tuple[str, ...]) -> CatalogFacts:
    params = {"schemas": list(schemas)}
    families = (scope, types, relations, not_null, routines, privileges, dependencies)
    capabilities = Capabilities.of(conn)
    return CatalogFacts(
        capabilities=capabilities,
        **{k: v for family in families for k, v in family.read(conn, params).items()},
        **constraints.read(conn, params, capabilities),
    )
