"""The load harness's command line (`python -m loadtest.run --help`) and the checks on it:
options that cannot go together, and targets on loopback only."""

from __future__ import annotations

import argparse
import ipaddress
import urllib.parse
from pathlib import Path

from faceplate_db.config import find_project_root, mask_url
from faceplate_db.errors import ConfigError
from loadtest.faults import FAULTS

DESCRIPTION = (
    "The chat mix through the data layer over HTTP under Locust, with pass/fail criteria "
    "(README: The load harness)."
)
RESULTS = find_project_root(Path(__file__).parent) / "loadtest" / "results"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loadtest.run", description=DESCRIPTION)
    parser.add_argument("--users", type=int, default=50, help="concurrent Locust users (50)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (60)")
    parser.add_argument("--spawn-rate", type=float, default=50, help="users started per second")
    parser.add_argument("--p99-bound-ms", type=float, default=500, help="p99 latency bound (500)")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="Locust worker processes (distributed mode: a master and N workers)",
    )
    parser.add_argument(
        "--app-processes",
        type=int,
        default=1,
        metavar="N",
        help="app processes, each with its own pool, sharing the users out (1)",
    )
    parser.add_argument(
        "--pgbouncer",
        action="store_true",
        help="a real PgBouncer (transaction pooling, pool of 20) between apps and PostgreSQL",
    )
    parser.add_argument(
        "--fault",
        choices=FAULTS,
        help="in the middle of the run: restart PostgreSQL (a server of the harness's own), "
        "or terminate every app backend",
    )
    parser.add_argument(
        "--target",
        metavar="URL",
        help="load an already running app on loopback instead of starting one",
    )
    parser.add_argument(
        "--web",
        action="store_true",
        help="Locust's web UI on 127.0.0.1:8089 (starts itself, stops after --duration)",
    )
    parser.add_argument(
        "--database", metavar="URL", help="server (default: DATABASE_URL, else embedded)"
    )
    parser.add_argument("--pool-size", type=int, help="the app's pool_size (default 5)")
    parser.add_argument("--max-overflow", type=int, help="the app's max_overflow (default 15)")
    parser.add_argument(
        "--migrate-at-startup",
        action="store_true",
        help="the app applies pending migrations as it boots (faceplate_db.migrate.upgrade_async)",
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="output folder")
    return parser


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def loopback_only(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ConfigError(
            "--target", url, "load tests target loopback only (127.0.0.0/8, ::1, localhost)"
        )
    return url.rstrip("/")


def check_options(args: argparse.Namespace) -> None:
    if args.app_processes < 1:
        raise ConfigError("--app-processes", args.app_processes, "must be at least 1")
    if args.target and (args.fault or args.pgbouncer or args.app_processes > 1):
        raise ConfigError(
            "--target",
            args.target,
            "an app already running cannot be given PgBouncer, more processes or a fault",
        )
    if args.fault == "restart" and args.database:
        raise ConfigError(
            "--database",
            mask_url(args.database),
            "--fault restart restarts a server of the harness's own, never a given one",
        )
