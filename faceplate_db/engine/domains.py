"""Domains, which migra does not diff (schemainspect sees only those on the search path): created
(a domain over another after it: the dependency graph orders them, ordering.py), altered where
ALTER DOMAIN can (default, NOT NULL and the name a user gave it, constraints), and otherwise
made anew: the old one renamed out of the way, the new one created, the columns moved to it,
the old one dropped.
"""

from __future__ import annotations

from faceplate_db.engine.catalog import Domain
from faceplate_db.engine.columns import columns_of_type
from faceplate_db.engine.enums import domains_over, recreated_enums
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import qualified_name, quote_identifier, unquote_name


def _domain_alterations(current: Domain, target: Domain) -> list[str]:
    name = f"alter domain {target.quoted_full_name}"
    statements = []
    if current.default != target.default:
        statements.append(
            f"{name} set default {target.default};"
            if target.default is not None
            else f"{name} drop default;"
        )
    if current.not_null and not target.not_null:
        statements.append(f"{name} drop not null;")
    elif target.not_null and not current.not_null:
        verb = "add" if target.not_null_named_by_user else "set"
        statements.append(f"{name} {verb} {target.not_null_clause};")
    elif (
        target.not_null
        and current.not_null_name != target.not_null_name
        and (current.not_null_named_by_user or target.not_null_named_by_user)
    ):
        statements.append(
            f"{name} rename constraint {quote_identifier(current.not_null_name)} "
            f"to {quote_identifier(target.not_null_name)};"
        )
    for constraint in current.constraints:
        if constraint not in target.constraints:
            statements.append(f"{name} drop constraint {constraint.split(' ', 1)[0]};")
    for constraint in target.constraints:
        if constraint not in current.constraints:
            statements.append(f"{name} add constraint {constraint};")
    return statements


def recreated_domains(old: Snapshot, new: Snapshot) -> set[str]:
    """Keys of the domains made anew: their base type or collation changes, or they are over
    an enum migra recreates."""
    over_enums = {key for enum in recreated_enums(old, new) for key in domains_over(old, enum)}
    return over_enums | _remade(old, new)


def _remade(old: Snapshot, new: Snapshot) -> set[str]:
    """Keys of the domains whose base type or collation changes, and of those over them (a
    domain over a domain made anew is made anew over the new one)."""
    kept = {key: domain for key, domain in old.domains.items() if key in new.domains}
    remade = {key for key, domain in kept.items() if not domain.alterable_into(new.domains[key])}
    while True:
        bases = {unquote_name(key) for key in remade}
        over = {
            key
            for key, domain in kept.items()
            if unquote_name(domain.data_type.removesuffix("[]")) in bases
        }
        if over <= remade:
            return remade
        remade |= over


def domain_changes(old: Snapshot, new: Snapshot) -> tuple[list[str], list[str], list[str]]:
    """(creations and alterations, column recasts, drops): the first run before tables, the
    recasts after them, the drops last. A domain whose base type or collation changes cannot
    be altered: the old one is renamed out of the way, the new one created, the columns moved
    to it, and the old one dropped."""
    early: list[str] = []
    recasts: list[str] = []
    late: list[str] = []
    remade = _remade(old, new)
    for key in sorted(new.domains):
        target, current = new.domains[key], old.domains.get(key)
        if current is None:
            early.append(target.create_statement)
        elif key in remade:
            moved = qualified_name(current.schema, f"{current.name}__faceplate_old")
            early += [
                f"alter domain {key} rename to {quote_identifier(current.name + '__faceplate_old')};",
                target.create_statement,
            ]
            for table, column in columns_of_type(old, key):
                if table in new.inspector.tables and column in new.inspector.tables[table].columns:
                    name = quote_identifier(column)
                    recasts.append(
                        f"alter table {table} alter column {name} type {key} using {name}::{key};"
                    )
            late.append(f"drop domain {moved};")
        else:
            early += _domain_alterations(current, target)
    gone = {key: domain for key, domain in old.domains.items() if key not in new.domains}
    late += [f"drop domain {key};" for key in sorted(gone)]
    return early, recasts, late
