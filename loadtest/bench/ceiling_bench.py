"""The ceiling: the chat mix as pgbench scripts (the database's own limit on this machine, with
20 and 50 clients) and the whole stack under Locust (HTTP app + data layer pool), over the
standard seed, for the same fixed time.

`python -m loadtest.bench.ceiling_bench [--duration S] [--database URL]`
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import tempfile
from argparse import Namespace
from pathlib import Path

import psycopg

from faceplate_db.config import Settings, libpq_url
from loadtest import chat_mix
from loadtest.seed import SeedInfo, seeded_database

CLIENTS = (20, 50)
# The data layer's statements, reading their ids from a numbered lookup table so pgbench can
# pick a random (user, conversation) with \set.
PGBENCH_SCRIPTS = {
    "read_messages": (
        "SELECT m.* FROM faceplate.messages m "
        "JOIN faceplate.conversations c ON c.id = m.conversation_id "
        "JOIN bench_ids b ON b.n = :n "
        "WHERE m.conversation_id = b.conversation_id AND c.user_id = b.user_id "
        "ORDER BY m.created_at DESC, m.id DESC LIMIT 50;"
    ),
    "list_conversations": (
        "SELECT c.* FROM faceplate.conversations c JOIN bench_ids b ON b.n = :n "
        "WHERE c.user_id = b.user_id ORDER BY c.updated_at DESC, c.id DESC LIMIT 20;"
    ),
    "append_message": (
        "WITH b AS (SELECT user_id, conversation_id FROM bench_ids WHERE n = :n), "
        "bumped AS (UPDATE faceplate.conversations c SET updated_at = c.updated_at FROM b "
        "WHERE c.id = b.conversation_id AND c.user_id = b.user_id RETURNING c.id) "
        "INSERT INTO faceplate.messages (id, conversation_id, role, content) "
        f"SELECT gen_random_uuid(), id, 'user', '{chat_mix.MESSAGE_TEXT}' FROM bumped;"
    ),
    "enabled_configs": (
        "SELECT g.* FROM faceplate.mcp_configs g JOIN bench_ids b ON b.n = :n "
        "WHERE g.user_id = b.user_id AND g.enabled ORDER BY g.name;"
    ),
}


def pgbench_binary() -> str:
    """The embedded server's pgbench works on a fresh machine; a system one is the fallback."""
    from faceplate_db.embedded import embedded_distribution

    bundled = embedded_distribution().bin_dir() / "pgbench"
    found = str(bundled) if bundled.exists() else shutil.which("pgbench")
    if not found:
        raise RuntimeError(f"pgbench not found ({bundled} or on PATH)")
    return found


def number_the_ids(url: str, info: SeedInfo) -> int:
    pairs = [(u.id, c) for u in info.users for c in u.conversation_ids]
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE bench_ids (n int PRIMARY KEY, user_id uuid NOT NULL, conversation_id uuid NOT NULL)"
        )
        with conn.cursor().copy("COPY bench_ids FROM STDIN") as copy:
            for n, (user_id, conversation_id) in enumerate(pairs, start=1):
                copy.write_row((n, user_id, conversation_id))
        conn.execute("ANALYZE bench_ids")
    return len(pairs)


def run_pgbench(url: str, clients: int, duration_s: float, ids: int, folder: Path) -> dict:
    scripts = []
    for name, sql in PGBENCH_SCRIPTS.items():
        path = folder / f"{name}.sql"
        path.write_text(f"\\set n random(1, {ids})\n{sql}\n")
        scripts += ["-f", f"{path}@{chat_mix.WEIGHTS[name]}"]
    prefix = folder / f"log{clients}"
    done = subprocess.run(
        [
            pgbench_binary(),
            "-n",
            "-M",
            "prepared",
            "-c",
            str(clients),
            "-j",
            "2",
            "-T",
            str(max(1, round(duration_s))),
            "--log",
            f"--log-prefix={prefix}",
            *scripts,
            libpq_url(url),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration_s + 60,
    )
    tps = float(re.search(r"tps = ([\d.]+)", done.stdout).group(1))
    latencies_us = [
        int(line.split()[2])
        for log in folder.glob(f"{prefix.name}*")
        for line in log.read_text().splitlines()
    ]
    cuts = statistics.quantiles(latencies_us, n=100, method="inclusive")
    return {
        "clients": clients,
        "rps": round(tps, 1),
        "p50_ms": round(cuts[49] / 1000, 2),
        "p99_ms": round(cuts[98] / 1000, 2),
    }


def run_locust(database_url: str, duration_s: float) -> dict:
    from loadtest import run as harness

    with tempfile.TemporaryDirectory() as results:
        args = harness.parse_args(
            [
                "--database",
                database_url,
                "--duration",
                f"{duration_s:g}",
                "--p99-bound-ms",
                "100000",
                "--results",
                results,
            ]
        )
        summary = harness.run(args)
    return {
        "users": summary["users"],
        "rps": summary["rps"],
        "p50_ms": summary["p50_ms"],
        "p99_ms": summary["p99_ms"],
        "failures": summary["failures"],
    }


def run(database_url: str, duration_s: float = 10.0) -> dict:
    with seeded_database(database_url, prefix="fp_ceiling") as (url, info):
        ids = number_the_ids(url, info)
        with tempfile.TemporaryDirectory() as folder:
            pgbench = {str(c): run_pgbench(url, c, duration_s, ids, Path(folder)) for c in CLIENTS}
    return {"pgbench": pgbench, "locust_http": run_locust(database_url, duration_s)}


def report(result: dict) -> list[str]:
    return [
        f"pgbench {c} clients: {r['rps']:.0f} req/s, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms"
        for c, r in result["pgbench"].items()
    ] + [
        "Locust over HTTP (50 users): {rps:.0f} req/s, p50 {p50_ms:g} ms, p99 {p99_ms:g} ms".format(
            **result["locust_http"]
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loadtest.bench.ceiling_bench", description=__doc__
    )
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--database", metavar="URL")
    args: Namespace = parser.parse_args(argv)
    print(
        "\n".join(report(run(Settings.resolve(database=args.database).database_url, args.duration)))
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
