"""`nox -s loadtest` / `python -m loadtest.run`: SC-002 checked end to end.

Creates a database on the server (DATABASE_URL, else the embedded one), applies the
migrations, seeds 1,000 users x 10 conversations x 20 messages, starts the HTTP app on
127.0.0.1, runs Locust headless (50 users, 60 s by default) while sampling the app's server
connections, then writes loadtest/results/summary.json and Locust's HTML report, prints a table,
and exits non-zero when a criterion fails. Everything it started is stopped, and the database it
created dropped, whatever happens.
"""

from __future__ import annotations

import argparse
import csv
import ipaddress
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path

from faceplate_db.config import Settings, find_project_root, mask_url
from faceplate_db.data.settings import PoolSettings
from faceplate_db.errors import ConfigError, FaceplateError
from loadtest.app import MIGRATE_ON_STARTUP
from loadtest.criteria import all_passed, evaluate
from loadtest.sampler import ConnectionSampler, read_pool
from loadtest.seed import seeded_database

ROOT = find_project_root(Path(__file__).parent)
RESULTS = ROOT / "loadtest" / "results"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
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
    return parser.parse_args(argv)


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(
    database_url: str, application_name: str, pool: dict[str, int], migrate: bool = False
):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "FACEPLATE_APPLICATION_NAME": application_name,
        MIGRATE_ON_STARTUP: "true" if migrate else "false",
    }
    env.update({f"FACEPLATE_{k.upper()}": str(v) for k, v in pool.items()})
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "loadtest.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                read_pool(f"{base}/pool")
                break
            except OSError:
                if app.poll() is not None or time.monotonic() > deadline:
                    raise FaceplateError(f"the app did not start on {base}") from None
                time.sleep(0.1)
        yield base
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()


def run_locust(args: argparse.Namespace, base: str, seed_file: Path) -> int:
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "loadtest" / "locustfile.py"),
        "--host",
        base,
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
    }
    done = subprocess.run(command, cwd=ROOT, env=env, timeout=args.duration + 120)
    return done.returncode


def locust_totals(results: Path) -> dict:
    with open(results / "locust_stats.csv", newline="") as handle:
        (total,) = [row for row in csv.DictReader(handle) if row["Name"] == "Aggregated"]
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
    }


def run(args: argparse.Namespace) -> dict:
    args.results.mkdir(parents=True, exist_ok=True)
    pool = {
        k: v
        for k, v in (("pool_size", args.pool_size), ("max_overflow", args.max_overflow))
        if v is not None
    }
    settings = PoolSettings.validated(database_url="postgresql://unused", **pool)
    application_name = f"faceplate-loadtest-{uuid.uuid4().hex[:6]}"
    with ExitStack() as stack:
        if args.target:
            base, database_url = loopback_only(args.target), None
            seed_file = args.results / "seed.json"
            if not seed_file.exists():
                raise ConfigError(
                    "--target", args.target, f"needs the seed ids of that deployment in {seed_file}"
                )
        else:
            server_url = Settings.resolve(database=args.database).database_url
            print(
                f"load test on {mask_url(server_url)}: {args.users} users, {args.duration:g} s",
                flush=True,
            )
            database_url, info = stack.enter_context(seeded_database(server_url))
            seed_file = args.results / "seed.json"
            info.save(seed_file)
            print(f"seeded {info.messages} messages in {info.seconds:.1f} s", flush=True)
            base = stack.enter_context(
                running_app(database_url, application_name, pool, args.migrate_at_startup)
            )
        sampler = ConnectionSampler(database_url, application_name, pool_url=f"{base}/pool")
        sampler.start()
        stack.callback(sampler.stop)
        started = time.monotonic()
        locust_exit = run_locust(args, base, seed_file)
        elapsed = time.monotonic() - started
        sampler.stop()
        final_pool = read_pool(f"{base}/pool")
    totals = locust_totals(args.results)
    connections_opened = max(final_pool.get("connections_opened", 0), len(sampler.backends))
    criteria = evaluate(
        failures=totals["failures"],
        peak_server_connections=sampler.peak,
        connections_opened=connections_opened,
        p99_ms=totals["p99_ms"],
        max_connections=settings.max_connections,
        p99_bound_ms=args.p99_bound_ms,
    )
    return {
        "users": args.users,
        "duration_s": round(elapsed, 1),
        **totals,
        "peak_server_connections": sampler.peak,
        "connections_opened": connections_opened,
        "pool_checked_out_peak": sampler.pool_checked_out_peak,
        "pool_timeouts": final_pool.get("timeouts", 0),
        "pool": final_pool,
        "locust_exit_code": locust_exit,
        "criteria": criteria,
        "passed": all_passed(criteria) and locust_exit == 0,
    }


def report(summary: dict) -> list[str]:
    lines = [
        f"{'users':<26}{summary['users']}",
        f"{'duration':<26}{summary['duration_s']} s",
        f"{'requests (failed)':<26}{summary['requests']} ({summary['failures']})",
        f"{'throughput':<26}{summary['rps']} req/s",
        f"{'latency p50 / p95 / p99':<26}{summary['p50_ms']:g} / {summary['p95_ms']:g} / {summary['p99_ms']:g} ms",
        f"{'pool checked out, peak':<26}{summary['pool_checked_out_peak']}",
        "criteria:",
    ]
    for name, c in summary["criteria"].items():
        lines.append(
            f"  {name:<24}{c['value']:>8g}  <= {c['bound']:<8g}{'pass' if c['passed'] else 'FAIL'}"
        )
    lines.append("PASSED" if summary["passed"] else "FAILED")
    return lines


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
