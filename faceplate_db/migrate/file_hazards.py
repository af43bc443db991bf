"""The hazards a migration file's statements carry as apply finds them: each statement classified
by its SQL alone, knowing which tables the file itself created earlier, merged with what the diff
declared, so a written file declares every hazard a reviewer must approve."""

from __future__ import annotations

import re

from faceplate_db.engine import HAZARD_KINDS, Context, Statement, classify, unquote_name

# A materialized view the file creates is new too: indexing it blocks nobody.
_CREATE_TABLE = re.compile(
    r"^\s*create\s+(?:unlogged\s+)?(?:table|materialized\s+view)\s+(?:if\s+not\s+exists\s+)?"
    r'((?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*))?)',
    re.IGNORECASE,
)


def classify_in_file(sqls: list[str]) -> list[Statement]:
    """Each statement classified by its SQL alone, knowing which tables the file itself created
    earlier (statements on those carry no lock or rewrite hazard)."""
    new_tables: set[str] = set()
    found = []
    for sql in sqls:
        found.append(classify(sql, Context(new_tables=frozenset(new_tables))))
        created = _CREATE_TABLE.match(sql)
        if created:
            new_tables.add(unquote_name(created.group(1)))
    return found


def with_file_hazards(statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """The statements with the hazards apply will find in the written file added, so that the
    file declares every hazard a reviewer must approve."""
    merged = []
    for statement, by_sql in zip(
        statements, classify_in_file([s.sql for s in statements]), strict=True
    ):
        extra = [
            (kind, reason) for kind, reason in pair_reasons(by_sql) if kind not in statement.hazards
        ]
        if not extra:
            merged.append(statement)
            continue
        pairs = pair_reasons(statement) + extra
        pairs.sort(key=lambda pair: HAZARD_KINDS.index(pair[0]))
        merged.append(
            Statement(
                sql=statement.sql,
                hazards=statement.hazards | {kind for kind, _ in extra},
                reasons=tuple(reason for _, reason in pairs),
            )
        )
    return tuple(merged)


def pair_reasons(statement: Statement) -> list[tuple[str, str]]:
    """classify gives reasons ordered by HAZARD_KINDS; pair each with its kind."""
    kinds = [kind for kind in HAZARD_KINDS if kind in statement.hazards]
    if len(kinds) == len(statement.reasons):
        return list(zip(kinds, statement.reasons, strict=True))
    # Several reasons for one kind: keep them all under the kinds in order.
    pairs = []
    reasons = list(statement.reasons)
    for kind in kinds:
        if reasons:
            pairs.append((kind, reasons.pop(0)))
    return pairs
