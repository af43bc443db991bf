"""Repairs to the pinned schemainspect (frozen upstream since 2022), made once when inspect.py
imports this module. Each was found by a roundtrip case in tests/roundtrip/:

  several parents     a table inheriting from two tables broke the relations query for the
                      whole database (a scalar subquery returned two rows), wherever the table
                      was: the first parent is read here, the others by catalog.py
  index equality      an index is compared by its definition, which covers what schemainspect
                      left out (operator classes, collations, storage parameters, NULLS NOT
                      DISTINCT), and not by whether its table is clustered on it, which has a
                      statement of its own (diff.py)
  compatible columns  a column whose type modifier or collation changes (varchar(100) ->
                      varchar(320)) makes the views over its table be dropped and created again,
                      as any other type change does: PostgreSQL refuses to alter it under them
  collations          a column's collation is written right after its type, in new tables and
                      composite types too (schemainspect left it out of CREATE TABLE), and
                      with its schema where it is not in pg_catalog
  collation objects   CREATE COLLATION with the locale of an ICU collation (schemainspect wrote
                      locale = 'None'), libc's collate and ctype, and deterministic = false;
                      compared by all of them (the collation's version is not compared: it is
                      the library's, and the query's column for it carries determinism here)
  function equality   a function is compared by its whole definition (pg_get_functiondef):
                      schemainspect left out parameter defaults, SET options, LEAKPROOF,
                      PARALLEL, COST, ROWS and SQL-standard bodies (which are not in prosrc)
  reads left out      table grants, types and domains, which catalog.py reads in full (and
                      nothing else uses): their queries are skipped
  function replace    CREATE OR REPLACE cannot change a function's result type or kind, or
                      take a parameter's default away: those are dropped and created again
                      (schemainspect compared the first parameter's type, not the result's)
  column clauses      a column's NOT NULL with the name the user gave it, NO INHERIT, and a
                      generated column's kind, VIRTUAL or STORED (PostgreSQL 18; the facts
                      are read by catalog/, set on the columns by inspect.py)
  18's constraints    a temporal key (PRIMARY KEY / UNIQUE ... WITHOUT OVERLAPS) is added
                      with its definition, like an exclusion constraint: its gist index cannot
                      be made first (gist has no unique indexes) and attached; a NOT ENFORCED
                      constraint is added as it is, without NOT VALID (nothing to validate)
  partition triggers  a row trigger on a partitioned table is cloned onto each partition
                      (PostgreSQL 15+ lists the clones as triggers of their own): only the
                      partitioned table's is read, as pg_dump reads it
"""

from __future__ import annotations

from schemainspect.inspected import ColumnInfo
from schemainspect.pg import obj

from faceplate_db.engine.names import quote_identifier, string_literal

_ONE_PARENT = """(SELECT
              '"' || nmsp_parent.nspname || '"."' || parent.relname || '"' as parent
          FROM pg_inherits
              JOIN pg_class parent            ON pg_inherits.inhparent = parent.oid
              JOIN pg_class child             ON pg_inherits.inhrelid   = child.oid
              JOIN pg_namespace nmsp_parent   ON nmsp_parent.oid  = parent.relnamespace
              JOIN pg_namespace nmsp_child    ON nmsp_child.oid   = child.relnamespace
          where child.oid = c.oid)"""

_FIRST_PARENT = """(SELECT
              '"' || nmsp_parent.nspname || '"."' || parent.relname || '"' as parent
          FROM pg_inherits
              JOIN pg_class parent            ON pg_inherits.inhparent = parent.oid
              JOIN pg_namespace nmsp_parent   ON nmsp_parent.oid  = parent.relnamespace
          where pg_inherits.inhrelid = c.oid
          order by pg_inherits.inhseqno limit 1)"""


_COLUMN_COLLATION = """(SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
     WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS collation"""

_QUALIFIED_COLUMN_COLLATION = """(SELECT CASE WHEN cn.nspname = 'pg_catalog' THEN quote_ident(c.collname)
            ELSE quote_ident(cn.nspname) || '.' || quote_ident(c.collname) END
     FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace cn ON cn.oid = c.collnamespace,
          pg_catalog.pg_type t
     WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS collation"""


_COLLATION_LOCALE = "  collcollate as lc_collate,\n"
_ANY_LOCALE = (
    "  coalesce(collcollate, to_jsonb(c) ->> 'colliculocale', to_jsonb(c) ->> 'colllocale')"
    " as lc_collate,\n"
)
_COLLATION_VERSION = "  collversion as version\n"
_DETERMINISM = (
    "  CASE WHEN collisdeterministic THEN 'deterministic' ELSE 'nondeterministic' END as version\n"
)


def _collation_create_statement(self) -> str:
    options = [f"provider = {self.provider}"]
    if self.provider == "libc" and self.lc_ctype != self.lc_collate:
        options += [f"lc_collate = {string_literal(self.lc_collate)}"]
        options += [f"lc_ctype = {string_literal(self.lc_ctype)}"]
    else:
        options.append(f"locale = {string_literal(self.lc_collate or '')}")
    if self.version == "nondeterministic":
        options.append("deterministic = false")
    return f"create collation if not exists {self.quoted_full_name} ({', '.join(options)});"


def _collation_equality(self, other) -> bool:
    def described(collation):
        return (
            collation.name,
            collation.schema,
            collation.provider,
            collation.lc_collate,
            collation.lc_ctype,
            collation.version,
        )

    return described(self) == described(other)


def _collation_subclause(self) -> str:
    return f" collate {self.collation}" if self.collation else ""


def _not_null_clause(column) -> str:
    """NOT NULL, with the constraint's name when the user chose it and NO INHERIT (18). A NOT
    VALID one is left out: it is added after the column (not_null.py), as a column cannot
    be created with one."""
    constraint = getattr(column, "not_null_constraint", None)
    if not column.not_null or (constraint is not None and not constraint.validated):
        return ""
    if constraint is None:
        return " not null"
    name = f" constraint {quote_identifier(constraint.name)}" if constraint.user_named else ""
    return f"{name} not null{' no inherit' if constraint.no_inherit else ''}"


def _creation_clause(self) -> str:
    clause = f"{self.quoted_name} {self.dbtypestr}{self.collation_subclause}"
    if self.is_identity:
        clause += f" generated {'always' if self.is_identity_always else 'by default'} as identity"
    clause += _not_null_clause(self)
    if self.is_generated:
        # Written out on every major: 18 makes a column without the word VIRTUAL.
        kind = "virtual" if getattr(self, "is_virtual", False) else "stored"
        clause += f" generated always as ({self.default}) {kind}"
    elif self.default:
        clause += f" default {self.default}"
    return clause


def _add_column_clause(self) -> str:
    return f"add column {self.creation_clause}"


def _index_equality(self, other) -> bool:
    return (self.definition, self.is_pk, self.is_exclusion, self.is_immediate) == (
        other.definition,
        other.is_pk,
        other.is_exclusion,
        other.is_immediate,
    )


def _compatible_columns(self, other) -> bool:
    """schemainspect's rule (the old columns come first, by name and type), with the full type
    (modifiers included) and the collation."""

    def described(columns):
        return [(name, c.dbtypestr, c.collation) for name, c in columns.items()]

    items = described(self.columns)
    if self.relationtype != "f":
        items = items[: len(other.columns)]
    return items == described(other.columns)


def _function_equality(self, other) -> bool:
    return (self.signature, self.kind, self.full_definition) == (
        other.signature,
        other.kind,
        other.full_definition,
    )


def _function_can_replace(self, other) -> bool:
    """Whether `self` can replace `other` with CREATE OR REPLACE."""
    mine, theirs = getattr(self, "facts", None), getattr(other, "facts", None)
    kept_defaults = mine is None or theirs is None or mine.defaults >= theirs.defaults
    return (
        self.signature == other.signature
        and self.kind == other.kind
        and self.result_string == other.result_string
        and kept_defaults
    )


def _is_exclusion_constraint(self) -> bool:
    """The index comes and goes with its constraint, which is added by its definition."""
    constraint = self.constraint
    return bool(constraint) and (constraint.constraint_type == "EXCLUDE" or constraint.is_temporal)


def _constraint_create_statement(self, set_not_valid: bool = False) -> str:
    if self.index and self.constraint_type != "EXCLUDE" and not self.is_temporal:
        clause = f"{self.constraint_type} using index {self.quoted_name}{self.deferrable_subclause}"
    else:
        clause = self.definition
        if set_not_valid and not clause.endswith(" NOT VALID"):  # printed for one not valid
            clause += " not valid"
    return f"alter table {self.quoted_full_table_name} add constraint {self.quoted_name} {clause};"


def _can_use_not_valid(self) -> bool:
    return self.constraint_type in ("CHECK", "FOREIGN KEY") and not self.index and self.is_enforced


def _nothing_to_read(attribute: str):
    def load(self) -> None:
        setattr(self, attribute, {})

    return load


_USER_TRIGGERS = "where not tg.tgisinternal\n"
_OWN_TRIGGERS = "where not tg.tgisinternal and tg.tgparentid = 0\n"


def apply() -> None:
    if _ONE_PARENT not in obj.ALL_RELATIONS_QUERY:
        raise RuntimeError("schemainspect's relations query changed: review schemainspect_fixes")
    if _COLUMN_COLLATION not in obj.ALL_RELATIONS_QUERY:
        raise RuntimeError("schemainspect's relations query changed: review schemainspect_fixes")
    obj.ALL_RELATIONS_QUERY = obj.ALL_RELATIONS_QUERY.replace(_ONE_PARENT, _FIRST_PARENT).replace(
        _COLUMN_COLLATION, _QUALIFIED_COLUMN_COLLATION
    )
    for expected in (_COLLATION_LOCALE, _COLLATION_VERSION):
        if expected not in obj.COLLATIONS_QUERY:
            raise RuntimeError("schemainspect's collations query changed: review the fixes")
    obj.COLLATIONS_QUERY = obj.COLLATIONS_QUERY.replace(_COLLATION_LOCALE, _ANY_LOCALE).replace(
        _COLLATION_VERSION, _DETERMINISM
    )
    if _USER_TRIGGERS not in obj.TRIGGERS_QUERY:
        raise RuntimeError("schemainspect's triggers query changed: review the fixes")
    obj.TRIGGERS_QUERY = obj.TRIGGERS_QUERY.replace(_USER_TRIGGERS, _OWN_TRIGGERS)
    obj.InspectedCollation.create_statement = property(_collation_create_statement)
    obj.InspectedCollation.__eq__ = _collation_equality
    ColumnInfo.collation_subclause = property(_collation_subclause)
    ColumnInfo.creation_clause = property(_creation_clause)
    ColumnInfo.add_column_clause = property(_add_column_clause)
    obj.InspectedIndex.__eq__ = _index_equality
    obj.InspectedIndex.is_exclusion_constraint = property(_is_exclusion_constraint)
    obj.InspectedConstraint.is_temporal = False  # until inspect.py reads it
    obj.InspectedConstraint.is_enforced = True
    obj.InspectedConstraint.get_create_statement = _constraint_create_statement
    obj.InspectedConstraint.can_use_not_valid = property(_can_use_not_valid)
    obj.InspectedSelectable.has_compatible_columns = _compatible_columns
    obj.PostgreSQL.load_privileges = _nothing_to_read("privileges")
    obj.PostgreSQL.load_types = _nothing_to_read("types")
    obj.PostgreSQL.load_domains = _nothing_to_read("domains")
    obj.InspectedFunction.__eq__ = _function_equality
    obj.InspectedFunction.can_replace = _function_can_replace


apply()
