"""`nox -s loadtest` / `python -m loadtest.run`: SC-002 checked end to end.

Creates a database on the server (DATABASE_URL, else the embedded one), applies the
migrations, seeds 1,000 users x 10 conversations x 20 messages, starts the HTTP app on
127.0.0.1 (`--app-processes N` of them, behind a real PgBouncer with `--pgbouncer`), runs Locust
headless (50 users, 60 s by default; `--processes N` for its distributed mode) while sampling
the server and client connections, optionally injects a fault in the middle (`--fault restart`
on a server of the harness's own, or `--fault terminate`), then writes
loadtest/results/summary.json and Locust's HTML report, prints a table, and exits non-zero when
a criterion fails. Everything it started is stopped, and the database it created dropped,
whatever happens.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import uuid
from contextlib import ExitStack
from functools import partial
from pathlib import Path

from sqlalchemy.engine import make_url

from faceplate_db.config import Settings, find_project_root, mask_url
from faceplate_db.data.settings import PoolSettings
from faceplate_db.errors import ConfigError, FaceplateError
from loadtest.apps import app_environment, running_apps
from loadtest.criteria import all_passed, bounds, evaluate
from loadtest.faults import (
    FAULTS,
    FaultInjector,
    check_appends,
    fault_summary,
    restart_server,
    terminate_backends,
)
from loadtest.pgbouncer import running_pgbouncer
from loadtest.report import TOTALS_FILE, locust_totals, report
from loadtest.requestlog import read_outcomes
from loadtest.sampler import ConnectionSampler, read_pool
from loadtest.seed import seeded_database
from loadtest.server import own_server

ROOT = find_project_root(Path(__file__).parent)
RESULTS = ROOT / "loadtest" / "results"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loadtest.run", description=__doc__)
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
        help="put a real PgBouncer (transaction pooling, pool of 20) between the apps and PostgreSQL",
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


def run_locust(args: argparse.Namespace, bases: list[str], seed_file: Path, log_dir: Path) -> int:
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "loadtest" / "locustfile.py"),
        "--host",
        bases[0],
        "-u",
        str(args.users),
        "-r",
        str(args.spawn_rate),
        "-t",
        f"{args.duration:g}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(args.results / "locust"),
        "--html",
        str(args.results / "locust_report.html"),
        "--loglevel",
        "WARNING",
    ]
    if args.processes > 1:
        command += ["--processes", str(args.processes)]
    if args.web:
        command += ["--web-host", "127.0.0.1", "--autostart", "--autoquit", "0"]
    else:
        command += ["--headless", "--only-summary"]
    env = {
        **os.environ,
        "FACEPLATE_SEED_FILE": str(seed_file),
        "FACEPLATE_P99_BOUND_MS": f"{args.p99_bound_ms:g}",
        "FACEPLATE_APP_URLS": ",".join(bases),
        "FACEPLATE_REQUEST_LOG": str(log_dir),
        "FACEPLATE_FAULT": args.fault or "",
        "FACEPLATE_TOTALS_FILE": str(args.results / TOTALS_FILE),
    }
    done = subprocess.run(command, cwd=ROOT, env=env, timeout=args.duration + 120)
    return done.returncode


def run(args: argparse.Namespace) -> dict:
    check_options(args)
    args.results.mkdir(parents=True, exist_ok=True)
    log_dir = args.results / "requests"
    shutil.rmtree(log_dir, ignore_errors=True)
    log_dir.mkdir()
    (args.results / TOTALS_FILE).unlink(missing_ok=True)
    pool = {
        k: v
        for k, v in (("pool_size", args.pool_size), ("max_overflow", args.max_overflow))
        if v is not None
    }
    # As the app processes will read them (they inherit FACEPLATE_* from this environment).
    settings = PoolSettings.from_env(database_url="postgresql://unused", **pool)
    application_name = f"faceplate-loadtest-{uuid.uuid4().hex[:6]}"
    seed_file = args.results / "seed.json"
    server_url = database = database_url = bouncer = None
    with ExitStack() as stack:
        if args.target:
            bases = [loopback_only(args.target)]
            pool_urls = [f"{bases[0]}/pool"]
            apps = []
            if not seed_file.exists():
                raise ConfigError(
                    "--target", args.target, f"needs the seed ids of that deployment in {seed_file}"
                )
        else:
            if args.fault == "restart":
                server = stack.enter_context(own_server())
                server_url = server.url
            else:
                server_url = Settings.resolve(database=args.database).database_url
            print(
                f"load test on {mask_url(server_url)}: {args.users} users, {args.duration:g} s, "
                f"{args.app_processes} app process(es){', through PgBouncer' if args.pgbouncer else ''}"
                f"{f', fault: {args.fault}' if args.fault else ''}",
                flush=True,
            )
            database_url, info = stack.enter_context(seeded_database(server_url))
            database = make_url(database_url).database
            info.save(seed_file)
            print(f"seeded {info.messages} messages in {info.seconds:.1f} s", flush=True)
            if args.pgbouncer:
                bouncer = stack.enter_context(running_pgbouncer(server_url))
            app_settings = app_environment(
                bouncer.url(database) if bouncer else database_url,
                application_name,
                pool,
                pgbouncer=bouncer is not None,
                migrate=args.migrate_at_startup,
                direct_url=database_url,
            )
            apps = stack.enter_context(running_apps(args.app_processes, app_settings))
            bases, pool_urls = [a.base for a in apps], [a.pool_url for a in apps]
        sampler = ConnectionSampler(server_url, database, pool_urls, bouncer)
        sampler.start()
        stack.callback(sampler.stop)
        injector = None
        if args.fault:
            retry_delay_s = settings.retry_delay_s
            inject = (
                partial(restart_server, server, retry_delay_s)
                if args.fault == "restart"
                else partial(terminate_backends, server_url, database, retry_delay_s)
            )
            injector = FaultInjector(inject, lambda: sampler.checkouts > 0, args.duration / 2)
            injector.start()
            stack.callback(injector.stop)
        started = time.monotonic()
        locust_exit = run_locust(args, bases, seed_file, log_dir)
        elapsed = time.monotonic() - started
        sampler.stop()
        pools = [read_pool(url) for url in pool_urls]
        fault = None
        if injector is not None:
            injector.stop()
            if injector.window is None:
                raise FaceplateError(
                    f"the {args.fault} fault was not injected: "
                    f"{injector.error or 'the load did not start, or ended first'}"
                )
            outcomes = read_outcomes(log_dir)
            restarted = sum(1 for app in apps if app.process.poll() is not None)
            fault = fault_summary(
                injector.window, outcomes, check_appends(database_url, outcomes.appends), restarted
            )
    totals = locust_totals(args.results)
    connections_opened = len(sampler.backends)
    if bouncer is None:
        connections_opened = max(connections_opened, sum(p["connections_opened"] for p in pools))
    client_peak = sampler.client_peak if bouncer is not None else sampler.peak
    measured = {
        "failed_requests": totals["failures"],
        "peak_server_connections": sampler.peak,
        "connections_opened": connections_opened,
        "p99_ms": totals["p99_ms"],
        "client_connections_peak": client_peak,
        **(fault or {}),
    }
    limits = bounds(
        pool_max=settings.max_connections,
        p99_bound_ms=args.p99_bound_ms,
        app_processes=len(pools),
        pgbouncer_pool=bouncer.pool_size if bouncer else None,
        fault=args.fault,
    )
    criteria = evaluate(measured, limits)
    return {
        "users": args.users,
        "duration_s": round(elapsed, 1),
        **totals,
        "pgbouncer": bouncer is not None,
        "app_processes": len(pools),
        "locust_processes": args.processes,
        "peak_server_connections": sampler.peak,
        "client_connections_peak": client_peak,
        "connections_opened": connections_opened,
        "pool_checked_out_peak": sampler.pool_checked_out_peak,
        "pool_timeouts": sum(p.get("timeouts", 0) for p in pools),
        "pools": pools,
        "fault": fault,
        "locust_exit_code": locust_exit,
        "criteria": criteria,
        "passed": all_passed(criteria) and locust_exit == 0,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        summary = run(args)
    except FaceplateError as exc:
        print(f"loadtest: error: {exc}", file=sys.stderr)
        return 1
    (args.results / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print("\n".join(report(summary)))
    print(f"wrote {args.results / 'summary.json'} and {args.results / 'locust_report.html'}")
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
