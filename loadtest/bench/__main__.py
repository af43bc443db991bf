"""`python -m loadtest.bench`: runs the benchmarks, prints their tables, and writes
loadtest/results/bench.json. Exits non-zero when a benchmark misses its target."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from faceplate_db.config import Settings, find_project_root

RESULTS = find_project_root(Path(__file__).parent) / "loadtest" / "results" / "bench.json"
SECTIONS = ("cli", "schema", "pool", "ceiling")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m loadtest.bench", description=__doc__)
    parser.add_argument(
        "--only", choices=SECTIONS, action="append", help="run only these sections (repeatable)"
    )
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds per load phase (default 10)"
    )
    parser.add_argument(
        "--database", metavar="URL", help="server to use (default: DATABASE_URL, else embedded)"
    )
    return parser.parse_args(argv)


def run_section(name: str, database_url: str, duration_s: float) -> tuple[dict, list[str]]:
    if name == "cli":
        from loadtest.bench import cli_bench

        result = cli_bench.run()
        return result, cli_bench.report(result)
    if name == "schema":
        from loadtest.bench import schema_bench

        result = schema_bench.run(database_url)
        return result, schema_bench.report(result)
    if name == "pool":
        from loadtest.bench import pool_bench

        result = pool_bench.run(database_url, duration_s=duration_s)
        return result, pool_bench.report(result)
    from loadtest.bench import ceiling_bench

    result = ceiling_bench.run(database_url, duration_s=duration_s)
    return result, ceiling_bench.report(result)


def stack_table(results: dict[str, dict]) -> list[str]:
    """One table from the database's ceiling to the whole stack, each against pgbench's best."""
    rows = [(f"pgbench, {c} clients", r) for c, r in results["ceiling"]["pgbench"].items()]
    if "pool" in results:
        rows += [
            ("raw asyncpg pool, 50 tasks", results["pool"]["raw_asyncpg"]),
            ("data layer, 50 tasks", results["pool"]["data_layer"]),
        ]
    rows.append(("data layer over HTTP, Locust 50 users", results["ceiling"]["locust_http"]))
    best = max(r["rps"] for r in results["ceiling"]["pgbench"].values())
    lines = [f"{'path':<40}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'/pgbench':>10}"]
    for label, r in rows:
        lines.append(
            f"{label:<40}{r['rps']:>9.0f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}{r['rps'] / best:>10.2f}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings.resolve(database=args.database)
    results: dict[str, dict] = {}
    for name in args.only or SECTIONS:
        print(f"== {name} ==", flush=True)
        results[name], lines = run_section(name, settings.database_url, args.duration)
        print("\n".join(lines), flush=True)
    if "ceiling" in results:
        print("== the stack, against the database's own ceiling ==")
        print("\n".join(stack_table(results)))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    RESULTS.write_text(json.dumps({**previous, **results}, indent=2) + "\n")
    print(f"wrote {RESULTS}")
    missed = [name for name, result in results.items() if result.get("targets_met") is False]
    if missed:
        print(f"targets missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
