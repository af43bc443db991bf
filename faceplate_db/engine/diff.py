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
  ordering     new functions and composite types before the tables using them; functions
               called by column defaults and composite types dropped after; partitions and
               inheritance children dropped before their parent; DROP IDENTITY before a new
               default
  partitions   keys added with their definition, indexes on the whole tree, bound changes,
               ATTACH written the right way round, columns of a joining partition
  not in migra domains, sequence options, storage parameters, FORCE ROW LEVEL SECURITY,
               NOT VALID constraints, stored generated expression changes, comments (#69,
               comments.py), privileges and owners (privileges.py)

`diff_snapshots` adjusts the `old` snapshot in place as it goes (so migra skips what was
handled here): fingerprint a snapshot before diffing it.
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from migra import Migration
from migra.changes import get_selectable_differences

from faceplate_db.config import Settings
from faceplate_db.errors import UnmanagedDependents
from faceplate_db.migrate import scratch
from faceplate_db.migrate.catalog_objects import (
    aggregate_creations,
    aggregate_drops,
    range_changes,
    rule_creations,
    rule_drops,
    text_search_changes,
)
from faceplate_db.migrate.columns import (
    defaults_around_type_changes,
    generated_columns_after_type_changes,
    generated_columns_dropped_first,
    generated_expression_changes,
    identity_dropped_before_default,
)
from faceplate_db.migrate.comments import (
    canonical_name,
    comment_changes,
    dropped_function_names,
    recreated_names,
)
from faceplate_db.migrate.domains import domain_changes, recreated_domains
from faceplate_db.migrate.enums import (
    dependents_of_recreated_enums,
    enum_additions,
    enum_create,
    enum_default_fixes,
    enum_value_losses,
    functions_using_recreated_enums,
    recasts_before_old_enums_go,
)
from faceplate_db.migrate.expressions import stable_expressions
from faceplate_db.migrate.functions import (
    dependents_out_of_the_way,
    has_sql_standard_body,
    renamed_parameters,
)
from faceplate_db.migrate.hazards import Context, classify
from faceplate_db.migrate.inspect import Snapshot, fingerprint, snapshot
from faceplate_db.migrate.keys import (
    foreign_keys_dropped_first,
    foreign_keys_on_recreated_keys,
    indexes_kept_without_their_constraint,
    valid_foreign_keys_on_partitioned_tables,
)
from faceplate_db.migrate.names import (
    qualified_name,
    quote_identifier,
    unquote_name,
)
from faceplate_db.migrate.partitions import (
    PartitionFixes,
    children_dropped_first,
    inherited_column_statements,
    parent_changes,
    parent_indexes_first,
    partitions_after_their_parent,
    with_partition_spec,
)
from faceplate_db.migrate.plan import DiffResult, Statement
from faceplate_db.migrate.privileges import default_privilege_changes, privilege_changes
from faceplate_db.migrate.sequences import (
    identity_changes,
    sequence_option_changes,
    serial_identity_swaps,
)
from faceplate_db.migrate.table_settings import (
    column_setting_changes,
    relation_option_changes,
    retyped_columns,
    statistics_creations,
    statistics_drops,
    table_setting_changes,
)


def _composite_alterations(old: Snapshot, new: Snapshot) -> list[str]:
    """Composite types whose attributes change are altered in place (migra drops and creates
    them, which fails while a column uses them); `old` then holds the target's definition."""
    statements = []
    for key, target in new.inspector.selectables.items():
        current = old.inspector.selectables.get(key)
        if current is None or target.relationtype != "c" or current.relationtype != "c":
            continue
        if current == target:
            continue
        name = f"alter type {key}"
        for column, info in current.columns.items():
            if column not in target.columns:
                statements.append(f"{name} drop attribute {info.quoted_name};")
        for column, info in target.columns.items():
            before = current.columns.get(column)
            if before is None:
                statements.append(f"{name} add attribute {info.quoted_name} {info.dbtypestr};")
            elif before.dbtypestr != info.dbtypestr:
                statements.append(
                    f"{name} alter attribute {info.quoted_name} type {info.dbtypestr};"
                )
        old.inspector.selectables[key] = target
    return statements


def _indexes_of_recreated_matviews(old: Snapshot, new: Snapshot) -> None:
    """A materialized view migra drops and creates again (a table under it changed) loses its
    indexes, which compare equal: they are forgotten in `old`, so migra creates them again."""
    modified = get_selectable_differences(
        old.inspector.selectables,
        new.inspector.selectables,
        old.inspector.enums,
        new.inspector.enums,
    )[7]
    recreated = {key for key, view in modified.items() if view.relationtype == "m"}
    for key, index in list(old.inspector.indexes.items()):
        if (
            qualified_name(index.schema, index.table_name) in recreated
            and key in new.inspector.indexes
        ):
            del old.inspector.indexes[key]


def _early_selectables(old: Snapshot, new: Snapshot) -> list[str]:
    """New functions and composite types that depend on no new relation, created before the
    tables (whose columns, defaults and checks may use them; migra creates them after tables).
    They are then recorded in `old` so migra does not create them again."""
    old_selectables = old.inspector.selectables
    new_selectables = new.inspector.selectables
    added = {key for key in new_selectables if key not in old_selectables}
    # Left to migra, after the tables and the drops: functions whose body is parsed at once,
    # and those replacing one with other parameter names.
    later = set(renamed_parameters(old, new).values()) | {
        key
        for key in added
        if new_selectables[key].relationtype == "f" and has_sql_standard_body(new_selectables[key])
    }
    statements: list[str] = []
    early: set[str] = set()
    # Composite types first: a function's signature may use one (schemainspect does not say).
    candidates = sorted(
        (key for key in added - later if new_selectables[key].relationtype in ("f", "c")),
        key=lambda key: (new_selectables[key].relationtype != "c", key),
    )
    progress = True
    while progress:
        progress = False
        for key in candidates:
            selectable = new_selectables[key]
            if key in early or any(
                dep in added and dep not in early for dep in selectable.dependent_on
            ):
                continue
            statements.append(selectable.create_statement)
            early.add(key)
            progress = True
            old_selectables[key] = selectable
            if selectable.relationtype == "f":
                old.inspector.functions[key] = selectable
    if any(new_selectables[key].relationtype == "f" for key in early):
        statements.insert(0, "set check_function_bodies = off;")
    return statements


def _late_type_drops(old: Snapshot, new: Snapshot) -> list[str]:
    """Composite types that go away, dropped after the tables (whose columns may use them;
    migra drops them before). They are removed from `old` so migra does not drop them."""
    statements = []
    for key, selectable in list(old.inspector.selectables.items()):
        if selectable.relationtype == "c" and key not in new.inspector.selectables:
            statements.append(selectable.drop_statement)
            del old.inspector.selectables[key]
    return statements


def _late_function_drops(old: Snapshot, new: Snapshot) -> list[str]:
    """Functions that go away and that a column default or generated expression calls are
    dropped after the tables (migra drops functions before, while the columns still use them).
    They are removed from `old` so migra does not drop them."""
    defaults = [
        column.default
        for table in old.inspector.tables.values()
        for column in table.columns.values()
        if column.default
    ]
    statements = []
    for key, function in list(old.inspector.functions.items()):
        if key in new.inspector.selectables:
            continue
        called = f"{function.schema}.{function.name}(".lower()
        if any(called in default.lower().replace('"', "") for default in defaults):
            statements.append(function.drop_statement)
            del old.inspector.functions[key]
            old.inspector.selectables.pop(key, None)
    return statements


def _validation(old: Snapshot, new: Snapshot, statements: list[str]) -> list[str]:
    """Constraints the target leaves NOT VALID are not validated (migra always validates);
    those validated in the target but not yet in the live database are."""
    unvalidated = {unquote_name(name) for name in new.unvalidated}
    kept = []
    created = set()
    for sql in statements:
        match = "validate constraint" in sql and re.match(
            r"^alter table (.+) validate constraint (.+);$", sql
        )
        if match:
            name = f"{unquote_name(match.group(1))}.{unquote_name(match.group(2))}"
            created.add(name)
            if name in unvalidated:
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
    with_partition_spec(old)
    with_partition_spec(new)
    enum_creates = {
        enum.create_statement: enum_create(enum)
        for snap in (old, new)
        for enum in snap.inspector.enums.values()
    }
    added_values = enum_additions(old, new) + _composite_alterations(old, new)
    domains_early, domain_recasts, domains_late = domain_changes(old, new)
    ranges_early, ranges_late = range_changes(old, new)
    text_search_early, text_search_late = text_search_changes(old, new)
    function_dependent_drops, function_defaults = dependents_out_of_the_way(old, new)
    early_selectables = _early_selectables(old, new)
    late_type_drops = _late_type_drops(old, new)
    late_type_drops += _late_function_drops(old, new)
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
    _indexes_of_recreated_matviews(old, new)
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
        early_selectables,
        changes.triggers(drops_only=True),
        changes.rlspolicies(drops_only=True),
        foreign_key_drops,
        foreign_keys_dropped_first(
            old, partitions.apply(changes.non_pk_constraints(drops_only=True))
        ),
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
        generated_columns_after_type_changes(
            defaults_around_type_changes(
                identity_dropped_before_default(
                    children_dropped_first(
                        old,
                        new,
                        partitions_after_their_parent(
                            new,
                            generated_columns_dropped_first(
                                old,
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
                                ],
                            ),
                        ),
                    )
                )
            )
        ),
        parent_joins,
        domain_recasts,
        swaps.after_tables,
        identity_changes(old, new),
        late_type_drops,
        [swaps.replaced.get(sql, sql) for sql in changes.sequences(drops_only=True)],
        domains_late,
        ranges_late,
        text_search_late,
        changes.enums(drops_only=True, modifications=False),
        partitions.apply(changes.non_mv_indexes(creations_only=True)),
        partitions.late_indexes,
        partitions.apply(changes.pk_constraints(creations_only=True)),
        partitions.apply(changes.non_pk_constraints(creations_only=True)),
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
    recreated = recreated_names(statements) | dropped_function_names(old, statements)
    recreated |= {unquote_name(key) for key in recreated_domains(old, new)}
    _refuse_to_break_unmanaged_dependents(old, statements, recreated)
    statements += relation_option_changes(old, new, recreated)
    statements += column_setting_changes(old, new, statements, recreated)
    statements += table_setting_changes(old, new, recreated)
    statements += rule_creations(old, new, recreated)
    statements += privilege_changes(old, new, statements)
    return statements + comment_changes(old, new, recreated)


# What PostgreSQL will not let a column change type under (a foreign key it rebuilds itself).
_BLOCKING_A_TYPE_CHANGE = ("pg_rewrite", "pg_policy", "pg_trigger")


def _refuse_to_break_unmanaged_dependents(
    old: Snapshot, statements: list[str], recreated: set[str]
) -> None:
    """PostgreSQL would refuse the migration (or CASCADE would destroy another application's
    objects): say so now, naming both sides, instead of when the migration runs."""
    retyped = retyped_columns(statements)
    conflicts = sorted(
        (referenced, dependent)
        for referenced, dependent, catalog in old.external_dependents
        if canonical_name(referenced) in recreated
        or canonical_name(referenced).rsplit(".", 1)[0] in recreated
        or (canonical_name(referenced) in retyped and catalog in _BLOCKING_A_TYPE_CHANGE)
    )
    if conflicts:
        raise UnmanagedDependents(conflicts)


def _context(old: Snapshot, new: Snapshot, statements: list[str]) -> Context:
    new_tables = frozenset(
        unquote_name(key) for key in new.inspector.tables if key not in old.inspector.tables
    )
    column_types = {
        (unquote_name(key), column.name): column.dbtypestr
        for key, table in old.inspector.tables.items()
        for column in table.columns.values()
    }
    return Context(
        new_tables=new_tables,
        column_types=column_types,
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


def diff_databases(
    from_url: str, target_url: str, schemas: tuple[str, ...]
) -> tuple[Statement, ...]:
    """The statements that transform from_url's managed schemas into target_url's."""
    old, new = snapshot_pair(from_url, target_url, tuple(schemas))
    return classify_all(old, new, diff_snapshots(old, new))


def plan_migration(settings: Settings) -> DiffResult:
    """schema.sql loaded into a scratch database, diffed against the live database. Reads the
    live database only.

    The live database is inspected while the schema file loads, and the scratch database is
    dropped while the diff is computed; the drop still happens before this returns or raises.
    """
    schema_file = Path(settings.schema_file)
    schemas = tuple(settings.schemas)
    with ThreadPoolExecutor(max_workers=1) as pool:
        live = pool.submit(snapshot, settings.database_url, schemas)
        with scratch.scratch_database(settings) as scratch_url:
            scratch.load_schema_file(scratch_url, schema_file)
            new = snapshot(scratch_url, schemas)
            old = live.result()
            # Fingerprints first: diff_snapshots adjusts `old` in place (enum additions).
            from_fingerprint, to_fingerprint = fingerprint(old), fingerprint(new)
            planned = pool.submit(lambda: classify_all(old, new, diff_snapshots(old, new)))
        statements = planned.result()
    return DiffResult(
        statements=statements,
        schema_sha256=hashlib.sha256(schema_file.read_bytes()).hexdigest(),
        from_fingerprint=from_fingerprint,
        to_fingerprint=to_fingerprint,
        schemas=schemas,
    )
