"""The diff engine: the statements that turn one database's managed schemas into another's.

migra (frozen upstream) computes most statements and is used only here, so the engine can be
swapped. Around it, this module adds what migra does not do, and repairs what it gets wrong
(each found by the roundtrip tests in tests/roundtrip/):

  scope        several managed schemas in one pass: each database is inspected once and
               narrowed to them; nothing elsewhere is read into the diff, altered or dropped
  extensions   the ones the target needs are created (in its schema), never dropped
  enums        values only added: ALTER TYPE ... ADD VALUE (unless a new value is used in the
               same migration); otherwise migra's rename/recreate, with the functions, checks,
               indexes and removed columns that use the enum moved out of its way (#243)
  partitions   keys added with their definition, indexes on the whole tree, bound changes,
               ATTACH written the right way round, columns of a joining partition
  not in migra domains, sequence options, storage parameters, FORCE ROW LEVEL SECURITY,
               NOT VALID constraints, NOT NULL constraints' names, NOT VALID and NO INHERIT
               (not_null.py), ENFORCED / NOT ENFORCED foreign keys (enforcement.py), temporal
               keys (schemainspect_fixes.py), generated expression and kind changes, comments
               (#69, comments.py), privileges and owners (privileges.py)

migra and the repair modules produce the statements, not their order. The steps below are
migra's order of kinds (schemas, types, sequences, drops, tables, constraints, views,
triggers), which is only where each statement starts: ordering.py then orders them all by the
two databases' dependency graphs (creates by the target's, drops by the live database's,
reversed), keeping this order wherever the graphs allow it, so no step has to know which other
kinds must come before it. What stays here is order no graph records: DROP IDENTITY before a
new default, a default dropped before its column's type changes.

`diff_snapshots` adjusts the `old` snapshot in place as it goes (so migra skips what was
handled here): fingerprint a snapshot before diffing it.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from migra import Migration

from faceplate_db.engine.catalog_objects import (
    aggregate_creations,
    aggregate_drops,
    range_changes,
    rule_creations,
    rule_drops,
    text_search_changes,
)
from faceplate_db.engine.columns import (
    defaults_around_type_changes,
    generated_expression_changes,
    identity_dropped_before_default,
)
from faceplate_db.engine.comments import (
    comment_changes,
    dropped_function_names,
    recreated_names,
)
from faceplate_db.engine.domains import domain_changes, recreated_domains
from faceplate_db.engine.enforcement import enforcement_changes
from faceplate_db.engine.enums import (
    dependents_of_recreated_enums,
    enum_additions,
    enum_create,
    enum_default_fixes,
    enum_value_losses,
    functions_using_recreated_enums,
    recasts_before_old_enums_go,
)
from faceplate_db.engine.expressions import stable_expressions
from faceplate_db.engine.functions import (
    dependents_out_of_the_way,
)
from faceplate_db.engine.hazards import Context, classify
from faceplate_db.engine.inspect import Snapshot, snapshot
from faceplate_db.engine.keys import (
    foreign_keys_on_recreated_keys,
    indexes_kept_without_their_constraint,
    valid_foreign_keys_on_partitioned_tables,
)
from faceplate_db.engine.names import (
    quote_identifier,
    unquote_name,
)
from faceplate_db.engine.not_null import not_null_changes
from faceplate_db.engine.ordering import ordered
from faceplate_db.engine.partitions import (
    PartitionFixes,
    inherited_column_statements,
    parent_changes,
    parent_indexes_first,
    with_partition_spec,
)
from faceplate_db.engine.plan import Statement
from faceplate_db.engine.privileges import default_privilege_changes, privilege_changes
from faceplate_db.engine.selectables import (
    composite_alterations,
    indexes_of_recreated_matviews,
)
from faceplate_db.engine.sequences import (
    identity_changes,
    sequence_option_changes,
    serial_identity_swaps,
)
from faceplate_db.engine.table_settings import (
    column_setting_changes,
    relation_option_changes,
    statistics_creations,
    statistics_drops,
    table_setting_changes,
)
from faceplate_db.engine.unmanaged import refuse_to_break_unmanaged_dependents
from faceplate_db.engine.unsupported import refuse_what_cannot_be_expressed

_VALIDATING = re.compile(
    r"^alter table (?P<table>.+) (?:validate constraint (?P<validated>.+)"
    r"|alter constraint (?P<enforced>.+?) (?P<not_enforced>not )?enforced);$"
)


def _validation(old: Snapshot, new: Snapshot, statements: list[str]) -> list[str]:
    """Constraints the target leaves NOT VALID are not validated (migra always validates);
    those validated in the target but not yet in the live database are, unless a statement
    does it already (ALTER CONSTRAINT ... ENFORCED validates)."""
    unvalidated = {unquote_name(name) for name in new.unvalidated}
    kept = []
    created = set()
    for sql in statements:
        match = "constraint" in sql and _VALIDATING.match(sql)
        if match and not match["not_enforced"]:
            constraint = match["validated"] or match["enforced"]
            name = f"{unquote_name(match['table'])}.{unquote_name(constraint)}"
            created.add(name)
            if name in unvalidated and match["validated"]:
                continue
        kept.append(sql)
    for name in sorted(old.unvalidated - new.unvalidated):
        key = unquote_name(name)
        constraint = next(
            (c for k, c in new.inspector.constraints.items() if unquote_name(k) == key), None
        )
        if constraint is not None and key not in created:
            kept.append(constraint.validate_statement)
    return kept


def _extension_creations(old: Snapshot, new: Snapshot) -> list[str]:
    """The extensions the target has and the live database lacks, in their schemas (created
    if missing: an extension may keep to a schema of its own)."""
    statements = []
    for name, schema in sorted(new.extensions.items()):
        if name in old.extensions:
            continue
        if schema not in (*new.schemas, "public", "pg_catalog"):
            statements.append(f"create schema if not exists {quote_identifier(schema)};")
        statements.append(
            f"create extension if not exists {quote_identifier(name)} "
            f"with schema {quote_identifier(schema)};"
        )
    return statements


def _terminated(sql: str) -> str:
    """Every statement ends with a semicolon, so printed one after another they stay apart."""
    return sql if sql.endswith(";") else sql + ";"


def diff_snapshots(old: Snapshot, new: Snapshot) -> list[str]:
    """The SQL statements, in order, that bring old's managed schemas to new's."""
    refuse_what_cannot_be_expressed(old, new)
    with_partition_spec(old)
    with_partition_spec(new)
    enum_creates = {
        enum.create_statement: enum_create(enum)
        for snap in (old, new)
        for enum in snap.inspector.enums.values()
    }
    added_values = enum_additions(old, new) + composite_alterations(old, new)
    domains_early, domain_recasts, domains_late = domain_changes(old, new)
    ranges_early, ranges_late = range_changes(old, new)
    text_search_early, text_search_late = text_search_changes(old, new)
    function_dependent_drops, function_defaults = dependents_out_of_the_way(old, new)
    enum_function_drops = functions_using_recreated_enums(old, new)
    enum_function_drops += dependents_of_recreated_enums(old, new)
    default_fixes = enum_default_fixes(old, new)
    enum_moves = recasts_before_old_enums_go(old, new)
    enum_function_drops += generated_expression_changes(old, new)
    partitions = PartitionFixes(old, new)
    inherited = inherited_column_statements(old, new)
    reparenting, parent_joins = parent_changes(old, new)
    swaps = serial_identity_swaps(old, new)
    indexes_kept_without_their_constraint(old, new)
    foreign_key_drops = foreign_keys_on_recreated_keys(old, new)
    enforcement = enforcement_changes(old, new)
    indexes_of_recreated_matviews(old, new)
    migration = Migration(old.inspector, new.inspector)
    changes = migration.changes
    steps = [
        changes.schemas(creations_only=True),
        default_privilege_changes(old, new),
        _extension_creations(old, new),
        changes.collations(creations_only=True),
        added_values,
        changes.enums(creations_only=True, modifications=False),
        ranges_early,
        domains_early,
        text_search_early,
        swaps.before_sequences,
        changes.sequences(creations_only=True),
        sequence_option_changes(old, new),
        swaps.after_sequences,
        changes.triggers(drops_only=True),
        changes.rlspolicies(drops_only=True),
        foreign_key_drops,
        partitions.apply(changes.non_pk_constraints(drops_only=True)),
        changes.mv_indexes(drops_only=True),
        partitions.apply(changes.pk_constraints(drops_only=True)),
        # Before functions: an index may use one.
        partitions.apply(parent_indexes_first(old, changes.non_mv_indexes(drops_only=True))),
        function_dependent_drops,
        enum_function_drops,
        aggregate_drops(old, new),
        rule_drops(old, new),
        changes.non_table_selectable_drops(),
        statistics_drops(old, new),
        # Attached again before the parent's columns change, so the change reaches it too.
        partitions.detach,
        partitions.attach,
        defaults_around_type_changes(
            identity_dropped_before_default(
                [
                    fixed
                    for sql in changes.tables_only_selectables()
                    if sql not in inherited
                    for fixed in reparenting.get(
                        sql,
                        [
                            *enum_moves.get(sql, []),
                            partitions.tables.get(sql, default_fixes.get(sql, sql)),
                        ],
                    )
                ]
            )
        ),
        parent_joins,
        domain_recasts,
        swaps.after_tables,
        identity_changes(old, new),
        [swaps.replaced.get(sql, sql) for sql in changes.sequences(drops_only=True)],
        domains_late,
        ranges_late,
        text_search_late,
        changes.enums(drops_only=True, modifications=False),
        partitions.apply(changes.non_mv_indexes(creations_only=True)),
        partitions.late_indexes,
        partitions.apply(changes.pk_constraints(creations_only=True)),
        partitions.apply(changes.non_pk_constraints(creations_only=True)),
        enforcement,
        partitions.attach_new,
        statistics_creations(old, new),
        changes.non_table_selectable_creations(),
        aggregate_creations(old, new),
        function_defaults,
        changes.mv_indexes(creations_only=True),
        changes.rlspolicies(creations_only=True),
        changes.triggers(creations_only=True),
        changes.collations(drops_only=True),
        changes.schemas(drops_only=True),
    ]
    statements = [
        _terminated(stable_expressions(enum_creates.get(sql.strip(), sql.strip())))
        for step in steps
        for sql in step
        # migra's stand-ins for an exclusion constraint's index, which comes and goes with it
        if sql.strip() and not sql.startswith("select 1; --")
    ]
    statements = _validation(old, new, valid_foreign_keys_on_partitioned_tables(new, statements))
    statements = not_null_changes(old, new, statements)
    recreated = recreated_names(statements) | dropped_function_names(old, statements)
    recreated |= {unquote_name(key) for key in recreated_domains(old, new)}
    refuse_to_break_unmanaged_dependents(old, statements, recreated)
    statements += relation_option_changes(old, new, recreated)
    statements += column_setting_changes(old, new, statements, recreated)
    statements += table_setting_changes(old, new, recreated)
    statements += rule_creations(old, new, recreated)
    statements += privilege_changes(old, new, statements)
    return ordered(statements + comment_changes(old, new, recreated), old, new)


def _context(old: Snapshot, new: Snapshot, statements: list[str]) -> Context:
    # Materialized views too: one the migration creates is empty and nobody waits on it.
    new_tables = frozenset(
        unquote_name(key)
        for relations in ("tables", "materialized_views")
        for key in getattr(new.inspector, relations)
        if key not in getattr(old.inspector, relations)
    )
    column_types = {
        (unquote_name(key), column.name): column.dbtypestr
        for key, table in old.inspector.tables.items()
        for column in table.columns.values()
    }
    generated_columns = frozenset(
        (unquote_name(key), column.name)
        for key, table in old.inspector.tables.items()
        for column in table.columns.values()
        if column.is_generated
    )
    return Context(
        new_tables=new_tables,
        column_types=column_types,
        generated_columns=generated_columns,
        enum_value_losses=enum_value_losses(old, new, statements),
    )


def classify_all(old: Snapshot, new: Snapshot, statements: list[str]) -> tuple[Statement, ...]:
    context = _context(old, new, statements)
    return tuple(classify(sql, context) for sql in statements)


def snapshot_pair(
    from_url: str, target_url: str, schemas: tuple[str, ...]
) -> tuple[Snapshot, Snapshot]:
    """Both databases read, side by side."""
    # The two inspections wait mostly on their servers; run them side by side.
    with ThreadPoolExecutor(max_workers=2) as pool:
        old = pool.submit(snapshot, from_url, schemas)
        new = pool.submit(snapshot, target_url, schemas)
        return old.result(), new.result()


def statements_between(old: Snapshot, new: Snapshot) -> tuple[Statement, ...]:
    """The classified statements, in order, that bring old's managed schemas to new's.
    Adjusts `old` in place: fingerprint it first."""
    return classify_all(old, new, diff_snapshots(old, new))


def diff_databases(
    from_url: str, target_url: str, schemas: tuple[str, ...]
) -> tuple[Statement, ...]:
    """The statements that transform from_url's managed schemas into target_url's."""
    return statements_between(*snapshot_pair(from_url, target_url, tuple(schemas)))
