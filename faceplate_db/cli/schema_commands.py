"""diff, apply, rollback, status, check, baseline: each parses, calls one library verb, renders the
result and returns the exit code (0 ok, 1 error, 2 differences, 3 refused).

The workflow (and with it psycopg, SQLAlchemy, migra, schemainspect) is imported inside each
command, when it runs: building the parser, `--help` and argument errors load none of it."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from faceplate_db.cli.options import settings_from
from faceplate_db.migrate import FORMATS

DIFFERENCES = 2


def _warn(command: str, message: str) -> None:
    print(f"faceplate-db {command}: {message}", file=sys.stderr)


def _add_scratch_url(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scratch-url",
        metavar="URL",
        help="server for scratch databases (default: the live database's server)",
    )


def run_diff(args: argparse.Namespace) -> int:
    from faceplate_db.migrate import render
    from faceplate_db.migrate.migrations import validate_name
    from faceplate_db.migrate.planning import plan_migration
    from faceplate_db.migrate.writing import write_migration

    if args.write is not None:
        validate_name(args.write)
    settings = settings_from(args)
    plan = plan_migration(settings, with_down=args.write is not None)
    if plan.defines_nothing:
        consequence = "" if plan.in_sync else ": the migration drops everything in them"
        _warn(
            "diff",
            f"{settings.schema_file} defines no objects in the managed schemas "
            f"({', '.join(settings.schemas)}){consequence}",
        )
    changed = DIFFERENCES if args.exit_code and not plan.in_sync else 0
    if args.write is None:
        sys.stdout.write(render.diff(plan, args.format))
        return changed
    if plan.in_sync:
        _warn("diff", "the live database matches schema.sql; no migration written")
        return 0
    path = write_migration(settings.migrations_dir, args.write, plan)
    print(path)
    down = path.with_name(path.stem + ".down.sql")
    print(down)
    for name, hazards in ((path.name, plan.hazards), (down.name, plan.down_hazards)):
        if hazards:
            _warn(
                "diff",
                f"{name} carries hazards ({', '.join(hazards)}): review it and add "
                + ", ".join(f"`-- approve: {kind}`" for kind in hazards)
                + " to approve",
            )
    return changed


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt, so psycopg cancels the running statement and the
    migration's transaction rolls back at once (the server would notice the dead client
    anyway, but this is prompt and says so)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_apply(args: argparse.Namespace) -> int:
    from faceplate_db.migrate import render
    from faceplate_db.migrate.apply import apply

    with _sigterm_as_interrupt():
        result = apply(settings_from(args), dry_run=args.dry_run)
    for warning in result.warnings:
        _warn("apply", f"warning: {warning}")
    sys.stdout.write(render.apply_report(result))
    if result.schema_in_sync is False:
        _warn(
            "apply",
            f"the migrations are applied but the live database still differs from schema.sql "
            f"({result.schema_differences} statement(s)); write a migration with "
            "`faceplate-db diff --write NAME`",
        )
        return DIFFERENCES
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    from faceplate_db.migrate import render
    from faceplate_db.migrate.rollback import rollback

    with _sigterm_as_interrupt():
        result = rollback(
            settings_from(args), steps=args.steps, to_version=args.to, dry_run=args.dry_run
        )
    for warning in result.warnings:
        _warn("rollback", f"warning: {warning}")
    sys.stdout.write(render.rollback_report(result))
    return 0


def run_status(args: argparse.Namespace) -> int:
    from faceplate_db.migrate import render
    from faceplate_db.migrate.status import status

    result = status(settings_from(args))
    sys.stdout.write(render.status_report(result))
    return 0 if result.in_sync else DIFFERENCES


def run_check(args: argparse.Namespace) -> int:
    from faceplate_db.migrate import render
    from faceplate_db.migrate.check import check

    result = check(settings_from(args))
    sys.stdout.write(render.check_markdown(result))
    if result.ok:
        return 0
    reasons = []
    if result.file_problems:
        reasons.append("migration files are malformed or do not chain")
    if result.unapproved:
        reasons.append(f"{len(result.unapproved)} hazardous statement(s) lack approval")
    if result.replay_error:
        reasons.append("replaying the migrations failed")
    if result.down_error:
        reasons.append("a down file does not lead back to where its migration started")
    if result.missing:
        reasons.append("the migrations do not produce schema.sql")
    _warn("check", "failed: " + "; ".join(reasons) + " (details above)")
    return DIFFERENCES


def run_baseline(args: argparse.Namespace) -> int:
    from faceplate_db.migrate import render
    from faceplate_db.migrate.apply import baseline

    sys.stdout.write(render.baseline_report(baseline(settings_from(args))))
    return 0


def _command(commands, add_common_options, name, handler, *, scratch: bool, **texts):
    """A subcommand with the common options (and --scratch-url where it makes scratch
    databases), dispatching to handler."""
    parser = commands.add_parser(name, **texts)
    add_common_options(parser)
    if scratch:
        _add_scratch_url(parser)
    parser.set_defaults(handler=handler)
    return parser


def register(commands, add_common_options) -> None:
    """Adds the schema tool's subcommands."""
    diff = _command(
        commands,
        add_common_options,
        "diff",
        run_diff,
        scratch=True,
        help="print the migration SQL from the live database to schema.sql",
        description="Print the SQL that brings the live database to schema.sql (nothing when "
        "in sync), each hazardous statement marked with a `-- hazard:` comment.",
    )
    diff.add_argument(
        "--write",
        metavar="NAME",
        help="write the next numbered migration, schema/migrations/NNNN_NAME.sql ([a-z0-9_]), "
        "and print its path",
    )
    diff.add_argument(
        "--format", choices=FORMATS, default="sql", help="output format (default: sql)"
    )
    diff.add_argument("--exit-code", action="store_true", help="exit with 2 when there are changes")

    apply_parser = _command(
        commands,
        add_common_options,
        "apply",
        run_apply,
        scratch=True,
        help="apply the pending reviewed migrations",
        description="Apply pending migration files in order, each in one transaction with its "
        "history row, under an advisory lock; refuses on drift, a changed applied file or an "
        "unapproved hazard (exit 3). Afterwards compares the live database with schema.sql: "
        "exit 2 if they still differ.",
    )
    apply_parser.add_argument(
        "--dry-run", action="store_true", help="print what would run and change nothing"
    )

    rollback_parser = _command(
        commands,
        add_common_options,
        "rollback",
        run_rollback,
        scratch=False,
        help="roll back applied migrations with their down files, newest first",
        description="Run the down files of the last applied migrations, newest first, each in "
        "one transaction that also removes its history row and records the rollback, under the "
        "same advisory lock and checks as apply; refuses (exit 3) on a missing, edited or "
        "unapproved down file, an irreversible migration, or drift.",
    )
    undo = rollback_parser.add_mutually_exclusive_group()
    undo.add_argument(
        "--steps", type=int, metavar="N", help="how many migrations to roll back (default: 1)"
    )
    undo.add_argument(
        "--to",
        type=int,
        metavar="VERSION",
        help="roll back every migration after VERSION (0: all of them)",
    )
    rollback_parser.add_argument(
        "--dry-run", action="store_true", help="print what would run and change nothing"
    )

    _command(
        commands,
        add_common_options,
        "status",
        run_status,
        scratch=False,
        help="applied, pending, drift (exit 0 in sync, 2 otherwise)",
        description="List applied and pending migrations and say whether the live database "
        "drifted from what the applied migrations produce.",
    )
    _command(
        commands,
        add_common_options,
        "check",
        run_check,
        scratch=True,
        help="CI gate: migrations replayed onto a scratch database must equal schema.sql",
        description="Replay the migrations onto an empty scratch database, compare with "
        "schema.sql, lint hazard approvals, and print a markdown summary for a PR comment.",
    )
    _command(
        commands,
        add_common_options,
        "baseline",
        run_baseline,
        scratch=True,
        help="record the migrations as applied on a database that already matches schema.sql",
        description="Adopt an existing database: record every migration file as applied "
        "without running it; refuses unless the database matches schema.sql.",
    )
