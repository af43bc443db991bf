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
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

from faceplate_db.config import find_project_root
from faceplate_db.data.settings import PoolSettings
from faceplate_db.errors import ConfigError, FaceplateError
from loadtest.criteria import all_passed, bounds, evaluate
from loadtest.deployment import deployed
from loadtest.faults import FaultInjector, check_appends, fault_summary, injection
from loadtest.options import check_options, loopback_only, parse_args
from loadtest.report import TOTALS_FILE, locust_totals, report
from loadtest.requestlog import read_outcomes
from loadtest.sampler import ConnectionSampler, read_pool

ROOT = find_project_root(Path(__file__).parent)


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
    seed_file = args.results / "seed.json"
    with ExitStack() as stack:
        if args.target:
            deployment, bases = None, [loopback_only(args.target)]
            if not seed_file.exists():
                raise ConfigError(
                    "--target", args.target, f"needs the seed ids of that deployment in {seed_file}"
                )
            sampler = ConnectionSampler(None, None, [f"{bases[0]}/pool"])
        else:
            deployment = stack.enter_context(
                deployed(
                    database=args.database,
                    own=args.fault == "restart",
                    pgbouncer=args.pgbouncer,
                    app_processes=args.app_processes,
                    application_name=f"faceplate-loadtest-{uuid.uuid4().hex[:6]}",
                    pool=pool,
                    migrate=args.migrate_at_startup,
                    seed_file=seed_file,
                    describe=describe(args),
                )
            )
            bases = deployment.bases
            sampler = ConnectionSampler(
                deployment.server_url,
                deployment.database,
                [app.pool_url for app in deployment.apps],
                deployment.bouncer,
            )
        sampler.start()
        stack.callback(sampler.stop)
        injector = None
        if args.fault:
            injector = FaultInjector(
                injection(args.fault, deployment, settings.retry_delay_s),
                lambda: sampler.checkouts > 0,
                args.duration / 2,
            )
        started = time.monotonic()
        if injector is not None:
            injector.start()  # its clock starts with Locust's launch
            stack.callback(injector.stop)
        locust_exit = run_locust(args, bases, seed_file, log_dir)
        elapsed = time.monotonic() - started
        sampler.stop()
        pools = [read_pool(f"{base}/pool") for base in bases]
        outcomes = read_outcomes(log_dir)
        fault = None
        if injector is not None:
            injector.stop()
            if injector.window is None:
                raise FaceplateError(
                    f"the {args.fault} fault was not injected: "
                    f"{injector.error or 'the load did not start, or ended first'}"
                )
            appends = check_appends(deployment.database_url, outcomes.appends)
            fault = fault_summary(injector.window, outcomes, appends, deployment.apps_exited())
    bouncer = deployment.bouncer if deployment else None
    connections_opened = len(sampler.backends)
    if bouncer is None:
        connections_opened = max(connections_opened, sum(p["connections_opened"] for p in pools))
    totals = locust_totals(args.results)
    measured = {
        "failed_requests": totals["failures"],
        "peak_server_connections": sampler.peak,
        "connections_opened": connections_opened,
        "p99_ms": totals["p99_ms"],
        # Without PgBouncer the apps' clients are the server connections themselves.
        "client_connections_peak": sampler.client_peak if bouncer else sampler.peak,
        **(fault or {}),
    }
    criteria = evaluate(
        measured,
        bounds(
            pool_max=settings.max_connections,
            p99_bound_ms=args.p99_bound_ms,
            app_processes=len(pools),
            pgbouncer_pool=bouncer.pool_size if bouncer else None,
            fault=args.fault,
        ),
    )
    return {
        "users": args.users,
        "duration_s": round(elapsed, 1),
        **totals,
        "pgbouncer": bouncer is not None,
        "app_processes": len(pools),
        "locust_processes": args.processes,
        "migrated_at_startup": bool(deployment and deployment.migrated_at_startup),
        "peak_server_connections": sampler.peak,
        "client_connections_peak": measured["client_connections_peak"],
        "connections_opened": connections_opened,
        "pool_checked_out_peak": sampler.pool_checked_out_peak,
        "pool_timeouts": sum(p.get("timeouts", 0) for p in pools),
        "pools": pools,
        "fault": fault,
        "failure_examples": outcomes.failure_examples(),
        "locust_exit_code": locust_exit,
        "criteria": criteria,
        "passed": all_passed(criteria) and locust_exit == 0,
    }


def describe(args: argparse.Namespace) -> str:
    through = ", through PgBouncer" if args.pgbouncer else ""
    fault = f", fault: {args.fault}" if args.fault else ""
    return (
        f"{args.users} users, {args.duration:g} s, "
        f"{args.app_processes} app process(es){through}{fault}"
    )


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
