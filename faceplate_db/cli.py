"""The command line: parse arguments, call one library verb, render, exit.

Exit codes: 0 ok / in sync; 1 error; 2 differences found (diff --exit-code, status, check);
3 refused (apply: drift, changed checksum, unapproved hazard, lock held).
"""

from __future__ import annotations

import argparse
import sys

from faceplate_db.errors import FaceplateError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="faceplate-db", description=__doc__.splitlines()[0])
    parser.add_subparsers(dest="command", required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except FaceplateError as exc:
        print(f"faceplate-db {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"faceplate-db {args.command}: interrupted", file=sys.stderr)
        return 130
