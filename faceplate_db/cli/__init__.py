"""The command line: parse arguments, call one library verb, render, exit.

Exit codes: 0 ok / in sync; 1 error; 2 differences found (diff --exit-code, status, check);
3 refused (apply: drift, changed checksum, unapproved hazard, lock held); 130 interrupted.
Artifacts (SQL, markdown, JSON) go to stdout; messages go to stderr.
"""

from __future__ import annotations

import argparse
import sys

from faceplate_db import __version__
from faceplate_db.cli import ping, schema_commands
from faceplate_db.cli.options import add_common_options
from faceplate_db.errors import FaceplateError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="faceplate-db",
        description="Schema-as-code for PostgreSQL: schema.sql -> reviewed migrations -> guarded apply.",
    )
    parser.add_argument("--version", action="version", version=f"faceplate-db {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (schema_commands, ping):
        module.register(commands, add_common_options)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except FaceplateError as exc:
        print(f"faceplate-db {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"faceplate-db {args.command}: interrupted", file=sys.stderr)
        return 130
