"""Schema tool timings: plan_migration (scratch create + load + inspect + diff + cleanup) for the
faceplate schema and for generated schemas of 100 and 1,000 tables, each against an empty live
database, with a breakdown by phase; applying the initial faceplate migration to an empty
database in one transaction; and the faceplate diff once more on every PostgreSQL major there
is a server of (the system one, the embedded wheels), one line each.

Runnable alone: `python -m loadtest.bench.schema_bench [--database URL]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

from faceplate_db import engine
from faceplate_db.config import Settings, find_project_root, libpq_url
from faceplate_db.migrate import scratch
from faceplate_db.migrate.planning import plan_migration

SCHEMA_FILE = find_project_root(Path(__file__).parent) / "schema" / "schema.sql"
# The machine's own PostgreSQL (15 here and in CI), one of the majors the diff is timed on.
SYSTEM_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SYSTEM_URL_ENV = "FACEPLATE_BENCH_SYSTEM_URL"
TARGETS_S = {"faceplate_diff": 1.0, "tables_1000_diff": 5.0, "initial_apply": 0.5}
REPEATS = 3


def generated_schema(tables: int) -> str:
    """A schema of `tables` tables, each with a key, a foreign key to the previous table,
    an index, a check, a default and comments: the shapes the faceplate schema uses."""
    lines = ["CREATE SCHEMA gen;"]
    for n in range(tables):
        parent = f",\n    parent_id bigint REFERENCES gen.t{n - 1} (id)" if n else ""
        lines.append(
            f"CREATE TABLE gen.t{n} (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            f"    name text NOT NULL DEFAULT '' CHECK (length(name) < 200),\n"
            f"    payload jsonb,\n    created_at timestamptz NOT NULL DEFAULT now(){parent}\n);"
        )
        lines.append(f"CREATE INDEX t{n}_created_idx ON gen.t{n} (created_at);")
        lines.append(f"COMMENT ON TABLE gen.t{n} IS 'generated table {n}';")
    return "\n".join(lines) + "\n"


def empty_database(server_url: str):
    return scratch.scratch_database_on(server_url, prefix="fp_bench_")


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def phases(settings: Settings) -> dict[str, float]:
    """plan_migration's steps timed one by one (the same calls it makes)."""
    server = scratch.scratch_server_url(settings)
    out: dict[str, float] = {}
    start = time.perf_counter()
    with scratch.scratch_database_on(server) as url:
        out["scratch_create_s"] = time.perf_counter() - start
        out["load_s"], _ = timed(lambda: scratch.load_schema_file(url, settings.schema_file))
        out["inspect_s"], pair = timed(
            lambda: engine.snapshot_pair(settings.database_url, url, settings.schemas)
        )
        drop_start = time.perf_counter()
    out["scratch_drop_s"] = time.perf_counter() - drop_start
    out["diff_s"], _ = timed(lambda: engine.statements_between(*pair))
    return out


def measure_plan(server_url: str, schema_file: Path, schemas: tuple[str, ...]) -> dict:
    with empty_database(server_url) as live:
        settings = Settings(database_url=live, schema_file=schema_file, schemas=schemas)
        runs = [timed(lambda: plan_migration(settings)) for _ in range(REPEATS)]
        breakdown = phases(settings)
    seconds = statistics.median(run[0] for run in runs)
    return {"seconds": seconds, "statements": len(runs[0][1].statements), **breakdown}


def _apply_statements(live: str, plan) -> None:
    with psycopg.connect(live) as conn, conn.transaction():
        for statement in plan.statements:
            conn.execute(statement.sql)


def _apply_with_tool(live: str, plan, folder: Path) -> None:
    """The apply verb itself (history table, advisory lock, fingerprint checks), without its
    optional final comparison with schema.sql (a scratch diff, measured above)."""
    from faceplate_db.migrate.apply import apply

    apply(
        Settings(database_url=live, schema_file=SCHEMA_FILE, migrations_dir=folder),
        verify_schema=False,
    )


def measure_initial_apply(server_url: str) -> dict:
    """The initial faceplate migration applied to empty databases: through
    faceplate_db.migrate.apply, and as bare statements in one transaction."""
    from faceplate_db.migrate.writing import write_migration

    with empty_database(server_url) as live:
        plan = plan_migration(Settings(database_url=live, schema_file=SCHEMA_FILE))
    bare, tool = [], []
    with tempfile.TemporaryDirectory() as folder:
        write_migration(Path(folder), "initial", plan)
        for _ in range(REPEATS):
            with empty_database(server_url) as live:
                bare.append(timed(lambda live=live: _apply_statements(live, plan))[0])
            with empty_database(server_url) as live:
                tool.append(timed(lambda live=live: _apply_with_tool(live, plan, Path(folder)))[0])
    return {
        "statements": len(plan.statements),
        "bare_statements_s": statistics.median(bare),
        "seconds": statistics.median(tool),
        "method": "faceplate_db.migrate.apply",
    }


def servers_by_major() -> dict[str, str | None]:
    """A server of every supported major: the system one (SYSTEM_POSTGRES_URL) and the
    embedded ones whose wheels are installed; None, with the reason kept, where there is none."""
    from faceplate_db.embedded import MAJOR_ENV, embedded_database_url
    from faceplate_db.embedded.distributions import DISTRIBUTIONS
    from faceplate_db.errors import FaceplateError

    found: dict[str, str | None] = {}
    system = os.environ.get(SYSTEM_URL_ENV, SYSTEM_POSTGRES_URL)
    try:
        with psycopg.connect(libpq_url(system), connect_timeout=2) as conn:
            found[str(conn.info.server_version // 10000)] = system
    except psycopg.Error:
        found["system"] = None
    root = find_project_root(Path(__file__).parent)
    for major in DISTRIBUTIONS:
        try:
            found[str(major)] = embedded_database_url(root, {MAJOR_ENV: str(major)})
        except FaceplateError:
            found[str(major)] = None
    return dict(sorted(found.items()))


def measure_faceplate_diff_by_major() -> dict[str, dict | None]:
    """The faceplate diff on every major, so a regression on one of them shows."""
    return {
        major: measure_plan(url, SCHEMA_FILE, ("faceplate",)) if url else None
        for major, url in servers_by_major().items()
    }


def run(database_url: str) -> dict:
    with psycopg.connect(libpq_url(database_url)) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    result: dict = {"server_version": version, "repeats": REPEATS}
    result["faceplate_diff"] = measure_plan(database_url, SCHEMA_FILE, ("faceplate",))
    with tempfile.TemporaryDirectory() as folder:
        for tables in (100, 1000):
            path = Path(folder) / f"gen_{tables}.sql"
            path.write_text(generated_schema(tables), encoding="utf-8")
            result[f"tables_{tables}_diff"] = measure_plan(database_url, path, ("gen",))
    result["initial_apply"] = measure_initial_apply(database_url)
    result["faceplate_diff_by_major"] = measure_faceplate_diff_by_major()
    result["targets_s"] = TARGETS_S
    by_major = [figures for figures in result["faceplate_diff_by_major"].values() if figures]
    result["targets_met"] = all(
        result[name]["seconds"] < target for name, target in TARGETS_S.items()
    ) and all(figures["seconds"] < TARGETS_S["faceplate_diff"] for figures in by_major)
    return result


def report(result: dict) -> list[str]:
    lines = [
        f"PostgreSQL {result['server_version']}, median of {result['repeats']} runs",
        f"{'measure':<22}{'seconds':>9}{'target':>9}  {'ok':<4}{'statements':>11}  "
        "breakdown (s): create / load / inspect / diff / drop",
    ]
    for name in ("faceplate_diff", "tables_100_diff", "tables_1000_diff", "initial_apply"):
        figures = result[name]
        target = TARGETS_S.get(name)
        verdict = "" if target is None else ("yes" if figures["seconds"] < target else "NO")
        target_text = f"< {target:g}" if target is not None else "-"
        breakdown = ""
        if "load_s" in figures:
            breakdown = " / ".join(
                f"{figures[key]:.3f}"
                for key in ("scratch_create_s", "load_s", "inspect_s", "diff_s", "scratch_drop_s")
            )
        lines.append(
            f"{name:<22}{figures['seconds']:>9.3f}{target_text:>9}  {verdict:<4}"
            f"{figures['statements']:>11}  {breakdown}"
        )
    applied = result["initial_apply"]
    lines.append(
        f"initial apply via {applied['method']}; the bare statements in one transaction take "
        f"{applied['bare_statements_s']:.3f} s"
    )
    slowest = result["tables_1000_diff"]
    ours = sum(
        slowest[key] for key in ("scratch_create_s", "inspect_s", "diff_s", "scratch_drop_s")
    )
    lines.append(
        f"1,000 tables: PostgreSQL executing the schema file takes {slowest['load_s']:.2f} s; "
        f"scratch create + inspection + diff + drop take {ours:.2f} s"
    )
    default = result["faceplate_diff"]["seconds"]
    target = TARGETS_S["faceplate_diff"]
    for major, figures in result["faceplate_diff_by_major"].items():
        if figures is None:
            lines.append(
                f"faceplate_diff on {major:<6} no server (wheel not installed or not answering)"
            )
            continue
        verdict = "yes" if figures["seconds"] < target else "NO"
        lines.append(
            f"faceplate_diff on {major:<6}{figures['seconds']:>9.3f}{f'< {target:g}':>9}  "
            f"{verdict:<4}{figures['statements']:>11}  {figures['seconds'] / default:.2f}x the default server"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.bench.schema_bench")
    parser.add_argument("--database", metavar="URL", help="default: DATABASE_URL, else embedded")
    args = parser.parse_args(argv)
    result = run(Settings.resolve(database=args.database).database_url)
    print("\n".join(report(result)))
    return 0 if result["targets_met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
