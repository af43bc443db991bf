"""Turning results into text: diff as SQL, markdown or JSON; apply, status and baseline
reports; check's markdown summary for a pull-request comment. Nothing here touches a database.
"""

from __future__ import annotations

import json

from faceplate_db.migrate import FORMATS
from faceplate_db.migrate.apply import ApplyResult, BaselineResult
from faceplate_db.migrate.check import CheckResult
from faceplate_db.migrate.file_hazards import with_file_hazards
from faceplate_db.migrate.planning import DiffResult
from faceplate_db.migrate.rollback import RollbackResult
from faceplate_db.migrate.status import StatusResult
from faceplate_db.migrate.writing import format_migration, format_statement


def diff_sql(result: DiffResult, title: str | None = None) -> str:
    """The migration as a file: executable by psql as it stands. Empty when in sync."""
    if result.in_sync:
        return ""
    return format_migration(
        result.statements,
        result.schema_sha256,
        result.from_fingerprint,
        result.to_fingerprint,
        title,
    )


def _hazard_line(hazards) -> str:
    return ", ".join(hazards) if hazards else "none"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def diff_markdown(result: DiffResult) -> str:
    if result.in_sync:
        return "**In sync**: the live database matches schema.sql.\n"
    statements = with_file_hazards(result.statements)
    found = {kind for statement in statements for kind in statement.hazards}
    lines = [
        f"### Migration: {len(statements)} statement(s)",
        "",
        f"- schema.sql sha256: `{result.schema_sha256}`",
        f"- from fingerprint `{result.from_fingerprint}` to `{result.to_fingerprint}`",
        f"- hazards: {_hazard_line(sorted(found))}",
        "",
    ]
    hazardous = [s for s in statements if s.hazards]
    if hazardous:
        lines += ["| hazard | reason | statement |", "| --- | --- | --- |"]
        for statement in hazardous:
            first = _cell(statement.sql.strip().splitlines()[0])
            reasons = _cell("; ".join(statement.reasons))
            lines.append(f"| {', '.join(sorted(statement.hazards))} | {reasons} | `{first}` |")
        lines.append("")
    lines += ["```sql", "\n\n".join(format_statement(s) for s in statements), "```", ""]
    return "\n".join(lines)


def diff_json(result: DiffResult) -> str:
    statements = with_file_hazards(result.statements)
    document = {
        "in_sync": result.in_sync,
        "schema_sha256": result.schema_sha256,
        "from_fingerprint": result.from_fingerprint,
        "to_fingerprint": result.to_fingerprint,
        "schemas": list(result.schemas),
        "hazards": sorted({kind for s in statements for kind in s.hazards}),
        "statements": [
            {"sql": s.sql, "hazards": sorted(s.hazards), "reasons": list(s.reasons)}
            for s in statements
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def diff(result: DiffResult, output_format: str) -> str:
    writers = dict(zip(FORMATS, (diff_sql, diff_markdown, diff_json), strict=True))
    return writers[output_format](result)


def _dry_run(files) -> str:
    parts = [f"-- dry run: {len(files)} file(s) would run, in this order\n"]
    for migration in files:
        mode = " (outside a transaction)" if migration.no_transaction else ""
        parts.append(f"-- ==== {migration.filename}{mode} ====\n{migration.text.rstrip()}\n")
    return "\n".join(parts)


def apply_report(result: ApplyResult) -> str:
    if result.dry_run:
        return _dry_run(result.pending) if result.pending else "-- nothing pending\n"
    if not result.applied:
        return "nothing pending: every migration is applied\n"
    lines = [
        f"applied {m.filename}: {m.statements} statement(s) in {m.duration_s:.2f} s"
        + (" (outside a transaction)" if m.no_transaction else "")
        for m in result.applied
    ]
    if result.schema_in_sync:
        lines.append("the live database now matches schema.sql")
    return "\n".join(lines) + "\n"


def rollback_report(result: RollbackResult) -> str:
    if result.dry_run:
        return _dry_run(result.pending) if result.pending else "-- nothing to roll back\n"
    if not result.rolled_back:
        return "nothing to roll back: no migration is applied\n"
    return "".join(
        f"rolled back {m.filename.replace('.down.sql', '.sql')}: {m.filename}, "
        f"{m.statements} statement(s) in {m.duration_s:.2f} s\n"
        for m in result.rolled_back
    )


def status_report(result: StatusResult) -> str:
    lines = []
    for row in result.applied:
        how = "baselined" if row.baseline else f"{row.duration_s:.2f} s"
        lines.append(
            f"applied  {row.filename}  {row.applied_at:%Y-%m-%d %H:%M:%S %Z} by {row.applied_by} ({how})"
        )
    for migration in result.pending:
        undone = result.rollbacks.get(migration.version)
        when = (
            f"  (rolled back {undone.rolled_back_at:%Y-%m-%d %H:%M:%S %Z} by {undone.rolled_back_by})"
            if undone
            else ""
        )
        lines.append(f"pending  {migration.filename}{when}")
    if not result.applied and not result.pending:
        lines.append("no migrations applied or pending")
    lines.append(f"live fingerprint {result.live_fingerprint}")
    if result.drift:
        if result.applied:
            lines.append(
                f"DRIFT: the live database differs from what {result.applied[-1].filename} "
                f"produces (expected fingerprint {result.expected_fingerprint}); the schema was "
                "changed outside migrations: see `faceplate-db diff`"
            )
        else:
            lines.append(
                "DRIFT: nothing is applied and the live database is not in the state "
                f"{result.pending[0].filename} expects (fingerprint "
                f"{result.expected_fingerprint}); if it already matches schema.sql, adopt it "
                "with `faceplate-db baseline`"
            )
    lines += [f"PROBLEM: {problem}" for problem in result.problems]
    if result.in_sync:
        lines.append("in sync: nothing pending, no drift")
    return "\n".join(lines) + "\n"


def baseline_report(result: BaselineResult) -> str:
    if not result.recorded:
        return "nothing to record: every migration is already in the history\n"
    return "".join(f"recorded {name} as applied (baseline, not run)\n" for name in result.recorded)


def _down_cell(migration) -> str:
    if migration.irreversible_reason:
        return f"irreversible: {_cell(migration.irreversible_reason)}"
    if migration.down is None:
        return "**missing**"
    approved = [kind for kind in migration.down.hazards if kind in migration.down.approvals]
    return (
        f"`{migration.down.filename}` ({len(migration.down.statements)}; hazards "
        f"{_hazard_line(migration.down.hazards)}; approved {_hazard_line(approved)})"
    )


def _reviewed(result: CheckResult):
    return [f for migration in result.files for f in (migration, migration.down) if f is not None]


def _first_line(statement) -> str:
    return _cell(statement.sql.strip().splitlines()[0])


def check_markdown(result: CheckResult) -> str:
    """A review summary fit for a pull-request comment."""
    verdict = "passed" if result.ok else "FAILED"
    lines = [f"## faceplate-db check {verdict}", ""]
    if result.files:
        lines += [
            "| migration | statements | hazards | approved | data changes | down file |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for migration in result.files:
            approved = [kind for kind in migration.hazards if kind in migration.approvals]
            dml = sum(statement.is_dml for statement in migration.statements)
            lines.append(
                f"| `{migration.filename}` | {len(migration.statements)} | "
                f"{_hazard_line(migration.hazards)} | {_hazard_line(approved)} | "
                f"{dml or 'none'} | {_down_cell(migration)} |"
            )
        lines.append("")
    else:
        lines += ["No migration files.", ""]
    for problem in result.file_problems:
        lines.append(f"- **Problem**: {problem}")
    reviewed = _reviewed(result)
    hazardous = [
        (migration, statement, kind)
        for migration in reviewed
        for statement in migration.statements
        for kind in sorted(statement.hazards)
    ]
    if hazardous:
        # Every hazardous statement, approved or not: the reviewer's reading list.
        lines += ["", "### Hazardous statements", ""]
        for migration, statement, kind in hazardous:
            reason = next(
                (r.removeprefix(f"{kind}: ") for r in statement.reasons if r.startswith(kind)),
                kind,
            )
            verdict = (
                "approved"
                if kind in migration.approvals
                else f"NOT approved: add the line `-- approve: {kind}` once reviewed"
            )
            lines.append(
                f"- `{migration.filename}:{statement.line}` **{kind}** ({reason}): "
                f"`{_first_line(statement)}` ({verdict})"
            )
    changes = [(m, s) for m in reviewed for s in m.statements if s.is_dml]
    if changes:
        # Rows a reviewer's statements change (a backfill): read them as closely as the DDL.
        lines += ["", "### Data changes (DML)", ""]
        lines += [f"- `{m.filename}:{s.line}` **DML**: `{_first_line(s)}`" for m, s in changes]
    if result.replay_error:
        lines += ["", "### Replaying the migrations failed", "", "```", result.replay_error, "```"]
    if result.down_error:
        lines += [
            "",
            "### A down file does not lead back to where its migration started",
            "",
            "```",
            result.down_error,
            "```",
        ]
    if result.missing:
        lines += [
            "",
            "### schema.sql disagrees with the migrations",
            "",
            f"Replaying the migrations does not produce schema.sql; {len(result.missing)} "
            "statement(s) are missing. Write them as a migration with "
            "`faceplate-db diff --write NAME` (against a database with every migration applied):",
            "",
            "```sql",
            "\n\n".join(format_statement(s) for s in with_file_hazards(result.missing)),
            "```",
        ]
    if result.ok:
        lines += [
            "",
            "The migrations replay cleanly onto an empty database and produce schema.sql.",
        ]
        if result.downs_replayed:
            lines.append(
                f"Their down files lead back, newest first: {', '.join(result.downs_replayed)}."
            )
    return "\n".join(lines).rstrip() + "\n"
